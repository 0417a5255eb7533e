//! CoNLL-U (<https://universaldependencies.org/format.html>): reading treebank files into
//! [`ConlluSentence`]s of basic-tree words, and writing sentences back.
//!
//! Multiword-token range lines (`6-7 don't`) are kept beside the words (the words are what
//! the tree is over); empty nodes (`8.1`, enhanced graphs only) are skipped. `SpaceAfter=No`
//! in MISC is read by [`ConlluWord::space_after`]. A malformed line is an error naming the
//! file and line; [`sentences`] reports it and goes on with the next sentence.

use crate::error::{Error, Result};
use crate::syntax::{DepRel, Upos};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// One syntactic word (a line with an integer ID).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluWord {
    pub form: String,
    pub lemma: String,
    /// `None` for `_`.
    pub upos: Option<Upos>,
    pub xpos: String,
    pub feats: String,
    /// `None` for `_`; 0 is the root, else the 1-based index of the head word.
    pub head: Option<u32>,
    /// `None` for `_`.
    pub deprel: Option<DepRel>,
    pub deps: String,
    pub misc: String,
}

impl ConlluWord {
    /// False when MISC says `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !misc_has_no_space(&self.misc)
    }
}

fn misc_has_no_space(misc: &str) -> bool {
    misc.split('|').any(|f| f == "SpaceAfter=No")
}

/// A multiword token: the surface form of words `first..=last` (0-based word indexes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

/// One sentence: its comment lines, words, and multiword tokens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluSentence {
    /// Comment lines without the leading `#` and one space (`sent_id = x`, `text = ...`).
    pub comments: Vec<String>,
    pub words: Vec<ConlluWord>,
    pub multiword: Vec<MultiwordToken>,
    /// 1-based line of the sentence's first line in its file (0 when built in memory).
    pub line: usize,
}

impl ConlluSentence {
    fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// The `# sent_id = ...` comment.
    pub fn sent_id(&self) -> Option<&str> {
        self.comment("sent_id")
    }

    /// The `# text = ...` comment.
    pub fn text(&self) -> Option<&str> {
        self.comment("text")
    }

    /// The words' forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }

    /// Whether a space follows word `i` in the original text: the multiword token that
    /// ends at `i` decides for its words, else the word's own MISC.
    pub fn space_after(&self, i: usize) -> bool {
        if let Some(m) = self.multiword.iter().find(|m| m.first <= i && i <= m.last) {
            return i == m.last && !misc_has_no_space(&m.misc);
        }
        self.words.get(i).is_none_or(ConlluWord::space_after)
    }
}

/// Reads a whole file; the first malformed line is an error.
pub fn read(path: &Path) -> Result<Vec<ConlluSentence>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    sentences(std::io::BufReader::new(file), path).collect()
}

/// Parses CoNLL-U text; `path` only names the source in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Vec<ConlluSentence>> {
    sentences(text.as_bytes(), path).collect()
}

/// The sentences of `reader`, one by one. A malformed sentence is yielded as an error (with
/// the line of its first bad line) and reading goes on after it.
pub fn sentences<R: BufRead>(
    reader: R,
    path: &Path,
) -> impl Iterator<Item = Result<ConlluSentence>> {
    Sentences {
        lines: reader.lines(),
        path: path.to_path_buf(),
        line: 0,
        done: false,
    }
}

struct Sentences<R> {
    lines: std::io::Lines<R>,
    path: PathBuf,
    line: usize,
    done: bool,
}

impl<R: BufRead> Iterator for Sentences<R> {
    type Item = Result<ConlluSentence>;

    fn next(&mut self) -> Option<Result<ConlluSentence>> {
        if self.done {
            return None;
        }
        let mut s = ConlluSentence::default();
        let mut error: Option<Error> = None;
        loop {
            let raw = match self.lines.next() {
                None => {
                    self.done = true;
                    break;
                }
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(Error::io(&self.path, e)));
                }
                Some(Ok(l)) => l,
            };
            self.line += 1;
            let line = raw.strip_suffix('\r').unwrap_or(&raw);
            if line.trim().is_empty() {
                if s.line != 0 {
                    break;
                }
                continue;
            }
            if s.line == 0 {
                s.line = self.line;
            }
            if error.is_some() {
                continue;
            }
            if let Err(message) = add_line(&mut s, line) {
                error = Some(Error::parse(&self.path, Some(self.line), message));
            }
        }
        if let Some(e) = error {
            return Some(Err(e));
        }
        if s.line == 0 {
            return None;
        }
        Some(
            check_sentence(&s)
                .map(|()| s)
                .map_err(|(line, message)| Error::parse(&self.path, Some(line), message)),
        )
    }
}

/// Adds one non-blank line to the sentence being read.
fn add_line(s: &mut ConlluSentence, line: &str) -> std::result::Result<(), String> {
    if let Some(comment) = line.strip_prefix('#') {
        if !s.words.is_empty() {
            return Err("comment line inside a sentence's words".into());
        }
        s.comments
            .push(comment.strip_prefix(' ').unwrap_or(comment).to_string());
        return Ok(());
    }
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() != 10 {
        return Err(format!(
            "expected 10 tab-separated columns, found {}",
            fields.len()
        ));
    }
    let id = fields[0];
    if fields[1].is_empty() {
        return Err(format!("word {id:?} has an empty FORM"));
    }
    if let Some((a, b)) = id.split_once('-') {
        return add_multiword(s, a, b, fields[1], fields[9]);
    }
    if id.contains('.') {
        // An empty node of the enhanced graph: not part of the basic tree.
        return check_decimal_id(id);
    }
    let n: usize = id
        .parse()
        .map_err(|_| format!("bad word ID {id:?} (expected 1, 2, ..., a range 1-2 or 1.1)"))?;
    if n != s.words.len() + 1 {
        return Err(format!(
            "word ID {n} out of sequence (expected {})",
            s.words.len() + 1
        ));
    }
    s.words.push(parse_word(&fields)?);
    Ok(())
}

fn check_decimal_id(id: &str) -> std::result::Result<(), String> {
    let ok = id
        .split_once('.')
        .is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok());
    if ok {
        Ok(())
    } else {
        Err(format!("bad empty-node ID {id:?}"))
    }
}

fn add_multiword(
    s: &mut ConlluSentence,
    a: &str,
    b: &str,
    form: &str,
    misc: &str,
) -> std::result::Result<(), String> {
    let (Ok(first), Ok(last)) = (a.parse::<usize>(), b.parse::<usize>()) else {
        return Err(format!("bad multiword range {a}-{b}"));
    };
    if first == 0 || first > last || first != s.words.len() + 1 {
        return Err(format!(
            "multiword range {first}-{last} does not start at the next word ({})",
            s.words.len() + 1
        ));
    }
    s.multiword.push(MultiwordToken {
        first: first - 1,
        last: last - 1,
        form: form.to_string(),
        misc: field(misc),
    });
    Ok(())
}

/// `_` stands for an empty field.
fn field(s: &str) -> String {
    if s == "_" {
        String::new()
    } else {
        s.to_string()
    }
}

fn parse_word(f: &[&str]) -> std::result::Result<ConlluWord, String> {
    let upos = match f[3] {
        "_" => None,
        t => Some(Upos::parse(t).ok_or_else(|| format!("unknown UPOS {t:?}"))?),
    };
    let head = match f[6] {
        "_" => None,
        h => Some(
            h.parse::<u32>()
                .map_err(|_| format!("bad HEAD {h:?} (expected a word ID or 0)"))?,
        ),
    };
    let deprel = match f[7] {
        "_" => None,
        d => Some(DepRel::parse(d).ok_or_else(|| format!("unknown DEPREL {d:?}"))?),
    };
    Ok(ConlluWord {
        // A FORM or LEMMA of "_" is the underscore itself when the other says so; UD
        // writes the word "_" as FORM "_" with LEMMA "_", so keep forms as they are.
        form: f[1].to_string(),
        lemma: f[2].to_string(),
        upos,
        xpos: field(f[4]),
        feats: field(f[5]),
        head,
        deprel,
        deps: field(f[8]),
        misc: field(f[9]),
    })
}

/// Checks what needs the whole sentence: heads in range, multiword ranges inside it.
/// Returns the line to blame and a message.
fn check_sentence(s: &ConlluSentence) -> std::result::Result<(), (usize, String)> {
    if s.words.is_empty() {
        return Err((s.line, "sentence has comments but no words".into()));
    }
    let n = s.words.len() as u32;
    for (i, w) in s.words.iter().enumerate() {
        if let Some(h) = w.head {
            if h > n || h == i as u32 + 1 {
                return Err((
                    s.line,
                    format!(
                        "word {} has HEAD {h}, outside the sentence's {n} words or itself",
                        i + 1
                    ),
                ));
            }
        }
    }
    if let Some(m) = s.multiword.iter().find(|m| m.last >= s.words.len()) {
        return Err((
            s.line,
            format!(
                "multiword range {}-{} goes past the last word {n}",
                m.first + 1,
                m.last + 1
            ),
        ));
    }
    Ok(())
}

/// Writes one sentence: comments, range lines before their words, words, a blank line.
/// Empty fields are written as `_`; tabs and line breaks inside a field become spaces.
pub fn write_sentence<W: Write + ?Sized>(out: &mut W, s: &ConlluSentence) -> std::io::Result<()> {
    for c in &s.comments {
        writeln!(out, "# {}", clean(c))?;
    }
    let mut multiword = s.multiword.iter().peekable();
    for (i, w) in s.words.iter().enumerate() {
        while let Some(m) = multiword.next_if(|m| m.first <= i) {
            if m.first == i {
                writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    m.first + 1,
                    m.last + 1,
                    or_blank(&m.form),
                    or_blank(&m.misc)
                )?;
            }
        }
        let head = w.head.map(|h| h.to_string());
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            i + 1,
            or_blank(&w.form),
            or_blank(&w.lemma),
            w.upos.map_or("_", Upos::as_str),
            or_blank(&w.xpos),
            or_blank(&w.feats),
            head.as_deref().unwrap_or("_"),
            w.deprel.map_or("_", DepRel::as_str),
            or_blank(&w.deps),
            or_blank(&w.misc)
        )?;
    }
    writeln!(out)
}

fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

fn or_blank(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_empty() {
        "_".into()
    } else {
        clean(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = t-1\n# text = They didn't go.\n\
1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t3:nsubj\t_\n\
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tgo\tgo\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n\
4.1\tgone\tgo\tVERB\t_\t_\t_\t_\t4:conj\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\n";

    fn p(text: &str) -> Result<Vec<ConlluSentence>> {
        parse(text, Path::new("x.conllu"))
    }

    #[test]
    fn reads_words_skipping_ranges_and_empty_nodes() {
        let s = &p(SAMPLE).unwrap()[0];
        assert_eq!(s.forms(), ["They", "did", "n't", "go", "."]);
        assert_eq!(s.sent_id(), Some("t-1"));
        assert_eq!(s.text(), Some("They didn't go."));
        assert_eq!(s.multiword[0].first, 1);
        assert_eq!(s.multiword[0].last, 2);
        assert_eq!(s.words[3].head, Some(0));
        assert_eq!(s.words[3].deprel, Some(DepRel::Root));
        assert_eq!(s.words[0].upos, Some(Upos::Pron));
        assert_eq!(s.line, 1);
        let spaces: Vec<bool> = (0..5).map(|i| s.space_after(i)).collect();
        assert_eq!(spaces, [true, false, true, false, true]);
    }

    #[test]
    fn writes_what_it_reads() {
        let sentences = p(SAMPLE).unwrap();
        let mut out = Vec::new();
        write_sentence(&mut out, &sentences[0]).unwrap();
        let again = p(std::str::from_utf8(&out).unwrap()).unwrap();
        assert_eq!(again, sentences);
        // The empty node is gone; everything else is line for line the input.
        let expected: String = SAMPLE
            .lines()
            .filter(|l| !l.starts_with("4.1"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn bad_lines_name_their_line() {
        let cases = [
            ("1\tA\ta\tNOUN\t_\t_\t0\troot\t_\n", 1, "10 tab-separated"),
            (
                "# c\n1\tA\ta\tNOUX\t_\t_\t0\troot\t_\t_\n",
                2,
                "unknown UPOS",
            ),
            (
                "1\tA\ta\tNOUN\t_\t_\t0\troot\t_\t_\n3\tB\tb\tNOUN\t_\t_\t1\tdep\t_\t_\n",
                2,
                "out of sequence",
            ),
            ("1\tA\ta\tNOUN\t_\t_\tx\troot\t_\t_\n", 1, "bad HEAD"),
            ("1\tA\ta\tNOUN\t_\t_\t0\tbogus\t_\t_\n", 1, "unknown DEPREL"),
            ("1\tA\ta\tNOUN\t_\t_\t5\troot\t_\t_\n", 1, "outside"),
            (
                "1-3\tAB\t_\t_\t_\t_\t_\t_\t_\t_\n1\tA\ta\tNOUN\t_\t_\t0\troot\t_\t_\n",
                1,
                "goes past",
            ),
            (
                "1\tA\ta\tNOUN\t_\t_\t0\troot\t_\t_\n# late\n",
                2,
                "comment line inside",
            ),
            ("1.x\tA\ta\tNOUN\t_\t_\t0\troot\t_\t_\n", 1, "empty-node ID"),
        ];
        for (text, line, message) in cases {
            let e = p(text).unwrap_err().to_string();
            assert!(
                e.starts_with(&format!("x.conllu:{line}: ")) && e.contains(message),
                "{text:?}: {e}"
            );
        }
    }

    #[test]
    fn a_bad_sentence_does_not_stop_the_rest() {
        let text = format!("1\tA\ta\tNOUX\t_\t_\t0\troot\t_\t_\n\n{SAMPLE}\n\n\n");
        let all: Vec<_> = sentences(text.as_bytes(), Path::new("y")).collect();
        assert_eq!(all.len(), 2);
        assert!(all[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("y:1: "));
        assert_eq!(all[1].as_ref().unwrap().line, 3);
    }

    #[test]
    fn crlf_blank_fields_and_no_trailing_blank_line() {
        let text = "1\tA\t_\t_\t_\t_\t_\t_\t_\t_\r\n2\tb\tb\tX\t_\t_\t1\tdep\t_\t_";
        let s = &p(text).unwrap()[0];
        assert_eq!(s.words[0].upos, None);
        assert_eq!(s.words[0].head, None);
        assert_eq!(s.words[1].head, Some(1));
        assert_eq!(s.words[0].lemma, "_");
        assert!(p("").unwrap().is_empty());
        assert!(p("\n\n").unwrap().is_empty());
    }
}

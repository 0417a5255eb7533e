//! Segmentation: boilerplate lines, sentences and tokens, all as byte spans into the
//! article text (which is never modified).
//!
//! Reads `Doc::article`; assigns `Doc::boilerplate`, `Doc::sentences`, `Doc::tokens`.
//!
//! Lines are segmented separately (a headline or a bullet never runs into the next line),
//! except that a line starting with a lowercase letter continues the previous one (hard
//! wrapped text). Inside a block, sentence boundaries come from the `sentencex` crate,
//! which knows abbreviations such as "U.S.", "Gen.", "Mr." and "Jan." and quotes.

use crate::doc::{Doc, Sentence, Span, Token};

/// Splits text into sentences and tokens and marks boilerplate.
#[derive(Debug, Default, Clone)]
pub struct Segmenter;

/// Lines that repeat the title (the reader sets it: metadata, or a text file's first
/// line) are boilerplate too.
///
/// Lines that carry no news content: share widgets, bylines of blog templates, comment
/// prompts. Compared case-insensitively against the start of a trimmed line.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "post author",
    "post category",
    "post comments",
    "posted in",
    "posted on",
    "leave a reply",
    "leave a comment",
    "share this",
    "share on",
    "like this:",
    "click to share",
    "click to print",
    "click to email",
    "related posts",
    "tags:",
    "filed under",
    "subscribe to",
    "sign up for",
    "follow us on",
    "you may also like",
    "read more:",
    "advertisement",
    "copyright ©",
    "all rights reserved",
];

impl Segmenter {
    pub fn apply(&self, doc: &mut Doc) {
        let text = doc.article.text.as_str();
        let lines = lines(text);
        let title = doc
            .article
            .title
            .clone()
            .map(|t| normalize_line(&t))
            .filter(|t| !t.is_empty());
        let mut boilerplate = Vec::new();
        let mut blocks: Vec<Span> = Vec::new();
        let mut first_content = true;
        for l in &lines {
            let raw = &text[l.start..l.end];
            let norm = normalize_line(raw);
            if norm.is_empty() {
                continue;
            }
            let is_title = title.as_deref() == Some(norm.as_str());
            if is_title || is_boilerplate(&norm) {
                boilerplate.push(*l);
                first_content = false;
                continue;
            }
            let trimmed = trim_span(text, *l);
            let continues = !first_content
                && blocks
                    .last()
                    .is_some_and(|b| text[b.end..l.start].matches('\n').count() == 1)
                && starts_lowercase(&text[trimmed.start..trimmed.end]);
            if continues {
                blocks.last_mut().unwrap().end = trimmed.end;
            } else {
                blocks.push(trimmed);
            }
            first_content = false;
        }
        let mut sentences = Vec::new();
        let mut tokens = Vec::new();
        for b in blocks {
            for s in split_sentences(text, b) {
                let start = tokens.len();
                let sid = sentences.len();
                tokenize_into(text, s, sid, &mut tokens);
                if tokens.len() > start {
                    sentences.push(Sentence {
                        span: s,
                        tokens: start..tokens.len(),
                    });
                }
            }
        }
        doc.boilerplate = boilerplate;
        doc.sentences = sentences;
        doc.tokens = tokens;
    }
}

/// Byte spans of lines, without the line terminator.
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            out.push(Span::new(start, end));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

fn normalize_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_start_matches(['•', '*', '·', '-', '–'])
        .trim()
        .to_string()
}

fn is_boilerplate(norm: &str) -> bool {
    let lower = norm.to_lowercase();
    BOILERPLATE_PREFIXES.iter().any(|p| lower.starts_with(p))
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

fn trim_span(text: &str, s: Span) -> Span {
    let slice = &text[s.start..s.end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail >= slice.len() {
        return Span::new(s.start, s.start);
    }
    Span::new(s.start + lead, s.end - trail)
}

/// Sentence spans inside a block, trimmed of surrounding whitespace.
fn split_sentences(text: &str, block: Span) -> Vec<Span> {
    let slice = &text[block.start..block.end];
    // Very long blocks (a whole corpus on one line) are cut at a safe size first so the
    // splitter's work stays linear; a cut lands on whitespace.
    const CHUNK: usize = 64 * 1024;
    let mut out = Vec::new();
    let mut offset = 0;
    while offset < slice.len() {
        let mut end = (offset + CHUNK).min(slice.len());
        if end < slice.len() {
            while end > offset && !slice.is_char_boundary(end) {
                end -= 1;
            }
            if let Some(ws) = slice[offset..end].rfind(char::is_whitespace) {
                if ws > 0 {
                    end = offset + ws;
                }
            }
        }
        let part = &slice[offset..end];
        for b in sentencex::get_sentence_boundaries("en", part) {
            let s = trim_span(
                text,
                Span::new(
                    block.start + offset + b.start_byte,
                    block.start + offset + b.end_byte,
                ),
            );
            if !s.is_empty() {
                out.push(s);
            }
        }
        offset = end;
    }
    fix_splits(text, out)
}

/// Join sentence pieces that the splitter cut where no sentence ends: after a title
/// abbreviation ("Gen.", "Mr.") or a country abbreviation ("U.S.") followed by a
/// lowercase word or a name.
fn fix_splits(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if let Some(prev) = out.last_mut() {
            let before = &text[prev.start..prev.end];
            let after = &text[s.start..s.end];
            let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let join = (is_abbreviation(last_word)
                && after
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()))
                || is_title_abbreviation(last_word)
                || is_initial(last_word);
            if join {
                prev.end = s.end;
                continue;
            }
        }
        out.push(s);
    }
    out
}

fn is_title_abbreviation(w: &str) -> bool {
    matches!(
        w.trim_start_matches(['(', '"', '“']),
        "Mr."
            | "Mrs."
            | "Ms."
            | "Dr."
            | "Gen."
            | "Lt."
            | "Col."
            | "Sgt."
            | "Capt."
            | "Maj."
            | "Adm."
            | "Gov."
            | "Sen."
            | "Rep."
            | "Rev."
            | "Prof."
            | "Sr."
            | "Jr."
            | "St."
            | "Pres."
            | "Amb."
            | "Cmdr."
            | "Insp."
    )
}

fn is_abbreviation(w: &str) -> bool {
    let w = w.trim_start_matches(['(', '"', '“']);
    is_title_abbreviation(w)
        || matches!(
            w,
            "Jan."
                | "Feb."
                | "Mar."
                | "Apr."
                | "Aug."
                | "Sept."
                | "Sep."
                | "Oct."
                | "Nov."
                | "Dec."
                | "No."
                | "vs."
                | "etc."
                | "Inc."
                | "Corp."
                | "Ltd."
                | "Co."
        )
        || is_dotted_acronym(w)
}

/// A middle initial: "W." in "George W. Bush".
fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

/// "U.S.", "U.N.", "D.C.": single letters each followed by a dot.
pub fn is_dotted_acronym(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4
        && b.len() % 2 == 0
        && b.chunks(2)
            .all(|c| c[0].is_ascii_alphabetic() && c[1] == b'.')
}

/// Token spans of a short text (a table entry), tokenized as article text is.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    tokenize_into(text, Span::new(0, text.len()), 0, &mut out);
    out.into_iter().map(|t| t.span).collect()
}

/// Tokenize one sentence: words (with inner apostrophes and dots of acronyms), numbers
/// (with inner commas and dots), possessive `'s` split off, hyphens and other
/// punctuation as single tokens.
fn tokenize_into(text: &str, s: Span, sentence: usize, out: &mut Vec<Token>) {
    let slice = &text[s.start..s.end];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let n = chars.len();
    let end_of = |i: usize| if i < n { chars[i].0 } else { slice.len() };
    let mut push = |a: usize, b: usize| {
        out.push(Token {
            span: Span::new(s.start + a, s.start + b),
            sentence,
        });
    };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + 1;
            while j < n {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                } else if matches!(cj, '\'' | '’' | '.' | ',')
                    && j + 1 < n
                    && chars[j + 1].1.is_alphanumeric()
                {
                    // Inner apostrophe (O'Brien), inner dot (U.S, 3.5), digit comma (100,000).
                    let prev_digit = chars[j - 1].1.is_ascii_digit();
                    let next_digit = chars[j + 1].1.is_ascii_digit();
                    if cj == ',' && !(prev_digit && next_digit) {
                        break;
                    }
                    if cj == '.'
                        && !(prev_digit && next_digit)
                        && !single_letter_run(&chars, start, j)
                    {
                        break;
                    }
                    j += 2;
                } else {
                    break;
                }
            }
            // Trailing dot of a dotted acronym or a title abbreviation: "U.S.", "Gen."
            if j < n && chars[j].1 == '.' {
                let word = &slice[chars[start].0..end_of(j + 1)];
                if is_dotted_acronym(word) || is_abbreviation(word) || is_initial(word) {
                    j += 1;
                }
            }
            // Split a possessive or contraction suffix: Russia's -> Russia 's; don't -> do n't.
            let word = &slice[chars[start].0..end_of(j)];
            if let Some(cut) = clitic_cut(word) {
                push(chars[start].0, chars[start].0 + cut);
                push(chars[start].0 + cut, end_of(j));
            } else {
                push(chars[start].0, end_of(j));
            }
            i = j;
        } else {
            push(chars[i].0, end_of(i + 1));
            i += 1;
        }
    }
}

/// In "U.S" every piece before `j` is one letter followed by a dot.
fn single_letter_run(chars: &[(usize, char)], start: usize, j: usize) -> bool {
    // chars[start..j] must look like L(.L)* with single letters.
    let piece: Vec<char> = chars[start..j].iter().map(|c| c.1).collect();
    piece.iter().enumerate().all(|(k, c)| {
        if k % 2 == 0 {
            c.is_alphabetic()
        } else {
            *c == '.'
        }
    })
}

/// Byte index where a clitic starts: "'s", "’s", "n't".
fn clitic_cut(word: &str) -> Option<usize> {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            return Some(word.len() - suffix.len());
        }
    }
    for suffix in ["n't", "n’t"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            return Some(word.len() - suffix.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Article;

    /// As the text reader does: the first non-empty line is the title.
    fn seg(text: &str) -> Doc {
        let title = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(String::from);
        let mut d = Doc::new(Article {
            id: "t".into(),
            text: text.into(),
            title,
            ..Default::default()
        });
        Segmenter.apply(&mut d);
        d
    }

    fn sentences(d: &Doc) -> Vec<&str> {
        d.sentences.iter().map(|s| d.slice(s.span)).collect()
    }

    fn tokens(d: &Doc) -> Vec<&str> {
        d.tokens.iter().map(|t| d.slice(t.span)).collect()
    }

    #[test]
    fn abbreviations_and_quotes_do_not_end_sentences() {
        let d = seg("Title\n\nWendy Sherman, the U.S. deputy secretary of state, met Gen. Mark Milley on Jan. 5. Mr. Ryabkov said: “We are ready.” Then he left.");
        assert_eq!(
            sentences(&d),
            vec![
                "Wendy Sherman, the U.S. deputy secretary of state, met Gen. Mark Milley on Jan. 5.",
                "Mr. Ryabkov said: “We are ready.”",
                "Then he left."
            ]
        );
    }

    #[test]
    fn tokens_keep_acronyms_and_split_possessives() {
        let d =
            seg("Headline\nThe U.S. and Ukraine’s 100,000 troops, NATO-Russia talks don't stop.");
        assert_eq!(
            tokens(&d),
            vec![
                "The", "U.S.", "and", "Ukraine", "’s", "100,000", "troops", ",", "NATO", "-",
                "Russia", "talks", "do", "n't", "stop", "."
            ]
        );
    }

    #[test]
    fn title_repeats_and_widgets_are_boilerplate() {
        let text = "Big news today\n\nBig news today\n\n  • Post author:\n  • Post category:News\n\nReal text here.\n\nLeave a Reply";
        let d = seg(text);
        assert_eq!(sentences(&d), vec!["Real text here."]);
        assert_eq!(d.boilerplate.len(), 5);
    }

    #[test]
    fn lines_do_not_run_together_but_wrapped_lines_do() {
        let d = seg("T\nA headline without a stop\nBody starts here and\ncontinues here.");
        assert_eq!(
            sentences(&d),
            vec![
                "A headline without a stop",
                "Body starts here and\ncontinues here."
            ]
        );
    }

    #[test]
    fn empty_and_whitespace_texts_give_nothing() {
        assert!(seg("").sentences.is_empty());
        assert!(seg(" \n\t\n").tokens.is_empty());
    }
}

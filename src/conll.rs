//! CoNLL-2003 data: reading `TOKEN POS CHUNK NER` files into [`Sentence`]s, and scoring a
//! tagger the CoNLL way (a predicted entity counts only if its span and type both match a
//! gold entity exactly), per type, overall, and over PER/ORG/LOC without MISC; and the
//! whole recognizer scored the same way ([`evaluate_pipeline`], our types mapped onto
//! CoNLL's).
//!
//! Tags may be IOB2 (every entity opens with `B-`) or IOB1 (`B-` only between two adjacent
//! entities of one type); both are read into IOB2. `-DOCSTART-` lines separate documents.

use crate::doc::{
    Article, Doc, EntityKind, MentionForm, MentionSource, Sentence as DocSentence, Span, Token,
};
use crate::recognize::tagger::Tagger;
pub use crate::recognize::tagger::{NerLabel, Sentence, Tag};
use crate::recognize::Recognizer;
use crate::{Error, Result};
use serde::Serialize;
use std::fmt;
use std::path::Path;

/// Reads a CoNLL-2003 file. Gazetteer flags are left at zero (see [`lexicon_flags`]).
pub fn read(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&text, path)
}

/// Parses CoNLL text; `path` only names the source in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Sentence>> {
    let mut sentences = Vec::new();
    let mut current = Sentence {
        words: Vec::new(),
        tags: Vec::new(),
        flags: Vec::new(),
        doc: 0,
    };
    let mut doc = 0usize;
    let mut seen_docstart = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let mut fields = line.split_whitespace();
        let Some(token) = fields.next() else {
            flush(&mut current, &mut sentences, doc);
            continue;
        };
        if token == "-DOCSTART-" {
            flush(&mut current, &mut sentences, doc);
            if seen_docstart {
                doc += 1;
            }
            seen_docstart = true;
            continue;
        }
        let Some(raw) = fields.next_back() else {
            return Err(Error::parse(
                path,
                Some(n + 1),
                format!("expected `TOKEN ... NER-TAG`, found only {token:?}"),
            ));
        };
        let tag = Tag::parse(raw).ok_or_else(|| {
            Error::parse(
                path,
                Some(n + 1),
                format!("unknown NER tag {raw:?} (expected O, B-X or I-X with X in PER, ORG, LOC, MISC)"),
            )
        })?;
        let tag = to_iob2(current.tags.last().copied(), tag);
        current.words.push(token.to_string());
        current.tags.push(tag);
    }
    flush(&mut current, &mut sentences, doc);
    Ok(sentences)
}

fn flush(current: &mut Sentence, out: &mut Vec<Sentence>, doc: usize) {
    if !current.words.is_empty() {
        let mut s = std::mem::replace(
            current,
            Sentence {
                words: Vec::new(),
                tags: Vec::new(),
                flags: Vec::new(),
                doc,
            },
        );
        s.flags = vec![0; s.words.len()];
        s.doc = doc;
        out.push(s);
    }
}

/// An `I-x` that does not continue an `x` entity opens one (IOB1 -> IOB2).
fn to_iob2(prev: Option<Tag>, tag: Tag) -> Tag {
    match (prev, tag) {
        (Some(Tag::B(p) | Tag::I(p)), Tag::I(l)) if p == l => tag,
        (_, Tag::I(l)) => Tag::B(l),
        _ => tag,
    }
}

/// Gazetteer flags for each word from the built-in lexicon
/// ([`Lexicon::word_flags`](crate::lexicon::Lexicon::word_flags)), as the built-in model
/// was trained with them.
pub fn lexicon_flags(words: &[&str]) -> Vec<u8> {
    let lexicon = crate::lexicon::Lexicon::builtin();
    words.iter().map(|w| lexicon.word_flags(w)).collect()
}

/// Fills `flags` of every sentence with [`lexicon_flags`].
pub fn add_lexicon_flags(sentences: &mut [Sentence]) {
    for s in sentences {
        s.flags = lexicon_flags(&s.word_refs());
    }
}

/// The entities of a tag sequence as `(start, end, label)`, conlleval's way: an entity
/// opens at `B-x`, or at `I-x` not preceded by an `x` tag, and runs over following `I-x`.
pub fn entities(tags: &[Tag]) -> Vec<(usize, usize, NerLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerLabel)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = matches!((t, open), (Tag::I(l), Some((_, o))) if l == o);
        if !continues {
            if let Some((start, label)) = open.take() {
                out.push((start, i, label));
            }
            open = t.label().map(|l| (i, l));
        }
    }
    if let Some((start, label)) = open {
        out.push((start, tags.len(), label));
    }
    out
}

/// Counts for one entity type (or a group of types): the same counts as the gold
/// evaluation's.
pub use crate::eval::Counts as TypeScore;

/// The CoNLL scores of a tagger on a set of sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllReport {
    pub sentences: usize,
    pub tokens: usize,
    /// Tokens whose predicted tag equals the gold tag.
    pub tokens_correct: usize,
    /// Indexed by [`NerLabel::index`]: PER, ORG, LOC, MISC.
    pub per_type: [TypeScore; 4],
}

impl ConllReport {
    /// Adds one sentence's gold and predicted tags (same length).
    pub fn add_sentence(&mut self, gold: &[Tag], predicted: &[Tag]) {
        self.sentences += 1;
        self.tokens += gold.len();
        self.tokens_correct += gold.iter().zip(predicted).filter(|(g, p)| g == p).count();
        let gold_entities = entities(gold);
        let predicted_entities = entities(predicted);
        for &(_, _, l) in &gold_entities {
            self.per_type[l.index()].gold += 1;
        }
        for e in &predicted_entities {
            self.per_type[e.2.index()].predicted += 1;
            if gold_entities.contains(e) {
                self.per_type[e.2.index()].correct += 1;
            }
        }
    }

    /// Adds one sentence scored from entities (the whole recognizer's): gold tags for
    /// token accuracy, gold entities, and predicted ones over the same words.
    pub fn add_entities(
        &mut self,
        gold_tags: &[Tag],
        gold: &[(usize, usize, NerLabel)],
        predicted: &[WordEntity],
    ) {
        self.sentences += 1;
        self.tokens += gold_tags.len();
        let mut tags = vec![Tag::O; gold_tags.len()];
        for p in predicted.iter().filter(|p| p.exact) {
            tags[p.start] = Tag::B(p.label);
            for t in &mut tags[p.start + 1..p.end] {
                *t = Tag::I(p.label);
            }
        }
        self.tokens_correct += gold_tags.iter().zip(&tags).filter(|(g, p)| g == p).count();
        for &(_, _, l) in gold {
            self.per_type[l.index()].gold += 1;
        }
        for p in predicted {
            self.per_type[p.label.index()].predicted += 1;
            if p.exact && gold.contains(&(p.start, p.end, p.label)) {
                self.per_type[p.label.index()].correct += 1;
            }
        }
    }

    pub fn of(&self, label: NerLabel) -> TypeScore {
        self.per_type[label.index()]
    }

    /// All four types together (the standard CoNLL-2003 figure).
    pub fn all(&self) -> TypeScore {
        self.per_type
            .iter()
            .fold(TypeScore::default(), |a, &b| a + b)
    }

    /// PER, ORG and LOC together, without MISC.
    pub fn plo(&self) -> TypeScore {
        self.per_type[..3]
            .iter()
            .fold(TypeScore::default(), |a, &b| a + b)
    }

    pub fn f1_all(&self) -> f64 {
        self.all().f1()
    }

    pub fn f1_plo(&self) -> f64 {
        self.plo().f1()
    }

    pub fn token_accuracy(&self) -> f64 {
        crate::eval::ratio(self.tokens_correct, self.tokens)
    }
}

/// Tags every sentence of a CoNLL file (with [`lexicon_flags`]) and scores the result.
pub fn evaluate(path: &Path, tagger: &Tagger) -> Result<ConllReport> {
    let mut sentences = read(path)?;
    add_lexicon_flags(&mut sentences);
    Ok(score(&sentences, tagger))
}

/// Scores `tagger` on sentences already read (their `flags` are used as given), the
/// sentences of each document tagged together ([`Tagger::tag_document_bio`]).
pub fn score(sentences: &[Sentence], tagger: &Tagger) -> ConllReport {
    let mut report = ConllReport::default();
    for doc in sentences.chunk_by(|a, b| a.doc == b.doc) {
        let words: Vec<Vec<&str>> = doc.iter().map(Sentence::word_refs).collect();
        let input: Vec<(&[&str], &[u8])> = words
            .iter()
            .zip(doc)
            .map(|(w, s)| (&w[..], &s.flags[..]))
            .collect();
        for (s, predicted) in doc.iter().zip(tagger.tag_document_bio(&input)) {
            report.add_sentence(&s.tags, &predicted);
        }
    }
    report
}

impl fmt::Display for ConllReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<12} {:>6} {:>6} {:>7} {:>9} {:>7} {:>7}",
            "type", "gold", "pred", "correct", "precision", "recall", "f1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: TypeScore| {
            writeln!(
                f,
                "{:<12} {:>6} {:>6} {:>7} {:>9.4} {:>7.4} {:>7.4}",
                name,
                s.gold,
                s.predicted,
                s.correct,
                s.precision(),
                s.recall(),
                s.f1()
            )
        };
        for l in NerLabel::ALL {
            row(f, l.conll_name(), self.of(l))?;
        }
        row(f, "PER+ORG+LOC", self.plo())?;
        row(f, "all", self.all())?;
        write!(
            f,
            "{} sentences, {} tokens, token accuracy {:.4}",
            self.sentences,
            self.tokens,
            self.token_accuracy()
        )
    }
}

/// The whole recognizer ([`Recognizer`]: tables, rules and tagger) scored on CoNLL text.
///
/// Each CoNLL document becomes one article: its words joined by spaces, one sentence per
/// line, each word tokenized as article text is (so "Jean-Claude" is three tokens, as in
/// real use) and sentence and token boundaries taken from the file. Our types map onto
/// CoNLL's: person -> PER, organization -> ORG, country and location -> LOC, a country
/// demonym ("German", "Russian") -> MISC (CoNLL tags nationalities MISC); positions
/// (titles, which CoNLL leaves untagged) and pronouns are not scored. The recognizer has
/// no other MISC type, so gold MISC entities other than demonyms are misses in the `all`
/// row; PER+ORG+LOC leaves MISC out on both sides. A mention that starts or ends inside a
/// CoNLL word ("Russian" of "Russian-backed") counts as predicted and wrong.
pub struct PipelineScore {
    pub report: ConllReport,
    /// Per document: gold and predicted entities that differ, for `-v`.
    pub misses: Vec<String>,
}

/// Runs `recognizer` over every document of a CoNLL file and scores its mentions.
pub fn evaluate_pipeline(path: &Path, recognizer: &Recognizer) -> Result<PipelineScore> {
    let sentences = read(path)?;
    let mut report = ConllReport::default();
    let mut misses = Vec::new();
    let mut start = 0;
    while start < sentences.len() {
        let doc_id = sentences[start].doc;
        let end = start
            + sentences[start..]
                .iter()
                .take_while(|s| s.doc == doc_id)
                .count();
        let docs = &sentences[start..end];
        let predicted = pipeline_entities(docs, recognizer);
        for (s, pred) in docs.iter().zip(&predicted) {
            let gold = entities(&s.tags);
            report.add_entities(&s.tags, &gold, pred);
            list_misses(s, &gold, pred, &mut misses);
        }
        start = end;
    }
    Ok(PipelineScore { report, misses })
}

/// A predicted entity over CoNLL words; `exact` is false when a boundary falls inside a
/// word (it then never matches gold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordEntity {
    pub start: usize,
    pub end: usize,
    pub label: NerLabel,
    pub exact: bool,
    /// Which part of the recognizer found it (listed with `-v`).
    pub source: MentionSource,
}

/// One document's sentences as a [`Doc`], recognized; entities per sentence.
fn pipeline_entities(sentences: &[Sentence], recognizer: &Recognizer) -> Vec<Vec<WordEntity>> {
    let mut text = String::new();
    // Byte span of every word, per sentence.
    let mut word_spans: Vec<Vec<Span>> = Vec::with_capacity(sentences.len());
    let mut doc = Doc::default();
    for (si, s) in sentences.iter().enumerate() {
        if si > 0 {
            text.push('\n');
        }
        let sentence_start = text.len();
        let first_token = doc.tokens.len();
        let mut spans = Vec::with_capacity(s.words.len());
        for (wi, w) in s.words.iter().enumerate() {
            if wi > 0 {
                text.push(' ');
            }
            let at = text.len();
            text.push_str(w);
            spans.push(Span::new(at, text.len()));
            let pieces = crate::segment::tokenize(w);
            if pieces.is_empty() {
                doc.tokens.push(Token::new(Span::new(at, text.len()), si));
            }
            for p in pieces {
                doc.tokens
                    .push(Token::new(Span::new(at + p.start, at + p.end), si));
            }
        }
        doc.sentences.push(DocSentence {
            span: Span::new(sentence_start, text.len()),
            tokens: first_token..doc.tokens.len(),
            parsed: false,
        });
        word_spans.push(spans);
    }
    doc.article = Article {
        id: format!("conll-doc-{}", sentences.first().map_or(0, |s| s.doc)),
        text,
        ..Article::default()
    };
    recognizer.apply(&mut doc);
    let mut out = vec![Vec::new(); sentences.len()];
    for m in &doc.mentions {
        let Some(label) = conll_label(m.kind, m.form) else {
            continue;
        };
        let spans = &word_spans[m.sentence];
        let first = spans.iter().position(|w| w.end > m.span.start);
        let last = spans.iter().rposition(|w| w.start < m.span.end);
        let (Some(a), Some(b)) = (first, last) else {
            continue;
        };
        out[m.sentence].push(WordEntity {
            start: a,
            end: b + 1,
            label,
            exact: spans[a].start == m.span.start && spans[b].end == m.span.end,
            source: m.source,
        });
    }
    out
}

/// Our type as a CoNLL type (see [`PipelineScore`]); `None` for what CoNLL leaves out.
pub fn conll_label(kind: EntityKind, form: MentionForm) -> Option<NerLabel> {
    match (kind, form) {
        (_, MentionForm::Pronoun) | (EntityKind::Position, _) => None,
        (EntityKind::Country, MentionForm::Demonym) => Some(NerLabel::Misc),
        (EntityKind::Person, _) => Some(NerLabel::Per),
        (EntityKind::Organization, _) => Some(NerLabel::Org),
        (EntityKind::Country | EntityKind::Location, _) => Some(NerLabel::Loc),
    }
}

fn list_misses(
    s: &Sentence,
    gold: &[(usize, usize, NerLabel)],
    predicted: &[WordEntity],
    out: &mut Vec<String>,
) {
    let text = |a: usize, b: usize| s.words[a..b].join(" ");
    let mut lines = Vec::new();
    for &(a, b, l) in gold {
        if !predicted
            .iter()
            .any(|p| p.exact && (p.start, p.end, p.label) == (a, b, l))
        {
            lines.push(format!("  missed {l:<4} {}", text(a, b)));
        }
    }
    for p in predicted {
        if !(p.exact && gold.contains(&(p.start, p.end, p.label))) {
            let note = if p.exact { "" } else { " (inside a word)" };
            lines.push(format!(
                "  wrong  {:<4} {}{note} [{:?}]",
                p.label,
                text(p.start, p.end),
                p.source
            ));
        }
    }
    if !lines.is_empty() {
        out.push(format!(
            "doc {}: {}\n{}",
            s.doc,
            s.words.join(" "),
            lines.join("\n")
        ));
    }
}

#[derive(Serialize)]
struct ScoreJson {
    gold: usize,
    predicted: usize,
    correct: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

impl From<TypeScore> for ScoreJson {
    fn from(s: TypeScore) -> ScoreJson {
        ScoreJson {
            gold: s.gold,
            predicted: s.predicted,
            correct: s.correct,
            precision: s.precision(),
            recall: s.recall(),
            f1: s.f1(),
        }
    }
}

#[derive(Serialize)]
struct ReportJson {
    sentences: usize,
    tokens: usize,
    token_accuracy: f64,
    per: ScoreJson,
    org: ScoreJson,
    loc: ScoreJson,
    misc: ScoreJson,
    plo: ScoreJson,
    all: ScoreJson,
}

/// As `{"sentences","tokens","token_accuracy","per","org","loc","misc","plo","all"}`, each
/// score with gold, predicted, correct, precision, recall and f1.
impl Serialize for ConllReport {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        ReportJson {
            sentences: self.sentences,
            tokens: self.tokens,
            token_accuracy: self.token_accuracy(),
            per: self.of(NerLabel::Per).into(),
            org: self.of(NerLabel::Org).into(),
            loc: self.of(NerLabel::Loc).into(),
            misc: self.of(NerLabel::Misc).into(),
            plo: self.plo().into(),
            all: self.all().into(),
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_tag_names_file_and_line() {
        let err = parse(
            "EU NNP B-NP B-ORG\nrejects VBZ B-VP B-FOO\n",
            Path::new("x.txt"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("x.txt:2"), "{err}");
    }

    #[test]
    fn entities_follow_conlleval() {
        let tags = ["B-PER", "I-PER", "I-ORG", "O", "I-LOC", "I-LOC", "B-LOC"]
            .map(|t| Tag::parse(t).unwrap());
        assert_eq!(
            entities(&tags),
            vec![
                (0, 2, NerLabel::Per),
                (2, 3, NerLabel::Org),
                (4, 6, NerLabel::Loc),
                (6, 7, NerLabel::Loc)
            ]
        );
    }
}

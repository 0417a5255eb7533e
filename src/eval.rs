//! Scoring extraction against gold annotations: the gold file format ([`GoldDoc`]),
//! its loader and checks, and the scores `newsgraph eval` prints ([`EvalReport`]).
//!
//! What is scored, per article and summed over articles (micro-averaged):
//! - **mentions**: exact character span and type; also span + type + entity id;
//! - **entities**: the set of entity ids an article mentions;
//! - **relations**: distinct (source, type, target, modality) tuples; also ignoring modality.
//!
//! Everything is compared as sets, so a relation stated three times counts once, as in the
//! gold. Symmetric relations are compared with source < target whichever way they were
//! written. Precision, recall and F1 are 0 when their denominator is 0.
//!
//! Gold of articles that are not ours to copy (the BBC corpus: `data/bbc-dev`) names its
//! article by [`GoldDoc::path`] under a corpus directory and pins the file's bytes with
//! [`GoldDoc::sha256`]; its mentions carry no `text`. `eval` reads exactly those files
//! ([`corpus_file`]) and refuses one whose checksum differs ([`check_checksum`]): its
//! offsets would be stale.

use crate::doc::{Article, EntityKind, Modality, RelationKind};
use crate::error::{Error, Result};
use crate::extract::ExtractedDoc;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// One article's gold annotations, as stored in `data/gold/<id>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDoc {
    pub id: String,
    /// Where the article is, relative to the corpus directory given to `eval`
    /// (`/`-separated; equal to `id`), for gold that holds no article text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// SHA-256 of the article file's bytes (64 lowercase hex digits), given with `path`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    pub mentions: Vec<GoldMention>,
    pub relations: Vec<GoldRelation>,
}

/// A gold mention: character offsets (end-exclusive) into the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldMention {
    pub start: usize,
    pub end: usize,
    /// The covered text; left out by gold that must not hold article text (with `path`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub entity: String,
}

/// A gold relation between two entity ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldRelation {
    pub source: String,
    #[serde(rename = "type")]
    pub kind: RelationKind,
    pub target: String,
    pub modality: Modality,
}

/// The gold file name of an article id: `/` becomes `__`, then `.json`.
pub fn gold_file_name(id: &str) -> String {
    format!("{}.json", id.replace('/', "__"))
}

/// Reads one gold file and checks what can be checked without the article text
/// (see [`GoldDoc::problems`]); any problem is an error naming the file.
pub fn load_gold_file(path: &Path) -> Result<GoldDoc> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let doc: GoldDoc = serde_json::from_str(&text).map_err(|e| {
        Error::parse(
            path,
            Some(e.line()),
            format!("not a gold annotation file: {e}"),
        )
    })?;
    if let Some(problem) = doc.problems(None).into_iter().next() {
        return Err(Error::parse(path, None, problem));
    }
    Ok(doc)
}

/// Reads every `*.json` file of a directory (not recursive), sorted by id. A file whose
/// name is not [`gold_file_name`] of its id, or two files with one id, are errors.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<GoldDoc>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && path.extension().is_some_and(|e| e == "json") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no gold files (*.json) in this directory",
            dir.display()
        )));
    }
    let mut docs: Vec<GoldDoc> = Vec::with_capacity(paths.len());
    for path in &paths {
        let doc = load_gold_file(path)?;
        let expected = gold_file_name(&doc.id);
        if path.file_name().is_some_and(|n| n != expected.as_str()) {
            return Err(Error::parse(
                path,
                None,
                format!("gold for article {:?} must be named {expected}", doc.id),
            ));
        }
        docs.push(doc);
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(w) = docs.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(Error::Usage(format!(
            "{}: two gold files for article {:?}",
            dir.display(),
            w[0].id
        )));
    }
    Ok(docs)
}

/// Whether an entity id is well formed: `person:`, `org:`, `location:` + a slug,
/// `country:` + three capital letters, `position:` + a slug and an optional `@scope`.
pub fn is_well_formed_id(id: &str) -> bool {
    let Some((prefix, rest)) = id.split_once(':') else {
        return false;
    };
    match prefix {
        "person" | "org" | "location" => is_slug(rest),
        "country" => is_iso3(rest),
        "position" => match rest.split_once('@') {
            Some((title, scope)) => is_slug(title) && (is_iso3(scope) || is_slug(scope)),
            None => is_slug(rest),
        },
        _ => false,
    }
}

/// A slug in its canonical form (what [`crate::doc::slug`] makes of it is itself).
fn is_slug(s: &str) -> bool {
    !s.is_empty() && crate::doc::slug(s) == s
}

fn is_iso3(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

impl GoldDoc {
    /// Everything wrong with this gold document, as messages; empty when it is sound.
    /// With the article `text`, also checks every span against it: inside the article,
    /// and `text[start..end] == mention.text` (in characters) when the mention has a text.
    pub fn problems(&self, text: Option<&str>) -> Vec<String> {
        let mut out = Vec::new();
        match (&self.path, &self.sha256) {
            (Some(path), Some(sha)) => {
                if let Some(p) = path_problem(path) {
                    out.push(format!("path {path:?}: {p}"));
                }
                if path != &self.id {
                    out.push(format!("path {path:?} differs from the id {:?}", self.id));
                }
                if sha.len() != 64 || !sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                    out.push(format!("sha256 {sha:?} is not 64 lowercase hex digits"));
                }
            }
            (Some(_), None) => out.push("a path without its sha256".into()),
            (None, Some(_)) => out.push("a sha256 without a path".into()),
            (None, None) => {}
        }
        let chars: Option<Vec<char>> = text.map(|t| t.chars().collect());
        let mut previous: Option<(usize, usize)> = None;
        for m in &self.mentions {
            let at = match &m.text {
                Some(t) => format!("mention {}-{} {t:?}", m.start, m.end),
                None => format!("mention {}-{}", m.start, m.end),
            };
            if m.start >= m.end {
                out.push(format!("{at}: empty or reversed span"));
            }
            match &m.text {
                Some(t) if t.chars().count() != m.end.saturating_sub(m.start) => {
                    out.push(format!("{at}: text length differs from the span length"));
                }
                None if self.path.is_none() => {
                    out.push(format!(
                        "{at}: no text (only gold naming its article by path may leave it out)"
                    ));
                }
                _ => {}
            }
            if let Some(chars) = &chars {
                if m.end > chars.len() {
                    out.push(format!(
                        "{at}: ends past the article ({} characters)",
                        chars.len()
                    ));
                } else if m.start < m.end {
                    let found: String = chars[m.start..m.end].iter().collect();
                    if m.text.as_ref().is_some_and(|t| *t != found) {
                        out.push(format!("{at}: the article has {found:?} there"));
                    }
                }
            }
            if !is_well_formed_id(&m.entity) {
                out.push(format!("{at}: malformed entity id {:?}", m.entity));
            } else if EntityKind::of_id(&m.entity) != Some(m.kind) {
                out.push(format!("{at}: type {} but entity {}", m.kind, m.entity));
            }
            if let Some(p) = previous {
                if (m.start, m.end) <= p {
                    out.push(format!(
                        "{at}: mentions are not sorted by start (or repeat)"
                    ));
                } else if m.start < p.1 {
                    out.push(format!("{at}: overlaps the previous mention"));
                }
            }
            previous = Some((m.start, m.end));
        }
        let mentioned: BTreeSet<&str> = self.mentions.iter().map(|m| m.entity.as_str()).collect();
        let mut seen = BTreeSet::new();
        for r in &self.relations {
            let at = format!(
                "relation {} {} {} {}",
                r.source, r.kind, r.target, r.modality
            );
            for id in [&r.source, &r.target] {
                if !is_well_formed_id(id) {
                    out.push(format!("{at}: malformed entity id {id:?}"));
                } else if !mentioned.contains(id.as_str())
                    // A position given by a plural title ("Presidents Joe Biden and
                    // Vladimir Putin") has no mention of its own.
                    && (!id.starts_with("position:")
                        || !matches!(r.kind, RelationKind::HoldsPosition | RelationKind::PositionOf))
                {
                    out.push(format!("{at}: {id} is not mentioned in the article"));
                }
            }
            if r.source == r.target {
                out.push(format!("{at}: source and target are the same"));
            }
            if r.kind.is_symmetric() && r.source > r.target {
                out.push(format!(
                    "{at}: symmetric relation must have source < target"
                ));
            }
            if !seen.insert(relation_key(r)) {
                out.push(format!("{at}: listed twice"));
            }
        }
        out
    }
}

/// Why a gold `path` cannot name a file under the corpus directory, if it cannot:
/// it must be relative, `/`-separated, without empty, `.` or `..` parts.
fn path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("empty");
    }
    if path.starts_with('/') || path.contains('\\') || path.contains(':') {
        return Some("must be relative and /-separated");
    }
    if path.split('/').any(|part| matches!(part, "" | "." | "..")) {
        return Some("has an empty, '.' or '..' part");
    }
    None
}

/// SHA-256 (FIPS 180-4) of `bytes`, as 64 lowercase hex digits (the `sha2` crate): the
/// checksum that pins a gold file to the exact article it was annotated on.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where the article of a gold document that names it by path is: `corpus/<path>`.
/// `None` for gold without a path.
pub fn corpus_file(corpus: &Path, gold: &GoldDoc) -> Option<PathBuf> {
    let path = gold.path.as_deref()?;
    let mut file = corpus.to_path_buf();
    file.extend(path.split('/'));
    Some(file)
}

/// Checks that `file` is the article `gold` was annotated on: its bytes must have the
/// gold's sha256. Otherwise an error names the file and the gold file: the offsets
/// would point at other text.
pub fn check_checksum(gold: &GoldDoc, file: &Path) -> Result<()> {
    let Some(expected) = gold.sha256.as_deref() else {
        return Ok(());
    };
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let found = sha256_hex(&bytes);
    if found != expected {
        return Err(Error::refused(
            file,
            None,
            format!(
                "sha256 {found} differs from {expected} in the gold {}: the article is not \
                 the one annotated (its offsets would be stale); refused",
                gold_file_name(&gold.id)
            ),
        ));
    }
    Ok(())
}

/// Counts of one comparison: how many gold items, predicted items, and both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    /// Compares two sets.
    pub fn of_sets<T: Ord>(gold: &BTreeSet<T>, predicted: &BTreeSet<T>) -> Counts {
        Counts {
            gold: gold.len(),
            predicted: predicted.len(),
            correct: gold.intersection(predicted).count(),
        }
    }
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            gold: self.gold + o.gold,
            predicted: self.predicted + o.predicted,
            correct: self.correct + o.correct,
        }
    }
}

pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Rounded for output, so JSON reports diff cleanly.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Counts", 6)?;
        st.serialize_field("gold", &self.gold)?;
        st.serialize_field("predicted", &self.predicted)?;
        st.serialize_field("correct", &self.correct)?;
        st.serialize_field("precision", &round4(self.precision()))?;
        st.serialize_field("recall", &round4(self.recall()))?;
        st.serialize_field("f1", &round4(self.f1()))?;
        st.end()
    }
}

/// One article's scores and the items that differ from the gold.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleScore {
    pub id: String,
    pub mentions: Counts,
    pub linked_mentions: Counts,
    pub entities: Counts,
    pub relations: Counts,
    pub relations_any_modality: Counts,
    /// Gold mentions (span + type) not predicted.
    pub missed_mentions: Vec<String>,
    /// Predicted mentions (span + type) not in the gold.
    pub spurious_mentions: Vec<String>,
    /// Mentions with the right span and type but another entity id: `gold -> predicted`.
    pub wrong_entities: Vec<String>,
    pub missed_entities: Vec<String>,
    pub spurious_entities: Vec<String>,
    pub missed_relations: Vec<String>,
    pub spurious_relations: Vec<String>,
}

/// The scores of a whole evaluation, summed over the scored articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvalReport {
    /// Articles with both gold and a prediction, sorted by id.
    pub articles: Vec<ArticleScore>,
    /// Gold without an input article, input articles without gold, repeated ids.
    pub warnings: Vec<String>,
    /// Exact span and type.
    pub mentions: Counts,
    pub mentions_by_type: BTreeMap<EntityKind, Counts>,
    /// Exact span, type and entity id.
    pub linked_mentions: Counts,
    /// The set of entity ids per article.
    pub entities: Counts,
    pub entities_by_type: BTreeMap<EntityKind, Counts>,
    /// (source, type, target, modality).
    pub relations: Counts,
    pub relations_by_type: BTreeMap<RelationKind, Counts>,
    /// (source, type, target), modality ignored.
    pub relations_any_modality: Counts,
}

type SpanKey = (usize, usize, EntityKind);
type RelKey = (String, RelationKind, String, Modality);

fn relation_key(r: &GoldRelation) -> RelKey {
    normalized(&r.source, r.kind, &r.target, r.modality)
}

fn normalized(source: &str, kind: RelationKind, target: &str, modality: Modality) -> RelKey {
    let (s, t) = if kind.is_symmetric() && target < source {
        (target, source)
    } else {
        (source, target)
    };
    (s.to_string(), kind, t.to_string(), modality)
}

fn show_mention(key: &SpanKey, text: Option<&str>, entity: &str) -> String {
    let text = text.unwrap_or("");
    format!("{}-{} {} {:?} {}", key.0, key.1, key.2, text, entity)
}

fn show_relation(r: &RelKey) -> String {
    format!("{} -{}-> {} [{}]", r.0, r.1, r.2, r.3)
}

/// Which part of the extraction to score, by type; used for the per-type tables.
#[derive(Default)]
struct ByType {
    mentions: BTreeMap<EntityKind, Counts>,
    entities: BTreeMap<EntityKind, Counts>,
    relations: BTreeMap<RelationKind, Counts>,
}

fn count_by<K: Ord + Copy, T: Ord>(
    out: &mut BTreeMap<K, Counts>,
    gold: &BTreeSet<T>,
    predicted: &BTreeSet<T>,
    key: impl Fn(&T) -> K,
) {
    for g in gold {
        let c = out.entry(key(g)).or_default();
        c.gold += 1;
        if predicted.contains(g) {
            c.correct += 1;
        }
    }
    for p in predicted {
        out.entry(key(p)).or_default().predicted += 1;
    }
}

/// Scores one article's prediction against its gold.
pub fn score_article(gold: &GoldDoc, predicted: &ExtractedDoc) -> ArticleScore {
    score_article_by_type(gold, predicted, &mut ByType::default())
}

fn score_article_by_type(
    gold: &GoldDoc,
    predicted: &ExtractedDoc,
    by: &mut ByType,
) -> ArticleScore {
    let gold_spans: BTreeMap<SpanKey, (Option<&str>, &str)> = gold
        .mentions
        .iter()
        .map(|m| {
            (
                (m.start, m.end, m.kind),
                (m.text.as_deref(), m.entity.as_str()),
            )
        })
        .collect();
    let pred_spans: BTreeMap<SpanKey, (Option<&str>, &str)> = predicted
        .entities
        .iter()
        .map(|m| {
            (
                (m.start, m.end, m.kind),
                (Some(m.text.as_str()), m.entity.as_str()),
            )
        })
        .collect();
    let gs: BTreeSet<SpanKey> = gold_spans.keys().copied().collect();
    let ps: BTreeSet<SpanKey> = pred_spans.keys().copied().collect();

    // A prediction may give one span two entities; the linked set keeps every pair.
    let gl: BTreeSet<(SpanKey, &str)> = gold
        .mentions
        .iter()
        .map(|m| ((m.start, m.end, m.kind), m.entity.as_str()))
        .collect();
    let pl: BTreeSet<(SpanKey, &str)> = predicted
        .entities
        .iter()
        .map(|m| ((m.start, m.end, m.kind), m.entity.as_str()))
        .collect();

    let ge: BTreeSet<&str> = gold.mentions.iter().map(|m| m.entity.as_str()).collect();
    let pe: BTreeSet<&str> = predicted
        .entities
        .iter()
        .map(|m| m.entity.as_str())
        .collect();

    let gr: BTreeSet<RelKey> = gold.relations.iter().map(relation_key).collect();
    let pr: BTreeSet<RelKey> = predicted
        .relations
        .iter()
        .map(|r| normalized(&r.source, r.kind, &r.target, r.modality))
        .collect();
    let strip = |s: &BTreeSet<RelKey>| -> BTreeSet<(String, RelationKind, String)> {
        s.iter().map(|r| (r.0.clone(), r.1, r.2.clone())).collect()
    };

    count_by(&mut by.mentions, &gs, &ps, |k| k.2);
    count_by(&mut by.entities, &ge, &pe, |id| {
        EntityKind::of_id(id).unwrap_or(EntityKind::Person)
    });
    count_by(&mut by.relations, &gr, &pr, |r| r.1);

    let wrong_entities = gold
        .mentions
        .iter()
        .filter_map(|m| {
            let key = (m.start, m.end, m.kind);
            let (_, predicted_entity) = pred_spans.get(&key)?;
            let linked = pl.contains(&(key, m.entity.as_str()));
            (!linked).then(|| {
                format!(
                    "{} -> {predicted_entity}",
                    show_mention(&key, m.text.as_deref(), &m.entity)
                )
            })
        })
        .collect();

    ArticleScore {
        id: gold.id.clone(),
        mentions: Counts::of_sets(&gs, &ps),
        linked_mentions: Counts::of_sets(&gl, &pl),
        entities: Counts::of_sets(&ge, &pe),
        relations: Counts::of_sets(&gr, &pr),
        relations_any_modality: Counts::of_sets(&strip(&gr), &strip(&pr)),
        missed_mentions: gs
            .difference(&ps)
            .map(|k| show_mention(k, gold_spans[k].0, gold_spans[k].1))
            .collect(),
        spurious_mentions: ps
            .difference(&gs)
            .map(|k| show_mention(k, pred_spans[k].0, pred_spans[k].1))
            .collect(),
        wrong_entities,
        missed_entities: ge.difference(&pe).map(|s| s.to_string()).collect(),
        spurious_entities: pe.difference(&ge).map(|s| s.to_string()).collect(),
        missed_relations: gr.difference(&pr).map(show_relation).collect(),
        spurious_relations: pr.difference(&gr).map(show_relation).collect(),
    }
}

/// Scores predictions against gold, matching articles by id. Gold without a prediction
/// and predictions without gold are left out of the scores and reported as warnings.
pub fn evaluate(gold: &[GoldDoc], predicted: &[ExtractedDoc]) -> EvalReport {
    let mut report = EvalReport::default();
    let mut by_id: BTreeMap<&str, &ExtractedDoc> = BTreeMap::new();
    for p in predicted {
        if by_id.contains_key(p.id.as_str()) {
            report.warnings.push(format!(
                "article {:?} appears twice in the input; the first is scored",
                p.id
            ));
        } else {
            by_id.insert(p.id.as_str(), p);
        }
    }
    let mut gold_sorted: Vec<&GoldDoc> = gold.iter().collect();
    gold_sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut by = ByType::default();
    for g in &gold_sorted {
        match by_id.get(g.id.as_str()) {
            Some(p) => {
                let score = score_article_by_type(g, p, &mut by);
                report.mentions.add(score.mentions);
                report.linked_mentions.add(score.linked_mentions);
                report.entities.add(score.entities);
                report.relations.add(score.relations);
                report
                    .relations_any_modality
                    .add(score.relations_any_modality);
                report.articles.push(score);
            }
            None => report.warnings.push(format!(
                "gold {} has no article {:?} in the input; not scored",
                gold_file_name(&g.id),
                g.id
            )),
        }
    }
    let gold_ids: BTreeSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
    for id in by_id.keys() {
        if !gold_ids.contains(id) {
            report.warnings.push(format!(
                "article {id:?} has no gold ({}); not scored",
                gold_file_name(id)
            ));
        }
    }
    report.mentions_by_type = by.mentions;
    report.entities_by_type = by.entities;
    report.relations_by_type = by.relations;
    report
}

/// Checks each gold document against the text of its article (when the article is among
/// `articles`): every span must still hold its text. Returns one message per problem,
/// naming the gold file; an empty list means the gold fits the articles.
pub fn gold_text_problems(gold: &[GoldDoc], articles: &[Article]) -> Vec<String> {
    let texts: BTreeMap<&str, &str> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.text.as_str()))
        .collect();
    let mut out = Vec::new();
    for g in gold {
        if let Some(text) = texts.get(g.id.as_str()) {
            for p in g.problems(Some(text)) {
                out.push(format!("{}: {p}", gold_file_name(&g.id)));
            }
        }
    }
    out
}

/// Gives every gold mention without a `text` the text its span covers in its article
/// (when the article is among `articles` and the span fits), so `eval -v` can show it.
/// In memory only: nothing is written back.
pub fn fill_mention_texts(gold: &mut [GoldDoc], articles: &[Article]) {
    let texts: BTreeMap<&str, &str> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.text.as_str()))
        .collect();
    for g in gold {
        let Some(text) = texts.get(g.id.as_str()) else {
            continue;
        };
        if g.mentions.iter().all(|m| m.text.is_some()) {
            continue;
        }
        let chars: Vec<char> = text.chars().collect();
        for m in &mut g.mentions {
            if m.text.is_none() && m.start < m.end && m.end <= chars.len() {
                m.text = Some(chars[m.start..m.end].iter().collect());
            }
        }
    }
}

/// A score that fell below its threshold, for the exit status.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortfall {
    pub what: &'static str,
    pub f1: f64,
    pub min: f64,
}

impl fmt::Display for Shortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} F1 {:.4} is below the minimum {:.4}",
            self.what, self.f1, self.min
        )
    }
}

impl EvalReport {
    /// The thresholds missed: mention F1 (exact span and type) and relation F1.
    pub fn shortfalls(
        &self,
        min_mention_f1: Option<f64>,
        min_relation_f1: Option<f64>,
    ) -> Vec<Shortfall> {
        let mut out = Vec::new();
        for (what, counts, min) in [
            ("mention", self.mentions, min_mention_f1),
            ("relation", self.relations, min_relation_f1),
        ] {
            if let Some(min) = min {
                if counts.f1() < min {
                    out.push(Shortfall {
                        what,
                        f1: counts.f1(),
                        min,
                    });
                }
            }
        }
        out
    }

    /// Per-article differences from the gold, for `eval -v`.
    pub fn write_misses(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        for a in &self.articles {
            let lists: [(&str, &Vec<String>); 7] = [
                ("missed mention", &a.missed_mentions),
                ("spurious mention", &a.spurious_mentions),
                ("wrong entity", &a.wrong_entities),
                ("missed entity", &a.missed_entities),
                ("spurious entity", &a.spurious_entities),
                ("missed relation", &a.missed_relations),
                ("spurious relation", &a.spurious_relations),
            ];
            if lists.iter().all(|(_, l)| l.is_empty()) {
                writeln!(out, "== {}: no differences", a.id)?;
                continue;
            }
            writeln!(
                out,
                "== {}: mentions F1 {:.3}, relations F1 {:.3}",
                a.id,
                a.mentions.f1(),
                a.relations.f1()
            )?;
            for (label, list) in lists {
                for item in list {
                    writeln!(out, "  {label:<17} {item}")?;
                }
            }
        }
        Ok(())
    }
}

fn row(f: &mut fmt::Formatter<'_>, name: &str, c: &Counts) -> fmt::Result {
    writeln!(
        f,
        "{name:<32} {:>6} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3}",
        c.gold,
        c.predicted,
        c.correct,
        c.precision(),
        c.recall(),
        c.f1()
    )
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "articles scored: {}", self.articles.len())?;
        writeln!(
            f,
            "{:<32} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
            "", "gold", "pred", "match", "P", "R", "F1"
        )?;
        row(f, "mentions (span + type)", &self.mentions)?;
        for (k, c) in &self.mentions_by_type {
            row(f, &format!("  {k}"), c)?;
        }
        row(f, "mentions (span + type + entity)", &self.linked_mentions)?;
        row(f, "entities per article", &self.entities)?;
        for (k, c) in &self.entities_by_type {
            row(f, &format!("  {k}"), c)?;
        }
        row(f, "relations", &self.relations)?;
        for (k, c) in &self.relations_by_type {
            row(f, &format!("  {k}"), c)?;
        }
        row(f, "relations (any modality)", &self.relations_any_modality)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_by_kind() {
        for ok in [
            "person:wendy-sherman",
            "country:RUS",
            "org:nato",
            "position:president@USA",
            "position:secretary-general@nato",
            "position:spokesman",
            "location:eastern-europe",
        ] {
            assert!(is_well_formed_id(ok), "{ok}");
        }
        for bad in [
            "person:Wendy Sherman",
            "country:rus",
            "country:RUSS",
            "organization:nato",
            "position:president@",
            "location:",
            "person:a--b",
            "nato",
        ] {
            assert!(!is_well_formed_id(bad), "{bad}");
        }
    }

    #[test]
    fn stale_gold_is_caught_against_its_article() {
        let gold = GoldDoc {
            id: "a".into(),
            mentions: vec![GoldMention {
                start: 4,
                end: 10,
                text: Some("Geneva".into()),
                kind: EntityKind::Location,
                entity: "location:geneva".into(),
            }],
            relations: vec![],
            path: None,
            sha256: None,
        };
        let article = |text: &str| Article {
            id: "a".into(),
            text: text.into(),
            ..Article::default()
        };
        assert!(
            gold_text_problems(std::slice::from_ref(&gold), &[article("in  Geneva")]).is_empty()
        );
        // Offsets are characters: a two-byte "é" before the span shifts bytes, not chars.
        assert!(
            gold_text_problems(std::slice::from_ref(&gold), &[article("é — Geneva")]).is_empty()
        );
        let problems = gold_text_problems(std::slice::from_ref(&gold), &[article("in Geneva!")]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("a.json: mention 4-10"),
            "{problems:?}"
        );
        assert!(gold_text_problems(&[gold], &[]).is_empty());
    }

    #[test]
    fn sha256_gives_the_fips_180_4_digests() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // 56 bytes: the padding spills into a second block.
        assert_eq!(
            sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            sha256_hex(&vec![b'a'; 1_000_000]),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    #[test]
    fn gold_named_by_path_needs_its_checksum_and_a_safe_path() {
        let doc = |path: &str, sha: Option<&str>| GoldDoc {
            id: path.into(),
            path: Some(path.into()),
            sha256: sha.map(String::from),
            mentions: vec![GoldMention {
                start: 0,
                end: 3,
                text: None,
                kind: EntityKind::Organization,
                entity: "org:bbc".into(),
            }],
            relations: vec![],
        };
        let sha = "a".repeat(64);
        assert!(doc("world/001.txt", Some(&sha)).problems(None).is_empty());
        assert!(!doc("world/001.txt", None).problems(None).is_empty());
        assert!(!doc("world/001.txt", Some("ABC")).problems(None).is_empty());
        for bad in ["/etc/x.txt", "../x.txt", "a//b.txt", "a/./b.txt", ""] {
            assert!(!doc(bad, Some(&sha)).problems(None).is_empty(), "{bad}");
        }
        // Without a path, a mention must carry its text.
        let mut no_path = doc("a", Some(&sha));
        no_path.path = None;
        no_path.sha256 = None;
        assert!(no_path.problems(None)[0].contains("no text"));
    }

    #[test]
    fn file_names_replace_slashes() {
        assert_eq!(gold_file_name("politics/001.txt"), "politics__001.txt.json");
        assert_eq!(gold_file_name("wire-001"), "wire-001.json");
    }
}

//! Building a [`Graph`]: the [`Builder`] accumulates extract records ([`ExtractedDoc`])
//! and whole graphs into per-node and per-edge statistics that add up exactly, so that
//! the graph of a corpus is the same whether its articles came as one stream, as records
//! split any way, or as graphs of parts merged in any grouping and order.
//!
//! Every choice depends only on article ids and offsets, never on the order inputs
//! arrive in: labels and attributes by vote counts (ties: the longest, then the
//! smallest text), a node's kind from its id's prefix (else the first kind in
//! [`EntityKind`]'s order that any article gave), the evidence kept per edge and article
//! ids kept per node as the first N in [`Evidence::order_key`] / id order, dates as
//! minima and maxima, days and aliases as sets. Reads only [`crate::record`] and
//! [`crate::graph`] types; knows nothing of the NLP stages.

use crate::doc::{EntityKind, Modality, RelationKind};
use crate::graph::{
    self, asserted_weight, shown_modality, ArticleRef, Edge, Evidence, Graph, Node,
    DEFAULT_MAX_EVIDENCE, FORMAT_VERSION,
};
use crate::record::{iso_day, ExtractedDoc};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};

impl Graph {
    /// Merge extracted articles into one graph (default evidence cap). Order of `docs`
    /// does not matter; a repeated article id keeps the first.
    pub fn from_docs<'a>(docs: impl IntoIterator<Item = &'a ExtractedDoc>) -> Graph {
        let mut b = Builder::default();
        for d in docs {
            b.add(d);
        }
        b.finish()
    }
}

/// What the graph knows of one node while it is being built.
#[derive(Default)]
struct NodeAcc {
    /// The smallest kind any article gave (used when the id has no kind prefix).
    kind: Option<EntityKind>,
    labels: BTreeMap<String, u64>,
    aliases: BTreeSet<String>,
    mentions: u64,
    article_count: u64,
    /// The first `max_evidence` article ids, sorted.
    articles: Vec<String>,
    attributes: BTreeMap<String, BTreeMap<String, u64>>,
    first_date: Option<String>,
    last_date: Option<String>,
    days: BTreeSet<String>,
}

/// What the graph knows of one edge while it is being built.
#[derive(Default)]
struct EdgeAcc {
    modalities: BTreeMap<Modality, u64>,
    first_date: Option<String>,
    last_date: Option<String>,
    days: BTreeSet<String>,
    /// The first `max_evidence` evidence in [`Evidence::order_key`] order.
    evidence: Vec<Evidence>,
}

type EdgeKey = (String, RelationKind, String);

/// The articles in: their metadata in arrival order (sorted by id once, at the end, in
/// place) and an exact index by id. This is the one table of a builder that grows with
/// the corpus rather than with the graph, so it holds each article once, in the packed
/// form the graph keeps ([`graph::Articles`]): the index costs about 20 bytes an article
/// (a 64-bit hash of the id and its place), against a second copy of every id in an
/// ordered map.
#[derive(Default)]
struct ArticleTable {
    list: graph::Articles,
    /// Hash of an id -> the first article in `list` with that hash.
    by_hash: HashMap<u64, u32>,
    /// Ids whose hash an earlier, different id already has (almost never any).
    collided: HashSet<String>,
}

impl ArticleTable {
    fn hash(id: &str) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        id.hash(&mut h);
        h.finish()
    }

    fn contains(&self, id: &str) -> bool {
        match self.by_hash.get(&ArticleTable::hash(id)) {
            None => false,
            Some(&at) => self.list.id(at as usize) == id || self.collided.contains(id),
        }
    }

    /// Add an article whose id is not in yet.
    fn push(&mut self, meta: ArticleRef<'_>) {
        let at = u32::try_from(self.list.len()).expect("fewer than 2^32 articles");
        match self.by_hash.entry(ArticleTable::hash(meta.id)) {
            Entry::Vacant(v) => {
                v.insert(at);
            }
            Entry::Occupied(_) => {
                self.collided.insert(meta.id.to_string());
            }
        }
        self.list.push(meta);
    }

    fn len(&self) -> usize {
        self.list.len()
    }

    /// The articles sorted by id (ids are distinct).
    fn into_sorted(self) -> graph::Articles {
        drop(self.by_hash);
        let mut list = self.list;
        list.sort_unstable_by_id();
        list.shrink_to_fit();
        list
    }
}

/// Accumulates articles and graphs; [`Builder::finish`] gives the sorted graph.
pub struct Builder {
    max_evidence: usize,
    articles: ArticleTable,
    nodes: BTreeMap<String, NodeAcc>,
    edges: BTreeMap<EdgeKey, EdgeAcc>,
}

impl Default for Builder {
    fn default() -> Builder {
        Builder::new(DEFAULT_MAX_EVIDENCE)
    }
}

impl Builder {
    /// A builder keeping at most `max_evidence` evidence per edge and article ids per
    /// node (at least one).
    pub fn new(max_evidence: usize) -> Builder {
        Builder {
            max_evidence: max_evidence.max(1),
            articles: ArticleTable::default(),
            nodes: BTreeMap::new(),
            edges: BTreeMap::new(),
        }
    }

    pub fn max_evidence(&self) -> usize {
        self.max_evidence
    }

    /// Keep at most `cap` from now on. Exact: the first `cap` of the first N are the
    /// first `cap` of all.
    pub fn lower_cap(&mut self, cap: usize) {
        let cap = cap.max(1);
        if cap >= self.max_evidence {
            return;
        }
        self.max_evidence = cap;
        for n in self.nodes.values_mut() {
            n.articles.truncate(cap);
        }
        for e in self.edges.values_mut() {
            e.evidence.truncate(cap);
        }
    }

    /// Whether an article with this id has been added (as a record or in a graph).
    pub fn has_article(&self, id: &str) -> bool {
        self.articles.contains(id)
    }

    /// Number of articles added so far.
    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    /// Add one article's record. Returns false (and adds nothing) when an article with
    /// the same id is already in.
    pub fn add(&mut self, d: &ExtractedDoc) -> bool {
        if self.articles.contains(&d.id) {
            return false;
        }
        self.articles.push(ArticleRef {
            id: &d.id,
            title: d.title.as_deref(),
            date: d.date.as_deref(),
            url: d.url.as_deref(),
            source: d.source.as_deref(),
        });
        let cap = self.max_evidence;
        for n in &d.nodes {
            let acc = self.nodes.entry(n.id.clone()).or_default();
            acc.see_kind(n.kind);
            *acc.labels.entry(n.label.clone()).or_default() += 1;
            for (k, v) in &n.attributes {
                *acc.attributes
                    .entry(k.clone())
                    .or_default()
                    .entry(v.clone())
                    .or_default() += 1;
            }
        }
        // A record's date counts only when it is a real day (readers already warn of
        // others; records written by hand or by another tool may still carry one).
        let date = d.date.as_deref().filter(|s| iso_day(s).is_some());
        let day = date.and_then(iso_day);
        let mut mentioned: BTreeSet<&str> = BTreeSet::new();
        for m in &d.entities {
            let acc = self.nodes.entry(m.entity.clone()).or_default();
            acc.see_kind(m.kind);
            acc.aliases.insert(normalize_alias(&m.text));
            acc.mentions += 1;
            mentioned.insert(&m.entity);
        }
        for id in mentioned {
            let acc = self.nodes.get_mut(id).expect("node added above");
            acc.article_count += 1;
            insert_capped(&mut acc.articles, d.id.clone(), cap);
            acc.see_date(date, day.as_deref());
        }
        for ((s, kind, t), evidence) in article_evidence(d) {
            for id in [&s, &t] {
                // An edge endpoint is always a node, even if the mention list missed it.
                self.nodes.entry(id.clone()).or_default();
            }
            let acc = self.edges.entry((s, kind, t)).or_default();
            acc.add_article(&d.id, evidence, date, day.as_deref(), cap);
        }
        true
    }

    /// Add a whole graph. The caller makes sure that none of its articles is in yet,
    /// that it was written without filters and that it kept at least `max_evidence`
    /// evidence per edge ([`crate::merge`] checks all three).
    pub fn add_graph(&mut self, g: Graph) {
        let cap = self.max_evidence;
        for a in g.articles.iter() {
            self.articles.push(a);
        }
        for n in g.nodes {
            let acc = self.nodes.entry(n.id).or_default();
            acc.see_kind(n.kind);
            add_counts(&mut acc.labels, n.labels);
            acc.aliases.extend(n.aliases);
            acc.mentions += n.mentions;
            acc.article_count += n.article_count;
            acc.articles = merge_sorted(
                std::mem::take(&mut acc.articles),
                n.articles,
                cap,
                |a, b| a < b,
            );
            for (k, votes) in n.attribute_votes {
                add_counts(acc.attributes.entry(k).or_default(), votes);
            }
            acc.see_date(n.first_date.as_deref(), None);
            acc.see_date(n.last_date.as_deref(), None);
            acc.days.extend(n.days);
        }
        for e in g.edges {
            let acc = self
                .edges
                .entry((e.source, e.relation, e.target))
                .or_default();
            add_counts(&mut acc.modalities, e.modalities);
            acc.see_date(e.first_date.as_deref(), None);
            acc.see_date(e.last_date.as_deref(), None);
            acc.days.extend(e.days);
            acc.evidence = merge_sorted(
                std::mem::take(&mut acc.evidence),
                e.evidence,
                cap,
                |a, b| a.article < b.article,
            );
        }
    }

    pub fn finish(self) -> Graph {
        let nodes = self
            .nodes
            .into_iter()
            .filter_map(|(id, acc)| acc.finish(id))
            .collect();
        let edges = self
            .edges
            .into_iter()
            .map(|((s, kind, t), acc)| acc.finish(s, kind, t))
            .collect();
        Graph {
            format: FORMAT_VERSION,
            max_evidence: self.max_evidence,
            filter: Default::default(),
            articles: self.articles.into_sorted(),
            nodes,
            edges,
        }
    }
}

impl NodeAcc {
    fn see_kind(&mut self, kind: EntityKind) {
        self.kind = Some(self.kind.map_or(kind, |k| k.min(kind)));
    }

    fn see_date(&mut self, date: Option<&str>, day: Option<&str>) {
        see_date(&mut self.first_date, &mut self.last_date, date);
        if let Some(day) = day {
            self.days.insert(day.to_string());
        }
    }

    fn finish(self, id: String) -> Option<Node> {
        let kind = EntityKind::of_id(&id).or(self.kind)?;
        let label = best(&self.labels).unwrap_or_else(|| fallback_label(&id));
        let attributes = self
            .attributes
            .iter()
            .filter_map(|(k, vs)| Some((k.clone(), best(vs)?)))
            .collect();
        Some(Node {
            id,
            kind,
            label,
            labels: self.labels,
            aliases: self.aliases.into_iter().collect(),
            mentions: self.mentions,
            article_count: self.article_count,
            articles: self.articles,
            attributes,
            attribute_votes: self.attributes,
            first_date: self.first_date,
            last_date: self.last_date,
            days: self.days.into_iter().collect(),
        })
    }
}

impl EdgeAcc {
    fn see_date(&mut self, date: Option<&str>, day: Option<&str>) {
        see_date(&mut self.first_date, &mut self.last_date, date);
        if let Some(day) = day {
            self.days.insert(day.to_string());
        }
    }

    /// One article's evidence for this edge (sorted, deduplicated, all of one article
    /// that is not in yet).
    fn add_article(
        &mut self,
        article: &str,
        evidence: Vec<Evidence>,
        date: Option<&str>,
        day: Option<&str>,
        cap: usize,
    ) {
        for e in &evidence {
            *self.modalities.entry(e.modality).or_default() += 1;
        }
        self.see_date(date, day);
        let at = self
            .evidence
            .partition_point(|e| e.article.as_str() < article);
        if at < cap {
            let room = cap - at;
            self.evidence
                .splice(at..at, evidence.into_iter().take(room));
            self.evidence.truncate(cap);
        }
    }

    fn finish(self, source: String, relation: RelationKind, target: String) -> Edge {
        Edge {
            id: format!("{source}|{}|{target}", relation.as_str()),
            source,
            target,
            relation,
            symmetric: relation.is_symmetric(),
            weight: asserted_weight(&self.modalities),
            modality: shown_modality(&self.modalities),
            modalities: self.modalities,
            first_date: self.first_date,
            last_date: self.last_date,
            days: self.days.into_iter().collect(),
            evidence: self.evidence,
        }
    }
}

/// One article's relation mentions grouped by edge (symmetric relations oriented with
/// source id < target id), each group sorted and deduplicated.
fn article_evidence(d: &ExtractedDoc) -> BTreeMap<EdgeKey, Vec<Evidence>> {
    let mut edges: BTreeMap<EdgeKey, Vec<Evidence>> = BTreeMap::new();
    for r in &d.relations {
        let (mut s, mut t) = (&r.source, &r.target);
        let (mut sm, mut tm) = (&r.source_mention, &r.target_mention);
        if r.kind.is_symmetric() && t < s {
            std::mem::swap(&mut s, &mut t);
            std::mem::swap(&mut sm, &mut tm);
        }
        edges
            .entry((s.clone(), r.kind, t.clone()))
            .or_default()
            .push(Evidence {
                article: d.id.clone(),
                sentence_index: r.sentence_index,
                sentence: r.sentence.clone(),
                modality: r.modality,
                reported: r.reported,
                reported_by: r.reported_by.clone(),
                trigger: r.trigger.clone(),
                source_mention: sm.clone(),
                target_mention: tm.clone(),
                rule: r.rule.clone(),
                confidence: r.confidence,
                date: d.date.clone(),
            });
    }
    for evidence in edges.values_mut() {
        sort_and_dedup(evidence);
    }
    edges
}

/// Evidence in [`Evidence::order_key`] order (stable: ties keep the article's own
/// order), the same mention seen twice kept once.
fn sort_and_dedup(evidence: &mut Vec<Evidence>) {
    evidence.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    evidence.dedup_by(|a, b| {
        a.article == b.article
            && a.sentence_index == b.sentence_index
            && a.trigger == b.trigger
            && a.source_mention == b.source_mention
            && a.target_mention == b.target_mention
    });
}

/// Build an edge from all of its evidence (uncapped): sorts and deduplicates the
/// evidence, counts modalities, sets dates and days.
pub fn edge_from_evidence(
    source: &str,
    target: &str,
    relation: RelationKind,
    mut evidence: Vec<Evidence>,
) -> Edge {
    sort_and_dedup(&mut evidence);
    let mut acc = EdgeAcc::default();
    for e in &evidence {
        *acc.modalities.entry(e.modality).or_default() += 1;
        let day = e.date.as_deref().and_then(iso_day);
        acc.see_date(e.date.as_deref(), day.as_deref());
    }
    acc.evidence = evidence;
    acc.finish(source.to_string(), relation, target.to_string())
}

/// Widen `[first, last]` to include `date`.
fn see_date(first: &mut Option<String>, last: &mut Option<String>, date: Option<&str>) {
    let Some(date) = date else { return };
    if first.as_deref().is_none_or(|f| date < f) {
        *first = Some(date.to_string());
    }
    if last.as_deref().is_none_or(|l| date > l) {
        *last = Some(date.to_string());
    }
}

fn add_counts<K: Ord>(into: &mut BTreeMap<K, u64>, from: BTreeMap<K, u64>) {
    for (k, n) in from {
        *into.entry(k).or_default() += n;
    }
}

/// Insert into a sorted list of distinct ids, keeping the first `cap`.
fn insert_capped(list: &mut Vec<String>, id: String, cap: usize) {
    match list.binary_search(&id) {
        Ok(_) => {}
        Err(at) if at < cap => {
            list.insert(at, id);
            list.truncate(cap);
        }
        Err(_) => {}
    }
}

/// Two sorted lists merged (ties keep `a` first), the first `cap` kept. `before(x, y)`
/// says x goes strictly before y.
fn merge_sorted<T>(a: Vec<T>, b: Vec<T>, cap: usize, before: impl Fn(&T, &T) -> bool) -> Vec<T>
where
    T: PartialEq,
{
    let mut out = Vec::with_capacity((a.len() + b.len()).min(cap));
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while out.len() < cap {
        let take_b = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => before(y, x),
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (None, None) => break,
        };
        let next = if take_b { b.next() } else { a.next() };
        let next = next.expect("peeked");
        if out.last() != Some(&next) {
            out.push(next);
        }
    }
    out
}

/// A surface form as an alias: whitespace runs collapsed to one space.
fn normalize_alias(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The most frequent value; ties go to the longest, then the smallest text.
fn best(counts: &BTreeMap<String, u64>) -> Option<String> {
    counts
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then(a.0.len().cmp(&b.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(s, _)| s.clone())
}

fn fallback_label(id: &str) -> String {
    id.split_once(':')
        .map(|(_, s)| s)
        .unwrap_or(id)
        .replace('-', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_sorted_lists_keep_the_first_n_once() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let m = merge_sorted(v(&["a", "c", "e"]), v(&["b", "c", "d"]), 4, |x, y| x < y);
        assert_eq!(m, v(&["a", "b", "c", "d"]));
        let m = merge_sorted(v(&[]), v(&["b"]), 4, |x, y| x < y);
        assert_eq!(m, v(&["b"]));
    }

    #[test]
    fn capped_insert_keeps_the_smallest_ids() {
        let mut list = Vec::new();
        for id in ["d", "b", "e", "a", "c", "b"] {
            insert_capped(&mut list, id.to_string(), 3);
        }
        assert_eq!(list, ["a", "b", "c"]);
    }
}

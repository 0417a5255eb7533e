//! Exports of a [`Graph`]: JSON, GraphML, GEXF, DOT, CSV node/edge tables and a
//! self-contained HTML view.
//!
//! Every writer is hand-written so that its output is deterministic (graph order, no
//! timestamps) and obeys the rules its consumer enforces (DESIGN.md, "Format rules that
//! consumers enforce"): text from articles is escaped for each format, characters outside
//! XML 1.0's range are stripped, labels that would break a consumer are truncated at a
//! character boundary. [`write()`] streams one format to any writer; [`write_files`] writes
//! the chosen formats into a directory, each file atomically ([`crate::output`]).
//!
//! Edges whose source or target is not a node of the graph, and repeated node ids, are
//! skipped by every writer except JSON (which writes the graph exactly as it is), so
//! that no consumer invents nodes or merges duplicates behind the user's back.
//!
//! XML (GraphML, GEXF) is written and escaped here rather than through `quick-xml`'s
//! `Writer` and `escape` (issue 15), for behaviour: quick-xml 0.41 escapes the five markup
//! characters exactly as `xml_escape` does, but writes tab, newline and CR into
//! attribute values raw, so every XML reader's attribute-value normalization turns a
//! multi-line evidence sentence into one line; and it passes through characters XML 1.0
//! forbids (U+0001, U+FFFE), so the file is not well-formed (Python's `xml.etree`, which
//! networkx reads GraphML with, rejects it: "not well-formed (invalid token)"). Keeping
//! our filter and character references in front of quick-xml would leave it only the
//! five replacements, and its writer would also change our layout (golden files). The
//! test `xml_escape_round_trips_where_quick_xml_does_not` reads both through quick-xml's
//! own reader (quick-xml is a dev-dependency for that test only; the binary is unchanged).

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod layout;
pub mod select;

use crate::doc::{EntityKind, RelationKind};
use crate::error::{Error, Result};
use crate::graph::{Edge, Graph, Node};
use crate::hash::{FastMap, FastSet};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// `graph.json`: the full graph, readable by every newsgraph command.
    Json,
    /// `graph.graphml`: Gephi, yEd, networkx.
    Graphml,
    /// `graph.gexf`: Gephi (colours, sizes, timeline).
    Gexf,
    /// `graph.dot`: Graphviz.
    Dot,
    /// `nodes.csv` and `edges.csv`: Gephi's spreadsheet import, scripts.
    Csv,
    /// `graph.html`: a self-contained page (sigma.js) to look at the graph offline.
    Html,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Json,
        Format::Graphml,
        Format::Gexf,
        Format::Dot,
        Format::Csv,
        Format::Html,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Dot => "dot",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }

    /// The file names [`write_files`] gives this format inside the output directory.
    pub fn file_names(self) -> &'static [&'static str] {
        match self {
            Format::Json => &["graph.json"],
            Format::Graphml => &["graph.graphml"],
            Format::Gexf => &["graph.gexf"],
            Format::Dot => &["graph.dot"],
            Format::Csv => &["nodes.csv", "edges.csv"],
            Format::Html => &["graph.html"],
        }
    }

    /// True when the format is one file (so it can go to stdout).
    pub fn is_single_file(self) -> bool {
        self != Format::Csv
    }

    /// The format a file name's extension names (`.graphml`, `.gexf`, `.dot`/`.gv`,
    /// `.json`, `.html`/`.htm`).
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => Format::Json,
            "graphml" => Format::Graphml,
            "gexf" => Format::Gexf,
            "dot" | "gv" => Format::Dot,
            "html" | "htm" => Format::Html,
            _ => return None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        let want = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == want)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "unknown output format '{s}' (expected one of: {})",
                    Format::ALL.map(Format::as_str).join(", ")
                ))
            })
    }
}

/// Parse a comma-separated list of formats (`graphml,dot`), keeping the first of repeats.
pub fn parse_formats(list: &str) -> Result<Vec<Format>> {
    let mut out = Vec::new();
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let f: Format = part.parse()?;
        if !out.contains(&f) {
            out.push(f);
        }
    }
    Ok(out)
}

/// What a writer may be asked beyond the graph itself. The data formats (JSON, GraphML,
/// GEXF, CSV) always keep every entity; the drawings (DOT, the HTML page) leave out or
/// hide the entities that no relation touches unless `isolated` is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Draw entities without any relation: DOT leaves them out otherwise, and the HTML
    /// page keeps them but hides them until its "without relations" box is ticked.
    pub isolated: bool,
    /// The graph holds the N entities ranked highest by this measure
    /// ([`select::top`]); the DOT legend and the page say so.
    pub top: Option<(usize, select::TopBy)>,
    /// How GEXF writes a symmetric relation ([`gexf::Symmetric`]).
    pub gexf_symmetric: gexf::Symmetric,
}

/// Write `graph` in one single-file `format` to `w`, with the default [`Options`]. For [`Format::Csv`], which is two tables, use [`csv::write_nodes`] and
/// [`csv::write_edges`] (or [`write_files`]); asking this function for CSV is an
/// `InvalidInput` error.
pub fn write(graph: &Graph, format: Format, w: &mut dyn Write) -> io::Result<()> {
    write_with(graph, format, &Options::default(), w)
}

/// [`write()`] with the options given.
pub fn write_with(
    graph: &Graph,
    format: Format,
    opts: &Options,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => graph.write_json(w),
        Format::Graphml => graphml::write(graph, w),
        Format::Gexf => gexf::write_with(graph, opts.gexf_symmetric, w),
        Format::Dot => dot::write_with(graph, opts, w),
        Format::Html => html::write_with(graph, opts, w),
        Format::Csv => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "csv is two files (nodes.csv and edges.csv): write it to a directory",
        )),
    }
}

/// Write the chosen formats into `dir` (created if missing), each file atomically, and
/// return the paths written, in the order of `formats` (repeats are written once).
/// Writers get the default [`Options`].
pub fn write_files(graph: &Graph, dir: &Path, formats: &[Format]) -> Result<Vec<PathBuf>> {
    write_files_with(graph, dir, formats, &Options::default())
}

/// [`write_files`] with the options given.
pub fn write_files_with(
    graph: &Graph,
    dir: &Path,
    formats: &[Format],
    opts: &Options,
) -> Result<Vec<PathBuf>> {
    crate::output::create_dir_all(dir)?;
    let mut done = BTreeSet::new();
    let mut paths = Vec::new();
    for &format in formats {
        if !done.insert(format) {
            continue;
        }
        if format == Format::Csv {
            let nodes = dir.join("nodes.csv");
            crate::output::write_atomic(&nodes, |w| csv::write_nodes(graph, w))?;
            paths.push(nodes);
            let edges = dir.join("edges.csv");
            crate::output::write_atomic(&edges, |w| csv::write_edges(graph, w))?;
            paths.push(edges);
        } else {
            let path = dir.join(format.file_names()[0]);
            crate::output::write_atomic(&path, |w| write_with(graph, format, opts, w))?;
            paths.push(path);
        }
    }
    Ok(paths)
}

// ---------------------------------------------------------------------------------------
// What the writers share.

/// The nodes and edges a writer emits: nodes with a repeated id are dropped (first one
/// wins), edges whose endpoints are not nodes are dropped. Node and edge ids are given
/// as written: without characters XML cannot hold, and unique even after that and after
/// CSV's formula guard (a clash gets `~2`, `~3`, ... appended), so no consumer merges
/// two nodes or drops an edge.
pub(crate) struct View<'a> {
    pub nodes: Vec<&'a Node>,
    /// Each edge with its unique export id.
    pub edges: Vec<(&'a Edge, String)>,
    /// Graph node id -> export node id.
    ids: FastMap<&'a str, String>,
    /// Dates (`YYYY-MM-DD`) of each article that has a valid one.
    pub article_dates: BTreeMap<&'a str, String>,
}

/// `base` made unique among `used` (compared in the form a CSV cell would take).
fn unique_id(base: String, used: &mut FastSet<String>) -> String {
    let mut id = base.clone();
    let mut k = 1;
    while !used.insert(csv::safe_cell(&id).into_owned()) {
        k += 1;
        id = format!("{base}~{k}");
    }
    id
}

fn xml_chars_only(s: &str) -> String {
    s.chars().filter(|&c| is_xml_char(c)).collect()
}

impl<'a> View<'a> {
    pub fn new(graph: &'a Graph) -> View<'a> {
        let mut ids: FastMap<&str, String> = FastMap::default();
        let mut used = FastSet::default();
        let mut nodes = Vec::new();
        for n in &graph.nodes {
            if ids.contains_key(n.id.as_str()) {
                continue;
            }
            ids.insert(&n.id, unique_id(xml_chars_only(&n.id), &mut used));
            nodes.push(n);
        }
        let mut used = FastSet::default();
        let mut edges = Vec::new();
        for e in &graph.edges {
            if !ids.contains_key(e.source.as_str()) || !ids.contains_key(e.target.as_str()) {
                continue;
            }
            edges.push((e, unique_id(xml_chars_only(&e.id), &mut used)));
        }
        let article_dates = graph
            .articles
            .iter()
            .filter_map(|a| Some((a.id, iso_day(a.date?)?)))
            .collect();
        View {
            nodes,
            edges,
            ids,
            article_dates,
        }
    }

    /// The export id of a node of the view.
    pub fn id<'s>(&'s self, node_id: &'s str) -> &'s str {
        self.ids.get(node_id).map_or(node_id, String::as_str)
    }

    /// The distinct valid days a node was mentioned on: those the graph keeps (of every
    /// article, however many ids the node lists), else its listed articles' dates, else
    /// its first and last date; sorted.
    pub fn node_days(&self, n: &Node) -> BTreeSet<String> {
        let mut days: BTreeSet<String> = n.days.iter().filter_map(|d| iso_day(d)).collect();
        if days.is_empty() {
            days.extend(
                n.articles
                    .iter()
                    .filter_map(|a| self.article_dates.get(a.as_str()).cloned()),
            );
        }
        or_span(days, &n.first_date, &n.last_date)
    }

    /// The distinct valid days of an edge's evidence: those the graph keeps (of all its
    /// evidence, not only the evidence kept), else the kept evidence's own dates or its
    /// articles', else the edge's first and last date; sorted.
    pub fn edge_days(&self, e: &Edge) -> BTreeSet<String> {
        let mut days: BTreeSet<String> = e.days.iter().filter_map(|d| iso_day(d)).collect();
        if days.is_empty() {
            days.extend(e.evidence.iter().filter_map(|ev| {
                ev.date
                    .as_deref()
                    .and_then(iso_day)
                    .or_else(|| self.article_dates.get(ev.article.as_str()).cloned())
            }));
        }
        or_span(days, &e.first_date, &e.last_date)
    }

    /// The newest valid article date, used as a fixed "last modified" date.
    pub fn newest_day(&self) -> Option<&str> {
        self.article_dates.values().max().map(String::as_str)
    }

    /// Each node's position (in `nodes` order) from [`layout::arrange`] over the view's
    /// edges and the nodes' drawn sizes: the same graph gets the same positions in every
    /// format.
    pub fn positions(&self) -> Vec<[f64; 2]> {
        let index: FastMap<&str, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let links: Vec<(usize, usize)> = self
            .edges
            .iter()
            .map(|(e, _)| (index[e.source.as_str()], index[e.target.as_str()]))
            .collect();
        let max = self.max_mentions();
        let sizes: Vec<f64> = self
            .nodes
            .iter()
            .map(|n| node_size(n.mentions, max))
            .collect();
        layout::arrange(&links, &sizes)
    }

    /// The most mentions of any node (at least 1).
    pub fn max_mentions(&self) -> u64 {
        self.nodes
            .iter()
            .map(|n| n.mentions)
            .max()
            .unwrap_or(1)
            .max(1)
    }

    /// Attribute names used by any node, sorted.
    pub fn attribute_names(&self) -> Vec<&'a str> {
        let names: BTreeSet<&str> = self
            .nodes
            .iter()
            .flat_map(|n| n.attributes.keys().map(String::as_str))
            .collect();
        names.into_iter().collect()
    }
}

/// `days`, or when empty the valid days among `first` and `last`.
fn or_span(
    mut days: BTreeSet<String>,
    first: &Option<String>,
    last: &Option<String>,
) -> BTreeSet<String> {
    if days.is_empty() {
        days.extend(
            [first, last]
                .into_iter()
                .filter_map(|d| iso_day(d.as_deref()?)),
        );
    }
    days
}

/// Names Gephi maps to built-in columns, or that the fixed columns already use.
const RESERVED_NAMES: &[&str] = &[
    "label",
    "type",
    "mentions",
    "articles",
    "aliases",
    "first_date",
    "last_date",
    "r",
    "g",
    "b",
    "x",
    "y",
    "z",
    "size",
    "id",
    "edgeid",
    "color",
    "weight",
    "relation",
    "interval",
    "timeset",
    "start",
    "end",
];

/// Column names for node attributes, shared by GraphML and GEXF: XML name tokens
/// (other characters become `_`), prefixed `attr_` when they start badly or would be
/// taken for a built-in or fixed column, numbered when two come out the same.
pub(crate) fn attribute_titles(attrs: &[&str], taken: &[&str]) -> Vec<String> {
    let mut used: BTreeSet<String> = taken.iter().map(|t| t.to_ascii_lowercase()).collect();
    let mut out = Vec::new();
    for &attr in attrs {
        let mut name: String = attr
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let lower = name.to_ascii_lowercase();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            || RESERVED_NAMES.contains(&lower.as_str())
            || lower.starts_with("xml")
        {
            name = format!("attr_{name}");
        }
        let base = name.clone();
        let mut k = 1;
        while used.contains(&name.to_ascii_lowercase()) {
            k += 1;
            name = format!("{base}_{k}");
        }
        used.insert(name.to_ascii_lowercase());
        out.push(name);
    }
    out
}

pub use crate::record::iso_day;
pub(crate) use crate::record::next_day;

/// Sorted days merged into runs of consecutive days: `(first, last)` inclusive, so the
/// spells never overlap nor touch.
pub(crate) fn day_runs(days: &BTreeSet<String>) -> Vec<(String, String)> {
    let mut runs: Vec<(String, String)> = Vec::new();
    for day in days {
        if let Some(last) = runs.last_mut() {
            if next_day(&last.1).as_deref() == Some(day.as_str()) {
                last.1 = day.clone();
                continue;
            }
        }
        runs.push((day.clone(), day.clone()));
    }
    runs
}

/// True for characters XML 1.0 allows (`Char` production).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// Text for an XML attribute value or element content: characters XML cannot hold are
/// dropped, markup characters escaped, and tab/newline/CR written as character
/// references so attribute-value normalization does not turn them into spaces.
pub(crate) fn xml_escape(s: &str) -> Cow<'_, str> {
    let clean =
        |c: char| is_xml_char(c) && !matches!(c, '&' | '<' | '>' | '"' | '\'' | '\t' | '\n' | '\r');
    if s.chars().all(clean) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// Whitespace runs (including newlines) collapsed to one space, ends trimmed, control
/// characters and characters XML cannot hold dropped: for labels and list items.
pub(crate) fn one_line(s: &str) -> Cow<'_, str> {
    let simple = !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s.contains(|c: char| {
            (c.is_whitespace() && c != ' ') || c.is_control() || !is_xml_char(c)
        })
        && !s.contains("  ");
    if simple {
        return Cow::Borrowed(s);
    }
    let kept: String = s
        .chars()
        .filter(|&c| c.is_whitespace() || (!c.is_control() && is_xml_char(c)))
        .collect();
    Cow::Owned(kept.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// At most `max` characters of `s`, cut at a character boundary, with `…` marking a cut.
pub(crate) fn truncate_chars(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((cut, _)) => {
            let keep = if max == 0 {
                0
            } else {
                s[..cut].char_indices().last().map_or(0, |(i, _)| i)
            };
            Cow::Owned(format!("{}…", &s[..keep]))
        }
    }
}

/// How many evidence sentences the edge summaries (GraphML, GEXF, CSV) carry.
pub(crate) const EVIDENCE_SENTENCES: usize = 3;
/// The longest evidence sentence kept in a summary, in characters.
pub(crate) const EVIDENCE_CHARS: usize = 400;
/// How many article ids a summary lists.
pub(crate) const SUMMARY_ARTICLES: usize = 20;

/// The first few distinct evidence sentences of an edge, each bounded, joined by ` | `.
/// The edge attributes GraphML and GEXF both write, after their own leading ones, in
/// order; empty optional values are left out.
pub(crate) fn edge_values(e: &Edge) -> Vec<(&'static str, String)> {
    let modalities: Vec<String> = e
        .modalities
        .iter()
        .map(|(m, n)| format!("{m}:{n}"))
        .collect();
    let mut out = vec![
        (
            "e_symmetric",
            if e.symmetric { "true" } else { "false" }.to_string(),
        ),
        ("e_modality", e.modality.as_str().to_string()),
        ("e_modalities", modalities.join("; ")),
    ];
    let optional = [
        ("e_cameo", e.relation.cameo().to_string()),
        ("e_plover", e.relation.plover().to_string()),
        ("e_first_date", e.first_date.clone().unwrap_or_default()),
        ("e_last_date", e.last_date.clone().unwrap_or_default()),
        ("e_articles", edge_articles(e)),
        ("e_evidence", evidence_summary(e)),
    ];
    out.extend(optional.into_iter().filter(|(_, v)| !v.is_empty()));
    out
}

pub(crate) fn evidence_summary(e: &Edge) -> String {
    let mut seen = FastSet::default();
    let mut parts = Vec::new();
    for ev in &e.evidence {
        let s = one_line(&ev.sentence);
        if s.is_empty() || !seen.insert(s.clone()) {
            continue;
        }
        parts.push(truncate_chars(&s, EVIDENCE_CHARS).into_owned());
        if parts.len() == EVIDENCE_SENTENCES {
            break;
        }
    }
    parts.join(" | ")
}

/// The distinct article ids of an edge's evidence, in order, at most
/// [`SUMMARY_ARTICLES`], joined by `; ` (with `; … (+N)` when more were left out).
pub(crate) fn edge_articles(e: &Edge) -> String {
    let ids: BTreeSet<&str> = e.evidence.iter().map(|ev| ev.article.as_str()).collect();
    list_summary(ids.into_iter(), SUMMARY_ARTICLES)
}

pub(crate) fn list_summary<'s>(
    items: impl ExactSizeIterator<Item = &'s str>,
    max: usize,
) -> String {
    let n = items.len();
    let mut out: Vec<String> = items.take(max).map(|s| one_line(s).into_owned()).collect();
    if n > max {
        out.push(format!("… (+{})", n - max));
    }
    out.join("; ")
}

/// A number of mentions, weight etc. written as an XML/Python double (`3.0`, `1e20`).
pub(crate) fn xml_double(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "INF" } else { "-INF" }.into()
    } else {
        let s = format!("{x:?}");
        if s.contains(['.', 'e', 'E']) {
            s
        } else {
            format!("{s}.0")
        }
    }
}

/// The smallest and largest node size (GEXF `viz:size`, the HTML view), in pixels.
pub const NODE_SIZES: (f64, f64) = (3.0, 18.0);

/// A node's drawn size: from [`NODE_SIZES`]`.0` for one mention to `.1` for the most
/// mentioned node of the graph, growing with the square root (the disk's area grows
/// with the mentions); rounded to two decimals.
pub fn node_size(mentions: u64, max_mentions: u64) -> f64 {
    let (lo, hi) = NODE_SIZES;
    let m = mentions.max(1) as f64 - 1.0;
    let top = max_mentions.max(1) as f64 - 1.0;
    let t = if top > 0.0 {
        (m / top).min(1.0).sqrt()
    } else {
        0.0
    };
    ((lo + (hi - lo) * t) * 100.0).round() / 100.0
}

/// What a relation does, for the colour of its edges in the drawings: CAMEO's quad
/// classes folded in two (codes 01-08 cooperation, 09-20 conflict, read from the
/// relation's own CAMEO code), and the structural relations that have none
/// (holds-position, member-of, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tone {
    Cooperation,
    Conflict,
    Structural,
}

impl Tone {
    pub const ALL: [Tone; 3] = [Tone::Cooperation, Tone::Conflict, Tone::Structural];

    pub fn of(relation: RelationKind) -> Tone {
        let root: Option<u32> = relation.cameo().get(..2).and_then(|code| code.parse().ok());
        match root {
            None => Tone::Structural,
            Some(r) if r <= 8 => Tone::Cooperation,
            Some(_) => Tone::Conflict,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Cooperation => "cooperation",
            Tone::Conflict => "conflict",
            Tone::Structural => "structural",
        }
    }

    /// What the legends say about it.
    pub fn describe(self) -> &'static str {
        match self {
            Tone::Cooperation => "cooperation (CAMEO 01-08)",
            Tone::Conflict => "conflict (CAMEO 09-20)",
            Tone::Structural => "structural (no CAMEO code)",
        }
    }

    /// The edge colour (RGB), shared by DOT and the HTML view.
    pub fn color(self) -> (u8, u8, u8) {
        match self {
            Tone::Cooperation => (0x2c, 0x9a, 0x8c),
            Tone::Conflict => (0xd6, 0x40, 0x3a),
            Tone::Structural => (0x99, 0x99, 0x99),
        }
    }
}

/// `#rrggbb`.
pub(crate) fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The colour of an entity type (RGB), shared by GEXF and DOT so the two agree.
pub fn kind_color(kind: EntityKind) -> (u8, u8, u8) {
    match kind {
        EntityKind::Person => (0x4e, 0x79, 0xa7),
        EntityKind::Country => (0xe1, 0x57, 0x59),
        EntityKind::Organization => (0x59, 0xa1, 0x4f),
        EntityKind::Position => (0xed, 0xc9, 0x48),
        EntityKind::Location => (0xb0, 0x7a, 0xa1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_titles_are_xml_names_and_unique() {
        let names = attribute_titles(
            &[
                "iso2",
                "label",
                "home country",
                "home_country",
                "1st",
                "x",
                "Kind",
                "kind",
            ],
            &["type"],
        );
        assert_eq!(
            names,
            [
                "iso2",
                "attr_label",
                "home_country",
                "home_country_2",
                "attr_1st",
                "attr_x",
                "Kind",
                "kind_2"
            ]
        );
    }

    #[test]
    fn iso_day_accepts_real_days_only() {
        for (s, want) in [
            ("2022-01-10", Some("2022-01-10")),
            ("2022-01-10T08:00:00Z", Some("2022-01-10")),
            (" 2024-02-29 ", Some("2024-02-29")),
            ("2023-02-29", None),
            ("2022-13-01", None),
            ("2022-1-10", None),
            ("10/01/2022", None),
            ("2022-01-10xyz", None),
            ("", None),
            ("２０２２-01-10", None),
        ] {
            assert_eq!(iso_day(s).as_deref(), want, "{s:?}");
        }
    }

    #[test]
    fn consecutive_days_merge_into_one_run() {
        let days: BTreeSet<String> = ["2021-12-31", "2022-01-01", "2022-01-02", "2022-01-05"]
            .map(String::from)
            .into();
        assert_eq!(
            day_runs(&days),
            vec![
                ("2021-12-31".to_string(), "2022-01-02".to_string()),
                ("2022-01-05".to_string(), "2022-01-05".to_string())
            ]
        );
        assert_eq!(next_day("2024-02-28").as_deref(), Some("2024-02-29"));
        assert_eq!(next_day("2023-02-28").as_deref(), Some("2023-03-01"));
    }

    #[test]
    fn xml_escape_strips_invalid_and_escapes_markup() {
        assert_eq!(
            xml_escape("a<b>&\"c'\u{0}\u{1}\u{FFFE}\u{FFFF}\n\té"),
            "a&lt;b&gt;&amp;&quot;c&apos;&#10;&#9;é"
        );
        assert!(matches!(xml_escape("plain text"), Cow::Borrowed(_)));
    }

    /// Why `xml_escape` is ours and not quick-xml's (see the module doc): quick-xml's
    /// writer puts tab/newline/CR into attribute values raw and keeps characters XML 1.0
    /// forbids; a reader's attribute-value normalization then turns the newline into a
    /// space. Ours round-trips through quick-xml's own reader; on the five markup
    /// characters the two agree.
    #[test]
    fn xml_escape_round_trips_where_quick_xml_does_not() {
        use quick_xml::events::{BytesStart, Event};
        use quick_xml::XmlVersion;
        let value = |xml: &str| -> String {
            let mut reader = quick_xml::Reader::from_str(xml);
            match reader.read_event().expect("well-formed") {
                Event::Empty(e) => {
                    let attr = e.try_get_attribute("v").unwrap().unwrap();
                    attr.normalized_value(XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned()
                }
                other => panic!("{other:?}"),
            }
        };
        let text = "line one\n\tline \"two\" <&> it's\u{1}";
        let ours = format!("<d v=\"{}\"/>", xml_escape(text));
        assert_eq!(value(&ours), "line one\n\tline \"two\" <&> it's");

        let mut theirs = BytesStart::new("d");
        theirs.push_attribute(("v", text));
        let theirs = format!("<{}/>", String::from_utf8(theirs.to_vec()).unwrap());
        assert!(theirs.contains('\u{1}'), "quick-xml now filters: {theirs}");
        assert_eq!(
            value(&theirs.replace('\u{1}', "")),
            "line one  line \"two\" <&> it's"
        );

        let markup = "\"Tom & Jerry\" <b>'s";
        assert_eq!(xml_escape(markup), quick_xml::escape::escape(markup));
    }

    #[test]
    fn truncation_is_at_a_char_boundary() {
        assert_eq!(truncate_chars("héllo", 10), "héllo");
        assert_eq!(truncate_chars("héllo", 3), "hé…");
        assert_eq!(truncate_chars("🙂🙂🙂", 2), "🙂…");
        assert_eq!(truncate_chars("abc", 0), "…");
    }

    #[test]
    fn doubles_always_look_like_doubles() {
        assert_eq!(xml_double(3.0), "3.0");
        assert_eq!(xml_double(0.5), "0.5");
        assert_eq!(xml_double(1e20), "1e20");
        assert_eq!(xml_double(f64::INFINITY), "INF");
    }

    #[test]
    fn every_relation_has_a_tone_from_its_cameo_code() {
        for r in RelationKind::ALL {
            let tone = Tone::of(r);
            assert_eq!(tone == Tone::Structural, r.cameo().is_empty(), "{r}");
            assert_eq!(tone == Tone::Structural, r.plover().is_empty(), "{r}");
        }
        assert_eq!(Tone::of(RelationKind::Meets), Tone::Cooperation);
        assert_eq!(Tone::of(RelationKind::RetreatsFrom), Tone::Cooperation);
        assert_eq!(Tone::of(RelationKind::Investigates), Tone::Conflict);
        assert_eq!(Tone::of(RelationKind::Fights), Tone::Conflict);
        assert_eq!(Tone::of(RelationKind::QuotedBy), Tone::Structural);
    }

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("GEXF".parse::<Format>().unwrap(), Format::Gexf);
        let err = "svg".parse::<Format>().unwrap_err().to_string();
        assert!(err.contains("svg") && err.contains("graphml"), "{err}");
        assert_eq!(
            parse_formats("dot, json,dot").unwrap(),
            vec![Format::Dot, Format::Json]
        );
    }
}

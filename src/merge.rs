//! The reduce step: extract records (JSON Lines) and graphs (`graph.json`) merged into
//! one graph, exactly: any split of a corpus, merged in any grouping and order, gives
//! byte for byte the graph one `build` over the whole corpus gives (DESIGN.md, "Graphs
//! that merge"). The statistics live in [`crate::graph_build::Builder`]; this module
//! reads inputs and keeps the merge honest:
//!
//! - **Graphs first.** Graph inputs are taken before records, so that an article that
//!   is both in a graph and in a record is the graph's (its counts cannot be taken out of
//!   the graph again); the record is skipped and reported at its file and line.
//! - **An article once.** A record whose id is already in is skipped and reported. A
//!   graph all of whose articles are already in is skipped and reported; a graph that
//!   shares only some of its articles with earlier inputs is an error, because a graph's
//!   counts cannot be split by article (merge the records instead).
//! - **Whole graphs only.** A graph written with filters (`--min-weight`, `--types`,
//!   ...) records them and is refused: it is not the graph of its articles.
//! - **Caps.** A graph that kept fewer evidence per edge than asked for is refused; with
//!   no cap asked for, the merge keeps as many as the smallest graph input kept.
//!
//! Records are streamed a line at a time; only the graph is held.

use crate::article::Problem;
use crate::error::{Error, Result};
use crate::graph::{Graph, DEFAULT_MAX_EVIDENCE};
use crate::graph_build::Builder;
use crate::record::ExtractedDoc;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// What a merge input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A `graph.json` written by `build` or `merge`.
    Graph,
    /// `extract` output: one JSON record per line.
    Records,
}

/// Tell a graph from records by the first non-blank line: a graph (written pretty) opens
/// with a lone `{`, a record line is a whole object. `-` (stdin) is always records.
pub fn input_kind(path: &Path) -> Result<InputKind> {
    if path.as_os_str() == "-" {
        return Ok(InputKind::Records);
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Ok(InputKind::Records);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim().trim_start_matches('\u{feff}');
        if text.is_empty() {
            continue;
        }
        return Ok(if text == "{" {
            InputKind::Graph
        } else {
            InputKind::Records
        });
    }
}

/// A merge in progress: add graphs, then records, then [`Merge::finish`].
pub struct Merge {
    builder: Builder,
    /// True when the cap was asked for (then a graph with a smaller one is refused).
    cap_given: bool,
    problems: Vec<Problem>,
    records: u64,
}

impl Merge {
    /// A merge keeping `max_evidence` evidence per edge, or (when `None`) the default
    /// lowered to the smallest cap of the graphs merged.
    pub fn new(max_evidence: Option<usize>) -> Merge {
        Merge {
            builder: Builder::new(max_evidence.unwrap_or(DEFAULT_MAX_EVIDENCE)),
            cap_given: max_evidence.is_some(),
            problems: Vec::new(),
            records: 0,
        }
    }

    /// Whether an article with this id is in the merge already.
    pub fn has_article(&self, id: &str) -> bool {
        self.builder.has_article(id)
    }

    /// Articles merged so far.
    pub fn article_count(&self) -> usize {
        self.builder.article_count()
    }

    /// Records added so far (not counting those skipped).
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The problems met since the last call (skipped records and graphs, bad lines).
    pub fn take_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.problems)
    }

    /// Read and add a `graph.json`.
    pub fn add_graph_file(&mut self, path: &Path) -> Result<()> {
        let g = Graph::load(path)?;
        self.add_graph(g, &path.display().to_string())
    }

    /// Add a graph read from `name`: refused when it was filtered, kept fewer evidence
    /// than the merge keeps, or shares some but not all of its articles with the merge.
    pub fn add_graph(&mut self, g: Graph, name: &str) -> Result<()> {
        if !g.filter.is_empty() {
            return Err(Error::refused(
                name,
                None,
                format!(
                    "this graph was written with filters ({}): it is not the whole graph of \
                     its articles and cannot be merged; merge the unfiltered graph.json or the \
                     extract records",
                    g.filter.describe()
                ),
            ));
        }
        if g.max_evidence < self.builder.max_evidence() {
            if self.cap_given {
                return Err(Error::refused(
                    name,
                    None,
                    format!(
                        "this graph keeps at most {} evidence per edge, fewer than the {} asked \
                         for: merge with --max-evidence {} or less",
                        g.max_evidence,
                        self.builder.max_evidence(),
                        g.max_evidence
                    ),
                ));
            }
            self.builder.lower_cap(g.max_evidence);
        }
        let shared: Vec<&str> = g
            .articles
            .iter()
            .map(|a| a.id)
            .filter(|id| self.builder.has_article(id))
            .collect();
        if !shared.is_empty() && shared.len() == g.articles.len() {
            self.problems.push(Problem::warning(Error::refused(
                name,
                None,
                format!(
                    "all {} articles of this graph are already merged from earlier inputs; \
                     graph skipped",
                    g.articles.len()
                ),
            )));
            return Ok(());
        }
        if !shared.is_empty() {
            return Err(Error::refused(
                name,
                None,
                format!(
                    "this graph shares {} of its {} articles with earlier inputs (the first: \
                     '{}'); a graph's counts cannot be split by article, so merge the extract \
                     records of one side instead",
                    shared.len(),
                    g.articles.len(),
                    shared[0]
                ),
            ));
        }
        self.builder.add_graph(g);
        Ok(())
    }

    /// Add one record found at `name:line`; a repeated article id is skipped and
    /// reported. Returns whether it was added.
    pub fn add_record(&mut self, d: &ExtractedDoc, name: &str, line: Option<usize>) -> bool {
        if self.builder.add(d) {
            self.records += 1;
            return true;
        }
        self.problems.push(Problem::warning(Error::refused(
            name,
            line,
            format!(
                "article '{}' is already merged from an earlier input; kept once, this one skipped",
                d.id
            ),
        )));
        false
    }

    /// Stream `extract` JSON Lines from `reader` (named `name` in problems): blank lines
    /// are ignored; a line that is not a record is reported and skipped.
    pub fn add_records(&mut self, reader: impl Read, name: &str) -> Result<()> {
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let mut buf = Vec::new();
        let mut line_no = 0;
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| Error::io(name, e))?;
            if n == 0 {
                return Ok(());
            }
            line_no += 1;
            let bytes = buf.trim_ascii();
            let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
            if bytes.is_empty() {
                continue;
            }
            match serde_json::from_slice::<ExtractedDoc>(bytes) {
                Ok(d) => {
                    self.add_record(&d, name, Some(line_no));
                }
                Err(e) => self.problems.push(Problem::error(Error::parse(
                    name,
                    Some(line_no),
                    format!("not an extract record ({e}); skipped"),
                ))),
            }
        }
    }

    /// Open and stream a records file (`-` is stdin).
    pub fn add_records_file(&mut self, path: &Path) -> Result<()> {
        let name = path.display().to_string();
        if path.as_os_str() == "-" {
            return self.add_records(std::io::stdin().lock(), "<stdin>");
        }
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        self.add_records(file, &name)
    }

    /// The merged graph.
    pub fn finish(self) -> Graph {
        self.builder.finish()
    }
}

/// Merge inputs given on a command line: every graph first (in the order given), then
/// every records file (in the order given). Problems are handed to `report` after each
/// input; an error stops the merge.
pub fn merge_paths(
    paths: &[std::path::PathBuf],
    max_evidence: Option<usize>,
    mut report: impl FnMut(Problem) -> Result<()>,
) -> Result<Merge> {
    let mut kinds = Vec::with_capacity(paths.len());
    for p in paths {
        kinds.push(input_kind(p)?);
    }
    let mut merge = Merge::new(max_evidence);
    for want in [InputKind::Graph, InputKind::Records] {
        for (p, kind) in paths.iter().zip(&kinds) {
            if *kind != want {
                continue;
            }
            match kind {
                InputKind::Graph => merge.add_graph_file(p)?,
                InputKind::Records => merge.add_records_file(p)?,
            }
            for problem in merge.take_problems() {
                report(problem)?;
            }
        }
    }
    Ok(merge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{EntityKind, MentionForm};
    use crate::record::MentionOut;

    fn doc(id: &str, entity: &str) -> ExtractedDoc {
        ExtractedDoc {
            id: id.into(),
            entities: vec![MentionOut {
                start: 0,
                end: 1,
                text: "X".into(),
                kind: EntityKind::Person,
                form: MentionForm::Name,
                entity: entity.into(),
            }],
            ..ExtractedDoc::default()
        }
    }

    #[test]
    fn a_record_already_in_a_graph_is_skipped_and_reported() {
        let g = Graph::from_docs([&doc("a", "person:x")]);
        let mut m = Merge::new(None);
        m.add_graph(g, "g.json").unwrap();
        assert!(!m.add_record(&doc("a", "person:x"), "day.jsonl", Some(3)));
        let problems = m.take_problems();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().contains("day.jsonl:3"),
            "{}",
            problems[0]
        );
        assert_eq!(m.finish().nodes[0].mentions, 1);
    }

    #[test]
    fn graphs_sharing_some_articles_are_refused_and_filtered_ones_too() {
        let ab = Graph::from_docs([&doc("a", "person:x"), &doc("b", "person:x")]);
        let bc = Graph::from_docs([&doc("b", "person:x"), &doc("c", "person:x")]);
        let mut m = Merge::new(None);
        m.add_graph(ab.clone(), "ab.json").unwrap();
        let err = m.add_graph(bc, "bc.json").unwrap_err().to_string();
        assert!(
            err.contains("bc.json") && err.contains("shares 1 of its 2"),
            "{err}"
        );
        // The same graph again is skipped whole, with a warning.
        m.add_graph(ab.clone(), "ab2.json").unwrap();
        assert_eq!(m.take_problems().len(), 1);

        let filtered = ab.filtered(&crate::graph::Filter {
            min_weight: 2,
            ..Default::default()
        });
        let err = Merge::new(None)
            .add_graph(filtered, "f.json")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("--min-weight 2") && err.contains("cannot be merged"),
            "{err}"
        );
    }

    #[test]
    fn a_graph_with_a_smaller_cap_is_refused_only_when_a_cap_was_asked_for() {
        let mut b = Builder::new(3);
        b.add(&doc("a", "person:x"));
        let g = b.finish();
        let err = Merge::new(Some(5))
            .add_graph(g.clone(), "g.json")
            .unwrap_err();
        assert!(err.to_string().contains("--max-evidence 3"), "{err}");
        let mut m = Merge::new(None);
        m.add_graph(g, "g.json").unwrap();
        assert_eq!(m.finish().max_evidence, 3);
    }

    #[test]
    fn bad_record_lines_are_reported_with_their_line() {
        let text = format!(
            "{}\n\nnot json\n{}\n",
            serde_json::to_string(&doc("a", "person:x")).unwrap(),
            serde_json::to_string(&doc("b", "person:y")).unwrap()
        );
        let mut m = Merge::new(None);
        m.add_records(text.as_bytes(), "r.jsonl").unwrap();
        let problems = m.take_problems();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().contains("r.jsonl:3"),
            "{}",
            problems[0]
        );
        assert_eq!(m.finish().articles.len(), 2);
    }
}

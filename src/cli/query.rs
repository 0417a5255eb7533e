//! `newsgraph query GRAPH.json <question>`: runs one [`newsgraph::query`] function and
//! prints its rows as an aligned table, CSV or JSON.
//!
//! Exit codes: 0 with an answer (possibly no rows); 1 when `path` finds no chain;
//! 2 on an error, including a name that is ambiguous (the candidates are listed) or
//! unknown (near matches are suggested).
//!
//! The tables ([`Table`], also used by `diff`) are our own code rather than comfy-table's
//! or tabled's (issue 15), measured: comfy-table 7.2 adds 233 KB to a stripped binary
//! (a table program: 344 KB without, 577 KB with) and 13 crates (crossterm, parking_lot,
//! rustix, ...), and its borderless preset pads every cell with a space on each side
//! (a leading space and trailing blanks on every line) and wraps a cell that is too long
//! over several lines, where ours cuts it at its column's limit with `…` and keeps one
//! row per line, the format the README and scripts reading `query` rely on; it would
//! have to be undone line by line. tabled was not measured. What ours got wrong, widths
//! counted in chars (a CJK name or a combining accent shifted every column after it), is
//! now the display width of `unicode-width` (the crate comfy-table itself measures with);
//! `tables_align_by_display_width_with_cjk_names_and_combining_marks` shows both.

use clap::{Subcommand, ValueEnum};
use newsgraph::graph::Graph;
use newsgraph::query::{self, Direction, EdgeRow, Measure, NameError, Options};
use newsgraph::{output, EntityKind, Error, Modality, RelationKind, Result};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(clap::Args)]
#[command(after_help = "\
Names match an id, a label or any alias, ignoring case and dots (\"putin\", \"Moscow\",
\"U.S.\", \"us\", \"country:RUS\"). An ambiguous name lists the candidates and an unknown
one suggests near matches, both on stderr with exit code 2; `path` exits 1 when no chain
links the two entities.

Only asserted relations count unless --all is given; --all adds negated, future and
hypothetical ones and shows a modality column. Table cells longer than the column limit
end in …; csv and json are never truncated. json is an array of objects (`entity`: one
object).")]
pub struct Args {
    /// A graph.json written by `newsgraph build`.
    #[arg(value_name = "GRAPH.json")]
    pub graph: PathBuf,
    #[command(subcommand)]
    pub question: Question,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Count every modality (negated, future, hypothetical), not only asserted relations.
    #[arg(long, global = true)]
    pub all: bool,
}

#[derive(Subcommand)]
pub enum Question {
    /// Pairs linked by meets, negotiates-with, phones or visits (with NAME: only its own).
    #[command(name = "who-met")]
    WhoMet {
        #[arg(value_name = "NAME")]
        name: Option<String>,
    },
    /// Relations, filtered by type, source, target and modality.
    Relations {
        /// Relation type (demands, meets, holds-position, ...).
        #[arg(long = "type", value_name = "T", value_parser = parse_relation)]
        relation: Option<RelationKind>,
        /// Only relations from this entity (either end of a symmetric relation).
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
        /// Only relations to this entity (either end of a symmetric relation).
        #[arg(long, value_name = "NAME")]
        target: Option<String>,
        /// Only evidence of this modality: asserted, negated, future, hypothetical.
        #[arg(long, value_name = "M", value_parser = parse_modality)]
        modality: Option<Modality>,
    },
    /// One entity's profile: type, aliases, attributes, positions, relations, articles.
    Entity {
        #[arg(value_name = "NAME")]
        name: String,
    },
    /// Entities within N steps of NAME, in either direction.
    Neighbors {
        #[arg(value_name = "NAME")]
        name: String,
        /// How many steps away to go.
        #[arg(long, value_name = "N", default_value_t = 1,
              value_parser = clap::value_parser!(u32).range(1..))]
        depth: u32,
    },
    /// The shortest chain of relations from A to B, with the relation on each step.
    Path {
        #[arg(value_name = "A")]
        a: String,
        #[arg(value_name = "B")]
        b: String,
    },
    /// The most central entities.
    Top {
        /// Only entities of this type: person, country, organization, position, location.
        #[arg(long = "type", value_name = "T", value_parser = parse_kind)]
        kind: Option<EntityKind>,
        /// degree: edges touching the entity; pagerank: PageRank (damping 0.85, symmetric
        /// relations both ways); betweenness: normalized, over the undirected graph.
        #[arg(long, value_enum, default_value_t = By::Degree)]
        by: By,
        /// How many entities to list.
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
    },
    /// Connected groups of entities, largest first, with their most-mentioned members.
    Components {
        /// How many groups to list.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Every sentence supporting the relations between A and B, with article ids.
    Evidence {
        #[arg(value_name = "A")]
        a: String,
        #[arg(value_name = "B")]
        b: String,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Degree,
    Pagerank,
    Betweenness,
}

fn parse_relation(s: &str) -> std::result::Result<RelationKind, String> {
    RelationKind::parse(s).ok_or_else(|| {
        let all: Vec<&str> = RelationKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown relation type; one of: {}", all.join(", "))
    })
}

fn parse_modality(s: &str) -> std::result::Result<Modality, String> {
    Modality::parse(s)
        .ok_or_else(|| "unknown modality; one of: asserted, negated, future, hypothetical".into())
}

fn parse_kind(s: &str) -> std::result::Result<EntityKind, String> {
    EntityKind::parse(s).ok_or_else(|| {
        "unknown entity type; one of: person, country, organization, position, location".into()
    })
}

fn name_error(e: NameError) -> Error {
    Error::Usage(e.to_string())
}

pub fn run(args: Args) -> Result<ExitCode> {
    let graph = Graph::load(&args.graph)?;
    output::write_to(None, |w| {
        let mut out = Output {
            format: args.format,
            w,
        };
        answer(&args, &graph, &mut out)
    })
}

/// Asks the question and writes the answer to `out`.
fn answer(args: &Args, graph: &Graph, out: &mut Output) -> Result<ExitCode> {
    let opts = Options { all: args.all };
    let all = Options { all: true };
    // When nothing asserted matches, say whether --all would show something.
    let hint_if_empty = |shown: usize, with_all: &dyn Fn() -> usize| {
        if shown == 0 && !opts.all {
            let more = with_all();
            if more > 0 {
                eprintln!(
                    "newsgraph: no asserted relations match; --all shows {more} \
                     (negated, future or hypothetical)"
                );
            }
        }
    };
    match &args.question {
        Question::WhoMet { name } => {
            let rows = query::who_met(graph, name.as_deref(), &opts).map_err(name_error)?;
            out.edges(&rows, opts.all)?;
            hint_if_empty(rows.len(), &|| {
                query::who_met(graph, name.as_deref(), &all).map_or(0, |r| r.len())
            });
        }
        Question::Relations {
            relation,
            source,
            target,
            modality,
        } => {
            let filter = query::RelationFilter {
                relation: *relation,
                source: source.as_deref(),
                target: target.as_deref(),
                modality: *modality,
            };
            let rows = query::relations(graph, &filter, &opts).map_err(name_error)?;
            out.edges(&rows, opts.all || modality.is_some())?;
            if modality.is_none() {
                hint_if_empty(rows.len(), &|| {
                    query::relations(graph, &filter, &all).map_or(0, |r| r.len())
                });
            }
        }
        Question::Entity { name } => {
            let profile = query::entity(graph, name, &opts).map_err(name_error)?;
            out.entity(&profile, opts.all)?;
        }
        Question::Neighbors { name, depth } => {
            let rows = query::neighbors(graph, name, *depth as usize, &opts).map_err(name_error)?;
            out.neighbors(&rows, opts.all)?;
            hint_if_empty(rows.len(), &|| {
                query::neighbors(graph, name, *depth as usize, &all).map_or(0, |r| r.len())
            });
        }
        Question::Path { a, b } => match query::path(graph, a, b, &opts).map_err(name_error)? {
            Some(steps) => out.path(&steps, opts.all)?,
            None => {
                let linked_by_all =
                    !opts.all && matches!(query::path(graph, a, b, &all), Ok(Some(_)));
                let scope = if opts.all { "" } else { "asserted " };
                let hint = if linked_by_all {
                    "; --all finds one through negated, future or hypothetical relations"
                } else {
                    ""
                };
                eprintln!("newsgraph: no chain of {scope}relations links {a:?} and {b:?}{hint}");
                return Ok(ExitCode::from(1));
            }
        },
        Question::Top { kind, by, limit } => {
            let measure = match by {
                By::Degree => Measure::Degree,
                By::Pagerank => Measure::Pagerank,
                By::Betweenness => Measure::Betweenness,
            };
            let rows = query::top(graph, *kind, measure, *limit, &opts);
            out.top(&rows)?;
        }
        Question::Components { limit } => {
            let mut t = Table::new(&["rank", "size", "members"]);
            let mut json = Vec::new();
            for (i, c) in graph.components().iter().take(*limit).enumerate() {
                let names: Vec<&str> = c.iter().map(|n| n.label.as_str()).collect();
                let shown = names.iter().take(8).copied().collect::<Vec<_>>().join(", ");
                let more = if names.len() > 8 {
                    format!(", … (+{})", names.len() - 8)
                } else {
                    String::new()
                };
                t.push(vec![
                    (i + 1).to_string(),
                    c.len().to_string(),
                    format!("{shown}{more}"),
                ]);
                json.push(serde_json::json!({
                    "rank": i + 1,
                    "size": c.len(),
                    "members": c.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
                }));
            }
            out.write(&t, &json)?;
        }
        Question::Evidence { a, b } => {
            let rows = query::evidence(graph, a, b, &opts).map_err(name_error)?;
            out.evidence(&rows, opts.all)?;
            hint_if_empty(rows.len(), &|| {
                query::evidence(graph, a, b, &all).map_or(0, |r| r.len())
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Rows as strings under headers. In a table, columns whose header ends in `_id` are left
/// out (csv and json keep them) and cells are cut to the column's width limit.
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Table {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.headers.len());
        self.rows.push(row);
    }

    /// The widest a column may be in a table, by its header.
    fn limit(header: &str) -> usize {
        match header {
            "evidence" | "sentence" | "title" | "old" | "new" => 80,
            // Edge ids (`source|relation|target`) in diffs are long and must stay whole.
            "id" => 120,
            "field" => 60,
            _ => 40,
        }
    }

    /// Aligned columns separated by two spaces; cells over the limit end in `…`. Widths
    /// are display widths (a CJK character takes two columns, a combining mark none), so
    /// columns line up in a terminal whatever the script.
    pub fn write_aligned(&self, w: &mut dyn Write) -> std::io::Result<()> {
        let shown: Vec<usize> = (0..self.headers.len())
            .filter(|&i| !self.headers[i].ends_with("_id"))
            .collect();
        let cell = |i: usize, s: &str| truncate(&one_line(s), Table::limit(self.headers[i]));
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| shown.iter().map(|&i| cell(i, &r[i])).collect())
            .collect();
        let mut widths: Vec<usize> = shown.iter().map(|&i| self.headers[i].width()).collect();
        for r in &cells {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.width());
            }
        }
        let header: Vec<String> = shown.iter().map(|&i| self.headers[i].to_string()).collect();
        for r in std::iter::once(&header).chain(&cells) {
            let mut line = String::new();
            for (j, c) in r.iter().enumerate() {
                if j + 1 == r.len() {
                    line.push_str(c);
                } else {
                    line.push_str(c);
                    let pad = widths[j] - c.width() + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(w, "{}", line.trim_end())?;
        }
        Ok(())
    }

    pub fn write_csv(&self, w: &mut dyn Write) -> std::io::Result<()> {
        let mut c = csv::Writer::from_writer(w);
        c.write_record(&self.headers)?;
        for r in &self.rows {
            c.write_record(r)?;
        }
        c.flush()
    }
}

/// Control characters and line breaks become spaces, so a row stays on one line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// At most `max` columns of display width, the last one `…` when anything was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut t = String::new();
    let mut width = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if width + w > max.saturating_sub(1) {
            break;
        }
        t.push(c);
        width += w;
    }
    t.push('…');
    t
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Where rows go (stdout), in one format.
pub struct Output<'a, 'w> {
    format: Format,
    w: &'a mut output::Out<'w>,
}

impl Output<'_, '_> {
    /// Writes rows: `table` for table and csv, `rows` serialized for json.
    fn write<T: Serialize + ?Sized>(&mut self, table: &Table, rows: &T) -> Result<()> {
        match self.format {
            Format::Table => table.write_aligned(self.w),
            Format::Csv => table.write_csv(self.w),
            Format::Json => self.json(rows),
        }
        .map_err(|e| self.w.error(e))
    }

    fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *self.w, value)?;
        writeln!(self.w)
    }

    fn edges(&mut self, rows: &[EdgeRow], show_modality: bool) -> Result<()> {
        let mut t = edge_table(show_modality);
        for r in rows {
            t.push(edge_cells(r, show_modality));
        }
        self.write(&t, rows)
    }

    fn entity(&mut self, p: &query::EntityProfile, show_modality: bool) -> Result<()> {
        match self.format {
            Format::Json => return self.json(p).map_err(|e| self.w.error(e)),
            Format::Csv => return self.write(&entity_facts(p), p),
            Format::Table => {}
        }
        let mut facts = Table::new(&["field", "value"]);
        let mut fact = |k: &str, v: String| {
            if !v.is_empty() {
                facts.push(vec![k.to_string(), v]);
            }
        };
        fact("id", p.id.clone());
        fact("type", p.kind.to_string());
        fact("label", p.label.clone());
        fact("aliases", p.aliases.join(", "));
        for (k, v) in &p.attributes {
            fact(k, v.clone());
        }
        fact("mentions", p.mentions.to_string());
        let span = match (&p.first_date, &p.last_date) {
            (Some(a), Some(b)) if a != b => format!("{a} .. {b}"),
            (Some(a), _) => a.clone(),
            _ => String::new(),
        };
        fact("dates", span);
        let mut sections = Vec::new();
        let mut positions = Table::new(&["position", "id", "scope", "weight"]);
        for r in &p.positions {
            positions.push(vec![
                r.label.clone(),
                r.id.clone(),
                opt(&r.scope),
                r.weight.to_string(),
            ]);
        }
        sections.push(("positions".to_string(), positions));
        for (title, rows) in [
            ("relations out", &p.relations_out),
            ("relations in", &p.relations_in),
        ] {
            let mut t = edge_table(show_modality);
            for r in rows {
                t.push(edge_cells(r, show_modality));
            }
            sections.push((title.to_string(), t));
        }
        let mut articles = Table::new(&["article", "date", "title"]);
        for a in &p.articles {
            articles.push(vec![a.id.clone(), opt(&a.date), opt(&a.title)]);
        }
        let title = if p.article_count > p.articles.len() as u64 {
            format!(
                "articles (the first {} of {})",
                p.articles.len(),
                p.article_count
            )
        } else {
            "articles".to_string()
        };
        sections.push((title, articles));
        let w = &mut *self.w;
        let written = (|| -> std::io::Result<()> {
            facts.write_aligned(w)?;
            for (title, t) in sections.iter().filter(|(_, t)| !t.rows.is_empty()) {
                writeln!(w, "\n{title} ({})", t.rows.len())?;
                t.write_aligned(w)?;
            }
            Ok(())
        })();
        written.map_err(|e| self.w.error(e))
    }

    fn neighbors(&mut self, rows: &[query::NeighborRow], show_modality: bool) -> Result<()> {
        let mut headers = vec![
            "distance", "from", "from_id", "dir", "relation", "label", "id", "type",
        ];
        if show_modality {
            headers.push("modality");
        }
        let mut t = Table::new(&headers);
        for r in rows {
            let mut cells = vec![
                r.distance.to_string(),
                r.from.clone(),
                r.from_id.clone(),
                arrow(r.direction),
                r.relation.to_string(),
                r.label.clone(),
                r.id.clone(),
                r.kind.to_string(),
            ];
            if show_modality {
                cells.push(r.modality.to_string());
            }
            t.push(cells);
        }
        self.write(&t, rows)
    }

    fn path(&mut self, steps: &[query::PathStep], show_modality: bool) -> Result<()> {
        let mut headers = vec!["step", "from", "from_id", "dir", "relation", "to", "to_id"];
        if show_modality {
            headers.push("modality");
        }
        headers.extend(["article", "evidence"]);
        let mut t = Table::new(&headers);
        for s in steps {
            let mut cells = vec![
                s.step.to_string(),
                s.from.clone(),
                s.from_id.clone(),
                arrow(s.direction),
                s.relation.to_string(),
                s.to.clone(),
                s.to_id.clone(),
            ];
            if show_modality {
                cells.push(s.modality.to_string());
            }
            cells.extend([s.article.clone(), s.evidence.clone()]);
            t.push(cells);
        }
        self.write(&t, steps)
    }

    fn top(&mut self, rows: &[query::TopRow]) -> Result<()> {
        let mut t = Table::new(&["rank", "label", "id", "type", "measure", "score"]);
        for r in rows {
            let score = match r.measure {
                Measure::Degree => format!("{}", r.score),
                _ => format!("{:.6}", r.score),
            };
            t.push(vec![
                r.rank.to_string(),
                r.label.clone(),
                r.id.clone(),
                r.kind.to_string(),
                r.measure.as_str().to_string(),
                score,
            ]);
        }
        self.write(&t, rows)
    }

    fn evidence(&mut self, rows: &[query::EvidenceRow], show_modality: bool) -> Result<()> {
        let mut headers = vec![
            "source",
            "source_id",
            "relation",
            "target",
            "target_id",
            "article",
            "sentence_index",
            "date",
        ];
        if show_modality {
            headers.push("modality");
        }
        headers.extend(["reported", "reported_by", "trigger", "sentence"]);
        let mut t = Table::new(&headers);
        for r in rows {
            let mut cells = vec![
                r.source.clone(),
                r.source_id.clone(),
                r.relation.to_string(),
                r.target.clone(),
                r.target_id.clone(),
                r.article.clone(),
                r.sentence_index.to_string(),
                opt(&r.date),
            ];
            if show_modality {
                cells.push(r.modality.to_string());
            }
            cells.extend([
                if r.reported { "yes" } else { "no" }.to_string(),
                opt(&r.reported_by),
                r.trigger.clone(),
                r.sentence.clone(),
            ]);
            t.push(cells);
        }
        self.write(&t, rows)
    }
}

fn arrow(d: Direction) -> String {
    d.arrow().to_string()
}

fn edge_table(show_modality: bool) -> Table {
    let mut headers = vec![
        "source",
        "source_id",
        "relation",
        "target",
        "target_id",
        "weight",
        "first",
        "last",
    ];
    if show_modality {
        headers.push("modality");
    }
    headers.extend(["article", "evidence"]);
    Table::new(&headers)
}

fn edge_cells(r: &EdgeRow, show_modality: bool) -> Vec<String> {
    let mut cells = vec![
        r.source.clone(),
        r.source_id.clone(),
        r.relation.to_string(),
        r.target.clone(),
        r.target_id.clone(),
        r.weight.to_string(),
        opt(&r.first_date),
        opt(&r.last_date),
    ];
    if show_modality {
        cells.push(r.modality.to_string());
    }
    cells.extend([r.article.clone(), r.evidence.clone()]);
    cells
}

/// An entity profile as one fact per row, for csv: `section,key,value,id`.
fn entity_facts(p: &query::EntityProfile) -> Table {
    let mut t = Table::new(&["section", "key", "value", "id"]);
    let mut fact = |section: &str, key: &str, value: &str, id: &str| {
        t.push(vec![section.into(), key.into(), value.into(), id.into()]);
    };
    fact("entity", "id", &p.id, &p.id);
    fact("entity", "type", p.kind.as_str(), &p.id);
    fact("entity", "label", &p.label, &p.id);
    fact("entity", "mentions", &p.mentions.to_string(), &p.id);
    for a in &p.aliases {
        fact("alias", "alias", a, &p.id);
    }
    for (k, v) in &p.attributes {
        fact("attribute", k, v, &p.id);
    }
    for r in &p.positions {
        fact("position", "holds-position", &r.label, &r.id);
    }
    for r in &p.relations_out {
        fact("out", r.relation.as_str(), &r.target, &r.target_id);
    }
    for r in &p.relations_in {
        fact("in", r.relation.as_str(), &r.source, &r.source_id);
    }
    for a in &p.articles {
        fact(
            "article",
            "article",
            a.title.as_deref().unwrap_or(""),
            &a.id,
        );
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns were aligned by counting chars, so a CJK name (two columns each) or a
    /// combining accent (none) shifted every column after it in a terminal.
    #[test]
    fn tables_align_by_display_width_with_cjk_names_and_combining_marks() {
        let mut t = Table::new(&["label", "relation"]);
        t.push(vec!["习近平".into(), "meets".into()]);
        t.push(vec!["Мерке\u{301}ль".into(), "meets".into()]);
        t.push(vec!["Putin".into(), "meets".into()]);
        let mut out = Vec::new();
        t.write_aligned(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        // Every `meets` comes after 9 columns: "label" is 5 wide, "习近平" 6 and
        // "Мерке́ль" 7 (8 chars), and the widest is followed by two spaces.
        for line in s.lines() {
            let before = &line[..line.rfind("  ").unwrap() + 2];
            assert_eq!(before.width(), 9, "{line:?}");
        }
        // The same table, byte for byte, when every cell is ASCII as before.
        assert!(s.starts_with("label    relation\n"), "{s}");
        assert!(s.ends_with("Putin    meets\n"), "{s}");
        // Cut to a width: a CJK character is not split across the limit.
        assert_eq!(truncate("习近平习近平", 6), "习近…");
        assert_eq!(truncate("Мерке\u{301}ль Меркель", 8), "Мерке\u{301}ль…");
    }

    #[test]
    fn long_cells_end_in_an_ellipsis_in_tables_only() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abcd", 4), "abcd");
        assert_eq!(truncate("ééééé", 3), "éé…");
        let mut t = Table::new(&["label", "label_id", "evidence"]);
        t.push(vec!["x".repeat(50), "hidden".into(), "line\nbreak".into()]);
        let mut out = Vec::new();
        t.write_aligned(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("label  ") && lines[0].ends_with("evidence"));
        assert!(!s.contains("hidden") && s.contains("line break"));
        assert!(lines[1].starts_with(&format!("{}…  ", "x".repeat(39))));
        let mut out = Vec::new();
        t.write_csv(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains(&"x".repeat(50)) && s.contains("hidden"));
    }
}

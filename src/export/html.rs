//! A self-contained HTML view of the graph (`export --format html`): one file that opens
//! from `file://` in any browser and makes no network request.
//!
//! The page embeds the graph as JSON in a `<script type="application/json">` element
//! and the bundled sigma.js + graphology viewer (`web/dist/view.js`, rebuilt from
//! `web/src/view.js` and the pinned packages of `web/package-lock.json` by
//! `web/build.cjs`; its first comment carries the bundled packages' licences), so
//! `cargo build` needs no npm. Nodes sit where [`super::layout`] puts them (the same
//! positions as GEXF's `viz:position`), coloured by [`super::kind_color`] and sized by
//! [`super::node_size`]. The JSON is escaped so that no `</script>`, `<!--` or
//! U+2028/U+2029 in article text can end the element or break the parse, and the file
//! is deterministic: the same graph gives the same bytes.

use super::{hex, kind_color, node_size, one_line, truncate_chars, Options, Tone, View};
use crate::doc::RelationKind;
use crate::graph::Graph;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{self, Write};

/// The viewer bundle, built by `web/build.cjs`.
const VIEW_JS: &str = include_str!("../../web/dist/view.js");

/// Evidence sentences the page keeps per edge (the graph's own `max_evidence` may be
/// lower); the panel says how many there were in all.
pub const PAGE_EVIDENCE: usize = 5;
/// The longest evidence sentence the page keeps, in characters.
const PAGE_EVIDENCE_CHARS: usize = 600;
/// The longest label or alias the page keeps, in characters.
const PAGE_LABEL_CHARS: usize = 120;

fn text(s: &str, max: usize) -> String {
    truncate_chars(&one_line(s), max).into_owned()
}

/// The graph as the page reads it.
fn page_data(graph: &Graph, opts: &Options) -> Value {
    let view = View::new(graph);
    let positions = view.positions();
    let max_mentions = view.max_mentions();
    let mut kind_counts = BTreeMap::new();
    let nodes: Vec<Value> = view
        .nodes
        .iter()
        .zip(&positions)
        .map(|(n, [x, y])| {
            *kind_counts.entry(n.kind).or_insert(0u64) += 1;
            let days = view.node_days(n);
            json!({
                "id": view.id(&n.id),
                "label": text(&n.label, PAGE_LABEL_CHARS),
                "kind": n.kind.as_str(),
                "mentions": n.mentions,
                "articles": n.article_count,
                "aliases": n.aliases.iter().map(|a| text(a, PAGE_LABEL_CHARS)).collect::<Vec<_>>(),
                "first": days.first(),
                "last": days.last(),
                "x": x,
                // Screen y grows downwards in the layout's terms; sigma's grows upwards.
                "y": -y,
                "size": node_size(n.mentions, max_mentions),
            })
        })
        .collect();
    let mut relation_counts: BTreeMap<RelationKind, u64> = BTreeMap::new();
    let mut max_weight = 1;
    let mut all_days: BTreeSet<String> = BTreeSet::new();
    let edges: Vec<Value> =
        view.edges
            .iter()
            .map(|(e, id)| {
                *relation_counts.entry(e.relation).or_insert(0) += 1;
                max_weight = max_weight.max(e.support());
                let days = view.edge_days(e);
                all_days.extend(days.first().cloned());
                all_days.extend(days.last().cloned());
                let mut seen = HashSet::new();
                let evidence: Vec<Value> =
                    e.evidence
                        .iter()
                        .filter(|ev| seen.insert((ev.article.as_str(), ev.sentence_index)))
                        .take(PAGE_EVIDENCE)
                        .map(|ev| {
                            let date =
                                ev.date.as_deref().and_then(super::iso_day).or_else(|| {
                                    view.article_dates.get(ev.article.as_str()).cloned()
                                });
                            json!([
                                text(&ev.article, PAGE_LABEL_CHARS),
                                text(&ev.sentence, PAGE_EVIDENCE_CHARS),
                                ev.modality.as_str(),
                                date
                            ])
                        })
                        .collect();
                json!({
                    "id": id,
                    "source": view.id(&e.source),
                    "target": view.id(&e.target),
                    "relation": e.relation.as_str(),
                    "weight": e.weight,
                    "symmetric": e.symmetric,
                    "modality": e.modality.as_str(),
                    "first": days.first(),
                    "last": days.last(),
                    "evidence": evidence,
                    "evidence_count": e.support(),
                })
            })
            .collect();
    for n in &view.nodes {
        let days = view.node_days(n);
        all_days.extend(days.first().cloned());
        all_days.extend(days.last().cloned());
    }
    let kinds: Vec<Value> = kind_counts
        .iter()
        .map(|(k, c)| json!({"kind": k.as_str(), "color": hex(kind_color(*k)), "count": c}))
        .collect();
    // Relations grouped by tone, the most frequent first in each.
    let mut relations: Vec<(RelationKind, u64)> = relation_counts.into_iter().collect();
    relations.sort_by(|a, b| {
        Tone::of(a.0)
            .cmp(&Tone::of(b.0))
            .then(b.1.cmp(&a.1))
            .then(a.0.as_str().cmp(b.0.as_str()))
    });
    let relations: Vec<Value> = relations
        .into_iter()
        .map(|(r, c)| json!({"relation": r.as_str(), "count": c, "tone": Tone::of(r).as_str()}))
        .collect();
    let tones: Vec<Value> = Tone::ALL
        .iter()
        .map(|t| json!({"tone": t.as_str(), "color": hex(t.color()), "label": t.describe()}))
        .collect();
    json!({
        "articles": graph.articles.len(),
        "show_isolated": opts.isolated,
        "top": opts.top.map(|(n, by)| format!("the {n} entities of highest {by}")),
        "kinds": kinds,
        "tones": tones,
        "relations": relations,
        "max_weight": max_weight,
        "first_day": all_days.first(),
        "last_day": all_days.last(),
        "nodes": nodes,
        "edges": edges,
    })
}

/// JSON made safe inside a `<script>` element: `<`, `>` and `&` as `\u` escapes (so
/// no `</script>` or `<!--` survives), U+2028/U+2029 escaped too. These characters can
/// only occur inside JSON strings, where the escapes mean the same characters.
pub fn script_safe_json(v: &Value) -> String {
    let raw = v.to_string();
    let mut out = String::with_capacity(raw.len() + raw.len() / 50);
    for c in raw.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 system-ui,sans-serif;color:#222;background:#fff}
body{display:flex}
#side{width:340px;height:100%;overflow:auto;border-right:1px solid #ddd;padding:10px 12px;background:#fafafa}
#graph{flex:1;height:100%;position:relative}
h1{font-size:17px;margin:0 0 4px}h2{font-size:15px;margin:8px 0 4px}h3{font-size:13px;margin:10px 0 2px;color:#555}
fieldset{border:1px solid #ddd;margin:8px 0;padding:6px 8px}legend{font-weight:600;font-size:12px;color:#555}
label{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#relations{max-height:220px;overflow:auto}
.swatch{display:inline-block;width:11px;height:11px;border-radius:50%;vertical-align:-1px;margin-left:3px}
.tone{font-size:12px;margin-top:4px}.line{display:inline-block;width:16px;height:3px;vertical-align:3px}
label.alone{font-size:12px;color:#555;margin-top:3px}
#search{width:100%;padding:5px;font-size:14px}
#results{list-style:none;margin:4px 0;padding:0;max-height:180px;overflow:auto}
#results li{cursor:pointer;padding:1px 2px}#results li:hover{background:#eef}
#results li.more,.hint,.dates,#shown,#top{color:#777;font-size:12px}
ul,ol{margin:2px 0;padding-left:18px}.evidence li{margin-bottom:6px}
#details{border-top:1px solid #ddd;border-bottom:1px solid #ddd;margin:6px 0;padding:2px 0;max-height:45vh;overflow:auto}
button{font-size:11px}small{color:#666}
"#;

const BODY: &str = r#"<div id="side">
<h1>newsgraph</h1>
<div id="top"></div>
<div id="shown"></div>
<input id="search" type="search" placeholder="Search names and aliases" autocomplete="off">
<ul id="results"></ul>
<div id="details"><p class="hint">Click an entity or a relation.</p></div>
<fieldset id="legend"><legend>Entity types</legend></fieldset>
<fieldset><legend>Relations <button id="rel-all" type="button">all</button> <button id="rel-none" type="button">none</button></legend><div id="relations"></div></fieldset>
<fieldset><legend>Minimum mentions: <span id="min-weight-value">1</span></legend><input id="min-weight" type="range" min="1" max="1" value="1" step="1"></fieldset>
<fieldset id="dates"><legend>Dates</legend><input id="date-from" type="date"> – <input id="date-to" type="date"></fieldset>
</div>
<div id="graph"></div>
"#;

/// Write `graph` as one self-contained HTML page, with the default [`Options`]
/// (entities without a relation hidden until asked for).
pub fn write(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    write_with(graph, &Options::default(), w)
}

/// Write `graph` as one self-contained HTML page, drawn as `opts` says.
pub fn write_with(graph: &Graph, opts: &Options, w: &mut dyn Write) -> io::Result<()> {
    let data = script_safe_json(&page_data(graph, opts));
    let mut out = io::BufWriter::with_capacity(1 << 16, w);
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, r#"<html lang="en"><head><meta charset="utf-8">"#)?;
    writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    // No request may leave the page: only inline scripts, styles and data: images.
    writeln!(
        out,
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">"#
    )?;
    writeln!(
        out,
        "<title>newsgraph: {} entities, {} relations</title>",
        graph.nodes.len(),
        graph.edges.len()
    )?;
    writeln!(out, "<style>{STYLE}</style></head><body>")?;
    out.write_all(BODY.as_bytes())?;
    writeln!(
        out,
        r#"<script type="application/json" id="newsgraph-data">{data}</script>"#
    )?;
    writeln!(out, "<script>\n{VIEW_JS}\n</script>")?;
    writeln!(out, "</body></html>")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_end_the_script_element() {
        let v = json!({"s": "a </script><!-- b & c \u{2028}\u{2029}"});
        let s = script_safe_json(&v);
        assert!(!s.contains('<') && !s.contains('\u{2028}') && !s.contains('\u{2029}'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn the_bundle_is_embedded_with_its_licences() {
        for name in [
            "== sigma ",
            "== graphology ",
            "Permission is hereby granted",
        ] {
            assert!(VIEW_JS.contains(name), "{name}");
        }
        assert!(!VIEW_JS.to_ascii_lowercase().contains("</script"));
    }
}

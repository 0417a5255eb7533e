//! The HTML view of the sample graph driven in headless Chromium (Debian's
//! `/usr/bin/chromium`, through playwright-core from `web/`): no request leaves the page,
//! every node is in sigma's graph, those with a relation are drawn at first and the rest
//! once "without relations" is ticked, no two labels overlap, search finds "putin", a
//! click on the result or the node lists its neighbours, a click on an edge shows its
//! evidence with the article id; a graph with every relation kind lists each in the
//! relation filter. Also: the bytes are deterministic and the embedded JSON cannot end
//! its `<script>` element. Writes `target/html-view/sample.png` for people.

mod common;
#[path = "fixtures/every_relation.rs"]
mod every_relation;

use common::{consumer, node_has, web_dir};
use newsgraph::export::{self, Format};
use newsgraph::Graph;
use std::path::Path;
use std::process::Command;

fn sample() -> Graph {
    Graph::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/sample/graph.json"))
        .expect("load the sample graph")
}

fn html(g: &Graph) -> String {
    let mut out = Vec::new();
    export::write(g, Format::Html, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn html_is_deterministic_and_script_safe() {
    let mut g = sample();
    let a = html(&g);
    assert_eq!(a, html(&g));
    // Article text that would end the script element or break a JS parse.
    g.edges[0].evidence[0].sentence =
        "He said </script><script>alert(1)</script> <!-- and \u{2028}\u{2029}.".into();
    let b = html(&g);
    let data = b
        .split(r#"<script type="application/json" id="newsgraph-data">"#)
        .nth(1)
        .unwrap();
    let data = &data[..data.find("</script>").unwrap()];
    assert!(!data.contains('<') && !data.contains('\u{2028}'));
    let v: serde_json::Value = serde_json::from_str(data).unwrap();
    assert!(v.to_string().contains("</script><script>alert(1)"));
    assert_eq!(
        b.matches("<script").count(),
        2,
        "only the data and the bundle"
    );
    assert!(b.contains("Content-Security-Policy") && !b.contains("src=\"http"));
}

/// Entities that some edge touches.
fn linked(g: &Graph) -> usize {
    let touched: std::collections::BTreeSet<&str> = g
        .edges
        .iter()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    g.nodes
        .iter()
        .filter(|n| touched.contains(n.id.as_str()))
        .count()
}

/// Write `g`'s page and drive it with web/test/view.cjs (`extra` added to what it
/// expects); the screenshot goes to `shot`. Returns the script's report.
fn drive(g: &Graph, extra: serde_json::Value, shot: &Path) -> String {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let dir = tempfile::tempdir().unwrap();
    export::write_files(g, dir.path(), &[Format::Html]).unwrap();
    let relations: std::collections::BTreeSet<_> = g.edges.iter().map(|e| e.relation).collect();
    let mut expect = serde_json::json!({
        "nodes": g.nodes.len(),
        "edges": g.edges.len(),
        "linked": linked(g),
        "relations": relations.len(),
    });
    expect
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let expect_path = dir.path().join("expect.json");
    std::fs::write(&expect_path, expect.to_string()).unwrap();
    std::fs::create_dir_all(shot.parent().unwrap()).unwrap();
    let out = Command::new("node")
        .current_dir(web_dir())
        .env("CHROMIUM", &chromium)
        .arg("test/view.cjs")
        .arg(dir.path().join("graph.html"))
        .arg(&expect_path)
        .arg(shot)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "the page failed in chromium:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        stdout.contains(&format!("\"order\":{}", g.nodes.len())),
        "{stdout}"
    );
    stdout
}

fn chromium_ready() -> bool {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    consumer(
        "chromium (apt) with playwright-core (npm ci in web/)",
        Path::new(&chromium).exists() && node_has("playwright-core"),
    )
}

#[test]
fn chromium_draws_and_drives_the_sample_page() {
    if !chromium_ready() {
        return;
    }
    let g = sample();
    assert!(
        linked(&g) < g.nodes.len(),
        "the sample has entities without relations"
    );
    let putin = g
        .nodes
        .iter()
        .find(|n| n.aliases.iter().any(|a| a.to_lowercase().contains("putin")))
        .expect("the sample has Putin");
    let edge = g
        .edges
        .iter()
        .find(|e| e.source == putin.id || e.target == putin.id)
        .expect("Putin has an edge");
    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/html-view/sample.png");
    let report = drive(
        &g,
        serde_json::json!({
            "search": "putin",
            "search_hit": putin.id,
            "edge": edge.id,
            "edge_article": edge.evidence[0].article,
        }),
        &shot,
    );
    eprintln!("chromium: {}", report.trim());
}

#[test]
fn chromium_lists_every_relation_kind_in_the_filter() {
    if !chromium_ready() {
        return;
    }
    let g = every_relation::every_relation_graph();
    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/html-view/every-relation.png");
    let report = drive(&g, serde_json::json!({}), &shot);
    assert!(
        report.contains(&format!(
            "\"relations\":{}",
            newsgraph::RelationKind::ALL.len()
        )),
        "{report}"
    );
}

#[test]
fn the_committed_bundle_is_what_build_cjs_makes() {
    if !consumer(
        "node with esbuild (npm ci in web/)",
        node_has("esbuild") && node_has("sigma"),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("view.js");
    let out = Command::new("node")
        .current_dir(web_dir())
        .arg("build.cjs")
        .arg(&out_path)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let built = std::fs::read(&out_path).unwrap();
    let committed = std::fs::read(web_dir().join("dist/view.js")).unwrap();
    assert!(
        built == committed,
        "web/dist/view.js is stale: run `cd web && node build.cjs` and commit it"
    );
}

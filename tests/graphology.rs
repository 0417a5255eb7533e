//! The GEXF and GraphML of the sample graph read by graphology-gexf and
//! graphology-graphml (npm, installed by `npm ci` in `web/`): the parsers of Gephi Lite
//! and sigma.js. Checks counts, attribute names (titles, `kind` rather than sigma's
//! `type`), what sigma needs to draw without a layout step (x, y, size, colour) and edge
//! directions: symmetric relations undirected in GEXF, marked `symmetric` in GraphML.

mod common;

use common::{consumer, node_has, web_dir};
use newsgraph::export::{self, Format};
use newsgraph::Graph;
use std::path::Path;
use std::process::Command;

fn sample() -> Graph {
    Graph::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/sample/graph.json"))
        .expect("load the sample graph")
}

#[test]
fn graphology_reads_our_gexf_and_graphml_as_meant() {
    if !consumer(
        "node with graphology-gexf and graphology-graphml (npm ci in web/)",
        node_has("graphology-gexf") && node_has("graphology-graphml"),
    ) {
        return;
    }
    let g = sample();
    assert!(g.edges.iter().any(|e| e.symmetric) && g.edges.iter().any(|e| !e.symmetric));
    let dir = tempfile::tempdir().unwrap();
    export::write_files(&g, dir.path(), &[Format::Gexf, Format::Graphml]).unwrap();
    let ids = |sym: bool| -> Vec<&str> {
        g.edges
            .iter()
            .filter(|e| e.symmetric == sym)
            .map(|e| e.id.as_str())
            .collect()
    };
    let expect = serde_json::json!({
        "nodes": g.nodes.len(),
        "edges": g.edges.len(),
        "symmetric": ids(true),
        "directed": ids(false),
    });
    let expect_path = dir.path().join("expect.json");
    std::fs::write(&expect_path, expect.to_string()).unwrap();
    let out = Command::new("node")
        .current_dir(web_dir())
        .arg("test/read-exports.cjs")
        .arg(dir.path().join("graph.gexf"))
        .arg(dir.path().join("graph.graphml"))
        .arg(&expect_path)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "graphology rejected our files:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let symmetric = ids(true).len();
    assert!(
        stdout.contains(&format!("\"undirected\":{symmetric}")),
        "{stdout}"
    );
    eprintln!("graphology: {}", stdout.trim());
}

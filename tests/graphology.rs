//! The GEXF and GraphML of the sample graph read by graphology-gexf and
//! graphology-graphml (npm, installed by `npm ci` in `web/`): the parsers of Gephi Lite
//! and sigma.js. Checks counts, attribute names (titles, `kind` rather than sigma's
//! `type`), what sigma needs to draw without a layout step (x, y, size, colour) and edge
//! directions: symmetric relations undirected in GEXF, marked `symmetric` in GraphML.
//! Then the GEXF opened as Gephi Lite opens it: graphology-gexf's browser build and
//! sigma.js in headless Chromium, drawn with no layout step (`web/test/gexf-sigma.cjs`);
//! the screenshot goes to `target/html-view/sample-gexf-in-sigma.png`.

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
    // The form for Gephi desktop too (`--gexf-symmetric undirected`).
    let undirected = export::Options {
        gexf_symmetric: export::gexf::Symmetric::Undirected,
        ..Default::default()
    };
    let gexf_undirected = dir.path().join("undirected");
    export::write_files_with(&g, &gexf_undirected, &[Format::Gexf], &undirected).unwrap();
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
    for gexf in [
        dir.path().join("graph.gexf"),
        gexf_undirected.join("graph.gexf"),
    ] {
        let out = Command::new("node")
            .current_dir(web_dir())
            .arg("test/read-exports.cjs")
            .arg(&gexf)
            .arg(dir.path().join("graph.graphml"))
            .arg(&expect_path)
            .output()
            .expect("run node");
        assert!(
            out.status.success(),
            "graphology rejected {}:\n{}{}",
            gexf.display(),
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
}

#[test]
fn sigma_draws_our_gexf_without_a_layout_step() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !consumer(
        "chromium (apt) with sigma, graphology-gexf, esbuild and playwright-core (npm ci in web/)",
        Path::new(&chromium).exists()
            && node_has("graphology-gexf")
            && node_has("playwright-core")
            && node_has("esbuild"),
    ) {
        return;
    }
    let g = sample();
    let dir = tempfile::tempdir().unwrap();
    export::write_files(&g, dir.path(), &[Format::Gexf]).unwrap();
    let expect = serde_json::json!({
        "nodes": g.nodes.len(),
        "edges": g.edges.len(),
        "undirected": g.edges.iter().filter(|e| e.symmetric).count(),
    });
    let expect_path = dir.path().join("expect.json");
    std::fs::write(&expect_path, expect.to_string()).unwrap();
    let shot_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/html-view");
    std::fs::create_dir_all(&shot_dir).unwrap();
    let out = Command::new("node")
        .current_dir(web_dir())
        .env("CHROMIUM", &chromium)
        .arg("test/gexf-sigma.cjs")
        .arg(dir.path().join("graph.gexf"))
        .arg(&expect_path)
        .arg(shot_dir.join("sample-gexf-in-sigma.png"))
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "sigma could not draw our GEXF:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("sigma: {}", String::from_utf8_lossy(&out.stdout).trim());
}

//! `newsgraph query` driven through the real binary on the mini Geneva fixture
//! (tests/fixtures/mini-graph.json, built from tests/fixtures/mini.rs; regenerate it
//! with `NEWSGRAPH_BLESS=1 cargo test --test query`).

#[path = "fixtures/mini.rs"]
mod mini;

use serde_json::Value;
use std::path::Path;
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run `newsgraph query <fixture> <args>` in a fresh temporary directory.
fn query(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(dir.path())
        .arg("query")
        .arg(mini::fixture_path())
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn ok(args: &[&str]) -> String {
    let r = query(args);
    assert_eq!(
        r.code, 0,
        "{args:?}\nstdout:\n{}\nstderr:\n{}",
        r.stdout, r.stderr
    );
    r.stdout
}

fn json(args: &[&str]) -> Vec<Value> {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let out = ok(&a);
    match serde_json::from_str(&out) {
        Ok(Value::Array(rows)) => rows,
        other => panic!("{args:?}: not a JSON array: {other:?}\n{out}"),
    }
}

fn csv_rows(args: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut a = args.to_vec();
    a.extend(["--format", "csv"]);
    let out = ok(&a);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let headers = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

/// (source, relation, target) of each JSON edge row, as labels.
fn triples(rows: &[Value]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap().to_string(),
                r["relation"].as_str().unwrap().to_string(),
                r["target"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn t(s: &str, r: &str, o: &str) -> (String, String, String) {
    (s.into(), r.into(), o.into())
}

#[test]
fn fixture_matches_its_builder() {
    let built = mini::graph().to_json();
    let path = mini::fixture_path();
    if std::env::var_os("NEWSGRAPH_BLESS").is_some() {
        std::fs::write(&path, &built).unwrap();
    }
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        saved == built,
        "{} is stale; regenerate with NEWSGRAPH_BLESS=1 cargo test --test query",
        path.display()
    );
}

#[test]
fn who_met_lists_the_asserted_meetings_heaviest_first() {
    let rows = json(&["who-met"]);
    assert_eq!(
        triples(&rows),
        [
            t("Joe Biden", "meets", "Vladimir Putin"),
            t("Jens Stoltenberg", "meets", "Olga Stefanishyna"),
            t("Sergei Ryabkov", "meets", "Wendy Sherman"),
            t("Sergei Ryabkov", "negotiates-with", "Wendy Sherman"),
        ]
    );
    let biden = &rows[0];
    assert_eq!(biden["weight"], 2);
    assert_eq!(biden["first_date"], "2021-06-16");
    assert_eq!(biden["last_date"], "2022-01-10");
    assert_eq!(biden["source_id"], "person:joe-biden");
    assert_eq!(biden["modality"], "asserted");
    // The first evidence sentence, in (article, sentence) order.
    assert!(biden["evidence"]
        .as_str()
        .unwrap()
        .starts_with("Biden and Putin met"));
    assert_eq!(biden["article"], "geneva-talks");
}

#[test]
fn who_met_with_a_name_puts_that_entity_first() {
    let rows = json(&["who-met", "sherman"]);
    assert_eq!(
        triples(&rows),
        [
            t("Wendy Sherman", "meets", "Sergei Ryabkov"),
            t("Wendy Sherman", "negotiates-with", "Sergei Ryabkov"),
        ]
    );
    // The future meeting with NATO only shows with --all, with its modality.
    let rows = json(&["who-met", "sherman", "--all"]);
    assert_eq!(rows.len(), 3);
    let nato = rows.iter().find(|r| r["target"] == "NATO").unwrap();
    assert_eq!(nato["modality"], "future");
    assert_eq!(nato["source"], "Wendy Sherman");
}

#[test]
fn who_met_table_has_aligned_columns_and_a_modality_column_only_with_all() {
    let out = ok(&["who-met"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    let header = lines[0];
    for col in [
        "source", "relation", "target", "weight", "first", "last", "evidence",
    ] {
        assert!(header.contains(col), "{header}");
    }
    assert!(!header.contains("modality") && !header.contains("source_id"));
    // Aligned: every column starts at the same offset on each line.
    let at = header.find("relation").unwrap();
    for l in &lines[1..] {
        let rel = &l[at..];
        assert!(
            rel.starts_with("meets") || rel.starts_with("negotiates-with"),
            "{l}"
        );
    }
    let all = ok(&["who-met", "--all"]);
    assert!(all.lines().next().unwrap().contains("modality"));
    assert!(all.contains("future") && all.contains("hypothetical") && all.contains("negated"));
}

#[test]
fn table_cells_are_truncated_but_csv_cells_are_not() {
    let table = ok(&["who-met", "Stoltenberg"]);
    assert!(table.contains('…'), "{table}");
    assert!(!table.contains("Olga Stefanishyna in Brussels."));
    let (headers, rows) = csv_rows(&["who-met", "Stoltenberg"]);
    let ev = headers.iter().position(|h| h == "evidence").unwrap();
    assert!(rows[0][ev].ends_with("Olga Stefanishyna in Brussels."));
    assert!(!rows[0][ev].contains('…'));
}

#[test]
fn csv_has_a_header_and_id_columns() {
    let (headers, rows) = csv_rows(&["who-met"]);
    assert_eq!(
        headers,
        [
            "source",
            "source_id",
            "relation",
            "target",
            "target_id",
            "weight",
            "first",
            "last",
            "article",
            "evidence"
        ]
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[0][..6],
        [
            "Joe Biden",
            "person:joe-biden",
            "meets",
            "Vladimir Putin",
            "person:vladimir-putin",
            "2"
        ]
    );
    let (headers, _) = csv_rows(&["who-met", "--all"]);
    assert!(headers.contains(&"modality".to_string()));
}

#[test]
fn relations_answers_what_russia_demanded_from_whom() {
    let rows = json(&["relations", "--type", "demands", "--source", "Moscow"]);
    assert_eq!(triples(&rows), [t("Russia", "demands", "United States")]);
    let rows = json(&["relations", "--type", "demands", "--target", "Russian"]);
    assert_eq!(triples(&rows), [t("United States", "demands", "Russia")]);
    let rows = json(&["relations", "--type", "demands"]);
    assert_eq!(rows.len(), 2);
    let rows = json(&["relations", "--source", "u.s.", "--target", "russia"]);
    assert_eq!(triples(&rows), [t("United States", "demands", "Russia")]);
}

#[test]
fn relations_by_modality() {
    let rows = json(&["relations", "--modality", "negated"]);
    assert_eq!(triples(&rows), [t("Russia", "negotiates-with", "NATO")]);
    assert_eq!(rows[0]["modality"], "negated");
    let out = ok(&["relations", "--modality", "future"]);
    assert!(out.lines().next().unwrap().contains("modality"), "{out}");
    assert!(out.contains("Wendy Sherman") && out.contains("future"));
    // Default: asserted only; the negated edge is hidden.
    let rows = json(&["relations", "--source", "russia", "--target", "nato"]);
    assert!(rows.is_empty());
    let rows = json(&[
        "relations",
        "--source",
        "russia",
        "--target",
        "nato",
        "--all",
    ]);
    assert_eq!(
        rows.len(),
        2,
        "negated negotiation and hypothetical meeting"
    );
}

#[test]
fn relations_rejects_an_unknown_type() {
    let r = query(&["relations", "--type", "befriends"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown relation type"), "{}", r.stderr);
}

#[test]
fn entity_profile_in_every_format() {
    let out = ok(&["entity", "putin"]);
    for want in [
        "person:vladimir-putin",
        "Vladimir Putin",
        "person",
        "Putin",
        "positions (1)",
        "position:president@RUS",
        "relations out",
        "Joe Biden",
        "articles (2)",
        "summit",
        "geneva-talks",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let out = ok(&["entity", "Putin", "--format", "json"]);
    let p: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(p["id"], "person:vladimir-putin");
    assert_eq!(p["type"], "person");
    assert_eq!(p["aliases"], serde_json::json!(["Putin", "Vladimir Putin"]));
    assert_eq!(p["attributes"]["nationality"], "country:RUS");
    assert_eq!(p["positions"][0]["id"], "position:president@RUS");
    assert_eq!(p["positions"][0]["scope"], "country:RUS");
    assert_eq!(p["relations_out"][0]["target"], "Joe Biden");
    assert_eq!(p["relations_out"][0]["weight"], 2);
    assert_eq!(p["articles"].as_array().unwrap().len(), 2);
    let (headers, rows) = csv_rows(&["entity", "Putin"]);
    assert_eq!(headers, ["section", "key", "value", "id"]);
    assert!(rows.contains(&vec![
        "position".into(),
        "holds-position".into(),
        "President".into(),
        "position:president@RUS".into()
    ]));
    assert!(rows.contains(&vec![
        "out".into(),
        "meets".into(),
        "Joe Biden".into(),
        "person:joe-biden".into()
    ]));
}

#[test]
fn entity_relations_in_and_out_respect_modality() {
    let p: Value = serde_json::from_str(&ok(&["entity", "NATO", "--format", "json"])).unwrap();
    let ins = p["relations_in"].as_array().unwrap();
    assert_eq!(ins.len(), 1, "{p}");
    assert_eq!(ins[0]["source"], "Secretary-General");
    assert!(p["relations_out"].as_array().unwrap().is_empty());
    let p: Value =
        serde_json::from_str(&ok(&["entity", "NATO", "--all", "--format", "json"])).unwrap();
    let outs = p["relations_out"].as_array().unwrap();
    // Symmetric relations are listed as outgoing, NATO first.
    let mods: Vec<&str> = outs
        .iter()
        .map(|r| r["modality"].as_str().unwrap())
        .collect();
    assert_eq!(outs.len(), 3, "{p}");
    assert!(outs.iter().all(|r| r["source"] == "NATO"));
    assert!(
        mods.contains(&"negated") && mods.contains(&"future") && mods.contains(&"hypothetical")
    );
}

#[test]
fn names_match_aliases_ignoring_case_and_dots() {
    for (name, id) in [
        ("putin", "person:vladimir-putin"),
        ("Moscow", "country:RUS"),
        ("U.S.", "country:USA"),
        ("us", "country:USA"),
        ("WASHINGTON", "country:USA"),
        ("american", "country:USA"),
        ("position:president@USA", "position:president@USA"),
        // Whole words of a label, when nothing matches outright.
        ("olga", "person:olga-stefanishyna"),
        ("secretary general", "position:secretary-general@nato"),
        ("foreign minister", "position:deputy-foreign-minister@RUS"),
    ] {
        let p: Value = serde_json::from_str(&ok(&["entity", name, "--format", "json"])).unwrap();
        assert_eq!(p["id"], id, "{name}");
    }
}

#[test]
fn an_ambiguous_name_lists_the_candidates_and_exits_2() {
    let r = query(&["entity", "President"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("ambiguous"), "{}", r.stderr);
    assert!(r.stderr.contains("position:president@RUS"));
    assert!(r.stderr.contains("position:president@USA"));
    // The id chooses one.
    let p: Value = serde_json::from_str(&ok(&[
        "entity",
        "position:president@RUS",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(p["relations_in"][0]["source"], "Vladimir Putin");
}

#[test]
fn an_unknown_name_suggests_near_matches_and_exits_2() {
    let r = query(&["who-met", "Stoltenburg"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no entity named \"Stoltenburg\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("person:jens-stoltenberg"), "{}", r.stderr);
    let r = query(&["path", "Sherman", "Xyzzyqq"]);
    assert_eq!(r.code, 2);
    assert!(r
        .stderr
        .contains("no entity named \"Xyzzyqq\" in the graph"));
    assert!(!r.stderr.contains("did you mean"));
}

#[test]
fn neighbors_by_depth() {
    let rows = json(&["neighbors", "Sherman"]);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "person:sergei-ryabkov",
            "position:deputy-secretary-of-state@USA"
        ]
    );
    assert!(rows.iter().all(|r| r["distance"] == 1));
    assert_eq!(rows[0]["relation"], "meets");
    assert_eq!(rows[0]["direction"], "both");
    assert_eq!(rows[1]["direction"], "forward");
    let rows = json(&["neighbors", "Sherman", "--depth", "2"]);
    let two: Vec<&str> = rows
        .iter()
        .filter(|r| r["distance"] == 2)
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        two,
        [
            "country:USA",
            "org:tass",
            "position:deputy-foreign-minister@RUS"
        ]
    );
    let usa = rows.iter().find(|r| r["id"] == "country:USA").unwrap();
    assert_eq!(usa["from_id"], "position:deputy-secretary-of-state@USA");
    assert_eq!(usa["relation"], "position-of");
    let r = query(&["neighbors", "Sherman", "--depth", "0"]);
    assert_eq!(r.code, 2);
    let out = ok(&["neighbors", "Sherman", "--all"]);
    assert!(out.contains("NATO") && out.contains("future"), "{out}");
}

#[test]
fn path_shows_each_step_with_its_relation_and_direction() {
    let rows = json(&["path", "Sherman", "Putin"]);
    let steps: Vec<(String, String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["from"].as_str().unwrap().into(),
                r["direction"].as_str().unwrap().into(),
                r["relation"].as_str().unwrap().into(),
                r["to"].as_str().unwrap().into(),
            )
        })
        .collect();
    let s = |a: &str, d: &str, r: &str, b: &str| (a.into(), d.into(), r.into(), b.into());
    // Several shortest chains of 5 steps exist (Putin is reached from Biden or from
    // Russia's President, both 4 steps from Sherman); ties go to the smallest id at each
    // step back from Putin: person:joe-biden < position:president@RUS.
    assert_eq!(
        steps,
        [
            s(
                "Wendy Sherman",
                "forward",
                "holds-position",
                "Deputy Secretary of State"
            ),
            s(
                "Deputy Secretary of State",
                "forward",
                "position-of",
                "United States"
            ),
            s("United States", "backward", "position-of", "President"),
            s("President", "backward", "holds-position", "Joe Biden"),
            s("Joe Biden", "both", "meets", "Vladimir Putin"),
        ]
    );
    assert_eq!(rows[0]["step"], 1);
    let table = ok(&["path", "Sherman", "Putin"]);
    assert!(table.contains("->") && table.contains("<-"), "{table}");
    // Reversed: the same length.
    assert_eq!(json(&["path", "Putin", "Sherman"]).len(), 5);
}

#[test]
fn path_without_a_chain_exits_1_unless_all_links_it() {
    let r = query(&["path", "Sherman", "Stoltenberg"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("no chain"), "{}", r.stderr);
    assert!(r.stderr.contains("--all"));
    let rows = json(&["path", "Sherman", "Stoltenberg", "--all"]);
    let rel: Vec<&str> = rows
        .iter()
        .map(|r| r["relation"].as_str().unwrap())
        .collect();
    assert_eq!(rel, ["meets", "position-of", "holds-position"]);
    assert_eq!(rows[0]["modality"], "future");
    assert_eq!(rows[0]["direction"], "both");
    let r = query(&["path", "Sherman", "Brussels", "--all"]);
    assert_eq!(r.code, 1);
    assert!(json(&["path", "Sherman", "wendy sherman"]).is_empty());
}

#[test]
fn top_by_each_measure() {
    let rows = json(&["top", "--limit", "3"]);
    let top: Vec<(&str, f64)> = rows
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["score"].as_f64().unwrap()))
        .collect();
    // Russia: 2 demands + 2 position-of; United States likewise; Ryabkov: meets,
    // negotiates-with, holds-position, quoted-by. Ties by id.
    assert_eq!(
        top,
        [
            ("country:RUS", 4.0),
            ("country:USA", 4.0),
            ("person:sergei-ryabkov", 4.0)
        ]
    );
    let rows = json(&[
        "top",
        "--type",
        "person",
        "--by",
        "betweenness",
        "--limit",
        "2",
    ]);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    // Values from networkx 3.6 betweenness_centrality on the asserted edges.
    assert_eq!(ids, ["person:sergei-ryabkov", "person:jens-stoltenberg"]);
    assert!(rows.iter().all(|r| r["measure"] == "betweenness"));
    let score = |r: &Value| r["score"].as_f64().unwrap();
    assert!((score(&rows[0]) - 0.077342).abs() < 1e-6, "{rows:?}");
    assert!((score(&rows[1]) - 0.039216).abs() < 1e-6, "{rows:?}");
    // networkx 3.6 pagerank (weight=None) on the asserted multigraph, symmetric edges
    // both ways: USA 0.315561, RUS 0.315019, then UKR and NATO tied at 0.031333 (by id).
    let rows = json(&["top", "--by", "pagerank", "--limit", "4"]);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["country:USA", "country:RUS", "country:UKR", "org:nato"]
    );
    assert!((score(&rows[0]) - 0.315561).abs() < 1e-6, "{rows:?}");
    assert!((score(&rows[1]) - 0.315019).abs() < 1e-6, "{rows:?}");
    let rows = json(&["top", "--by", "pagerank", "--limit", "100"]);
    let sum: f64 = rows.iter().map(|r| r["score"].as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-6, "{sum}");
    assert_eq!(rows.len(), 19);
    assert_eq!(rows[0]["rank"], 1);
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1] - 1e-12));
    let table = ok(&["top", "--by", "pagerank", "--type", "country"]);
    assert_eq!(table.lines().count(), 4, "{table}");
    assert!(table.lines().next().unwrap().starts_with("rank"));
    let (_, rows) = csv_rows(&["top", "--by", "degree", "--type", "location"]);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r[5] == "0"), "{rows:?}");
}

#[test]
fn evidence_lists_every_sentence_with_its_article() {
    let rows = json(&["evidence", "Russia", "United States"]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["source_id"], "country:RUS");
    assert_eq!(rows[0]["reported"], true);
    assert_eq!(rows[0]["reported_by"], "Sergei Ryabkov");
    assert_eq!(rows[0]["trigger"], "demanded");
    assert_eq!(rows[0]["article"], "geneva-talks");
    assert_eq!(rows[1]["source_id"], "country:USA");
    assert_eq!(rows[1]["reported"], false);
    let rows = json(&["evidence", "Putin", "Biden"]);
    let articles: Vec<&str> = rows
        .iter()
        .map(|r| r["article"].as_str().unwrap())
        .collect();
    assert_eq!(articles, ["geneva-talks", "summit"]);
    let table = ok(&["evidence", "Russia", "NATO"]);
    assert_eq!(table.lines().count(), 1, "header only:\n{table}");
    let r = query(&["evidence", "Russia", "NATO"]);
    assert!(r.stderr.contains("--all"));
    // No hint when --all would not find anything either.
    let r = query(&["evidence", "Biden", "Brussels"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let table = ok(&["evidence", "Russia", "NATO", "--all"]);
    assert!(
        table.contains("negated") && table.contains("hypothetical"),
        "{table}"
    );
    assert!(table.contains("Jens Stoltenberg"), "reported by:\n{table}");
}

#[test]
fn a_missing_or_broken_graph_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, "{\"nodes\": [").unwrap();
    for file in [bad.as_path(), Path::new("/nonexistent/graph.json")] {
        let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["query"])
            .arg(file)
            .arg("who-met")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&file.display().to_string()), "{err}");
    }
}

#[test]
fn output_is_deterministic() {
    for args in [
        &["who-met", "--all"][..],
        &["top", "--by", "betweenness", "--limit", "50"],
        &["neighbors", "Russia", "--depth", "3", "--all"],
    ] {
        assert_eq!(ok(args), ok(args));
    }
}

#[test]
fn every_question_answers_in_table_csv_and_json_with_the_same_rows() {
    let cases: &[(&[&str], &str, usize)] = &[
        (&["who-met"], "relation", 4),
        (&["relations", "--type", "holds-position"], "relation", 6),
        (&["neighbors", "Russia", "--depth", "2"], "distance", 7),
        (&["path", "Ryabkov", "Biden"], "step", 5),
        (&["top", "--type", "person"], "rank", 6),
        (&["evidence", "Biden", "Putin"], "sentence", 2),
        (&["evidence", "Biden", "Putin", "--all"], "modality", 2),
    ];
    for &(args, column, n) in cases {
        let table = ok(args);
        let header = table.lines().next().unwrap_or_default();
        assert!(
            header.split_whitespace().any(|c| c == column),
            "{args:?}: {header}"
        );
        assert_eq!(table.lines().count(), n + 1, "{args:?}:\n{table}");
        let (headers, rows) = csv_rows(args);
        assert!(headers.iter().any(|h| h == column), "{args:?}: {headers:?}");
        assert_eq!(rows.len(), n, "{args:?}");
        assert!(rows.iter().all(|r| r.len() == headers.len()));
        let json_rows = json(args);
        assert_eq!(json_rows.len(), n, "{args:?}");
        assert!(json_rows.iter().all(Value::is_object));
    }
}

/// `query --help` gives every question its own description: `components` once showed
/// the text of `evidence`, and `evidence` had none (a doc comment on the wrong item).
#[test]
fn query_help_describes_each_question_with_its_own_text() {
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["query", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let line = |name: &str| {
        help.lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no `{name}` line in:\n{help}"))
            .to_string()
    };
    assert!(
        line("components").contains("Connected groups of entities"),
        "{help}"
    );
    assert!(
        line("evidence").contains("Every sentence supporting"),
        "{help}"
    );
    for q in ["who-met", "relations", "entity", "neighbors", "path", "top"] {
        assert!(
            line(q).trim_start().len() > q.len() + 10,
            "{q} has no description:\n{help}"
        );
    }
}

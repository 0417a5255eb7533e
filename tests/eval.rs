//! The scoring of `newsgraph eval` on hand-made cases, the soundness and coverage of the
//! gold in data/gold, and the command itself on saved extract output.

use newsgraph::eval::{self, Counts, GoldDoc, GoldMention, GoldRelation};
use newsgraph::extract::{ExtractedDoc, MentionOut, RelationOut};
use newsgraph::graph::TextSpan;
use newsgraph::{EntityKind, MentionForm, Modality, RelationKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn gm(start: usize, end: usize, text: &str, kind: EntityKind, entity: &str) -> GoldMention {
    GoldMention {
        start,
        end,
        text: Some(text.into()),
        kind,
        entity: entity.into(),
    }
}

fn gr(source: &str, kind: RelationKind, target: &str, modality: Modality) -> GoldRelation {
    GoldRelation {
        source: source.into(),
        kind,
        target: target.into(),
        modality,
    }
}

fn pm(start: usize, end: usize, kind: EntityKind, entity: &str) -> MentionOut {
    MentionOut {
        start,
        end,
        text: "x".repeat(end - start),
        kind,
        form: MentionForm::Name,
        entity: entity.into(),
    }
}

fn pr(source: &str, kind: RelationKind, target: &str, modality: Modality) -> RelationOut {
    let span = TextSpan {
        start: 0,
        end: 1,
        text: String::new(),
    };
    RelationOut {
        kind,
        source: source.into(),
        target: target.into(),
        modality,
        reported: false,
        reported_by: None,
        sentence_index: 0,
        sentence: String::new(),
        trigger: span.clone(),
        source_mention: span.clone(),
        target_mention: span,
        rule: "test".into(),
        confidence: 1.0,
        cameo: None,
        source_coref: None,
        target_coref: None,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

fn assert_prf(c: Counts, p: f64, r: f64, f: f64) {
    assert!(
        close(c.precision(), p),
        "precision {} != {p} in {c:?}",
        c.precision()
    );
    assert!(
        close(c.recall(), r),
        "recall {} != {r} in {c:?}",
        c.recall()
    );
    assert!(close(c.f1(), f), "f1 {} != {f} in {c:?}", c.f1());
}

/// Gold: Sherman (person), U.S. (country), Ryabkov (person), Russia (country).
fn small_gold() -> GoldDoc {
    use EntityKind::*;
    GoldDoc {
        id: "a".into(),
        path: None,
        sha256: None,
        mentions: vec![
            gm(0, 7, "Sherman", Person, "person:wendy-sherman"),
            gm(10, 14, "U.S.", Country, "country:USA"),
            gm(20, 27, "Ryabkov", Person, "person:sergei-ryabkov"),
            gm(30, 36, "Russia", Country, "country:RUS"),
        ],
        relations: vec![
            gr(
                "person:sergei-ryabkov",
                RelationKind::Meets,
                "person:wendy-sherman",
                Modality::Asserted,
            ),
            gr(
                "country:USA",
                RelationKind::Demands,
                "country:RUS",
                Modality::Asserted,
            ),
        ],
    }
}

#[test]
fn counts_give_exact_precision_recall_and_f1() {
    let c = Counts {
        gold: 4,
        predicted: 3,
        correct: 2,
    };
    // P = 2/3, R = 1/2, F1 = 2PR/(P+R) = (2/3)/(7/6) = 4/7.
    assert_prf(c, 2.0 / 3.0, 0.5, 4.0 / 7.0);
    assert_prf(Counts::default(), 0.0, 0.0, 0.0);
    assert_prf(
        Counts {
            gold: 5,
            predicted: 0,
            correct: 0,
        },
        0.0,
        0.0,
        0.0,
    );
    assert_prf(
        Counts {
            gold: 3,
            predicted: 3,
            correct: 3,
        },
        1.0,
        1.0,
        1.0,
    );
}

#[test]
fn mentions_need_the_exact_span_and_type() {
    use EntityKind::*;
    let gold = small_gold();
    let pred = ExtractedDoc {
        id: "a".into(),
        entities: vec![
            pm(0, 7, Person, "person:wendy-sherman"), // right
            pm(10, 14, Organization, "org:us"),       // wrong type
            pm(20, 27, Person, "person:ryabkov"),     // right span, wrong entity
            pm(29, 36, Country, "country:RUS"),       // span off by one
            pm(40, 44, Location, "location:geneva"),  // not in the gold
            pm(0, 7, Person, "person:wendy-sherman"), // a repeat counts once
        ],
        ..ExtractedDoc::default()
    };
    let s = eval::score_article(&gold, &pred);
    // Span + type: 2 of 5 predicted, 2 of 4 gold.
    assert_eq!(
        s.mentions,
        Counts {
            gold: 4,
            predicted: 5,
            correct: 2
        }
    );
    assert_prf(s.mentions, 0.4, 0.5, 2.0 * 0.4 * 0.5 / 0.9);
    // Span + type + entity: only Sherman.
    assert_prf(s.linked_mentions, 0.2, 0.25, 2.0 * 0.2 * 0.25 / 0.45);
    assert_eq!(s.wrong_entities.len(), 1, "{:?}", s.wrong_entities);
    assert!(s.wrong_entities[0].contains("person:sergei-ryabkov -> person:ryabkov"));
    // Entities per article: gold {sherman, USA, ryabkov, RUS}; predicted
    // {sherman, org:us, person:ryabkov, RUS, geneva}: 2 shared.
    assert_eq!(
        s.entities,
        Counts {
            gold: 4,
            predicted: 5,
            correct: 2
        }
    );
    assert_eq!(s.missed_mentions.len(), 2);
    assert_eq!(s.spurious_mentions.len(), 3);
}

#[test]
fn relations_are_sets_with_symmetric_ones_in_either_order() {
    let gold = small_gold();
    let pred = ExtractedDoc {
        id: "a".into(),
        relations: vec![
            // Written backwards, still the gold's symmetric meets.
            pr(
                "person:wendy-sherman",
                RelationKind::Meets,
                "person:sergei-ryabkov",
                Modality::Asserted,
            ),
            pr(
                "person:sergei-ryabkov",
                RelationKind::Meets,
                "person:wendy-sherman",
                Modality::Asserted,
            ),
            // Right triple, wrong modality.
            pr(
                "country:USA",
                RelationKind::Demands,
                "country:RUS",
                Modality::Future,
            ),
            // Directed relations are not flipped.
            pr(
                "country:RUS",
                RelationKind::Demands,
                "country:USA",
                Modality::Asserted,
            ),
        ],
        ..ExtractedDoc::default()
    };
    let s = eval::score_article(&gold, &pred);
    assert_eq!(
        s.relations,
        Counts {
            gold: 2,
            predicted: 3,
            correct: 1
        }
    );
    assert_prf(s.relations, 1.0 / 3.0, 0.5, 0.4);
    assert_eq!(
        s.relations_any_modality,
        Counts {
            gold: 2,
            predicted: 3,
            correct: 2
        }
    );
    assert_eq!(
        s.missed_relations,
        vec!["country:USA -demands-> country:RUS [asserted]".to_string()]
    );
}

#[test]
fn totals_are_micro_averaged_and_unmatched_articles_are_warnings() {
    use EntityKind::*;
    let g1 = small_gold();
    let mut g2 = small_gold();
    g2.id = "b".into();
    let mut g3 = small_gold();
    g3.id = "c".into();
    let p1 = ExtractedDoc {
        id: "a".into(),
        entities: vec![pm(0, 7, Person, "person:wendy-sherman")],
        ..ExtractedDoc::default()
    };
    let p2 = ExtractedDoc {
        id: "b".into(),
        entities: g2
            .mentions
            .iter()
            .map(|m| pm(m.start, m.end, m.kind, &m.entity))
            .collect(),
        relations: vec![pr(
            "country:USA",
            RelationKind::Demands,
            "country:RUS",
            Modality::Asserted,
        )],
        ..ExtractedDoc::default()
    };
    let p4 = ExtractedDoc {
        id: "d".into(),
        ..ExtractedDoc::default()
    };
    let report = eval::evaluate(&[g3, g2, g1], &[p2, p1, p4]);
    assert_eq!(
        report
            .articles
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    // a: 1 of 4 right with 1 predicted; b: 4 of 4. Micro: 5 correct, 5 predicted, 8 gold.
    assert_eq!(
        report.mentions,
        Counts {
            gold: 8,
            predicted: 5,
            correct: 5
        }
    );
    assert_prf(report.mentions, 1.0, 0.625, 2.0 * 0.625 / 1.625);
    assert_eq!(
        report.mentions_by_type[&Person],
        Counts {
            gold: 4,
            predicted: 3,
            correct: 3
        }
    );
    assert_eq!(
        report.relations_by_type[&RelationKind::Meets],
        Counts {
            gold: 2,
            predicted: 0,
            correct: 0
        }
    );
    assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
    assert!(report.warnings.iter().any(|w| w.contains("c.json")));
    assert!(report
        .warnings
        .iter()
        .any(|w| w.contains("\"d\"") && w.contains("no gold")));
    // Thresholds: mention F1 is 0.769..., relation F1 is 2*(1*0.25)/1.25 = 0.4.
    assert!(report.shortfalls(Some(0.7), Some(0.4)).is_empty());
    let missed = report.shortfalls(Some(0.8), Some(0.41));
    assert_eq!(
        missed.iter().map(|s| s.what).collect::<Vec<_>>(),
        ["mention", "relation"]
    );
}

#[test]
fn gold_problems_are_found() {
    use EntityKind::*;
    let text = "Sherman met Ryabkov.";
    let mut g = GoldDoc {
        id: "x".into(),
        path: None,
        sha256: None,
        mentions: vec![
            gm(0, 7, "Sherman", Person, "person:wendy-sherman"),
            gm(12, 19, "Ryabkov", Person, "person:sergei-ryabkov"),
        ],
        relations: vec![gr(
            "person:sergei-ryabkov",
            RelationKind::Meets,
            "person:wendy-sherman",
            Modality::Asserted,
        )],
    };
    assert!(
        g.problems(Some(text)).is_empty(),
        "{:?}",
        g.problems(Some(text))
    );
    g.relations[0] = gr(
        "person:wendy-sherman",
        RelationKind::Meets,
        "person:sergei-ryabkov",
        Modality::Asserted,
    );
    g.mentions[1].start = 11;
    g.mentions
        .push(gm(15, 30, "too far, too long", Country, "person:x"));
    let problems = g.problems(Some(text)).join("\n");
    for expected in [
        "symmetric relation must have source < target",
        "text length differs",
        "the article has",
        "ends past the article",
        "type country but entity person:x",
        "overlaps the previous mention",
    ] {
        assert!(
            problems.contains(expected),
            "missing {expected:?} in:\n{problems}"
        );
    }
}

/// Every article in data/articles, by id, as the readers give its text.
fn articles() -> BTreeMap<String, String> {
    let dir = root().join("data/articles");
    let mut out = BTreeMap::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => {
                out.insert(name, std::fs::read_to_string(&path).unwrap());
            }
            Some("jsonl") => {
                for (i, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
                    let v: serde_json::Value = serde_json::from_str(line)
                        .unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1));
                    for field in ["id", "title", "date", "source", "text"] {
                        assert!(v[field].is_string(), "{name}:{}: no {field}", i + 1);
                    }
                    let date = v["date"].as_str().unwrap();
                    assert!(
                        date.len() == 10
                            && (date.starts_with("2021-") || date.starts_with("2022-")),
                        "{name}:{}: date {date}",
                        i + 1
                    );
                    assert!(v["source"]
                        .as_str()
                        .unwrap()
                        .contains("written for the newsgraph project"));
                    let text = v["text"].as_str().unwrap();
                    let words = text.split_whitespace().count();
                    assert!(
                        (150..=350).contains(&words),
                        "{name}:{}: {words} words",
                        i + 1
                    );
                    out.insert(v["id"].as_str().unwrap().to_string(), text.to_string());
                }
            }
            _ => {}
        }
    }
    out
}

fn gold() -> Vec<GoldDoc> {
    eval::load_gold_dir(&root().join("data/gold")).unwrap()
}

#[test]
fn gold_files_are_well_formed_and_match_their_articles() {
    let articles = articles();
    let gold = gold();
    let gold_ids: BTreeSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
    let article_ids: BTreeSet<&str> = articles.keys().map(|s| s.as_str()).collect();
    assert_eq!(
        gold_ids, article_ids,
        "every article has gold and every gold an article"
    );
    assert!(articles.len() >= 10);
    for g in &gold {
        let text = &articles[&g.id];
        let problems = g.problems(Some(text));
        assert!(problems.is_empty(), "{}:\n{}", g.id, problems.join("\n"));
        assert!(
            !g.mentions.is_empty() && !g.relations.is_empty(),
            "{}",
            g.id
        );
        // Every named position is held by someone and points at its scope.
        for m in g.mentions.iter().filter(|m| m.kind == EntityKind::Position) {
            let held = g
                .relations
                .iter()
                .any(|r| r.kind == RelationKind::HoldsPosition && r.target == m.entity);
            assert!(held, "{}: {} is held by nobody", g.id, m.entity);
        }
        for r in &g.relations {
            let (sk, tk) = (EntityKind::of_id(&r.source), EntityKind::of_id(&r.target));
            match r.kind {
                RelationKind::HoldsPosition => {
                    assert_eq!(
                        (sk, tk),
                        (Some(EntityKind::Person), Some(EntityKind::Position))
                    )
                }
                RelationKind::PositionOf => {
                    assert_eq!(sk, Some(EntityKind::Position));
                    let scope = r.source.split_once('@').map(|(_, s)| s).unwrap_or("");
                    assert!(r.target.ends_with(&format!(":{scope}")), "{}: {r:?}", g.id);
                }
                RelationKind::LocatedIn => {
                    assert_eq!(
                        (sk, tk),
                        (Some(EntityKind::Location), Some(EntityKind::Country))
                    )
                }
                RelationKind::QuotedBy => {
                    assert_eq!(
                        (sk, tk),
                        (Some(EntityKind::Person), Some(EntityKind::Organization))
                    )
                }
                _ => {}
            }
        }
    }
}

#[test]
fn boilerplate_and_titles_carry_no_mentions() {
    let articles = articles();
    for g in gold() {
        let text = &articles[&g.id];
        let first = g.mentions[0].start;
        let before: String = text.chars().take(first).collect();
        // Everything before the first mention is a title or boilerplate, never a dateline.
        assert!(
            !before.contains('—'),
            "{}: mentions start after the dateline",
            g.id
        );
        for marker in ["Post author:", "Leave a Reply", "Share this:"] {
            if let Some(at) = text.find(marker) {
                let at = text[..at].chars().count();
                let end = at + marker.chars().count();
                assert!(
                    g.mentions.iter().all(|m| m.end <= at || m.start >= end),
                    "{}: a mention inside {marker:?}",
                    g.id
                );
            }
        }
        if let Some(at) = text.find("Leave a Reply") {
            let at = text[..at].chars().count();
            assert!(
                g.mentions.iter().all(|m| m.end <= at),
                "{}: mention after Leave a Reply",
                g.id
            );
        }
    }
}

/// The relation names that the expected triples of `tests/relations/*.tsv` name.
fn constructions_table_relations() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relations");
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "tsv") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let Some(expected) = line.split('\t').nth(1) else {
                continue;
            };
            for triple in expected.split(';') {
                if let Some(rel) = triple.split('|').nth(1) {
                    out.insert(rel.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn gold_covers_every_relation_type_modality_and_entity_kind() {
    let gold = gold();
    let kinds: BTreeSet<RelationKind> = gold
        .iter()
        .flat_map(|g| g.relations.iter().map(|r| r.kind))
        .collect();
    // The relations added with the syntax layer (agrees-with, aids, ...) do not occur in
    // the sample stories; each must then be pinned by the table of constructions.
    let table = constructions_table_relations();
    for k in RelationKind::ALL {
        assert!(
            kinds.contains(&k) || table.contains(k.as_str()),
            "no {k} relation in the gold nor in tests/relations"
        );
    }
    let modalities: BTreeSet<Modality> = gold
        .iter()
        .flat_map(|g| g.relations.iter().map(|r| r.modality))
        .collect();
    for m in Modality::ALL {
        assert!(modalities.contains(&m), "no {m} relation in the gold");
    }
    let entity_kinds: BTreeSet<EntityKind> = gold
        .iter()
        .flat_map(|g| g.mentions.iter().map(|m| m.kind))
        .collect();
    assert_eq!(entity_kinds.len(), EntityKind::ALL.len());
}

#[test]
fn the_geneva_gold_has_what_design_md_lists() {
    let g = gold()
        .into_iter()
        .find(|g| g.id == "geneva-talks.txt")
        .unwrap();
    let has = |s: &str, k: RelationKind, t: &str, m: Modality| {
        g.relations
            .iter()
            .any(|r| r.source == s && r.kind == k && r.target == t && r.modality == m)
    };
    use Modality::*;
    use RelationKind::*;
    assert!(has(
        "person:sergei-ryabkov",
        Meets,
        "person:wendy-sherman",
        Asserted
    ));
    assert!(has(
        "person:sergei-ryabkov",
        NegotiatesWith,
        "person:wendy-sherman",
        Negated
    ));
    assert!(has(
        "person:joe-biden",
        Meets,
        "person:vladimir-putin",
        Asserted
    ));
    assert!(has(
        "person:jens-stoltenberg",
        Meets,
        "person:olga-stefanishyna",
        Asserted
    ));
    assert!(has("country:RUS", Demands, "country:USA", Asserted));
    assert!(has("country:RUS", Demands, "org:nato", Asserted));
    assert!(has("country:USA", Demands, "country:RUS", Asserted));
    assert!(has("person:sergei-ryabkov", QuotedBy, "org:tass", Asserted));
    let entities: BTreeSet<&str> = g.mentions.iter().map(|m| m.entity.as_str()).collect();
    for e in [
        "person:wendy-sherman",
        "person:sergei-ryabkov",
        "person:joe-biden",
        "person:vladimir-putin",
        "person:antony-blinken",
        "person:jens-stoltenberg",
        "person:olga-stefanishyna",
        "country:USA",
        "country:RUS",
        "country:UKR",
        "org:nato",
        "org:osce",
        "org:tass",
        "org:abc",
        "org:ap",
        "location:geneva",
        "location:brussels",
        "location:vienna",
        "position:deputy-secretary-of-state@USA",
        "position:deputy-foreign-minister@RUS",
        "position:secretary-of-state@USA",
        "position:secretary-general@nato",
        "position:deputy-prime-minister-for-european-and-euro-atlantic-integration@UKR",
    ] {
        assert!(entities.contains(e), "no {e}");
    }
}

/// The gold of data/gold as `extract` output that gets everything right.
fn perfect_extraction() -> Vec<ExtractedDoc> {
    gold()
        .iter()
        .map(|g| ExtractedDoc {
            id: g.id.clone(),
            entities: g
                .mentions
                .iter()
                .map(|m| MentionOut {
                    start: m.start,
                    end: m.end,
                    text: m.text.clone().unwrap(),
                    kind: m.kind,
                    form: MentionForm::Name,
                    entity: m.entity.clone(),
                })
                .collect(),
            relations: g
                .relations
                .iter()
                .map(|r| pr(&r.target, r.kind, &r.source, r.modality))
                .map(|mut r| {
                    if !r.kind.is_symmetric() {
                        std::mem::swap(&mut r.source, &mut r.target);
                    }
                    r
                })
                .collect(),
            ..ExtractedDoc::default()
        })
        .collect()
}

fn write_jsonl(path: &Path, docs: &[ExtractedDoc]) {
    let mut s = String::new();
    for d in docs {
        s.push_str(&serde_json::to_string(d).unwrap());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

fn newsgraph(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn eval_command_scores_saved_extract_output() {
    let dir = tempfile::tempdir().unwrap();
    let perfect = dir.path().join("perfect.jsonl");
    let docs = perfect_extraction();
    write_jsonl(&perfect, &docs);
    let p = perfect.to_str().unwrap();

    let (code, out, err) = newsgraph(&[
        "eval",
        "--gold",
        "data/gold",
        "--extracted",
        p,
        "--min-f1",
        "1",
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("mentions (span + type)"), "{out}");
    let f1s: Vec<&str> = out
        .lines()
        .filter(|l| {
            l.starts_with("mentions (span + type) ")
                || (l.starts_with("relations ") && !l.contains("(any"))
        })
        .map(|l| l.split_whitespace().last().unwrap())
        .collect();
    assert_eq!(f1s, ["1.000", "1.000"], "{out}");

    // Drop every relation of one article and a mention of another: relation F1 < 1.
    let mut worse = docs.clone();
    worse[0].relations.clear();
    worse[1].entities.pop();
    worse.pop(); // one gold article without input: a warning
    let worse_path = dir.path().join("worse.jsonl");
    write_jsonl(&worse_path, &worse);
    let w = worse_path.to_str().unwrap();
    let (code, out, err) = newsgraph(&[
        "eval",
        "--gold",
        "data/gold",
        "--extracted",
        w,
        "--min-f1",
        "0.99",
        "-v",
    ]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("relation F1"), "{err}");
    assert!(err.contains("warning: gold"), "{err}");
    assert!(out.contains("missed relation"), "{out}");
    assert!(out.contains("missed mention"), "{out}");
    // The specific threshold beats the general one.
    let (code, _, err) = newsgraph(&[
        "eval",
        "--gold",
        "data/gold",
        "--extracted",
        w,
        "--min-f1",
        "0.99",
        "--min-relation-f1",
        "0.5",
        "--min-mention-f1",
        "0.5",
    ]);
    assert_eq!(code, 0, "{err}");

    let (code, out, _) = newsgraph(&["eval", "--gold", "data/gold", "--extracted", w, "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["mentions_by_type"]["person"]["f1"]
            .as_f64()
            .map(|x| x <= 1.0),
        Some(true)
    );
    assert_eq!(v["relations"]["gold"].as_u64().unwrap() as usize, {
        let g = gold();
        g[..g.len() - 1]
            .iter()
            .map(|d| d.relations.len())
            .sum::<usize>()
    });
}

#[test]
fn eval_command_reports_bad_input_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "\n{\"id\": \"x\"\n").unwrap();
    let (code, _, err) = newsgraph(&[
        "eval",
        "--gold",
        "data/gold",
        "--extracted",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.jsonl:2:"), "{err}");

    let gold_dir = dir.path().join("gold");
    std::fs::create_dir(&gold_dir).unwrap();
    std::fs::write(
        gold_dir.join("y.json"),
        r#"{"id":"x","mentions":[],"relations":[]}"#,
    )
    .unwrap();
    let (code, _, err) = newsgraph(&[
        "eval",
        "--gold",
        gold_dir.to_str().unwrap(),
        "--extracted",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("must be named x.json"), "{err}");

    let (code, _, err) = newsgraph(&[
        "eval",
        "--gold",
        "data/gold",
        "--extracted",
        bad.to_str().unwrap(),
        "--min-f1",
        "2",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("between 0 and 1"), "{err}");
}

#[test]
fn eval_command_runs_the_pipeline_and_checks_the_gold_against_the_article() {
    let (code, out, err) = newsgraph(&[
        "eval",
        "--gold",
        "data/gold",
        "data/articles/geneva-talks.txt",
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.starts_with("articles scored: 1\n"), "{out}");
    // The other gold files have no article in this input: one warning each.
    let warned = err.lines().filter(|l| l.contains("has no article")).count();
    assert_eq!(warned, gold().len() - 1, "{err}");

    // The same file name with one character changed before the first mention: every
    // span moves, and eval refuses to score against stale gold.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("data/articles/geneva-talks.txt")).unwrap();
    let edited = dir.path().join("geneva-talks.txt");
    std::fs::write(&edited, text.replacen("U.S., Russia", "US, Russia", 1)).unwrap();
    let (code, _, err) = newsgraph(&["eval", "--gold", "data/gold", edited.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no longer fits its articles"), "{err}");
    assert!(err.contains("geneva-talks.txt.json: mention"), "{err}");
}

/// A closed stdout keeps the exit code eval had decided: 1 below `--min-f1` (`eval
/// --min-f1 0.999 -v | head -1` once exited 0).
#[test]
fn eval_below_min_f1_keeps_exit_1_when_stdout_is_closed_early() {
    let root = root();
    for _ in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .arg("eval")
            .arg("--gold")
            .arg(root.join("data/gold"))
            .arg(root.join("data/articles"))
            .args(["--min-f1", "0.999", "-v"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away before anything is written
        assert_eq!(child.wait().unwrap().code(), Some(1));
    }
}

/// The fixture corpus of tests/fixtures/corpus-gold: one article written for these tests,
/// with gold naming it by path and sha256 (the format of data/bbc-dev).
fn fixture() -> PathBuf {
    root().join("tests/fixtures/corpus-gold")
}

#[test]
fn eval_reads_exactly_the_gold_articles_of_a_corpus_by_path() {
    let gold = eval::load_gold_dir(&fixture().join("gold")).unwrap();
    assert_eq!(gold.len(), 1);
    // Mentions without text load; the path and checksum are kept.
    assert!(gold[0].mentions.iter().all(|m| m.text.is_none()));
    assert_eq!(gold[0].path.as_deref(), Some("world/001.txt"));
    let article = std::fs::read(fixture().join("corpus/world/001.txt")).unwrap();
    assert_eq!(
        gold[0].sha256.as_deref(),
        Some(eval::sha256_hex(&article).as_str())
    );

    // A stray article beside the annotated one is not read (no "has no gold" warning).
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("world")).unwrap();
    std::fs::copy(
        fixture().join("corpus/world/001.txt"),
        corpus.join("world/001.txt"),
    )
    .unwrap();
    std::fs::write(
        corpus.join("world/002.txt"),
        "Another story\n\nNothing here.\n",
    )
    .unwrap();
    let g = fixture().join("gold");
    let (g, c) = (g.to_str().unwrap(), corpus.to_str().unwrap());
    let (code, out, err) = newsgraph(&["eval", "--gold", g, c, "-v"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.starts_with("articles scored: 1\n"), "{out}");
    for row in [
        "mentions (span + type)",
        "  person",
        "relations",
        "  holds-position",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(row)),
            "no row {row:?}:\n{out}"
        );
    }
    assert!(!err.contains("no gold"), "{err}");
    // -v shows missed gold mentions with the text their span covers in the article.
    if let Some(line) = out.lines().find(|l| l.contains("missed mention")) {
        assert!(line.contains('"'), "{line}");
        assert!(!line.contains("\"\""), "{line}");
    }
    let (code, out, _) = newsgraph(&["eval", "--gold", g, c, "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["mentions"]["gold"], 13);
    assert_eq!(v["relations"]["gold"], 7);
    assert_eq!(v["mentions_by_type"]["country"]["gold"], 6);
    assert_eq!(v["articles"][0]["id"], "world/001.txt");

    // One character changed: the checksum differs and the article is refused, by name.
    let text = std::fs::read_to_string(corpus.join("world/001.txt")).unwrap();
    std::fs::write(
        corpus.join("world/001.txt"),
        text.replacen("Tuesday", "Monday", 1),
    )
    .unwrap();
    let (code, out, err) = newsgraph(&["eval", "--gold", g, c]);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        err.contains("world/001.txt") && err.contains("sha256"),
        "{err}"
    );
    assert!(err.contains("world__001.txt.json"), "{err}");
    assert!(out.is_empty(), "{out}");

    // A missing article is reported by name; with nothing left to score, an error.
    std::fs::remove_file(corpus.join("world/001.txt")).unwrap();
    let (code, _, err) = newsgraph(&["eval", "--gold", g, c]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("world/001.txt: no such file"), "{err}");

    // The corpus is one directory.
    let f = fixture().join("corpus/world/001.txt");
    let (code, _, err) = newsgraph(&["eval", "--gold", g, f.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("not a directory"), "{err}");
    let (code, _, err) = newsgraph(&["eval", "--gold", g, c, c]);
    assert_eq!(code, 2);
    assert!(err.contains("one corpus directory"), "{err}");
}

/// eval reads its INPUT with the reader options of build and extract (issue 8 item 11).
#[test]
fn eval_takes_the_reader_flags_of_build_and_extract() {
    let g = fixture().join("gold");
    let c = fixture().join("corpus");
    let (g, c) = (g.to_str().unwrap(), c.to_str().unwrap());
    // --max-article-bytes: the article is refused, by name; nothing is left to score.
    let (code, _, err) = newsgraph(&["eval", "--gold", g, c, "--max-article-bytes", "50"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("001.txt") && err.contains("50"), "{err}");
    assert!(err.contains("nothing to score"), "{err}");
    // With --strict the refusal itself is the error.
    let (code, _, err) = newsgraph(&[
        "eval",
        "--gold",
        g,
        c,
        "--max-article-bytes",
        "50",
        "--strict",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("nothing to score"), "{err}");

    // --csv-*: the same article as a CSV record under other column names.
    let text = std::fs::read_to_string(fixture().join("corpus/world/001.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("stories.csv");
    let mut w = csv::Writer::from_path(&csv).unwrap();
    w.write_record(["story", "body"]).unwrap();
    w.write_record(["world/001.txt", text.as_str()]).unwrap();
    w.flush().unwrap();
    // Text gold (data/gold's format) for it: the fixture's gold with each span's text.
    let mut gold = eval::load_gold_dir(&fixture().join("gold")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for m in &mut gold[0].mentions {
        m.text = Some(chars[m.start..m.end].iter().collect());
    }
    gold[0].path = None;
    gold[0].sha256 = None;
    let gold_dir = dir.path().join("gold");
    std::fs::create_dir(&gold_dir).unwrap();
    std::fs::write(
        gold_dir.join("world__001.txt.json"),
        serde_json::to_string(&gold[0]).unwrap(),
    )
    .unwrap();
    let (gd, cf) = (gold_dir.to_str().unwrap(), csv.to_str().unwrap());
    let (code, out, err) = newsgraph(&["eval", "--gold", gd, cf]);
    assert_eq!(
        code, 2,
        "without the column flags there is no text column:\n{out}\n{err}"
    );
    assert!(err.contains("stories.csv"), "{err}");
    let (code, out, err) = newsgraph(&[
        "eval",
        "--gold",
        gd,
        cf,
        "--csv-id",
        "story",
        "--csv-text",
        "body",
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.starts_with("articles scored: 1\n"), "{out}");
}

/// The committed gold of BBC articles (data/bbc-dev, data/bbc-heldout) is sound without
/// the corpus: it names each article by path and checksum and holds no article text.
#[test]
fn bbc_gold_holds_no_text_and_is_well_formed() {
    for (dir, min) in [("data/bbc-dev", 25), ("data/bbc-heldout", 10)] {
        let gold = eval::load_gold_dir(&root().join(dir)).unwrap();
        assert!(gold.len() >= min, "{dir}: {} articles", gold.len());
        for g in &gold {
            let problems = g.problems(None);
            assert!(
                problems.is_empty(),
                "{dir} {}:\n{}",
                g.id,
                problems.join("\n")
            );
            assert!(g.path.is_some() && g.sha256.is_some(), "{dir} {}", g.id);
            assert!(
                g.mentions.iter().all(|m| m.text.is_none()),
                "{dir} {}",
                g.id
            );
            for r in &g.relations {
                if r.kind == RelationKind::PositionOf {
                    let scope = r.source.split_once('@').map(|(_, s)| s).unwrap_or("");
                    assert!(r.target.ends_with(&format!(":{scope}")), "{}: {r:?}", g.id);
                }
            }
        }
        // The dev and held-out sets share no article.
        if dir == "data/bbc-heldout" {
            let dev = eval::load_gold_dir(&root().join("data/bbc-dev")).unwrap();
            let dev: BTreeSet<&str> = dev.iter().map(|g| g.id.as_str()).collect();
            assert!(gold.iter().all(|g| !dev.contains(g.id.as_str())));
        }
    }
}

//! The entity tagger and the CoNLL reader/scorer, without `../shared`: the built-in model,
//! the model file format, deterministic training on a hand-written corpus, and CoNLL
//! scoring of hand-made cases with known answers.

mod common;

use newsgraph::conll::{self, ConllReport, NerLabel, Sentence, Tag};
use newsgraph::learn::clusters::{ClusterOptions, Clusters};
use newsgraph::recognize::tagger::{train, TaggedSpan, Tagger, TrainOptions};
use std::path::Path;

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

fn builtin_spans(text: &str) -> Vec<(usize, usize, NerLabel)> {
    let w = words(text);
    let flags = conll::lexicon_flags(&w);
    let tagger = Tagger::builtin().expect("built-in model parses");
    tagger
        .tag(&w, &flags)
        .iter()
        .map(|s| (s.start, s.end, s.label))
        .collect()
}

#[test]
fn tagger_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Tagger>();
}

#[test]
fn builtin_model_loads() {
    assert!(Tagger::builtin().is_some());
}

#[test]
fn builtin_finds_a_person_and_a_place() {
    let spans = builtin_spans("Olga Stefanishyna met officials in Brussels .");
    assert!(spans.contains(&(0, 2, NerLabel::Per)), "{spans:?}");
    assert!(spans.contains(&(5, 6, NerLabel::Loc)), "{spans:?}");
}

#[test]
fn builtin_finds_people_organizations_and_places() {
    let spans = builtin_spans(
        "NATO Secretary-General Jens Stoltenberg told reporters in Vienna that the alliance would not back down .",
    );
    assert!(spans.contains(&(0, 1, NerLabel::Org)), "{spans:?}");
    assert!(spans.contains(&(2, 4, NerLabel::Per)), "{spans:?}");
    assert!(spans.contains(&(7, 8, NerLabel::Loc)), "{spans:?}");
    let spans = builtin_spans("Wendy Sherman met Sergei Ryabkov in Geneva on Monday .");
    assert!(spans.contains(&(0, 2, NerLabel::Per)), "{spans:?}");
    assert!(spans.contains(&(3, 5, NerLabel::Per)), "{spans:?}");
    assert!(spans.contains(&(6, 7, NerLabel::Loc)), "{spans:?}");
}

#[test]
fn spans_are_ordered_disjoint_and_scored() {
    let w = words("Russian Deputy Foreign Minister Sergei Ryabkov told the Tass news agency in Moscow that Washington must answer .");
    let spans = Tagger::builtin()
        .unwrap()
        .tag(&w, &conll::lexicon_flags(&w));
    assert!(!spans.is_empty());
    for pair in spans.windows(2) {
        assert!(pair[0].end <= pair[1].start, "{spans:?}");
    }
    for s in &spans {
        assert!(s.start < s.end && s.end <= w.len(), "{s:?}");
        assert!(s.score > 0.0 && s.score <= 1.0, "{s:?}");
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let t = Tagger::builtin().unwrap();
    assert!(t.tag(&[], &[]).is_empty());
    // Fewer flags than words: the rest count as zero.
    let _ = t.tag(&["Paris", "is", "big"], &[1]);
    let _ = t.tag(
        &[
            "",
            " ",
            "\u{0}",
            "ÉCOLE",
            "日本",
            "İstanbul",
            "x".repeat(10_000).as_str(),
        ],
        &[255; 7],
    );
}

#[test]
fn model_bytes_round_trip() {
    let t = Tagger::builtin().unwrap();
    let bytes = t.to_bytes();
    let again = Tagger::from_bytes(&bytes).expect("reads back");
    assert_eq!(again.to_bytes(), bytes);
    let w = words("Olga Stefanishyna met officials in Brussels .");
    assert_eq!(again.tag(&w, &[0; 7]), t.tag(&w, &[0; 7]));
}

#[test]
fn damaged_model_bytes_are_refused() {
    let bytes = Tagger::builtin().unwrap().to_bytes();
    assert!(Tagger::from_bytes(&[]).is_err());
    assert!(Tagger::from_bytes(b"not a model at all").is_err());
    assert!(Tagger::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let err = Tagger::from_bytes(&flipped).unwrap_err().to_string();
    assert!(err.contains("checksum"), "{err}");
}

const TINY: &str = "\
-DOCSTART- -X- -X- O

Maria NNP B-NP B-PER
Lopez NNP I-NP I-PER
visited VBD B-VP O
Madrid NNP B-NP B-LOC
. . O O

Acme NNP B-NP B-ORG
Corp NNP I-NP I-ORG
hired VBD B-VP O
John NNP B-NP B-PER
Smith NNP I-NP I-PER
in IN B-PP O
Lisbon NNP B-NP B-LOC
. . O O

-DOCSTART- -X- -X- O

John NNP B-NP B-PER
Lopez NNP I-NP I-PER
left VBD B-VP O
Acme NNP B-NP B-ORG
Corp NNP I-NP I-ORG
for IN B-PP O
Madrid NNP B-NP B-LOC
. . O O

The DT B-NP O
Olympic NNP I-NP B-MISC
team NN I-NP O
met VBD B-VP O
Maria NNP B-NP B-PER
Smith NNP I-NP I-PER
. . O O
";

fn tiny() -> Vec<Sentence> {
    conll::parse(TINY, Path::new("tiny.txt")).expect("parses")
}

fn tiny_options() -> TrainOptions {
    TrainOptions {
        epochs: 20,
        hash_bits: 14,
        ..TrainOptions::default()
    }
}

#[test]
fn training_is_deterministic() {
    let data = tiny();
    assert_eq!(data.len(), 4);
    let a = train(&data, Some(&data), &tiny_options()).to_bytes();
    let b = train(&data, Some(&data), &tiny_options()).to_bytes();
    assert_eq!(a, b);
}

/// Clusters learned from the tiny corpus's own words (lowered class counts so that every
/// word seen twice gets one).
fn tiny_clusters() -> Clusters {
    let text: Vec<Vec<String>> = tiny().iter().map(|s| s.words.clone()).collect();
    let opts = ClusterOptions {
        levels: [8, 4, 2, 1],
        min_count: 1,
        iterations: 3,
    };
    Clusters::train(&text, opts, &mut |_| {})
}

#[test]
fn a_tagger_with_clusters_keeps_them_in_its_file_and_trains_deterministically() {
    let data = tiny();
    let clusters = tiny_clusters();
    assert!(!clusters.is_empty());
    let opts = || TrainOptions {
        clusters: clusters.clone(),
        ..tiny_options()
    };
    let a = train(&data, Some(&data), &opts()).to_bytes();
    let b = train(&data, Some(&data), &opts()).to_bytes();
    assert_eq!(a, b);
    // The clusters change the model: features read them, and the file carries them.
    let without = train(&data, Some(&data), &tiny_options()).to_bytes();
    assert_ne!(a, without);
    assert!(a.len() > without.len());
    let back = Tagger::from_bytes(&a).expect("reads back");
    assert_eq!(back.to_bytes(), a);
}

#[test]
fn training_learns_the_tiny_corpus() {
    let data = tiny();
    let model = train(&data, None, &tiny_options());
    let report = conll::score(&data, &model);
    // Every PER, ORG and LOC is found (the one MISC, seen once, may not be).
    assert_eq!(report.plo().correct, report.plo().gold, "{report}");
    assert!(report.f1_plo() > 0.9, "{report}");
    let spans: Vec<TaggedSpan> = model.tag(&words("Maria Lopez visited Lisbon ."), &[0; 5]);
    assert!(
        spans
            .iter()
            .any(|s| (s.start, s.end, s.label) == (0, 2, NerLabel::Per)),
        "{spans:?}"
    );
}

#[test]
fn iob1_and_iob2_read_the_same() {
    let iob2 = "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n\n\
                Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\nand CC O O\nAnne NNP B-NP B-PER\n";
    let iob1 = "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\n\
                Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nand CC O O\nAnne NNP I-NP I-PER\n";
    let a = conll::parse(iob2, Path::new("a")).unwrap();
    let b = conll::parse(iob1, Path::new("b")).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].tags[0], Tag::B(NerLabel::Org));
    // IOB1 marks a second adjacent entity of the same type with B-.
    let adjacent = conll::parse("Paris I-LOC\nLondon B-LOC\nRome I-LOC\n", Path::new("c")).unwrap();
    assert_eq!(
        conll::entities(&adjacent[0].tags),
        vec![(0, 1, NerLabel::Loc), (1, 3, NerLabel::Loc)]
    );
}

#[test]
fn docstart_and_blank_lines_separate() {
    let s = conll::parse(
        "-DOCSTART- -X- -X- O\n\na O\n\n\nb O\n-DOCSTART- -X- -X- O\nc O\n",
        Path::new("d"),
    )
    .unwrap();
    let docs: Vec<(Vec<String>, usize)> = s.iter().map(|s| (s.words.clone(), s.doc)).collect();
    assert_eq!(
        docs,
        vec![
            (vec!["a".to_string()], 0),
            (vec!["b".to_string()], 0),
            (vec!["c".to_string()], 1)
        ]
    );
}

#[test]
fn bad_lines_name_file_and_line() {
    let err = conll::parse("a O\nb\n", Path::new("bad.txt"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("bad.txt:2:"), "{err}");
    let err = conll::parse("a O\nb B-XYZ\n", Path::new("bad.txt"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("bad.txt:2:") && err.contains("B-XYZ"),
        "{err}"
    );
}

fn tags(s: &str) -> Vec<Tag> {
    s.split_whitespace()
        .map(|t| Tag::parse(t).unwrap())
        .collect()
}

#[test]
fn conll_scoring_of_a_known_case() {
    let mut r = ConllReport::default();
    // Gold: PER(0,2) LOC(3,4) ORG(5,7) MISC(8,9).
    let gold = tags("B-PER I-PER O B-LOC O B-ORG I-ORG O B-MISC");
    // Predicted: PER exact; LOC exact; ORG too short (wrong); MISC typed as LOC (wrong).
    let pred = tags("B-PER I-PER O B-LOC O B-ORG O O B-LOC");
    r.add_sentence(&gold, &pred);
    assert_eq!(r.of(NerLabel::Per).f1(), 1.0);
    assert_eq!(r.of(NerLabel::Org).correct, 0);
    assert_eq!(r.of(NerLabel::Loc).predicted, 2);
    assert_eq!(r.of(NerLabel::Loc).precision(), 0.5);
    assert_eq!(r.of(NerLabel::Loc).recall(), 1.0);
    // All: 2 correct of 4 predicted and 4 gold -> P = R = F1 = 0.5.
    let all = r.all();
    assert_eq!((all.gold, all.predicted, all.correct), (4, 4, 2));
    assert!((r.f1_all() - 0.5).abs() < 1e-12);
    // PER/ORG/LOC: 2 correct, 4 predicted (PER, LOC, ORG, LOC), 3 gold.
    let plo = r.plo();
    assert_eq!((plo.gold, plo.predicted, plo.correct), (3, 4, 2));
    let (p, rec) = (0.5, 2.0 / 3.0);
    assert!((r.f1_plo() - 2.0 * p * rec / (p + rec)).abs() < 1e-12);
    assert_eq!(r.tokens, 9);
    assert_eq!(r.tokens_correct, 7);
    let table = r.to_string();
    assert!(table.contains("PER+ORG+LOC"), "{table}");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["all"]["f1"], 0.5);
    assert_eq!(json["misc"]["gold"], 1);
}

#[test]
fn evaluate_reads_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dev.txt");
    std::fs::write(&path, "Olga NNP B-NP B-PER\nStefanishyna NNP I-NP I-PER\nmet VBD B-VP O\nofficials NNS B-NP O\nin IN B-PP O\nBrussels NNP B-NP B-LOC\n. . O O\n").unwrap();
    let report = conll::evaluate(&path, Tagger::builtin().unwrap()).unwrap();
    assert_eq!(report.sentences, 1);
    assert_eq!(report.all().gold, 2);
    assert_eq!(report.f1_all(), 1.0, "{report}");
    let missing = conll::evaluate(&dir.path().join("nope.txt"), Tagger::builtin().unwrap());
    assert!(missing.unwrap_err().to_string().contains("nope.txt"));
}

mod no_input_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::common::prop_config(64, file!()))]

        #[test]
        fn tagging_any_words(words in prop::collection::vec("\\PC{0,12}", 0..40),
                             flags in prop::collection::vec(any::<u8>(), 0..40)) {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let spans = Tagger::builtin().unwrap().tag(&refs, &flags);
            let mut last_end = 0;
            for s in spans {
                prop_assert!(s.start >= last_end && s.start < s.end && s.end <= refs.len());
                prop_assert!(s.score > 0.0 && s.score <= 1.0);
                last_end = s.end;
            }
        }

        #[test]
        fn parsing_any_text(text in "(\\PC{0,20}( [BIO](-(PER|ORG|LOC|MISC|X))?)?\\n{0,2}){0,20}") {
            let _ = conll::parse(&text, Path::new("any.txt"));
        }

        #[test]
        fn reading_any_model_bytes(mut bytes in prop::collection::vec(any::<u8>(), 0..200), cut in 0usize..4000) {
            let _ = Tagger::from_bytes(&bytes);
            static MODEL: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
            let model = MODEL.get_or_init(|| Tagger::builtin().unwrap().to_bytes());
            bytes = model[..cut.min(model.len())].to_vec();
            prop_assert!(Tagger::from_bytes(&bytes).is_err());
        }
    }
}

#[test]
fn tag_tokens_keeps_hyphenated_names_whole() {
    let text = "Commission President Jean-Claude Juncker met Olga Stefanishyna in Brussels.";
    let tokens = newsgraph::segment::tokenize(text);
    let words: Vec<&str> = tokens.iter().map(|s| &text[s.start..s.end]).collect();
    let flags = conll::lexicon_flags(&words);
    let spans = Tagger::builtin().unwrap().tag_tokens(text, &tokens, &flags);
    let found: Vec<(&str, NerLabel)> = spans
        .iter()
        .map(|s| (&text[tokens[s.start].start..tokens[s.end - 1].end], s.label))
        .collect();
    assert!(
        found.contains(&("Jean-Claude Juncker", NerLabel::Per)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Olga Stefanishyna", NerLabel::Per)),
        "{found:?}"
    );
    assert!(found.contains(&("Brussels", NerLabel::Loc)), "{found:?}");
}

//! Whatever text comes in, the pipeline does not panic, every offset it reports is a
//! valid character range whose text is the one reported, and the graph it builds keeps
//! evidence on every edge.

use newsgraph::pipeline::Pipeline;
use newsgraph::{Article, Graph};
use proptest::prelude::*;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::builtin)
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn check(text: &str) {
    let doc = pipeline().extract(Article {
        id: "p".into(),
        text: text.into(),
        ..Default::default()
    });
    let n = text.chars().count();
    for m in &doc.entities {
        assert!(
            m.start < m.end && m.end <= n,
            "{m:?} out of range ({n} chars)"
        );
        assert_eq!(char_slice(text, m.start, m.end), m.text);
    }
    for r in &doc.relations {
        for s in [&r.trigger, &r.source_mention, &r.target_mention] {
            assert!(s.start <= s.end && s.end <= n, "{r:?}");
            assert_eq!(char_slice(text, s.start, s.end), s.text);
        }
    }
    let g = Graph::from_docs([&doc]);
    assert!(g
        .edges
        .iter()
        .all(|e| !e.evidence.is_empty() && e.weight as usize == e.evidence.len()));
}

/// Words that make the rules fire, mixed with arbitrary text.
fn newsy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Russian",
        "Deputy",
        "Foreign",
        "Minister",
        "Sergei",
        "Ryabkov",
        "said",
        "met",
        "with",
        "the",
        "U.S.",
        "NATO",
        "Moscow",
        "Presidents",
        "Joe",
        "Biden",
        "and",
        "Vladimir",
        "Putin",
        ",",
        ".",
        "“",
        "”",
        "’s",
        "-",
        "Mr",
        "He",
        "told",
        "Tass",
        "according",
        "to",
        "in",
        "Geneva",
        "\n",
        "\n\n",
        "•",
        "Post author:",
        "Leave a Reply",
        "was",
        "praised",
        "by",
        "demands",
        ":",
        "Ukraine",
        "of",
        "for",
        "European",
        "Secretary-General",
        "talks",
        "between",
    ]);
    prop::collection::vec(
        prop_oneof![words.prop_map(String::from), any::<String>()],
        0..60,
    )
    .prop_map(|ws| ws.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_and_offsets_hold(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn newsy_word_salad_never_panics_and_offsets_hold(text in newsy()) {
        check(&text);
    }
}

#[test]
fn pathological_texts() {
    for text in [
        "",
        " ",
        "\u{feff}",
        "U.S.",
        "Presidents",
        "Presidents Joe Biden and",
        "He said.",
        "\u{0}\u{1}\u{fffe}",
        &"NATO-".repeat(2000),
        &"Mr ".repeat(5000),
        &format!("Wendy {}", "Sherman ".repeat(3000)),
        &"a".repeat(300_000),
    ] {
        check(text);
    }
}

//! Whatever text comes in, segmentation gives tokens that are valid, ordered,
//! non-overlapping spans of the original text inside their sentence, and together they
//! cover every non-space character outside boilerplate and decoration lines; mentions
//! carry the token range their span was made from.

mod common;

use newsgraph::doc::{Doc, Span};
use newsgraph::pipeline::Pipeline;
use newsgraph::segment::Segmenter;
use newsgraph::Article;
use proptest::prelude::*;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::builtin)
}

fn article(text: &str) -> Article {
    Article {
        id: "p".into(),
        text: text.into(),
        ..Default::default()
    }
}

/// A line that segmentation skips as decoration: only whitespace and bullet marks.
fn decoration_line(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || matches!(c, '•' | '*' | '·' | '-' | '–'))
}

fn check_tokens(doc: &Doc) {
    let text = doc.text();
    let mut last_end = 0;
    for (i, t) in doc.tokens.iter().enumerate() {
        let s = t.span;
        assert!(s.start < s.end, "token {i} is empty: {s:?}");
        assert!(
            s.start >= last_end,
            "token {i} overlaps the one before: {s:?}"
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "token {i} cuts a character: {s:?}"
        );
        let tok = &text[s.start..s.end];
        assert!(
            !tok.chars().any(char::is_whitespace),
            "token {i} holds whitespace: {tok:?}"
        );
        let sentence = &doc.sentences[t.sentence];
        assert!(
            sentence.tokens.contains(&i),
            "token {i} not in its sentence"
        );
        assert!(sentence.span.contains(&s), "token {i} outside its sentence");
        last_end = s.end;
    }
    // Coverage: every non-space character is in a token, unless its line is boilerplate
    // or decoration.
    let mut covered = vec![false; text.len()];
    for t in &doc.tokens {
        covered[t.span.start..t.span.end].fill(true);
    }
    let mut line_start = 0;
    for line in text.split('\n') {
        let span = Span::new(line_start, line_start + line.len());
        if !doc.in_boilerplate(span) && !decoration_line(line) {
            for (k, c) in line.char_indices() {
                assert!(
                    c.is_whitespace() || covered[line_start + k],
                    "{c:?} at byte {} is in no token; line {line:?}",
                    line_start + k
                );
            }
        }
        line_start += line.len() + 1;
    }
}

fn check(text: &str) {
    let mut doc = Doc::new(article(text));
    Segmenter.apply(&mut doc);
    check_tokens(&doc);
    let doc = pipeline().process(article(text));
    for m in &doc.mentions {
        let r = &m.tokens;
        assert!(r.start < r.end && r.end <= doc.tokens.len(), "{m:?}");
        assert_eq!(
            m.span,
            Span::new(
                doc.tokens[r.start].span.start,
                doc.tokens[r.end - 1].span.end
            ),
            "{m:?}"
        );
        assert!(doc.sentences[m.sentence].tokens.start <= r.start);
        assert!(r.end <= doc.sentences[m.sentence].tokens.end, "{m:?}");
    }
}

/// Pieces that exercise the tokenizer's rules: clitics, hyphens, acronyms, numbers,
/// addresses, punctuation runs, combining marks.
fn tricky() -> impl Strategy<Value = String> {
    #[rustfmt::skip]
    let pieces = prop::sample::select(vec![
        "Russia's", "Russia’s", "don't", "CAN'T", "won’t", "I'm", "we're", "they've", "you'll",
        "he'd", "cannot", "gonna", "allies'", "O'Brien's", "d'Ivoire", "U.S.-led", "U.S.",
        "well-known", "anti-war", "co-chairman", "e-mail", "pro-Russian", "al-Assad", "10:30",
        "9/11", "$100,000", "3.5%", "AT&T", "S&P", "...", "--", "!!", "www.bbc.co.uk/news",
        "press@nato.int", "(", ")", "“", "”", "'", "’", "-", ".", ",", "e\u{301}", "\u{200d}",
        "Gen.", "Mr.", "Sherman", "met", "NATO", "\n", "\n\n", "•", " ", "",
    ]);
    prop::collection::vec(
        prop_oneof![
            4 => pieces.prop_map(String::from),
            1 => any::<String>(),
        ],
        0..40,
    )
    // Joined without spaces as often as with, so pieces touch each other.
    .prop_flat_map(|ws| {
        let n = ws.len();
        (Just(ws), prop::collection::vec(any::<bool>(), n))
    })
    .prop_map(|(ws, spaces)| {
        ws.iter()
            .zip(spaces)
            .map(|(w, sp)| if sp { format!("{w} ") } else { w.clone() })
            .collect()
    })
}

proptest! {
    #![proptest_config(common::prop_config(256, file!()))]

    #[test]
    fn arbitrary_text_tokens_are_valid_and_cover_it(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn tricky_text_tokens_are_valid_and_cover_it(text in tricky()) {
        check(&text);
    }
}

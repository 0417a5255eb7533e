//! Property tests of the readers: arbitrary bytes never panic them, every problem names
//! its file, and structured inputs come out exactly as they went in.

mod common;

use newsgraph::article::{read_inputs, Input, Problem, ReadOptions};
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn read(path: &Path, opts: &ReadOptions) -> (Vec<Input>, Vec<Problem>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for item in read_inputs(&[path.to_path_buf()], opts) {
        match item {
            Ok(a) => articles.push(a),
            Err(p) => problems.push(p),
        }
    }
    (articles, problems)
}

/// Byte-order marks to put in front of arbitrary content, to drive the decoder too.
fn bom() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![
        Just(&b""[..]),
        Just(&b"\xEF\xBB\xBF"[..]),
        Just(&b"\xFF\xFE"[..]),
        Just(&b"\xFE\xFF"[..]),
    ]
}

/// Arbitrary bytes biased towards what the parsers care about.
fn content() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b"{\"text\":\"".to_vec()),
        Just(b"{\"id\":1,\"text\":\"a\"}\n".to_vec()),
        Just(b"id,text,title\n".to_vec()),
        Just(b"\xD8\x00".to_vec()),
        Just("é—🌍".as_bytes().to_vec()),
        "[a-z ]{1,12}".prop_map(String::into_bytes),
    ];
    prop::collection::vec(token, 0..60).prop_map(|v| v.concat())
}

proptest! {
    // 512 cases by default; PROPTEST_CASES=100000 for a longer hunt.
    #![proptest_config(common::prop_config(512, file!()))]

    /// Whatever the bytes and the extension, reading never panics, every problem names
    /// the file, every article is non-blank and comes from the file, and ids are unique.
    #[test]
    fn arbitrary_bytes_never_panic_and_every_problem_names_the_file(
        bom in bom(),
        body in content(),
        ext in prop_oneof![Just("txt"), Just("jsonl"), Just("csv"), Just("dat")],
        max in prop_oneof![Just(u64::MAX), 1u64..300],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("input.{ext}"));
        std::fs::write(&path, [bom, &body[..]].concat()).unwrap();
        let opts = ReadOptions { max_article_bytes: max, ..ReadOptions::default() };
        let (articles, problems) = read(&path, &opts);
        let name = path.display().to_string();
        for p in &problems {
            let shown = p.to_string();
            let after = shown.split_once(": ").map(|(_, rest)| rest).unwrap_or("");
            prop_assert!(after.starts_with(&name), "problem does not name the file: {shown}");
        }
        let mut ids = HashSet::new();
        for a in &articles {
            prop_assert_eq!(&a.origin.path, &path);
            prop_assert!(!a.article.text.trim().is_empty());
            // The limit applies to the input as read; repairing an invalid byte (one
            // byte in, three out as U+FFFD) can make the text up to three times longer.
            // (A JSON line's count includes its newline; a CSV record's, its quoting.)
            if ext != "csv" {
                prop_assert!(a.bytes <= max.saturating_add(1), "{} input bytes over the limit {max}", a.bytes);
            }
            prop_assert!((a.article.text.len() as u64) <= max.saturating_mul(3));
            prop_assert!(ids.insert(a.article.id.clone()), "duplicate id {}", a.article.id);
        }
        prop_assert!(!articles.is_empty() || !problems.is_empty(), "a file gave neither article nor problem");
    }

    /// JSON Lines mixing good articles and garbage lines: exactly the good ones come out,
    /// in order, and every problem is at a garbage line.
    #[test]
    fn good_json_lines_survive_any_garbage_between_them(
        lines in prop::collection::vec(
            prop_oneof![
                "[A-Za-z][A-Za-z .,]{0,30}".prop_map(Ok),
                prop::collection::vec(any::<u8>().prop_map(|b| if b == b'\n' || b == b'{' { b'x' } else { b }), 1..40)
                    .prop_filter("not blank", |v| !v.iter().all(u8::is_ascii_whitespace))
                    .prop_map(Err),
            ],
            1..30,
        )
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mixed.jsonl");
        let mut bytes = Vec::new();
        let mut good = Vec::new();
        let mut garbage_lines = HashSet::new();
        for (i, line) in lines.iter().enumerate() {
            match line {
                Ok(text) => {
                    bytes.extend_from_slice(serde_json::json!({"id": format!("a{i}"), "text": text}).to_string().as_bytes());
                    good.push((format!("a{i}"), text.clone()));
                }
                Err(junk) => {
                    bytes.extend_from_slice(junk);
                    garbage_lines.insert(i + 1);
                }
            }
            bytes.push(b'\n');
        }
        // Garbage that starts the file with a byte-order mark changes its encoding.
        prop_assume!(![&b"\xFF\xFE"[..], b"\xFE\xFF", b"\xEF\xBB\xBF"].iter().any(|bom| bytes.starts_with(bom)));
        std::fs::write(&path, &bytes).unwrap();
        let (articles, problems) = read(&path, &ReadOptions::default());
        // Binary sniffing may refuse a file whose garbage is mostly control bytes.
        if problems.iter().any(|p| p.to_string().contains("binary content")) {
            prop_assert!(articles.is_empty());
            return Ok(());
        }
        let got: Vec<_> = articles.iter().map(|a| (a.article.id.clone(), a.article.text.clone())).collect();
        prop_assert_eq!(got, good);
        for p in &problems {
            let shown = p.to_string();
            let line: usize = shown
                .strip_prefix(&format!("{}: {}:", p.severity.as_str(), path.display()))
                .and_then(|rest| rest.split(':').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            prop_assert!(garbage_lines.contains(&line), "problem not at a garbage line: {shown}");
        }
    }

    /// Any printable text, written as UTF-8, UTF-8 with BOM, UTF-16 LE or BE, reads back
    /// exactly as written.
    #[test]
    fn text_in_every_supported_encoding_reads_back_exactly(
        text in "[^\\p{C}]{0,60}[a-zA-Z\u{0400}-\u{04FF}\u{1F300}-\u{1F5FF}][^\\p{C}\n]{0,60}",
        encoding in 0..4usize,
    ) {
        let bytes = match encoding {
            0 => text.as_bytes().to_vec(),
            1 => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
            2 => [vec![0xFF, 0xFE], text.encode_utf16().flat_map(u16::to_le_bytes).collect()].concat(),
            _ => [vec![0xFE, 0xFF], text.encode_utf16().flat_map(u16::to_be_bytes).collect()].concat(),
        };
        let dir = tempfile::tempdir().unwrap();
        let path: PathBuf = dir.path().join("t.txt");
        std::fs::write(&path, bytes).unwrap();
        let (articles, problems) = read(&path, &ReadOptions::default());
        prop_assert!(problems.is_empty(), "{:?}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
        prop_assert_eq!(&articles[0].article.text, &text);
    }
}

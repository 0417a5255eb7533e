//! Fuzzes the readers: the first byte picks the format (sniffed, text, JSON Lines, CSV)
//! and a small or the default size limit; the rest is the input. Reading must never
//! panic, every problem must name the input, and every article must be non-blank.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::article::{read_stream, Format, ReadOptions};
use std::collections::HashSet;

fuzz_target!(|data: &[u8]| {
    let Some((&control, body)) = data.split_first() else {
        return;
    };
    let format = match control & 3 {
        0 => None,
        1 => Some(Format::Txt),
        2 => Some(Format::Jsonl),
        _ => Some(Format::Csv),
    };
    let opts = ReadOptions {
        max_article_bytes: if control & 4 == 0 { u64::from(control >> 3) + 1 } else { 64 << 20 },
        ..ReadOptions::default()
    };
    let stream = Box::new(std::io::Cursor::new(body.to_vec()));
    let mut ids = HashSet::new();
    for item in read_stream(stream, "fuzz-input", "fuzz", format, &opts) {
        match item {
            Ok(input) => {
                assert!(!input.article.text.trim().is_empty());
                assert!(ids.insert(input.article.id.clone()), "duplicate id passed through");
            }
            Err(problem) => {
                let shown = problem.to_string();
                assert!(shown.contains("fuzz-input"), "problem without the input's name: {shown}");
            }
        }
    }
});

//! The closed word lists (weekdays, months, verbs of saying, auxiliaries) are written once,
//! in `src/words.rs`; the recognizer and the relation finder once had three diverging
//! copies (a weekday or speech verb added to one was missing from the others).

mod common;

use std::path::Path;

#[test]
fn word_lists_are_written_once_in_words_rs() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = common::rust_files(&src);
    // One member of each list that nothing else has a reason to spell out.
    let markers = ["\"Wednesday\"", "\"December\"", "\"stated\"", "\"must\""];
    let mut found = Vec::new();
    for f in &files {
        if f.ends_with("words.rs") {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        for m in markers {
            if text.contains(m) {
                found.push(format!("{} spells {m}", f.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "word lists belong in src/words.rs:\n{}",
        found.join("\n")
    );
    let words = std::fs::read_to_string(src.join("words.rs")).unwrap();
    assert!(markers.iter().all(|m| words.contains(m)));
}

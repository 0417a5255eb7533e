//! The closed word lists (weekdays, months, verbs of saying, auxiliaries) are written once,
//! in `src/words.rs`; the recognizer and the relation finder once had three diverging
//! copies (a weekday or speech verb added to one was missing from the others).

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn word_lists_are_written_once_in_words_rs() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
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

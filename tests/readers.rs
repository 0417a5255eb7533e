//! The readers at library level: every format, every kind of bad input, and the
//! messages that name file and line. Inputs are generated in temporary directories.

use newsgraph::article::{read_inputs, sniff_stdin, Format, Input, Problem, ReadOptions, Severity};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Everything read from `inputs`, articles and problems apart (each in order).
fn read(inputs: &[PathBuf], opts: &ReadOptions) -> (Vec<Input>, Vec<Problem>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for item in read_inputs(inputs, opts) {
        match item {
            Ok(input) => articles.push(input),
            Err(problem) => problems.push(problem),
        }
    }
    (articles, problems)
}

fn read_one(path: &Path) -> (Vec<Input>, Vec<Problem>) {
    read(&[path.to_path_buf()], &ReadOptions::default())
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn ids(articles: &[Input]) -> Vec<&str> {
    articles.iter().map(|a| a.article.id.as_str()).collect()
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string()).collect()
}

/// Asserts there is exactly one problem, of this severity, naming `place` (a path, or
/// `path:line`) and saying `words`.
fn assert_one_problem(problems: &[Problem], severity: Severity, place: &str, words: &str) {
    assert_eq!(problems.len(), 1, "{:#?}", messages(problems));
    let p = &problems[0];
    let text = p.to_string();
    assert_eq!(p.severity, severity, "{text}");
    assert!(
        text.starts_with(&format!("{}: {place}", severity.as_str())),
        "{text}"
    );
    assert!(text.contains(words), "expected {words:?} in {text}");
}

// ---------------------------------------------------------------- text files

#[test]
fn a_text_file_given_directly_is_one_article_named_by_its_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\n  Talks in Geneva end  \nGENEVA (AP) — Talks ended.\n";
    let path = write(dir.path(), "geneva-talks.txt", text);
    let (articles, problems) = read_one(&path);
    assert!(problems.is_empty(), "{:?}", messages(&problems));
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(a.article.id, "geneva-talks.txt");
    assert_eq!(a.article.title.as_deref(), Some("Talks in Geneva end"));
    assert_eq!(
        a.article.text, text,
        "the text keeps the title line and every byte"
    );
    assert_eq!(a.origin.path, path);
    assert_eq!(a.origin.line, None);
    assert_eq!(a.bytes, text.len() as u64);
}

#[test]
fn a_file_with_an_unknown_extension_named_directly_is_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "story.md", "Headline\nBody.");
    let (articles, problems) = read_one(&path);
    assert!(problems.is_empty());
    assert_eq!(ids(&articles), ["story.md"]);
}

#[test]
fn directories_are_read_recursively_in_byte_order_of_relative_paths() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    for name in [
        "b.txt",
        "a/z.txt",
        "a/b.TXT",
        "a-c.txt",
        "B.text",
        "a/deep/x.txt",
    ] {
        write(&root, name, format!("Article {name}\nBody."));
    }
    write(
        &root,
        "feeds.jsonl",
        "{\"id\":\"j1\",\"text\":\"From JSON.\"}\n",
    );
    write(&root, "notes.md", "not an article");
    write(&root, "image.png", [0x89, b'P', b'N', b'G', 0, 0]);
    write(&root, ".hidden.txt", "hidden");
    write(&root, ".git/HEAD.txt", "hidden too");
    let (articles, problems) = read(std::slice::from_ref(&root), &ReadOptions::default());
    // The two files of unknown extensions are named in notes, nothing else is reported.
    let shown = messages(&problems);
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(
        shown[0].starts_with("note: ") && shown[0].contains("image.png"),
        "{shown:?}"
    );
    assert!(
        shown[1].starts_with("note: ") && shown[1].contains("notes.md"),
        "{shown:?}"
    );
    assert!(problems.iter().all(|p| !p.skipped), "{shown:?}");
    // '-' (0x2D) sorts before '/' (0x2F): byte order of the whole relative path.
    assert_eq!(
        ids(&articles),
        [
            "B.text",
            "a-c.txt",
            "a/b.TXT",
            "a/deep/x.txt",
            "a/z.txt",
            "b.txt",
            "j1"
        ]
    );
    assert_eq!(articles[2].origin.path, root.join("a").join("b.TXT"));
    assert_eq!(
        articles[6].origin.to_string(),
        format!("{}:1", root.join("feeds.jsonl").display())
    );
}

// ---------------------------------------------------------------- JSON Lines

#[test]
fn json_lines_give_every_field_and_generate_missing_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "feed.jsonl",
        concat!(
            "{\"id\":\"a1\",\"text\":\"Alpha.\",\"title\":\"A\",\"date\":\"2022-01-10\",",
            "\"url\":\"https://example.org/a\",\"source\":\"AP\",\"extra\":[1,2]}\n",
            "\n",
            "{\"id\":42,\"text\":\"Numbered.\",\"title\":null}\r\n",
            "{\"text\":\"No id.\"}\n",
        ),
    );
    let (articles, problems) = read_one(&path);
    assert!(problems.is_empty(), "{:?}", messages(&problems));
    assert_eq!(ids(&articles), ["a1", "42", "feed.jsonl#4"]);
    let a = &articles[0].article;
    assert_eq!(a.text, "Alpha.");
    assert_eq!(a.title.as_deref(), Some("A"));
    assert_eq!(a.date.as_deref(), Some("2022-01-10"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(a.source.as_deref(), Some("AP"));
    assert_eq!(articles[1].article.title, None);
    assert_eq!(articles[1].origin.line, Some(3));
    assert_eq!(articles[2].origin.line, Some(4));
}

#[test]
fn malformed_json_lines_are_reported_by_line_and_the_good_ones_still_come_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "mixed.jsonl",
        concat!(
            "{\"id\":\"good1\",\"text\":\"One.\"}\n",
            "{\"id\":\"bad\",\"text\":\"unterminated\n",
            "{\"id\":\"good2\",\"text\":\"Two.\"}\n",
            "{\"id\":\"notext\"}\n",
            "{\"id\":\"blank\",\"text\":\"  \"}\n",
            "[\"an\",\"array\"]\n",
            "{\"id\":{\"nested\":1},\"text\":\"Bad id.\"}\n",
            "{\"id\":\"good3\",\"text\":\"Three.\"}",
        ),
    );
    let (articles, problems) = read_one(&path);
    assert_eq!(ids(&articles), ["good1", "good2", "good3"]);
    let shown = messages(&problems);
    let p = path.display();
    let expected = [
        (2, "invalid JSON"),
        (4, "no `text` field"),
        (5, "empty `text`"),
        (6, "not a JSON object"),
        (7, "`id` is not a string or a number"),
    ];
    assert_eq!(shown.len(), expected.len(), "{shown:#?}");
    for (message, (line, words)) in shown.iter().zip(expected) {
        assert!(
            message.starts_with(&format!("error: {p}:{line}: ")),
            "{message}"
        );
        assert!(message.contains(words), "{message}");
    }
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_reads_named_columns_in_any_order_with_quoted_newlines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "news.csv",
        "source,text,id,date\nAP,\"Line one,\nline two\",c1,2022-01-10\nTass,Plain.,c2,\n",
    );
    let (articles, problems) = read_one(&path);
    assert!(problems.is_empty(), "{:?}", messages(&problems));
    assert_eq!(ids(&articles), ["c1", "c2"]);
    assert_eq!(articles[0].article.text, "Line one,\nline two");
    assert_eq!(articles[0].article.source.as_deref(), Some("AP"));
    assert_eq!(articles[0].article.date.as_deref(), Some("2022-01-10"));
    assert_eq!(articles[1].article.date, None, "an empty cell is no value");
    assert_eq!(
        articles[1].origin.line,
        Some(4),
        "the record after a two-line record"
    );
}

#[test]
fn csv_column_names_can_be_configured() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "custom.csv",
        "Headline,Body,Key\nTalks,Talks ended.,k1\n",
    );
    let mut opts = ReadOptions::default();
    opts.csv.text = "Body".into();
    opts.csv.title = "Headline".into();
    opts.csv.id = "Key".into();
    let (articles, problems) = read(std::slice::from_ref(&path), &opts);
    assert!(problems.is_empty(), "{:?}", messages(&problems));
    assert_eq!(ids(&articles), ["k1"]);
    assert_eq!(articles[0].article.title.as_deref(), Some("Talks"));
    assert_eq!(articles[0].article.text, "Talks ended.");
    // With the default names the same file has no text column.
    let (articles, problems) = read_one(&path);
    assert!(articles.is_empty());
    assert_one_problem(
        &problems,
        Severity::Error,
        &format!("{}:1: ", path.display()),
        "no `text` column",
    );
}

#[test]
fn csv_ragged_rows_are_reported_by_line_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "ragged.csv",
        "id,text,title\nr1,One.,T1\nr2,Two.\nr3,Three.,T3,extra\nr4,,T4\nr5,Five.,T5\n",
    );
    let (articles, problems) = read_one(&path);
    assert_eq!(ids(&articles), ["r1", "r5"]);
    let shown = messages(&problems);
    let p = path.display();
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert!(
        shown[0].starts_with(&format!(
            "error: {p}:3: ragged row: 2 fields where the header has 3"
        )),
        "{}",
        shown[0]
    );
    assert!(
        shown[1].starts_with(&format!("error: {p}:4: ragged row: 4 fields")),
        "{}",
        shown[1]
    );
    assert!(
        shown[2].starts_with(&format!("error: {p}:5: empty `text`")),
        "{}",
        shown[2]
    );
}

#[test]
fn a_csv_without_a_text_column_is_one_error_for_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "notext.csv", "id,body\n1,a\n2,b\n3,c\n");
    let (articles, problems) = read_one(&path);
    assert!(articles.is_empty());
    assert_one_problem(
        &problems,
        Severity::Error,
        &format!("{}:1: ", path.display()),
        "columns: id, body",
    );
}

#[test]
fn csv_records_without_id_get_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    write(&root, "sub/t.csv", "text\nOne.\nTwo.\n");
    let (articles, _) = read(&[root], &ReadOptions::default());
    assert_eq!(ids(&articles), ["sub/t.csv#2", "sub/t.csv#3"]);
}

// ---------------------------------------------------------------- encodings

#[test]
fn a_utf8_byte_order_mark_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "bom.txt", b"\xEF\xBB\xBFTitle\nBody.");
    let jsonl = write(
        dir.path(),
        "bom.jsonl",
        b"\xEF\xBB\xBF{\"id\":\"j\",\"text\":\"Body.\"}\n",
    );
    let csv = write(dir.path(), "bom.csv", b"\xEF\xBB\xBFid,text\nc,Body.\n");
    let (articles, problems) = read(&[txt, jsonl, csv], &ReadOptions::default());
    assert!(problems.is_empty(), "{:?}", messages(&problems));
    assert_eq!(ids(&articles), ["bom.txt", "j", "c"]);
    assert_eq!(articles[0].article.text, "Title\nBody.");
    assert_eq!(articles[0].article.title.as_deref(), Some("Title"));
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Genève talks\nZelenskyy — Зеленський 🇺🇦\n";
    let le = write(dir.path(), "le.txt", utf16(text, true));
    let be = write(dir.path(), "be.txt", utf16(text, false));
    let jsonl = write(
        dir.path(),
        "le.jsonl",
        utf16("{\"id\":\"u\",\"text\":\"Київ\"}\n", true),
    );
    let csv = write(dir.path(), "be.csv", utf16("id,text\nv,Kyiv\n", false));
    let (articles, problems) = read(&[le, be, jsonl, csv], &ReadOptions::default());
    assert!(problems.is_empty(), "{:?}", messages(&problems));
    assert_eq!(ids(&articles), ["le.txt", "be.txt", "u", "v"]);
    assert_eq!(articles[0].article.text, text);
    assert_eq!(articles[1].article.text, text);
    assert_eq!(articles[2].article.text, "Київ");
    assert_eq!(articles[3].article.text, "Kyiv");
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9 talks in Gen\xe8ve\nThe minister said.",
    );
    let (articles, problems) = read_one(&txt);
    assert_eq!(articles.len(), 1);
    assert_eq!(
        articles[0].article.text,
        "Caf\u{FFFD} talks in Gen\u{FFFD}ve\nThe minister said."
    );
    assert_one_problem(
        &problems,
        Severity::Warning,
        &format!("{}: ", txt.display()),
        "2 byte sequence(s) replaced",
    );
    assert!(!problems[0].skipped, "repaired, not skipped");

    let jsonl = write(
        dir.path(),
        "latin1.jsonl",
        b"{\"id\":\"ok\",\"text\":\"Fine.\"}\n{\"id\":\"l\",\"text\":\"Caf\xe9\"}\n",
    );
    let (articles, problems) = read_one(&jsonl);
    assert_eq!(ids(&articles), ["ok", "l"]);
    assert_eq!(articles[1].article.text, "Caf\u{FFFD}");
    assert_one_problem(
        &problems,
        Severity::Warning,
        &format!("{}:2: ", jsonl.display()),
        "invalid UTF-8",
    );

    let csv = write(dir.path(), "latin1.csv", b"id,text\nc,Caf\xe9\n");
    let (articles, problems) = read_one(&csv);
    assert_eq!(articles[0].article.text, "Caf\u{FFFD}");
    assert_one_problem(
        &problems,
        Severity::Warning,
        &format!("{}:2: ", csv.display()),
        "invalid UTF-8",
    );
}

#[test]
fn nul_bytes_refuse_the_file_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["nul.txt", "nul.jsonl", "nul.csv"] {
        let path = write(dir.path(), name, b"id,text\nStory with a \0 inside\n");
        let (articles, problems) = read_one(&path);
        assert!(articles.is_empty(), "{name}");
        assert_one_problem(
            &problems,
            Severity::Error,
            &format!("{}: ", path.display()),
            "binary content (NUL byte at offset 21)",
        );
    }
}

/// A small deterministic generator, so the "random" file is the same on every run.
fn pseudo_random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn a_binary_file_of_random_bytes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = pseudo_random_bytes(50_000, 0x9E37_79B9_7F4A_7C15);
    // No NUL, so the other rules must catch it.
    bytes.iter_mut().filter(|b| **b == 0).for_each(|b| *b = 1);
    let path = write(dir.path(), "random.txt", &bytes);
    let (articles, problems) = read_one(&path);
    assert!(articles.is_empty());
    assert_one_problem(
        &problems,
        Severity::Error,
        &format!("{}: ", path.display()),
        "binary content",
    );
}

#[test]
fn empty_and_blank_files_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", b" \n\t\r\n  "),
        ("empty.jsonl", b""),
        ("blank.csv", b"\n\n"),
        ("bom-only.txt", b"\xEF\xBB\xBF"),
    ] {
        let path = write(dir.path(), name, content);
        let (articles, problems) = read_one(&path);
        assert!(articles.is_empty(), "{name}");
        assert_one_problem(
            &problems,
            Severity::Warning,
            &format!("{}: ", path.display()),
            "empty file",
        );
        assert!(problems[0].skipped);
    }
    let header_only = write(dir.path(), "header.csv", "id,text\n");
    let (_, problems) = read_one(&header_only);
    assert_one_problem(
        &problems,
        Severity::Warning,
        &format!("{}: ", header_only.display()),
        "no articles in file",
    );
}

// ---------------------------------------------------------------- size limits

/// Writes a one-line article of `len` bytes without holding it in memory.
fn write_huge_line(path: &Path, prefix: &[u8], len: u64, suffix: &[u8]) {
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    f.write_all(prefix).unwrap();
    let chunk = b"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(1 << 14);
    let mut left = len - prefix.len() as u64 - suffix.len() as u64;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        f.write_all(&chunk[..n]).unwrap();
        left -= n as u64;
    }
    f.write_all(suffix).unwrap();
    f.flush().unwrap();
}

const HUGE: u64 = 200_000_000;

/// Peak resident memory of this process so far (Linux), in bytes.
fn peak_rss() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn a_200_mb_one_line_article_is_refused_with_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("huge.txt");
    write_huge_line(&txt, b"", HUGE, b"");
    let jsonl = dir.path().join("huge.jsonl");
    write_huge_line(
        &jsonl,
        b"{\"id\":\"first\",\"text\":\"Before.\"}\n{\"id\":\"huge\",\"text\":\"",
        HUGE,
        b"\"}\n{\"id\":\"after\",\"text\":\"After.\"}\n",
    );
    let csv = dir.path().join("huge.csv");
    write_huge_line(
        &csv,
        b"id,text\ncsv1,Before.\ncsv2,\"",
        HUGE,
        b"\"\ncsv3,After.\n",
    );
    let opts = ReadOptions {
        max_article_bytes: 1_000_000,
        ..ReadOptions::default()
    };
    let (articles, problems) = read(&[txt.clone(), jsonl.clone(), csv.clone()], &opts);
    // JSON Lines resume after the long line; CSV cannot resynchronize inside a quoted
    // field, so the rest of that file is skipped.
    assert_eq!(ids(&articles), ["first", "after", "csv1"]);
    let shown = messages(&problems);
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert!(
        shown[2].starts_with(&format!(
            "error: {}:3: record longer than the maximum",
            csv.display()
        )),
        "{}",
        shown[2]
    );
    assert!(shown[2].ends_with("rest of file skipped"), "{}", shown[2]);
    assert!(
        shown[0].starts_with(&format!("error: {}: file of {HUGE} bytes", txt.display())),
        "{}",
        shown[0]
    );
    assert!(
        shown[0].contains("maximum article size (1000000 bytes)"),
        "{}",
        shown[0]
    );
    assert!(
        shown[1].starts_with(&format!("error: {}:2: line of ", jsonl.display())),
        "{}",
        shown[1]
    );
    if let Some(peak) = peak_rss() {
        // Other tests of this binary run alongside and use little; the 200 MB line was
        // never held.
        assert!(
            peak < HUGE / 2,
            "peak memory {peak} bytes: the huge line was buffered"
        );
    }
}

#[test]
fn the_default_limit_refuses_a_200_mb_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("huge.txt");
    write_huge_line(&txt, b"", HUGE, b"");
    let (articles, problems) = read_one(&txt);
    assert!(articles.is_empty());
    assert_one_problem(
        &problems,
        Severity::Error,
        &format!("{}: ", txt.display()),
        "(67108864 bytes)",
    );
}

#[test]
fn an_article_just_over_the_limit_is_refused_and_one_at_the_limit_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ReadOptions {
        max_article_bytes: 100,
        ..ReadOptions::default()
    };
    // Text files are refused by their decoded size, not only their file size.
    let at = write(dir.path(), "at.txt", "x".repeat(100));
    let over = write(dir.path(), "over.txt", "x".repeat(101));
    let lines = write(
        dir.path(),
        "lines.jsonl",
        format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"{}\"}}\n",
            "y".repeat(100 - 11),
            "y".repeat(100 - 10)
        ),
    );
    let records = write(
        dir.path(),
        "r.csv",
        format!("text\n{}\n{}\nshort\n", "z".repeat(90), "z".repeat(200)),
    );
    let (articles, problems) = read(&[at, over.clone(), lines.clone(), records.clone()], &opts);
    // A record over the limit but within the parser's read-ahead is skipped alone.
    assert_eq!(
        ids(&articles),
        ["at.txt", "lines.jsonl#1", "r.csv#2", "r.csv#4"]
    );
    let shown = messages(&problems);
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert!(
        shown[0].starts_with(&format!("error: {}: article is longer", over.display())),
        "{}",
        shown[0]
    );
    assert!(
        shown[1].starts_with(&format!("error: {}:2: line of 101 bytes", lines.display())),
        "{}",
        shown[1]
    );
    assert!(
        shown[2].starts_with(&format!("error: {}:3: record of ", records.display())),
        "{}",
        shown[2]
    );
}

/// Pins the policy the property test found unstated: the limit measures the input as
/// read, before repair, so a repaired text may exceed it.
#[test]
fn the_limit_measures_input_before_invalid_utf8_is_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "six.txt", b"\n\x80  \n ");
    let opts = ReadOptions {
        max_article_bytes: 6,
        ..ReadOptions::default()
    };
    let (articles, problems) = read(std::slice::from_ref(&path), &opts);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].article.text, "\n\u{FFFD}  \n ");
    assert_eq!(articles[0].bytes, 6);
    assert_one_problem(
        &problems,
        Severity::Warning,
        &format!("{}: ", path.display()),
        "invalid UTF-8",
    );
}

/// The default limit with an article that fits: read whole (0.6 s in a debug build).
#[test]
#[ignore = "holds a 60 MB article, which would spoil the peak-memory check of the 200 MB test running alongside; run with --ignored"]
fn an_article_under_the_default_limit_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("big.jsonl");
    let len = 60_000_000;
    write_huge_line(&jsonl, b"{\"id\":\"big\",\"text\":\"", len, b"\"}\n");
    let (articles, problems) = read_one(&jsonl);
    assert!(problems.is_empty(), "{:?}", messages(&problems));
    assert_eq!(articles[0].article.text.len() as u64, len - 23);
}

// ---------------------------------------------------------------- file system

#[test]
fn a_missing_path_is_an_error_naming_it_and_other_inputs_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", "Good.");
    let missing = dir.path().join("no-such-dir");
    let (articles, problems) = read(&[missing.clone(), good], &ReadOptions::default());
    assert_eq!(ids(&articles), ["good.txt"]);
    assert_one_problem(
        &problems,
        Severity::Error,
        &format!("{}: ", missing.display()),
        "no such file or directory",
    );
}

#[test]
fn an_unreadable_file_is_reported_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "a.txt", "A.");
    let locked = write(&root, "b.txt", "B.");
    write(&root, "c.txt", "C.");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        // Root reads a mode-000 file: an_unreadable_file_is_reported_and_skipped_even_as_root
        // runs the same check with privileges dropped.
        return;
    }
    let (articles, problems) = read(&[root], &ReadOptions::default());
    assert_eq!(ids(&articles), ["a.txt", "c.txt"]);
    assert_one_problem(
        &problems,
        Severity::Error,
        &format!("{}: ", locked.display()),
        "cannot open",
    );
}

/// CI runs as root, which reads a mode-000 file: there the CLI runs as `nobody` (setpriv),
/// so the file really cannot be opened and the report is really checked.
#[test]
fn an_unreadable_file_is_reported_and_skipped_even_as_root() {
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    // Everything but the locked file readable by anyone, the output folder writable.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let root = dir.path().join("corpus");
    write(
        &root,
        "a.txt",
        "Angela Merkel met Emmanuel Macron in Paris.\n",
    );
    let locked = write(&root, "b.txt", "B.");
    write(&root, "c.txt", "Joe Biden visited Kyiv.\n");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let out_dir = dir.path().join("out");
    let as_root = fs::read(&locked).is_ok();
    let bin = env!("CARGO_BIN_EXE_newsgraph");
    let mut cmd = if as_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd
        .arg("build")
        .arg(&root)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .expect("setpriv (util-linux) runs the CLI as nobody");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}: cannot open", locked.display())),
        "as root: {as_root}; stderr:\n{stderr}"
    );
    assert!(stderr.contains("2 articles read"), "{stderr}");
    assert!(out_dir.join("graph.json").is_file(), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
}

#[test]
fn a_broken_symlink_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "a.txt", "A.");
    write(&root, "c.txt", "C.");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), root.join("b.txt")).unwrap();
    let (articles, problems) = read(std::slice::from_ref(&root), &ReadOptions::default());
    assert_eq!(ids(&articles), ["a.txt", "c.txt"]);
    let place = format!("{}: ", root.join("b.txt").display());
    assert_one_problem(&problems, Severity::Error, &place, "broken symbolic link");
}

#[test]
fn a_symlink_loop_is_reported_once_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "a.txt", "A.");
    write(&root, "sub/b.txt", "B.");
    std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
    // A second link to an already read directory is not a loop, but is read once only.
    std::os::unix::fs::symlink(root.join("sub"), root.join("zz-alias")).unwrap();
    let (articles, problems) = read(std::slice::from_ref(&root), &ReadOptions::default());
    assert_eq!(ids(&articles), ["a.txt", "sub/b.txt"]);
    let shown = messages(&problems);
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert!(
        shown[0].starts_with(&format!(
            "error: {}: symbolic link loop",
            root.join("sub/loop").display()
        )),
        "{}",
        shown[0]
    );
    assert!(
        shown[1].starts_with(&format!(
            "error: {}: directory ",
            root.join("zz-alias").display()
        )),
        "{}",
        shown[1]
    );
    assert!(shown[1].contains("already read"), "{}", shown[1]);

    let no_links = ReadOptions {
        follow_symlinks: false,
        ..ReadOptions::default()
    };
    let (articles, problems) = read(&[root], &no_links);
    assert_eq!(ids(&articles), ["a.txt", "sub/b.txt"]);
    assert!(
        problems.is_empty(),
        "links are skipped silently when not followed"
    );
}

// ---------------------------------------------------------------- ids and stdin

#[test]
fn duplicate_ids_keep_the_first_and_name_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let one = write(
        dir.path(),
        "one.jsonl",
        "{\"id\":\"x\",\"text\":\"First.\"}\n{\"id\":\"y\",\"text\":\"Y.\"}\n",
    );
    let two = write(dir.path(), "two.csv", "id,text\ny,Again.\nz,Z.\n");
    let three = write(
        dir.path(),
        "three.jsonl",
        "{\"id\":\"z\",\"text\":\"Z again.\"}\n{\"id\":\"x\",\"text\":\"X again.\"}\n",
    );
    let (articles, problems) = read(
        &[one.clone(), two.clone(), three.clone()],
        &ReadOptions::default(),
    );
    assert_eq!(ids(&articles), ["x", "y", "z"]);
    assert_eq!(articles[0].article.text, "First.");
    let shown = messages(&problems);
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert_eq!(
        shown[0],
        format!(
            "warning: {}:2: duplicate article id \"y\" (first read at {}:2); skipped",
            two.display(),
            one.display()
        )
    );
    assert!(shown[1].starts_with(&format!(
        "warning: {}:1: duplicate article id \"z\" (first read at {}:3)",
        three.display(),
        two.display()
    )));
    assert!(shown[2].starts_with(&format!(
        "warning: {}:2: duplicate article id \"x\" (first read at {}:1)",
        three.display(),
        one.display()
    )));
}

#[test]
fn stdin_is_sniffed_by_its_first_non_blank_byte() {
    assert_eq!(sniff_stdin(b"{\"text\":\"a\"}\n"), Format::Jsonl);
    assert_eq!(sniff_stdin(b"\n \t {"), Format::Jsonl);
    assert_eq!(sniff_stdin(b"\xEF\xBB\xBF {"), Format::Jsonl);
    assert_eq!(sniff_stdin(b"GENEVA (AP) {x}"), Format::Txt);
    assert_eq!(sniff_stdin(b"id,text\n"), Format::Txt);
    assert_eq!(sniff_stdin(b"   "), Format::Txt);
}

#[test]
fn the_reader_is_send_and_problems_display_with_their_severity() {
    fn assert_send<T: Send>(_: &T) {}
    let reader = read_inputs(
        &[PathBuf::from("/nonexistent/x.txt")],
        &ReadOptions::default(),
    );
    assert_send(&reader);
    let problems: Vec<_> = reader.filter_map(Result::err).collect();
    assert_eq!(
        messages(&problems),
        ["error: /nonexistent/x.txt: no such file or directory"]
    );
    let error: newsgraph::Error = problems.into_iter().next().unwrap().into();
    assert_eq!(
        error.to_string(),
        "/nonexistent/x.txt: no such file or directory"
    );
}

#[test]
fn a_stream_is_sniffed_like_stdin_and_named_in_messages() {
    use newsgraph::article::read_stream;
    let lines = b"\n{\"id\":\"s1\",\"text\":\"One.\"}\nnot json\n{\"text\":\"Two.\"}\n".to_vec();
    let items: Vec<_> = read_stream(
        Box::new(std::io::Cursor::new(lines)),
        "<stdin>",
        "-",
        None,
        &ReadOptions::default(),
    )
    .collect();
    let (articles, problems): (Vec<_>, Vec<_>) = items.into_iter().partition(Result::is_ok);
    let articles: Vec<Input> = articles.into_iter().map(Result::unwrap).collect();
    let problems: Vec<Problem> = problems.into_iter().map(|p| p.unwrap_err()).collect();
    assert_eq!(ids(&articles), ["s1", "-#4"]);
    assert_one_problem(&problems, Severity::Error, "<stdin>:3: ", "invalid JSON");

    let text = "GENEVA (AP) {braces} are text\nBody.".as_bytes().to_vec();
    let items: Vec<_> = read_stream(
        Box::new(std::io::Cursor::new(text)),
        "<stdin>",
        "-",
        None,
        &ReadOptions::default(),
    )
    .collect();
    assert_eq!(items.len(), 1);
    let input = items.into_iter().next().unwrap().unwrap();
    assert_eq!(input.article.id, "-");
    assert_eq!(
        input.article.title.as_deref(),
        Some("GENEVA (AP) {braces} are text")
    );
}

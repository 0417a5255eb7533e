//! Readers: turn the command line's INPUT arguments into a stream of [`Article`]s, with
//! every problem met on the way reported (file and line) instead of stopping the run.
//!
//! [`read_inputs`] takes files, directories and `-` (stdin) and yields, in order, one
//! `Ok(`[`Input`]`)` per article and one `Err(`[`Problem`]`)` per problem. It streams:
//! one file open at a time, JSON Lines and CSV record by record, so memory is bounded
//! by the largest article, not by the corpus.
//!
//! # Inputs
//!
//! - **A directory** is read recursively; its files come in byte order of their path
//!   relative to the directory (`/`-separated). Files are chosen by extension
//!   (case-insensitive): `.txt`/`.text` are one article each, `.jsonl`/`.ndjson` JSON
//!   Lines, `.csv` CSV; other files are passed over with a warning naming them and the
//!   extensions read (not counted as skipped), hidden entries (names starting with `.`)
//!   silently. Symbolic links are followed (unless
//!   [`ReadOptions::follow_symlinks`] is off, then they are skipped); each directory is
//!   read once, and a link back to a directory being read is reported as a symlink loop.
//!   Unreadable files and directories and broken links are reported and skipped.
//! - **A file** named on the command line is read by its extension, and as `.txt` when
//!   the extension is unknown.
//! - **`-`** reads stdin: JSON Lines when its first non-blank character is `{`, otherwise
//!   one text article with id `-` (see [`sniff_stdin`]).
//! - A path that does not exist is an error naming it; the other inputs are still read.
//!
//! # Formats
//!
//! - **Text** (`.txt`): one article. Its id is its path relative to the directory given
//!   (`politics/001.txt`), or its file name when the file itself was given
//!   (`geneva-talks.txt`). Its title is its first non-blank line (trimmed, at most 1000
//!   bytes); the text keeps that line, so offsets point into the whole file as read.
//! - **JSON Lines**: one object per line; `text` is required (a string, not blank);
//!   `id`, `title`, `date`, `url` and `source` are optional strings (numbers are
//!   accepted and written as text). Blank lines are ignored. A line that is not valid
//!   JSON, not an object, or has no text is reported as `FILE:LINE` and skipped; the
//!   following lines are read.
//! - **CSV**: a header row, then one article per record; columns are found by name
//!   (defaults `id`, `text`, `title`, `date`, `url`, `source`, configurable in
//!   [`CsvColumns`]; an exact match wins over a case-insensitive one). A header with no
//!   text column is one error for the file; a row whose field count differs from the
//!   header's (a ragged row) or whose text is blank is reported at its line and skipped.
//!
//! Records without an id get `FILE#LINE`, where FILE is the id the file itself would
//! have as a text article (`feeds/bbc.jsonl#12`).
//!
//! # Encoding and size policy
//!
//! - A UTF-8 byte-order mark is removed. UTF-16 (LE or BE) is decoded when the file
//!   starts with its byte-order mark; unpaired surrogates become U+FFFD, with a warning.
//!   Without a byte-order mark, input is taken as UTF-8.
//! - Invalid UTF-8 is **lossy, not refused**: each invalid sequence is replaced with
//!   U+FFFD, and a warning names the file (and line or record).
//! - **Binary input is refused**: a NUL byte, more than 1% control characters (other
//!   than tab, newline, carriage return, form feed), or more than a quarter of bytes
//!   that are not UTF-8, in the first 8 KiB (after decoding) refuse the whole file.
//! - An empty or blank file is skipped with a warning; so is a JSON Lines or CSV file
//!   that holds no article and no error.
//! - **Size**: an article longer than [`ReadOptions::max_article_bytes`] (default
//!   64 MiB) is refused. What is measured is the input as read, after UTF-16 is
//!   transcoded and before invalid UTF-8 is repaired: a text file's bytes, a JSON line
//!   (without its line end), the fields of a CSV record (without quotes and commas).
//!   (Repair can make a text longer: each invalid byte becomes a 3-byte U+FFFD.) Over-long lines are consumed without being stored, so a 200 MB line
//!   costs no more memory than the limit. An over-long CSV record ends the reading of
//!   its file (the parser cannot resynchronize), reported at its line.
//! - **Duplicate ids**: the first article with an id is kept; a later one with the same
//!   id is skipped with a warning naming both places.
//!
//! # Problems
//!
//! Each [`Problem`] is a [`Severity::Warning`] (the input was repaired, or held nothing,
//! or a duplicate was dropped) or a [`Severity::Error`] (an article or a file was refused
//! or unreadable), and displays as `warning: FILE:LINE: message`, ready for a
//! `newsgraph: ` prefix; [`Problem::skipped`] tells whether input was left out (all but
//! repairs). Every problem means the input was not read as it stands, so a command exits
//! 1 when any was reported, and stops at the first with `--strict` (exit 2): see
//! [`Reporter`], and `InputArgs` for the flags (with the `cli` feature). A [`Severity::Note`] (`note: FILE:
//! not an article file; passed over ...`) names a file a directory walk did not read; it
//! is not a problem of the input and changes neither the counts nor the exit code.

mod cli;
mod decode;
mod records;
mod walk;

#[cfg(feature = "cli")]
pub use cli::InputArgs;
pub use cli::{parse_size, Reporter};

use crate::doc::Article;
use crate::error::Error;
use decode::{binary_reason, read_prefix, utf8_lossy, Decoded, SNIFF_BYTES};
use records::{CsvReader, FileCtx, JsonlReader, Step};
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

/// The default maximum article size: 64 MiB.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Articles (text files, JSON lines, CSV records) longer than this are refused.
    pub max_article_bytes: u64,
    /// The CSV column names.
    pub csv: CsvColumns,
    /// Follow symbolic links inside directories (links named on the command line are
    /// always followed).
    pub follow_symlinks: bool,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            csv: CsvColumns::default(),
            follow_symlinks: true,
        }
    }
}

/// The header names of the CSV columns that hold each article field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvColumns {
    pub id: String,
    pub text: String,
    pub title: String,
    pub date: String,
    pub url: String,
    pub source: String,
}

impl Default for CsvColumns {
    fn default() -> CsvColumns {
        CsvColumns {
            id: "id".into(),
            text: "text".into(),
            title: "title".into(),
            date: "date".into(),
            url: "url".into(),
            source: "source".into(),
        }
    }
}

/// Where an article or a problem comes from: a file (`<stdin>` for stdin) and, for JSON
/// Lines and CSV, the line where its record starts (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: PathBuf,
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// One article read, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub article: Article,
    pub origin: Origin,
    /// Input bytes this article took (for progress reporting).
    pub bytes: u64,
}

/// How bad a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A file passed over because it is not an article file (an unknown extension in a
    /// directory): said, never counted, never fatal with `--strict`.
    Note,
    /// Input was repaired (invalid UTF-8 replaced), held nothing, or was a duplicate.
    Warning,
    /// An article or a whole file was refused or could not be read.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Something wrong with the input; the error names the file (and line).
#[derive(Debug)]
pub struct Problem {
    pub severity: Severity,
    pub error: Error,
    /// Whether an article or a file was left out (false only when the text was read
    /// and repaired: invalid UTF-8 or UTF-16 replaced, and for a [`Severity::Note`]).
    /// Counts as "skipped" in summaries.
    pub skipped: bool,
}

impl Problem {
    /// A warning for input left out: an empty file, a duplicate id.
    pub fn warning(error: Error) -> Problem {
        Problem {
            severity: Severity::Warning,
            error,
            skipped: true,
        }
    }
    /// A warning for input read after repair (invalid sequences replaced).
    pub fn repaired(error: Error) -> Problem {
        Problem {
            severity: Severity::Warning,
            error,
            skipped: false,
        }
    }
    /// A note for a file a directory walk passes over (an extension no reader knows):
    /// said, but not counted as a problem or as skipped input.
    pub fn passed_over(error: Error) -> Problem {
        Problem {
            severity: Severity::Note,
            error,
            skipped: false,
        }
    }
    /// Input refused or unreadable.
    pub fn error(error: Error) -> Problem {
        Problem {
            severity: Severity::Error,
            error,
            skipped: true,
        }
    }
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }
}

/// `warning: FILE:LINE: message` or `error: FILE: message`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.as_str(), self.error)
    }
}

impl std::error::Error for Problem {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Error {
        p.error
    }
}

/// What [`read_inputs`] yields.
pub type Item = Result<Input, Problem>;

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Txt,
    Jsonl,
    Csv,
}

impl Format {
    /// The format a file's extension names (case-insensitive), if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Txt),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// The extensions a directory walk reads, as warnings list them.
pub const READ_EXTENSIONS: &str = ".txt, .text, .jsonl, .ndjson, .csv";

/// The format of stdin from its first bytes: JSON Lines when the first character that
/// is not whitespace (after an optional UTF-8 byte-order mark) is `{`, text otherwise.
pub fn sniff_stdin(prefix: &[u8]) -> Format {
    let prefix = prefix.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(prefix);
    match prefix.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Format::Jsonl,
        _ => Format::Txt,
    }
}

/// The total size in bytes of the files `inputs` would read (for a progress bar's time
/// left), or `None` when stdin is among them. Cheap: only file sizes are looked at.
pub fn total_input_bytes(inputs: &[PathBuf], opts: &ReadOptions) -> Option<u64> {
    let mut total = 0u64;
    for input in inputs {
        if input.as_os_str() == "-" {
            return None;
        }
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                for entry in walk::walk(input, opts.follow_symlinks) {
                    if let walk::Found::File { size, .. } = entry.found {
                        total = total.saturating_add(size);
                    }
                }
            }
            Ok(m) => total = total.saturating_add(m.len()),
            Err(_) => {}
        }
    }
    Some(total)
}

/// Reads every article of `inputs` (files, directories, `-`), in order, with the
/// problems met on the way. See the module documentation for the rules.
pub fn read_inputs(inputs: &[PathBuf], opts: &ReadOptions) -> Reader {
    Reader {
        opts: opts.clone(),
        roots: inputs.iter().cloned().collect(),
        entries: VecDeque::new(),
        current: None,
        pending: VecDeque::new(),
        seen: HashMap::new(),
        seen_paths: Vec::new(),
    }
}

/// Reads the articles of one byte stream as if it were a file named `name` (used in
/// messages): `format` `None` sniffs it as stdin is sniffed; a text article gets the id
/// `id`, records `id#LINE` when they have none. For input that is not a file (a
/// network stream, a test, a fuzzer).
pub fn read_stream(
    stream: Box<dyn Read + Send>,
    name: &str,
    id: &str,
    format: Option<Format>,
    opts: &ReadOptions,
) -> Reader {
    let mut reader = read_inputs(&[], opts);
    reader.entries.push_back(Queued::Source(Source {
        path: PathBuf::from(name),
        id: id.to_string(),
        format,
        raw: Some(stream),
        size: None,
    }));
    reader
}

/// The iterator [`read_inputs`] returns; it is `Send`, so it can feed a thread pool.
pub struct Reader {
    opts: ReadOptions,
    roots: VecDeque<PathBuf>,
    entries: VecDeque<Queued>,
    current: Option<Current>,
    pending: VecDeque<Item>,
    /// Article ids seen so far, with where they were first read: an index into
    /// `seen_paths` and the line. Kept small (about 60 bytes an article with its id),
    /// since it is the reader's one table that grows with the corpus.
    seen: HashMap<Box<str>, (u32, Option<u32>)>,
    /// The files articles were read from, each once, in reading order.
    seen_paths: Vec<PathBuf>,
}

/// A file to read, or a problem found while walking, in the order they sort.
enum Queued {
    Source(Source),
    Problem(Problem),
}

enum Current {
    Jsonl(Box<JsonlReader>),
    Csv(Box<CsvReader>),
}

/// The decoded byte stream of one file: the sniffed prefix, then the rest.
pub(crate) type Stream = io::Chain<Cursor<Vec<u8>>, Decoded<Box<dyn Read + Send>>>;

/// One file (or stdin) to read.
struct Source {
    /// The path used in messages.
    path: PathBuf,
    /// The article id of a text file; the base of `FILE#LINE` ids of records.
    id: String,
    /// `None` for stdin and streams: sniffed.
    format: Option<Format>,
    /// An already open stream (stdin); files are opened when their turn comes.
    raw: Option<Box<dyn Read + Send>>,
    size: Option<u64>,
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(self.check_duplicate(item));
            }
            if let Some(current) = &mut self.current {
                let step = match current {
                    Current::Jsonl(r) => r.step(&mut self.pending),
                    Current::Csv(r) => r.step(&mut self.pending),
                };
                if let Step::Done = step {
                    self.current = None;
                }
                continue;
            }
            match self.entries.pop_front() {
                Some(Queued::Source(source)) => self.open(source),
                Some(Queued::Problem(problem)) => self.pending.push_back(Err(problem)),
                None => {
                    let root = self.roots.pop_front()?;
                    self.expand(&root);
                }
            }
        }
    }
}

impl Reader {
    fn check_duplicate(&mut self, item: Item) -> Item {
        let input = item?;
        if let Some(&(path, line)) = self.seen.get(input.article.id.as_str()) {
            let first = Origin {
                path: self
                    .seen_paths
                    .get(path as usize)
                    .cloned()
                    .unwrap_or_default(),
                line: line.map(|l| l as usize),
            };
            let message = format!(
                "duplicate article id {:?} (first read at {first}); skipped",
                input.article.id
            );
            let error = Error::refused(&input.origin.path, input.origin.line, message);
            return Err(Problem::warning(error));
        }
        if self.seen_paths.last() != Some(&input.origin.path) {
            self.seen_paths.push(input.origin.path.clone());
        }
        let path = u32::try_from(self.seen_paths.len() - 1).unwrap_or(u32::MAX);
        let line = input.origin.line.and_then(|l| u32::try_from(l).ok());
        self.seen
            .insert(input.article.id.as_str().into(), (path, line));
        Ok(input)
    }

    /// Turns one command-line input into the files to read (or a problem).
    fn expand(&mut self, root: &Path) {
        if root.as_os_str() == "-" {
            self.entries.push_back(Queued::Source(Source {
                path: PathBuf::from("<stdin>"),
                id: "-".into(),
                format: None,
                raw: Some(Box::new(io::stdin())),
                size: None,
            }));
            return;
        }
        let metadata = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let error = Error::refused(root, None, "no such file or directory");
                self.pending.push_back(Err(Problem::error(error)));
                return;
            }
            Err(e) => {
                self.pending
                    .push_back(Err(Problem::error(Error::io(root, e))));
                return;
            }
        };
        if metadata.is_dir() {
            for entry in walk::walk(root, self.opts.follow_symlinks) {
                match entry.found {
                    // Reported where it sorts among the files.
                    walk::Found::Problem(p) => self.entries.push_back(Queued::Problem(p)),
                    walk::Found::File { format, size } => {
                        self.entries.push_back(Queued::Source(Source {
                            path: entry.path,
                            id: entry.rel,
                            format: Some(format),
                            raw: None,
                            size: Some(size),
                        }))
                    }
                }
            }
        } else {
            let id = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root.display().to_string());
            self.entries.push_back(Queued::Source(Source {
                path: root.to_path_buf(),
                id,
                format: Some(Format::from_path(root).unwrap_or(Format::Txt)),
                raw: None,
                size: Some(metadata.len()),
            }));
        }
    }
}

impl Reader {
    /// Opens one file: checks its size, decodes it, refuses binary and empty content,
    /// then reads a text article at once or starts a record reader.
    fn open(&mut self, mut source: Source) {
        let max = self.opts.max_article_bytes;
        let path = source.path.clone();
        let refuse = |message: String| Err(Problem::error(Error::refused(&path, None, message)));
        // UTF-16 takes up to twice the bytes of its UTF-8: only refuse what cannot fit.
        if let (Some(Format::Txt), Some(size)) = (source.format, source.size) {
            if size > max.saturating_mul(2).saturating_add(4) {
                self.pending
                    .push_back(refuse(records::too_long("file", size, max)));
                return;
            }
        }
        let raw: Box<dyn Read + Send> = if let Some(raw) = source.raw.take() {
            raw
        } else {
            match File::open(&source.path) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    let message = format!("cannot open: {e}; skipped");
                    self.pending.push_back(refuse(message));
                    return;
                }
            }
        };
        let mut decoded = match Decoded::new(raw) {
            Ok(d) => d,
            Err(e) => {
                self.pending
                    .push_back(refuse(format!("read error: {e}; skipped")));
                return;
            }
        };
        let prefix = match read_prefix(&mut decoded, SNIFF_BYTES) {
            Ok(p) => p,
            Err(e) => {
                self.pending
                    .push_back(refuse(format!("read error: {e}; skipped")));
                return;
            }
        };
        if let Some(reason) = binary_reason(&prefix) {
            self.pending.push_back(refuse(reason));
            return;
        }
        if prefix.len() < SNIFF_BYTES && prefix.iter().all(u8::is_ascii_whitespace) {
            let error = Error::refused(&path, None, "empty file; skipped");
            self.pending.push_back(Err(Problem::warning(error)));
            return;
        }
        let format = source.format.unwrap_or_else(|| sniff_stdin(&prefix));
        let stream: Stream = Cursor::new(prefix).chain(decoded);
        let ctx = FileCtx {
            path: source.path.clone(),
            id_base: source.id.clone(),
            articles: 0,
            problems: 0,
        };
        match format {
            Format::Txt => self.read_text(source, stream),
            Format::Jsonl => {
                self.current = Some(Current::Jsonl(Box::new(JsonlReader::new(ctx, stream, max))))
            }
            Format::Csv => {
                if let Some(r) = CsvReader::new(ctx, stream, max, &self.opts.csv, &mut self.pending)
                {
                    self.current = Some(Current::Csv(Box::new(r)));
                }
            }
        }
    }

    /// A text file is one article: read whole (up to the limit), repaired if need be.
    fn read_text(&mut self, source: Source, stream: Stream) {
        let max = self.opts.max_article_bytes;
        let path = source.path;
        let mut limited = stream.take(max.saturating_add(1));
        let mut bytes = Vec::new();
        if let Err(e) = limited.read_to_end(&mut bytes) {
            let message = format!("read error: {e}; skipped");
            self.pending
                .push_back(Err(Problem::error(Error::refused(&path, None, message))));
            return;
        }
        if bytes.len() as u64 > max {
            let message =
                format!("article is longer than the maximum article size ({max} bytes); skipped");
            self.pending
                .push_back(Err(Problem::error(Error::refused(&path, None, message))));
            return;
        }
        let utf16_replaced = limited.into_inner().into_inner().1.replaced;
        let size = bytes.len() as u64;
        let (text, replaced) = utf8_lossy(bytes);
        if replaced > 0 {
            let error = Error::parse(&path, None, records::lossy_message(replaced));
            self.pending.push_back(Err(Problem::repaired(error)));
        }
        if utf16_replaced > 0 {
            let message =
                format!("{utf16_replaced} invalid UTF-16 code units replaced with U+FFFD");
            self.pending
                .push_back(Err(Problem::repaired(Error::parse(&path, None, message))));
        }
        if text.trim().is_empty() {
            let error = Error::refused(&path, None, "empty file; skipped");
            self.pending.push_back(Err(Problem::warning(error)));
            return;
        }
        let article = Article {
            id: source.id,
            title: first_line_title(&text),
            text,
            date: None,
            url: None,
            source: None,
        };
        let origin = Origin { path, line: None };
        self.pending.push_back(Ok(Input {
            article,
            origin,
            bytes: size,
        }));
    }
}

/// The first non-blank line, trimmed and cut to at most 1000 bytes (at a character
/// boundary), so that one huge line does not become a huge title.
fn first_line_title(text: &str) -> Option<String> {
    const MAX_TITLE: usize = 1000;
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let mut end = line.len().min(MAX_TITLE);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    Some(line[..end].trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdin_sniffing() {
        assert_eq!(sniff_stdin(b"  \n\t{\"text\":1}"), Format::Jsonl);
        assert_eq!(sniff_stdin(b"\xEF\xBB\xBF{"), Format::Jsonl);
        assert_eq!(sniff_stdin(b"Geneva (AP) {"), Format::Txt);
        assert_eq!(sniff_stdin(b""), Format::Txt);
        assert_eq!(sniff_stdin(b"[1]"), Format::Txt);
    }

    #[test]
    fn titles_are_the_first_non_blank_line_cut_at_a_char_boundary() {
        assert_eq!(
            first_line_title("\n  \n  Talks end \nbody").as_deref(),
            Some("Talks end")
        );
        assert_eq!(first_line_title(" \n "), None);
        let long = "é".repeat(800);
        let title = first_line_title(&long).unwrap();
        assert!(title.len() <= 1000 && title.chars().all(|c| c == 'é'));
    }

    #[test]
    fn extensions_choose_formats() {
        assert_eq!(Format::from_path(Path::new("a/B.TXT")), Some(Format::Txt));
        assert_eq!(
            Format::from_path(Path::new("x.ndjson")),
            Some(Format::Jsonl)
        );
        assert_eq!(Format::from_path(Path::new("x.csv")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("x.pdf")), None);
        assert_eq!(Format::from_path(Path::new("README")), None);
    }
}

//! The record readers: JSON Lines (one article per line) and CSV (one article per
//! record, columns named by the header). Both stream record by record and never hold
//! more than one record, itself bounded by the maximum article size.

use super::decode::{read_line_limited, utf8_lossy, Line};
use super::{CsvColumns, Input, Item, Origin, Problem, Stream};
use crate::doc::Article;
use crate::error::Error;
use serde_json::Value;
use std::collections::VecDeque;
use std::io::{self, BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What a record reader says after one step.
pub(crate) enum Step {
    /// More may follow.
    More,
    /// The file is done.
    Done,
}

/// Shared by both record readers: where the file is and what it has yielded so far.
pub(crate) struct FileCtx {
    pub path: PathBuf,
    /// Prefix of generated article ids (`FILE#LINE`) for records without an id.
    pub id_base: String,
    pub articles: u64,
    pub problems: u64,
}

impl FileCtx {
    fn origin(&self, line: usize) -> Origin {
        Origin {
            path: self.path.clone(),
            line: Some(line),
        }
    }
    fn push_problem(&mut self, out: &mut VecDeque<Item>, problem: Problem) {
        self.problems += 1;
        out.push_back(Err(problem));
    }
    /// An article read at `line`. A date that is not a real calendar day (`2023-02-30`,
    /// `yesterday`) is dropped with a warning naming the file and line: the article is
    /// kept, without its date, so no export carries a date that consumers cannot parse.
    fn push_article(
        &mut self,
        out: &mut VecDeque<Item>,
        mut article: Article,
        line: usize,
        bytes: u64,
    ) {
        if let Some(date) = article
            .date
            .take_if(|d| crate::record::iso_day(d).is_none())
        {
            let message = format!(
                "invalid date {date:?} (not a calendar day YYYY-MM-DD, optionally with a time); article kept without its date"
            );
            out.push_back(Err(Problem::repaired(Error::parse(
                &self.path,
                Some(line),
                message,
            ))));
        }
        self.articles += 1;
        out.push_back(Ok(Input {
            article,
            origin: self.origin(line),
            bytes,
        }));
    }
    /// Warnings due at the end of a file: UTF-16 repairs, and a file that held nothing.
    fn finish(&mut self, out: &mut VecDeque<Item>, utf16_replaced: u64) {
        if utf16_replaced > 0 {
            let message =
                format!("{utf16_replaced} invalid UTF-16 code units replaced with U+FFFD");
            out.push_back(Err(Problem::repaired(Error::parse(
                &self.path, None, message,
            ))));
        }
        if self.articles == 0 && self.problems == 0 {
            let message = "no articles in file";
            out.push_back(Err(Problem::warning(Error::parse(
                &self.path, None, message,
            ))));
        }
    }
}

/// JSON Lines: one object per line with `text` and optional `id`, `title`, `date`, `url`,
/// `source`; blank lines are ignored.
pub(crate) struct JsonlReader {
    ctx: FileCtx,
    reader: BufReader<Stream>,
    max: u64,
    line: usize,
    buf: Vec<u8>,
}

impl JsonlReader {
    pub(crate) fn new(ctx: FileCtx, stream: Stream, max: u64) -> JsonlReader {
        JsonlReader {
            ctx,
            reader: BufReader::with_capacity(64 * 1024, stream),
            max,
            line: 0,
            buf: Vec::new(),
        }
    }

    pub(crate) fn step(&mut self, out: &mut VecDeque<Item>) -> Step {
        let path = self.ctx.path.clone();
        let outcome = read_line_limited(&mut self.reader, &mut self.buf, self.max);
        self.line += 1;
        let line = self.line;
        match outcome {
            Err(e) => {
                let message = format!("read error: {e}; rest of file skipped");
                self.ctx.push_problem(
                    out,
                    Problem::error(Error::refused(&path, Some(line), message)),
                );
                Step::Done
            }
            Ok(Line::Eof) => {
                let replaced = self.reader.get_ref().get_ref().1.replaced;
                self.ctx.finish(out, replaced);
                Step::Done
            }
            Ok(Line::TooLong(len)) => {
                let message = too_long("line", len, self.max);
                self.ctx.push_problem(
                    out,
                    Problem::error(Error::refused(&path, Some(line), message)),
                );
                Step::More
            }
            Ok(Line::Read) => {
                if self.buf.iter().all(u8::is_ascii_whitespace) {
                    return Step::More;
                }
                let bytes = self.buf.len() as u64 + 1;
                let (text, replaced) = utf8_lossy(std::mem::take(&mut self.buf));
                if replaced > 0 {
                    let message = lossy_message(replaced);
                    out.push_back(Err(Problem::repaired(Error::parse(
                        &path,
                        Some(line),
                        message,
                    ))));
                }
                match parse_json_article(&text, &self.ctx.id_base, line) {
                    Ok(article) => self.ctx.push_article(out, article, line, bytes),
                    Err(message) => {
                        let problem = Problem::error(Error::parse(&path, Some(line), message));
                        self.ctx.push_problem(out, problem);
                    }
                }
                Step::More
            }
        }
    }
}

fn parse_json_article(line: &str, id_base: &str, line_no: usize) -> Result<Article, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| {
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        format!("invalid JSON at column {}: {message}; skipped", e.column())
    })?;
    let Value::Object(mut object) = value else {
        return Err("not a JSON object; skipped".to_string());
    };
    let text = match object.remove("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::String(_)) => return Err("empty `text`; skipped".to_string()),
        None | Some(Value::Null) => return Err("no `text` field; skipped".to_string()),
        Some(_) => return Err("`text` is not a string; skipped".to_string()),
    };
    let mut field = |name: &str| -> Result<Option<String>, String> {
        match object.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(format!("`{name}` is not a string or a number; skipped")),
        }
    };
    let id = field("id")?.unwrap_or_else(|| format!("{id_base}#{line_no}"));
    Ok(Article {
        id,
        text,
        title: field("title")?,
        date: field("date")?,
        url: field("url")?,
        source: field("source")?,
    })
}

/// Counts the bytes the CSV parser pulls and fails once one record has taken more than
/// the limit, so a record with no end cannot grow without bound.
pub(crate) struct Guarded<R> {
    inner: R,
    read: u64,
    record_start: Arc<AtomicU64>,
    limit: u64,
}

impl<R: Read> Read for Guarded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self
            .read
            .saturating_sub(self.record_start.load(Ordering::Relaxed))
            > self.limit
        {
            return Err(io::Error::new(io::ErrorKind::InvalidData, RECORD_TOO_LONG));
        }
        Ok(n)
    }
}

const RECORD_TOO_LONG: &str = "record longer than the maximum article size";

/// Column positions found in a CSV header.
struct Columns {
    id: Option<usize>,
    text: usize,
    title: Option<usize>,
    date: Option<usize>,
    url: Option<usize>,
    source: Option<usize>,
    count: usize,
}

pub(crate) struct CsvReader {
    ctx: FileCtx,
    reader: csv::Reader<Guarded<Stream>>,
    record_start: Arc<AtomicU64>,
    columns: Option<Columns>,
    record: csv::ByteRecord,
    max: u64,
}

impl CsvReader {
    /// Opens the reader and reads the header; a header without the text column is one
    /// error for the whole file.
    pub(crate) fn new(
        ctx: FileCtx,
        stream: Stream,
        max: u64,
        names: &CsvColumns,
        out: &mut VecDeque<Item>,
    ) -> Option<CsvReader> {
        let record_start = Arc::new(AtomicU64::new(0));
        let guarded = Guarded {
            inner: stream,
            read: 0,
            record_start: Arc::clone(&record_start),
            // The parser reads ahead in buffers of a few KiB; allow for them.
            limit: max.saturating_add(64 * 1024),
        };
        let reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(guarded);
        let mut me = CsvReader {
            ctx,
            reader,
            record_start,
            columns: None,
            record: csv::ByteRecord::new(),
            max,
        };
        let header = match me.reader.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let problem = me.csv_error(e, 1);
                me.ctx.push_problem(out, problem);
                return None;
            }
        };
        let header: Vec<String> = header
            .iter()
            .map(|f| utf8_lossy(f.to_vec()).0.trim().to_string())
            .collect();
        let find = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .or_else(|| header.iter().position(|h| h.eq_ignore_ascii_case(name)))
        };
        let Some(text) = find(&names.text) else {
            let message = format!(
                "no `{}` column in the CSV header (columns: {}); file skipped",
                names.text,
                header.join(", ")
            );
            let problem = Problem::error(Error::parse(&me.ctx.path, Some(1), message));
            me.ctx.push_problem(out, problem);
            return None;
        };
        me.columns = Some(Columns {
            id: find(&names.id),
            text,
            title: find(&names.title),
            date: find(&names.date),
            url: find(&names.url),
            source: find(&names.source),
            count: header.len(),
        });
        me.record_start
            .store(me.reader.position().byte(), Ordering::Relaxed);
        Some(me)
    }

    fn csv_error(&self, e: csv::Error, fallback_line: u64) -> Problem {
        let line = e.position().map_or(fallback_line, |p| p.line()) as usize;
        let message = match e.kind() {
            csv::ErrorKind::Io(io) if io.to_string() == RECORD_TOO_LONG => {
                format!(
                    "record longer than the maximum article size ({} bytes); rest of file skipped",
                    self.max
                )
            }
            _ => format!("CSV error: {e}; rest of file skipped"),
        };
        Problem::error(Error::refused(&self.ctx.path, Some(line), message))
    }

    pub(crate) fn step(&mut self, out: &mut VecDeque<Item>) -> Step {
        let before = self.reader.position().clone();
        match self.reader.read_byte_record(&mut self.record) {
            Err(e) => {
                let problem = self.csv_error(e, before.line());
                self.ctx.push_problem(out, problem);
                Step::Done
            }
            Ok(false) => {
                let replaced = self.reader.get_ref().inner.get_ref().1.replaced;
                self.ctx.finish(out, replaced);
                Step::Done
            }
            Ok(true) => {
                let end = self.reader.position().byte();
                self.record_start.store(end, Ordering::Relaxed);
                let line = self.record.position().map_or(before.line(), |p| p.line()) as usize;
                let bytes = end.saturating_sub(before.byte());
                self.convert(out, line, bytes);
                Step::More
            }
        }
    }

    fn convert(&mut self, out: &mut VecDeque<Item>, line: usize, bytes: u64) {
        let path = self.ctx.path.clone();
        let Some(columns) = &self.columns else { return };
        if self.record.len() == 1
            && self.record.get(0).is_some_and(|f| f.is_empty())
            && columns.count > 1
        {
            return; // a blank line
        }
        if self.record.len() != columns.count {
            let message = format!(
                "ragged row: {} fields where the header has {}; skipped",
                self.record.len(),
                columns.count
            );
            self.ctx.push_problem(
                out,
                Problem::error(Error::parse(&path, Some(line), message)),
            );
            return;
        }
        let content = self.record.as_slice().len() as u64;
        if content > self.max {
            let message = too_long("record", content, self.max);
            self.ctx.push_problem(
                out,
                Problem::error(Error::refused(&path, Some(line), message)),
            );
            return;
        }
        let mut replaced = 0;
        let mut get = |index: Option<usize>| -> Option<String> {
            let field = self.record.get(index?)?;
            let (value, r) = utf8_lossy(field.to_vec());
            replaced += r;
            (!value.trim().is_empty()).then_some(value)
        };
        let text = get(Some(columns.text));
        let id = get(columns.id).map(|s| s.trim().to_string());
        let (title, date, url, source) = (
            get(columns.title),
            get(columns.date),
            get(columns.url),
            get(columns.source),
        );
        if replaced > 0 {
            let message = lossy_message(replaced);
            out.push_back(Err(Problem::repaired(Error::parse(
                &path,
                Some(line),
                message,
            ))));
        }
        let Some(text) = text else {
            let message = "empty `text`; skipped";
            self.ctx.push_problem(
                out,
                Problem::error(Error::parse(&path, Some(line), message)),
            );
            return;
        };
        let id = id.unwrap_or_else(|| format!("{}#{line}", self.ctx.id_base));
        let article = Article {
            id,
            text,
            title,
            date,
            url,
            source,
        };
        self.ctx.push_article(out, article, line, bytes);
    }
}

pub(crate) fn too_long(what: &str, len: u64, max: u64) -> String {
    format!("{what} of {len} bytes is longer than the maximum article size ({max} bytes); skipped")
}

pub(crate) fn lossy_message(replaced: usize) -> String {
    format!("invalid UTF-8: {replaced} byte sequence(s) replaced with U+FFFD")
}

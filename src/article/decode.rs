//! Byte-level input handling shared by every reader: byte-order marks, UTF-16
//! transcoding, lossy UTF-8, binary sniffing and line reading with a length limit.

use std::io::{self, BufRead, Read};

/// How many leading bytes are inspected to decide that a file is binary.
pub(crate) const SNIFF_BYTES: usize = 8 * 1024;

/// The encoding announced by a file's byte-order mark (none means UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// A reader that hands out UTF-8: it drops a UTF-8 byte-order mark and transcodes
/// UTF-16 (LE or BE, announced by its byte-order mark) to UTF-8. Anything else passes
/// through untouched (it is checked as UTF-8 later, line by line or article by article).
pub(crate) struct Decoded<R> {
    inner: R,
    encoding: Encoding,
    /// UTF-8: bytes read while looking for a BOM that still have to be handed out.
    /// UTF-16: raw bytes not yet decoded (at most one odd byte between reads).
    raw: Vec<u8>,
    raw_pos: usize,
    /// UTF-16 only: decoded UTF-8 not yet handed out.
    out: Vec<u8>,
    out_pos: usize,
    pending_high: Option<u16>,
    eof: bool,
    /// UTF-16 code units that were not valid (unpaired surrogates, an odd trailing byte),
    /// each replaced by U+FFFD.
    pub(crate) replaced: u64,
}

impl<R: Read> Decoded<R> {
    pub(crate) fn new(mut inner: R) -> io::Result<Decoded<R>> {
        let mut head = Vec::with_capacity(3);
        let mut byte = [0u8; 1];
        while head.len() < 3 {
            match inner.read(&mut byte) {
                Ok(0) => break,
                Ok(_) => head.push(byte[0]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
            // Stop early once the first bytes cannot start a BOM, so that interactive
            // stdin is not forced to deliver three bytes before anything happens.
            if !is_bom_prefix(&head) {
                break;
            }
        }
        let (encoding, skip) = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            (Encoding::Utf8, 3)
        } else if head.starts_with(&[0xFF, 0xFE]) {
            (Encoding::Utf16Le, 2)
        } else if head.starts_with(&[0xFE, 0xFF]) {
            (Encoding::Utf16Be, 2)
        } else {
            (Encoding::Utf8, 0)
        };
        Ok(Decoded {
            inner,
            encoding,
            raw: head[skip..].to_vec(),
            raw_pos: 0,
            out: Vec::new(),
            out_pos: 0,
            pending_high: None,
            eof: false,
            replaced: 0,
        })
    }

    fn read_utf16(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_pos < self.out.len() {
                let n = (self.out.len() - self.out_pos).min(buf.len());
                buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                return Ok(n);
            }
            if self.eof {
                return Ok(0);
            }
            self.out.clear();
            self.out_pos = 0;
            let mut chunk = [0u8; 8192];
            let n = loop {
                match self.inner.read(&mut chunk) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            if n == 0 {
                self.eof = true;
            } else {
                self.raw.extend_from_slice(&chunk[..n]);
            }
            self.decode_units();
        }
    }

    /// Decodes the complete code units in `raw` into `out`, keeping an odd trailing byte
    /// (and a trailing high surrogate in `pending_high`) for the next read.
    fn decode_units(&mut self) {
        let whole = self.raw.len() / 2 * 2;
        let push = |out: &mut Vec<u8>, c: char| {
            let mut b = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
        };
        for pair in self.raw[..whole].chunks_exact(2) {
            let unit = match self.encoding {
                Encoding::Utf16Le => u16::from_le_bytes([pair[0], pair[1]]),
                _ => u16::from_be_bytes([pair[0], pair[1]]),
            };
            match unit {
                0xD800..=0xDBFF => {
                    if self.pending_high.replace(unit).is_some() {
                        self.replaced += 1;
                        push(&mut self.out, char::REPLACEMENT_CHARACTER);
                    }
                }
                0xDC00..=0xDFFF => match self.pending_high.take() {
                    Some(high) => {
                        let c = 0x10000
                            + ((u32::from(high) - 0xD800) << 10)
                            + (u32::from(unit) - 0xDC00);
                        push(
                            &mut self.out,
                            char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER),
                        );
                    }
                    None => {
                        self.replaced += 1;
                        push(&mut self.out, char::REPLACEMENT_CHARACTER);
                    }
                },
                _ => {
                    if self.pending_high.take().is_some() {
                        self.replaced += 1;
                        push(&mut self.out, char::REPLACEMENT_CHARACTER);
                    }
                    let c = char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER);
                    push(&mut self.out, c);
                }
            }
        }
        self.raw.drain(..whole);
        if self.eof {
            if self.pending_high.take().is_some() {
                self.replaced += 1;
                push(&mut self.out, char::REPLACEMENT_CHARACTER);
            }
            if !self.raw.is_empty() {
                self.raw.clear();
                self.replaced += 1;
                push(&mut self.out, char::REPLACEMENT_CHARACTER);
            }
        }
    }
}

fn is_bom_prefix(head: &[u8]) -> bool {
    [&[0xEF, 0xBB, 0xBF][..], &[0xFF, 0xFE], &[0xFE, 0xFF]]
        .iter()
        .any(|bom| bom.starts_with(head) || head.starts_with(bom))
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.encoding {
            Encoding::Utf8 => {
                if self.raw_pos < self.raw.len() {
                    let n = (self.raw.len() - self.raw_pos).min(buf.len());
                    buf[..n].copy_from_slice(&self.raw[self.raw_pos..self.raw_pos + n]);
                    self.raw_pos += n;
                    return Ok(n);
                }
                self.inner.read(buf)
            }
            Encoding::Utf16Le | Encoding::Utf16Be => self.read_utf16(buf),
        }
    }
}

/// Reads up to `limit` bytes (fewer only at end of input).
pub(crate) fn read_prefix(r: &mut impl Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut prefix = Vec::with_capacity(limit.min(SNIFF_BYTES));
    r.take(limit as u64).read_to_end(&mut prefix)?;
    Ok(prefix)
}

/// Why the first bytes of a file look binary, or `None` when they look like text.
///
/// Binary means: a NUL byte, more than 1% control characters other than tab, newline,
/// carriage return and form feed, or more than a quarter of the bytes not valid UTF-8.
pub(crate) fn binary_reason(prefix: &[u8]) -> Option<String> {
    let prefix = &prefix[..prefix.len().min(SNIFF_BYTES)];
    if prefix.is_empty() {
        return None;
    }
    if let Some(at) = memchr::memchr(0, prefix) {
        return Some(format!("binary content (NUL byte at offset {at}); skipped"));
    }
    let controls = prefix
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    if controls * 100 > prefix.len() {
        return Some(format!(
            "binary content ({controls} control bytes in the first {} bytes); skipped",
            prefix.len()
        ));
    }
    let invalid: usize = prefix.utf8_chunks().map(|c| c.invalid().len()).sum();
    if invalid * 4 > prefix.len() {
        return Some(format!(
            "binary content ({invalid} of the first {} bytes are not UTF-8); skipped",
            prefix.len()
        ));
    }
    None
}

/// UTF-8 text from bytes, replacing each invalid sequence with U+FFFD; also returns how
/// many sequences were replaced.
pub(crate) fn utf8_lossy(bytes: Vec<u8>) -> (String, usize) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, 0),
        Err(e) => {
            let bytes = e.into_bytes();
            let mut text = String::with_capacity(bytes.len() + 16);
            let mut replaced = 0;
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    text.push(char::REPLACEMENT_CHARACTER);
                    replaced += 1;
                }
            }
            (text, replaced)
        }
    }
}

/// The outcome of [`read_line_limited`].
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// No more input.
    Eof,
    /// A line is in the buffer, without its `\n` or `\r\n`.
    Read,
    /// The line was longer than the limit: it was consumed up to its end, and only the
    /// start of it kept. Holds its length in bytes.
    TooLong(u64),
}

/// Reads one line into `buf` (cleared first), never keeping more than `max + 2` bytes of
/// it: a longer line is consumed to its end and reported, so memory stays bounded.
pub(crate) fn read_line_limited(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: u64,
) -> io::Result<Line> {
    buf.clear();
    let keep_max = usize::try_from(max.saturating_add(2)).unwrap_or(usize::MAX);
    let mut total: u64 = 0;
    let mut ended = false;
    let mut carriage_return = false;
    let mut last_byte = None;
    while !ended {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            if total == 0 {
                return Ok(Line::Eof);
            }
            break;
        }
        let used = match memchr::memchr(b'\n', avail) {
            Some(i) => {
                ended = true;
                carriage_return = if i > 0 {
                    avail[i - 1] == b'\r'
                } else {
                    last_byte == Some(b'\r')
                };
                i + 1
            }
            None => avail.len(),
        };
        last_byte = Some(avail[used - 1]);
        let room = keep_max.saturating_sub(buf.len()).min(used);
        buf.extend_from_slice(&avail[..room]);
        total += used as u64;
        r.consume(used);
    }
    let content = total - u64::from(ended) - u64::from(carriage_return);
    if content > max {
        return Ok(Line::TooLong(content));
    }
    // content <= max, so the whole line fits in the kept bytes.
    buf.truncate(content as usize);
    Ok(Line::Read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8]) -> (String, u64) {
        let mut d = Decoded::new(bytes).unwrap();
        let mut out = Vec::new();
        d.read_to_end(&mut out).unwrap();
        (String::from_utf8(out).unwrap(), d.replaced)
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode_all(b"\xEF\xBB\xBFhello").0, "hello");
        assert_eq!(decode_all(b"he").0, "he");
        assert_eq!(decode_all(b"").0, "");
    }

    #[test]
    fn utf16_both_orders_decode_with_surrogate_pairs() {
        let text = "Genève 🌍 talks";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_all(&le), (text.to_string(), 0));
        assert_eq!(decode_all(&be), (text.to_string(), 0));
    }

    #[test]
    fn utf16_unpaired_surrogate_and_odd_byte_are_replaced() {
        let mut le = vec![0xFF, 0xFE];
        for u in [0x61u16, 0xD800, 0x62] {
            le.extend_from_slice(&u.to_le_bytes());
        }
        le.push(0x63);
        assert_eq!(decode_all(&le), ("a\u{FFFD}b\u{FFFD}".to_string(), 2));
    }

    #[test]
    fn lines_longer_than_the_limit_are_consumed_not_kept() {
        let input = format!("short\r\n{}\nafter\nlast", "x".repeat(100));
        let mut r = std::io::BufReader::with_capacity(16, input.as_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), Line::Read);
        assert_eq!(buf, b"short");
        assert_eq!(
            read_line_limited(&mut r, &mut buf, 10).unwrap(),
            Line::TooLong(100)
        );
        assert!(buf.len() <= 12);
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), Line::Read);
        assert_eq!(buf, b"after");
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), Line::Read);
        assert_eq!(buf, b"last");
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), Line::Eof);
    }

    #[test]
    fn a_line_exactly_at_the_limit_is_accepted() {
        let mut r = std::io::BufReader::new(&b"0123456789\r\n0123456789A\n"[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line_limited(&mut r, &mut buf, 10).unwrap(), Line::Read);
        assert_eq!(buf, b"0123456789");
        assert_eq!(
            read_line_limited(&mut r, &mut buf, 10).unwrap(),
            Line::TooLong(11)
        );
    }

    #[test]
    fn binary_sniffing() {
        assert!(binary_reason(b"plain text\n\twith tabs\r\n").is_none());
        assert!(binary_reason(b"nul\0inside").is_some());
        assert!(binary_reason(&[0x01; 50]).is_some());
        assert!(binary_reason("café crème".as_bytes()).is_none());
        assert!(binary_reason(b"caf\xe9 cr\xe8me au lait, a latin-1 line").is_none());
        assert!(binary_reason(&[0xC3; 40]).is_some());
    }

    #[test]
    fn lossy_utf8_counts_replacements() {
        assert_eq!(utf8_lossy(b"ok".to_vec()), ("ok".to_string(), 0));
        assert_eq!(
            utf8_lossy(b"a\xffb\xfe\xfd".to_vec()),
            ("a\u{FFFD}b\u{FFFD}\u{FFFD}".to_string(), 3)
        );
    }
}

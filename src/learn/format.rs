//! The model file format every newsgraph model shares: little-endian,
//!
//! ```text
//! magic (8 bytes, names the model kind and its layout)   u32 version
//! body (the model's own fields, written with Writer and read with Reader)
//! u64 checksum (FNV-1a of everything before it)
//! ```
//!
//! A damaged file fails the checksum, a foreign one the magic, and a model written by an
//! older build (other features) the version: each is an error, never a misread model.

/// FNV-1a over the bytes.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Builds a model file: header first, then fields, then [`Writer::finish`].
#[derive(Debug)]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    pub fn new(magic: &[u8; 8], version: u32) -> Writer {
        let mut out = Vec::new();
        out.extend_from_slice(magic);
        out.extend_from_slice(&version.to_le_bytes());
        Writer { out }
    }
    pub fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }
    /// A length-prefixed UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }
    /// A sparse weight table: its size, then each stored row as (varint row delta, mask of
    /// non-zero classes in u64 words, the non-zero i16 weights).
    pub fn table(&mut self, t: &super::SparseTable) {
        self.u32(t.bits());
        self.u32(t.width() as u32);
        self.u32(t.stored_len() as u32);
        let words = t.width().div_ceil(64);
        let mut last = 0usize;
        for (r, row) in t.stored_rows() {
            self.varint((r - last) as u64);
            last = r;
            for w in 0..words {
                let mut mask = 0u64;
                for (k, &x) in row.iter().enumerate().skip(w * 64).take(64) {
                    if x != 0 {
                        mask |= 1 << (k - w * 64);
                    }
                }
                self.varint(mask);
            }
            for &x in row.iter().filter(|&&x| x != 0) {
                self.u16(x as u16);
            }
        }
    }
    /// A [`super::PackedTable`], in the layout of [`Writer::table`] (either reader reads
    /// it).
    pub fn packed_table(&mut self, t: &super::PackedTable) {
        self.u32(t.bits());
        self.u32(t.width() as u32);
        self.u32(t.stored_len() as u32);
        let words = t.width().div_ceil(64);
        let mut last = 0usize;
        let mut weights: Vec<i16> = Vec::new();
        for (r, entries) in t.stored_rows() {
            self.varint((r - last) as u64);
            last = r;
            let mut masks = [0u64; 4];
            weights.clear();
            for (k, w) in entries {
                masks[k / 64] |= 1 << (k % 64);
                weights.push(w);
            }
            for &m in masks.iter().take(words) {
                self.varint(m);
            }
            for &w in &weights {
                self.u16(w as u16);
            }
        }
    }

    /// The bytes with their checksum appended.
    pub fn finish(mut self) -> Vec<u8> {
        let sum = checksum(&self.out);
        self.out.extend_from_slice(&sum.to_le_bytes());
        self.out
    }
}

/// Reads the fields of a model file checked by [`Reader::open`].
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Checks magic, checksum and version; the reader starts at the first body field.
    /// `kind` names the model in messages ("NER model"), `retrain` the command to rerun.
    pub fn open(
        bytes: &'a [u8],
        magic: &[u8; 8],
        version: u32,
        retrain: &str,
    ) -> Result<Reader<'a>, String> {
        Reader::open_with(bytes, magic, version, retrain, true)
    }

    /// [`Reader::open`] for a model compiled into the binary (`include_bytes!`): magic
    /// and version are checked, the checksum is not (a pass over every byte, about 28
    /// million instructions for the built-in models at each start). Those bytes cannot be
    /// damaged after the build; each built-in model has a test that opens it with
    /// [`Reader::open`].
    pub fn open_builtin(
        bytes: &'a [u8],
        magic: &[u8; 8],
        version: u32,
        retrain: &str,
    ) -> Result<Reader<'a>, String> {
        Reader::open_with(bytes, magic, version, retrain, false)
    }

    fn open_with(
        bytes: &'a [u8],
        magic: &[u8; 8],
        version: u32,
        retrain: &str,
        verify: bool,
    ) -> Result<Reader<'a>, String> {
        if bytes.len() < magic.len() + 12 || &bytes[..magic.len()] != magic {
            return Err("bad magic (not this kind of newsgraph model)".into());
        }
        let (body, tail) = bytes.split_at(bytes.len() - 8);
        let stored = u64::from_le_bytes(tail.try_into().map_err(|_| "truncated")?);
        if verify && checksum(body) != stored {
            return Err("checksum mismatch (file damaged)".into());
        }
        let mut r = Reader {
            bytes: body,
            pos: magic.len(),
        };
        let found = r.u32()?;
        if found != version {
            return Err(format!(
                "format version {found}, this build reads {version}: retrain with `{retrain}`"
            ));
        }
        Ok(r)
    }
    pub fn pos(&self) -> usize {
        self.pos
    }
    /// Bytes left in the body.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }
    #[inline]
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.pos))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    #[inline]
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        match self
            .bytes
            .get(self.pos..)
            .and_then(|b| b.first_chunk::<N>())
        {
            Some(&a) => {
                self.pos += N;
                Ok(a)
            }
            None => Err(format!("truncated at byte {}", self.pos)),
        }
    }
    #[inline]
    pub fn u8(&mut self) -> Result<u8, String> {
        Ok(self.array::<1>()?[0])
    }
    #[inline]
    pub fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    #[inline]
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    #[inline]
    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    #[inline]
    pub fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    #[inline]
    pub fn varint(&mut self) -> Result<u64, String> {
        let mut pos = self.pos;
        let v = varint_at(self.bytes, &mut pos);
        self.pos = pos;
        v.map_err(|bad| bad.message(pos))
    }
    /// A count of items each at least `min_bytes` long, checked against what is left.
    pub fn count(&mut self, min_bytes: usize) -> Result<usize, String> {
        let n = self.varint()? as usize;
        if n.saturating_mul(min_bytes.max(1)) > self.remaining() {
            return Err(format!(
                "count {n} larger than the file at byte {}",
                self.pos
            ));
        }
        Ok(n)
    }
    pub fn str(&mut self) -> Result<&'a str, String> {
        let n = self.count(1)?;
        std::str::from_utf8(self.take(n)?).map_err(|_| format!("bad UTF-8 at byte {}", self.pos))
    }
    /// A table written by [`Writer::table`] with `width` classes and at most `2^max_bits` rows.
    pub fn table(&mut self, width: usize, max_bits: u32) -> Result<super::SparseTable, String> {
        let (bits, n_rows) = self.table_header(width, max_bits)?;
        let mut table = super::table::SparseFill::new(bits, width, n_rows);
        self.rows(width, bits, n_rows, &mut table)?;
        Ok(table.finish())
    }

    /// A table written by [`Writer::table`] or [`Writer::packed_table`], as a
    /// [`super::PackedTable`].
    pub fn packed_table(
        &mut self,
        width: usize,
        max_bits: u32,
    ) -> Result<super::PackedTable, String> {
        let (bits, n_rows) = self.table_header(width, max_bits)?;
        let mut table = super::PackedTable::with_capacity(bits, width, n_rows);
        self.rows(width, bits, n_rows, &mut table)?;
        Ok(table)
    }

    /// A table's size, checked: its `bits` and number of stored rows.
    fn table_header(&mut self, width: usize, max_bits: u32) -> Result<(u32, usize), String> {
        let bits = self.u32()?;
        if !(1..=max_bits).contains(&bits) {
            return Err(format!("bad table size 2^{bits}"));
        }
        if self.u32()? as usize != width {
            return Err(format!("table width is not {width}"));
        }
        let n_rows = self.u32()? as usize;
        if n_rows > self.remaining() {
            return Err("table larger than the file".into());
        }
        if width.div_ceil(64) > 4 {
            return Err("table too wide".into());
        }
        Ok((bits, n_rows))
    }

    /// Reads a table's `n_rows` rows, checked, into `table`.
    fn rows(
        &mut self,
        width: usize,
        bits: u32,
        n_rows: usize,
        table: &mut impl super::table::FillRows,
    ) -> Result<(), String> {
        let mut pos = self.pos;
        let read = match width.div_ceil(64) {
            1 => rows_at::<1>(self.bytes, &mut pos, width, bits, n_rows, table),
            2 => rows_at::<2>(self.bytes, &mut pos, width, bits, n_rows, table),
            3 => rows_at::<3>(self.bytes, &mut pos, width, bits, n_rows, table),
            _ => rows_at::<4>(self.bytes, &mut pos, width, bits, n_rows, table),
        };
        self.pos = pos;
        read.map_err(|bad| bad.message(pos))
    }
    /// Errors unless every body byte was read.
    pub fn end(&self) -> Result<(), String> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(format!("{n} trailing bytes")),
        }
    }
}

/// What is wrong where a table's rows are read ([`Reader::rows`]).
#[derive(Debug, Clone, Copy)]
enum Bad {
    Truncated,
    Varint,
    RowIndex,
    ClassMask,
    ZeroWeight,
}

impl Bad {
    /// The message, as the field readers word it, at body byte `pos`.
    fn message(self, pos: usize) -> String {
        match self {
            Bad::Truncated => format!("truncated at byte {pos}"),
            Bad::Varint => format!("bad varint at byte {pos}"),
            Bad::RowIndex => format!("bad row index at byte {pos}"),
            Bad::ClassMask => format!("bad class mask at byte {pos}"),
            Bad::ZeroWeight => format!("zero weight in a class mask at byte {pos}"),
        }
    }
}

/// [`Reader::rows`] for a table of `WORDS` mask words (`width.div_ceil(64)`, 1 to 4),
/// from `bytes[*pos..]` with a local cursor: a value at a time without a call or a
/// `Result` per value (a model holds about a million rows).
#[inline]
fn rows_at<const WORDS: usize>(
    bytes: &[u8],
    pos: &mut usize,
    width: usize,
    bits: u32,
    n_rows: usize,
    table: &mut impl super::table::FillRows,
) -> Result<(), Bad> {
    let len = 1usize << bits;
    // Bits of the last mask word that name no class.
    let beyond = match width % 64 {
        0 => 0,
        r => !0u64 << r,
    };
    let mut r = 0usize;
    for i in 0..n_rows {
        let delta = varint_at(bytes, pos)? as usize;
        r = r
            .checked_add(delta)
            .filter(|&x| x < len && (i == 0 || delta > 0))
            .ok_or(Bad::RowIndex)?;
        let mut masks = [0u64; WORDS];
        for m in masks.iter_mut() {
            *m = varint_at(bytes, pos)?;
        }
        if masks[WORDS - 1] & beyond != 0 || masks.iter().all(|&m| m == 0) {
            return Err(Bad::ClassMask);
        }
        table.begin_row(r);
        for (w, &mask) in masks.iter().enumerate() {
            let mut m = mask;
            while m != 0 {
                let k = w * 64 + m.trailing_zeros() as usize;
                let Some(&pair) = bytes.get(*pos..).and_then(|b| b.first_chunk::<2>()) else {
                    return Err(Bad::Truncated);
                };
                *pos += 2;
                let x = i16::from_le_bytes(pair);
                if x == 0 {
                    return Err(Bad::ZeroWeight);
                }
                table.weight(k, x);
                m &= m - 1;
            }
        }
        table.end_row();
    }
    Ok(())
}

/// The varint at `bytes[*pos..]`, moving `pos` past it (or to where it is bad).
#[inline]
fn varint_at(bytes: &[u8], pos: &mut usize) -> Result<u64, Bad> {
    if let Some(&b) = bytes.get(*pos) {
        if b < 0x80 {
            *pos += 1;
            return Ok(b as u64);
        }
    }
    varint_long(bytes, pos)
}

fn varint_long(bytes: &[u8], pos: &mut usize) -> Result<u64, Bad> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let &b = bytes.get(*pos).ok_or(Bad::Truncated)?;
        *pos += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(Bad::Varint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::SparseTable;

    /// The error of reading a table of width 3 whose one row is written by `row`.
    fn bad_table(rows: u32, row: impl Fn(&mut Writer)) -> String {
        let mut w = Writer::new(b"NGTEST\0\x01", 1);
        w.u32(8);
        w.u32(3);
        w.u32(rows);
        row(&mut w);
        let bytes = w.finish();
        let mut r = Reader::open(&bytes, b"NGTEST\0\x01", 1, "x").unwrap();
        let sparse = r.table(3, 8).unwrap_err();
        let mut r = Reader::open(&bytes, b"NGTEST\0\x01", 1, "x").unwrap();
        assert_eq!(r.packed_table(3, 8).unwrap_err(), sparse);
        sparse
    }

    #[test]
    fn a_bad_table_is_an_error() {
        let zero = bad_table(1, |w| {
            w.varint(5);
            w.varint(0b101);
            w.u16(7);
            w.u16(0);
        });
        assert_eq!(zero, "zero weight in a class mask at byte 30");
        let mask = bad_table(1, |w| {
            w.varint(5);
            w.varint(0b1000);
        });
        assert!(mask.starts_with("bad class mask"), "{mask}");
        let order = bad_table(2, |w| {
            w.varint(5);
            w.varint(1);
            w.u16(7);
            w.varint(0);
        });
        assert!(order.starts_with("bad row index"), "{order}");
        let beyond = bad_table(1, |w| {
            w.varint(300);
        });
        assert!(beyond.starts_with("bad row index"), "{beyond}");
        let short = bad_table(1, |w| {
            w.varint(5);
            w.varint(0b11);
            w.u16(7);
        });
        assert!(short.starts_with("truncated at byte"), "{short}");
        let varint = bad_table(1, |w| w.u8(0x80));
        assert!(varint.starts_with("truncated at byte"), "{varint}");
    }

    #[test]
    fn fields_round_trip_and_damage_is_caught() {
        let mut t = SparseTable::new(8, 70);
        let mut row = vec![0i16; 70];
        row[3] = 5;
        row[69] = -2;
        t.push(4, &row);
        t.push(200, &row);
        let mut w = Writer::new(b"NGTEST\0\x01", 3);
        w.str("héllo");
        w.varint(300);
        w.f32(1.5);
        w.table(&t);
        let bytes = w.finish();
        let mut r = Reader::open(&bytes, b"NGTEST\0\x01", 3, "x").unwrap();
        assert_eq!(r.str().unwrap(), "héllo");
        assert_eq!(r.varint().unwrap(), 300);
        assert_eq!(r.f32().unwrap(), 1.5);
        let back = r.table(70, 10).unwrap();
        r.end().unwrap();
        assert_eq!(back.row(200), Some(&row[..]));
        assert_eq!(back.stored_len(), 2);
        // A packed table writes the same bytes and reads back the same.
        let packed = crate::learn::PackedTable::from_table(&t);
        let mut w2 = Writer::new(b"NGTEST\0\x01", 3);
        w2.str("héllo");
        w2.varint(300);
        w2.f32(1.5);
        w2.packed_table(&packed);
        assert_eq!(w2.finish(), bytes);
        let mut r = Reader::open(&bytes, b"NGTEST\0\x01", 3, "x").unwrap();
        r.str().unwrap();
        r.varint().unwrap();
        r.f32().unwrap();
        assert_eq!(r.packed_table(70, 10).unwrap(), packed);

        assert!(Reader::open(&bytes, b"NGTEST\0\x01", 4, "x")
            .unwrap_err()
            .contains("retrain with `x`"));
        assert!(Reader::open(&bytes, b"NGOTHER\x01", 3, "x").is_err());
        let mut damaged = bytes.clone();
        damaged[14] ^= 1;
        assert!(Reader::open(&damaged, b"NGTEST\0\x01", 3, "x")
            .unwrap_err()
            .contains("checksum"));
    }
}

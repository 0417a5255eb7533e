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
        if bytes.len() < magic.len() + 12 || &bytes[..magic.len()] != magic {
            return Err("bad magic (not this kind of newsgraph model)".into());
        }
        let (body, tail) = bytes.split_at(bytes.len() - 8);
        let stored = u64::from_le_bytes(tail.try_into().map_err(|_| "truncated")?);
        if checksum(body) != stored {
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
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.pos))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    pub fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    pub fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    pub fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("bad varint at byte {}", self.pos))
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
        let mut table: Option<super::SparseTable> = None;
        let mut weights = vec![0i16; width];
        self.rows(width, max_bits, |bits, row, entries| {
            let t = table.get_or_insert_with(|| super::SparseTable::new(bits, width));
            weights.iter_mut().for_each(|w| *w = 0);
            for &(k, w) in entries {
                weights[k] = w;
            }
            if row < usize::MAX {
                t.push(row, &weights);
            }
        })?;
        table.ok_or_else(|| "no table".into())
    }

    /// A table written by [`Writer::table`] or [`Writer::packed_table`], as a
    /// [`super::PackedTable`].
    pub fn packed_table(
        &mut self,
        width: usize,
        max_bits: u32,
    ) -> Result<super::PackedTable, String> {
        let mut table: Option<super::PackedTable> = None;
        self.rows(width, max_bits, |bits, row, entries| {
            let t = table.get_or_insert_with(|| super::PackedTable::new(bits, width));
            if row < usize::MAX {
                t.push(row, entries.iter().copied());
            }
        })?;
        table.ok_or_else(|| "no table".into())
    }

    /// Reads a table's rows, checked, and hands each to `row(bits, index, entries)` with
    /// its (class, weight) pairs in class order; first once with index `usize::MAX` and
    /// no entries, so that an empty table is still made.
    fn rows(
        &mut self,
        width: usize,
        max_bits: u32,
        mut row: impl FnMut(u32, usize, &[(usize, i16)]),
    ) -> Result<(), String> {
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
        row(bits, usize::MAX, &[]);
        let len = 1usize << bits;
        let words = width.div_ceil(64);
        if words > 4 {
            return Err("table too wide".into());
        }
        // Bits of the last mask word that name no class.
        let beyond = match width % 64 {
            0 => 0,
            r => !0u64 << r,
        };
        let mut r = 0usize;
        let mut entries: Vec<(usize, i16)> = Vec::with_capacity(width);
        for i in 0..n_rows {
            let delta = self.varint()? as usize;
            r = r
                .checked_add(delta)
                .filter(|&x| x < len && (i == 0 || delta > 0))
                .ok_or_else(|| format!("bad row index at byte {}", self.pos))?;
            let mut masks = [0u64; 4];
            for m in masks.iter_mut().take(words) {
                *m = self.varint()?;
            }
            if masks[words - 1] & beyond != 0 || masks.iter().all(|&m| m == 0) {
                return Err(format!("bad class mask at byte {}", self.pos));
            }
            entries.clear();
            for (w, &mask) in masks.iter().enumerate().take(words) {
                let mut m = mask;
                while m != 0 {
                    let k = w * 64 + m.trailing_zeros() as usize;
                    let x = self.u16()? as i16;
                    if x == 0 {
                        return Err(format!("zero weight in a class mask at byte {}", self.pos));
                    }
                    entries.push((k, x));
                    m &= m - 1;
                }
            }
            row(bits, r, &entries);
        }
        Ok(())
    }
    /// Errors unless every body byte was read.
    pub fn end(&self) -> Result<(), String> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(format!("{n} trailing bytes")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::SparseTable;

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

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
        let mut table = super::SparseTable::new(bits, width);
        let words = width.div_ceil(64);
        let mut row = 0usize;
        let mut weights = vec![0i16; width];
        for i in 0..n_rows {
            let delta = self.varint()? as usize;
            row = row
                .checked_add(delta)
                .filter(|&x| x < table.len() && (i == 0 || delta > 0))
                .ok_or_else(|| format!("bad row index at byte {}", self.pos))?;
            weights.iter_mut().for_each(|w| *w = 0);
            let mut masks = [0u64; 4];
            if words > masks.len() {
                return Err("table too wide".into());
            }
            for m in masks.iter_mut().take(words) {
                *m = self.varint()?;
            }
            for (k, w) in weights.iter_mut().enumerate() {
                if masks[k / 64] >> (k % 64) & 1 == 1 {
                    *w = self.u16()? as i16;
                }
            }
            let beyond = (width..words * 64).any(|k| masks[k / 64] >> (k % 64) & 1 == 1);
            if beyond || weights.iter().all(|&w| w == 0) {
                return Err(format!("bad class mask at byte {}", self.pos));
            }
            table.push(row, &weights);
        }
        Ok(table)
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

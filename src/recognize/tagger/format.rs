//! The model file: little-endian, sparse, checksummed.
//!
//! ```text
//! magic "NGNER\0\0\x01"  u32 feature_version  u32 bits  f32 scale  f32 temperature
//! u32 decoder (0 greedy, 1 Viterbi)
//! u32 n_words   n_words x (u64 lowercase-word hash, u16 packed statistics), keys ascending
//! u32 n_rows    n_rows x (varint bucket delta, u16 mask of non-zero tags, i16 per set bit)
//! u64 checksum (FNV-1a of everything before it)
//! ```

use super::features::{KeyMap, FEATURE_VERSION};
use super::table::SparseTable;
use super::{Decoder, Tagger, NUM_TAGS};

const MAGIC: &[u8; 8] = b"NGNER\0\0\x01";
const MAX_BITS: u32 = 26;

fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub(super) fn write(t: &Tagger) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
    out.extend_from_slice(&t.table.bits().to_le_bytes());
    out.extend_from_slice(&t.scale.to_le_bytes());
    out.extend_from_slice(&t.temperature.to_le_bytes());
    let decoder: u32 = match t.decoder {
        Decoder::Greedy => 0,
        Decoder::Viterbi => 1,
    };
    out.extend_from_slice(&decoder.to_le_bytes());

    let mut words: Vec<(u64, u16)> = t.stats.iter().map(|(&k, &v)| (k, v)).collect();
    words.sort_unstable();
    out.extend_from_slice(&(words.len() as u32).to_le_bytes());
    for (k, v) in words {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }

    let rows: Vec<(usize, &[i16])> = t.table.stored_rows().collect();
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let mut last = 0usize;
    for (r, row) in rows {
        write_varint(&mut out, (r - last) as u64);
        last = r;
        let mask: u16 = row
            .iter()
            .enumerate()
            .filter(|(_, &w)| w != 0)
            .fold(0, |m, (k, _)| m | 1 << k);
        out.extend_from_slice(&mask.to_le_bytes());
        for &w in row.iter().filter(|&&w| w != 0) {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
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
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    fn varint(&mut self) -> Result<u64, String> {
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
}

pub(super) fn read(bytes: &[u8]) -> Result<Tagger, String> {
    if bytes.len() < MAGIC.len() + 8 || &bytes[..MAGIC.len()] != MAGIC {
        return Err("not a newsgraph NER model (bad magic)".into());
    }
    let (body, tail) = bytes.split_at(bytes.len() - 8);
    let stored = u64::from_le_bytes(tail.try_into().map_err(|_| "truncated")?);
    if checksum(body) != stored {
        return Err("checksum mismatch (file damaged)".into());
    }
    let mut r = Reader {
        bytes: body,
        pos: MAGIC.len(),
    };
    let version = r.u32()?;
    if version != FEATURE_VERSION {
        return Err(format!(
            "feature version {version}, this build reads {FEATURE_VERSION}: retrain with `newsgraph train-ner`"
        ));
    }
    let bits = r.u32()?;
    if !(8..=MAX_BITS).contains(&bits) {
        return Err(format!("bad hash size 2^{bits}"));
    }
    let scale = r.f32()?;
    let temperature = r.f32()?;
    if !scale.is_finite() || !temperature.is_finite() || temperature <= 0.0 {
        return Err("bad scale or temperature".into());
    }
    let decoder = match r.u32()? {
        0 => Decoder::Greedy,
        1 => Decoder::Viterbi,
        d => return Err(format!("unknown decoder {d}")),
    };
    let n_words = r.u32()? as usize;
    if n_words > body.len() / 10 {
        return Err("word table larger than the file".into());
    }
    let mut stats = KeyMap::default();
    stats.reserve(n_words);
    for _ in 0..n_words {
        let k = r.u64()?;
        let v = r.u16()?;
        stats.insert(k, v);
    }
    let n_rows_total = 1usize << bits;
    let mut table = SparseTable::new(bits);
    let n_rows = r.u32()? as usize;
    let mut row = 0usize;
    for i in 0..n_rows {
        let delta = r.varint()? as usize;
        row = row
            .checked_add(delta)
            .filter(|&x| x < n_rows_total && (i == 0 || delta > 0))
            .ok_or_else(|| format!("bad row index at byte {}", r.pos))?;
        let mask = r.u16()?;
        if mask == 0 || mask >> NUM_TAGS != 0 {
            return Err(format!("bad tag mask at byte {}", r.pos));
        }
        let mut weights = [0i16; NUM_TAGS];
        for (k, w) in weights.iter_mut().enumerate() {
            if mask & (1 << k) != 0 {
                *w = r.u16()? as i16;
            }
        }
        table.push(row, &weights);
    }
    if r.pos != body.len() {
        return Err(format!("{} trailing bytes", body.len() - r.pos));
    }
    Ok(Tagger {
        table,
        scale,
        temperature,
        decoder,
        stats,
    })
}

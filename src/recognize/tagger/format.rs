//! The NER model file, in the shared container of [`crate::learn::format`] (magic,
//! version, body, FNV-1a checksum):
//!
//! ```text
//! magic "NGNER\0\0\x01"  u32 feature_version  u32 bits  f32 scale  f32 temperature
//! u32 decoder (0 greedy, 1 Viterbi)
//! u32 n_words   n_words x (u64 lowercase-word hash, u16 packed statistics), keys ascending
//! word clusters (crate::learn::clusters::Clusters::write; empty when trained without)
//! u32 n_rows    n_rows x (varint bucket delta, u16 mask of non-zero tags, i16 per set bit)
//! u64 checksum (FNV-1a of everything before it)
//! ```

use super::features::{KeyMap, FEATURE_VERSION};
use super::{Decoder, Tagger, NUM_TAGS};
use crate::learn::clusters::Clusters;
use crate::learn::format::{Reader, Writer};
use crate::learn::SparseTable;

const MAGIC: &[u8; 8] = b"NGNER\0\0\x01";
const MAX_BITS: u32 = 26;

pub(super) fn write(t: &Tagger) -> Vec<u8> {
    let mut out = Writer::new(MAGIC, FEATURE_VERSION);
    out.u32(t.table.bits());
    out.f32(t.scale);
    out.f32(t.temperature);
    out.u32(match t.decoder {
        Decoder::Greedy => 0,
        Decoder::Viterbi => 1,
    });

    let mut words: Vec<(u64, u16)> = t.stats.iter().map(|(&k, &v)| (k, v)).collect();
    words.sort_unstable();
    out.u32(words.len() as u32);
    for (k, v) in words {
        out.u64(k);
        out.u16(v);
    }
    t.clusters.write(&mut out);

    let rows: Vec<(usize, &[i16])> = t.table.stored_rows().collect();
    out.u32(rows.len() as u32);
    let mut last = 0usize;
    for (r, row) in rows {
        out.varint((r - last) as u64);
        last = r;
        let mask: u16 = row
            .iter()
            .enumerate()
            .filter(|(_, &w)| w != 0)
            .fold(0, |m, (k, _)| m | 1 << k);
        out.u16(mask);
        for &w in row.iter().filter(|&&w| w != 0) {
            out.u16(w as u16);
        }
    }
    out.finish()
}

/// Reads a model file; `builtin`: bytes compiled into the binary, whose checksum a test
/// checks ([`Reader::open_builtin`]).
pub(super) fn read(bytes: &[u8], builtin: bool) -> Result<Tagger, String> {
    let open = if builtin {
        Reader::open_builtin
    } else {
        Reader::open
    };
    let mut r = open(bytes, MAGIC, FEATURE_VERSION, "newsgraph train-ner")?;
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
    if n_words > r.remaining() / 10 {
        return Err("word table larger than the file".into());
    }
    let mut stats = KeyMap::default();
    stats.reserve(n_words);
    for _ in 0..n_words {
        let k = r.u64()?;
        let v = r.u16()?;
        stats.insert(k, v);
    }
    let clusters = Clusters::read(&mut r)?;
    let mut table = SparseTable::new(bits, NUM_TAGS);
    let n_rows_total = table.len();
    let n_rows = r.u32()? as usize;
    let mut row = 0usize;
    for i in 0..n_rows {
        let delta = r.varint()? as usize;
        row = row
            .checked_add(delta)
            .filter(|&x| x < n_rows_total && (i == 0 || delta > 0))
            .ok_or_else(|| format!("bad row index at byte {}", r.pos()))?;
        let mask = r.u16()?;
        if mask == 0 || mask >> NUM_TAGS != 0 {
            return Err(format!("bad tag mask at byte {}", r.pos()));
        }
        let mut weights = [0i16; NUM_TAGS];
        for (k, w) in weights.iter_mut().enumerate() {
            if mask & (1 << k) != 0 {
                *w = r.u16()? as i16;
            }
        }
        table.push(row, &weights);
    }
    r.end()?;
    Ok(Tagger {
        table,
        scale,
        temperature,
        decoder,
        stats,
        clusters,
        id: super::next_model_id(),
    })
}

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
use crate::learn::{FillRows, SparseFill, SparseTable};

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
/// The weight rows, the rest of the file (`body`): per row a varint row delta, a u16 mask
/// of tags, and an i16 per tag in the mask. Read with a local cursor, into a table sized
/// once (there are about a hundred thousand rows). An error is its message's start and
/// the body offset it names ("trailing": rows end before the body does).
fn read_rows(body: &[u8], bits: u32, n_rows: usize) -> Result<SparseTable, (&'static str, usize)> {
    let n_rows_total = 1usize << bits;
    let mut table = SparseFill::new(bits, NUM_TAGS, n_rows.min(body.len() / 3));
    let u16_at = |pos: &mut usize| -> Result<u16, (&'static str, usize)> {
        let pair = body.get(*pos..).and_then(|b| b.first_chunk::<2>());
        let pair = pair.ok_or(("truncated", *pos))?;
        *pos += 2;
        Ok(u16::from_le_bytes(*pair))
    };
    let mut pos = 0usize;
    let mut row = 0usize;
    for i in 0..n_rows {
        let delta = match body.get(pos) {
            Some(&b) if b < 0x80 => {
                pos += 1;
                b as usize
            }
            _ => {
                let mut v = 0u64;
                let mut done = false;
                for shift in (0..64).step_by(7) {
                    let &b = body.get(pos).ok_or(("truncated", pos))?;
                    pos += 1;
                    v |= ((b & 0x7f) as u64) << shift;
                    if b & 0x80 == 0 {
                        done = true;
                        break;
                    }
                }
                if !done {
                    return Err(("bad varint", pos));
                }
                v as usize
            }
        };
        row = row
            .checked_add(delta)
            .filter(|&x| x < n_rows_total && (i == 0 || delta > 0))
            .ok_or(("bad row index", pos))?;
        let mask = u16_at(&mut pos)?;
        if mask == 0 || mask >> NUM_TAGS != 0 {
            return Err(("bad tag mask", pos));
        }
        table.begin_row(row);
        let mut m = mask;
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            table.weight(k, u16_at(&mut pos)? as i16);
            m &= m - 1;
        }
        table.end_row();
    }
    if pos != body.len() {
        return Err(("trailing", pos));
    }
    Ok(table.finish())
}

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
    let n_rows = r.u32()? as usize;
    let base = r.pos();
    let body = r.take(r.remaining())?;
    let table = read_rows(body, bits, n_rows).map_err(|(what, at)| match what {
        "trailing" => format!("{} trailing bytes", body.len() - at),
        what => format!("{what} at byte {}", base + at),
    })?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_rows_read_back_and_bad_ones_name_their_byte() {
        // Row 5: tags 0 and 1; row 7 (delta 2): tag 8.
        let body = [5, 0x03, 0, 16, 0, 0xff, 0xff, 2, 0, 1, 7, 0];
        let t = read_rows(&body, 8, 2).unwrap();
        let rows: Vec<(usize, Vec<i16>)> = t.stored_rows().map(|(r, w)| (r, w.to_vec())).collect();
        assert_eq!(
            rows,
            [
                (5, vec![16, -1, 0, 0, 0, 0, 0, 0, 0]),
                (7, vec![0, 0, 0, 0, 0, 0, 0, 0, 7])
            ]
        );
        assert_eq!(read_rows(&body[..4], 8, 1).unwrap_err(), ("truncated", 3));
        assert_eq!(
            read_rows(&[5, 0, 0], 8, 1).unwrap_err(),
            ("bad tag mask", 3)
        );
        assert_eq!(
            read_rows(&[5, 0, 2], 8, 1).unwrap_err(),
            ("bad tag mask", 3)
        );
        assert_eq!(read_rows(&body, 8, 1).unwrap_err(), ("trailing", 7));
        assert_eq!(
            read_rows(&[5, 1, 0, 1, 0, 0], 8, 2).unwrap_err(),
            ("bad row index", 6)
        );
        assert_eq!(
            read_rows(&[0xff; 12], 8, 1).unwrap_err(),
            ("bad varint", 10)
        );
        assert_eq!(read_rows(&[0x80], 8, 1).unwrap_err(), ("truncated", 1));
        // The built-in model reads back as written.
        let builtin = Tagger::builtin().unwrap();
        let again = Tagger::from_bytes(&builtin.to_bytes()).unwrap();
        assert_eq!(again.to_bytes(), builtin.to_bytes());
    }
}

//! The weight table at run time: only the rows of a hashed `2^bits`-row table that hold a
//! non-zero weight, found through a presence bitmap with running counts (a rank index).
//!
//! A trained model fills a few percent of its rows, so the bitmap (one bit per row) and
//! the packed rows together stay small and cache-friendly where the dense table would
//! not; a feature whose row is empty costs one bitmap probe and no row load.

#[derive(Debug, Clone, Copy, Default)]
struct Block {
    /// Bit `b` set: row `64 * block + b` is stored.
    present: u64,
    /// Rows stored before this block (meaningful once `present != 0`).
    before: u32,
}

/// `2^bits` rows of `width` quantized weights (one per class), mostly empty.
#[derive(Debug, Clone)]
pub struct SparseTable {
    bits: u32,
    width: usize,
    blocks: Vec<Block>,
    rows: Vec<i16>,
}

impl SparseTable {
    /// An empty table of `2^bits` rows; fill it with [`SparseTable::push`] in row order.
    pub fn new(bits: u32, width: usize) -> SparseTable {
        SparseTable {
            bits,
            width,
            blocks: vec![Block::default(); (1usize << bits).div_ceil(64)],
            rows: Vec::new(),
        }
    }

    /// Keeps the non-zero rows of a dense `2^bits x width` table.
    pub fn from_dense(bits: u32, width: usize, dense: &[i16]) -> SparseTable {
        let mut t = SparseTable::new(bits, width);
        for (r, row) in dense.chunks_exact(width).enumerate() {
            if row.iter().any(|&w| w != 0) {
                t.push(r, row);
            }
        }
        t
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Weights per row (the number of classes).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Number of rows, `2^bits`.
    pub fn len(&self) -> usize {
        1usize << self.bits
    }

    /// True when no row is stored.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Appends row `r`, which must come after every row pushed so far.
    pub fn push(&mut self, r: usize, row: &[i16]) {
        debug_assert!(r < self.len() && row.len() == self.width);
        let (b, bit) = (r / 64, r % 64);
        debug_assert!(self.blocks[b].present >> bit == 0, "rows out of order");
        if self.blocks[b].present == 0 {
            // `before` is read only for blocks that hold a row.
            self.blocks[b].before = (self.rows.len() / self.width) as u32;
        }
        self.blocks[b].present |= 1 << bit;
        self.rows.extend_from_slice(row);
    }

    /// The weights of row `r`, if any is non-zero.
    #[inline]
    pub fn row(&self, r: u32) -> Option<&[i16]> {
        let block = self.blocks.get(r as usize / 64)?;
        let bit = r % 64;
        if (block.present >> bit) & 1 == 0 {
            return None;
        }
        let below = block.present & ((1u64 << bit) - 1);
        let i = (block.before + below.count_ones()) as usize * self.width;
        self.rows.get(i..i + self.width)
    }

    /// Adds the rows of `features` into `acc` (one entry per class).
    #[inline]
    pub fn accumulate(&self, features: &[u32], acc: &mut [i32]) {
        for &f in features {
            if let Some(row) = self.row(f) {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w as i32;
                }
            }
        }
    }

    /// The stored rows with their indexes, in order.
    pub fn stored_rows(&self) -> impl Iterator<Item = (usize, &[i16])> + '_ {
        let mut chunks = self.rows.chunks_exact(self.width);
        self.blocks
            .iter()
            .enumerate()
            .flat_map(|(b, block)| {
                (0..64)
                    .filter(move |bit| block.present >> bit & 1 == 1)
                    .map(move |bit| b * 64 + bit)
            })
            .map(move |r| (r, chunks.next().unwrap_or(&[])))
    }

    pub fn nonzero_weights(&self) -> usize {
        self.rows.iter().filter(|&&w| w != 0).count()
    }

    /// Stored rows.
    pub fn stored_len(&self) -> usize {
        self.rows.len() / self.width.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_found_where_they_were_put() {
        let (bits, width) = (10, 9);
        let mut dense = vec![0i16; (1 << bits) * width];
        for (n, r) in [0usize, 1, 63, 64, 200, 640, 1023].into_iter().enumerate() {
            dense[r * width + n % width] = n as i16 + 1;
        }
        let t = SparseTable::from_dense(bits, width, &dense);
        for r in 0..(1 << bits) {
            let want = &dense[r * width..(r + 1) * width];
            match t.row(r as u32) {
                Some(row) => assert_eq!(row, want, "row {r}"),
                None => assert!(want.iter().all(|&w| w == 0), "row {r}"),
            }
        }
        let stored: Vec<usize> = t.stored_rows().map(|(r, _)| r).collect();
        assert_eq!(stored, vec![0, 1, 63, 64, 200, 640, 1023]);
        assert_eq!(t.nonzero_weights(), 7);
        assert_eq!(t.stored_len(), 7);
        let mut acc = vec![0i32; width];
        t.accumulate(&[0, 1, 5], &mut acc);
        assert_eq!(&acc[..3], &[1, 2, 0]);
    }
}

//! The weight table at run time: only the rows of the hashed table that hold a non-zero
//! weight, found through a presence bitmap with running counts (a rank index).
//!
//! A trained model fills a few percent of its `2^bits` rows, so the bitmap (one bit per
//! row) and the packed rows together fit in a core's L2 cache, where the dense table
//! would not; a feature whose row is empty costs one bitmap probe and no row load.

use super::NUM_TAGS;

#[derive(Debug, Clone, Copy, Default)]
struct Block {
    /// Bit `b` set: row `64 * block + b` is stored.
    present: u64,
    /// Rows stored before this block (meaningful once `present != 0`).
    before: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct SparseTable {
    bits: u32,
    blocks: Vec<Block>,
    rows: Vec<i16>,
}

impl SparseTable {
    /// An empty table of `2^bits` rows; fill it with [`SparseTable::push`] in row order.
    pub fn new(bits: u32) -> SparseTable {
        SparseTable {
            bits,
            blocks: vec![Block::default(); (1usize << bits).div_ceil(64)],
            rows: Vec::new(),
        }
    }

    /// Keeps the non-zero rows of a dense `2^bits x NUM_TAGS` table.
    pub fn from_dense(bits: u32, dense: &[i16]) -> SparseTable {
        let mut t = SparseTable::new(bits);
        for (r, row) in dense.chunks_exact(NUM_TAGS).enumerate() {
            if row.iter().any(|&w| w != 0) {
                t.push(r, row);
            }
        }
        t
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Number of rows, `2^bits`.
    pub fn len(&self) -> usize {
        1usize << self.bits
    }

    /// Appends row `r`, which must come after every row pushed so far.
    pub fn push(&mut self, r: usize, row: &[i16]) {
        debug_assert!(r < self.len() && row.len() == NUM_TAGS);
        let (b, bit) = (r / 64, r % 64);
        debug_assert!(self.blocks[b].present >> bit == 0, "rows out of order");
        if self.blocks[b].present == 0 {
            // `before` is read only for blocks that hold a row.
            self.blocks[b].before = (self.rows.len() / NUM_TAGS) as u32;
        }
        self.blocks[b].present |= 1 << bit;
        self.rows.extend_from_slice(row);
    }

    /// The weights of row `r`, if any is non-zero.
    #[inline]
    pub fn row(&self, r: u32) -> Option<&[i16]> {
        let block = self.blocks[r as usize / 64];
        let bit = r % 64;
        if (block.present >> bit) & 1 == 0 {
            return None;
        }
        let below = block.present & ((1u64 << bit) - 1);
        let i = (block.before + below.count_ones()) as usize * NUM_TAGS;
        self.rows.get(i..i + NUM_TAGS)
    }

    /// The stored rows with their indexes, in order.
    pub fn stored_rows(&self) -> impl Iterator<Item = (usize, &[i16])> + '_ {
        let mut chunks = self.rows.chunks_exact(NUM_TAGS);
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_found_where_they_were_put() {
        let bits = 10;
        let mut dense = vec![0i16; (1 << bits) * NUM_TAGS];
        for (n, r) in [0usize, 1, 63, 64, 200, 640, 1023].into_iter().enumerate() {
            dense[r * NUM_TAGS + n % NUM_TAGS] = n as i16 + 1;
        }
        let t = SparseTable::from_dense(bits, &dense);
        for r in 0..(1 << bits) {
            let want = &dense[r * NUM_TAGS..(r + 1) * NUM_TAGS];
            match t.row(r as u32) {
                Some(row) => assert_eq!(row, want, "row {r}"),
                None => assert!(want.iter().all(|&w| w == 0), "row {r}"),
            }
        }
        let stored: Vec<usize> = t.stored_rows().map(|(r, _)| r).collect();
        assert_eq!(stored, vec![0, 1, 63, 64, 200, 640, 1023]);
        assert_eq!(t.nonzero_weights(), 7);
    }
}

//! The weight tables at run time: only the rows of a hashed `2^bits`-row table that hold a
//! non-zero weight, found through a presence bitmap with running counts (a rank index,
//! [`RowIndex`]).
//!
//! A trained model fills a few percent of its rows, so the bitmap (one bit per row) and
//! the packed rows together stay small and cache-friendly where the dense table would
//! not; a feature whose row is empty costs one bitmap probe and no row load. A
//! [`SparseTable`] keeps every weight of a stored row (few classes: the parser's three
//! moves, the UPOS tagger's 17 tags); a [`PackedTable`] keeps only the non-zero ones
//! (many classes, few of them non-zero per row: the labeller's 58 relations).

#[derive(Debug, Clone, Copy, Default)]
struct Block {
    /// Bit `b` set: row `64 * block + b` is stored.
    present: u64,
    /// Rows stored before this block (meaningful once `present != 0`).
    before: u32,
}

/// Which of `2^bits` rows are stored, and the rank of each among them.
#[derive(Debug, Clone)]
struct RowIndex {
    bits: u32,
    blocks: Vec<Block>,
    stored: usize,
}

impl PartialEq for RowIndex {
    fn eq(&self, o: &RowIndex) -> bool {
        self.bits == o.bits
            && self.stored == o.stored
            && self.blocks.len() == o.blocks.len()
            && self
                .blocks
                .iter()
                .zip(&o.blocks)
                .all(|(a, b)| a.present == b.present && (a.present == 0 || a.before == b.before))
    }
}

impl RowIndex {
    fn new(bits: u32) -> RowIndex {
        RowIndex {
            bits,
            blocks: vec![Block::default(); (1usize << bits).div_ceil(64)],
            stored: 0,
        }
    }

    /// Marks row `r`, which must come after every row marked so far, as stored.
    fn push(&mut self, r: usize) {
        debug_assert!(r < 1usize << self.bits);
        let (b, bit) = (r / 64, r % 64);
        debug_assert!(self.blocks[b].present >> bit == 0, "rows out of order");
        if self.blocks[b].present == 0 {
            // `before` is read only for blocks that hold a row.
            self.blocks[b].before = self.stored as u32;
        }
        self.blocks[b].present |= 1 << bit;
        self.stored += 1;
    }

    /// The rank of row `r` among the stored rows, if it is stored.
    #[inline]
    fn rank(&self, r: u32) -> Option<usize> {
        let block = self.blocks.get(r as usize / 64)?;
        let bit = r % 64;
        if (block.present >> bit) & 1 == 0 {
            return None;
        }
        let below = block.present & ((1u64 << bit) - 1);
        Some((block.before + below.count_ones()) as usize)
    }

    /// The stored rows' indexes, in order.
    fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.blocks.iter().enumerate().flat_map(|(b, block)| {
            (0..64)
                .filter(move |bit| block.present >> bit & 1 == 1)
                .map(move |bit| b * 64 + bit)
        })
    }
}

/// A table being filled from a model file ([`super::format::Reader`]): each stored row in
/// row order, [`FillRows::begin_row`] then its non-zero weights in class order (classes
/// below the width, checked by the reader), then [`FillRows::end_row`].
pub(crate) trait FillRows {
    fn begin_row(&mut self, r: usize);
    fn weight(&mut self, class: usize, w: i16);
    fn end_row(&mut self);
}

/// `2^bits` rows of `width` quantized weights (one per class), mostly empty.
#[derive(Debug, Clone)]
pub struct SparseTable {
    width: usize,
    index: RowIndex,
    rows: Vec<i16>,
}

impl SparseTable {
    /// An empty table of `2^bits` rows; fill it with [`SparseTable::push`] in row order.
    pub fn new(bits: u32, width: usize) -> SparseTable {
        SparseTable {
            width,
            index: RowIndex::new(bits),
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
        self.index.bits
    }

    /// Weights per row (the number of classes).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Number of rows, `2^bits`.
    pub fn len(&self) -> usize {
        1usize << self.index.bits
    }

    /// True when no row is stored.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Appends row `r`, which must come after every row pushed so far.
    pub fn push(&mut self, r: usize, row: &[i16]) {
        debug_assert!(row.len() == self.width);
        self.index.push(r);
        self.rows.extend_from_slice(row);
    }

    /// The weights of row `r`, if any is non-zero.
    #[inline]
    pub fn row(&self, r: u32) -> Option<&[i16]> {
        let i = self.index.rank(r)? * self.width;
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

    /// [`SparseTable::accumulate`] for a table whose width is known at compile time
    /// (`W == self.width()`), which lets the additions unroll.
    #[inline]
    pub fn accumulate_fixed<const W: usize>(&self, features: &[u32], acc: &mut [i32; W]) {
        debug_assert_eq!(W, self.width);
        for &f in features {
            let Some(k) = self.index.rank(f) else {
                continue;
            };
            let Some(row) = self.rows.get(k * W..k * W + W) else {
                continue;
            };
            let Ok(row) = <&[i16; W]>::try_from(row) else {
                continue;
            };
            if W < 8 {
                for (a, &r) in acc.iter_mut().zip(row) {
                    *a += r as i32;
                }
                continue;
            }
            // In runs of eight, which the compiler turns into vector additions.
            let (acc8, acc_rest) = acc.split_at_mut(W / 8 * 8);
            let (row8, row_rest) = row.split_at(W / 8 * 8);
            for (a, r) in acc8.chunks_exact_mut(8).zip(row8.chunks_exact(8)) {
                for k in 0..8 {
                    a[k] += r[k] as i32;
                }
            }
            for (a, &r) in acc_rest.iter_mut().zip(row_rest) {
                *a += r as i32;
            }
        }
    }

    /// The stored rows with their indexes, in order.
    pub fn stored_rows(&self) -> impl Iterator<Item = (usize, &[i16])> + '_ {
        self.index.rows().zip(self.rows.chunks_exact(self.width))
    }

    pub fn nonzero_weights(&self) -> usize {
        self.rows.iter().filter(|&&w| w != 0).count()
    }

    /// Stored rows.
    pub fn stored_len(&self) -> usize {
        self.index.stored
    }
}

/// A [`SparseTable`] being filled from a model file whose number of stored rows is known:
/// the rows' memory is allocated zeroed once, and each weight is stored in place.
#[derive(Debug)]
pub(crate) struct SparseFill {
    table: SparseTable,
    /// Where the row being filled starts in `table.rows`.
    at: usize,
}

impl SparseFill {
    /// Room for `rows` stored rows of a `2^bits x width` table.
    pub(crate) fn new(bits: u32, width: usize, rows: usize) -> SparseFill {
        let mut table = SparseTable::new(bits, width);
        table.rows = vec![0; rows.saturating_mul(width)];
        SparseFill { table, at: 0 }
    }

    /// The table of the rows filled.
    pub(crate) fn finish(mut self) -> SparseTable {
        let t = &mut self.table;
        t.rows.truncate(t.index.stored * t.width);
        self.table
    }
}

impl FillRows for SparseFill {
    #[inline]
    fn begin_row(&mut self, r: usize) {
        let t = &mut self.table;
        self.at = t.index.stored * t.width;
        t.index.push(r);
        if t.rows.len() < self.at + t.width {
            t.rows.resize(self.at + t.width, 0);
        }
    }
    #[inline]
    fn weight(&mut self, class: usize, w: i16) {
        if let Some(x) = self.table.rows.get_mut(self.at + class) {
            *x = w;
        }
    }
    #[inline]
    fn end_row(&mut self) {}
}

/// A table like [`SparseTable`] whose rows keep only their non-zero weights, as (class,
/// weight) pairs: for tables with many classes and few non-zero weights per row (the
/// labeller's 58 relations) it is several times smaller in memory, which on EWT dev made
/// the whole syntax layer faster even though adding a row takes more instructions.
///
/// The few rows with many non-zero weights (features of tags alone, which most states
/// read) can also be kept whole ([`PackedTable::densify`]): adding 64 weights in vector
/// registers costs fewer instructions than adding a dozen pairs one by one.
#[derive(Debug, Clone)]
pub struct PackedTable {
    width: usize,
    index: RowIndex,
    /// Stored row k has entries `entries[starts[k]..starts[k + 1]]`.
    starts: Vec<u32>,
    /// Class in the high 16 bits, weight (as u16) in the low 16.
    entries: Vec<u32>,
    /// Per stored row, its place in `dense`, or [`NOT_DENSE`] (empty until
    /// [`PackedTable::densify`]).
    dense_at: Vec<u32>,
    /// Rows kept whole, 64 weights each (zero beyond the width).
    dense: Vec<[i16; 64]>,
}

/// A row of a [`PackedTable`] not kept whole.
const NOT_DENSE: u32 = u32::MAX;

/// Equal when they hold the same weights (whether rows are also kept whole does not
/// count).
impl PartialEq for PackedTable {
    fn eq(&self, o: &PackedTable) -> bool {
        self.width == o.width
            && self.index == o.index
            && self.starts == o.starts
            && self.entries == o.entries
    }
}

impl PackedTable {
    /// An empty table of `2^bits` rows of `width` classes; fill it with
    /// [`PackedTable::push`] in row order.
    pub fn new(bits: u32, width: usize) -> PackedTable {
        PackedTable {
            width,
            index: RowIndex::new(bits),
            starts: vec![0],
            entries: Vec::new(),
            dense_at: Vec::new(),
            dense: Vec::new(),
        }
    }

    /// Also keeps whole every row with at least `min_entries` non-zero weights, which
    /// [`PackedTable::accumulate`] then adds in vector registers (the sums are the same).
    /// Returns how many rows are kept whole.
    pub fn densify(&mut self, min_entries: usize) -> usize {
        debug_assert!(self.width <= 64);
        self.dense.clear();
        self.dense_at.clear();
        for w in self.starts.windows(2) {
            let entries = &self.entries[w[0] as usize..w[1] as usize];
            if entries.len() < min_entries {
                self.dense_at.push(NOT_DENSE);
                continue;
            }
            let mut row = [0i16; 64];
            for &e in entries {
                row[(e >> 16) as usize & 63] = e as u16 as i16;
            }
            self.dense_at.push(self.dense.len() as u32);
            self.dense.push(row);
        }
        self.dense.len()
    }

    /// An empty table with room for `rows` stored rows.
    pub fn with_capacity(bits: u32, width: usize, rows: usize) -> PackedTable {
        let mut t = PackedTable::new(bits, width);
        t.starts.reserve_exact(rows);
        t
    }

    /// The non-zero weights of `t`.
    pub fn from_table(t: &SparseTable) -> PackedTable {
        let mut p = PackedTable::new(t.bits(), t.width());
        for (r, row) in t.stored_rows() {
            p.push(
                r,
                row.iter()
                    .enumerate()
                    .filter(|(_, &w)| w != 0)
                    .map(|(k, &w)| (k, w)),
            );
        }
        p
    }

    pub fn bits(&self) -> u32 {
        self.index.bits
    }

    /// Classes per row.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Number of rows, `2^bits`.
    pub fn len(&self) -> usize {
        1usize << self.index.bits
    }

    /// True when no row is stored.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Appends row `r` (after every row pushed so far) with its non-zero weights as
    /// (class, weight), classes ascending. A row without weights is not stored.
    pub fn push(&mut self, r: usize, weights: impl Iterator<Item = (usize, i16)>) {
        let before = self.entries.len();
        for (k, w) in weights {
            debug_assert!(k < self.width && w != 0);
            self.entries.push((k as u32) << 16 | w as u16 as u32);
        }
        if self.entries.len() > before {
            self.index.push(r);
            self.starts.push(self.entries.len() as u32);
        }
    }

    /// Adds the rows of `features` into 64 sums, whatever the width (at most 64): no
    /// class index needs a bounds check.
    #[inline]
    pub fn accumulate(&self, features: &[u32], acc: &mut [i32; 64]) {
        debug_assert!(self.width <= 64);
        for &f in features {
            let Some(k) = self.index.rank(f) else {
                continue;
            };
            if let Some(row) = self
                .dense_at
                .get(k)
                .and_then(|&d| self.dense.get(d as usize))
            {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w as i32;
                }
                continue;
            }
            if let (Some(&a), Some(&b)) = (self.starts.get(k), self.starts.get(k + 1)) {
                for &e in self.entries.get(a as usize..b as usize).unwrap_or(&[]) {
                    acc[(e >> 16) as usize & 63] += e as u16 as i16 as i32;
                }
            }
        }
    }

    /// The stored rows with their indexes and (class, weight) pairs, in order.
    pub fn stored_rows(
        &self,
    ) -> impl Iterator<Item = (usize, impl Iterator<Item = (usize, i16)> + '_)> + '_ {
        self.index
            .rows()
            .zip(self.starts.windows(2))
            .map(move |(r, w)| {
                let entries = &self.entries[w[0] as usize..w[1] as usize];
                (
                    r,
                    entries
                        .iter()
                        .map(|&x| ((x >> 16) as usize, x as u16 as i16)),
                )
            })
    }

    /// Stored rows.
    pub fn stored_len(&self) -> usize {
        self.index.stored
    }

    /// Non-zero weights.
    pub fn nonzero_weights(&self) -> usize {
        self.entries.len()
    }
}

impl FillRows for PackedTable {
    #[inline]
    fn begin_row(&mut self, r: usize) {
        self.index.push(r);
    }
    #[inline]
    fn weight(&mut self, class: usize, w: i16) {
        self.entries.push((class as u32) << 16 | w as u16 as u32);
    }
    #[inline]
    fn end_row(&mut self) {
        self.starts.push(self.entries.len() as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_table_holds_what_the_sparse_one_does() {
        let (bits, width) = (10, 58);
        let mut dense = vec![0i16; (1 << bits) * width];
        for (n, r) in [0usize, 1, 63, 64, 200, 640, 1023].into_iter().enumerate() {
            dense[r * width + n % width] = n as i16 + 1;
            dense[r * width + 57] = -(n as i16) - 2;
        }
        let t = SparseTable::from_dense(bits, width, &dense);
        let p = PackedTable::from_table(&t);
        assert_eq!(p.stored_len(), 7);
        assert_eq!(p.nonzero_weights(), 14);
        // Rows 64 and 640 have more weights than the others.
        dense[64 * width + 10] = 9;
        dense[640 * width + 11] = -9;
        let t = SparseTable::from_dense(bits, width, &dense);
        let p = PackedTable::from_table(&t);
        let mut whole = p.clone();
        assert_eq!(whole.densify(3), 2);
        assert_eq!(whole, p);
        for f in [&[0u32, 1, 5][..], &[63, 64, 1023, 2, 640], &[]] {
            let (mut a, mut b, mut c) = ([0i32; 58], [0i32; 64], [0i32; 64]);
            t.accumulate(f, &mut a);
            p.accumulate(f, &mut b);
            whole.accumulate(f, &mut c);
            assert_eq!(a[..], b[..58]);
            assert!(b[58..].iter().all(|&x| x == 0));
            assert_eq!(b, c);
        }
        let rows: Vec<(usize, Vec<(usize, i16)>)> =
            p.stored_rows().map(|(r, es)| (r, es.collect())).collect();
        assert_eq!(rows[3], (64, vec![(3, 4), (10, 9), (57, -5)]));
    }

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

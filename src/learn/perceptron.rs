//! The averaged perceptron, as every model here trains it: one weight per (feature
//! bucket, class), rows allocated the first time a bucket is updated, and the averaged
//! weights computed lazily (`w - u / c`, where `u` sums each update times the step it was
//! made at and `c` counts steps).

use super::table::SparseTable;

/// Weights being learned over `2^bits` feature buckets and `classes` classes.
#[derive(Debug, Clone)]
pub struct Perceptron {
    bits: u32,
    classes: usize,
    /// Bucket -> 1 + row index in `w`/`u` (0: no row yet).
    index: Vec<u32>,
    w: Vec<f32>,
    u: Vec<f64>,
    c: f64,
}

impl Perceptron {
    pub fn new(bits: u32, classes: usize) -> Perceptron {
        Perceptron {
            bits,
            classes,
            index: vec![0; 1usize << bits],
            w: Vec::new(),
            u: Vec::new(),
            c: 1.0,
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Buckets that hold a row.
    pub fn rows(&self) -> usize {
        self.w.len() / self.classes
    }

    /// The current (not averaged) scores of each class: `out` is overwritten.
    #[inline]
    pub fn score(&self, features: &[u32], out: &mut [f32]) {
        out.iter_mut().for_each(|o| *o = 0.0);
        for &f in features {
            let r = self.index[f as usize];
            if r != 0 {
                let base = (r as usize - 1) * self.classes;
                for (o, &w) in out.iter_mut().zip(&self.w[base..base + self.classes]) {
                    *o += w;
                }
            }
        }
    }

    fn row(&mut self, f: u32) -> usize {
        let slot = &mut self.index[f as usize];
        if *slot == 0 {
            *slot = (self.w.len() / self.classes + 1) as u32;
            self.w.resize(self.w.len() + self.classes, 0.0);
            self.u.resize(self.u.len() + self.classes, 0.0);
        }
        (*slot as usize - 1) * self.classes
    }

    /// Moves the weights of `features` towards `gold` and away from `predicted`.
    pub fn update(&mut self, features: &[u32], gold: usize, predicted: usize) {
        for &f in features {
            let base = self.row(f);
            self.w[base + gold] += 1.0;
            self.u[base + gold] += self.c;
            self.w[base + predicted] -= 1.0;
            self.u[base + predicted] -= self.c;
        }
    }

    /// Adds `delta` to the weight of `class` for each of `features`.
    pub fn add(&mut self, features: &[u32], class: usize, delta: f32) {
        for &f in features {
            let i = self.row(f) + class;
            self.w[i] += delta;
            self.u[i] += self.c * delta as f64;
        }
    }

    /// One more example seen (the averaging clock).
    #[inline]
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights as a dense `2^bits x classes` table.
    pub fn averaged_dense(&self) -> Vec<f32> {
        let mut dense = vec![0f32; self.index.len() * self.classes];
        for (bucket, &r) in self.index.iter().enumerate() {
            if r != 0 {
                let base = (r as usize - 1) * self.classes;
                for k in 0..self.classes {
                    dense[bucket * self.classes + k] =
                        (self.w[base + k] as f64 - self.u[base + k] / self.c) as f32;
                }
            }
        }
        dense
    }

    /// The averaged weights, pruned below `prune` in magnitude and quantized to i16 with
    /// one scale: the run-time table and the scale of its weights.
    pub fn averaged_table(&self, prune: f32) -> (SparseTable, f32) {
        let mut max = 0f32;
        let averaged = |base: usize, k: usize| -> f32 {
            (self.w[base + k] as f64 - self.u[base + k] / self.c) as f32
        };
        for &r in &self.index {
            if r != 0 {
                let base = (r as usize - 1) * self.classes;
                for k in 0..self.classes {
                    max = max.max(averaged(base, k).abs());
                }
            }
        }
        let scale = if max == 0.0 {
            1.0
        } else {
            max / i16::MAX as f32
        };
        let mut table = SparseTable::new(self.bits, self.classes);
        let mut row = vec![0i16; self.classes];
        for (bucket, &r) in self.index.iter().enumerate() {
            if r == 0 {
                continue;
            }
            let base = (r as usize - 1) * self.classes;
            for (k, q) in row.iter_mut().enumerate() {
                *q = quantize_one(averaged(base, k), scale, prune);
            }
            if row.iter().any(|&q| q != 0) {
                table.push(bucket, &row);
            }
        }
        (table, scale)
    }
}

fn quantize_one(x: f32, scale: f32, prune: f32) -> i16 {
    if x.abs() < prune {
        0
    } else {
        (x / scale)
            .round()
            .clamp(-(i16::MAX as f32), i16::MAX as f32) as i16
    }
}

/// Drops weights below `prune` in magnitude and stores the rest as i16 with one scale.
pub fn quantize(w: &[f32], prune: f32) -> (Vec<i16>, f32) {
    let max = w.iter().fold(0f32, |m, &x| m.max(x.abs()));
    if max == 0.0 {
        return (vec![0; w.len()], 1.0);
    }
    let scale = max / i16::MAX as f32;
    (
        w.iter().map(|&x| quantize_one(x, scale, prune)).collect(),
        scale,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averaging_and_quantizing_agree_with_the_dense_form() {
        let mut p = Perceptron::new(8, 3);
        p.update(&[1, 2], 0, 1);
        p.tick();
        p.update(&[2, 200], 2, 0);
        p.tick();
        p.add(&[5], 1, 0.5);
        let dense = p.averaged_dense();
        let (q, scale) = quantize(&dense, 0.0);
        let (table, s2) = p.averaged_table(0.0);
        assert_eq!(scale, s2);
        for bucket in 0..256u32 {
            let want = &q[bucket as usize * 3..bucket as usize * 3 + 3];
            match table.row(bucket) {
                Some(row) => assert_eq!(row, want),
                None => assert!(want.iter().all(|&x| x == 0)),
            }
        }
        let mut s = [0f32; 3];
        p.score(&[1, 2], &mut s);
        assert_eq!(s, [1.0, -2.0, 1.0]);
    }
}

//! A deterministic ForceAtlas2 layout (Jacomy et al. 2014, the layout Gephi and
//! graphology use), so GEXF (`viz:position`) and the HTML view place nodes as they open.
//!
//! Same graph, same positions, on every run and thread count: the start positions come
//! from a fixed seed (splitmix64 over the node index), the loop is single-threaded in a
//! fixed order, and it uses only `+ - * /` and `sqrt` (exact in IEEE 754, so no libm
//! differences between machines). Repulsion is approximated with a Barnes-Hut quadtree
//! (θ = 1.2, as Gephi's default), so a graph of ten thousand nodes lays out in about a
//! second; the speed adapts per node and globally as in Gephi's implementation (swinging
//! versus traction). Gravity pulls isolated nodes and small components towards the
//! centre, so they ring the main component instead of flying off. Coordinates are
//! rounded to two decimals so files do not carry float noise.

/// Parameters of [`force_atlas2`].
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Repulsion strength (`kr`).
    pub scaling: f64,
    /// Pull towards the centre (`kg`), scaled by a node's mass.
    pub gravity: f64,
    /// Barnes-Hut opening angle: larger is faster and coarser.
    pub theta: f64,
    /// Number of iterations.
    pub iterations: usize,
    /// Seed of the start positions.
    pub seed: u64,
}

impl Settings {
    /// Settings that suit a graph of `n` nodes: fewer iterations as it grows, so a BBC
    /// sized graph stays around a second.
    pub fn for_size(n: usize) -> Settings {
        Settings {
            scaling: 2.0,
            gravity: 1.0,
            theta: 1.2,
            iterations: match n {
                0..=500 => 400,
                501..=3000 => 200,
                _ => 120,
            },
            seed: 0x6e65_7773_6772_6170, // "newsgrap"
        }
    }
}

fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A number in [0, 1) from a 64-bit hash.
fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// A quadtree cell: its square, the mass and mass centre of the nodes inside, and
/// either one node (a leaf) or four children.
struct Cell {
    x0: f64,
    y0: f64,
    size: f64,
    mass: f64,
    cx: f64,
    cy: f64,
    node: Option<usize>,
    children: Option<[usize; 4]>,
}

struct QuadTree {
    cells: Vec<Cell>,
}

impl QuadTree {
    fn build(pos: &[[f64; 2]], mass: &[f64]) -> QuadTree {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in pos {
            x0 = x0.min(p[0]);
            y0 = y0.min(p[1]);
            x1 = x1.max(p[0]);
            y1 = y1.max(p[1]);
        }
        let size = (x1 - x0).max(y1 - y0).max(1e-9) * 1.0001;
        let mut t = QuadTree {
            cells: vec![Cell::new(x0, y0, size)],
        };
        for i in 0..pos.len() {
            t.insert(0, i, pos, mass, 0);
        }
        t
    }

    fn insert(&mut self, mut c: usize, i: usize, pos: &[[f64; 2]], mass: &[f64], mut depth: u32) {
        loop {
            let m = mass[i];
            {
                let cell = &mut self.cells[c];
                let total = cell.mass + m;
                cell.cx = (cell.cx * cell.mass + pos[i][0] * m) / total;
                cell.cy = (cell.cy * cell.mass + pos[i][1] * m) / total;
                cell.mass = total;
            }
            if let Some(ch) = self.cells[c].children {
                c = ch[self.quadrant(c, pos[i])];
                depth += 1;
                continue;
            }
            match self.cells[c].node {
                None if self.cells[c].mass == m => {
                    self.cells[c].node = Some(i);
                    return;
                }
                Some(j) if depth < 40 => {
                    // Split the leaf and push its node down, then go on with `i`.
                    let (x0, y0, half) = {
                        let cell = &self.cells[c];
                        (cell.x0, cell.y0, cell.size / 2.0)
                    };
                    let first = self.cells.len();
                    for k in 0..4 {
                        let (dx, dy) = ((k & 1) as f64, (k >> 1) as f64);
                        self.cells
                            .push(Cell::new(x0 + dx * half, y0 + dy * half, half));
                    }
                    self.cells[c].children = Some([first, first + 1, first + 2, first + 3]);
                    self.cells[c].node = None;
                    let q = self.quadrant(c, pos[j]);
                    let child = first + q;
                    let cell = &mut self.cells[child];
                    cell.mass = mass[j];
                    cell.cx = pos[j][0];
                    cell.cy = pos[j][1];
                    cell.node = Some(j);
                    c = first + self.quadrant(c, pos[i]);
                    depth += 1;
                }
                // Too deep (nodes on the same spot): the leaf keeps the sum.
                _ => return,
            }
        }
    }

    fn quadrant(&self, c: usize, p: [f64; 2]) -> usize {
        let cell = &self.cells[c];
        let half = cell.size / 2.0;
        let right = p[0] >= cell.x0 + half;
        let below = p[1] >= cell.y0 + half;
        right as usize + 2 * below as usize
    }

    /// The repulsion on node `i` (mass `m` at `p`), added to `f`.
    fn repulse(&self, i: usize, p: [f64; 2], m: f64, s: &Settings, f: &mut [f64; 2]) {
        let mut stack = vec![0usize];
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c];
            if cell.mass == 0.0 || cell.node == Some(i) {
                continue;
            }
            let dx = p[0] - cell.cx;
            let dy = p[1] - cell.cy;
            let d2 = dx * dx + dy * dy;
            let far = cell.size * cell.size < s.theta * s.theta * d2;
            match cell.children {
                Some(ch) if !far => stack.extend_from_slice(&ch),
                _ => {
                    if d2 > 0.0 {
                        let k = s.scaling * m * cell.mass / d2;
                        f[0] += dx * k;
                        f[1] += dy * k;
                    }
                }
            }
        }
    }
}

impl Cell {
    fn new(x0: f64, y0: f64, size: f64) -> Cell {
        Cell {
            x0,
            y0,
            size,
            mass: 0.0,
            cx: 0.0,
            cy: 0.0,
            node: None,
            children: None,
        }
    }
}

/// Positions of `n` nodes joined by `edges` (index pairs; parallel edges pull harder,
/// self-loops are ignored).
pub fn force_atlas2(n: usize, edges: &[(usize, usize)], s: &Settings) -> Vec<[f64; 2]> {
    if n == 0 {
        return Vec::new();
    }
    let mut mass = vec![1.0; n];
    let links: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && a < n && b < n)
        .collect();
    for &(a, b) in &links {
        mass[a] += 1.0;
        mass[b] += 1.0;
    }
    let side = 10.0 * (n as f64).sqrt();
    let mut pos: Vec<[f64; 2]> = (0..n)
        .map(|i| {
            let h = splitmix64(s.seed ^ (i as u64).wrapping_mul(0x9e37_79b9));
            [(unit(h) - 0.5) * side, (unit(splitmix64(h)) - 0.5) * side]
        })
        .collect();
    let mut old = vec![[0.0f64; 2]; n];
    let mut force = vec![[0.0f64; 2]; n];
    let (mut speed, mut efficiency) = (1.0f64, 1.0f64);
    for _ in 0..s.iterations {
        let tree = QuadTree::build(&pos, &mass);
        for i in 0..n {
            let mut f = [0.0, 0.0];
            tree.repulse(i, pos[i], mass[i], s, &mut f);
            // Gravity towards the origin, FA2's "normal" form: kg * mass, unit direction.
            let d = (pos[i][0] * pos[i][0] + pos[i][1] * pos[i][1]).sqrt();
            if d > 0.0 {
                let k = s.gravity * mass[i] / d;
                f[0] -= pos[i][0] * k;
                f[1] -= pos[i][1] * k;
            }
            force[i] = f;
        }
        for &(a, b) in &links {
            // Linear attraction: force proportional to distance.
            let dx = pos[a][0] - pos[b][0];
            let dy = pos[a][1] - pos[b][1];
            force[a][0] -= dx;
            force[a][1] -= dy;
            force[b][0] += dx;
            force[b][1] += dy;
        }
        // Adaptive speed (Gephi's ForceAtlas2.java).
        let (mut swinging, mut traction) = (0.0, 0.0);
        for i in 0..n {
            let sx = force[i][0] - old[i][0];
            let sy = force[i][1] - old[i][1];
            swinging += mass[i] * (sx * sx + sy * sy).sqrt();
            let tx = force[i][0] + old[i][0];
            let ty = force[i][1] + old[i][1];
            traction += mass[i] * 0.5 * (tx * tx + ty * ty).sqrt();
        }
        let nf = n as f64;
        let optimal = 0.05 * nf.sqrt();
        let min_jt = optimal.sqrt();
        let mut jt = if traction > 0.0 {
            (optimal * traction / (nf * nf)).clamp(min_jt, 10.0)
        } else {
            min_jt
        };
        const MIN_EFFICIENCY: f64 = 0.05;
        if swinging > 0.0 && traction / swinging > 0.0 && swinging / traction > 2.0 {
            if efficiency > MIN_EFFICIENCY {
                efficiency *= 0.5;
            }
            jt = jt.max(1.0);
        }
        let target = if swinging > 0.0 {
            jt * efficiency * traction / swinging
        } else {
            speed * 2.0
        };
        if swinging > jt * traction {
            if efficiency > MIN_EFFICIENCY {
                efficiency *= 0.7;
            }
        } else if speed < 1000.0 {
            efficiency *= 1.3;
        }
        speed += (target - speed).min(0.5 * speed);
        for i in 0..n {
            let sx = force[i][0] - old[i][0];
            let sy = force[i][1] - old[i][1];
            let swing = mass[i] * (sx * sx + sy * sy).sqrt();
            let factor = speed / (1.0 + (speed * swing).sqrt());
            pos[i][0] += force[i][0] * factor;
            pos[i][1] += force[i][1] * factor;
        }
        std::mem::swap(&mut old, &mut force);
    }
    for p in &mut pos {
        for v in p.iter_mut() {
            *v = (*v * 100.0).round() / 100.0;
            if *v == 0.0 {
                *v = 0.0; // no "-0"
            }
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
    }

    #[test]
    fn same_input_same_positions() {
        let edges: Vec<(usize, usize)> = (0..50).map(|i| (i, (i * 7 + 3) % 60)).collect();
        let s = Settings::for_size(60);
        let a = force_atlas2(60, &edges, &s);
        assert_eq!(a, force_atlas2(60, &edges, &s));
        assert!(a.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        // Two triangles joined by nothing: nodes within a triangle are nearer to each
        // other than to the other triangle.
        let edges = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)];
        let p = force_atlas2(6, &edges, &Settings::for_size(6));
        let inside = dist(p[0], p[1]).max(dist(p[3], p[4]));
        let across = dist(p[0], p[3]).min(dist(p[1], p[4]));
        assert!(inside < across, "{p:?}");
        // No two nodes on one spot.
        for i in 0..6 {
            for j in i + 1..6 {
                assert!(dist(p[i], p[j]) > 0.1, "{p:?}");
            }
        }
    }

    #[test]
    fn empty_and_single_graphs() {
        assert!(force_atlas2(0, &[], &Settings::for_size(0)).is_empty());
        let one = force_atlas2(1, &[(0, 0)], &Settings::for_size(1));
        assert!(one[0][0].is_finite());
    }
}

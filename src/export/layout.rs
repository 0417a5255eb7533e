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

/// The size, in pixels, of the square a drawing is assumed to be fitted into when
/// [`arrange`] keeps nodes from overlapping (sigma.js and Gephi Lite fit the graph to the
/// screen; node sizes are in pixels).
pub const FIT_PIXELS: f64 = 700.0;
/// Pixels kept free between two node disks.
const GAP_PIXELS: f64 = 2.0;

/// Where every node of a drawing goes. Each connected component is laid out by
/// [`force_atlas2`] on its own, and the components are packed side by side, largest
/// first, into a block a little wider than tall ([`pack`]): a big graph's many small
/// components then neither ring the main one nor shrink it. The nodes are then pushed
/// apart until no two disks overlap once the drawing is fitted into [`FIT_PIXELS`]
/// ([`spread`]; `sizes` are the disks' radii in pixels, as sigma.js draws them). Nodes
/// without any edge are packed in rows to the right, largest first. Deterministic,
/// like [`force_atlas2`].
pub fn arrange(edges: &[(usize, usize)], sizes: &[f64]) -> Vec<[f64; 2]> {
    let n = sizes.len();
    let links: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && a < n && b < n)
        .collect();
    let components = components(n, &links);
    let mut pos = vec![[0.0, 0.0]; n];

    // Each component laid out alone, then its box (padded by its largest disk and a
    // margin, at the scale the packed block will be drawn at) packed.
    let mut index = vec![0; n];
    let mut component_of = vec![0; n];
    for (c, members) in components.iter().enumerate() {
        for (k, &i) in members.iter().enumerate() {
            index[i] = k;
            component_of[i] = c;
        }
    }
    let mut own: Vec<Vec<(usize, usize)>> = vec![Vec::new(); components.len()];
    for &(a, b) in &links {
        own[component_of[a]].push((index[a], index[b]));
    }
    let laid: Vec<Vec<[f64; 2]>> = components
        .iter()
        .zip(&own)
        .map(|(members, own)| force_atlas2(members.len(), own, &Settings::for_size(members.len())))
        .collect();
    let boxes: Vec<([f64; 2], [f64; 2])> = laid.iter().map(|p| bounds(p)).collect();
    let raw_area: f64 = boxes
        .iter()
        .map(|(lo, hi)| (hi[0] - lo[0]).max(1e-9) * (hi[1] - lo[1]).max(1e-9))
        .sum();
    let per_px = if raw_area > 0.0 {
        raw_area.sqrt() / FIT_PIXELS
    } else {
        1.0
    };
    let pads: Vec<f64> = components
        .iter()
        .map(|members| {
            let r = members.iter().map(|&i| sizes[i]).fold(0.0, f64::max);
            (r + 12.0) * per_px
        })
        .collect();
    let rects: Vec<[f64; 2]> = boxes
        .iter()
        .zip(&pads)
        .map(|((lo, hi), pad)| [hi[0] - lo[0] + 2.0 * pad, hi[1] - lo[1] + 2.0 * pad])
        .collect();
    let corners = pack(&rects);
    let mut linked: Vec<usize> = Vec::new();
    for (c, members) in components.iter().enumerate() {
        let (lo, _) = boxes[c];
        for (k, &i) in members.iter().enumerate() {
            pos[i] = [
                corners[c][0] + pads[c] + laid[c][k][0] - lo[0],
                corners[c][1] + pads[c] + laid[c][k][1] - lo[1],
            ];
        }
        linked.extend(members);
    }
    linked.sort_unstable();
    let mut sub: Vec<[f64; 2]> = linked.iter().map(|&i| pos[i]).collect();
    let sub_sizes: Vec<f64> = linked.iter().map(|&i| sizes[i]).collect();
    spread(&mut sub, &sub_sizes);
    for (k, &i) in linked.iter().enumerate() {
        pos[i] = sub[k];
    }

    let mut is_linked = vec![false; n];
    for &i in &linked {
        is_linked[i] = true;
    }
    let alone: Vec<usize> = (0..n).filter(|&i| !is_linked[i]).collect();
    if !alone.is_empty() {
        // Pixels -> layout units at the scale the linked part is drawn at.
        let (lo, hi) = bounds(&sub);
        let extent = (hi[0] - lo[0]).max(hi[1] - lo[1]);
        let per_px = if sub.len() > 1 && extent > 0.0 {
            extent / FIT_PIXELS
        } else {
            1.0
        };
        // A block 40 pixels to the right of the linked part, level with its top.
        let start = if sub.is_empty() {
            [0.0, 0.0]
        } else {
            [hi[0] + 40.0 * per_px, lo[1]]
        };
        let radii: Vec<f64> = alone.iter().map(|&i| sizes[i]).collect();
        for (k, p) in shelves(&radii, per_px).into_iter().enumerate() {
            pos[alone[k]] = [round2(start[0] + p[0]), round2(start[1] + p[1])];
        }
    }
    pos
}

/// The connected components of two or more nodes (each sorted), largest first, ties by
/// smallest member.
fn components(n: usize, links: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(a, b) in links {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut linked = vec![false; n];
    for &(a, b) in links {
        linked[a] = true;
        linked[b] = true;
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in (0..n).filter(|&i| linked[i]) {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

/// Top-left corners for rectangles of the given `[width, height]`, packed without
/// overlap into a block about 1.25 times as wide as tall: tallest first (ties in the
/// given order), each where its top is highest on the skyline of those placed, then
/// leftmost ("bottom-left" skyline packing with y growing downwards).
pub fn pack(rects: &[[f64; 2]]) -> Vec<[f64; 2]> {
    if rects.is_empty() {
        return Vec::new();
    }
    let area: f64 = rects.iter().map(|r| r[0] * r[1]).sum();
    let widest = rects.iter().map(|r| r[0]).fold(0.0, f64::max);
    let width = (area * 1.25).sqrt().max(widest);
    let mut order: Vec<usize> = (0..rects.len()).collect();
    order.sort_by(|&a, &b| {
        rects[b][1]
            .total_cmp(&rects[a][1])
            .then(rects[b][0].total_cmp(&rects[a][0]))
            .then(a.cmp(&b))
    });
    // The skyline: segments (x, width, y of the free space's top), left to right.
    let mut sky: Vec<(f64, f64, f64)> = vec![(0.0, width, 0.0)];
    let mut out = vec![[0.0, 0.0]; rects.len()];
    for &r in &order {
        let [w, h] = rects[r];
        let mut best: Option<(f64, f64, usize)> = None; // (y, x, first segment)
        for start in 0..sky.len() {
            let x = sky[start].0;
            if x + w > width + 1e-9 * width {
                break;
            }
            let mut y: f64 = 0.0;
            let mut covered = 0.0;
            for seg in &sky[start..] {
                if covered >= w {
                    break;
                }
                y = y.max(seg.2);
                covered += seg.1;
            }
            if best.is_none_or(|(by, bx, _)| y < by || (y == by && x < bx)) {
                best = Some((y, x, start));
            }
        }
        let (y, x, start) = best.unwrap_or((sky.iter().map(|s| s.2).fold(0.0, f64::max), 0.0, 0));
        out[r] = [x, y];
        // Replace the skyline under [x, x + w) by one segment at y + h.
        let end_x = x + w;
        let mut next: Vec<(f64, f64, f64)> = sky[..start].to_vec();
        next.push((x, w, y + h));
        for &(sx, sw, sy) in &sky[start..] {
            let s_end = sx + sw;
            if s_end <= end_x {
                continue;
            }
            let nx = sx.max(end_x);
            next.push((nx, s_end - nx, sy));
        }
        sky = next;
    }
    out
}

fn round2(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        0.0 // no "-0"
    } else {
        r
    }
}

/// The smallest and largest coordinates of `pos` (zeros when empty).
fn bounds(pos: &[[f64; 2]]) -> ([f64; 2], [f64; 2]) {
    if pos.is_empty() {
        return ([0.0, 0.0], [0.0, 0.0]);
    }
    let mut lo = [f64::MAX, f64::MAX];
    let mut hi = [f64::MIN, f64::MIN];
    for p in pos {
        for d in 0..2 {
            lo[d] = lo[d].min(p[d]);
            hi[d] = hi[d].max(p[d]);
        }
    }
    (lo, hi)
}

/// Disks of `radii` (pixels) packed in rows, largest first (ties in the given order),
/// rows about as long as the block is tall; offsets in layout units (`unit` per pixel)
/// from the block's top-left corner, in the order of `radii`.
fn shelves(radii: &[f64], per_px: f64) -> Vec<[f64; 2]> {
    let mut order: Vec<usize> = (0..radii.len()).collect();
    order.sort_by(|&a, &b| radii[b].total_cmp(&radii[a]).then(a.cmp(&b)));
    let cell = |i: usize| 2.0 * radii[i] + 2.0 * GAP_PIXELS;
    let area: f64 = order.iter().map(|&i| cell(i) * cell(i)).sum();
    let row_width = area.sqrt().max(cell(order[0]));
    let mut out = vec![[0.0, 0.0]; radii.len()];
    let (mut x, mut y, mut row_height) = (0.0f64, 0.0f64, 0.0f64);
    for &i in &order {
        let c = cell(i);
        if x > 0.0 && x + c > row_width {
            y += row_height;
            x = 0.0;
            row_height = 0.0;
        }
        row_height = row_height.max(c);
        out[i] = [(x + c / 2.0) * per_px, (y + c / 2.0) * per_px];
        x += c;
    }
    out
}

/// Push apart the disks (radii in pixels) that overlap once `pos` is fitted into
/// [`FIT_PIXELS`], until none do (or 60 rounds). Nodes on one spot part along a fixed
/// direction of their index. Positions are rounded to two decimals again.
pub fn spread(pos: &mut [[f64; 2]], radii: &[f64]) {
    let n = pos.len();
    if n < 2 {
        return;
    }
    for _ in 0..60 {
        let (lo, hi) = bounds(pos);
        let extent = (hi[0] - lo[0]).max(hi[1] - lo[1]);
        if extent <= 0.0 {
            break;
        }
        let per_px = extent / FIT_PIXELS;
        let r: Vec<f64> = radii
            .iter()
            .map(|&p| (p + GAP_PIXELS / 2.0) * per_px)
            .collect();
        let cell = 2.0 * r.iter().copied().fold(0.0, f64::max);
        let key = |p: [f64; 2]| {
            (
                ((p[0] - lo[0]) / cell).floor() as i64,
                ((p[1] - lo[1]) / cell).floor() as i64,
            )
        };
        let mut grid: crate::hash::FastMap<(i64, i64), Vec<usize>> = Default::default();
        for (i, p) in pos.iter().enumerate() {
            grid.entry(key(*p)).or_default().push(i);
        }
        let mut moved = false;
        for i in 0..n {
            let (cx, cy) = key(pos[i]);
            for dx in -1..=1 {
                for dy in -1..=1 {
                    let Some(cell_nodes) = grid.get(&(cx + dx, cy + dy)) else {
                        continue;
                    };
                    for &j in cell_nodes {
                        if j <= i {
                            continue;
                        }
                        let need = r[i] + r[j];
                        let mut ddx = pos[j][0] - pos[i][0];
                        let mut ddy = pos[j][1] - pos[i][1];
                        let mut d = (ddx * ddx + ddy * ddy).sqrt();
                        if d >= need {
                            continue;
                        }
                        if d == 0.0 {
                            let h = splitmix64((i * n + j) as u64);
                            ddx = unit(h) - 0.5;
                            ddy = unit(splitmix64(h)) - 0.5;
                            d = (ddx * ddx + ddy * ddy).sqrt().max(1e-9);
                        }
                        let push = (need - d) / 2.0 / d;
                        pos[i][0] -= ddx * push;
                        pos[i][1] -= ddy * push;
                        pos[j][0] += ddx * push;
                        pos[j][1] += ddy * push;
                        moved = true;
                    }
                }
            }
        }
        if !moved {
            break;
        }
    }
    for p in pos.iter_mut() {
        *p = [round2(p[0]), round2(p[1])];
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
    fn packed_boxes_do_not_overlap() {
        let rects: Vec<[f64; 2]> = (0..40)
            .map(|i| [1.0 + (i * 7 % 11) as f64, 1.0 + (i * 5 % 13) as f64])
            .collect();
        let at = pack(&rects);
        for i in 0..rects.len() {
            assert!(at[i][0] >= 0.0 && at[i][1] >= 0.0);
            for j in i + 1..rects.len() {
                let apart = at[i][0] + rects[i][0] <= at[j][0] + 1e-9
                    || at[j][0] + rects[j][0] <= at[i][0] + 1e-9
                    || at[i][1] + rects[i][1] <= at[j][1] + 1e-9
                    || at[j][1] + rects[j][1] <= at[i][1] + 1e-9;
                assert!(
                    apart,
                    "{i} {j}: {:?} {:?}",
                    (at[i], rects[i]),
                    (at[j], rects[j])
                );
            }
        }
        assert!(pack(&[]).is_empty());
    }

    #[test]
    fn arranged_disks_do_not_overlap_and_lone_nodes_sit_apart() {
        // A star of 30, a chain of 10, three pairs, and 25 nodes without an edge.
        let mut edges: Vec<(usize, usize)> = (1..30).map(|i| (0, i)).collect();
        edges.extend((30..39).map(|i| (i, i + 1)));
        edges.extend([(40, 41), (42, 43), (44, 45)]);
        let n = 71;
        let sizes: Vec<f64> = (0..n).map(|i| 3.0 + (i % 5) as f64 * 3.0).collect();
        let p = arrange(&edges, &sizes);
        assert_eq!(p, arrange(&edges, &sizes), "deterministic");
        let linked = 46;
        let (lo, hi) = bounds(&p[..linked]);
        let scale = FIT_PIXELS / (hi[0] - lo[0]).max(hi[1] - lo[1]);
        for i in 0..linked {
            for j in i + 1..linked {
                let gap = dist(p[i], p[j]) * scale - sizes[i] - sizes[j];
                assert!(gap > 0.5, "{i} {j} overlap by {gap} px");
            }
        }
        // The lone nodes are all to the right of every linked one.
        assert!(
            p[linked..].iter().all(|q| q[0] > hi[0]),
            "{:?}",
            &p[linked..]
        );
        // The star's leaves stay nearer their hub than the chain.
        let leaf = (1..30).map(|i| dist(p[0], p[i])).fold(0.0, f64::max);
        assert!(leaf < dist(p[0], p[35]), "{leaf}");
    }

    #[test]
    fn empty_and_single_graphs() {
        assert!(force_atlas2(0, &[], &Settings::for_size(0)).is_empty());
        let one = force_atlas2(1, &[(0, 0)], &Settings::for_size(1));
        assert!(one[0][0].is_finite());
        assert!(arrange(&[], &[]).is_empty());
        assert_eq!(arrange(&[(0, 0)], &[3.0]), [[5.0, 5.0]]);
    }
}

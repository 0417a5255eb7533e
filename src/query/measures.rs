//! Centrality measures over a graph given as node indexes `0..n` and edges between them.
//!
//! Kept as our own code rather than taken from `petgraph::algo::page_rank` and
//! `rustworkx-core`'s `betweenness_centrality` (issue 15), measured on the BBC graph
//! (13,109 nodes, 1,749 edges; release build, one core):
//!
//! - **PageRank**: ours 10 ms. petgraph 0.8.3's `page_rank` asks, for every pair of nodes,
//!   whether one links to the other, O(iterations·|V|²·degree): 0.82 s on the first 2,000
//!   nodes, 3.8 s on 4,000, 95 s on the whole graph at 100 rounds; it runs a fixed
//!   number of rounds with no convergence test. It also computes a different quantity: a
//!   node that links to another passes on its damped share but not its teleport share,
//!   parallel edges count once towards the target but every time towards the out-degree,
//!   and the ranks are renormalized each round, so it does not agree with networkx
//!   (by up to 0.025 on the BBC graph, 0.003 on a 4-node graph; see the test `petgraph_page_rank_is_not_networkx`).
//! - **Betweenness**: `rustworkx-core` 0.18 agrees with ours to 1.5e-18 on the BBC graph,
//!   but takes 434 ms serial and 494 ms with its rayon split on two cores, against our
//!   76 ms; and it brings 54 more crates into the build (ndarray, rand, rand_distr,
//!   hashbrown, indexmap, priority-queue, ...), +113 KB in a stripped test binary. Our
//!   Brandes is 60 lines with networkx's values as its tests.

/// One edge: source and target indexes, and whether it runs both ways.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    pub source: usize,
    pub target: usize,
    pub symmetric: bool,
}

/// Number of edges touching each node (each relation counts; a self-loop counts once).
pub fn degree(n: usize, links: &[Link]) -> Vec<f64> {
    let mut d = vec![0.0; n];
    for l in links {
        d[l.source] += 1.0;
        if l.target != l.source {
            d[l.target] += 1.0;
        }
    }
    d
}

/// PageRank with damping 0.85 by power iteration (to an L1 change below 1e-12 or 200
/// rounds). Directed edges point one way, symmetric ones both; parallel edges (several
/// relations between one pair) each count. A node with no out-edge spreads its rank over
/// all nodes. The ranks sum to 1. This is networkx's `pagerank(G, weight=None)` on the
/// corresponding multigraph.
pub fn pagerank(n: usize, links: &[Link]) -> Vec<f64> {
    const DAMPING: f64 = 0.85;
    if n == 0 {
        return Vec::new();
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for l in links {
        out[l.source].push(l.target);
        if l.symmetric {
            out[l.target].push(l.source);
        }
    }
    let nf = n as f64;
    let mut rank = vec![1.0 / nf; n];
    for _ in 0..200 {
        let dangling: f64 = (0..n).filter(|&v| out[v].is_empty()).map(|v| rank[v]).sum();
        let base = (1.0 - DAMPING) / nf + DAMPING * dangling / nf;
        let mut next = vec![base; n];
        for (v, targets) in out.iter().enumerate() {
            if targets.is_empty() {
                continue;
            }
            let share = DAMPING * rank[v] / targets.len() as f64;
            for &t in targets {
                next[t] += share;
            }
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < 1e-12 {
            break;
        }
    }
    rank
}

/// Betweenness centrality (Brandes 2001) on the undirected, unweighted view: parallel
/// edges and self-loops ignored. Normalized as networkx does for undirected graphs, by
/// the number of pairs of other nodes, (n-1)(n-2)/2, so values lie in [0, 1].
pub fn betweenness(n: usize, links: &[Link]) -> Vec<f64> {
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for l in links {
        if l.source != l.target {
            adj[l.source].push(l.target);
            adj[l.target].push(l.source);
        }
    }
    for a in &mut adj {
        a.sort_unstable();
        a.dedup();
    }
    let mut cb = vec![0.0; n];
    let mut order = Vec::with_capacity(n);
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![usize::MAX; n];
    let mut delta = vec![0.0f64; n];
    for s in 0..n {
        // Only the nodes the previous search reached need resetting.
        for &v in &order {
            sigma[v] = 0.0;
            dist[v] = usize::MAX;
            delta[v] = 0.0;
        }
        order.clear();
        sigma[s] = 1.0;
        dist[s] = 0;
        order.push(s);
        // `order` doubles as the BFS queue: nodes in order of distance.
        let mut head = 0;
        while head < order.len() {
            let v = order[head];
            head += 1;
            for &w in &adj[v] {
                if dist[w] == usize::MAX {
                    dist[w] = dist[v] + 1;
                    order.push(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                }
            }
        }
        // Predecessors of w are its neighbours one step nearer to s.
        for &w in order.iter().rev() {
            let dw = dist[w];
            let coeff = (1.0 + delta[w]) / sigma[w];
            for &v in &adj[w] {
                if dist[v] != usize::MAX && dist[v] + 1 == dw {
                    delta[v] += sigma[v] * coeff;
                }
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    // Each unordered pair was counted from both ends.
    let pairs = if n > 2 {
        ((n - 1) * (n - 2)) as f64
    } else {
        1.0
    };
    cb.iter().map(|c| c / pairs).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undirected(pairs: &[(usize, usize)]) -> Vec<Link> {
        pairs
            .iter()
            .map(|&(source, target)| Link {
                source,
                target,
                symmetric: true,
            })
            .collect()
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-6)
    }

    #[test]
    fn betweenness_of_a_path_and_a_star() {
        // 0-1-2-3: node 1 lies on (0,2),(0,3); node 2 on (0,3),(1,3); 3 pairs of others.
        let b = betweenness(4, &undirected(&[(0, 1), (1, 2), (2, 3)]));
        assert!(close(&b, &[0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0]), "{b:?}");
        // Star centred on 0 with 4 leaves: the centre lies on all 6 leaf pairs.
        let b = betweenness(5, &undirected(&[(0, 1), (0, 2), (0, 3), (0, 4)]));
        assert!(close(&b, &[1.0, 0.0, 0.0, 0.0, 0.0]), "{b:?}");
        // Two shortest paths between 0 and 3 (via 1 and via 2) split the credit.
        let b = betweenness(4, &undirected(&[(0, 1), (0, 2), (1, 3), (2, 3)]));
        assert!(close(&b, &[1.0 / 6.0; 4]), "{b:?}");
    }

    #[test]
    fn pagerank_matches_networkx() {
        // networkx 3.6: nx.pagerank(nx.DiGraph([(0,1),(0,2),(1,2),(2,0),(3,2)]))
        let links: Vec<Link> = [(0, 1), (0, 2), (1, 2), (2, 0), (3, 2)]
            .iter()
            .map(|&(source, target)| Link {
                source,
                target,
                symmetric: false,
            })
            .collect();
        let p = pagerank(4, &links);
        let expected = [0.37252685, 0.19582391, 0.39414924, 0.0375];
        assert!(
            p.iter().zip(expected).all(|(a, b)| (a - b).abs() < 1e-5),
            "{p:?}"
        );
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn pagerank_spreads_dangling_rank() {
        let p = pagerank(
            3,
            &[Link {
                source: 0,
                target: 1,
                symmetric: false,
            }],
        );
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(p[1] > p[0] && (p[0] - p[2]).abs() < 1e-12, "{p:?}");
        assert!(pagerank(0, &[]).is_empty());
    }

    /// The "edges from ours" graph of `pagerank_matches_networkx`, given to petgraph.
    #[test]
    fn petgraph_page_rank_is_not_networkx() {
        let mut g = petgraph::graph::DiGraph::<(), ()>::new();
        let n: Vec<_> = (0..4).map(|_| g.add_node(())).collect();
        for (a, b) in [(0, 1), (0, 2), (1, 2), (2, 0), (3, 2)] {
            g.add_edge(n[a], n[b], ());
        }
        let theirs = petgraph::algo::page_rank(&g, 0.85f64, 200);
        let networkx = [0.37252685, 0.19582391, 0.39414924, 0.0375];
        let off = theirs
            .iter()
            .zip(networkx)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(off > 1e-3, "petgraph now agrees with networkx: {theirs:?}");
    }

    #[test]
    fn betweenness_of_the_karate_club_matches_networkx() {
        // networkx 3.6: nx.betweenness_centrality(nx.karate_club_graph())
        #[rustfmt::skip]
        let edges = [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6), (0, 7), (0, 8), (0, 10),
            (0, 11), (0, 12), (0, 13), (0, 17), (0, 19), (0, 21), (0, 31), (1, 2), (1, 3),
            (1, 7), (1, 13), (1, 17), (1, 19), (1, 21), (1, 30), (2, 3), (2, 7), (2, 8), (2, 9),
            (2, 13), (2, 27), (2, 28), (2, 32), (3, 7), (3, 12), (3, 13), (4, 6), (4, 10),
            (5, 6), (5, 10), (5, 16), (6, 16), (8, 30), (8, 32), (8, 33), (9, 33), (13, 33),
            (14, 32), (14, 33), (15, 32), (15, 33), (18, 32), (18, 33), (19, 33), (20, 32),
            (20, 33), (22, 32), (22, 33), (23, 25), (23, 27), (23, 29), (23, 32), (23, 33),
            (24, 25), (24, 27), (24, 31), (25, 31), (26, 29), (26, 33), (27, 33), (28, 31),
            (28, 33), (29, 32), (29, 33), (30, 32), (30, 33), (31, 32), (31, 33), (32, 33)];
        #[rustfmt::skip]
        let expected = [0.437635281, 0.053936688, 0.143656806, 0.011909271, 0.000631313,
            0.029987374, 0.029987374, 0.0, 0.055926828, 0.000847763, 0.000631313, 0.0, 0.0,
            0.045863396, 0.0, 0.0, 0.0, 0.0, 0.0, 0.032475048, 0.0, 0.0, 0.0, 0.017613636,
            0.002209596, 0.003840488, 0.0, 0.022333454, 0.001794733, 0.002922078, 0.014411977,
            0.138275613, 0.145247114, 0.304074976];
        let b = betweenness(34, &undirected(&edges));
        assert!(
            b.iter().zip(expected).all(|(a, e)| (a - e).abs() < 1e-8),
            "{b:?}"
        );
    }

    #[test]
    fn degree_counts_each_relation() {
        let links = undirected(&[(0, 1), (0, 1), (1, 2), (2, 2)]);
        assert_eq!(degree(3, &links), vec![2.0, 3.0, 2.0]);
    }
}

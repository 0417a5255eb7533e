// Load newsgraph's GEXF and GraphML with graphology-gexf and graphology-graphml (the
// parsers of Gephi Lite and sigma.js) and check them against what the graph says.
// Usage: node read-exports.cjs GRAPH.gexf GRAPH.graphml EXPECT.json
// EXPECT.json: {nodes, edges, symmetric: [edge ids], directed: [edge ids]}
'use strict';
const fs = require('fs');
const assert = require('assert');
const Graph = require('graphology');
const gexf = require('graphology-gexf');
const graphml = require('graphology-graphml');

const [gexfPath, graphmlPath, expectPath] = process.argv.slice(2);
const want = JSON.parse(fs.readFileSync(expectPath, 'utf8'));
const kinds = new Set(['person', 'country', 'organization', 'position', 'location']);

const g = gexf.parse(Graph, fs.readFileSync(gexfPath, 'utf8'));
assert.strictEqual(g.order, want.nodes, 'GEXF node count');
assert.strictEqual(g.size, want.edges, 'GEXF edge count');
g.forEachNode((id, a) => {
  // What sigma needs to draw the file as it opens: x, y, size, colour, label.
  for (const k of ['x', 'y', 'size']) assert(Number.isFinite(a[k]), `${id}: ${k} = ${a[k]}`);
  assert(a.size >= 3 && a.size <= 18, `${id}: size ${a.size}`);
  assert(/^rgb\(\d+,\d+,\d+\)$/.test(a.color), `${id}: color ${a.color}`);
  assert.strictEqual(typeof a.label, 'string');
  // Attributes keyed by their titles, as Gephi shows them; no `type` for sigma to trip on.
  assert(kinds.has(a.kind), `${id}: kind ${a.kind}`);
  assert(Number.isInteger(a.mentions), `${id}: mentions ${a.mentions}`);
  assert(!('type' in a) && !('n_type' in a), `${id}: ${Object.keys(a)}`);
});
const sym = new Set(want.symmetric);
for (const id of want.symmetric) {
  assert(g.hasEdge(id), `GEXF: no edge ${id}`);
  assert(g.isUndirected(id), `GEXF: symmetric edge ${id} is directed`);
}
for (const id of want.directed) {
  assert(g.hasEdge(id), `GEXF: no edge ${id}`);
  assert(g.isDirected(id), `GEXF: edge ${id} is undirected`);
}
g.forEachEdge((id, a) => {
  assert.strictEqual(typeof a.relation, 'string', `${id}: relation`);
  assert.strictEqual(a.symmetric, sym.has(id), `${id}: symmetric`);
  assert(Number.isFinite(a.weight), `${id}: weight`);
});

const h = graphml.parse(Graph, fs.readFileSync(graphmlPath, 'utf8'));
assert.strictEqual(h.order, want.nodes, 'GraphML node count');
assert.strictEqual(h.size, want.edges, 'GraphML edge count');
h.forEachNode((id, a) => {
  assert(kinds.has(a.type), `${id}: type ${a.type}`);
  assert.strictEqual(typeof a.label, 'string');
});
h.forEachEdge((id, a, s, t) => {
  assert(h.isDirected(id), `GraphML: ${id} undirected`);
  assert.strictEqual(a.symmetric, sym.has(id), `GraphML ${id}: symmetric ${a.symmetric}`);
  assert(Number.isFinite(a.weight));
});
console.log(JSON.stringify({
  gexf: {nodes: g.order, edges: g.size, undirected: g.undirectedSize, directed: g.directedSize},
  graphml: {nodes: h.order, edges: h.size},
}));

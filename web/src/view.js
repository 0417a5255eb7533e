// newsgraph's HTML view: reads the graph embedded in the page (a
// <script type="application/json" id="newsgraph-data"> element written by
// src/export/html.rs), draws it with sigma.js at the positions the Rust side computed
// (src/export/layout.rs), and wires the legend, search, filters and the details panel.
// Bundled by web/build.cjs into web/dist/view.js, which the Rust side embeds.
import Graph from 'graphology';
import Sigma from 'sigma';

const $ = (id) => document.getElementById(id);
const data = JSON.parse($('newsgraph-data').textContent);

// Element helper: el('li', {class: 'x'}, 'text', child, ...), text always as text nodes.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(typeof c === 'string' || typeof c === 'number' ? String(c) : c);
  }
  return e;
}

const graph = new Graph({ multi: true, type: 'mixed', allowSelfLoops: true });
const colorOf = {};
for (const k of data.kinds) colorOf[k.kind] = k.color;
for (const n of data.nodes) {
  graph.addNode(n.id, {
    label: n.label,
    x: n.x,
    y: n.y,
    size: n.size,
    color: colorOf[n.kind] || '#999999',
    kind: n.kind,
    mentions: n.mentions,
    aliases: n.aliases,
    articles: n.articles,
    first: n.first,
    last: n.last,
    // Lower-cased label and aliases, for the search box.
    search: [n.label, ...n.aliases].map((s) => s.toLowerCase()),
  });
}
for (const e of data.edges) {
  const attrs = {
    relation: e.relation,
    weight: e.weight,
    symmetric: e.symmetric,
    modality: e.modality,
    first: e.first,
    last: e.last,
    evidence: e.evidence,
    evidenceCount: e.evidence_count,
    type: e.symmetric ? 'line' : 'arrow',
    size: Math.min(1 + Math.log2(e.weight), 6),
    color: '#c4c4c4',
  };
  if (e.symmetric) graph.addUndirectedEdgeWithKey(e.id, e.source, e.target, attrs);
  else graph.addDirectedEdgeWithKey(e.id, e.source, e.target, attrs);
}

// ---------------------------------------------------------------------------------
// State: filters, search matches, selection. The reducers read it on every render.
const state = {
  relations: new Set(data.relations.map((r) => r.relation)),
  kinds: new Set(data.kinds.map((k) => k.kind)),
  minWeight: 1,
  from: data.first_day || '',
  to: data.last_day || '',
  matches: null, // Set of node ids, or null when the search box is empty
  selectedNode: null,
  selectedEdge: null,
  hoveredNode: null,
};

// A day range [first, last] overlaps the filter's [from, to] (items without dates pass).
function inDates(first, last) {
  if (!first && !last) return true;
  const a = first || last;
  const b = last || first;
  return (!state.to || a <= state.to) && (!state.from || b >= state.from);
}

function nodeVisible(id, a) {
  return state.kinds.has(a.kind) && inDates(a.first, a.last);
}

function edgeVisible(id, a) {
  if (!state.relations.has(a.relation) || a.weight < state.minWeight) return false;
  if (!inDates(a.first, a.last)) return false;
  const [s, t] = graph.extremities(id);
  return nodeVisible(s, graph.getNodeAttributes(s)) && nodeVisible(t, graph.getNodeAttributes(t));
}

// Nodes next to the selected or hovered one, through visible edges.
function focusSet() {
  const focus = state.hoveredNode || state.selectedNode;
  if (!focus) return null;
  const set = new Set([focus]);
  graph.forEachEdge(focus, (edge, a, s, t) => {
    if (edgeVisible(edge, a)) set.add(s === focus ? t : s);
  });
  return set;
}

let focus = null;
const renderer = new Sigma(graph, $('graph'), {
  renderEdgeLabels: false,
  enableEdgeEvents: true,
  labelGridCellSize: 60,
  labelDensity: 1,
  labelRenderedSizeThreshold: 5,
  labelFont: 'system-ui, sans-serif',
  zIndex: true,
  minEdgeThickness: 0.6,
  nodeReducer(id, a) {
    const r = { ...a };
    if (!nodeVisible(id, a)) return { ...r, hidden: true };
    const lit = (state.matches === null || state.matches.has(id)) && (focus === null || focus.has(id));
    if (!lit) {
      r.color = '#e2e2e2';
      r.label = '';
      r.zIndex = 0;
    } else {
      r.zIndex = 1;
      if (state.matches !== null || focus !== null) r.forceLabel = true;
    }
    if (id === state.selectedNode) r.highlighted = true;
    return r;
  },
  edgeReducer(id, a) {
    const r = { ...a };
    if (!edgeVisible(id, a)) return { ...r, hidden: true };
    const [s, t] = graph.extremities(id);
    const f = state.hoveredNode || state.selectedNode;
    if (id === state.selectedEdge) {
      r.color = '#d62728';
      r.size = a.size + 2;
      r.zIndex = 2;
    } else if (f && (s === f || t === f)) {
      r.color = '#777777';
      r.zIndex = 1;
    } else if (f || state.matches !== null) {
      r.color = '#eeeeee';
      r.zIndex = 0;
    }
    return r;
  },
});

function refresh() {
  focus = focusSet();
  renderer.refresh({ skipIndexation: true });
  $('shown').textContent = countShown();
}

function countShown() {
  let n = 0;
  let m = 0;
  graph.forEachNode((id, a) => {
    if (nodeVisible(id, a)) n += 1;
  });
  graph.forEachEdge((id, a) => {
    if (edgeVisible(id, a)) m += 1;
  });
  return `${n} of ${graph.order} entities, ${m} of ${graph.size} relations shown`;
}

// ---------------------------------------------------------------------------------
// Legend with entity-type filters.
for (const k of data.kinds) {
  const box = el('input', { type: 'checkbox', checked: '', 'data-kind': k.kind });
  box.addEventListener('change', () => {
    if (box.checked) state.kinds.add(k.kind);
    else state.kinds.delete(k.kind);
    refresh();
  });
  $('legend').append(
    el('label', {}, box, el('span', { class: 'swatch', style: `background:${k.color}` }), ` ${k.kind} (${k.count})`),
  );
}

// Relation filter: a checkbox per relation, most frequent first.
for (const r of data.relations) {
  const box = el('input', { type: 'checkbox', checked: '', 'data-relation': r.relation });
  box.addEventListener('change', () => {
    if (box.checked) state.relations.add(r.relation);
    else state.relations.delete(r.relation);
    refresh();
  });
  $('relations').append(el('label', {}, box, ` ${r.relation} (${r.count})`));
}
function setAllRelations(on) {
  for (const box of $('relations').querySelectorAll('input')) {
    box.checked = on;
    if (on) state.relations.add(box.dataset.relation);
    else state.relations.delete(box.dataset.relation);
  }
  refresh();
}
$('rel-all').addEventListener('click', () => setAllRelations(true));
$('rel-none').addEventListener('click', () => setAllRelations(false));

const weight = $('min-weight');
weight.max = String(Math.max(1, data.max_weight));
weight.addEventListener('input', () => {
  state.minWeight = Number(weight.value) || 1;
  $('min-weight-value').textContent = String(state.minWeight);
  refresh();
});
for (const [id, key] of [['date-from', 'from'], ['date-to', 'to']]) {
  const input = $(id);
  input.value = state[key];
  input.min = data.first_day || '';
  input.max = data.last_day || '';
  input.addEventListener('change', () => {
    state[key] = input.value;
    refresh();
  });
}

// ---------------------------------------------------------------------------------
// Search: label or alias containing the text, case-insensitive; best (most mentioned)
// first. Matching nodes stay lit, the rest are greyed; a result click selects it.
function search(text) {
  const q = text.trim().toLowerCase();
  const list = $('results');
  list.replaceChildren();
  if (!q) {
    state.matches = null;
    refresh();
    return [];
  }
  const hits = [];
  graph.forEachNode((id, a) => {
    if (a.search.some((s) => s.includes(q))) hits.push(id);
  });
  hits.sort((x, y) => graph.getNodeAttribute(y, 'mentions') - graph.getNodeAttribute(x, 'mentions') || (x < y ? -1 : 1));
  state.matches = new Set(hits);
  for (const id of hits.slice(0, 30)) {
    const a = graph.getNodeAttributes(id);
    const alias = a.aliases.find((s) => s.toLowerCase().includes(q) && s !== a.label);
    list.append(
      el('li', { 'data-node': id, onclick: () => selectNode(id, true) },
        el('span', { class: 'swatch', style: `background:${a.color}` }), ` ${a.label}`,
        alias ? el('small', {}, ` (${alias})`) : null),
    );
  }
  if (hits.length > 30) list.append(el('li', { class: 'more' }, `… ${hits.length - 30} more`));
  if (!hits.length) list.append(el('li', { class: 'more' }, 'no match'));
  refresh();
  return hits;
}
$('search').addEventListener('input', (ev) => search(ev.target.value));
$('search').addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && state.matches && state.matches.size) {
    selectNode($('results').firstChild.dataset.node, true);
  }
});

// ---------------------------------------------------------------------------------
// Details panel.
function nodeLink(id) {
  const a = graph.getNodeAttributes(id);
  return el('a', { href: '#', 'data-node': id, onclick: (ev) => { ev.preventDefault(); selectNode(id, true); } }, a.label);
}

function dates(a) {
  if (!a.first) return null;
  return el('p', { class: 'dates' }, a.first === a.last ? a.first : `${a.first} – ${a.last}`);
}

function selectNode(id, center) {
  state.selectedNode = id;
  state.selectedEdge = null;
  const a = graph.getNodeAttributes(id);
  const neighbours = new Map();
  const positions = [];
  graph.forEachEdge(id, (edge, e, s, t) => {
    const other = s === id ? t : s;
    if (e.relation === 'holds-position' && s === id) positions.push(other);
    if (e.relation === 'position-of' && t === id) positions.push(other);
    const row = neighbours.get(other) || [];
    row.push(edge);
    neighbours.set(other, row);
  });
  const order = [...neighbours.keys()].sort((x, y) => neighbours.get(y).length - neighbours.get(x).length || (x < y ? -1 : 1));
  $('details').replaceChildren(
    el('h2', {}, el('span', { class: 'swatch', style: `background:${a.color}` }), ` ${a.label}`),
    el('p', {}, `${a.kind} · ${id} · ${a.mentions} mentions in ${a.articles} articles`),
    dates(a),
    el('h3', {}, 'Aliases'),
    el('p', { class: 'aliases' }, a.aliases.join(', ') || '—'),
    positions.length ? el('h3', {}, 'Positions') : null,
    positions.length ? el('ul', {}, ...[...new Set(positions)].map((p) => el('li', {}, nodeLink(p)))) : null,
    el('h3', {}, `Neighbours (${order.length})`),
    el('ul', { class: 'neighbours' }, ...order.map((other) =>
      el('li', {}, nodeLink(other), ': ',
        ...neighbours.get(other).flatMap((edge, i) => [
          i ? ', ' : null,
          el('a', { href: '#', 'data-edge': edge, onclick: (ev) => { ev.preventDefault(); selectEdge(edge); } },
            graph.getEdgeAttribute(edge, 'relation')),
        ])))),
  );
  if (center) {
    const d = renderer.getNodeDisplayData(id);
    if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(renderer.getCamera().ratio, 0.5) }, { duration: 300 });
  }
  refresh();
}

function selectEdge(id) {
  state.selectedEdge = id;
  state.selectedNode = null;
  const a = graph.getEdgeAttributes(id);
  const [s, t] = graph.extremities(id);
  $('details').replaceChildren(
    el('h2', {}, nodeLink(s), a.symmetric ? ' — ' : ' → ', el('em', {}, a.relation), a.symmetric ? ' — ' : ' → ', nodeLink(t)),
    el('p', {}, `weight ${a.weight} · ${a.modality}${a.symmetric ? ' · symmetric' : ''}`),
    dates(a),
    el('h3', {}, `Evidence (${a.evidence.length}${a.evidenceCount > a.evidence.length ? ` of ${a.evidenceCount}` : ''})`),
    el('ol', { class: 'evidence' }, ...a.evidence.map(([article, sentence, modality, date]) =>
      el('li', {}, el('q', {}, sentence), el('br'),
        el('small', {}, `article ${article}${date ? ` · ${date}` : ''}${modality !== 'asserted' ? ` · ${modality}` : ''}`)))),
  );
  refresh();
}

renderer.on('clickNode', ({ node }) => selectNode(node, false));
renderer.on('clickEdge', ({ edge }) => selectEdge(edge));
renderer.on('clickStage', () => {
  state.selectedNode = null;
  state.selectedEdge = null;
  $('details').replaceChildren(el('p', { class: 'hint' }, 'Click an entity or a relation.'));
  refresh();
});
renderer.on('enterNode', ({ node }) => { state.hoveredNode = node; refresh(); });
renderer.on('leaveNode', () => { state.hoveredNode = null; refresh(); });

refresh();

// The page's own state, for people in the console and for the browser test.
window.newsgraph = { graph, renderer, state, search, selectNode, selectEdge, refresh };
document.body.dataset.ready = 'true';

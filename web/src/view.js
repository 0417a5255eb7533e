// newsgraph's HTML view: reads the graph embedded in the page (a
// <script type="application/json" id="newsgraph-data"> element written by
// src/export/html.rs), draws it with sigma.js at the positions the Rust side computed
// (src/export/layout.rs), and wires the legend, search, filters and the details panel.
// Bundled by web/build.cjs into web/dist/view.js, which the Rust side embeds.
//
// Readable at the size of a 2,000-article graph: entities without a shown relation are
// hidden until asked for (most entities of a news corpus are named once and related to
// nothing), the camera frames what is shown, and labels are placed by this file rather
// than by sigma's grid: most important first (search hits and the selected entity's
// neighbours, then the biggest), each only where it overlaps no label already placed.
import Graph from 'graphology';
import Sigma from 'sigma';

const $ = (id) => document.getElementById(id);
performance.mark('newsgraph:start');
const data = JSON.parse($('newsgraph-data').textContent);
performance.mark('newsgraph:parsed');

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

const count = (n) => n.toLocaleString('en');

// Colours: entity types and relation tones come from the data (src/export/mod.rs).
const colorOf = {};
for (const k of data.kinds) colorOf[k.kind] = k.color;
const toneColor = {};
for (const t of data.tones) toneColor[t.tone] = t.color;
const toneOf = {};
for (const r of data.relations) toneOf[r.relation] = r.tone;
const edgeColor = (relation) => `${toneColor[toneOf[relation]] || '#999999'}b0`;

const graph = new Graph({ multi: true, type: 'mixed', allowSelfLoops: true });
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
    // weight counts asserted mentions (0 for an edge only ever stated as future,
    // negated or hypothetical); the filter and width go by every supporting mention.
    size: Math.min(1 + Math.log2(Math.max(1, e.evidence_count)), 6),
    color: edgeColor(e.relation),
  };
  if (e.symmetric) graph.addUndirectedEdgeWithKey(e.id, e.source, e.target, attrs);
  else graph.addDirectedEdgeWithKey(e.id, e.source, e.target, attrs);
}
performance.mark('newsgraph:graph');
const isolatedInAll = graph.filterNodes((id) => graph.degreeWithoutSelfLoops(id) === 0).length;

// ---------------------------------------------------------------------------------
// State: filters, search matches, selection. The reducers read it on every render.
const state = {
  relations: new Set(data.relations.map((r) => r.relation)),
  kinds: new Set(data.kinds.map((k) => k.kind)),
  minWeight: 1,
  from: data.first_day || '',
  to: data.last_day || '',
  showIsolated: Boolean(data.show_isolated),
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

function kindAndDateVisible(a) {
  return state.kinds.has(a.kind) && inDates(a.first, a.last);
}

// What the filters let through, recomputed by refilter(): the visible edges, and per
// node the number of visible edges (a node without one is shown only when asked).
let visibleEdges = new Set();
let visibleDegree = new Map();

function refilter() {
  visibleEdges = new Set();
  visibleDegree = new Map();
  graph.forEachEdge((id, a, s, t, sa, ta) => {
    if (!state.relations.has(a.relation) || a.evidenceCount < state.minWeight) return;
    if (!inDates(a.first, a.last) || !kindAndDateVisible(sa) || !kindAndDateVisible(ta)) return;
    visibleEdges.add(id);
    visibleDegree.set(s, (visibleDegree.get(s) || 0) + 1);
    if (t !== s) visibleDegree.set(t, (visibleDegree.get(t) || 0) + 1);
  });
}

function nodeVisible(id, a) {
  if (!kindAndDateVisible(a)) return false;
  return state.showIsolated || visibleDegree.has(id) || id === state.selectedNode;
}

const edgeVisible = (id) => visibleEdges.has(id);

// Nodes next to the selected or hovered one, through visible edges.
function focusSet() {
  const focus = state.hoveredNode || state.selectedNode;
  if (!focus) return null;
  const set = new Set([focus]);
  graph.forEachEdge(focus, (edge, a, s, t) => {
    if (edgeVisible(edge)) set.add(s === focus ? t : s);
  });
  return set;
}

let focus = null;
// Lit: in the focus (the selected or hovered entity and its neighbours) when there is
// one, else among the search hits when there are any; everything else is greyed.
function isLit(id) {
  if (focus !== null) return focus.has(id);
  return state.matches === null || state.matches.has(id);
}
const LABEL_SIZE = 12;
const LABEL_FONT = 'system-ui, sans-serif';
const renderer = new Sigma(graph, $('graph'), {
  // Labels are drawn by drawLabels() below, after each render.
  renderLabels: false,
  renderEdgeLabels: false,
  enableEdgeEvents: true,
  labelSize: LABEL_SIZE,
  labelFont: LABEL_FONT,
  zIndex: true,
  minEdgeThickness: 1,
  nodeReducer(id, a) {
    const r = { ...a };
    if (!nodeVisible(id, a)) return { ...r, hidden: true };
    if (!isLit(id)) {
      r.color = '#e2e2e2';
      r.label = '';
      r.zIndex = 0;
    } else {
      r.zIndex = 1;
    }
    if (id === state.selectedNode) r.highlighted = true;
    return r;
  },
  edgeReducer(id, a) {
    const r = { ...a };
    if (!edgeVisible(id)) return { ...r, hidden: true };
    const [s, t] = graph.extremities(id);
    const f = state.hoveredNode || state.selectedNode;
    if (id === state.selectedEdge) {
      r.color = '#000000';
      r.size = a.size + 2;
      r.zIndex = 2;
    } else if (f && (s === f || t === f)) {
      r.color = a.color.slice(0, 7);
      r.zIndex = 1;
    } else if (f || state.matches !== null) {
      r.color = '#eeeeee';
      r.zIndex = 0;
    } else if (a.modality !== 'asserted') {
      // Negated, future and hypothetical relations fainter.
      r.color = `${a.color.slice(0, 7)}55`;
      r.zIndex = 0;
    }
    return r;
  },
});

performance.mark('newsgraph:sigma');

// ---------------------------------------------------------------------------------
// Labels: candidates in order of importance (lit nodes when a search or a focus is on,
// the selected one first; then by size and mentions), each drawn only where it
// overlaps no label placed before it in this frame.
let labelOrder = [];
function orderLabels() {
  const lit = (id) => (state.matches !== null || focus !== null) && isLit(id);
  const rank = (id) => (id === state.selectedNode ? 2 : lit(id) ? 1 : 0);
  labelOrder = graph.filterNodes((id, a) => nodeVisible(id, a));
  const key = new Map(labelOrder.map((id) => [id, rank(id)]));
  labelOrder.sort((x, y) => key.get(y) - key.get(x)
    || graph.getNodeAttribute(y, 'size') - graph.getNodeAttribute(x, 'size')
    || graph.getNodeAttribute(y, 'mentions') - graph.getNodeAttribute(x, 'mentions')
    || (x < y ? -1 : 1));
}

const widths = new Map();
let labelsShown = [];

function drawLabels() {
  const ctx = renderer.getCanvases().labels.getContext('2d');
  ctx.font = `${LABEL_SIZE}px ${LABEL_FONT}`;
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  const { width, height } = renderer.getDimensions();
  // At most one label per 2,500 square pixels, so a big graph is not carpeted in text.
  const maxLabels = Math.floor((width * height) / 2500);
  const CELL = 64;
  const cells = new Map();
  const boxes = (b, fn) => {
    for (let cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx += 1) {
      for (let cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy += 1) {
        if (fn(`${cx},${cy}`)) return true;
      }
    }
    return false;
  };
  // Boxes are [x0, y0, x1, y1, owner, disk radius (for a disk)]; disks smaller than
  // `below` do not count.
  const overlaps = (b, self, below) => boxes(b, (k) => (cells.get(k) || []).some(
    (o) => o[4] !== self && !(o[5] < below)
      && b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]));
  const place = (b) => boxes(b, (k) => {
    if (!cells.has(k)) cells.set(k, []);
    cells.get(k).push(b);
    return false;
  });
  const text = (label, x, y, color) => {
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 3;
    ctx.strokeText(label, x, y);
    ctx.fillStyle = color;
    ctx.fillText(label, x, y);
  };
  // The disks on screen are obstacles: a label covers no node (greyed ones aside).
  const greying = focus !== null || state.matches !== null;
  const onScreen = [];
  for (const id of labelOrder) {
    const d = renderer.getNodeDisplayData(id);
    if (!d || d.hidden) continue;
    const p = renderer.framedGraphToViewport(d);
    const size = renderer.scaleSize(d.size);
    if (p.x < -200 || p.x > width + 200 || p.y < -20 || p.y > height + 20) continue;
    if (greying && !isLit(id)) continue;
    place([p.x - size, p.y - size, p.x + size, p.y + size, id, size]);
    onScreen.push([id, d, p, size]);
  }
  labelsShown = [];
  // Sigma draws the hovered (else the selected) entity's label itself, in a box: keep
  // that place free.
  const boxed = state.hoveredNode || state.selectedNode;
  for (const [id, d, p, size] of onScreen) {
    if (id !== boxed || !d.label) continue;
    const w = ctx.measureText(d.label).width;
    place([p.x - size - 2, p.y - LABEL_SIZE / 2 - 4, p.x + size + w + 8, p.y + LABEL_SIZE / 2 + 4, id]);
  }
  for (const [id, d, p, size] of onScreen) {
    if (labelsShown.length >= maxLabels) break;
    if (!d.label || id === boxed) continue;
    let w = widths.get(d.label);
    if (w === undefined) {
      w = ctx.measureText(d.label).width;
      widths.set(d.label, w);
    }
    const top = p.y - LABEL_SIZE / 2 - 2;
    const bottom = p.y + LABEL_SIZE / 2 + 2;
    // Right of the node, else left of it, else above or below it.
    const h = LABEL_SIZE + 4;
    const spots = [
      [p.x + size + 1, top, p.x + size + 5 + w, bottom, id],
      [p.x - size - 5 - w, top, p.x - size - 1, bottom, id],
      [p.x - w / 2 - 2, p.y - size - 1 - h, p.x + w / 2 + 2, p.y - size - 1, id],
      [p.x - w / 2 - 2, p.y + size + 1, p.x + w / 2 + 2, p.y + size + 1 + h, id],
    ];
    const fits = (b, below) => b[0] >= 0 && b[2] <= width && !overlaps(b, id, below);
    let box = spots.find((b) => fits(b, 0));
    // The first few (the most important) may cover small disks rather than go unnamed.
    if (!box && labelsShown.length < 12) box = spots.find((b) => fits(b, 8));
    if (!box) continue;
    place(box);
    text(d.label, box[0] + 2, (box[1] + box[3]) / 2, '#222222');
    labelsShown.push({ id, box: box.slice(0, 4) });
  }
  // The relations of the selected or hovered entity, and the selected relation, named
  // at their middle (parallel ones stacked).
  const f = state.hoveredNode || state.selectedNode;
  const named = [];
  if (f && graph.hasNode(f)) graph.forEachEdge(f, (edge) => { if (edgeVisible(edge)) named.push(edge); });
  if (state.selectedEdge && !named.includes(state.selectedEdge)) named.push(state.selectedEdge);
  // Each where it overlaps nothing placed: half-way along the edge, else nearer one end.
  ctx.font = `${LABEL_SIZE - 1}px ${LABEL_FONT}`;
  if (state.selectedEdge) named.unshift(named.splice(named.indexOf(state.selectedEdge), 1)[0]);
  for (const edge of named.slice(0, 200)) {
    const [s, t] = graph.extremities(edge);
    const ds = renderer.getNodeDisplayData(s);
    const dt = renderer.getNodeDisplayData(t);
    if (!ds || !dt || ds.hidden || dt.hidden) continue;
    const a = renderer.framedGraphToViewport(ds);
    const b = renderer.framedGraphToViewport(dt);
    const rel = graph.getEdgeAttribute(edge, 'relation');
    const weight = graph.getEdgeAttribute(edge, 'weight');
    const label = weight > 1 ? `${rel} (${weight})` : rel;
    const wl = ctx.measureText(label).width;
    for (const k of [0.5, 0.35, 0.65, 0.2, 0.8]) {
      const x = a.x + (b.x - a.x) * k;
      const y = a.y + (b.y - a.y) * k;
      const box = [x - wl / 2 - 1, y - LABEL_SIZE / 2, x + wl / 2 + 1, y + LABEL_SIZE / 2, edge];
      if (edge !== state.selectedEdge && overlaps(box, edge)) continue;
      place(box);
      text(label, x - wl / 2, y, toneColor[toneOf[rel]] || '#555555');
      break;
    }
  }
}
renderer.on('afterRender', drawLabels);

// ---------------------------------------------------------------------------------
// Refreshing: after a filter change (refilter, reframe), after a change of focus.
// `hover`: only the focus changed, so only the shown nodes and edges are reduced again
// (a big graph's hidden thousands are left alone, and the draw order is kept).
function refresh(hover) {
  focus = focusSet();
  orderLabels();
  if (hover === true) {
    renderer.refresh({
      partialGraph: { nodes: graph.filterNodes((id, a) => nodeVisible(id, a)), edges: [...visibleEdges] },
      skipIndexation: true,
    });
  } else {
    renderer.refresh();
  }
  $('shown').textContent = countShown();
}

// Frame what the filters show (all of it when nothing is).
function reframe() {
  let box = null;
  graph.forEachNode((id, a) => {
    if (!nodeVisible(id, a)) return;
    if (!box) box = { x: [a.x, a.x], y: [a.y, a.y] };
    box.x = [Math.min(box.x[0], a.x), Math.max(box.x[1], a.x)];
    box.y = [Math.min(box.y[0], a.y), Math.max(box.y[1], a.y)];
  });
  if (box && box.x[0] === box.x[1]) box.x = [box.x[0] - 1, box.x[1] + 1];
  if (box && box.y[0] === box.y[1]) box.y = [box.y[0] - 1, box.y[1] + 1];
  renderer.setCustomBBox(box);
  renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
}

function filtersChanged() {
  refilter();
  refresh();
}

function countShown() {
  let n = 0;
  let hiddenAlone = 0;
  graph.forEachNode((id, a) => {
    if (nodeVisible(id, a)) n += 1;
    else if (kindAndDateVisible(a)) hiddenAlone += 1;
  });
  const alone = hiddenAlone ? `; ${count(hiddenAlone)} without a shown relation hidden` : '';
  return `${count(n)} of ${count(graph.order)} entities, ${count(visibleEdges.size)} of ${count(graph.size)} relations shown${alone}`;
}

// ---------------------------------------------------------------------------------
// Header, legend with entity-type filters, the isolated-entities switch.
if (data.top) $('top').textContent = `${data.top}.`;
for (const k of data.kinds) {
  const box = el('input', { type: 'checkbox', checked: '', 'data-kind': k.kind });
  box.addEventListener('change', () => {
    if (box.checked) state.kinds.add(k.kind);
    else state.kinds.delete(k.kind);
    filtersChanged();
  });
  $('legend').append(
    el('label', {}, box, el('span', { class: 'swatch', style: `background:${k.color}` }), ` ${k.kind} (${count(k.count)})`),
  );
}
const alone = el('input', { type: 'checkbox', id: 'isolated' });
alone.checked = state.showIsolated;
alone.addEventListener('change', () => {
  state.showIsolated = alone.checked;
  refilter();
  reframe();
  refresh();
});
$('legend').append(el('label', { class: 'alone', title: 'Entities that no relation shown touches' }, alone, ` without relations (${count(isolatedInAll)} in all)`));

// Relation filter: a checkbox per relation, grouped by tone (the edge colours), most
// frequent first in each group.
for (const t of data.tones) {
  const rels = data.relations.filter((r) => r.tone === t.tone);
  if (!rels.length) continue;
  $('relations').append(el('div', { class: 'tone', style: `color:${t.color}` }, el('span', { class: 'line', style: `background:${t.color}` }), ` ${t.label}`));
  for (const r of rels) {
    const box = el('input', { type: 'checkbox', checked: '', 'data-relation': r.relation });
    box.addEventListener('change', () => {
      if (box.checked) state.relations.add(r.relation);
      else state.relations.delete(r.relation);
      filtersChanged();
    });
    $('relations').append(el('label', {}, box, ` ${r.relation} (${count(r.count)})`));
  }
}
function setAllRelations(on) {
  for (const box of $('relations').querySelectorAll('input')) {
    box.checked = on;
    if (on) state.relations.add(box.dataset.relation);
    else state.relations.delete(box.dataset.relation);
  }
  filtersChanged();
}
$('rel-all').addEventListener('click', () => setAllRelations(true));
$('rel-none').addEventListener('click', () => setAllRelations(false));

const weight = $('min-weight');
weight.max = String(Math.max(1, data.max_weight));
weight.addEventListener('input', () => {
  state.minWeight = Number(weight.value) || 1;
  $('min-weight-value').textContent = String(state.minWeight);
  filtersChanged();
});
if (data.first_day) {
  for (const [id, key] of [['date-from', 'from'], ['date-to', 'to']]) {
    const input = $(id);
    input.value = state[key];
    input.min = data.first_day;
    input.max = data.last_day;
    input.addEventListener('change', () => {
      state[key] = input.value;
      filtersChanged();
    });
  }
} else {
  $('dates').replaceChildren(el('legend', {}, 'Dates'), el('span', { class: 'hint' }, 'The articles have no dates.'));
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
        alias ? el('small', {}, ` (${alias})`) : null,
        nodeVisible(id, a) ? null : el('small', {}, ' · hidden')),
    );
  }
  if (hits.length > 30) list.append(el('li', { class: 'more' }, `… ${count(hits.length - 30)} more`));
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

// The details panel, with these children (null ones left out).
function showDetails(...children) {
  $('details').replaceChildren(...children.filter((c) => c !== null && c !== undefined));
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
  showDetails(
    el('h2', {}, el('span', { class: 'swatch', style: `background:${a.color}` }), ` ${a.label}`),
    el('p', {}, `${a.kind} · ${id} · ${count(a.mentions)} mentions in ${count(a.articles)} articles`),
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
  refilter(); // a selected entity is shown even without a shown relation
  refresh();
  if (center) {
    const d = renderer.getNodeDisplayData(id);
    if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(renderer.getCamera().ratio, 0.5) }, { duration: 300 });
  }
}

function selectEdge(id) {
  state.selectedEdge = id;
  state.selectedNode = null;
  const a = graph.getEdgeAttributes(id);
  const [s, t] = graph.extremities(id);
  showDetails(
    el('h2', {}, nodeLink(s), a.symmetric ? ' — ' : ' → ', el('em', { style: `color:${toneColor[toneOf[a.relation]]}` }, a.relation), a.symmetric ? ' — ' : ' → ', nodeLink(t)),
    el('p', {}, `weight ${a.weight} (asserted) of ${a.evidenceCount} mentions · ${a.modality}${a.symmetric ? ' · symmetric' : ''}`),
    dates(a),
    el('h3', {}, `Evidence (${a.evidence.length}${a.evidenceCount > a.evidence.length ? ` of ${a.evidenceCount}` : ''})`),
    el('ol', { class: 'evidence' }, ...a.evidence.map(([article, sentence, modality, date]) =>
      el('li', {}, el('q', {}, sentence), el('br'),
        el('small', {}, `article ${article}${date ? ` · ${date}` : ''}${modality !== 'asserted' ? ` · ${modality}` : ''}`)))),
  );
  refilter();
  refresh();
}

renderer.on('clickNode', ({ node }) => selectNode(node, false));
renderer.on('clickEdge', ({ edge }) => selectEdge(edge));
renderer.on('clickStage', () => {
  state.selectedNode = null;
  state.selectedEdge = null;
  $('details').replaceChildren(el('p', { class: 'hint' }, 'Click an entity or a relation.'));
  refilter();
  refresh();
});
renderer.on('enterNode', ({ node }) => { state.hoveredNode = node; refresh(true); });
renderer.on('leaveNode', () => { state.hoveredNode = null; refresh(true); });

refilter();
reframe();
refresh();

// The page's own state, for people in the console and for the browser test.
window.newsgraph = {
  graph, renderer, state, search, selectNode, selectEdge, refresh, labels: () => labelsShown,
};
performance.mark('newsgraph:ready');
document.body.dataset.ready = 'true';

// How long newsgraph's HTML view of a big graph takes to open and lay out in headless
// Chromium, from the start of navigation to the page's ready mark (the first frame drawn
// with its labels), and whether it stays usable: no request, no error, every node in
// sigma's graph, labels that do not overlap, a search and a selection in a few hundred
// milliseconds. Fails above MAX_MS. Writes a screenshot as the page opens, and one with
// the first search hit selected (SCREENSHOT with -SEARCH before .png).
// Usage: node load.cjs PAGE.html SCREENSHOT.png MAX_MS [SEARCH]
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { withPage, run, overlappingLabels } = require('./browser.cjs');

const [pagePath, shotPath, maxMs, query] = process.argv.slice(2);
const url = 'file://' + path.resolve(pagePath);

run(() => withPage({ width: 1280, height: 800 }, async (page) => {
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  const wall = Date.now() - t0;
  await page.screenshot({ path: shotPath });
  const overlapping = await page.evaluate(overlappingLabels);
  const got = await page.evaluate((q) => {
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name.replace('newsgraph:', ''), Math.round(m.startTime)]));
    const g = window.newsgraph;
    const time = (f) => { const t = performance.now(); const r = f(); return [Math.round(performance.now() - t), r]; };
    const out = {
      marks, nodes: g.graph.order, edges: g.graph.size, labels: g.labels().length,
      shown: document.getElementById('shown').textContent,
    };
    if (q) {
      const [searchMs, hits] = time(() => g.search(q));
      const [selectMs] = time(() => g.selectNode(hits[0], false));
      const [hoverMs] = time(() => { g.state.hoveredNode = hits[0]; g.refresh(true); });
      Object.assign(out, { search: q, hits: hits.length, search_ms: searchMs, select_ms: selectMs, hover_ms: hoverMs });
    }
    return out;
  }, query || '');
  if (query) {
    await page.waitForTimeout(100);
    await page.screenshot({ path: shotPath.replace(/\.png$/, `-${query}.png`) });
  }
  const report = { bytes: fs.statSync(pagePath).size, ready_ms_wall: wall, ready_ms_navigation: got.marks.ready, overlapping, ...got };
  console.log(JSON.stringify(report));
  assert.deepStrictEqual(errors, [], 'page errors');
  assert.deepStrictEqual(requests.filter((u) => u !== url), [], 'requests that left the page');
  assert.strictEqual(overlapping, 0, 'overlapping labels');
  assert(got.labels > 0, 'no label drawn');
  assert(wall < Number(maxMs), `the page took ${wall} ms to open and lay out (limit ${maxMs} ms)`);
}));

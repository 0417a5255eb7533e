// Open newsgraph's HTML view from file:// in headless Chromium (Debian's, driven by
// playwright-core) and check it as a person would use it: no request leaves the page,
// every node is in sigma's graph, those with a relation are drawn (and the others once
// "without relations" is ticked), labels do not overlap, search finds an alias, a click
// on a node shows its neighbours and a click on an edge its evidence, the relation
// filter lists every relation of the graph. Writes a screenshot of the page as it opens.
// Usage: node view.cjs PAGE.html EXPECT.json SCREENSHOT.png
// EXPECT.json: {nodes, edges, linked, relations, search?, search_hit?, edge?, edge_article?}
// (without `search`, only the opening checks run).
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { withPage, run, overlappingLabels } = require('./browser.cjs');

const [pagePath, expectPath, shotPath] = process.argv.slice(2);
const want = JSON.parse(fs.readFileSync(expectPath, 'utf8'));
const url = 'file://' + path.resolve(pagePath);

// Nodes sigma has a position for and does not hide.
function placedNodes() {
  const { graph, renderer } = window.newsgraph;
  let placed = 0;
  graph.forEachNode((id) => {
    const d = renderer.getNodeDisplayData(id);
    if (d && Number.isFinite(d.x) && Number.isFinite(d.y) && !d.hidden) placed += 1;
  });
  return placed;
}

run(async () => {
  const out = {};
  await withPage({ width: 1280, height: 800 }, async (page) => {
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    out.ready_ms = Date.now() - t0;

    const s = await page.evaluate((placedSrc) => {
      const { graph, renderer } = window.newsgraph;
      renderer.refresh();
      // Read the WebGL node layer right after a synchronous render, before it is composited.
      const canvases = renderer.getCanvases();
      const gl = canvases.nodes.getContext('webgl2') || canvases.nodes.getContext('webgl');
      const w = gl.drawingBufferWidth;
      const h = gl.drawingBufferHeight;
      const px = new Uint8Array(w * h * 4);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
      let painted = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) painted += 1;
      const ctx = canvases.labels.getContext('2d');
      const lab = ctx.getImageData(0, 0, canvases.labels.width, canvases.labels.height).data;
      let labelled = 0;
      for (let i = 3; i < lab.length; i += 4) if (lab[i] > 0) labelled += 1;
      // eslint-disable-next-line no-new-func
      const placed = new Function(`return (${placedSrc})()`)();
      return {
        order: graph.order, size: graph.size, painted, labelled, placed, pixels: w * h,
        labels: window.newsgraph.labels().length,
        relations: document.querySelectorAll('#relations input[data-relation]').length,
      };
    }, placedNodes.toString());
    s.overlapping = await page.evaluate(overlappingLabels);
    Object.assign(out, s);
    assert.strictEqual(s.order, want.nodes, 'nodes in sigma\'s graph');
    assert.strictEqual(s.size, want.edges, 'edges in sigma\'s graph');
    assert.strictEqual(s.placed, want.linked, 'nodes drawn at first (those with a relation)');
    // Every drawn disk is at least 3 pixels in radius: about 28 pixels painted each.
    assert(s.painted > want.linked * 10, `node canvas nearly blank: ${s.painted} of ${s.pixels} pixels`);
    assert(s.labelled > 0 && s.labels > 0, 'no label drawn');
    assert.strictEqual(s.overlapping, 0, 'overlapping labels');
    assert.strictEqual(s.relations, want.relations, 'relations in the filter');
    await page.screenshot({ path: shotPath });

    // Entities without a relation appear when asked for.
    await page.check('#isolated');
    out.placed_with_isolated = await page.evaluate((src) => new Function(`return (${src})()`)(), placedNodes.toString());
    assert.strictEqual(out.placed_with_isolated, want.nodes, 'nodes drawn with "without relations" ticked');
    await page.uncheck('#isolated');

    if (want.search) {
      // Search by typing, as a person would.
      await page.fill('#search', want.search);
      const hits = await page.$$eval('#results li[data-node]', (lis) => lis.map((li) => li.dataset.node));
      out.search_hits = hits.length;
      assert(hits.includes(want.search_hit), `search '${want.search}' gave ${JSON.stringify(hits)}`);

      // Clicking the result selects the node and lists its neighbours.
      await page.click(`#results li[data-node="${want.search_hit}"]`);
      const details = await page.textContent('#details');
      assert(details.includes('Aliases') && details.includes('Neighbours'), details);
      const neighbours = await page.$$eval('#details .neighbours a[data-node]', (as) => as.length);
      out.neighbours = neighbours;
      assert(neighbours > 0, 'no neighbour listed');

      // A click on the node on the canvas itself selects it too.
      await page.waitForTimeout(400); // the camera animation of the result click
      await page.evaluate(() => { window.newsgraph.state.selectedNode = null; window.newsgraph.refresh(); });
      const pos = await page.evaluate((id) => {
        const r = window.newsgraph.renderer;
        const a = window.newsgraph.graph.getNodeAttributes(id);
        return r.graphToViewport({ x: a.x, y: a.y });
      }, want.search_hit);
      await page.mouse.click(pos.x + (await page.$eval('#graph', (e) => e.getBoundingClientRect().left)), pos.y);
      const clicked = await page.textContent('#details h2');
      out.clicked = clicked.trim();
      assert.strictEqual(await page.evaluate(() => window.newsgraph.state.selectedNode), want.search_hit, `canvas click selected ${clicked}`);

      // An edge's evidence, with its article id.
      await page.click(`#details a[data-edge="${want.edge}"]`);
      const evidence = await page.textContent('#details');
      assert(evidence.includes('Evidence') && evidence.includes(`article ${want.edge_article}`), evidence);
      assert((await page.$$('#details .evidence li')).length > 0, 'no evidence sentence');

      // A relation filter hides edges.
      await page.click('#rel-none');
      const shown = await page.textContent('#shown');
      assert(new RegExp(`, 0 of ${want.edges} relations`).test(shown), shown);
      await page.click('#rel-all');
    }

    out.requests = requests;
    const foreign = requests.filter((u) => u !== url);
    assert.deepStrictEqual(foreign, [], 'requests that left the page');
    assert.deepStrictEqual(errors, [], 'page errors');
  });
  console.log(JSON.stringify(out));
});

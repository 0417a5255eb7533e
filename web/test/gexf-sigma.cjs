// Open newsgraph's GEXF the way Gephi Lite does, in headless Chromium: the browser build
// of graphology-gexf parses it (with the browser's own DOMParser) and sigma.js draws it
// straight away, with no layout step; sigma refuses a node without x/y, so this fails if
// any position is missing. Checks that every node is drawn at a finite place, that the
// node layer is painted, and counts undirected edges. Writes a screenshot.
// Usage: node gexf-sigma.cjs GRAPH.gexf EXPECT.json SCREENSHOT.png
// EXPECT.json: {nodes, edges, undirected}
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const esbuild = require('esbuild');
const { withPage, run } = require('./browser.cjs');

const [gexfPath, expectPath, shotPath] = process.argv.slice(2);
const want = JSON.parse(fs.readFileSync(expectPath, 'utf8'));
const gexf = fs.readFileSync(gexfPath, 'utf8');

const bundle = esbuild.buildSync({
  stdin: {
    contents: `
      import Graph from 'graphology';
      import { parse } from 'graphology-gexf/browser';
      import Sigma from 'sigma';
      window.open_gexf = (xml) => {
        const graph = parse(Graph, xml);
        const renderer = new Sigma(graph, document.getElementById('graph'));
        renderer.refresh();
        const gl = renderer.getCanvases().nodes.getContext('webgl2') || renderer.getCanvases().nodes.getContext('webgl');
        const px = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
        gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, px);
        let painted = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) painted += 1;
        let placed = 0;
        graph.forEachNode((id) => {
          const d = renderer.getNodeDisplayData(id);
          if (d && Number.isFinite(d.x) && Number.isFinite(d.y)) placed += 1;
        });
        return { nodes: graph.order, edges: graph.size, undirected: graph.undirectedSize, placed, painted };
      };`,
    resolveDir: path.join(__dirname, '..'),
  },
  bundle: true,
  format: 'iife',
  write: false,
  logLevel: 'error',
}).outputFiles[0].text;

run(() => withPage({ width: 1000, height: 800 }, async (page) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setContent('<!DOCTYPE html><html><body style="margin:0"><div id="graph" style="width:1000px;height:800px"></div></body></html>');
  await page.addScriptTag({ content: bundle });
  const got = await page.evaluate((xml) => window.open_gexf(xml), gexf);
  assert.deepStrictEqual(errors, [], 'page errors');
  assert.strictEqual(got.nodes, want.nodes, 'nodes');
  assert.strictEqual(got.edges, want.edges, 'edges');
  assert.strictEqual(got.undirected, want.undirected, 'undirected edges');
  assert.strictEqual(got.placed, want.nodes, 'nodes drawn at a finite place');
  assert(got.painted > want.nodes * 10, `node layer nearly blank: ${got.painted} pixels`);
  await page.screenshot({ path: shotPath });
  console.log(JSON.stringify(got));
}));

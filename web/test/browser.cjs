// Headless Chromium as the browser tests drive it: Debian's /usr/bin/chromium (or
// $CHROMIUM) through playwright-core, a throw-away profile, no background networking,
// software WebGL. Shared by view.cjs, load.cjs and gexf-sigma.cjs.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

// Run `fn(page)` in a fresh headless Chromium with this viewport, closing it after.
async function withPage(viewport, fn) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader'],
  });
  try {
    const page = browser.pages()[0] || (await browser.newPage());
    return await fn(page);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// Run an async main; a failure prints its stack and exits 1.
function run(main) {
  main().catch((e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exit(1);
  });
}

// In the page (pass to page.evaluate): how many pairs of the labels the view drew overlap.
function overlappingLabels() {
  const labels = window.newsgraph.labels();
  let overlapping = 0;
  for (let i = 0; i < labels.length; i += 1) {
    for (let j = i + 1; j < labels.length; j += 1) {
      const [a, b] = [labels[i].box, labels[j].box];
      if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) overlapping += 1;
    }
  }
  return overlapping;
}

module.exports = { withPage, run, overlappingLabels };

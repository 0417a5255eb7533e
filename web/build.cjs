// Rebuild web/dist/view.js (embedded by src/export/html.rs) from web/src/view.js and the
// pinned npm packages: `cd web && npm ci && node build.cjs`. The output is deterministic
// (same lock file, same bytes; `node build.cjs OUT` writes elsewhere) and starts with the licences of every bundled package.
'use strict';
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const result = esbuild.buildSync({
  entryPoints: [path.join(__dirname, 'src/view.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'error',
});

// The packages whose code is in the bundle, with their version and licence text.
const packages = new Set();
for (const file of Object.keys(result.metafile.inputs)) {
  const m = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) packages.add(m[1]);
}
let banner = '/*! newsgraph HTML view (web/src/view.js), bundled with esbuild from these npm packages:\n';
for (const name of [...packages].sort()) {
  const dir = path.join(__dirname, 'node_modules', name);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const lic = fs.readdirSync(dir).filter((f) => /^licen[cs]e/i.test(f)).sort()[0];
  if (!lic) throw new Error(`${name}: no licence file`);
  const text = fs.readFileSync(path.join(dir, lic), 'utf8').replace(/\*\//g, '* /').trim();
  banner += `\n== ${name} ${pkg.version} (${pkg.license})\n\n${text}\n`;
}
banner += '*/\n';
const code = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(__dirname, 'dist/view.js');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, banner + code);
console.log(`${out}: ${(banner + code).length} bytes, packages: ${[...packages].sort().join(', ')}`);

#!/usr/bin/env node
// npm run build:standalone [-- --out-dir dist-standalone]
// Builds the standalone page (harness/: the tab on sample clusters, "Open your cluster",
// #cluster= links, en-us and zh-hans) into a static site with relative paths: copy the
// directory to any web server (or a docs site's "try it" path) and open index.html.
// Nothing in it calls a server: the engine runs in the browser.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });

if (values.help) {
  console.log('Usage: npm run build:standalone -- [--out-dir DIR]   (default dist-standalone)');
  process.exit(0);
}
const outDir = path.resolve(ROOT, values['out-dir'] || 'dist-standalone');
const started = Date.now();

await build({
  configFile: path.join(ROOT, 'harness', 'vite.config.mjs'),
  base:       './',
  mode:       'production',
  logLevel:   'warn',
  build:      {
    outDir,
    emptyOutDir:          true,
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
  },
});

const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(outDir, f)).isFile());
const bytes = files.reduce((n, f) => n + fs.statSync(path.join(outDir, f)).size, 0);

console.log(`standalone page: ${ path.relative(ROOT, outDir) }/index.html (${ files.length } files, ${ (bytes / 1048576).toFixed(1) } MiB) in ${ ((Date.now() - started) / 1000).toFixed(1) }s`);

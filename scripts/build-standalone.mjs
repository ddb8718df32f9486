#!/usr/bin/env node
// npm run build:standalone: the standalone page (harness/) built for production into
// dist-standalone/ – a static site with index.html at its root and relative asset
// paths, so it can be served from any directory (and measured as users get it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(ROOT, 'dist-standalone');

await build({
  configFile: path.join(ROOT, 'harness', 'vite.config.mjs'),
  base:       './',
  logLevel:   'warn',
  build:      {
    outDir,
    emptyOutDir:          true,
    chunkSizeWarningLimit: 4096,
  },
});
console.log(`standalone page built into ${ path.relative(process.cwd(), outDir) || '.' }/ (open index.html through any static server)`);

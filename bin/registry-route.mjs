#!/usr/bin/env node
// Runs the bundled CLI, rebuilding it first when src/ changed since the last build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist/cli/registry-route.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

if (!existsSync(bundle) || (existsSync(join(root, 'src')) && newestSource(join(root, 'src')) > statSync(bundle).mtimeMs)) {
  const { buildCli } = await import(pathToFileURL(join(root, 'scripts/build-cli.mjs')).href);
  await buildCli();
}
await import(pathToFileURL(bundle).href);

// Bundles the CLI into dist/cli/registry-route.mjs (run by `npm ci` via prepare,
// and by bin/registry-route.mjs whenever a source file is newer than the bundle).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTFILE = join(root, 'dist/cli/registry-route.mjs');

export async function buildCli() {
  await build({
    entryPoints: [join(root, 'src/cli/bin.ts')],
    outfile: OUTFILE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();

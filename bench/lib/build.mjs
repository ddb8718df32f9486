// Bundles the engine from the current src/ (src/index.ts, plus the CLI's main() and
// relevantFindings for the in-process CLI figures) into a temporary .mjs with esbuild,
// the way scripts/build-cli.mjs bundles the CLI, and imports it. Nothing is written
// outside the temporary directory, so every run measures the source as it is now.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * @param {{minify?: boolean}} [opts] minify is off by default: function names stay
 *   readable in CPU profiles, and the CLI bundle is not minified either.
 * @returns {Promise<{engine: any, file: string, dir: string, fingerprint: string, cleanup: () => void}>}
 */
export async function buildEngine({ minify = false } = {}) {
  const fingerprint = srcFingerprint();
  const dir = mkdtempSync(join(tmpdir(), 'registry-mirrors-bench-'));
  const file = join(dir, 'engine.mjs');
  await build({
    stdin: {
      contents: "export * from './src/index.ts';\nexport { main as cliMain, relevantFindings } from './src/cli/main.ts';\n",
      resolveDir: ROOT,
      sourcefile: 'bench-entry.ts',
      loader: 'ts',
    },
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify,
    sourcemap: 'inline',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const engine = await import(pathToFileURL(file).href);
  return { engine, file, dir, fingerprint, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A short hash of every file under src/ (path + content): ties figures to a source state. */
export function srcFingerprint() {
  const hash = createHash('sha1');
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else hash.update(`${p.slice(ROOT.length)}\0`).update(readFileSync(p)).update('\0');
    }
  };
  walk(join(ROOT, 'src'));
  return hash.digest('hex').slice(0, 12);
}

// Every file of test/fixtures/hostile/ goes through the path the CLI takes
// (parseYaml → isClusterManifest → settingsFrom… → compile → resolveRoute) and
// through the CLI itself, in-process (route --json, route text, hosts-dir). Each
// file's <name>.expect.json says what must come out; on top of that, for every
// file: nothing throws, the CLI never reports an internal error, nothing is
// written outside OUTDIR, no planted secret appears in any output, the time
// stays bounded and the engine still routes a fixed sanity configuration the
// same way afterwards. Files whose expectation has "isolate" (known to hang or to
// abort Node) run in a child process with a kill timeout instead.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, DEFAULT_MAX_MS, TIME_BOUNDS, loadCorpus, materialize, requestsFor, type CorpusCase } from './corpus';
import { runPipeline, type PipelineResult } from './pipeline';

const corpus = loadCorpus();
const tmp = mkdtempSync(join(tmpdir(), 'rr-corpus-'));
const timings: Array<{ name: string; bytes: number; engineMs: number; cliMs: number; where: string }> = [];

interface ChildOutcome {
  result?: PipelineResult;
  problem?: string;
  ms: number;
}

/** Runs isolated-runner.ts (bundled) on one file; kills it after `killMs`. */
function runIsolated(bundle: string, file: string, c: CorpusCase, killMs: number): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bundle, JSON.stringify({ file, requests: requestsFor(c.expect) })], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, killMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      if (killed) return resolve({ ms, problem: `did not finish within ${killMs} ms and was killed (bound ${killMs - 1000} ms per file)` });
      if (code !== 0) {
        const fatal = stderr.split('\n').filter((l) => /FATAL|Error|error/.test(l)).slice(0, 3).join(' / ');
        return resolve({ ms, problem: `the process died (exit ${code}, signal ${signal}): ${fatal || stderr.slice(-400)}` });
      }
      try {
        resolve({ ms, result: JSON.parse(stdout) as PipelineResult });
      } catch {
        resolve({ ms, problem: `unreadable child output: ${stdout.slice(0, 200)}` });
      }
    });
  });
}

// A child process runs the engine without Stryker's active mutant, so under
// mutation testing these cases could never kill a mutant; they only cost time.
const isolatedCases = TIME_BOUNDS ? corpus.filter((c) => c.expect.isolate) : [];
const isolated = new Map<string, ChildOutcome>();
/** each child is killed after its own bound; the hook waits for the slowest kill, plus the bundling */
const isolatedHookMs = Math.max(0, ...isolatedCases.map((c) => (c.expect.maxMs ?? DEFAULT_MAX_MS) + 1000)) + 30_000;

beforeAll(async() => {
  if (!isolatedCases.length) return;
  const bundle = join(tmp, 'isolated-runner.mjs');
  await build({
    entryPoints: [join(__dirname, 'isolated-runner.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  // all at once: a hang costs its kill timeout once, not once per queue slot
  await Promise.all(
    isolatedCases.map(async(c) => {
      const { file, bytes } = materialize(c, tmp);
      const killMs = (c.expect.maxMs ?? DEFAULT_MAX_MS) + 1000;
      const outcome = await runIsolated(bundle, file, c, killMs);
      isolated.set(c.name, outcome);
      timings.push({ name: c.name, bytes: bytes.length, engineMs: outcome.result?.engineMs ?? outcome.ms, cliMs: outcome.result?.cliMs ?? NaN, where: outcome.result ? 'child process' : `child process: ${outcome.problem?.slice(0, 60)}` });
    }),
  );
}, isolatedHookMs);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  const rows = timings
    .sort((a, b) => b.engineMs + (b.cliMs || 0) - (a.engineMs + (a.cliMs || 0)))
    .map((t) => `${t.name.padEnd(48)} ${String(t.bytes).padStart(9)} B  engine ${t.engineMs.toFixed(0).padStart(6)} ms  cli×3 ${(Number.isNaN(t.cliMs) ? '-' : t.cliMs.toFixed(0)).padStart(6)} ms  ${t.where}`);
  console.log(`hostile corpus: ${corpus.length} files, timings (slowest first):\n${rows.join('\n')}`);
});

describe('hostile corpus', () => {
  it('has at least 50 files, each with an expectation', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    for (const c of corpus) expect(c.expect.description, c.name).toBeTruthy();
  });

  for (const c of corpus) {
    const title = `${c.name}: ${c.expect.description}`;
    // under mutation testing the generated megabyte inputs are left out too: they check
    // limits and speed (pinned by findings.test.ts and npm run bench), and as the
    // covering tests of most mutants they would cost seconds per mutant
    if (!TIME_BOUNDS && (c.expect.isolate || c.expect.generate)) continue;
    if (c.expect.isolate) {
      it(`${title} [child process]`, () => {
        const o = isolated.get(c.name);
        const failures = !o ? ['not run'] : o.problem ? [o.problem] : check(c.expect, o.result as PipelineResult);
        expect(failures, `${c.name} (${c.expect.isolate})`).toEqual([]);
      });
    } else {
      // a known gap runs as a failing test: it turns red the day the gap closes, so the mark cannot stay stale
      (c.expect.pending ? it.fails : it)(c.expect.pending ? `${title} [pending: ${c.expect.pending}]` : title, () => {
        const { file, bytes } = materialize(c, tmp);
        const r = runPipeline(bytes.toString('utf8'), file, requestsFor(c.expect));
        timings.push({ name: c.name, bytes: bytes.length, engineMs: r.engineMs, cliMs: r.cliMs, where: 'in-process' });
        expect(check(c.expect, r), c.name).toEqual([]);
      }, 60_000);
    }
  }
});

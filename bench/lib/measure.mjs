// Measurement helpers: tinybench for in-process figures, hyperfine (or repeated
// spawns) for whole processes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';

/** Keeps results alive so that V8 cannot drop the work as dead code. */
export const sink = { n: 0 };

/**
 * Runs `fn` with tinybench (one Bench per figure, runSync, warm-up on) and returns
 * latency statistics of one call of `fn`, in ms. `batch` = how many operations one call
 * performs: per-operation figures are latency / batch (tinybench times each call with
 * performance.now(); batching keeps its per-sample overhead far below 1 % for
 * sub-microsecond operations). `beforeEach` runs outside the timed window.
 */
/**
 * @param {string} name
 * @param {() => unknown} fn
 * @param {{ time: number, iterations: number, warmupTime: number, warmupIterations: number, batch?: number, beforeEach?: () => void }} opts
 */
export function measure(name, fn, { time, iterations, warmupTime, warmupIterations, batch = 1, beforeEach }) {
  const bench = new Bench({ name, time, iterations, warmupTime, warmupIterations, warmup: true, throws: true, retainSamples: false });
  bench.add(name, fn, beforeEach ? { beforeEach } : undefined);
  bench.runSync();
  const task = bench.tasks[0];
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`${name}: tinybench state ${r.state}${'error' in r && r.error ? `: ${r.error.message}` : ''}`);
  const l = r.latency;
  return {
    samples: l.samplesCount,
    batch,
    // per call of fn, ms
    mean: l.mean,
    p50: l.p50,
    p99: l.p99,
    min: l.min,
    max: l.max,
    rme: l.rme,
    // per operation
    opMeanMs: l.mean / batch,
    opP50Ms: l.p50 / batch,
    opsPerSec: (1000 * batch) / l.mean,
  };
}

export function hasHyperfine() {
  const r = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Wall time of shell commands (process start included), median in ms.
 * With hyperfine: `hyperfine --warmup W --runs R --export-json`; else repeated
 * spawnSync of `sh -c` with stdout to /dev/null, timed with hrtime.
 * @param {Array<{name: string, command: string}>} commands
 */
export function timeCommands(commands, { cwd, runs, warmup, useHyperfine }) {
  if (useHyperfine) {
    const dir = mkdtempSync(join(tmpdir(), 'registry-mirrors-hf-'));
    try {
      const out = join(dir, 'hf.json');
      const args = ['--style', 'none', '--warmup', String(warmup), '--runs', String(runs), '--export-json', out];
      for (const c of commands) args.push('--command-name', c.name, c.command);
      const r = spawnSync('hyperfine', args, { cwd, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`hyperfine failed (${r.status}): ${r.stderr || r.stdout}`);
      const json = JSON.parse(readFileSync(out, 'utf8'));
      return json.results.map((x) => ({
        name: x.command,
        tool: 'hyperfine',
        runs: x.times.length,
        medianMs: x.median * 1000,
        meanMs: x.mean * 1000,
        minMs: x.min * 1000,
        maxMs: x.max * 1000,
        stddevMs: (x.stddev ?? 0) * 1000,
      }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return commands.map((c) => {
    const times = [];
    const devnull = openSync('/dev/null', 'w');
    try {
      for (let i = 0; i < warmup + runs; i++) {
        const t0 = process.hrtime.bigint();
        const r = spawnSync('sh', ['-c', c.command], { cwd, stdio: ['ignore', devnull, 'pipe'] });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (r.status !== 0) throw new Error(`${c.command} exited ${r.status}: ${r.stderr}`);
        if (i >= warmup) times.push(ms);
      }
    } finally {
      closeSync(devnull);
    }
    return {
      name: c.name,
      tool: 'child_process.spawnSync',
      runs: times.length,
      medianMs: median(times),
      meanMs: times.reduce((a, b) => a + b, 0) / times.length,
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
    };
  });
}

#!/usr/bin/env node
// npm run bench [-- --short] [-- --filter TEXT]
//
// Performance figures of the route engine, each next to its budget.
//   full mode:  measures properly, writes bench/results.json, exits 1 on a missed budget
//   --short:    tiny iteration counts (CI): proves every figure runs, prints the table,
//               never fails on a figure (exits 0 unless something throws)
//   --filter T: only figures whose id contains T (budgets of skipped figures are not judged)
//
// The engine is bundled from the current src/ with esbuild at start (bench/lib/build.mjs),
// so the figures are always those of the source as it is now. See bench/README.md.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { buildEngine, ROOT, srcFingerprint } from './lib/build.mjs';
import { keystrokeEditor, makeFleet, makeImages, makeRegistries, previewImages, registriesYaml } from './lib/fixtures.mjs';
import { hasHyperfine, measure, sink, timeCommands } from './lib/measure.mjs';
import { bundleChunks } from './lib/bundle-chunks.mjs';

const argv = process.argv.slice(2);
const SHORT = argv.includes('--short');
const fi = argv.indexOf('--filter');
const FILTER = fi !== -1 ? argv[fi + 1] : undefined;
for (const a of argv) {
  if (a.startsWith('--') && !['--short', '--filter'].includes(a)) {
    console.error(`bench: unknown option ${a} (use --short, --filter TEXT)`);
    process.exit(2);
  }
}

const SIZES = [10, 200, 1000];
const VARIANTS = [
  { id: 'plain', rewrites: false, label: 'no rewrites' },
  { id: 'rw', rewrites: true, label: 'rewrite on every mirror' },
];

// tinybench settings: full = at least `time` ms and `iterations` samples per figure
const OPTS = SHORT
  ? { time: 0, iterations: 2, warmupTime: 0, warmupIterations: 1 }
  : { time: 1500, iterations: 15, warmupTime: 300, warmupIterations: 5 };
const RESOLVE_BATCH = SHORT ? 50 : 2000;
const CLI_RUNS = SHORT ? 2 : 10;
const CLI_WARMUP = SHORT ? 0 : 2;

/** @type {Array<{id: string, label: string, value: number|null, unit: string, display: string, budget?: {op: '>='|'<=', value: number, display: string}, status: 'PASS'|'MISS'|'info'|'skipped', method: string, notes?: string, detail?: object}>} */
const figures = [];
const wanted = (id) => !FILTER || id.includes(FILTER);

function fmtNum(x, digits = 0) {
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
function fmtMs(ms) {
  if (ms >= 1000) return `${fmtNum(ms / 1000, 2)} s`;
  if (ms >= 10) return `${fmtNum(ms, 1)} ms`;
  if (ms >= 1) return `${fmtNum(ms, 2)} ms`;
  if (ms >= 0.001) return `${fmtNum(ms * 1000, 1)} µs`;
  return `${fmtNum(ms * 1e6, 0)} ns`;
}
function fmtBytes(b) {
  return b >= 1024 ? `${fmtNum(b / 1024, 1)} KB` : `${b} B`;
}

function judge(value, budget) {
  if (!budget) return 'info';
  if (value === null || value === undefined || Number.isNaN(value)) return 'MISS';
  return (budget.op === '>=' ? value >= budget.value : value <= budget.value) ? 'PASS' : 'MISS';
}

function add(fig) {
  fig.status = fig.status ?? judge(fig.value, fig.budget);
  figures.push(fig);
  const b = fig.budget ? `  (budget ${fig.budget.display}: ${fig.status})` : '';
  process.stderr.write(`  ${fig.id.padEnd(34)} ${fig.display}${b}\n`);
}

function section(title) {
  process.stderr.write(`\n# ${title}\n`);
}

// ---------------------------------------------------------------------------------------
const t0 = performance.now();
const load0 = loadavg();
process.stderr.write(`registry-mirrors bench (${SHORT ? 'short: tiny iteration counts, figures are not judged' : 'full'}) – node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}\n`);
process.stderr.write('building the engine from src/ with esbuild …\n');
const built = await buildEngine();
const E = built.engine;
process.stderr.write(`src/ fingerprint ${built.fingerprint}\n`);
const tmp = mkdtempSync(join(tmpdir(), 'registry-mirrors-bench-data-'));
process.on('exit', () => {
  built.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

for (const fn of ['parseYaml', 'settingsFromNodeValue', 'compile', 'resolveRoute']) {
  if (typeof E[fn] !== 'function') throw new Error(`src/index.ts no longer exports ${fn}()`);
}
const hasValidate = typeof E.validate === 'function';

// fixtures: registries.yaml text, settings and compiled config for every size and variant
const fixtures = {};
for (const v of VARIANTS) {
  for (const n of SIZES) {
    const text = registriesYaml(makeRegistries(n, { rewrites: v.rewrites }));
    const y = E.parseYaml(text);
    if (!y.ok) throw new Error(`fixture ${n}/${v.id} does not parse: ${y.error} at ${y.line}:${y.column}`);
    const s = E.settingsFromNodeValue(y.value);
    const compiled = E.compile(s.settings, s.findings);
    const errors = compiled.findings.filter((f) => f.severity === 'error');
    if (errors.length) throw new Error(`fixture ${n}/${v.id} has error findings: ${errors.slice(0, 3).map((f) => `${f.code} ${f.message}`).join('; ')}`);
    const images = makeImages(4096, n);
    for (const img of images.slice(0, 64)) {
      const r = E.resolveRoute(compiled, img);
      if (r.attempts.length === 0) throw new Error(`fixture image ${img} has no attempts: ${JSON.stringify(r.findings)}`);
    }
    fixtures[`${n}/${v.id}`] = { n, variant: v, text, settings: s.settings, settingsFindings: s.findings, compiled, images, mirrors: Object.keys(s.settings.registries.mirrors).length, configs: Object.keys(s.settings.registries.configs).length, hostsFiles: compiled.hostsFiles.length };
  }
}

// ---------------------------------------------------------------------------------------
section('resolve throughput (resolveRoute on a compiled config; images spread over the configured registries)');
// Budget figures resolve references never seen before (a pool of UNIQUE_POOL distinct
// references, more than the engine's input-keyed memo tables hold), so they measure the
// engine and not a cache hit on the input string. resolve-hot repeats 4,096 references.
const UNIQUE_POOL = SHORT ? 4096 : 1 << 17;
// each figure in a worker thread of its own (bench/lib/resolve-worker.mjs): fresh JIT state
// and heap, so that no figure measures the ones run before it
const resolveInWorker = (data) => new Promise((resolve, reject) => {
  const w = new Worker(new URL('./lib/resolve-worker.mjs', import.meta.url), { workerData: { engineFile: built.file, batch: RESOLVE_BATCH, opts: OPTS, poolSize: UNIQUE_POOL, ...data } });
  w.once('message', resolve);
  w.once('error', reject);
  w.once('exit', (code) => code !== 0 && reject(new Error(`resolve worker exited with ${code}`)));
});
for (const v of VARIANTS) {
  for (const n of SIZES) {
    const runs = [{ id: `resolve.${n}.${v.id}`, pool: 'unique', label: `resolve, ${n} mirrors, ${v.label}`, budgeted: true }];
    if (n === 200) runs.push({ id: `resolve-hot.${n}.${v.id}`, pool: 'hot', label: '  same, 4,096 references repeated (memo-warm)', budgeted: false });
    for (const r of runs) {
      if (!wanted(r.id)) continue;
      const { m, sink: s, pool } = await resolveInWorker({ n, rewrites: v.rewrites, pool: r.pool });
      sink.n += s;
      const budget = r.budgeted && n === 200 ? (v.rewrites ? { op: '>=', value: 300_000, display: '≥ 300,000/s' } : { op: '>=', value: 1_000_000, display: '≥ 1,000,000/s' }) : undefined;
      add({ id: r.id, label: r.label, value: m.opsPerSec, unit: 'resolves/s', display: `${fmtNum(m.opsPerSec)}/s (${fmtMs(m.opMeanMs)} each)`, budget, method: `tinybench in a worker thread of its own, ${RESOLVE_BATCH} resolves per sample, ${r.budgeted ? `${pool} distinct references` : '4,096 references repeated'}`, detail: { ...m, pool } });
    }
  }
}

// ---------------------------------------------------------------------------------------
section(`compile (validate included)${hasValidate ? ' and validate(compiled) alone' : ''}`);
for (const v of VARIANTS) {
  for (const n of SIZES) {
    const fx = fixtures[`${n}/${v.id}`];
    const id = `compile.${n}.${v.id}`;
    if (wanted(id)) {
      const m = measure(id, () => {
        sink.n += E.compile(fx.settings, fx.settingsFindings).hostsFiles.length;
      }, OPTS);
      add({ id, label: `compile, ${n} mirrors, ${v.label}`, value: m.p50, unit: 'ms (median)', display: `${fmtMs(m.p50)} median (mean ${fmtMs(m.mean)})`, method: 'tinybench', notes: `${fx.hostsFiles} hosts.toml files`, detail: m });
    }
    const vid = `validate.${n}.${v.id}`;
    if (wanted(vid)) {
      if (!hasValidate) {
        add({ id: vid, label: `validate, ${n} mirrors`, value: null, unit: 'ms', display: 'validate() is not exported: included in compile only', status: 'info', method: '–' });
      } else {
        const m = measure(vid, () => {
          sink.n += E.validate(fx.compiled).length;
        }, OPTS);
        add({ id: vid, label: `validate(compiled), ${n} mirrors, ${v.label}`, value: m.p50, unit: 'ms (median)', display: `${fmtMs(m.p50)} median (mean ${fmtMs(m.mean)})`, method: 'tinybench', detail: m });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
section('keystroke cycle: parseYaml + settingsFromNodeValue → compile (validate included) → preview of 3 images; one edited endpoint per cycle');
for (const v of VARIANTS) {
  for (const n of SIZES) {
    const fx = fixtures[`${n}/${v.id}`];
    const preview = previewImages(n);
    const pid = `parse.${n}.${v.id}`;
    if (v.id === 'plain' && wanted(pid)) {
      const m = measure(pid, () => {
        const y = E.parseYaml(fx.text);
        sink.n += Object.keys(E.settingsFromNodeValue(y.value).settings.registries.mirrors).length;
      }, OPTS);
      add({ id: pid, label: `parse only (YAML → settings), ${n} mirrors`, value: m.p50, unit: 'ms (median)', display: `${fmtMs(m.p50)} median (${fmtBytes(fx.text.length)} of YAML)`, method: 'tinybench', detail: m });
    }
    const id = `keystroke.${n}.${v.id}`;
    if (!wanted(id)) continue;
    // every cycle parses a text with one edit never seen before (see keystrokeEditor)
    const edit = keystrokeEditor(fx.text, n);
    let t = 0;
    const cycle = (text) => {
      const y = E.parseYaml(text);
      if (!y.ok) throw new Error(y.error);
      const s = E.settingsFromNodeValue(y.value);
      const c = E.compile(s.settings, s.findings);
      let a = 0;
      for (const img of preview) a += E.resolveRoute(c, img).attempts.length;
      sink.n += a + c.findings.length;
    };
    const m = measure(id, () => cycle(edit(t++)), OPTS);
    const budget = n === 200 ? { op: '<=', value: 5, display: '≤ 5 ms median' } : n === 1000 ? { op: '<=', value: 25, display: '≤ 25 ms median' } : undefined;
    add({ id, label: `keystroke cycle, ${n} mirrors, ${v.label}`, value: m.p50, unit: 'ms (median)', display: `${fmtMs(m.p50)} median (p99 ${fmtMs(m.p99)})`, budget, method: 'tinybench; one new edit per cycle', detail: m });
    const sid = `keystroke-same.${n}.${v.id}`;
    if (v.id === 'plain' && n >= 200 && wanted(sid)) {
      const ms = measure(sid, () => cycle(fx.text), OPTS);
      add({ id: sid, label: `  same, unchanged text (memo best case), ${n} mirrors`, value: ms.p50, unit: 'ms (median)', display: `${fmtMs(ms.p50)} median`, method: 'tinybench; identical text every cycle', detail: ms });
    }
  }
}

// ---------------------------------------------------------------------------------------
section('many-image check: 10,000 images against a 200-mirror config');
const fx200 = fixtures['200/plain'];
const images10k = makeImages(10_000, 200, { seed: 3 });
const regFile = join(tmp, 'registries-200.yaml');
const listFile = join(tmp, 'images-10000.txt');
writeFileSync(regFile, fx200.text);
writeFileSync(listFile, `${images10k.join('\n')}\n`);
// In-process figures resolve a different set of 10,000 references in every sample (slices
// of a pool of distinct references), so the engine's input-keyed memo tables start cold for
// each list, as in a fresh CLI process.
const SLICES = SHORT ? 2 : 20;
// built whenever a figure that reads it runs (with --filter resolve, only the resolve figure does)
const manyPool = ['many.inprocess.resolve', 'many.inprocess.cli-main'].some(wanted) ? makeImages(10_000 * SLICES, 200, { unique: true, seed: 7 }) : [];
const slice = (i) => {
  const list = manyPool.slice((i % SLICES) * 10_000, ((i % SLICES) + 1) * 10_000);
  // an empty list times nothing, and a timed run of nothing never reaches its measuring time
  if (list.length !== 10_000) throw new Error(`bench: slice ${i} of the 10,000-image pool has ${list.length} images`);
  return list;
};
if (wanted('many.inprocess.resolve')) {
  // a fresh compile before every sample (untimed): per-registry plans start cold, as in the CLI
  let fresh;
  let list;
  let sample = 0;
  const m = measure('many.inprocess.resolve', () => {
    let s = 0;
    for (const img of list) s += E.resolveRoute(fresh, img).attempts.length;
    sink.n += s;
  }, {
    ...(SHORT ? { ...OPTS, iterations: 1 } : { ...OPTS, iterations: 10 }),
    beforeEach: () => {
      fresh = E.compile(fx200.settings, fx200.settingsFindings);
      list = slice(sample++);
    },
  });
  add({ id: 'many.inprocess.resolve', label: '10,000 images, in-process resolveRoute (after a fresh compile)', value: m.p50, unit: 'ms (median)', display: `${fmtMs(m.p50)} median (${fmtNum((10_000 * 1000) / m.p50)}/s)`, method: 'tinybench, 10,000 new references per sample, compile untimed', detail: m });
}
if (wanted('many.inprocess.cli-main') && typeof E.cliMain === 'function') {
  // the CLI's main() without process start: read files, compile, resolve, relevantFindings, JSON
  const out = { bytes: 0, write(s) { this.bytes += s.length; return true; } };
  const err = { text: '', write(s) { this.text += s; return true; } };
  const files = Array.from({ length: SLICES }, (_, i) => {
    const f = join(tmp, `images-slice-${i}.txt`);
    writeFileSync(f, `${slice(i).join('\n')}\n`);
    return f;
  });
  let args = ['--registries', regFile, '--images-file', files[0], '--json'];
  const rc = E.cliMain(args, out, err);
  if (rc !== 0) throw new Error(`in-process CLI main() returned ${rc}: ${err.text}`);
  let sample = 1;
  const m = measure('many.inprocess.cli-main', () => {
    sink.n += E.cliMain(args, out, err) + 1;
  }, { ...(SHORT ? { ...OPTS, iterations: 1 } : { ...OPTS, iterations: 5 }), beforeEach: () => { args = ['--registries', regFile, '--images-file', files[sample++ % SLICES], '--json']; } });
  add({ id: 'many.inprocess.cli-main', label: '10,000 images, CLI main() in-process (no process start)', value: m.p50, unit: 'ms (median)', display: `${fmtMs(m.p50)} median`, method: 'tinybench, a new list of 10,000 references per sample', notes: 'read + compile + resolve + relevantFindings + JSON.stringify', detail: m });
}
if (wanted('many.cli')) {
  const bin = join(ROOT, 'bin/registry-route.mjs');
  // preflight: the exact command must succeed (exit 0) and print 10,000 routes
  const pre = spawnSync(process.execPath, [bin, '--registries', regFile, '--images-file', listFile, '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (pre.status !== 0) throw new Error(`registry-route exited ${pre.status}: ${pre.stderr}`);
  const routes = JSON.parse(pre.stdout);
  if (routes.length !== 10_000) throw new Error(`registry-route printed ${routes.length} routes, expected 10,000`);
  const useHyperfine = hasHyperfine();
  const cmd = `node bin/registry-route.mjs --registries ${regFile} --images-file ${listFile} --json > /dev/null`;
  const [full, startup] = timeCommands(
    [
      { name: 'cli-10k', command: cmd },
      { name: 'cli-1-image', command: 'node bin/registry-route.mjs nginx > /dev/null' },
    ],
    { cwd: ROOT, runs: CLI_RUNS, warmup: CLI_WARMUP, useHyperfine },
  );
  const method = `${full.tool}, ${full.runs} runs${CLI_WARMUP ? `, ${CLI_WARMUP} warm-up` : ''}, median`;
  add({ id: 'many.cli', label: '10,000 images through the CLI (process start included)', value: full.medianMs, unit: 'ms (median)', display: `${fmtMs(full.medianMs)} median (min ${fmtMs(full.minMs)}, max ${fmtMs(full.maxMs)})`, budget: { op: '<=', value: 1000, display: '≤ 1 s' }, method, notes: `${fmtBytes(pre.stdout.length)} of JSON; ${cmd}`, detail: full });
  add({ id: 'many.cli.startup', label: 'CLI with 1 image, no registries (process start + bundle load)', value: startup.medianMs, unit: 'ms (median)', display: `${fmtMs(startup.medianMs)} median`, method, detail: startup });
  if (!useHyperfine) process.stderr.write('  (hyperfine not installed: timed with repeated child_process spawns; `apt-get install -y hyperfine` for hyperfine)\n');
}

// ---------------------------------------------------------------------------------------
section('fleet posture: 1,000 clusters, 1 to 200 mirrors each (Registry Routes page, registry-route fleet)');
if (['fleet.posture', 'fleet.posture.distinct', 'fleet.slice.max'].some(wanted)) {
  // every sample gets a fleet with new settings (untimed), so no compile is shared between samples
  const FLEETS = SHORT ? 2 : 8;
  const fleets = Array.from({ length: FLEETS }, (_, i) => makeFleet(1000, { templates: 50, maxMirrors: 200, seed: 11 + i }));
  // short mode (CI): the distinct fleets have 100 clusters (proves the figures run)
  const DISTINCT_N = SHORT ? 100 : 1000;
  const distinct = Array.from({ length: SHORT ? 1 : 3 }, (_, i) => makeFleet(DISTINCT_N, { templates: DISTINCT_N, maxMirrors: 200, seed: 101 + i }));
  const check = E.summariseFleet(E.fleetPosture(makeFleet(1000, { templates: 50, seed: 999 })));
  if (check.clusters !== 1000 || check.skipped !== 0) throw new Error(`fleet fixture: ${JSON.stringify(check)}`);
  if (wanted('fleet.posture') && (!FILTER || 'fleet.posture'.includes(FILTER))) {
    let k = 0;
    const m = measure('fleet.posture', () => { sink.n += E.fleetPosture(fleets[k++ % FLEETS]).length; }, { ...OPTS, iterations: SHORT ? 1 : FLEETS, time: 0, warmupTime: 0, warmupIterations: 0 });
    add({ id: 'fleet.posture', label: '1,000 clusters from 50 templates (2-200 mirrors): posture of all', value: m.p50, unit: 'ms (median)', display: `${fmtMs(m.p50)} median`, budget: { op: '<=', value: 1000, display: '≤ 1 s' }, method: `tinybench, a new fleet per sample (${FLEETS} fleets)`, notes: 'settingsFromCluster + compile (once per distinct settings) + Docker Hub route + findings, per cluster', detail: m });
  }
  if (wanted('fleet.posture.distinct')) {
    let k = 0;
    const m = measure('fleet.posture.distinct', () => { sink.n += E.fleetPosture(distinct[k++ % distinct.length]).length; }, { ...OPTS, iterations: distinct.length, time: 0, warmupTime: 0, warmupIterations: 0 });
    add({ id: 'fleet.posture.distinct', label: `${fmtNum(DISTINCT_N)} clusters, every one with its own settings (2-200 mirrors, mean 100)`, value: m.p50, unit: 'ms (median)', display: `${fmtMs(m.p50)} median`, method: `tinybench, ${distinct.length} fleets`, notes: 'worst case: nothing shared; info only', detail: m });
  }
  if (wanted('fleet.slice.max')) {
    // the page's run: fleetPostureSliced with its 16 ms budget; the longest stretch between two yields
    // the fleet is made before the clock starts (making it is the fixture's work, not the page's)
    const fleet = makeFleet(DISTINCT_N, { templates: DISTINCT_N, maxMirrors: 200, seed: 555 });
    const slices = [];
    let last = performance.now();
    const t = performance.now();
    await E.fleetPostureSliced(fleet, {}, {
      budgetMs: 16,
      yieldFn: async() => {
        slices.push(performance.now() - last);
        await new Promise((resolve) => setTimeout(resolve, 0));
        last = performance.now();
      },
    });
    slices.push(performance.now() - last);
    const max = Math.max(...slices);
    add({ id: 'fleet.slice.max', label: 'page run (distinct settings): longest slice between yields', value: max, unit: 'ms', display: `${fmtMs(max)} (${slices.length} slices, ${fmtMs(performance.now() - t)} in all)`, budget: { op: '<=', value: 50, display: '≤ 50 ms' }, method: 'fleetPostureSliced, budgetMs 16, one run' });
  }
}

// ---------------------------------------------------------------------------------------
section('the tab in Chromium: keydown → next paint while typing into an endpoint (production build)');
// 12: a small cluster, where Chrome's autofill reads every card of the page after each key
// unless each card is a form of its own (components/cards/CardForm.vue)
const BROWSER_SIZES = [12, 200, 1000];
const STEAL_NOTE_PCT = 3;
/** pages typed into while the host took a share of the CPU worth a note */
const browserSteal = [];
const browserIds = (n) => [`browser.keystroke.${n}`, `browser.afterpause.${n}`, `browser.afterpause.work.${n}`, `browser.settled.${n}`, `browser.render.${n}`];
if (wanted('browser.floor') || BROWSER_SIZES.some((n) => browserIds(n).some(wanted))) {
  // the production build of the standalone page, from the source as it is now (short mode
  // reuses an existing build: .ci/run has just made it)
  const standalone = join(ROOT, 'dist-standalone', 'index.html');
  if (!SHORT || !existsSync(standalone)) {
    process.stderr.write('  building the standalone page (npm run build:standalone) …\n');
    const b = spawnSync('npm', ['run', 'build:standalone'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (b.status !== 0) throw new Error(`npm run build:standalone failed:\n${b.stdout}\n${b.stderr}`);
  }
  const KEYS = SHORT ? 8 : 60;
  const sizes = BROWSER_SIZES.filter((n) => browserIds(n).some(wanted));
  const { measureTyping, summarize } = await import('./lib/browser.mjs');
  const PAUSED = SHORT ? 6 : 60; const PAUSE_MS = 500;
  const r = await measureTyping({ sizes, keystrokes: KEYS, gapMs: 120, floor: true, afterPauses: PAUSED, pauseMs: PAUSE_MS, log: (l) => process.stderr.write(`${l}\n`) });
  const budgets = { 12: 16, 200: 16, 1000: 50 };
  // the host's share of the VM's CPU time while each page was typed into (see lib/steal.mjs)
  for (const [page, x] of Object.entries(r.results)) {
    if (x.stealPct !== undefined && x.stealPct >= STEAL_NOTE_PCT) {
      browserSteal.push(`${page === 'floor' ? 'the bare <input>' : `${fmtNum(Number(page))} mirrors`} ${x.stealPct.toFixed(0)} %`);
    }
  }
  const method = `Chromium ${r.chromium} (Debian, headless, 1440×900), ${KEYS} keys pressed one at a time, 120 ms from keydown to keydown; keydown timeStamp → requestAnimationFrame → a user-blocking task after that frame`;
  const fl = r.results.floor.summary;
  // Event Timing's duration runs to the frame's presentation (8 ms steps, entries ≥ 16 ms only):
  // a key without an entry was shown in under 16 ms
  const presentedP95 = (x) => summarize([...x.eventTiming, ...Array(Math.max(0, KEYS - x.eventTiming.length)).fill(0)]).p95;
  const eventTimingNote = (x) => (x.eventTiming.length ? ` (Event Timing, to the frame's presentation: ≥ 16 ms on ${x.eventTiming.length} of ${KEYS} keys, p95 ${presentedP95(x) >= 16 ? `${presentedP95(x)} ms` : '< 16 ms'})` : '');
  if (wanted('browser.floor')) add({ id: 'browser.floor', label: 'bare <input> in the same browser (the machine\'s floor)', value: fl.p95, unit: 'ms (p95)', display: `p50 ${fmtMs(fl.p50)}, p95 ${fmtMs(fl.p95)}${eventTimingNote(r.results.floor)}`, method, notes: 'info: what the browser and this machine cost with no page at all', detail: fl });
  const fla = r.results.floor.afterPauses?.summary;
  const flw = r.results.floor.afterPauses?.workSummary;
  const pausedMethod = `${PAUSED} keys, each pressed ${PAUSE_MS}–${PAUSE_MS + 16} ms after the one before was painted (at every point of the display's 16.7 ms frame)`;
  if (wanted('browser.floor') && fla) {
    add({ id: 'browser.floor.afterpause', label: '  the first key after each pause, bare <input>', value: fla.p95, unit: 'ms (p95)', display: `p50 ${fmtMs(fla.p50)}, p95 ${fmtMs(fla.p95)}`, method: pausedMethod, notes: 'info: the floor of the afterpause figures below; most of it is the wait for the display\'s next frame', detail: fla });
    add({ id: 'browser.floor.afterpause.work', label: '  the same less the wait for the display\'s frame, bare <input>', value: flw.p95, unit: 'ms (p95)', display: `p50 ${fmtMs(flw.p50)}, p95 ${fmtMs(flw.p95)}`, method: `${pausedMethod}; keydown → paint less the time from the end of the key's handlers to the frame's requestAnimationFrame`, notes: 'info: the floor of the afterpause work figures below', detail: flw });
  }
  for (const n of sizes) {
    const x = r.results[n];
    add({ id: `browser.keystroke.${n}`, label: `typing into an endpoint, ${fmtNum(n)} mirrors`, value: x.summary.p95, unit: 'ms (p95)', display: `p50 ${fmtMs(x.summary.p50)}, p95 ${fmtMs(x.summary.p95)}, max ${fmtMs(x.summary.max)}${eventTimingNote(x)}`, budget: { op: '<=', value: budgets[n], display: `p95 ≤ ${budgets[n]} ms` }, method, detail: { ...x.summary, samples: x.samples, eventTiming: x.eventTiming, presentedP95: presentedP95(x), stealPct: x.stealPct } });
    const ap = x.afterPauses.summary;
    const apMethod = `${PAUSED} keys, each pressed ${PAUSE_MS}–${PAUSE_MS + 16} ms after the findings and preview of the one before are fresh (the key that marks them "updating…")`;
    // the first key after a pause waits for the display's next frame, 0–17 ms: so does a bare
    // <input> (its floor above), so keydown → paint alone says little of the page there
    add({ id: `browser.afterpause.${n}`, label: `  the first key after each pause in typing (${fmtNum(n)} mirrors)`, value: ap.p95, unit: 'ms (p95)', display: `p50 ${fmtMs(ap.p50)}, p95 ${fmtMs(ap.p95)}, max ${fmtMs(ap.max)}`, method: `the same measure; ${apMethod}`, notes: 'info: includes the wait for the display\'s next frame (floor above)', detail: { ...ap, samples: x.afterPauses.samples } });
    const aw = x.afterPauses.workSummary;
    add({ id: `browser.afterpause.work.${n}`, label: `    its work: less the wait for the display's frame (${fmtNum(n)} mirrors)`, value: aw.p95, unit: 'ms (p95)', display: `p50 ${fmtMs(aw.p50)}, p95 ${fmtMs(aw.p95)}, max ${fmtMs(aw.max)}`, budget: { op: '<=', value: budgets[n], display: `p95 ≤ ${budgets[n]} ms` }, method: `the same keys; keydown → paint less the time from the end of the key's handlers to the frame's requestAnimationFrame`, detail: { ...aw, samples: x.afterPauses.work } });
    add({ id: `browser.settled.${n}`, label: `  then: last keydown → findings and preview fresh (${fmtNum(n)} mirrors)`, value: x.settledMs, unit: 'ms', display: fmtMs(x.settledMs), method: 'one run; includes the 150 ms pause the tab waits for before deriving', notes: 'info' });
    add({ id: `browser.render.${n}`, label: `  first render of the tab with ${fmtNum(n)} mirrors`, value: x.renderMs, unit: 'ms', display: fmtMs(x.renderMs), method: 'setCluster → the endpoint field visible; one run', notes: 'info' });
  }
}

// ---------------------------------------------------------------------------------------
section('extension bundle');
if (wanted('bundle')) {
  const distPkg = join(ROOT, 'dist-pkg');
  const dirs = existsSync(distPkg) ? readdirSync(distPkg).filter((d) => d.startsWith('registry-mirrors-')).map((d) => join(distPkg, d)) : [];
  const entries = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.umd.min.js')).map((f) => join(d, f)));
  // the issue's ceiling, held against each moment: the tab when opened, with every panel, the
  // page, and everything built; the entry alone is reported
  const budget = { op: '<=', value: 200 * 1024, display: '≤ 200 KB gzip' };
  if (entries.length === 0) {
    add({ id: 'bundle.entry', label: 'extension bundle (*.umd.min.js)', value: null, unit: 'bytes gzip', display: 'not built (run npm run build-pkg registry-mirrors)', budget, status: SHORT ? 'info' : 'MISS', method: 'zlib.gzipSync (level 9)' });
  } else {
    // the newest build if several versions are lying around
    entries.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    const entry = entries[0];
    const dir = join(entry, '..');
    const base = entry.replace(/\.js$/, '').split('/').pop();
    const chunks = readdirSync(dir).filter((f) => f.startsWith(`${base}.`) && f.endsWith('.js')).map((f) => join(dir, f)).filter((f) => f !== entry);
    const size = (f) => {
      const buf = readFileSync(f);
      return { min: buf.length, gz: gzipSync(buf, { level: 9 }).length };
    };
    const e = size(entry);
    const all = [entry, ...chunks].map(size).reduce((a, b) => ({ min: a.min + b.min, gz: a.gz + b.gz }), { min: 0, gz: 0 });
    const newestSrc = (d) => {
      let t = 0;
      if (!existsSync(d)) return t;
      for (const x of readdirSync(d, { withFileTypes: true })) {
        if (x.name === 'node_modules' || x.name === 'dist' || x.name.startsWith('.')) continue;
        const p = join(d, x.name);
        t = Math.max(t, x.isDirectory() ? newestSrc(p) : statSync(p).mtimeMs);
      }
      return t;
    };
    const stale = Math.max(newestSrc(join(ROOT, 'src')), newestSrc(join(ROOT, 'pkg'))) > statSync(entry).mtimeMs;
    const staleNote = stale ? 'STALE: src/ or pkg/ changed after this build; rebuild with npm run build-pkg registry-mirrors' : undefined;
    const rel = entry.slice(ROOT.length + 1);
    // which files load when (the build's own runtime): the tab when opened, each tool panel, the page
    const c = bundleChunks(dir, base.replace(/\.umd\.min$/, ''));
    const files = (list) => list.map((f) => join(dir, f).slice(ROOT.length + 1));
    const method = 'zlib.gzipSync (level 9), per file, summed; files per moment from the webpack runtime (bench/lib/bundle-chunks.mjs)';
    add({ id: 'bundle.entry', label: `extension entry (${rel.split('/').pop()}; every dashboard page)`, value: e.gz, unit: 'bytes gzip', display: `${fmtBytes(e.min)} min, ${fmtBytes(e.gz)} gzip`, method: 'zlib.gzipSync (level 9)', notes: staleNote, detail: { file: rel, minBytes: e.min, gzipBytes: e.gz } });
    add({ id: 'bundle.tab', label: 'what the tab loads when opened (entry + en-us strings + the tab\'s chunks; no tool panel, no rewrite)', value: c.bytes.tab, unit: 'bytes gzip', display: `${fmtBytes(c.bytes.tab)} gzip`, budget, method, notes: staleNote, detail: { files: files(c.tab) } });
    add({ id: 'bundle.tabAndTools', label: 'the tab with every tool panel opened (node files, import/export, save diff, image check; no rewrite)', value: c.bytes.tabAndTools, unit: 'bytes gzip', display: `${fmtBytes(c.bytes.tabAndTools)} gzip (panels: ${Object.entries(c.bytes.panels).map(([p, b]) => `${p} ${fmtBytes(b)}`).join(', ')})`, budget, method, notes: staleNote, detail: { panels: Object.fromEntries(Object.entries(c.panels).map(([p, l]) => [p, files(l)])) } });
    add({ id: 'bundle.page', label: 'what the Registry Routes page loads (entry + en-us strings + its chunks; no rewrite in the fleet)', value: c.bytes.page, unit: 'bytes gzip', display: `${fmtBytes(c.bytes.page)} gzip`, budget, method, notes: staleNote, detail: { files: files(c.page) } });
    // a cluster (or a fleet) with a rewrite: the same moments with the RE2 engine, which loads
    // only then (src/containerd/re2.ts)
    const w = c.bytes.withRewrites;
    add({ id: 'bundle.re2', label: 'the RE2 engine (re2js), loaded with the first rewrite', value: c.bytes.re2, unit: 'bytes gzip', display: `${fmtBytes(c.bytes.re2)} gzip`, method, notes: staleNote, detail: { files: files(c.re2) } });
    add({ id: 'bundle.rewrites.tab', label: 'what the tab loads when opened on a cluster with a rewrite (+ the RE2 engine)', value: w.tab, unit: 'bytes gzip', display: `${fmtBytes(w.tab)} gzip`, budget, method, notes: staleNote });
    add({ id: 'bundle.rewrites.tabAndTools', label: 'the tab on a cluster with a rewrite, every tool panel opened', value: w.tabAndTools, unit: 'bytes gzip', display: `${fmtBytes(w.tabAndTools)} gzip`, budget, method, notes: staleNote });
    add({ id: 'bundle.rewrites.page', label: 'the Registry Routes page on a fleet with a rewrite (+ the RE2 engine)', value: w.page, unit: 'bytes gzip', display: `${fmtBytes(w.page)} gzip`, budget, method, notes: staleNote });
    add({ id: 'bundle.total', label: `everything: entry + ${chunks.length} lazy chunks (tab, panels, page, both languages)`, value: all.gz, unit: 'bytes gzip', display: `${fmtBytes(all.min)} min, ${fmtBytes(all.gz)} gzip`, budget, method: 'zlib.gzipSync (level 9), per file, summed', notes: staleNote, detail: { files: [entry, ...chunks].map((f) => f.slice(ROOT.length + 1)), minBytes: all.min, gzipBytes: all.gz } });
  }
}

// ---------------------------------------------------------------------------------------
const load1 = loadavg();
const fingerprintEnd = srcFingerprint();
const srcChanged = fingerprintEnd !== built.fingerprint;
const misses = figures.filter((f) => f.status === 'MISS');
const judged = !SHORT;

function table() {
  const rows = [['Figure', 'Measured', 'Budget', 'Status']];
  for (const f of figures) rows.push([f.label, f.display, f.budget?.display ?? '–', SHORT && f.budget ? `${f.status} (not judged)` : f.status]);
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((x, c) => x.padEnd(w[c])).join(' | ')} |`;
  return [line(rows[0]), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

console.log(`\nsrc/ ${built.fingerprint}${srcChanged ? ` → ${fingerprintEnd} (changed during the run)` : ''}, node ${process.version}, ${cpus().length} CPUs, ${SHORT ? 'short mode' : 'full mode'}\n${table()}\n`);
const notes = [
  'Methods: in-process figures use tinybench (runSync, warm-up on); resolve throughput runs in a worker',
  `thread of its own per figure, ${RESOLVE_BATCH} resolves per tinybench sample (per-sample timer overhead amortised),`,
  `figures = batch / mean, over ${UNIQUE_POOL.toLocaleString('en-US')} distinct references unless marked memo-warm.`,
  'Keystroke/compile/validate figures are medians of whole calls. The CLI figure is a separate',
  'process per run (hyperfine if installed). RE2 patterns are cached by src/containerd/rewrite.ts across iterations.',
];
if (load0[0] > 1 || load1[0] > 1.5) notes.push(`Note: load average ${load0[0].toFixed(2)} → ${load1[0].toFixed(2)} on ${cpus().length} cores: other work was running, figures may be pessimistic.`);
if (browserSteal.length) notes.push(`Note: the host took CPU time from this VM (steal, /proc/stat) while typing – ${browserSteal.join(', ')}: browser figures may be pessimistic.`);
if (srcChanged) notes.push(`WARNING: src/ changed during the run (${built.fingerprint} → ${fingerprintEnd}): in-process figures measure ${built.fingerprint}, the CLI figures may measure a later state.`);
for (const f of figures.filter((x) => x.notes && x.notes.startsWith('STALE'))) notes.push(`${f.id}: ${f.notes}`);
console.log(notes.join('\n'));

const result = {
  mode: SHORT ? 'short' : 'full',
  filter: FILTER ?? null,
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  loadavg: { start: load0, end: load1 },
  browserSteal,
  git: (() => {
    const r = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
    const d = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' });
    return { head: r.stdout.trim() || null, srcDirty: d.stdout.trim() !== '', srcFingerprint: built.fingerprint, srcFingerprintEnd: fingerprintEnd };
  })(),
  fixtures: Object.fromEntries(Object.entries(fixtures).map(([k, f]) => [k, { mirrors: f.mirrors, configs: f.configs, hostsFiles: f.hostsFiles, yamlBytes: f.text.length, findings: f.compiled.findings.length }])),
  figures,
  misses: misses.map((f) => f.id),
  passed: judged ? misses.length === 0 : null,
  seconds: (performance.now() - t0) / 1000,
};
writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(result, null, 2)}\n`);
if (sink.n === 0 && figures.some((f) => f.method.startsWith('tinybench'))) throw new Error('no work was done (sink is 0)');

if (SHORT) {
  console.log(`\nshort mode: ${figures.length} figures ran in ${result.seconds.toFixed(1)} s; budgets are not judged. Wrote bench/results.json.`);
  process.exit(0);
}
console.log(`\n${misses.length === 0 ? 'All budgets met.' : `${misses.length} budget(s) missed: ${misses.map((f) => f.id).join(', ')}`} (${result.seconds.toFixed(1)} s). Wrote bench/results.json.`);
process.exit(misses.length === 0 ? 0 : 1);

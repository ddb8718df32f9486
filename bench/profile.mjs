#!/usr/bin/env node
// CPU profiles of the bench workloads, with the top self-time functions mapped back to
// src/ and node_modules/.
//
//   node bench/profile.mjs [WORKLOAD ...] [--top N] [--seconds S] [--no-inline]
//   WORKLOAD: resolve | resolve-rw | resolve-hot | keystroke-200 | keystroke-1000 | keystroke-1000-rw |
//             compile-1000 | cli-main | cli   (default: all)
//
// Each workload runs in a child `node --cpu-prof` process (a short warm-up, then the loop
// for S seconds); `cli` profiles the real bin/registry-route.mjs on 10,000 images. The
// .cpuprofile files stay in bench/profiles/ (open them in Chrome DevTools or speedscope).
// V8 attributes the self time of an inlined function to its caller; --no-inline runs the
// children with --max-inlined-bytecode-size=0 so that every function keeps its own time
// (slower overall, but the split between small helpers is clearer).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT } from './lib/build.mjs';
import { keystrokeEditor, makeImages, makeRegistries, previewImages, registriesYaml } from './lib/fixtures.mjs';

const WORKLOADS = {
  resolve: 'resolveRoute, 200 mirrors, no rewrites, 131,072 distinct references (as the bench)',
  'resolve-rw': 'resolveRoute, 200 mirrors, a rewrite on every mirror, 131,072 distinct references',
  'resolve-hot': 'resolveRoute, 200 mirrors, no rewrites, 4,096 references repeated (memo-warm)',
  'keystroke-200': 'keystroke cycle, 200 mirrors (parseYaml → settingsFromNodeValue → compile → 3 previews)',
  'keystroke-1000': 'keystroke cycle, 1,000 mirrors',
  'keystroke-1000-rw': 'keystroke cycle, 1,000 mirrors with rewrites',
  'compile-1000': 'compile only, 1,000 mirrors',
  'cli-main': 'the CLI main() in-process on 10,000 images (200 mirrors), --json (same list each iteration: memo-warm after the first)',
  cli: 'node bin/registry-route.mjs on 10,000 images (200 mirrors), --json > /dev/null, process start included',
};

// ----------------------------------------------------------------------------- child side
if (process.argv[2] === '--child') {
  const [, , , workload, engineFile, dataDir, seconds] = process.argv;
  const E = await import(pathToFileURL(engineFile).href);
  const n = workload.includes('1000') ? 1000 : 200;
  const rewrites = workload.endsWith('-rw');
  const text = registriesYaml(makeRegistries(n, { rewrites }));
  const s = E.settingsFromNodeValue(E.parseYaml(text).value);
  const compiled = E.compile(s.settings, s.findings);
  const images = makeImages(4096, n);
  let sink = 0;
  let step;
  if (workload.startsWith('resolve')) {
    const pool = workload === 'resolve-hot' ? images : makeImages(1 << 17, n, { unique: true, seed: 5 });
    const mask = pool.length - 1;
    let k = 0;
    step = () => {
      for (let i = 0; i < 1000; i++) sink += E.resolveRoute(compiled, pool[k++ & mask]).attempts.length;
    };
  } else if (workload.startsWith('keystroke')) {
    const preview = previewImages(n);
    const edit = keystrokeEditor(text, n);
    let t = 0;
    step = () => {
      const y = E.parseYaml(edit(t++));
      const st = E.settingsFromNodeValue(y.value);
      const c = E.compile(st.settings, st.findings);
      for (const img of preview) sink += E.resolveRoute(c, img).attempts.length;
    };
  } else if (workload === 'compile-1000') {
    step = () => {
      sink += E.compile(s.settings, s.findings).hostsFiles.length;
    };
  } else if (workload === 'cli-main') {
    const out = { write: (x) => { sink += x.length; return true; } };
    const args = ['--registries', join(dataDir, 'registries.yaml'), '--images-file', join(dataDir, 'images.txt'), '--json'];
    step = () => {
      sink += E.cliMain(args, out, process.stderr);
    };
  } else throw new Error(`unknown workload ${workload}`);
  const warm = performance.now() + 300;
  while (performance.now() < warm) step();
  const end = performance.now() + Number(seconds) * 1000;
  let runs = 0;
  while (performance.now() < end) {
    step();
    runs++;
  }
  process.stdout.write(JSON.stringify({ runs, sink }));
  process.exit(0);
}

// ---------------------------------------------------------------------------- parent side
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  if (i === -1) return dflt;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const TOP = Number(opt('--top', 20));
const SECONDS = Number(opt('--seconds', 3));
const NO_INLINE = argv.includes('--no-inline');
if (NO_INLINE) argv.splice(argv.indexOf('--no-inline'), 1);
const V8_FLAGS = NO_INLINE ? ['--max-inlined-bytecode-size=0'] : [];
const selected = argv.length ? argv : Object.keys(WORKLOADS);
for (const w of selected) { if (!WORKLOADS[w]) {
  console.error(`unknown workload ${w}; one of ${Object.keys(WORKLOADS).join(', ')}`);
  process.exit(2);
} }

const { buildEngine } = await import('./lib/build.mjs');
const built = await buildEngine();
console.log(`src/ fingerprint ${built.fingerprint}${NO_INLINE ? ' (inlining off)' : ''}`);
const dataDir = mkdtempSync(join(tmpdir(), 'registry-mirrors-prof-'));
process.on('exit', () => {
  built.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});
writeFileSync(join(dataDir, 'registries.yaml'), registriesYaml(makeRegistries(200)));
writeFileSync(join(dataDir, 'images.txt'), `${makeImages(10_000, 200, { seed: 3 }).join('\n')}\n`);
const outDir = join(ROOT, 'bench/profiles');
mkdirSync(outDir, { recursive: true });

/** Locates a bundle position: the original file via the inline source map, else the esbuild `// path` section comment. */
const locators = new Map();
function locator(url) {
  if (locators.has(url)) return locators.get(url);
  let fn = () => null;
  try {
    const file = url.startsWith('file://') ? fileURLToPath(url) : url;
    if (file && existsSync(file)) {
      const code = readFileSync(file, 'utf8');
      const lines = code.split('\n');
      const m = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
      if (m) {
        const sm = new SourceMap(JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')));
        fn = (line, col) => {
          const e = sm.findEntry(line, col);
          if (!e || !('originalSource' in e) || !e.originalSource) return null;
          const src = e.originalSource.replace(/^.*?\/(src|node_modules)\//, '$1/');
          return `${src}:${e.originalLine + 1}`;
        };
      } else {
        // esbuild (unminified) starts each module with a `// path/to/file` comment
        const sections = [];
        lines.forEach((l, i) => {
          const s = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(l);
          if (s) sections.push([i, s[1]]);
        });
        fn = (line) => {
          let best = null;
          for (const [i, p] of sections) if (i <= line) best = p;
          return best ? `${best} (bundle line ${line + 1})` : null;
        };
      }
    }
  } catch {
    /* best effort */
  }
  locators.set(url, fn);
  return fn;
}

function analyse(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'}\u0000${f.url}\u0000${f.lineNumber}\u0000${f.columnNumber}`;
  };
  const self = new Map();
  const total = new Map();
  let all = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = (timeDeltas[i + 1] ?? 0) / 1000; // ms; the delta after a sample is its duration
    all += dt;
    let id = samples[i];
    const leaf = byId.get(id);
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + dt);
    const seen = new Set();
    while (id !== undefined) {
      const k = key(byId.get(id));
      if (!seen.has(k)) {
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + dt);
      }
      id = parent.get(id);
    }
  }
  const describe = (k) => {
    const [name, url, line, col] = k.split('\u0000');
    let where = url ? url.replace(/^file:\/\//, '') : '';
    const loc = url ? locator(url)(Number(line), Number(col)) : null;
    if (loc) where = loc;
    else if (where.startsWith(ROOT)) where = relative(ROOT, where);
    else if (where.includes('/registry-mirrors-bench-')) where = 'bench engine bundle';
    return { name, where: where || (name.startsWith('(') ? '' : 'native/V8') };
  };
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k, ms]) => ({ ...describe(k), selfMs: ms, selfPct: (100 * ms) / all, totalPct: (100 * (total.get(k) ?? 0)) / all }));
  // self time by file (src/x.ts, node_modules/pkg)
  const byFile = new Map();
  for (const [k, ms] of self) {
    const { name, where } = describe(k);
    let f = where.replace(/:\d+$/, '').replace(/ \(bundle line \d+\)$/, '');
    const nm = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f);
    if (nm) f = `node_modules/${nm[1]}`;
    if (!f) f = name.startsWith('(') ? name : 'native/V8 builtins';
    byFile.set(f, (byFile.get(f) ?? 0) + ms);
  }
  const files = [...byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([f, ms]) => ({ file: f, selfPct: (100 * ms) / all }));
  const topTotal = [...total.entries()]
    .map(([k, ms]) => ({ ...describe(k), totalPct: (100 * ms) / all }))
    .filter((r) => r.where.startsWith('src/'))
    .sort((a, b) => b.totalPct - a.totalPct)
    .slice(0, TOP);
  return { totalMs: all, rows, files, topTotal };
}

function newestProfile(dir, before) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (files.length !== 1) throw new Error(`expected one new .cpuprofile in ${dir}, found ${files.length}`);
  return join(dir, files[0]);
}

const report = {};
for (const w of selected) {
  const profDir = mkdtempSync(join(tmpdir(), 'registry-mirrors-cpuprof-'));
  let info = '';
  if (w === 'cli') {
    const r = spawnSync(process.execPath, [...V8_FLAGS, '--cpu-prof', `--cpu-prof-dir=${profDir}`, 'bin/registry-route.mjs', '--registries', join(dataDir, 'registries.yaml'), '--images-file', join(dataDir, 'images.txt'), '--json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`cli exited ${r.status}: ${r.stderr}`);
    info = '1 run';
  } else {
    const r = spawnSync(process.execPath, [...V8_FLAGS, '--cpu-prof', `--cpu-prof-dir=${profDir}`, fileURLToPath(import.meta.url), '--child', w, built.file, dataDir, String(SECONDS)], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`${w} child exited ${r.status}`);
    info = `${JSON.parse(r.stdout).runs} iterations in ${SECONDS} s after a 0.3 s warm-up`;
  }
  const file = newestProfile(profDir, new Set());
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const target = join(outDir, `${w}.cpuprofile`);
  writeFileSync(target, JSON.stringify(profile));
  rmSync(profDir, { recursive: true, force: true });
  const a = analyse(profile);
  report[w] = { description: WORKLOADS[w], info, ...a };
  console.log(`\n## ${w}: ${WORKLOADS[w]} (${info}; ${(a.totalMs / 1000).toFixed(2)} s sampled) → ${relative(ROOT, target)}`);
  console.log('\nTop self time:');
  console.log('  self%  total%  function                                   where');
  for (const r of a.rows) console.log(`  ${r.selfPct.toFixed(1).padStart(5)}  ${r.totalPct.toFixed(1).padStart(6)}  ${r.name.slice(0, 42).padEnd(42)} ${r.where}`);
  console.log('\nSelf time by file/package:');
  for (const f of a.files) console.log(`  ${f.selfPct.toFixed(1).padStart(5)}%  ${f.file}`);
  console.log('\nInclusive time of src/ functions:');
  for (const r of a.topTotal.slice(0, 12)) console.log(`  ${r.totalPct.toFixed(1).padStart(5)}%  ${r.name.padEnd(28)} ${r.where}`);
}
// merge with the workloads of earlier runs (each entry carries its own fingerprint)
const summaryFile = join(outDir, 'summary.json');
let previous = {};
try {
  previous = JSON.parse(readFileSync(summaryFile, 'utf8')).workloads ?? {};
} catch {
  /* first run */
}
for (const w of Object.keys(report)) report[w] = { srcFingerprint: built.fingerprint, noInline: NO_INLINE, ...report[w] };
writeFileSync(summaryFile, `${JSON.stringify({ workloads: { ...previous, ...report } }, null, 2)}\n`);
console.log(`\nProfiles and summary.json in ${relative(ROOT, outDir)}/`);

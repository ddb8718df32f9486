#!/usr/bin/env node
// Conformance suite: the route engine (`registry-route --runtime upstream-1.6`)
// against a real containerd 1.6 `ctr`, run in an empty network namespace.
//
//   npm run test:conformance -- [--seed N] [--count N] [--only ID,ID] [--jobs N]
//                               [--engine mixed|cli|inproc] [--cli PATH] [--keep]
//                               [--verbose] [--max-print N]
//
// --engine cli: spawn bin/registry-route.mjs twice per configuration (hosts-dir, --json).
// --engine inproc: bundle src/cli/main.ts once (esbuild) and call the CLI's own
//   main(argv, out, err) in this process – same arguments, same code, same output,
//   without ~0.1 s of node start-up per call.
// --engine mixed (default): hand-written cases through the real bin, generated ones
//   in-process; keeps the suite far below its time budget on a busy 2-core runner.
//
// For every configuration: write registries.yaml, render the hosts directory with
// `registry-route hosts-dir`, ask `registry-route --json` for the route of each
// image, run `unshare -n ctr content fetch-object --hosts-dir DIR REF` per image and
// compare the ordered URLs (and the chosen directory). Last line: `N passed, M failed`
// (N, M count configurations); exit code 1 on any failure.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { fetchObject, preflight, run } from './ctr.mjs';
import { generate } from './generator.mjs';
import { handCases } from './cases.mjs';
import { compareImage } from './compare.mjs';
import { writePki } from './pki.mjs';
import { seededSuiteArgs } from '../lib/seeded-suite-args.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function parseArgs(argv) {
  const { o: common, values: v } = seededSuiteArgs(argv, {
    seedEnv: 'CONFORMANCE_SEED',
    count:   320,
    options: {
      jobs: { type: 'string' }, cli: { type: 'string' }, 'max-print': { type: 'string' }, engine: { type: 'string' },
    },
  });
  const o = {
    seed: common.seed,
    count: common.count,
    only: common.only,
    keep: common.keep,
    verbose: common.verbose,
    jobs: v.jobs !== undefined ? Number(v.jobs) : 2,
    maxPrint: v['max-print'] !== undefined ? Number(v['max-print']) : 10,
    engine: String(v.engine ?? 'mixed'),
    cli: v.cli !== undefined ? path.resolve(String(v.cli)) : process.env.REGISTRY_ROUTE_CLI || path.join(ROOT, 'bin/registry-route.mjs'),
  };
  if (!(o.jobs >= 1)) throw new Error('--jobs must be >= 1');
  if (!['mixed', 'cli', 'inproc'].includes(o.engine)) throw new Error('--engine must be mixed, cli or inproc');
  return o;
}

function flagArgs(f) {
  const a = ['--runtime', 'upstream-1.6'];
  if (f.disableDefault) a.push('--disable-default-endpoint');
  if (f.embedded) a.push('--embedded-registry');
  if (f.version) a.push('--distro-version', f.version);
  if (f.sdr) a.push('--system-default-registry', f.sdr);
  if (f.context) a.push('--context', f.context);
  return a;
}

/** All files under dir, as [relative path, text]. */
function readTree(dir, rel = '') {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = path.join(rel, name);
    if (statSync(path.join(dir, r)).isDirectory()) out.push(...readTree(dir, r));
    else out.push([r, readFileSync(path.join(dir, r), 'utf8')]);
  }
  return out;
}

/**
 * TLS files the engine names but that do not exist here (the embedded registry's
 * node paths) are pointed at the dummy PEMs: ctr 1.6 aborts on a missing file.
 * Only `ca = ...` and `client = ...` lines are touched; routing does not depend on them.
 */
function localizeTls(hostsDir, pki) {
  const subs = [];
  for (const [rel, text] of readTree(hostsDir)) {
    if (path.basename(rel) !== 'hosts.toml') continue;
    const lines = text.split('\n').map((line) => {
      const m = /^(\s*)(ca|client)(\s*=\s*)(.*)$/.exec(line);
      if (!m) return line;
      let n = 0;
      const value = m[4].replace(/"((?:[^"\\]|\\.)*)"/g, (whole, p) => {
        const idx = n++;
        if (existsSync(p)) return whole;
        const repl = m[2] === 'ca' ? pki.ca : idx % 2 === 0 ? pki.cert : pki.key;
        subs.push(`${rel}: ${p} -> ${repl}`);
        return JSON.stringify(repl);
      });
      return `${m[1]}${m[2]}${m[3]}${value}`;
    });
    writeFileSync(path.join(hostsDir, rel), lines.join('\n'));
  }
  return subs;
}

async function runCase(c, o, tmp, pki) {
  const dir = path.join(tmp, c.id);
  mkdirSync(dir, { recursive: true });
  const yamlText = YAML.stringify(c.registries);
  const regFile = path.join(dir, 'registries.yaml');
  writeFileSync(regFile, yamlText);
  const hostsDir = path.join(dir, 'certs.d');
  const opts = ['--registries', regFile, ...flagArgs(c.flags)];
  const res = { c, yamlText, opts, errors: [], images: [], files: [], subs: [], ctrMs: 0 };

  const engine = o.engineFor(c);
  // hosts.toml does not depend on the system-default-registry or the pull context: hosts-dir takes neither
  const renderOpts = ['--registries', regFile, ...flagArgs({ ...c.flags, sdr: undefined, context: undefined })];
  const render = await engine(['hosts-dir', ...renderOpts, hostsDir]);
  if (c.hostsDirRefuses) {
    if (render.code !== 2 || !c.hostsDirRefuses.test(render.stderr)) {
      res.errors.push(`engine: hosts-dir should refuse with exit 2 and ${c.hostsDirRefuses}, got exit ${render.code}: ${render.stderr.trim()}`);
    }
    return res;
  }
  if (render.code !== 0) {
    res.errors.push(`engine: hosts-dir exited ${render.code}${render.timedOut ? ' (timeout)' : ''}: ${render.stderr.trim()}`);
    return res;
  }
  mkdirSync(hostsDir, { recursive: true });
  res.subs = localizeTls(hostsDir, pki);
  res.files = readTree(hostsDir);

  const route = await engine([...opts, '--json', ...c.images.map((im) => im.input)]);
  let routes;
  try {
    routes = JSON.parse(route.stdout);
    if (!Array.isArray(routes) || routes.length !== c.images.length) throw new Error(`expected an array of ${c.images.length}`);
  } catch (err) {
    res.errors.push(`engine: --json output unusable (${err.message}); exit ${route.code}; stderr: ${route.stderr.trim()}`);
    return res;
  }

  for (let i = 0; i < c.images.length; i++) {
    const im = c.images[i];
    const ctr = await fetchObject(hostsDir, im.ref);
    res.ctrMs += ctr.ms;
    const errs = compareImage(im, routes[i], ctr, c.expect);
    res.images.push({ im, route: routes[i], ctr, errs });
  }
  return res;
}

/** The CLI's own main(argv, out, err), bundled from src/ and called in-process. */
async function inprocEngine(tmp) {
  const { build } = await import('esbuild');
  const outfile = path.join(tmp, 'cli-main.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')], outfile, bundle: true, platform: 'node', format: 'esm',
    target: 'node20', logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const { main } = await import(pathToFileURL(outfile).href);
  if (typeof main !== 'function') throw new Error('src/cli/main.ts does not export main()');
  return async(args) => {
    let stdout = '';
    let stderr = '';
    const out = { write: (t) => { stdout += t; return true; } };
    const err = { write: (t) => { stderr += t; return true; } };
    let code;
    try { code = main(args, out, err); } catch (e) { code = 3; stderr += String(e?.stack || e); }
    return { code, stdout, stderr, timedOut: false };
  };
}

async function pool(items, jobs, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async() => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return out;
}

const ok = (r) => r.errors.length === 0 && r.images.every((x) => x.errs.length === 0);

function printFailure(r, o) {
  const { c } = r;
  const lines = [];
  lines.push('', `✗ ${c.id}${c.why ? ` – ${c.why}` : ''}`);
  lines.push(`  replay: npm run test:conformance -- --seed ${o.seed} --only ${c.id}`);
  lines.push(`  flags: ${r.opts.slice(2).join(' ')}`);
  lines.push('  registries.yaml:', ...r.yamlText.trimEnd().split('\n').map((l) => `    ${l}`));
  for (const e of r.errors) lines.push(`  ${e}`);
  if (r.files.length) {
    lines.push('  rendered by the engine:');
    for (const [rel, text] of r.files) lines.push(`    --- ${rel}`, ...text.trimEnd().split('\n').map((l) => `    | ${l}`));
  }
  for (const s of r.subs) lines.push(`  (tls path for ctr: ${s})`);
  for (const x of r.images) {
    if (!x.errs.length) continue;
    const log = x.ctr.log;
    lines.push(`  image ${JSON.stringify(x.im.input)} -> ctr ref ${x.im.ref}`);
    for (const e of x.errs) lines.push(`    ! ${e}`);
    lines.push(`    ctr    (dir ${JSON.stringify(log.dir)}${log.decodeError ? `, hosts.toml rejected: ${log.decodeError}` : ''}):`);
    log.manifests.forEach((u, i) => lines.push(`      ${i + 1}. ${u}`));
    if (!log.manifests.length) lines.push(`      (no request) ${log.fatal || ''}`);
    lines.push(`    engine (hostsDir ${JSON.stringify(x.route?.hostsDir ?? null)}):`);
    (x.route?.attempts || []).forEach((a, i) => lines.push(`      ${i + 1}. ${a.url}`));
    if (!x.route?.attempts?.length) lines.push('      (no attempt)');
  }
  console.log(lines.join('\n'));
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`conformance: ${err.message}`);
    process.exit(2);
  }
  const t0 = performance.now();
  console.log(`conformance: engine (--runtime upstream-1.6) vs real containerd ctr, seed ${o.seed}`);
  const planned = () => (o.only ? o.only.size : o.count + handCases({}).length);
  let pre;
  try {
    pre = preflight();
    if (!existsSync(o.cli)) throw new Error(`engine CLI not found: ${o.cli}`);
  } catch (err) {
    console.log(`FATAL: ${err.message}`);
    console.log(`0 passed, ${planned()} failed`);
    process.exit(1);
  }
  console.log(`oracle: ${pre.version}, isolated in ${pre.netns} (unshare -n: no interface but a down loopback)`);
  // one call first: bin/registry-route.mjs rebuilds its bundle when src/ changed,
  // which must not happen in several processes at once
  const warm = await run(process.execPath, [o.cli, '--help'], { timeoutMs: 120000 });
  if (warm.code !== 0) {
    console.log(`FATAL: engine CLI does not run: ${o.cli} --help exited ${warm.code}: ${warm.stderr.trim()}`);
    console.log(`0 passed, ${planned()} failed`);
    process.exit(1);
  }

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'registry-route-conformance-'));
  const pki = writePki(path.join(tmp, 'pki'));
  // pin one engine build for the whole run: bin/ only launches this bundle (after the
  // rebuild check the warm-up call did), and src/ may change while the suite runs
  const bundle = path.join(ROOT, 'dist/cli/registry-route.mjs');
  let cliName = o.cli;
  if (o.cli === path.join(ROOT, 'bin/registry-route.mjs') && existsSync(bundle)) {
    o.cli = path.join(tmp, 'registry-route.mjs');
    copyFileSync(bundle, o.cli);
    cliName = `bin/registry-route.mjs (its bundle ${path.relative(ROOT, bundle)}, pinned for this run)`;
  }
  const spawnCli = (args) => run(process.execPath, [o.cli, ...args], { timeoutMs: 30000 });
  const inproc = o.engine === 'cli' ? null : await inprocEngine(tmp);
  o.engineFor = (c) => (o.engine === 'cli' || (o.engine === 'mixed' && c.id.startsWith('h-')) ? spawnCli : inproc);
  console.log({
    cli: `engine: ${cliName}, spawned per configuration`,
    inproc: 'engine: the CLI\'s main() from src/cli/main.ts, bundled once, called in-process',
    mixed: `engine: hand-written cases spawn ${cliName}; generated ones call the CLI's main() in-process`,
  }[o.engine]);
  let cases = [...handCases(pki)];
  for (let i = 0; i < o.count; i++) cases.push(generate(o.seed, i, pki));
  if (o.only) {
    const wanted = new Set(o.only);
    const maxG = Math.max(-1, ...[...wanted].filter((id) => id.startsWith('g-')).map((id) => Number(id.slice(2))));
    for (let i = o.count; i <= maxG; i++) cases.push(generate(o.seed, i, pki));
    cases = cases.filter((c) => wanted.has(c.id));
  }
  const nHand = cases.filter((c) => c.id.startsWith('h-')).length;
  console.log(`configurations: ${cases.length} (${nHand} hand-written, ${cases.length - nHand} generated), jobs ${o.jobs}, temp ${tmp}`);

  const results = await pool(cases, o.jobs, async(c) => {
    const r = await runCase(c, o, tmp, pki);
    if (o.verbose) console.log(`${ok(r) ? 'ok  ' : 'FAIL'} ${c.id} (${r.images.length} images)`);
    return r;
  });

  const failed = results.filter((r) => !ok(r));
  failed.slice(0, o.maxPrint).forEach((r) => printFailure(r, o));
  if (failed.length > o.maxPrint) {
    console.log(`\n… ${failed.length - o.maxPrint} more failing configurations: ${failed.slice(o.maxPrint).map((r) => r.c.id).join(' ')}`);
  }

  const imgs = results.flatMap((r) => r.images);
  const dirs = {};
  for (const x of imgs) {
    const d = x.ctr.log.dir;
    const k = d === null || d === undefined ? 'none' : d === '_default' ? '_default' : /_\d+_$/.test(d) ? 'host_port_' : 'own';
    dirs[k] = (dirs[k] || 0) + 1;
  }
  const ctrMs = results.reduce((s, r) => s + r.ctrMs, 0);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log('');
  console.log(`images: ${imgs.length} (${imgs.filter((x) => x.im.reference.startsWith('sha256:')).length} by digest), ctr runs: ${imgs.length}, mean ${(ctrMs / Math.max(1, imgs.length)).toFixed(1)} ms`);
  console.log(`URLs compared: ${imgs.reduce((s, x) => s + x.ctr.log.manifests.length, 0)}; hosts.toml rejected by ctr: ${imgs.filter((x) => x.ctr.log.decodeError).length} images`);
  console.log(`directory ctr used: ${Object.entries(dirs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`time: ${seconds} s; seed ${o.seed} (replay: --seed ${o.seed})`);
  if (o.keep || failed.length) console.log(`kept: ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((err) => {
  console.log(`FATAL: ${err.stack || err}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});

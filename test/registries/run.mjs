#!/usr/bin/env node
// Registries suite: `registry-route probe` against real registry servers, and the
// engine's route proved by real pulls.
//
//   npm run test:registries -- [--seed N] [--count N] [--only ID,ID] [--keep] [--verbose]
//
// The suite runs in a network namespace of its own (`unshare -n`, loopback only):
// real Debian `docker-registry` servers (distribution 2.8) – a mirror without the
// image, a dead endpoint, the upstream that has it, htpasswd auth behind TLS with
// a self-signed CA, token auth with a token service, a pull-through cache – hold
// small OCI images built here and pushed with `skopeo`.
//  1. probe: every status (found, not-found, unauthorized, tls-error, unreachable,
//     timeout, error), the token flow, --all, --secrets for a Cluster manifest,
//     exit codes, no credential in any output.
//  2. real pulls: for hand-written and generated configurations, the hosts
//     directory rendered by `registry-route hosts-dir` (profile upstream-1.6) is
//     used by Debian containerd 1.6 (`ctr content fetch --hosts-dir`, a daemon of
//     the suite's own); the registries' access logs say which host served the
//     manifest. It must be the first host of the engine's route that has the image
//     (known from what was pushed where), and the probe's servedBy; every blob
//     comes from the route's first host that has it.
// Last line: `N passed, M failed`; exit 1 on any failure, or when a tool is missing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seededSuiteArgs } from '../lib/seeded-suite-args.mjs';
import YAML from 'yaml';
import { preflight, run } from '../conformance/ctr.mjs';
import { buildImage, checkTools, startContainerd, htpasswdFile, makePki, PASSWORD, push, Registry, startBlackHole, startRedirector, startTokenService, USER } from './lab.mjs';
import { probeChecks } from './probe-checks.mjs';
import { pullCases } from './pull-cases.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const CLI = path.join(ROOT, 'bin/registry-route.mjs');

function parseArgs(argv) {
  return seededSuiteArgs(argv, { seedEnv: 'REGISTRIES_SEED', count: 40 }).o;
}

// ---------------------------------------------------------------- outside: enter a namespace of our own

if (process.env.REGISTRY_ROUTE_PROBE_NETNS !== '1') {
  try {
    parseArgs(process.argv.slice(2));
    const { version } = preflight();
    checkTools();
    console.log(`ctr: ${version}`);
  } catch (e) {
    console.error(`registries suite cannot run: ${e.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  // build the CLI bundle once, outside (bin rebuilds it when src/ is newer)
  const b = spawnSync(process.execPath, [CLI, '--help'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) { console.log('0 passed, 1 failed'); process.exit(1); }
  const env = { ...process.env, REGISTRY_ROUTE_PROBE_NETNS: '1' };
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy']) delete env[k];
  const r = spawnSync('unshare', ['-n', '--', process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', env });
  process.exit(r.status ?? 1);
}

// ---------------------------------------------------------------- inside

const o = parseArgs(process.argv.slice(2));
const t0 = performance.now();
const dev = readFileSync('/proc/self/net/dev', 'utf8').split('\n').slice(2).map((l) => l.split(':')[0].trim())
  .filter(Boolean);
if (dev.length !== 1 || dev[0] !== 'lo') {
  console.error(`not in an empty network namespace (interfaces: ${dev.join(', ')}); refusing to start registries`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
{
  const r = spawnSync('ip', ['link', 'set', 'lo', 'up'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip link set lo up: ${r.stderr}`);
}
console.log(`network namespace ${readlinkSync('/proc/self/ns/net')} (loopback only); seed ${o.seed}`);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'registry-route-registries-'));
const lab = { tmp, registries: {}, servers: [] };
let passed = 0;
let failed = 0;

/** The real CLI, as a user runs it. */
async function cli(args, { timeoutMs = 60000 } = {}) {
  const r = await run(process.execPath, [CLI, ...args], { timeoutMs, env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '/root' } });
  return r;
}

/** The CLI's own main() and probeMain(), bundled from src/ and called in this process. */
async function inprocCli() {
  const { build } = await import('esbuild');
  const outfile = path.join(tmp, 'cli-inproc.mjs');
  await build({
    stdin: { contents: "export { main } from './main'; export { probeMain } from './probe';", resolveDir: path.join(ROOT, 'src/cli'), loader: 'ts' },
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const { main, probeMain } = await import(pathToFileURL(outfile).href);
  return async(args) => {
    let stdout = '';
    let stderr = '';
    const out = { write: (t) => { stdout += t; return true; } };
    const err = { write: (t) => { stderr += t; return true; } };
    let code;
    try { code = await (args[0] === 'probe' ? probeMain(args, out, err) : main(args, out, err)); } catch (e) { code = 3; stderr += String(e?.stack || e); }
    return { code, stdout, stderr, timedOut: false };
  };
}

function report(id, errs, detail = []) {
  if (errs.length === 0) {
    passed++;
    if (o.verbose) console.log(`✓ ${id}`);
    return true;
  }
  failed++;
  console.log(`✗ ${id}`);
  for (const e of errs) console.log(`    ${e}`);
  for (const d of detail) console.log(`    | ${d}`);
  return false;
}

async function setup() {
  const s0 = performance.now();
  const pki = await makePki(path.join(tmp, 'pki'));
  lab.pki = pki;
  const htpasswd = await htpasswdFile(path.join(tmp, 'htpasswd'));
  const tokenSvc = await startTokenService(5100, { signerCert: pki.signerCert, signerKey: pki.signerKey, service: 'probe-test-registry', issuer: 'probe-test-issuer' });
  lab.token = tokenSvc;
  lab.servers.push(tokenSvc.server);
  const st = (n) => path.join(tmp, 'storage', n);
  const tls = { cert: pki.serverCert, key: pki.serverKey };
  const R = {
    empty: new Registry('empty', 5001, { storage: st('empty') }),
    upstream: new Registry('upstream', 5002, { storage: st('upstream') }),
    cache: new Registry('cache', 5003, { storage: st('cache'), proxy: 'http://127.0.0.1:5002' }),
    second: new Registry('second', 5004, { storage: st('second') }),
    // the same storage as upstream: the same images, behind TLS / auth
    tls: new Registry('tls', 5443, { scheme: 'https', storage: st('upstream'), tls }),
    auth: new Registry('auth', 5444, { scheme: 'https', storage: st('upstream'), tls, htpasswd }),
    token: new Registry('token', 5445, { storage: st('upstream'), token: { realm: tokenSvc.realm, service: 'probe-test-registry', issuer: 'probe-test-issuer', rootcertbundle: pki.signerCert } }),
  };
  lab.registries = R;
  lab.dead = { name: 'dead', host: '127.0.0.1:5009', origin: 'http://127.0.0.1:5009' };
  const hole = await startBlackHole(5010);
  lab.servers.push(hole);
  lab.hole = { host: '127.0.0.1:5010', origin: 'http://127.0.0.1:5010' };
  lab.servers.push(await startRedirector(5011, 'http://127.0.0.2:5002'));
  lab.redirect = { origin: 'http://127.0.0.1:5011' };
  // a pull-through cache asks its upstream at start and exits if it is not up yet: upstream first
  await Promise.all(Object.values(R).filter((r) => r !== R.cache).map((r) => r.start(tmp)));
  await R.cache.start(tmp);

  // images: upstream holds tiny, only-up, team/app and prefix/ copies; second
  // holds its own tiny and team/app (other digests); empty holds only a decoy
  const img = {};
  for (const [k, name] of [['tinyUp', 'tiny-upstream'], ['onlyUp', 'only-up'], ['appUp', 'app-upstream'], ['tinySecond', 'tiny-second'], ['appSecond', 'app-second'], ['decoy', 'decoy']]) {
    img[k] = await buildImage(path.join(tmp, 'images', k), name, '1');
  }
  lab.img = img;
  const pushes = [
    [img.tinyUp, R.upstream, 'library/tiny:1'], [img.onlyUp, R.upstream, 'library/only-up:1'], [img.appUp, R.upstream, 'team/app:1'],
    [img.tinyUp, R.upstream, 'prefix/library/tiny:1'], [img.onlyUp, R.upstream, 'prefix/library/only-up:1'],
    [img.tinySecond, R.second, 'library/tiny:1'], [img.appSecond, R.second, 'team/app:1'],
    [img.decoy, R.empty, 'library/decoy:1'],
  ];
  for (const [im, reg, repoTag] of pushes) await push(im, `${reg.host}/${repoTag}`);
  // what each host holds: repository -> set of tags and digests (the test's own table)
  // (a registry serves a blob only in a repository it was pushed to)
  const holds = (list) => {
    const m = new Map();
    for (const [im, repoTag] of list) {
      const [repo, tag] = repoTag.split(':');
      if (!m.has(repo)) m.set(repo, { manifests: new Set(), blobs: new Set() });
      m.get(repo).manifests.add(tag).add(im.manifestDigest);
      m.get(repo).blobs.add(im.configDigest).add(im.layerDigest);
    }
    return m;
  };
  lab.blobsOf = new Map(Object.values(img).map((im) => [im.manifestDigest, [im.configDigest, im.layerDigest]]));
  const upstreamHolds = holds(pushes.filter((p) => p[1] === R.upstream).map((p) => [p[0], p[2]]));
  lab.contents = new Map([
    // auth and token hold the same images, but not for an anonymous pull (hosts.toml has no credentials)
    [R.upstream.origin, upstreamHolds], [R.tls.origin, upstreamHolds],
    [R.cache.origin, upstreamHolds],
    [R.second.origin, holds(pushes.filter((p) => p[1] === R.second).map((p) => [p[0], p[2]]))],
    [R.empty.origin, holds(pushes.filter((p) => p[1] === R.empty).map((p) => [p[0], p[2]]))],
  ]);
  lab.containerd = await startContainerd(path.join(tmp, 'containerd'));
  console.log(`lab up in ${((performance.now() - s0) / 1000).toFixed(1)} s: ${Object.values(R).map((r) => `${r.name} ${r.origin}`).join(', ')}; dead ${lab.dead.origin}; no answer ${lab.hole.origin}`);
}

/** Does the host at this request URL hold that manifest or blob (by the test's own table)? */
export function holds(url) {
  const u = new URL(url);
  const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(u.pathname);
  if (!m) return false;
  const c = lab.contents.get(u.origin);
  return !!c && !!c.get(m[1])?.[m[2]].has(decodeURIComponent(m[3]));
}

async function teardown() {
  await Promise.all(Object.values(lab.registries).map((r) => r.stop()));
  await lab.containerd?.stop();
  for (const s of lab.servers) (s.closeAll ?? s.close).call(s);
  if (!o.keep) rmSync(tmp, { recursive: true, force: true });
  else console.log(`kept ${tmp}`);
}

function writeYaml(dir, name, value) {
  mkdirSync(dir, { recursive: true });
  const f = path.join(dir, name);
  writeFileSync(f, typeof value === 'string' ? value : YAML.stringify(value), { mode: 0o600 });
  return f;
}

const ctx = { o, lab, cli, report, writeYaml, holds, USER, PASSWORD, run };

try {
  ctx.inproc = await inprocCli();
  await setup();
  const p0 = performance.now();
  await probeChecks(ctx);
  const p1 = performance.now();
  const pulls = await pullCases(ctx);
  const p2 = performance.now();
  console.log(`\nprobe checks ${((p1 - p0) / 1000).toFixed(1)} s; real pulls: ${pulls.agree}/${pulls.total} pulls agree (engine route, probe servedBy, registry access logs; ${pulls.blobs} blobs each from the route's first host with it) over ${pulls.configs} configurations in ${((p2 - p1) / 1000).toFixed(1)} s; replay: npm run test:registries -- --seed ${o.seed}`);
} catch (e) {
  failed++;
  console.log(`✗ suite: ${e.stack || e.message}`);
} finally {
  await teardown().catch((e) => console.log(`teardown: ${e.message}`));
}
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

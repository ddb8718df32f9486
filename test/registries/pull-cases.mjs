// Real pulls prove the engine: for each configuration, the hosts directory rendered
// by `registry-route hosts-dir --runtime upstream-1.6` is handed to Debian
// containerd 1.6 (a daemon of the suite's own: `ctr content fetch --hosts-dir`), and
// the registries' access logs say which host served what. Three answers must agree:
//   expected – the first host of the engine's route (`registry-route --json`) that
//              has the image, by the suite's own table of what was pushed where
//              (anonymous: hosts.toml carries no credentials, so neither does ctr);
//   probe    – `registry-route probe`'s servedBy (the probe is anonymous here too);
//   ctr      – the URL of containerd's successful manifest HEAD in the access logs.
// Also: the hosts containerd asked, in order, are the route's live hosts up to that one,
// and the manifest by digest and every blob come from the route's first host that has it.
import path from 'node:path';
import { caseSeed, image, prng } from '../conformance/generator.mjs';

const RUNTIME = ['--runtime', 'upstream-1.6'];

/**
 * @typedef {{ id: string, why?: string, registries: any, images: string[], flags?: string[] }} PullCase
 */

/**
 * The hand-written scenarios upstream containerd 1.6 can show.
 * @returns {PullCase[]}
 */
function seedCases(lab) {
  const R = lab.registries;
  const tlsCa = { [R.tls.host]: { tls: { ca_file: lab.pki.ca } } };
  return [
    { id: 'seed-fallback', why: 'the mirror lacks the image: containerd falls back to the registry itself',
      registries: { mirrors: { [R.upstream.host]: { endpoint: [R.empty.origin] } } }, images: [`${R.upstream.host}/library/tiny:1`] },
    { id: 'seed-mirror-serves', why: 'the mirror has it: the registry itself is never asked',
      registries: { mirrors: { 'docker.io': { endpoint: [R.upstream.origin] } } }, images: ['tiny:1'] },
    { id: 'seed-dead-then-cache', why: 'a dead mirror, then a pull-through cache',
      registries: { mirrors: { 'docker.io': { endpoint: [lab.dead.origin, R.cache.origin] } } }, images: ['only-up:1', 'tiny:1'] },
    { id: 'seed-disable-default-1.6', why: 'disable-default does not remove the fallback on upstream containerd 1.6',
      registries: { mirrors: { [R.upstream.host]: { endpoint: [R.empty.origin] } } }, flags: ['--disable-default-endpoint'], images: [`${R.upstream.host}/library/tiny:1`] },
    { id: 'seed-no-host-has-it', why: 'every host lacks the image: the pull fails',
      registries: { mirrors: { 'docker.io': { endpoint: [R.empty.origin, R.second.origin] } } }, images: ['only-up:1'] },
    { id: 'seed-wildcard', why: '* mirrors every registry without a directory of its own (_default)',
      registries: { mirrors: { '*': { endpoint: [R.empty.origin, R.second.origin] } } }, images: ['tiny:1', `${R.upstream.host}/team/app:1`] },
    { id: 'seed-own-dir-hides-wildcard', why: 'a registry with its own directory ignores *',
      registries: { mirrors: { '*': { endpoint: [R.second.origin] }, 'docker.io': { endpoint: [R.empty.origin, R.upstream.origin] } } }, images: ['tiny:1'] },
    { id: 'seed-override-path', why: 'an endpoint with a path: override_path, the repository under it',
      registries: { mirrors: { 'docker.io': { endpoint: [R.second.origin, `${R.upstream.origin}/v2/prefix`] } } }, images: ['only-up:1', 'team/app:1'] },
    { id: 'seed-tls-ca', why: 'a TLS mirror with its CA (hosts.toml ca), an auth mirror without credentials is passed over',
      registries: { mirrors: { 'docker.io': { endpoint: [R.auth.origin, R.tls.origin] } }, configs: { ...tlsCa, [R.auth.host]: { tls: { ca_file: lab.pki.ca } } } }, images: ['tiny:1'] },
    { id: 'seed-digest', why: 'a digest: the mirror with the same tag but another digest is passed over',
      registries: { mirrors: { 'docker.io': { endpoint: [R.second.origin, R.upstream.origin] } } }, images: [`tiny@${lab.img.tinyUp.manifestDigest}`] },
  ];
}

/**
 * Generated configurations: random mirrors from the lab's hosts, *, override paths, disable-default.
 * @returns {PullCase[]}
 */
function generated(seed, count, lab) {
  const R = lab.registries;
  const endpoints = [
    [4, R.empty.origin], [3, lab.dead.origin], [4, R.upstream.origin], [3, R.cache.origin], [4, R.second.origin],
    [2, R.tls.origin], [1, R.auth.origin], [1, R.token.origin], [3, `${R.upstream.origin}/v2/prefix`], [1, `${R.second.origin}/v2`],
  ];
  const images = [
    [4, 'tiny:1'], [3, 'only-up:1'], [3, 'team/app:1'], [2, 'missing:1'], [2, `tiny@${lab.img.tinyUp.manifestDigest}`],
    [1, `team/app@${lab.img.appSecond.manifestDigest}`], [3, `${R.upstream.host}/library/tiny:1`], [2, `${R.second.host}/team/app:1`],
    [1, `${R.empty.host}/library/decoy:1`], [2, 'reg.test/library/tiny:1'],
  ];
  const out = [];
  for (let i = 0; i < count; i++) {
    const r = prng(caseSeed(seed, i));
    const imgs = [r.weighted(images)];
    if (r.chance(0.5)) imgs.push(r.weighted(images));
    const registries = { mirrors: {}, configs: {} };
    const keys = new Set();
    for (const im of imgs) keys.add(r.chance(0.3) ? '*' : image(im).registry);
    if (r.chance(0.2)) keys.add('*');
    for (const key of keys) {
      const n = r.int(0, 4);
      const eps = [];
      for (let k = 0; k < n; k++) {
        const e = r.weighted(endpoints);
        if (!eps.includes(e)) eps.push(e);
      }
      registries.mirrors[key] = { endpoint: eps };
    }
    // the TLS hosts get their CA most of the time (without it: a TLS failure, next host)
    for (const h of [R.tls, R.auth]) if (r.chance(0.8)) registries.configs[h.host] = { tls: r.chance(0.8) ? { ca_file: lab.pki.ca } : { insecure_skip_verify: true } };
    const flags = r.chance(0.3) ? ['--disable-default-endpoint'] : [];
    out.push({ id: `g-${i}`, registries, flags, images: imgs });
  }
  return out;
}

/** The route URL for another object of the same repository: …/manifests/<ref>[?ns] → …/<kind>/<digest>[?ns] */
function swap(url, kind, digest) {
  return url.replace(/\/manifests\/[^/?]+(\?|$)/, `/${kind}/${digest}$1`);
}

/** Wait until no registry has written a log line for 80 ms (at most 2 s). */
async function settle(registries) {
  const count = () => registries.reduce((n, r) => n + r.log.length + r.requests.length, 0);
  let last = count();
  let quiet = 0;
  for (let waited = 0; waited < 2000 && quiet < 80; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = count();
    quiet = now === last ? quiet + 20 : 0;
    last = now;
  }
}

export async function pullCases(ctx) {
  const { o, lab, report, writeYaml, holds, run } = ctx;
  const cases = [...seedCases(lab), ...generated(o.seed, o.count, lab)].filter((c) => !o.only || o.only.has(c.id));
  const live = new Set([...lab.contents.keys(), lab.registries.auth.origin, lab.registries.token.origin]);
  let agree = 0;
  let total = 0;
  let blobsServed = 0;
  for (const c of cases) {
    // the hand-written cases through the real bin; generated ones in-process (same code, no node start-up)
    const cli = c.id.startsWith('seed-') ? ctx.cli : ctx.inproc;
    const dir = path.join(lab.tmp, 'pulls', c.id);
    const file = writeYaml(dir, 'registries.yaml', c.registries);
    const hostsDir = path.join(dir, 'certs.d');
    const opts = ['--registries', file, ...RUNTIME, ...(c.flags ?? [])];
    const errs = [];
    const detail = [];
    const render = await cli(['hosts-dir', ...opts, hostsDir]);
    if (render.code !== 0) errs.push(`hosts-dir exited ${render.code}: ${render.stderr.trim()}`);
    const route = await cli([...opts, '--json', ...c.images]);
    const probe = await cli(['probe', ...opts, '--json', '--timeout', '3000', ...c.images]);
    let routes = [];
    let probes = [];
    try {
      routes = JSON.parse(route.stdout);
      probes = JSON.parse(probe.stdout);
    } catch {
      errs.push(`route/probe output is not JSON: ${route.stderr}${probe.stderr}`);
    }
    for (let i = 0; i < c.images.length && errs.length === 0; i++) {
      total++;
      const im = image(c.images[i]);
      const rt = routes[i];
      const manifestAttempts = rt.attempts.map((a) => a.url);
      const works = (a) => {
        const origin = new URL(a.url).origin;
        if (origin === lab.registries.tls.origin || origin === lab.registries.auth.origin) return a.tls.skipVerify || a.tls.ca.includes(lab.pki.ca);
        return true;
      };
      const first = rt.attempts.find((a) => works(a) && holds(a.url));
      const expected = first ? first.url : null;
      const marks = Object.values(lab.registries).map((r) => [r, r.mark()]);
      // a namespace per pull: nothing fetched before is in its content store
      const ctr = await run('ctr', ['-a', lab.containerd.address, '-n', `pull-${total}`, '--timeout', '20s', 'content', 'fetch', '--hosts-dir', hostsDir, im.ref], { timeoutMs: 30000, env: { PATH: process.env.PATH }, cwd: dir });
      await settle(Object.values(lab.registries)); // let the last log lines arrive
      const since = marks.map(([r, m]) => [r, r.containerdSince(m)]);
      const isHead = (e) => e.method === 'HEAD' && /\/manifests\//.test(e.uri);
      // the access logs: which host answered the manifest request with success
      const served = since.flatMap(([r, x]) => x.access.filter((e) => isHead(e) && e.status >= 200 && e.status < 300).map((e) => `${r.origin}${e.uri}`));
      // the registries' own logs: in which order containerd asked (request start times)
      const heads = since.flatMap(([r, x]) => x.timed.filter(isHead).map((e) => ({ ...e, url: `${r.origin}${e.uri}` }))).sort((a, b) => a.start - b.start);
      const accessHeads = since.reduce((n, [, x]) => n + x.access.filter(isHead).length, 0);
      if (accessHeads !== heads.length) errs.push(`${c.images[i]}: ${accessHeads} manifest requests in the access logs, ${heads.length} in the registries' logs`);
      const ctrServed = served[0] ?? null;
      const p = probes[i];
      const mine = [];
      if (served.length > 1) mine.push(`containerd got the manifest from ${served.length} hosts: ${served.join(', ')}`);
      if (ctrServed !== expected) mine.push(`containerd was served by ${ctrServed}, the engine's route says ${expected}`);
      if (p?.servedBy !== expected) mine.push(`probe servedBy ${p?.servedBy}, the engine's route says ${expected}`);
      if ((ctr.code === 0) !== (expected !== null)) mine.push(`ctr exit ${ctr.code} (${ctr.stderr.trim().split('\n').pop()}), expected ${expected ? 'success' : 'failure'}`);
      // the live hosts containerd asked, in order: the route's live hosts up to the one that served
      const upTo = expected ? manifestAttempts.slice(0, manifestAttempts.indexOf(expected) + 1) : manifestAttempts;
      const wantAsked = [...new Set(rt.attempts.filter((a) => upTo.includes(a.url) && live.has(new URL(a.url).origin) && works(a)).map((a) => a.url))];
      const gotManifestAsked = [...new Set(heads.map((e) => e.url))];
      if (JSON.stringify(gotManifestAsked) !== JSON.stringify(wantAsked)) mine.push(`containerd asked ${JSON.stringify(gotManifestAsked)}, the route's live hosts are ${JSON.stringify(wantAsked)}`);
      // the content: the manifest by digest and every blob, each from the first host of
      // the route that has it (containerd's fetcher walks the same hosts)
      const fetched = since.flatMap(([r, x]) => x.access.filter((e) => e.method === 'GET' && e.status >= 200 && e.status < 300).map((e) => `${r.origin}${e.uri}`));
      const got = { manifests: [], blobs: [] };
      for (const url of fetched) {
        const m = /\/(manifests|blobs)\/([^/?]+)(?:\?|$)/.exec(url);
        if (!m) {
          mine.push(`containerd fetched ${url}`);
          continue;
        }
        got[m[1]].push(m[2]);
        const want = rt.attempts.find((a) => works(a) && holds(swap(a.url, m[1], m[2])));
        const wantUrl = want ? swap(want.url, m[1], m[2]) : null;
        if (url !== wantUrl) mine.push(`containerd fetched ${m[1]} ${m[2].slice(0, 19)} from ${url}; the route's first host with it: ${wantUrl}`);
      }
      if (expected) {
        const blobs = lab.blobsOf.get(got.manifests[0]) ?? [];
        if (got.manifests.length !== 1) mine.push(`containerd fetched ${got.manifests.length} manifests`);
        if (JSON.stringify([...got.blobs].sort()) !== JSON.stringify([...blobs].sort())) mine.push(`containerd fetched blobs ${got.blobs.join(', ')}, the image has ${blobs.join(', ')}`);
        blobsServed += got.blobs.length;
      } else if (fetched.length) mine.push(`the pull failed, yet containerd fetched ${fetched.join(', ')}`);
      if (mine.length === 0) agree++;
      else {
        errs.push(...mine.map((m) => `${c.images[i]}: ${m}`));
        detail.push(`route: ${manifestAttempts.join(' → ')}`, `probe: ${JSON.stringify(p?.attempts?.map((a) => [a.url, a.status]))}`);
      }
    }
    if (errs.length) detail.unshift(`replay: npm run test:registries -- --seed ${o.seed} --only ${c.id}`, `flags: ${(c.flags ?? []).join(' ')}`, ...JSON.stringify(c.registries).match(/.{1,200}/g));
    report(`pull ${c.id}${c.why ? ` – ${c.why}` : ''}`, errs, detail);
  }
  return { agree, total, configs: cases.length, blobs: blobsServed };
}

// registry-route [options] IMAGE...: the hosts containerd tries, in order, and
// every finding of the settings (those of a route with it, the rest once after).
import type { Compiled } from '../route/compile';
import { resolveRoute } from '../route/route';
import type { Finding, Route } from '../types';
import { UsageError, type CliOptions } from './args';
import { formatFinding, formatRoute, publicFinding } from './format';
import { ChunkedOut, readInput, type Io, type Out } from './io';
import { applied, loadCompiled } from './load';

interface FindingIndex {
  global: Finding[];
  byMirror: Map<string, Finding[]>;
  byConfig: Map<string, Finding[]>;
  /** the host of an attempt's endpoint */
  hostOf: Map<string, string>;
  /** the settings findings of a route, by its mirror key and hosts: routes of one registry share them */
  forRoute: Map<string, Finding[]>;
}
const indexes = new WeakMap<Compiled, FindingIndex>();

function indexFindings(compiled: Compiled): FindingIndex {
  let ix = indexes.get(compiled);
  if (ix) return ix;
  ix = { global: [], byMirror: new Map(), byConfig: new Map(), hostOf: new Map(), forRoute: new Map() };
  for (const fd of compiled.findings) {
    const map = fd.path[0] === 'mirrors' ? ix.byMirror : fd.path[0] === 'configs' ? ix.byConfig : undefined;
    if (fd.path.length < 2 || !map) {
      if (fd.path.length < 2) ix.global.push(fd);
      continue;
    }
    const k = String(fd.path[1]);
    map.set(k, [...(map.get(k) ?? []), fd]);
  }
  indexes.set(compiled, ix);
  return ix;
}

export const findingKey = (fd: Finding): string => `${fd.code}|${fd.path.join('\u0000')}`;

/** Settings findings that concern this route (its mirror key, its hosts' configs), then the route's own. */
export function relevantFindings(compiled: Compiled, route: Route): Finding[] {
  const ix = indexFindings(compiled);
  const key = route.hostsDir ? compiled.byDir.get(route.hostsDir)?.key : route.registry;
  const hosts = new Set<string>();
  for (const a of route.attempts) {
    let h = ix.hostOf.get(a.endpoint);
    if (h === undefined) ix.hostOf.set(a.endpoint, (h = a.endpoint.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '')));
    hosts.add(h);
  }
  // one array per mirror key and hosts, shared by every route that has no findings of its own
  const id = `${key ?? ''}\u0000${key === undefined ? 0 : 1}\u0000${[...hosts].join('\u0000')}`;
  let out = ix.forRoute.get(id);
  if (!out) {
    out = [...ix.global, ...((key !== undefined && ix.byMirror.get(key)) || [])];
    for (const h of hosts) out.push(...(ix.byConfig.get(h) ?? []));
    ix.forRoute.set(id, out);
  }
  if (out.length === 0) return route.findings;
  if (route.findings.length === 0) return out;
  const seen = new Set(out.map(findingKey));
  return [...out, ...route.findings.filter((fd) => !seen.has(findingKey(fd)))];
}

/**
 * JSON.stringify(items, null, 2), written in pieces instead of one large string; items
 * are made a batch at a time (item(i)), so that only one batch of them is alive at once.
 */
export function writeJsonArray(out: Out, count: number, item: (i: number) => unknown): void {
  if (count === 0) {
    out.write('[]\n');
    return;
  }
  // JSON.stringify of a slice of the array indents its items as they sit in the whole
  // array: the slice's text without its brackets is that part of the output. 16 routes
  // make ~32 KB of text, a string V8 keeps among its young objects; batches of 500 made
  // 1 MB strings, each a fresh large-object allocation (~150 ms more for 10,000 routes).
  const BATCH = 16;
  out.write('[\n');
  for (let i = 0; i < count; i += BATCH) {
    const batch: unknown[] = [];
    for (let j = i; j < Math.min(i + BATCH, count); j++) batch.push(item(j));
    const text = JSON.stringify(batch, null, 2);
    out.write(`${text.slice(2, -2)}${i + BATCH < count ? ',' : ''}\n`);
  }
  out.write(']\n');
}

/** IMAGE... and --images-file: lines or white space separate images; # starts a comment. */
export function images(o: CliOptions): string[] {
  const list = [...o.positional];
  if (o.imagesFile) {
    for (const line of readInput(o.imagesFile, 'image list').split(/\r?\n/)) {
      const t = line.replace(/(^|\s)#.*$/, '').trim();
      if (t) list.push(...t.split(/\s+/));
    }
  }
  return list;
}

export function routeCommand(o: CliOptions, io: Io): number {
  const compiled = loadCompiled(o, io);
  if (o.positional.length === 0 && !o.imagesFile) throw new UsageError('give at least one IMAGE (see registry-route --help)');
  const list = images(o);
  // an image listed twice routes alike: its route (read-only from here on) is made once
  const byInput = new Map<string, Route>();
  const routes = list.map((img) => {
    let route = byInput.get(img);
    if (!route) {
      const r = resolveRoute(compiled, img, { context: o.context });
      route = { ...r, findings: relevantFindings(compiled, r) };
      byInput.set(img, route);
    }
    return route;
  });
  const shown = new Set<string>();
  // routes of one registry share their findings array: look at each array once
  const lists = new Set<Finding[]>();
  for (const r of routes) lists.add(r.findings);
  for (const list of lists) for (const fd of list) shown.add(findingKey(fd));
  const rest = compiled.findings.filter((fd) => !shown.has(findingKey(fd)));
  if (o.json) {
    const a = applied(compiled);
    // as the text output: each route with its own findings, every other finding of the
    // settings once (in the first object), not once per image
    const others = rest.map(publicFinding);
    const published = new Map<Finding[], Finding[]>();
    const publish = (list: Finding[]) => {
      let p = published.get(list);
      if (!p) published.set(list, (p = list.map(publicFinding)));
      return p;
    };
    // the keys in the order of a Route, then applied(): an object literal, not spreads
    // (V8's generic object spread cost ~70 ms over 10,000 routes)
    writeJsonArray(io.out, routes.length, (i) => {
      const r = routes[i];
      const json: Route & ReturnType<typeof applied> & { settingsFindings: Finding[] } = {
        input: r.input,
        image: r.image,
        registry: r.registry,
        repository: r.repository,
        reference: r.reference,
        hostsDir: r.hostsDir,
        attempts: r.attempts,
        findings: publish(r.findings),
        profile: a.profile,
        distroVersion: a.distroVersion,
        distro: a.distro,
        settingsFindings: i === 0 ? others : [],
      };
      return json;
    });
  } else {
    if (routes.length === 0) io.err.write('note: the image list is empty\n');
    // the blocks joined by blank lines, written in chunks (never one string of all routes)
    const out = new ChunkedOut(io.out);
    routes.forEach((r, i) => out.write(`${i ? '\n\n' : ''}${formatRoute(compiled, r, o.context)}`));
    if (rest.length) out.write(`${routes.length ? '\n\n' : ''}Other findings of the settings:\n${rest.map(formatFinding).join('\n')}`);
    if (routes.length || rest.length) out.write('\n');
    out.flush();
  }
  return routes.some((r) => r.registry === '') ? 1 : 0;
}

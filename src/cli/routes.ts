// registry-route [options] IMAGE...: the hosts containerd tries, in order, and
// every finding of the settings (those of a route with it, the rest once after).
import type { Compiled } from '../route/compile';
import { resolveRoute } from '../route/route';
import type { Finding, Route } from '../types';
import { UsageError, type CliOptions } from './args';
import { formatFinding, formatRoute, publicFinding } from './format';
import { readInput, type Io, type Out } from './io';
import { applied, loadCompiled } from './load';

interface FindingIndex {
  global: Finding[];
  byMirror: Map<string, Finding[]>;
  byConfig: Map<string, Finding[]>;
}
const indexes = new WeakMap<Compiled, FindingIndex>();

function indexFindings(compiled: Compiled): FindingIndex {
  let ix = indexes.get(compiled);
  if (ix) return ix;
  ix = { global: [], byMirror: new Map(), byConfig: new Map() };
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
  const out = [...ix.global, ...((key !== undefined && ix.byMirror.get(key)) || [])];
  const hosts = new Set(route.attempts.map((a) => a.endpoint.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '')));
  for (const h of hosts) out.push(...(ix.byConfig.get(h) ?? []));
  if (out.length === 0) return route.findings;
  const seen = new Set(out.map(findingKey));
  return [...out, ...route.findings.filter((fd) => !seen.has(findingKey(fd)))];
}

/** JSON.stringify(items, null, 2), written in pieces instead of one large string. */
export function writeJsonArray(out: Out, items: unknown[]): void {
  if (items.length === 0) {
    out.write('[]\n');
    return;
  }
  // JSON.stringify of a slice of the array indents its items as they sit in the whole
  // array: the slice's text without its brackets is that part of the output
  const BATCH = 500;
  out.write('[\n');
  for (let i = 0; i < items.length; i += BATCH) {
    const text = JSON.stringify(items.slice(i, i + BATCH), null, 2);
    out.write(`${text.slice(2, -2)}${i + BATCH < items.length ? ',' : ''}\n`);
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
  const routes = list.map((img) => {
    const r = resolveRoute(compiled, img, { context: o.context });
    return { ...r, findings: relevantFindings(compiled, r) };
  });
  const shown = new Set<string>();
  for (const r of routes) for (const fd of r.findings) shown.add(findingKey(fd));
  const rest = compiled.findings.filter((fd) => !shown.has(findingKey(fd)));
  if (o.json) {
    const a = applied(compiled);
    // as the text output: each route with its own findings, every other finding of the
    // settings once (in the first object), not once per image
    const others = rest.map(publicFinding);
    writeJsonArray(
      io.out,
      routes.map((r, i) => ({ ...r, findings: r.findings.map(publicFinding), ...a, settingsFindings: i === 0 ? others : [] })),
    );
  } else {
    if (routes.length === 0) io.err.write('note: the image list is empty\n');
    const blocks = routes.map((r) => formatRoute(compiled, r, o.context));
    if (rest.length) blocks.push(`Other findings of the settings:\n${rest.map(formatFinding).join('\n')}`);
    if (blocks.length) io.out.write(`${blocks.join('\n\n')}\n`);
  }
  return routes.some((r) => r.registry === '') ? 1 : 0;
}

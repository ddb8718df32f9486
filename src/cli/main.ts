// registry-route: the engine on the command line.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type Compiled } from '../route/compile';
import { resolveRoute } from '../route/route';
import { detectDocument, parseYaml, settingsFromCluster, settingsFromNodeValue } from '../input/settings';
import { distroOf } from '../input/settings';
import { parseArgs, UsageError, USAGE, type CliOptions } from './args';
import { at, formatFinding, formatRoute } from './format';
import { convert } from './convert';
import { fleet } from './fleet';
import { hasUserInfo, redact } from '../lib/redact';
import type { Finding, Route, RouteSettings } from '../types';

export function readInput(file: string): string {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? readFileSync(0) : readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`);
  }
  try {
    // RKE2/K3s refuse a registries.yaml that is not UTF-8; so do we, instead of guessing
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file} is not UTF-8 text (save it as UTF-8)`);
  }
}


export function loadSettings(o: CliOptions): { settings: RouteSettings; findings: Finding[] } {
  let settings: RouteSettings;
  let findings: Finding[] = [];
  if (o.registries) {
    const text = readInput(o.registries);
    const y = parseYaml(text);
    if (!y.ok) throw new UsageError(at(o.registries, y));
    const doc = detectDocument(y.value);
    if (doc.kind === 'unsupported') throw new UsageError(`${o.registries}: ${doc.error}`);
    if (doc.kind === 'cluster') {
      const c = settingsFromCluster(doc.cluster, { runtime: o.runtime });
      settings = c.settings;
      findings = c.findings;
    } else {
      const n = settingsFromNodeValue(y.value);
      settings = n.settings;
      findings = n.findings;
    }
  } else {
    settings = settingsFromNodeValue({}).settings;
  }
  if (o.distroVersion) settings = { ...settings, version: o.distroVersion, distro: distroOf(o.distroVersion) };
  if (o.runtime) settings = { ...settings, runtime: o.runtime };
  if (o.disableDefaultEndpoint) settings = { ...settings, disableDefaultEndpoint: true };
  if (o.embeddedRegistry) settings = { ...settings, embeddedRegistry: true };
  if (o.systemDefaultRegistry !== undefined) settings = { ...settings, systemDefaultRegistry: o.systemDefaultRegistry };
  return { settings, findings };
}

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

/** Settings findings that concern this route (its mirror key, its hosts' configs), then the route's own. */
export function relevantFindings(compiled: Compiled, route: Route): Finding[] {
  const ix = indexFindings(compiled);
  const key = route.hostsDir ? compiled.byDir.get(route.hostsDir)?.key : route.registry;
  const out = [...ix.global, ...((key !== undefined && ix.byMirror.get(key)) || [])];
  const hosts = new Set(route.attempts.map((a) => a.endpoint.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '')));
  for (const h of hosts) out.push(...(ix.byConfig.get(h) ?? []));
  if (out.length === 0) return route.findings;
  const seen = new Set(out.map((fd) => `${fd.code}|${fd.path.join('/')}`));
  return [...out, ...route.findings.filter((fd) => !seen.has(`${fd.code}|${fd.path.join('/')}`))];
}

/** JSON.stringify(routes, null, 2), written in pieces instead of one large string. */
function writeJsonArray(out: { write(s: string): unknown }, items: unknown[]): void {
  if (items.length === 0) {
    out.write('[]\n');
    return;
  }
  let buf = '[\n';
  items.forEach((item, i) => {
    buf += `  ${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}${i + 1 < items.length ? ',' : ''}\n`;
    if (buf.length > 1 << 20) {
      out.write(buf);
      buf = '';
    }
  });
  out.write(`${buf}]\n`);
}

/** Why a certs.d directory name cannot be written safely, if it cannot. */
function unsafeDir(dir: string): string | undefined {
  if (dir === '' || dir === '.' || dir === '..' || dir.includes('/') || dir.includes('\\')) return 'would be written outside OUTDIR';
  if (Buffer.byteLength(dir) > 255) return 'is too long for a directory name';
  if (hasUserInfo(dir)) return 'contains credentials';
  return undefined;
}

function images(o: CliOptions): string[] {
  const list = [...o.positional];
  if (o.imagesFile) {
    for (const line of readInput(o.imagesFile).split(/\r?\n/)) {
      const t = line.trim();
      if (t && !t.startsWith('#')) list.push(t);
    }
  }
  return list;
}

export function main(argv: string[], out = process.stdout, err = process.stderr): number {
  try {
    const o = parseArgs(argv);
    if (o.help) {
      out.write(USAGE);
      return 0;
    }
    if (o.command === 'convert') {
      if (o.positional.length !== 1) throw new UsageError('convert needs exactly one FILE (- for stdin)');
      return convert(o, readInput(o.positional[0]), o.positional[0], out, err);
    }
    if (o.command === 'fleet') {
      const file = o.positional[0] ?? '';
      return fleet(o, o.positional.length === 1 ? readInput(file) : '', file, o.secrets ? readInput(o.secrets) : undefined, out);
    }
    const { settings, findings } = loadSettings(o);
    const compiled = compile(settings, findings);
    if (o.command === 'hosts-dir') {
      if (o.positional.length !== 1) throw new UsageError('hosts-dir needs exactly one OUTDIR');
      const outDir = o.positional[0];
      for (const f of compiled.hostsFiles) {
        const problem = unsafeDir(f.dir);
        if (problem) throw new UsageError(`hosts-dir: mirror or config key "${redact(f.key)}" ${problem}; nothing was written (fix the key: it is a registry host[:port])`);
      }
      for (const f of compiled.hostsFiles) {
        mkdirSync(join(outDir, f.dir), { recursive: true });
        writeFileSync(join(outDir, f.dir, 'hosts.toml'), f.text);
      }
      if (!o.json) out.write(`wrote ${compiled.hostsFiles.length} hosts.toml file(s) to ${outDir}\n`);
      else out.write(`${JSON.stringify(compiled.hostsFiles.map((f) => ({ dir: f.dir, text: f.text })))}\n`);
      return 0;
    }
    const list = images(o);
    if (list.length === 0) throw new UsageError('give at least one IMAGE (see registry-route --help)');
    const routes = list.map((img) => {
      const r = resolveRoute(compiled, img, { context: o.context });
      return { ...r, findings: relevantFindings(compiled, r) };
    });
    if (o.json) {
      writeJsonArray(out, routes);
    } else {
      out.write(`${routes.map((r) => formatRoute(compiled, r, o.context)).join('\n\n')}\n`);
    }
    return routes.some((r) => r.registry === '') ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`registry-route: ${e.message}\n`);
      return 2;
    }
    err.write(`registry-route: internal error: ${(e as Error).message}\n`);
    return 3;
  }
}

export { formatFinding };

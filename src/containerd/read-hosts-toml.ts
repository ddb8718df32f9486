// containerd's side: read a hosts.toml text the way containerd does and turn
// it into the ordered hosts it tries for one registry (docs/route-semantics.md §6, §6a).
import { parse as parseToml } from 'smol-toml';
import { Memo } from '../lib/memo';
import { toToml11 } from './toml-dialect';
import { parseGoUrl, GoUrlError } from '../lib/go-url';
import { defaultHost, hostPort, isLocalhost, DOCKER_HUB } from '../agent/endpoint';
import type { Profile } from '../input/profiles';

export interface ParsedHost {
  /** '' = the root host with no server: filled in for the pulled registry */
  scheme: string;
  host: string;
  path: string;
  overridePath: boolean;
  ca: string[];
  client: Array<[string, string]>;
  skipVerify: boolean | undefined;
  rewrites: Array<[string, string]>;
  isRoot: boolean;
  /** the key of the table as written, e.g. https://mirror/v2 */
  key: string;
}

export type ParsedHostsFile =
  | { ok: true; hosts: ParsedHost[]; hasServerKey: boolean; hostTables: number }
  | { ok: false; error: string };

type Tbl = Record<string, unknown>;

function strList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function clientPairs(v: unknown): Array<[string, string]> {
  if (typeof v === 'string') return [[v, '']];
  if (!Array.isArray(v)) return [];
  return v.map((x): [string, string] => {
    if (typeof x === 'string') return [x, ''];
    if (Array.isArray(x)) return [String(x[0] ?? ''), String(x[1] ?? '')];
    return ['', ''];
  });
}

/** path.Clean of Go */
export function cleanPath(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(seg);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s; // only an unrooted path can come out empty
}

function hostFromTable(key: string, t: Tbl, isRoot: boolean): ParsedHost {
  const overridePath = t.override_path === true;
  const h: ParsedHost = {
    scheme: '',
    host: '',
    path: '',
    overridePath,
    ca: strList(t.ca),
    client: clientPairs(t.client),
    skipVerify: typeof t.skip_verify === 'boolean' ? t.skip_verify : undefined,
    rewrites: t.rewrite && typeof t.rewrite === 'object' ? Object.entries(t.rewrite as Tbl).map(([p, r]) => [p, String(r)]) : [],
    isRoot,
    key,
  };
  if (key !== '') {
    // containerd: url.Parse of the key with https:// added when it has no scheme;
    // a key that does not parse makes the whole file unusable (thrown, caught by the caller)
    const u = parseGoUrl(/^http/.test(key) ? key : `https://${key}`);
    h.scheme = u.scheme;
    h.host = u.host;
    let p = u.path;
    if (p.length > 0) {
      p = cleanPath(p);
      if (!p.endsWith('/v2') && !overridePath) p += '/v2';
    } else if (!overridePath) p = '/v2';
    h.path = p;
  }
  return h;
}

const parsedFiles = new WeakMap<Profile, Memo<string, ParsedHostsFile>>();

/** Results are shared between callers: treat them as read-only. */
export function parseHostsToml(text: string, profile: Profile): ParsedHostsFile {
  let memo = parsedFiles.get(profile);
  if (!memo) parsedFiles.set(profile, (memo = new Memo(5_000)));
  return memo.get(text, () => parseUncached(text, profile));
}

function parseUncached(text: string, profile: Profile): ParsedHostsFile {
  const dialect = toToml11(text, profile.tomlDialect);
  if (!dialect.ok) return { ok: false, error: dialect.error };
  let doc: Tbl;
  try {
    doc = parseToml(dialect.text) as Tbl;
  } catch (e) {
    return { ok: false, error: (e as Error).message.split('\n')[0] };
  }
  const hostTable = (doc.host ?? {}) as Tbl;
  if (typeof hostTable !== 'object' || Array.isArray(hostTable)) return { ok: false, error: 'invalid `host` tree' };
  const keys = Object.keys(hostTable);
  if (profile.rejectsIpv6TableKeys && keys.some((k) => k.includes('['))) {
    return { ok: false, error: 'the TOML parser of containerd 1.6 rejects a table key holding an IPv6 literal' };
  }
  const hosts: ParsedHost[] = [];
  const hasServerKey = Object.hasOwn(doc, 'server');
  try {
    for (const k of keys) {
      const t = hostTable[k];
      if (!t || typeof t !== 'object' || Array.isArray(t)) return { ok: false, error: `invalid host table "${k}"` };
      const h = hostFromTable(k, t as Tbl, false);
      if (!profile.rewrites) h.rewrites = [];
      hosts.push(h);
    }
    const appendRoot = profile.forkServerRule ? hasServerKey || keys.length === 0 : true;
    if (appendRoot) {
      const root = hostFromTable(typeof doc.server === 'string' ? doc.server : '', doc, true);
      root.rewrites = [];
      hosts.push(root);
    }
  } catch (e) {
    if (e instanceof GoUrlError) return { ok: false, error: `unable to parse a host URL: ${e.message}` };
    throw e;
  }
  return { ok: true, hosts, hasServerKey, hostTables: keys.length };
}

/** The certs.d directories containerd looks in for a registry, in order. */
export function candidateDirs(registry: string): string[] {
  const dirs: string[] = [];
  const port = hostPort(registry);
  if (port !== '') {
    const i = registry.lastIndexOf(':');
    dirs.push(`${registry.slice(0, i)}_${port}_`);
  }
  dirs.push(registry, '_default');
  return dirs;
}

export interface ConcreteHost extends ParsedHost {
  /** this host replaces an empty server: the pulled registry itself */
  filledDefault: boolean;
  httpFallback: boolean;
}

/** Fill in the root host that has no server for the pulled registry (containerd ConfigureHosts). */
export function concreteHosts(hosts: ParsedHost[], registry: string, profile: Profile): ConcreteHost[] {
  return hosts.map((h) => {
    const c: ConcreteHost = { ...h, filledDefault: false, httpFallback: false };
    if (h.host === '' && h.isRoot) {
      c.filledDefault = true;
      c.path = '/v2';
      if (registry === DOCKER_HUB) {
        c.scheme = 'https';
        c.host = defaultHost(registry);
      } else if (isLocalhost(registry)) {
        c.host = registry;
        const port = hostPort(registry);
        if (profile.localhostAlwaysHttp) {
          c.scheme = 'http';
          c.skipVerify = true;
        } else {
          c.scheme = port === '' || port === '443' ? 'https' : 'http';
          if (port !== '80') c.skipVerify = true;
        }
      } else {
        c.host = registry;
        c.scheme = 'https';
      }
    }
    const tlsSet = c.ca.length > 0 || c.client.length > 0 || c.skipVerify !== undefined;
    if (profile.httpsFirstForTlsHttp && c.scheme === 'http' && tlsSet && hostPort(c.host) !== '80') {
      c.scheme = 'https';
      c.httpFallback = true;
    }
    return c;
  });
}

// Endpoint normalisation as the K3s agent does it (normalizeEndpointAddress):
// default scheme, docker.io host, /v2 path and override_path.
import { Memo } from '../lib/memo';
import { formatGoUrl, GoUrlError, hostName, hostPort, parseGoUrl, type GoUrl } from '../lib/go-url';

export const DOCKER_HUB = 'docker.io';
export const DOCKER_HUB_HOST = 'registry-1.docker.io';

/** containerd docker.DefaultHost */
export function defaultHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_HOST : registry;
}

/** An IPv4 address in 127.0.0.0/8 as Go's net.ParseIP reads it (no octet above 255, no leading zero). */
function isLoopbackV4(h: string): boolean {
  return /^127(?:\.(?:0|[1-9]\d{0,2})){3}$/.test(h) && h.split('.').every((o) => Number(o) <= 255);
}

/**
 * The eight 16-bit fields of an IPv6 address as Go's net.ParseIP reads it (RFC 4291 2.2:
 * 1-4 hex digits a field, one "::" for at least one zero field, the last 32 bits
 * optionally as IPv4; no zone), or undefined when it is not one.
 */
function ipv6Fields(h: string): number[] | undefined {
  const halves = h.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((part) => (part === '' ? [] : part.split(':')));
  const last = groups[groups.length - 1];
  const fields = groups.map((g) => g.map((f) => (/^[0-9a-fA-F]{1,4}$/.test(f) ? parseInt(f, 16) : NaN)));
  // an IPv4 address in place of the last two fields
  if (last.length > 0 && last[last.length - 1].includes('.')) {
    const v4 = last[last.length - 1];
    if (!/^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/.test(v4)) return undefined;
    const o = v4.split('.').map(Number);
    if (o.some((x) => x > 255)) return undefined;
    fields[fields.length - 1].splice(-1, 1, o[0] * 256 + o[1], o[2] * 256 + o[3]);
  }
  if (fields.some((g) => g.some(Number.isNaN))) return undefined;
  const n = fields.reduce((sum, g) => sum + g.length, 0);
  if (fields.length === 1) return n === 8 ? fields[0] : undefined;
  if (n > 7) return undefined;
  return [...fields[0], ...Array<number>(8 - n).fill(0), ...fields[1]];
}

/** net.IP.IsLoopback: 127.0.0.0/8 (also IPv4-mapped, ::ffff:127.x.y.z) or ::1. */
function isLoopbackIp(h: string): boolean {
  if (isLoopbackV4(h)) return true;
  const f = ipv6Fields(h);
  if (!f) return false;
  const zerosUpTo = (k: number) => f.slice(0, k).every((x) => x === 0);
  return (zerosUpTo(7) && f[7] === 1) || (zerosUpTo(5) && f[5] === 0xffff && f[6] >> 8 === 127);
}

/** containerd docker.IsLocalhost: "localhost" or a loopback IP, with or without port. */
export function isLocalhost(host: string): boolean {
  let h = host;
  // net.SplitHostPort only succeeds when there is a port
  const m = /^\[([^\]]*)\]:([^:]*)$/.exec(host) ?? /^([^:[\]]*):([^:]*)$/.exec(host);
  if (m) h = m[1];
  if (h === 'localhost') return true;
  return isLoopbackIp(h);
}

export interface NormalizedEndpoint {
  /** host[:port] as written: the key its config is looked up by */
  registryName: string;
  url: GoUrl;
  /** scheme://host/path, as written into hosts.toml */
  urlString: string;
  overridePath: boolean;
  /** the endpoint had no scheme and got one */
  schemeAdded: boolean;
}

export type EndpointResult = { ok: true; ep: NormalizedEndpoint } | { ok: false; error: string };

const normalized = new Map<string, Memo<string, EndpointResult>>();

/** Results are shared between callers: treat them as read-only. */
export function normalizeEndpoint(endpoint: string, mirrorAddr?: string): EndpointResult {
  const addr = mirrorAddr ?? '';
  let memo = normalized.get(addr);
  if (!memo) normalized.set(addr, (memo = new Memo(20_000)));
  return memo.get(endpoint, () => normalizeUncached(endpoint, mirrorAddr));
}

function normalizeUncached(endpoint: string, mirrorAddr?: string): EndpointResult {
  const hadScheme = endpoint.includes('://');
  let u: GoUrl;
  try {
    u = parseGoUrl(hadScheme ? endpoint : `//${endpoint}`);
  } catch (e) {
    if (e instanceof GoUrlError) return { ok: false, error: e.message };
    throw e;
  }
  if (endpoint.includes('@') && !u.user) {
    // the @ is in the path or fragment: what precedes it (a password?) would be the host
    return { ok: false, error: 'an @ outside the user info: the text before it would be read as the host' };
  }
  if (u.scheme === '') {
    const port = hostPort(u.host);
    // localhost on odd ports defaults to http, unless it is the embedded mirror
    u.scheme = isLocalhost(u.host) && port !== '' && port !== '443' && u.host !== mirrorAddr ? 'http' : 'https';
  }
  let registryName = u.host;
  u.host = defaultHost(registryName);
  if (u.host === DOCKER_HUB_HOST) registryName = DOCKER_HUB;
  let overridePath = true;
  if (u.path === '' || u.path === '/' || u.path === '/v2') {
    u.path = '/v2';
    overridePath = false;
  }
  return { ok: true, ep: { registryName, url: u, urlString: formatGoUrl(u), overridePath, schemeAdded: !hadScheme } };
}

export { hostName, hostPort };

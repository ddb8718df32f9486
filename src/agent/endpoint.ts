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

function isLoopbackIp(h: string): boolean {
  if (isLoopbackV4(h)) return true;
  const v6 = h.toLowerCase();
  return v6 === '::1' || v6 === '0:0:0:0:0:0:0:1' || (v6.startsWith('::ffff:') && isLoopbackV4(v6.slice('::ffff:'.length)));
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

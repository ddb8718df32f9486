// The effective pull route of one image against compiled settings.
import { candidateDirs, concreteHosts, type ConcreteHost } from './containerd-hosts';
import { defaultHost, DOCKER_HUB, DOCKER_HUB_HOST, isLocalhost, normalizeEndpoint } from './endpoint';
import { parseReference, type ImageRef } from './reference';
import { applyRewrites } from './rewrite';
import { applySystemDefaultRegistry } from './sdr';
import { routeFindings } from './validate';
import type { Compiled } from './compile';
import type { Attempt, Route } from './types';

export type PullContext = 'workload' | 'system';

export interface RouteOptions {
  context?: PullContext;
  /** overrides the settings' system-default-registry (what-if) */
  systemDefaultRegistry?: string;
}

/** path.Join of Go for URL paths */
function joinPath(...parts: string[]): string {
  const segs: string[] = [];
  for (const seg of parts.join('/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segs.pop();
    else segs.push(seg);
  }
  return `/${segs.join('/')}`;
}

function isProxy(refHost: string, host: string): boolean {
  return refHost !== host && !(refHost === DOCKER_HUB && host === DOCKER_HUB_HOST);
}

export function requestUrl(scheme: string, host: string, path: string, ref: ImageRef, repository: string): string {
  const base = `${scheme}://${host}${joinPath(path, repository, 'manifests', ref.reference)}`;
  return isProxy(ref.registry, host) ? `${base}?ns=${encodeURIComponent(ref.registry)}` : base;
}

function authKey(compiled: Compiled, host: string): string | null {
  const configs = compiled.effective.configs;
  if (Object.hasOwn(configs, host) && configs[host].auth) return host;
  if (host === DOCKER_HUB_HOST && compiled.profile.dockerIoAuthAlias && configs[DOCKER_HUB]?.auth) return DOCKER_HUB;
  return null;
}

function attemptFrom(compiled: Compiled, h: ConcreteHost, ref: ImageRef): Attempt {
  const rw = compiled.profile.rewrites ? applyRewrites(h.rewrites, ref.repository) : { repository: ref.repository };
  const a: Attempt = {
    url: requestUrl(h.scheme, h.host, h.path, ref, rw.repository),
    endpoint: `${h.scheme}://${h.host}${h.path}`,
    repository: rw.repository,
    default: h.isRoot,
    overridePath: h.overridePath,
    tls: { ca: h.ca, client: h.client, skipVerify: h.skipVerify === true },
    auth: authKey(compiled, h.host),
  };
  if (h.httpFallback) a.httpFallback = true;
  if (rw.pattern !== undefined) a.rewrite = { pattern: rw.pattern, replacement: rw.replacement as string };
  return a;
}

/** Before hosts.toml: CRI mirrors in config.toml (spec section 8, legacy). */
function legacyAttempts(compiled: Compiled, ref: ImageRef): Attempt[] {
  const { mirrors, configs } = compiled.effective;
  const key = Object.hasOwn(mirrors, ref.registry) ? ref.registry : Object.hasOwn(mirrors, '*') ? '*' : undefined;
  const endpoints = key ? mirrors[key].endpoints : [];
  const rewrites = key ? mirrors[key].rewrites : [];
  const dHost = defaultHost(ref.registry);
  const urls: Array<{ scheme: string; host: string; path: string; isDefault: boolean }> = [];
  let hasDefault = false;
  for (const e of endpoints) {
    const withScheme = e.includes('://') ? e : `${isLocalhost(e.split('/')[0]) ? 'http' : 'https'}://${e}`;
    const n = normalizeEndpoint(withScheme);
    if (!n.ok) continue;
    const host = n.ep.url.host;
    if (host === ref.registry || host === dHost) hasDefault = true;
    const path = n.ep.url.path === '' || n.ep.url.path === '/v2' ? '/v2' : n.ep.url.path;
    urls.push({ scheme: n.ep.url.scheme, host, path, isDefault: host === ref.registry || host === dHost });
  }
  if (!hasDefault) urls.push({ scheme: 'https', host: dHost, path: '/v2', isDefault: true });
  return urls.map((u) => {
    const rw = applyRewrites(rewrites, ref.repository);
    const tls = configs[u.host]?.tls;
    const a: Attempt = {
      url: requestUrl(u.scheme, u.host, u.path, ref, rw.repository),
      endpoint: `${u.scheme}://${u.host}${u.path}`,
      repository: rw.repository,
      default: u.isDefault,
      overridePath: false,
      tls: { ca: tls?.caFile ? [tls.caFile] : [], client: tls?.certFile ? [[tls.certFile, tls.keyFile ?? '']] : [], skipVerify: !!tls?.insecureSkipVerify },
      auth: configs[u.host]?.auth ? u.host : null,
    };
    if (rw.pattern !== undefined) a.rewrite = { pattern: rw.pattern, replacement: rw.replacement as string };
    return a;
  });
}

export function hostsDirFor(compiled: Compiled, registry: string): string | null {
  for (const dir of candidateDirs(registry)) if (compiled.byDir.has(dir)) return dir;
  return null;
}

export function resolveRoute(compiled: Compiled, input: string, opts: RouteOptions = {}): Route {
  const sdr = opts.systemDefaultRegistry ?? compiled.settings.systemDefaultRegistry;
  const name = opts.context === 'system' ? applySystemDefaultRegistry(input, sdr) : input;
  const parsed = parseReference(name);
  if (!parsed.ok) {
    return {
      input,
      image: name,
      registry: '',
      repository: '',
      reference: '',
      hostsDir: null,
      attempts: [],
      findings: [{ code: 'IMAGE_INVALID', severity: 'error', path: ['image'], message: `"${name}" is not a valid image reference: ${parsed.error}`, fix: 'Enter a reference such as nginx:1.27, registry.example.com/team/app:1.0 or app@sha256:<64 hex digits>.' }],
    };
  }
  const ref = parsed.ref;
  let attempts: Attempt[];
  let hostsDir: string | null = null;
  if (compiled.profile.legacyCri) {
    attempts = legacyAttempts(compiled, ref);
  } else {
    hostsDir = hostsDirFor(compiled, ref.registry);
    const file = hostsDir ? compiled.byDir.get(hostsDir) : undefined;
    // a file containerd cannot parse leaves it with the implicit default host only
    const parsedHosts = file && file.parsed.ok ? file.parsed.hosts : [rootOnly()];
    let hosts = parsedHosts;
    if (!compiled.profile.wildcardFallback && hostsDir === '_default' && file?.parsed.ok && file.parsed.hostTables > 0) {
      hosts = parsedHosts.filter((h) => !(h.isRoot && h.host === ''));
    }
    attempts = concreteHosts(hosts, ref.registry, compiled.profile).map((h) => attemptFrom(compiled, h, ref));
  }
  const route: Route = {
    input,
    image: ref.name,
    registry: ref.registry,
    repository: ref.repository,
    reference: ref.reference,
    hostsDir,
    attempts,
    findings: [],
  };
  route.findings = routeFindings(compiled, route, ref);
  return route;
}

function rootOnly() {
  return { scheme: '', host: '', path: '', overridePath: false, ca: [], client: [], skipVerify: undefined, rewrites: [], isRoot: true, key: '' };
}

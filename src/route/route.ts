// The effective pull route of one image against compiled settings. Everything
// that depends only on the registry is planned once per registry and cached in
// the compiled settings, so resolving an image is a few string operations.
import { candidateDirs, cleanPath, concreteHosts, type ConcreteHost, type ParsedHost } from '../containerd/read-hosts-toml';
import { defaultHost, DOCKER_HUB, DOCKER_HUB_HOST, isLocalhost, normalizeEndpoint } from '../agent/endpoint';
import { parseReference, type ImageRef } from '../input/reference';
import { applyRewritesCached, type RewriteResult } from '../containerd/rewrite';
import { applySystemDefaultRegistry, checkSystemDefaultRegistry, SDR_PROBLEMS } from '../input/sdr';
import { phraseId } from '../lib/phrase-id';
import { redact } from '../lib/redact';
import { checkRegistryKey } from './validate';
import { CLEAN_REPO, planFindings, rewriteFindings, rewriteResultFindings } from './route-findings';
import type { Compiled, HostStep, RoutePlan } from './plan';
import type { Attempt, AttemptTls, Finding, Route } from '../types';

export type { HostStep, RoutePlan };

export type PullContext = 'workload' | 'system';

export interface RouteOptions {
  context?: PullContext;
  /** overrides the settings' system-default-registry (what-if) */
  systemDefaultRegistry?: string;
}

const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];
const PLAN_CACHE_MAX = 10_000;

/** path.Join of Go for URL paths (always rooted) */
export function joinPath(...parts: string[]): string {
  return cleanPath(`/${parts.filter(Boolean).join('/')}`);
}

function isProxy(refHost: string, host: string): boolean {
  return refHost !== host && !(refHost === DOCKER_HUB && host === DOCKER_HUB_HOST);
}

function authKey(compiled: Compiled, host: string): string | null {
  const configs = compiled.effective.configs;
  if (Object.hasOwn(configs, host) && configs[host].auth) return host;
  if (host === DOCKER_HUB_HOST && compiled.profile.dockerIoAuthAlias && configs[DOCKER_HUB]?.auth) return DOCKER_HUB;
  return null;
}

function step(compiled: Compiled, registry: string, h: { scheme: string; host: string; path: string; isDefault: boolean; overridePath: boolean; tls: AttemptTls; auth: string | null; httpFallback: boolean; rewrites: Array<[string, string]> }): HostStep {
  const path = joinPath(h.path);
  return {
    origin: `${h.scheme}://${h.host}`,
    path: path === '/' ? '' : path,
    endpoint: `${h.scheme}://${h.host}${h.path}`,
    isDefault: h.isDefault,
    overridePath: h.overridePath,
    tls: Object.freeze(h.tls) as AttemptTls,
    auth: h.auth,
    httpFallback: h.httpFallback,
    rewrites: compiled.profile.rewrites || compiled.profile.legacyCri ? h.rewrites : [],
    ns: isProxy(registry, h.host) ? `?ns=${encodeURIComponent(registry)}` : '',
  };
}

function fromHost(compiled: Compiled, registry: string, h: ConcreteHost): HostStep {
  return step(compiled, registry, {
    ...h,
    isDefault: h.isRoot,
    tls: { ca: h.ca, client: h.client, skipVerify: h.skipVerify === true },
    auth: authKey(compiled, h.host),
  });
}

/** Before hosts.toml: CRI mirrors in config.toml (docs/route-semantics.md §8, legacy). */
function legacySteps(compiled: Compiled, registry: string): HostStep[] {
  const { mirrors, configs } = compiled.effective;
  const key = Object.hasOwn(mirrors, registry) ? registry : Object.hasOwn(mirrors, '*') ? '*' : undefined;
  const endpoints = key ? mirrors[key].endpoints : [];
  const rewrites = key ? mirrors[key].rewrites : [];
  const dHost = defaultHost(registry);
  const hosts: Array<{ scheme: string; host: string; path: string; isDefault: boolean }> = [];
  for (const e of endpoints) {
    const withScheme = e.includes('://') ? e : `${isLocalhost(e.split('/')[0]) ? 'http' : 'https'}://${e}`;
    const n = normalizeEndpoint(withScheme);
    if (!n.ok) continue;
    const host = n.ep.url.host;
    hosts.push({ scheme: n.ep.url.scheme, host, path: n.ep.url.path || '/v2', isDefault: host === registry || host === dHost });
  }
  if (!hosts.some((h) => h.isDefault)) hosts.push({ scheme: 'https', host: dHost, path: '/v2', isDefault: true });
  return hosts.map((u) => {
    const tls = configs[u.host]?.tls;
    return step(compiled, registry, {
      ...u,
      overridePath: false,
      httpFallback: false,
      rewrites,
      tls: { ca: tls?.caFile ? [tls.caFile] : [], client: tls?.certFile ? [[tls.certFile, tls.keyFile ?? '']] : [], skipVerify: !!tls?.insecureSkipVerify },
      auth: configs[u.host]?.auth ? u.host : null,
    });
  });
}

export function hostsDirFor(compiled: Compiled, registry: string): string | null {
  for (const dir of candidateDirs(registry)) if (compiled.byDir.has(dir)) return dir;
  return null;
}

const ROOT_ONLY: ParsedHost[] = [{ scheme: '', host: '', path: '', overridePath: false, ca: [], client: [], skipVerify: undefined, rewrites: [], isRoot: true, key: '' }];

/** The hosts for every image of one registry, planned once and cached. */
export function planFor(compiled: Compiled, registry: string): RoutePlan {
  const cached = compiled.plans.get(registry);
  if (cached) return cached;
  let plan: RoutePlan;
  if (compiled.profile.legacyCri) {
    plan = { hostsDir: null, steps: legacySteps(compiled, registry), findings: NO_FINDINGS };
  } else {
    const hostsDir = hostsDirFor(compiled, registry);
    const file = hostsDir ? compiled.byDir.get(hostsDir) : undefined;
    // a file containerd cannot parse leaves it with the implicit default host only
    let hosts = file && file.parsed.ok ? file.parsed.hosts : ROOT_ONLY;
    if (!compiled.profile.wildcardFallback && hostsDir === '_default' && file?.parsed.ok && file.parsed.hostTables > 0) {
      hosts = hosts.filter((h) => !(h.isRoot && h.host === ''));
    }
    const steps = concreteHosts(hosts, registry, compiled.profile).map((h) => fromHost(compiled, registry, h));
    plan = { hostsDir, steps, findings: NO_FINDINGS };
  }
  plan.findings = planFindings(compiled, plan, registry);
  if (compiled.plans.size >= PLAN_CACHE_MAX) compiled.plans.clear();
  compiled.plans.set(registry, plan);
  return plan;
}

function attempt(s: HostStep, ref: ImageRef): Attempt {
  let repository = ref.repository;
  let url: string;
  let rw: RewriteResult | undefined;
  if (s.rewrites.length > 0) {
    rw = applyRewritesCached(s.rewrites, repository);
    repository = rw.repository;
  }
  if (rw?.pattern !== undefined && !CLEAN_REPO.test(repository)) url = `${s.origin}${joinPath(s.path, repository, 'manifests', ref.reference)}${s.ns}`;
  // a valid repository has no empty, . or .. components, so plain joining equals path.Join
  else url = `${s.origin}${s.path}/${repository}/manifests/${ref.reference}${s.ns}`;
  const a: Attempt = { url, endpoint: s.endpoint, repository, default: s.isDefault, overridePath: s.overridePath, tls: s.tls, auth: s.auth };
  if (s.httpFallback) a.httpFallback = true;
  if (rw?.pattern !== undefined) a.rewrite = { pattern: rw.pattern, replacement: rw.replacement as string };
  return a;
}

function invalid(input: string, name: string, error: string): Route {
  return {
    input,
    image: name,
    registry: '',
    repository: '',
    reference: '',
    hostsDir: null,
    attempts: [],
    findings: [{ code: 'IMAGE_INVALID', severity: 'error', path: ['image'], message: `"${redact(name)}" is not a valid image reference: ${error}`, fix: 'Enter a reference such as nginx:1.27, registry.example.com/team/app:1.0 or app@sha256:<64 hex digits>.', params: { image: redact(name), error } }],
  };
}

/** A valid image whose system image name cannot be formed: the system-default-registry is invalid, and what to fix. */
function invalidBySdr(input: string, name: string, sdr: string): Route {
  const r = invalid(input, name, '');
  r.findings = [{ code: 'IMAGE_INVALID', severity: 'error', path: ['systemDefaultRegistry'], message: `The system image name of "${redact(input)}" cannot be formed: system-default-registry "${redact(sdr)}" is invalid`, fix: 'Correct the system-default-registry setting (host[:port] or host[:port]/path, e.g. registry.example.com:5000); the image itself is fine.', params: { image: redact(input), sdr: redact(sdr) }, variant: 'sdr' }];
  return r;
}

/** A valid image whose name with a valid system-default-registry in front is no valid reference (too long). */
function invalidSystemName(input: string, name: string, sdr: string, error: string): Route {
  const r = invalid(input, name, error);
  r.findings = [{ code: 'IMAGE_INVALID', severity: 'error', path: ['systemDefaultRegistry'], message: `The system image name "${redact(name)}" is not a valid image reference: ${error}`, fix: `"${redact(input)}" is valid on its own: shorten the path of system-default-registry "${redact(sdr)}" (or the image name) so that the system image name is valid.`, params: { name: redact(name), image: redact(input), sdr: redact(sdr), error }, variant: 'systemName' }];
  return r;
}

export function resolveRoute(compiled: Compiled, input: string, opts: RouteOptions = {}): Route {
  const sdr = opts.systemDefaultRegistry ?? compiled.settings.systemDefaultRegistry;
  if (opts.context === 'system') {
    const problem = checkSystemDefaultRegistry(sdr);
    if (problem) {
      const own = parseReference(input);
      const r = own.ok ? invalidBySdr(input, input, sdr ?? '') : invalid(input, input, own.error);
      r.findings.unshift({ code: 'SDR_INVALID', severity: 'error', path: ['systemDefaultRegistry'], message: `system-default-registry "${redact(sdr ?? '')}" ${problem}`, fix: 'Use host[:port] or host[:port]/path, e.g. registry.example.com:5000.', params: { value: redact(sdr ?? ''), problem: phraseId(SDR_PROBLEMS, problem) }, variant: 'route' });
      return r;
    }
  }
  const name = opts.context === 'system' ? applySystemDefaultRegistry(input, sdr) : input;
  const parsed = parseReference(name);
  if (!parsed.ok) return name !== input && parseReference(input).ok ? invalidSystemName(input, name, sdr ?? '', parsed.error) : invalid(input, name, parsed.error);
  const ref = parsed.ref;
  const plan = planFor(compiled, ref.registry);
  const attempts = plan.steps.map((s) => attempt(s, ref));
  const extra = [...rewriteFindings(compiled, plan, ref), ...rewriteResultFindings(compiled, plan, ref, attempts)];
  return {
    input,
    image: ref.name,
    registry: ref.registry,
    repository: ref.repository,
    reference: ref.reference,
    hostsDir: plan.hostsDir,
    attempts,
    findings: extra.length ? [...plan.findings, ...extra] : plan.findings,
  };
}

/** What a mirror key's pull tries after its endpoints: the registry itself, or nothing. */
export type MirrorFallback =
  | { kind: 'registry'; url: string }
  /** the * mirror: the registry each image names */
  | { kind: 'image-registry' }
  | { kind: 'none' }
  /** the key is not a registry host, so no image uses it */
  | { kind: 'unknown' };

/** a registry no mirror key names: what the * entry does for every such registry */
const UNKEYED_REGISTRY = 'unkeyed-registry.invalid';

/**
 * The fallback line of a mirror card, from the route plan (so the legacy CRI of old
 * releases, disable-default, configs on the key and the * bug all count as they do
 * for a real pull).
 */
export function mirrorFallback(compiled: Compiled, key: string): MirrorFallback {
  if (key === '*') {
    const plan = planFor(compiled, UNKEYED_REGISTRY);
    return plan.steps.length === 0 || plan.steps.some((st) => st.isDefault) ? { kind: 'image-registry' } : { kind: 'none' };
  }
  if (checkRegistryKey(key)) return { kind: 'unknown' };
  const d = planFor(compiled, key).steps.find((st) => st.isDefault);
  return d ? { kind: 'registry', url: d.endpoint } : { kind: 'none' };
}

// The registry posture of every cluster of a fleet: how Docker Hub images are pulled,
// the * fallback bug, SDR-only clusters, finding counts, and where any image comes
// from on each cluster. Everything is read off compile/resolveRoute; this file only
// gathers, counts and slices the work so a page never freezes.
import { compileClusterWhenReady, type Compiled, type CompiledCluster } from '../route/compile';
import { loadRe2, notLoaded, re2Ready } from '../containerd/re2';
import { resolveRoute } from '../route/route';
import { dockerHubRoute, isSdrOnly, type DockerHubPosture } from '../route/posture';
import { checkSecretRefs, type SecretInfo } from './secret-refs';
import { caExpiryFindings } from './ca-expiry';
import { Memo } from '../lib/memo';
import type { Distro, Finding } from '../types';
import type { ProfileId } from '../input/profiles';
import type { SdrSource } from '../input/sdr';

export type { DockerHubPosture };

/** The Secret type Rancher's cluster page creates for registry credentials. */
export const AUTH_CONFIG_SECRET_TYPE = 'rke.cattle.io/auth-config';

export interface FleetImageRoute {
  input: string;
  /** host URLs in the order containerd tries them */
  hosts: string[];
  /** the registry itself is tried when the mirrors fail */
  fallback: boolean;
  /** the image is not a valid reference (hosts is empty) */
  invalid?: true;
}

export interface ClusterPosture {
  name: string;
  namespace: string;
  distro: Distro;
  version: string | null;
  profile: ProfileId;
  dockerHub: DockerHubPosture;
  /** scheme://host a Docker Hub workload image goes to first */
  dockerHubFirstHost: string;
  wildcardNoFallback: boolean;
  sdrOnly: boolean;
  systemDefaultRegistry: string | null;
  sdrSource: SdrSource;
  errors: number;
  warnings: number;
  /** references to missing or unusable Secrets; null when the Secrets are not known */
  staleSecrets: number | null;
  caExpired: number;
  caExpiring: number;
  /** finding codes, most severe first */
  codes: string[];
  routes?: FleetImageRoute[];
  skipped?: undefined;
}

export interface SkippedCluster {
  name: string;
  namespace: string;
  /** why no posture: not an RKE2/K3s cluster Rancher provisions */
  skipped: string;
}

export type FleetCluster = ClusterPosture | SkippedCluster;

export interface FleetOptions {
  globalSystemDefaultRegistry?: string;
  /** Secrets (names and types only); stale references are counted when given */
  secrets?: SecretInfo[];
  images?: string[];
  /** for CA expiry */
  now?: number;
}

export interface FleetSummary {
  clusters: number;
  skipped: number;
  direct: number;
  mirrored: number;
  mirroredNoFallback: number;
  wildcardNoFallback: number;
  sdrOnly: number;
  withErrors: number;
  withWarnings: number;
  staleSecrets: number;
  caExpired: number;
  caExpiring: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ORDER = { error: 0, warning: 1, info: 2 } as const;

function meta(item: unknown): { name: string; namespace: string } {
  const m = isObj(item) && isObj(item.metadata) ? item.metadata : {};
  return { name: typeof m.name === 'string' ? m.name : '(no name)', namespace: typeof m.namespace === 'string' ? m.namespace : '' };
}

/** Why a resource has no registry posture, or undefined when it has one. */
export function skipReason(item: unknown): string | undefined {
  if (!isObj(item)) return 'not a Kubernetes resource';
  const api = typeof item.apiVersion === 'string' ? item.apiVersion : '';
  const kind = typeof item.kind === 'string' ? item.kind : '';
  if (kind === 'Cluster' && api.startsWith('management.cattle.io/')) return 'a management.cattle.io Cluster (RKE1 or imported); RKE2/K3s registries live on the provisioning.cattle.io/v1 Cluster';
  if (kind !== 'Cluster' || !api.startsWith('provisioning.cattle.io/')) return `a ${kind || 'resource'}${api ? ` of ${api}` : ''}, not a provisioning.cattle.io/v1 Cluster`;
  const spec = isObj(item.spec) ? item.spec : {};
  if (!isObj(spec.rkeConfig)) return 'no spec.rkeConfig: an imported or hosted cluster; Rancher does not manage its registries';
  return undefined;
}

/** Every item of a kubectl List (or several documents, or single resources), in order. */
export function fleetItems(docs: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const d of docs) {
    if (d === null || d === undefined) continue;
    if (isObj(d) && Array.isArray(d.items) && (d.kind === 'List' || (typeof d.kind === 'string' && d.kind.endsWith('List')))) out.push(...d.items);
    else out.push(d);
  }
  return out;
}

/** Names, namespaces and types of Secrets – never their data. */
export function secretInfos(items: unknown[]): SecretInfo[] {
  const out: SecretInfo[] = [];
  for (const s of items) {
    if (!isObj(s) || s.kind !== 'Secret') continue;
    const { name, namespace } = meta(s);
    out.push({ name, namespace, type: typeof s.type === 'string' ? s.type : 'Opaque' });
  }
  return out;
}

/** Where one image comes from on a compiled cluster. */
export function fleetImageRoute(compiled: Compiled, image: string): FleetImageRoute {
  const r = resolveRoute(compiled, image, { context: 'workload' });
  if (r.registry === '') return { input: image, hosts: [], fallback: false, invalid: true };
  return { input: image, hosts: r.attempts.map((a) => a.endpoint), fallback: r.attempts.some((a) => a.default) };
}

// Clusters made from one template share their registry settings: read and compile each
// distinct input once. The key is everything compileCluster reads, so a hit is the
// same result. Undefined (not remembered): the input has a rewrite and the RE2 engine is not
// loaded yet.
const sharedByInput = new Memo<string, CompiledCluster | undefined>(4096);

function readAndCompile(item: unknown, globalSdr: string | undefined): CompiledCluster | undefined {
  const spec = (item as { spec: { kubernetesVersion?: unknown; rkeConfig: Record<string, unknown> } }).spec;
  const rke = spec.rkeConfig;
  const key = JSON.stringify([spec.kubernetesVersion, rke.machineGlobalConfig, rke.machineSelectorConfig, rke.registries, globalSdr]);
  return sharedByInput.get(key, () => compileClusterWhenReady(item, { globalSystemDefaultRegistry: globalSdr }));
}

export interface PostureResult {
  cluster: FleetCluster;
  /** the compiled settings, to resolve further images against (undefined when skipped) */
  compiled?: Compiled;
}

/** The posture of one resource (a provisioning.cattle.io/v1 Cluster), or why it has none. */
export function clusterPosture(item: unknown, opts: FleetOptions = {}): PostureResult {
  const { name, namespace } = meta(item);
  const reason = skipReason(item);
  if (reason) return { cluster: { name, namespace, skipped: reason } };
  const shared = readAndCompile(item, opts.globalSystemDefaultRegistry);
  if (!shared) throw notLoaded(); // a rewrite, and the RE2 engine not loaded (fleetPostureSliced loads it)
  const { settings, sdrSource } = shared.settings;
  const compiled = shared.compiled;
  const registries = ((item as { spec: { rkeConfig: { registries?: unknown } } }).spec.rkeConfig.registries ?? null) as unknown;
  const stale = opts.secrets ? checkSecretRefs(registries, namespace, opts.secrets) : null;
  const ca = caExpiryFindings(registries, opts.now);
  const all: Finding[] = [...compiled.findings, ...(stale ?? []), ...ca];
  const dh = dockerHubRoute(compiled);
  const posture: ClusterPosture = {
    name,
    namespace,
    distro: settings.distro,
    version: settings.version ?? null,
    profile: compiled.profile.id,
    dockerHub: dh.posture,
    dockerHubFirstHost: dh.firstHost,
    wildcardNoFallback: compiled.findings.some((f) => f.code === 'WILDCARD_NO_FALLBACK'),
    sdrOnly: isSdrOnly(compiled, dh.posture),
    systemDefaultRegistry: settings.systemDefaultRegistry ?? null,
    sdrSource,
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
    staleSecrets: stale ? stale.length : null,
    caExpired: ca.filter((f) => f.code === 'CA_EXPIRED').length,
    caExpiring: ca.filter((f) => f.code === 'CA_EXPIRING').length,
    codes: [...new Set([...all].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]).map((f) => f.code))],
  };
  if (opts.images?.length) posture.routes = opts.images.map((i) => fleetImageRoute(compiled, i));
  return { cluster: posture, compiled };
}

/** The posture of every cluster, synchronously (the CLI). */
export function fleetPosture(items: unknown[], opts: FleetOptions = {}): FleetCluster[] {
  return items.map((i) => clusterPosture(i, opts).cluster);
}

export interface SliceOptions {
  /** milliseconds of work before yielding to the event loop (keep well under 50) */
  budgetMs?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** how to yield; defaults to a macrotask */
  yieldFn?: () => Promise<void>;
  /** how to load the RE2 engine when the first cluster with a rewrite comes; defaults to loadRe2 */
  loadRe2?: () => Promise<void>;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The posture of every cluster in time slices: a page stays responsive while a
 * thousand clusters are compiled. Resolves with one result per item, in order
 * (an aborted run resolves with the results so far).
 */
export async function fleetPostureSliced(items: unknown[], opts: FleetOptions = {}, slice: SliceOptions = {}): Promise<PostureResult[]> {
  const budget = slice.budgetMs ?? 16;
  const yieldFn = slice.yieldFn ?? macrotask;
  const out: PostureResult[] = [];
  let start = performance.now();
  for (const item of items) {
    if (slice.signal?.aborted) break;
    // the RE2 engine, loaded when the first cluster with a rewrite comes (containerd/re2.ts);
    // what is compiled here is remembered for clusterPosture
    if (!re2Ready() && !skipReason(item) && !readAndCompile(item, opts.globalSystemDefaultRegistry)) await (slice.loadRe2 ?? loadRe2)();
    out.push(clusterPosture(item, opts));
    if (performance.now() - start >= budget && out.length < items.length) {
      slice.onProgress?.(out.length, items.length);
      await yieldFn();
      start = performance.now();
    }
  }
  slice.onProgress?.(out.length, items.length);
  return out;
}

export function summariseFleet(clusters: FleetCluster[], unreferencedSecrets?: number): FleetSummary & { unreferencedSecrets?: number } {
  const s: FleetSummary & { unreferencedSecrets?: number } = {
    clusters: clusters.length, skipped: 0, direct: 0, mirrored: 0, mirroredNoFallback: 0, wildcardNoFallback: 0, sdrOnly: 0, withErrors: 0, withWarnings: 0, staleSecrets: 0, caExpired: 0, caExpiring: 0,
  };
  for (const c of clusters) {
    if (c.skipped !== undefined) {
      s.skipped++;
      continue;
    }
    if (c.dockerHub === 'direct') s.direct++;
    else if (c.dockerHub === 'mirrored') s.mirrored++;
    else s.mirroredNoFallback++;
    if (c.wildcardNoFallback) s.wildcardNoFallback++;
    if (c.sdrOnly) s.sdrOnly++;
    if (c.errors) s.withErrors++;
    if (c.warnings) s.withWarnings++;
    s.staleSecrets += c.staleSecrets ?? 0;
    s.caExpired += c.caExpired;
    s.caExpiring += c.caExpiring;
  }
  if (unreferencedSecrets !== undefined) s.unreferencedSecrets = unreferencedSecrets;
  return s;
}

/**
 * Auth-config Secrets in a namespace that no cluster of the list references: left
 * behind when clusters were deleted or their registry config changed (rancher/rancher#46339).
 * Only meaningful when the list holds every cluster of that namespace.
 */
export function unreferencedAuthSecrets(items: unknown[], secrets: SecretInfo[], namespace = 'fleet-default'): SecretInfo[] {
  const used = new Set<string>();
  for (const item of items) {
    if (!isObj(item) || meta(item).namespace !== namespace) continue;
    const configs = (item as { spec?: { rkeConfig?: { registries?: { configs?: unknown } } } }).spec?.rkeConfig?.registries?.configs;
    if (!isObj(configs)) continue;
    for (const c of Object.values(configs)) {
      const n = isObj(c) ? c.authConfigSecretName : undefined;
      if (typeof n === 'string' && n) used.add(n);
    }
  }
  return secrets
    .filter((s) => s.namespace === namespace && s.type === AUTH_CONFIG_SECRET_TYPE && !used.has(s.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export type FleetFilter = 'all' | 'direct' | 'no-fallback' | 'sdr-only' | 'errors';

/** The rows a page filter keeps (skipped clusters only under "all"). */
export function filterFleet(clusters: FleetCluster[], filter: FleetFilter): FleetCluster[] {
  switch (filter) {
    case 'direct': return clusters.filter((c) => c.skipped === undefined && c.dockerHub === 'direct');
    case 'no-fallback': return clusters.filter((c) => c.skipped === undefined && (c.dockerHub === 'mirrored-no-fallback' || c.wildcardNoFallback));
    case 'sdr-only': return clusters.filter((c) => c.skipped === undefined && c.sdrOnly);
    case 'errors': return clusters.filter((c) => c.skipped === undefined && c.errors > 0);
    default: return clusters;
  }
}

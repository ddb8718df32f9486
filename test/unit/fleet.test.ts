import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clusterPosture, compile, filterFleet, fleetPosture, fleetPostureSliced, parseManifests, resolveRoute, sdrMirrorSuggestion, secretInfos, settingsFromCluster,
  summariseFleet, unreferencedAuthSecrets, type ClusterPosture, type FleetCluster,
} from '../../src';

const SAMPLES = join(__dirname, '../../assets/samples/fleet');

function cluster(name: string, version: string, rkeConfig: Record<string, unknown>, namespace = 'fleet-default') {
  return { apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', metadata: { name, namespace }, spec: { kubernetesVersion: version, rkeConfig } };
}
function posture(c: unknown, opts = {}): ClusterPosture {
  const p = clusterPosture(c, opts).cluster;
  if (p.skipped !== undefined) throw new Error(`skipped: ${p.skipped}`);
  return p;
}
const wildcard = (url: string) => ({ registries: { mirrors: { '*': { endpoint: [url] } } } });

describe('posture of one cluster', () => {
  it('seed 1: a * mirror on v1.31.6 without fallback', () => {
    const p = posture(cluster('prod', 'v1.31.6+rke2r1', wildcard('https://mirror.example.com')), { images: ['nginx:1.27', 'quay.io/org/app:1'] });
    expect(p).toMatchObject({ distro: 'rke2', version: 'v1.31.6+rke2r1', profile: 'containerd-2.0-wildcard-bug', dockerHub: 'mirrored-no-fallback', dockerHubFirstHost: 'https://mirror.example.com', wildcardNoFallback: true, sdrOnly: false, errors: 0, warnings: 1 });
    expect(p.codes).toEqual(['WILDCARD_NO_FALLBACK']);
    expect(p.routes).toEqual([
      { input: 'nginx:1.27', hosts: ['https://mirror.example.com/v2'], fallback: false },
      { input: 'quay.io/org/app:1', hosts: ['https://mirror.example.com/v2'], fallback: false },
    ]);
  });
  it('the same * mirror on v1.31.7 falls back again', () => {
    const p = posture(cluster('prod', 'v1.31.7+rke2r1', wildcard('https://mirror.example.com')), { images: ['nginx:1.27'] });
    expect(p).toMatchObject({ dockerHub: 'mirrored', wildcardNoFallback: false, warnings: 0 });
    expect(p.routes![0]).toEqual({ input: 'nginx:1.27', hosts: ['https://mirror.example.com/v2', 'https://registry-1.docker.io/v2'], fallback: true });
  });
  it('seed 2: K3s with system-default-registry oci-mirror.dev.de and no mirrors: gitea/gitea still goes to Docker Hub', () => {
    const c = cluster('dev', 'v1.32.5+k3s1', { machineGlobalConfig: { 'system-default-registry': 'oci-mirror.dev.de' } });
    const p = posture(c, { images: ['gitea/gitea'] });
    expect(p).toMatchObject({ distro: 'k3s', dockerHub: 'direct', dockerHubFirstHost: 'https://registry-1.docker.io', sdrOnly: true, systemDefaultRegistry: 'oci-mirror.dev.de', sdrSource: 'machineGlobalConfig', errors: 0, warnings: 1, codes: ['SDR_ONLY'] });
    expect(p.routes).toEqual([{ input: 'gitea/gitea', hosts: ['https://registry-1.docker.io/v2'], fallback: true }]);
    const { settings, findings } = settingsFromCluster(c);
    const sdrOnly = compile(settings, findings).findings.find((f) => f.code === 'SDR_ONLY')!;
    expect(sdrOnly).toMatchObject({ severity: 'warning', path: ['mirrors', 'docker.io'] });
    expect(sdrOnly.fix).toBe('Add a docker.io mirror with endpoint https://oci-mirror.dev.de, if oci-mirror.dev.de serves Docker Hub images.');
  });
  it('seed 2 fixed as the finding says: a docker.io mirror whose endpoint is the SDR', () => {
    const s = sdrMirrorSuggestion('oci-mirror.dev.de')!;
    const c = cluster('dev', 'v1.32.5+k3s1', { machineGlobalConfig: { 'system-default-registry': 'oci-mirror.dev.de' }, registries: { mirrors: { [s.key]: { endpoint: [s.endpoint] } } } });
    const p = posture(c, { images: ['gitea/gitea'] });
    expect(p).toMatchObject({ dockerHub: 'mirrored', sdrOnly: false, warnings: 0, codes: [] });
    expect(p.routes![0].hosts).toEqual(['https://oci-mirror.dev.de/v2', 'https://registry-1.docker.io/v2']);
  });
  it('the global system-default-registry counts when the cluster has none', () => {
    const c = cluster('staging', 'v1.33.1+rke2r1', {});
    expect(posture(c)).toMatchObject({ dockerHub: 'direct', sdrOnly: false, systemDefaultRegistry: null, sdrSource: 'none' });
    expect(posture(c, { globalSystemDefaultRegistry: 'registry.example.com' })).toMatchObject({ sdrOnly: true, systemDefaultRegistry: 'registry.example.com', sdrSource: 'globalSetting' });
  });
  it('a docker.io mirror with Docker Hub as fallback', () => {
    const p = posture(cluster('us', 'v1.32.5+rke2r1', { registries: { mirrors: { 'docker.io': { endpoint: ['https://harbor.example.com'] } } } }));
    expect(p).toMatchObject({ dockerHub: 'mirrored', dockerHubFirstHost: 'https://harbor.example.com', wildcardNoFallback: false, sdrOnly: false, codes: [] });
  });
  it('disable-default-registry-endpoint: mirrors only, without the * bug', () => {
    const p = posture(cluster('airgap', 'v1.31.6+rke2r1', { machineGlobalConfig: { 'disable-default-registry-endpoint': true }, ...wildcard('https://registry.internal.example.com') }));
    expect(p).toMatchObject({ dockerHub: 'mirrored-no-fallback', wildcardNoFallback: false, sdrOnly: false, warnings: 0, codes: ['DOCKER_HUB_NO_FALLBACK'] });
  });
  it('a mirror for another registry leaves Docker Hub direct', () => {
    const p = posture(cluster('edge', 'v1.30.10+k3s1', { registries: { mirrors: { 'quay.io': { endpoint: ['https://quay-cache.example.com'] } } } }), { images: ['quay.io/a/b:1', 'nginx'] });
    expect(p.dockerHub).toBe('direct');
    expect(p.routes!.map((r) => r.hosts[0])).toEqual(['https://quay-cache.example.com/v2', 'https://registry-1.docker.io/v2']);
  });
  it('the SDR with a * mirror on the buggy release: no fallback, but not "SDR only"', () => {
    const p = posture(cluster('lab', 'v1.32.2+k3s1', { machineGlobalConfig: { 'system-default-registry': 'registry.lab.example.com' }, ...wildcard('https://registry.lab.example.com') }));
    expect(p).toMatchObject({ dockerHub: 'mirrored-no-fallback', wildcardNoFallback: true, sdrOnly: false });
  });
  it('an invalid image in the image list is marked, not thrown', () => {
    expect(posture(cluster('x', 'v1.33.1+rke2r1', {}), { images: ['Not An Image'] }).routes).toEqual([{ input: 'Not An Image', hosts: [], fallback: false, invalid: true }]);
  });
  it('counts errors, stale Secret references (only when Secrets are known) and CA expiry', () => {
    const pem = readFileSync(join(SAMPLES, 'clusters.yaml'), 'utf8').match(/caBundle: (\S+)/)![1];
    const c = cluster('ci', 'v1.32.5+rke2r1', {
      registries: {
        mirrors: { 'docker.io': { endpoint: ['https://cache.example.com', 'ftp://bad.example.com'] } },
        configs: { 'cache.example.com': { authConfigSecretName: 'gone', caBundle: pem } },
      },
    });
    expect(posture(c, { now: Date.UTC(2024, 0, 1) })).toMatchObject({ staleSecrets: null, caExpired: 0, caExpiring: 0, errors: 1 });
    expect(posture(c, { now: Date.UTC(2024, 11, 20) })).toMatchObject({ caExpired: 0, caExpiring: 1, warnings: 1 });
    expect(posture(c, { now: Date.UTC(2025, 5, 1), secrets: [] })).toMatchObject({ staleSecrets: 1, caExpired: 1, errors: 3, codes: ['ENDPOINT_SCHEME', 'SECRET_MISSING', 'CA_EXPIRED'] });
    expect(posture(c, { now: Date.UTC(2024, 0, 1), secrets: [{ name: 'gone', namespace: 'fleet-default', type: 'rke.cattle.io/auth-config' }] }).staleSecrets).toBe(0);
  });
  it.each([
    [{ apiVersion: 'management.cattle.io/v3', kind: 'Cluster', metadata: { name: 'c-abc12' }, spec: {} }, /management\.cattle\.io Cluster/],
    [{ apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', metadata: { name: 'local', namespace: 'fleet-local' }, spec: { kubernetesVersion: 'v1.32.5+rke2r1' } }, /no spec\.rkeConfig: an imported or hosted cluster/],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' } }, /a ConfigMap of v1, not a provisioning\.cattle\.io\/v1 Cluster/],
    ['text', /not a Kubernetes resource/],
  ])('skips %j with the reason', (item, reason) => {
    const r = clusterPosture(item);
    expect(r.compiled).toBeUndefined();
    expect(r.cluster.skipped).toMatch(reason);
  });
  it('sdrMirrorSuggestion: host[:port] becomes the endpoint, a path a rewrite; nothing for an invalid value', () => {
    expect(sdrMirrorSuggestion('registry.example.com:5000')).toEqual({ key: 'docker.io', endpoint: 'https://registry.example.com:5000' });
    expect(sdrMirrorSuggestion('harbor.example.com/proxy/')).toEqual({ key: 'docker.io', endpoint: 'https://harbor.example.com', rewrite: ['^(.*)$', 'proxy/$1'] });
    expect(sdrMirrorSuggestion('https://harbor.example.com')).toBeUndefined();
    expect(sdrMirrorSuggestion('')).toBeUndefined();
  });
  it('the suggested rewrite keeps the SDR layout for workload images', () => {
    const s = sdrMirrorSuggestion('harbor.example.com/proxy')!;
    const c = cluster('x', 'v1.33.1+rke2r1', { registries: { mirrors: { 'docker.io': { endpoint: [s.endpoint], rewrite: { [s.rewrite![0]]: s.rewrite![1] } } } } });
    const { settings, findings } = settingsFromCluster(c);
    expect(resolveRoute(compile(settings, findings), 'gitea/gitea:1.22').attempts[0].url).toBe('https://harbor.example.com/v2/proxy/gitea/gitea/manifests/1.22?ns=docker.io');
  });
});

describe('the sample fleet', () => {
  const clusters = parseManifests(readFileSync(join(SAMPLES, 'clusters.yaml'), 'utf8'));
  const secretsFile = parseManifests(readFileSync(join(SAMPLES, 'secrets.yaml'), 'utf8'));
  if (!clusters.ok || !secretsFile.ok) throw new Error('sample does not parse');
  const secrets = secretInfos(secretsFile.items);
  const fleet = fleetPosture(clusters.items, { secrets, now: Date.UTC(2026, 0, 1) });
  const byName = Object.fromEntries(fleet.map((c) => [c.name, c]));

  it('has at least 12 clusters and every posture', () => {
    const live = fleet.filter((c): c is ClusterPosture => c.skipped === undefined);
    expect(live.length).toBeGreaterThanOrEqual(12);
    expect(new Set(live.map((c) => c.dockerHub))).toEqual(new Set(['direct', 'mirrored', 'mirrored-no-fallback']));
    expect(summariseFleet(fleet, unreferencedAuthSecrets(clusters.items, secrets).length)).toEqual({
      clusters: 15, skipped: 2, direct: 4, mirrored: 6, mirroredNoFallback: 3, wildcardNoFallback: 2, sdrOnly: 2, withErrors: 3, withWarnings: 4, staleSecrets: 1, caExpired: 1, caExpiring: 0, unreferencedSecrets: 2,
    });
  });
  it('names the seed clusters and the skipped ones', () => {
    expect(byName['prod-eu-rke2']).toMatchObject({ dockerHub: 'mirrored-no-fallback', wildcardNoFallback: true });
    expect(byName['dev-k3s-sdr']).toMatchObject({ dockerHub: 'direct', sdrOnly: true });
    expect(byName['ci-runners']).toMatchObject({ staleSecrets: 1 });
    expect(byName['airgap-finance']).toMatchObject({ caExpired: 1, dockerHub: 'mirrored-no-fallback', wildcardNoFallback: false });
    expect(byName.local.skipped).toMatch(/no spec\.rkeConfig/);
    expect(byName['eks-analytics'].skipped).toMatch(/no spec\.rkeConfig/);
  });
  it('lists unreferenced auth-config Secrets of fleet-default only (not other types)', () => {
    expect(unreferencedAuthSecrets(clusters.items, secrets).map((s) => s.name)).toEqual(['registryconfig-auth-4xk2p', 'registryconfig-auth-qa-old']);
  });
  it('reads Secret names and types only, never their data', () => {
    const s = secretInfos([{ apiVersion: 'v1', kind: 'Secret', type: 'rke.cattle.io/auth-config', metadata: { name: 'a', namespace: 'fleet-default' }, data: { password: 'c2VjcmV0' } }]);
    expect(s).toEqual([{ name: 'a', namespace: 'fleet-default', type: 'rke.cattle.io/auth-config' }]);
  });
  it.each([
    ['direct', ['dev-k3s-sdr', 'edge-k3s-store-042', 'staging-apps', 'retail-rke2-sdr']],
    ['no-fallback', ['prod-eu-rke2', 'airgap-finance', 'lab-k3s-wildcard']],
    ['sdr-only', ['dev-k3s-sdr', 'retail-rke2-sdr']],
    ['errors', ['airgap-finance', 'qa-broken-endpoint', 'ci-runners']],
  ] as const)('filter %s', (filter, names) => {
    expect(filterFleet(fleet, filter).map((c: FleetCluster) => c.name)).toEqual(names);
  });
  it('computes the same in slices, yielding between them, and stops when aborted', async () => {
    let yields = 0;
    const sliced = await fleetPostureSliced(clusters.items, { secrets, now: Date.UTC(2026, 0, 1) }, { budgetMs: 0, yieldFn: async () => { yields++; } });
    expect(sliced.map((r) => r.cluster)).toEqual(fleet);
    expect(yields).toBe(clusters.items.length - 1);
    const ac = new AbortController();
    const partial = await fleetPostureSliced(clusters.items, {}, { budgetMs: 0, signal: ac.signal, yieldFn: async () => ac.abort() });
    expect(partial).toHaveLength(1);
  });
});

describe('reading kubectl output', () => {
  it('a List, several documents, and single resources', () => {
    const r = parseManifests('apiVersion: v1\nkind: List\nitems:\n- {kind: Cluster, metadata: {name: a}}\n---\nkind: ClusterList\nitems: [{kind: Cluster, metadata: {name: b}}]\n---\nkind: Cluster\nmetadata: {name: c}\n---\n');
    expect(r.ok && r.items.map((i) => (i as { metadata: { name: string } }).metadata.name)).toEqual(['a', 'b', 'c']);
  });
  it('a YAML error with line and column', () => {
    expect(parseManifests('items:\n  - [unclosed\n')).toMatchObject({ ok: false, line: 3 });
  });
  it('refuses an alias bomb', () => {
    const r = parseManifests(`a: &a [x]\n${Array.from({ length: 150 }, (_, i) => `k${i}: *a`).join('\n')}\n`);
    expect(r).toMatchObject({ ok: false });
  });
});

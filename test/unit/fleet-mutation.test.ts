// The fleet view's edges: which resources get a posture and why the others are skipped,
// how a kubectl List is unpacked, what is read off Secrets (never their data), the
// totals, the leftover auth-config Secrets, the page filters and the time slicing.
// Expected values are written by hand from the Kubernetes object model (a List's
// kind ends in "List"; a Secret without type is "Opaque"; metadata.name/namespace are
// strings) and from the README's fleet section.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AUTH_CONFIG_SECRET_TYPE, clusterPosture, filterFleet, fleetItems, fleetPostureSliced, secretInfos, skipReason, summariseFleet, unreferencedAuthSecrets,
  type ClusterPosture, type FleetCluster, type SecretInfo,
} from '../../src';

const NOT_PROV = 'not a provisioning.cattle.io/v1 Cluster';

describe('skipReason: why a resource has no registry posture', () => {
  it.each<[string, unknown, string | undefined]>([
    ['a string', 'prod', 'not a Kubernetes resource'],
    ['a number', 42, 'not a Kubernetes resource'],
    ['a ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap' }, `a ConfigMap of v1, ${NOT_PROV}`],
    ['a ConfigMap without apiVersion', { kind: 'ConfigMap' }, `a ConfigMap, ${NOT_PROV}`],
    ['an apiVersion without kind', { apiVersion: 'v1' }, `a resource of v1, ${NOT_PROV}`],
    ['a kind that is no string', { apiVersion: 'v1', kind: 5 }, `a resource of v1, ${NOT_PROV}`],
    ['a Cluster API Cluster', { apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'Cluster' }, `a Cluster of cluster.x-k8s.io/v1beta1, ${NOT_PROV}`],
    ['a Cluster whose apiVersion is no string', { apiVersion: 5, kind: 'Cluster' }, `a Cluster, ${NOT_PROV}`],
    ['another kind of provisioning.cattle.io', { apiVersion: 'provisioning.cattle.io/v1', kind: 'Secret', spec: { rkeConfig: {} } }, `a Secret of provisioning.cattle.io/v1, ${NOT_PROV}`],
    ['a management.cattle.io Cluster', { apiVersion: 'management.cattle.io/v3', kind: 'Cluster' }, 'a management.cattle.io Cluster (RKE1 or imported); RKE2/K3s registries live on the provisioning.cattle.io/v1 Cluster'],
    ['a provisioning Cluster without rkeConfig', { apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', spec: {} }, 'no spec.rkeConfig: an imported or hosted cluster; Rancher does not manage its registries'],
    ['an RKE2/K3s cluster Rancher provisions', { apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', spec: { rkeConfig: {} } }, undefined],
  ])('%s', (_, item, reason) => {
    expect(skipReason(item)).toBe(reason);
  });
});

describe('the name and namespace a row shows', () => {
  it.each<[string, unknown, { name: string; namespace: string }]>([
    ['null', null, { name: '(no name)', namespace: '' }],
    ['metadata that is no object', { kind: 'ConfigMap', metadata: 'prod' }, { name: '(no name)', namespace: '' }],
    ['no metadata.name or namespace', { kind: 'ConfigMap', metadata: {} }, { name: '(no name)', namespace: '' }],
    ['name and namespace that are no strings', { kind: 'ConfigMap', metadata: { name: 42, namespace: 7 } }, { name: '(no name)', namespace: '' }],
    ['a named resource', { kind: 'ConfigMap', metadata: { name: 'prod', namespace: 'fleet-default' } }, { name: 'prod', namespace: 'fleet-default' }],
  ])('%s', (_, item, expected) => {
    const c = clusterPosture(item).cluster;
    expect({ name: c.name, namespace: c.namespace }).toEqual(expected);
    expect(c.skipped).toBeTypeOf('string');
  });
});

describe('fleetItems: the items of a kubectl List, or the documents themselves', () => {
  const a = { kind: 'Cluster', metadata: { name: 'a' } };
  const b = { kind: 'Cluster', metadata: { name: 'b' } };
  it.each<[string, unknown[], unknown[]]>([
    ['empty documents are dropped', [null, undefined, a], [a]],
    ['a List is unpacked', [{ kind: 'List', items: [a, b] }], [a, b]],
    ['a typed list (ClusterList) is unpacked', [{ kind: 'ClusterList', items: [b, a] }], [b, a]],
    ['a resource with an items field is kept whole', [{ kind: 'Cluster', items: [a] }], [{ kind: 'Cluster', items: [a] }]],
    ['a resource with an empty kind is kept whole', [{ kind: '', items: [a] }], [{ kind: '', items: [a] }]],
    ['a kind that is no string is kept whole', [{ kind: 5, items: [a] }], [{ kind: 5, items: [a] }]],
    ['a List without items is kept whole', [{ kind: 'List' }], [{ kind: 'List' }]],
    ['a List whose items is no array is kept whole', [{ kind: 'List', items: 'ab' }], [{ kind: 'List', items: 'ab' }]],
    ['a string stays one item', ['ab'], ['ab']],
  ])('%s', (_, docs, expected) => {
    expect(fleetItems(docs)).toEqual(expected);
  });
});

describe('secretInfos: names, namespaces and types of Secrets', () => {
  it('reads Secrets only, skipping other kinds and non-objects', () => {
    const items = [null, 'x', { kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'fleet-default' } },
      { kind: 'Secret', type: AUTH_CONFIG_SECRET_TYPE, metadata: { name: 'creds', namespace: 'fleet-default' }, data: { password: 'c2VjcmV0' } }];
    expect(secretInfos(items)).toEqual([{ name: 'creds', namespace: 'fleet-default', type: AUTH_CONFIG_SECRET_TYPE }]);
  });
  it.each<[string, unknown, string]>([
    ['no type: Kubernetes defaults to Opaque', undefined, 'Opaque'],
    ['a type that is no string: Opaque', 5, 'Opaque'],
    ['a TLS Secret', 'kubernetes.io/tls', 'kubernetes.io/tls'],
  ])('%s', (_, type, expected) => {
    expect(secretInfos([{ kind: 'Secret', type, metadata: { name: 's', namespace: 'n' } }])[0].type).toBe(expected);
  });
});

function row(over: Partial<ClusterPosture>): ClusterPosture {
  return {
    name: 'c', namespace: 'fleet-default', distro: 'rke2', version: 'v1.32.2+rke2r1', profile: 'containerd-2.0-wildcard-bug', dockerHub: 'mirrored', dockerHubFirstHost: 'https://m.example.com',
    wildcardNoFallback: false, sdrOnly: false, systemDefaultRegistry: null, sdrSource: 'none', errors: 0, warnings: 0, staleSecrets: null, caExpired: 0, caExpiring: 0, codes: [], ...over,
  } as ClusterPosture;
}

describe('summariseFleet: the totals over the fleet', () => {
  it('adds up expired and expiring CA certificates of all clusters', () => {
    const s = summariseFleet([row({ caExpired: 1, caExpiring: 2 }), row({ caExpiring: 3 }), { name: 'x', namespace: '', skipped: 'why' }]);
    expect(s).toMatchObject({ clusters: 3, skipped: 1, caExpired: 1, caExpiring: 5 });
  });
  it('has no unreferenced-Secrets total unless the Secrets were counted', () => {
    expect(Object.keys(summariseFleet([row({})]))).not.toContain('unreferencedSecrets');
    expect(summariseFleet([row({})], 0).unreferencedSecrets).toBe(0);
  });
});

describe('unreferencedAuthSecrets: auth-config Secrets no cluster of the namespace uses', () => {
  const ref = (name: string, namespace: string, secret: string) => ({ kind: 'Cluster', metadata: { name, namespace }, spec: { rkeConfig: { registries: { configs: { 'r.example.com': { authConfigSecretName: secret } } } } } });
  const s = (name: string, namespace = 'fleet-default', type = AUTH_CONFIG_SECRET_TYPE): SecretInfo => ({ name, namespace, type });
  it('a reference from a cluster of another namespace does not keep a Secret in use', () => {
    const got = unreferencedAuthSecrets([ref('a', 'other', 'creds')], [s('creds')]);
    expect(got.map((x) => x.name)).toEqual(['creds']);
  });
  it('lists only auth-config Secrets of the namespace, sorted by name', () => {
    const got = unreferencedAuthSecrets([ref('a', 'fleet-default', 'used'), { kind: 'Cluster', metadata: { name: 'b', namespace: 'fleet-default' } }],
      [s('zeta'), s('used'), s('alpha'), s('elsewhere', 'other'), s('tls', 'fleet-default', 'kubernetes.io/tls'), s('mid')]);
    expect(got.map((x) => x.name)).toEqual(['alpha', 'mid', 'zeta']);
  });
});

describe('filterFleet: the rows a page filter keeps', () => {
  it('"all" keeps every row, skipped clusters too', () => {
    const rows: FleetCluster[] = [row({ name: 'a' }), { name: 'b', namespace: '', skipped: 'why' }];
    expect(filterFleet(rows, 'all')).toEqual(rows);
  });
});

describe('fleetPostureSliced: yields to the page while it works', () => {
  afterEach(() => vi.restoreAllMocks());
  // a clock that advances `step` ms on every reading
  function clock(step: number, from = 0) {
    let t = from;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += step));
  }
  async function yields(n: number, slice: { budgetMs?: number }) {
    let count = 0;
    const progress: Array<[number, number]> = [];
    const out = await fleetPostureSliced(Array.from({ length: n }, () => null), {}, { ...slice, yieldFn: async() => { count++; }, onProgress: (d, t) => progress.push([d, t]) });
    expect(out).toHaveLength(n);
    return { count, progress };
  }
  it('by default yields once 16 ms of work are done', async() => {
    clock(10);
    expect(await yields(3, {})).toEqual({ count: 1, progress: [[2, 3], [3, 3]] });
  });
  it('yields as soon as the budget is used up (not only after it)', async() => {
    clock(10);
    expect((await yields(3, { budgetMs: 10 })).count).toBe(2);
  });
  it('does not yield before the budget is used up', async() => {
    clock(1, 1000);
    expect(await yields(3, { budgetMs: 100 })).toEqual({ count: 0, progress: [[3, 3]] });
  });
  it('a budget above 16 ms is kept', async() => {
    clock(10);
    expect((await yields(3, { budgetMs: 1000 })).count).toBe(0);
  });
  it('by default yields a macrotask, so timers run in between', async() => {
    clock(10);
    let timerRan = false;
    setTimeout(() => { timerRan = true; }, 0);
    const seen: boolean[] = [];
    await fleetPostureSliced([null, null], {}, { budgetMs: 0, onProgress: () => seen.push(timerRan) });
    expect(seen).toEqual([false, true]);
  });
});

// src/input/settings.ts at the edges the other tests leave open (found by mutation testing):
// which documents are a Cluster, and the node options Rancher's planner gives by machine
// labels. Expected values written by hand: the label selector rules are Kubernetes'
// (k8s.io/apimachinery labels: matchLabels are ANDed with matchExpressions; In needs the key
// with one of the values, NotIn and DoesNotExist also match a node without the key, Exists
// needs the key); the planner applies machineSelectorConfig entries without a selector to
// every node, later ones winning over machineGlobalConfig (rancher/rancher
// pkg/capr/planner); the documents are the ones the README's CLI section names.
import { describe, expect, it } from 'vitest';
import { detectDocument, nodeFlags, settingsFromCluster } from '../../src/input/settings';

const PROV = 'provisioning.cattle.io/v1';

describe('detectDocument: what a parsed file is', () => {
  const prov = { apiVersion: PROV, kind: 'Cluster', metadata: { name: 'p' }, spec: {} };

  it.each([
    ['null', null],
    ['a string', 'mirrors'],
    ['a list', [1, 2]],
    ['a node registries.yaml', { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } } }],
    ['items without kind: List', { items: [prov] }],
    ['kind: List whose items are no list', { kind: 'List', items: { a: prov } }],
    ['a spec without rkeConfig and no apiVersion', { spec: { kubernetesVersion: 'v1.31.6+k3s1' } }],
    ['an apiVersion that is no text, with a spec', { apiVersion: 1, spec: {} }],
    ['an apiVersion without a spec', { apiVersion: 'v1', metadata: {} }],
  ])('%s is a node file', (_what, v) => {
    expect(detectDocument(v)).toEqual({ kind: 'node' });
  });

  it.each([
    ['a provisioning Cluster', prov],
    ['kind: Cluster without apiVersion', { kind: 'Cluster', spec: {} }],
    ['kind: Cluster whose apiVersion is no text', { kind: 'Cluster', apiVersion: 2 }],
    ['a spec with rkeConfig and nothing else', { spec: { rkeConfig: {} } }],
  ])('%s is the Cluster', (_what, v) => {
    expect(detectDocument(v)).toEqual({ kind: 'cluster', cluster: v });
  });

  it('a List: the first provisioning Cluster in it, past other items and other Clusters', () => {
    const capi = { apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'Cluster', spec: {} };
    const list = { kind: 'List', items: [null, 'x', { kind: 'Cluster' }, { kind: 'Cluster', apiVersion: 3 }, capi, { apiVersion: PROV, kind: 'Secret' }, prov, { ...prov, metadata: { name: 'second' } }] };

    expect(detectDocument(list)).toEqual({ kind: 'cluster', cluster: prov });
  });

  it('a List without a provisioning Cluster is refused, saying so', () => {
    expect(detectDocument({ kind: 'List', items: [{ apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'Cluster', spec: {} }] })).toEqual({ kind: 'unsupported', error: 'a List with no provisioning.cattle.io/v1 Cluster in it' });
  });

  it.each([
    ['an RKE1 Cluster', { apiVersion: 'management.cattle.io/v3', kind: 'Cluster', spec: {} }, 'an RKE1 (management.cattle.io) Cluster; its private registries are not RKE2/K3s registries – give a provisioning.cattle.io/v1 Cluster or a registries.yaml'],
    ['a CAPI Cluster', { apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'Cluster', spec: {} }, 'a Cluster of cluster.x-k8s.io/v1beta1, not a provisioning.cattle.io/v1 Cluster; give that Cluster or a node registries.yaml'],
    ['a Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', spec: {} }, 'a Deployment of apps/v1, not a provisioning.cattle.io/v1 Cluster; give that Cluster or a node registries.yaml'],
    ['a resource without kind', { apiVersion: 'v1', spec: {} }, 'a resource of v1, not a provisioning.cattle.io/v1 Cluster; give that Cluster or a node registries.yaml'],
  ])('%s is refused by name', (_what, v, error) => {
    expect(detectDocument(v)).toEqual({ kind: 'unsupported', error });
  });
});

describe('settingsFromCluster: what it reads from objects that are not (yet) a full Cluster', () => {
  it('a Cluster being created, before it has an rkeConfig: its kubernetesVersion still names the distribution', () => {
    expect(settingsFromCluster({ spec: { kubernetesVersion: 'v1.31.6+k3s1' } }).settings).toMatchObject({ distro: 'k3s', version: 'v1.31.6+k3s1' });
  });

  it('no object at all: RKE2 defaults, no registries', () => {
    const r = settingsFromCluster(null);

    expect(r.settings).toMatchObject({ distro: 'rke2', version: undefined, disableDefaultEndpoint: false, embeddedRegistry: false, registries: { mirrors: {}, configs: {} } });
  });
});

describe('nodeFlags: the planner\'s options per node', () => {
  const pools = [
    { name: 'gpu', labels: { accel: 'nvidia', zone: 'a' } },
    { name: 'edge', labels: { zone: 'b' } },
    { labels: { zone: 'c', accel: 'amd' } },
    'not a pool',
  ];
  /** the machine pools the finding names for one selector, or null when there is no finding */
  const matched = (machineLabelSelector: unknown) => {
    const r = nodeFlags({ machinePools: pools, machineSelectorConfig: [{ config: { 'embedded-registry': true }, machineLabelSelector }] });

    return r.findings.length ? r.findings[0].params?.pools : null;
  };

  it.each([
    ['matchLabels', { matchLabels: { zone: 'b' } }, 'edge'],
    ['matchLabels with two labels (both must match)', { matchLabels: { zone: 'a', accel: 'nvidia' } }, 'gpu'],
    ['matchLabels no pool has', { matchLabels: { zone: 'x' } }, ''],
    ['In: the key with one of the values', { matchExpressions: [{ key: 'accel', operator: 'In', values: ['nvidia', 'amd'] }] }, 'gpu, ?'],
    ['In without values', { matchExpressions: [{ key: 'accel', operator: 'In' }] }, ''],
    ['NotIn: nodes without the key match too', { matchExpressions: [{ key: 'accel', operator: 'NotIn', values: ['nvidia'] }] }, 'edge, ?'],
    ['NotIn without values', { matchExpressions: [{ key: 'accel', operator: 'NotIn' }] }, 'gpu, edge, ?'],
    ['Exists', { matchExpressions: [{ key: 'accel', operator: 'Exists' }] }, 'gpu, ?'],
    ['DoesNotExist', { matchExpressions: [{ key: 'accel', operator: 'DoesNotExist' }] }, 'edge'],
    ['matchLabels and matchExpressions together', { matchLabels: { zone: 'c' }, matchExpressions: [{ key: 'accel', operator: 'Exists' }] }, '?'],
    ['an operator Kubernetes does not have: not a restriction here', { matchExpressions: [{ key: 'accel', operator: 'Gt', values: ['1'] }] }, 'gpu, edge, ?'],
  ])('%s', (_what, selector, names) => {
    expect(matched(selector)).toBe(names);
  });

  it('the finding in full: where, which options with their values, which pools', () => {
    const r = nodeFlags({ machinePools: pools, machineSelectorConfig: [{ config: { cni: 'calico' } }, { config: { 'disable-default-registry-endpoint': 'true', 'embedded-registry': false }, machineLabelSelector: { matchLabels: { zone: 'b' } } }] });

    expect(r.findings).toEqual([{
      code:     'NODE_LABEL_DEPENDENT',
      severity: 'warning',
      path:     ['machineSelectorConfig', 1, 'config', 'disable-default-registry-endpoint'],
      message:  'machineSelectorConfig[1] sets disable-default-registry-endpoint, embedded-registry only on nodes whose labels match its selector (machine pools edge): their routes differ from the ones shown here',
      fix:      'Check the routes of those nodes with the options they get (disable-default-registry-endpoint: true, embedded-registry: false), or set them for every node in machineGlobalConfig.',
      params:   { index: 1, options: 'disable-default-registry-endpoint, embedded-registry', pools: 'edge', values: 'disable-default-registry-endpoint: true, embedded-registry: false' },
      variant:  'pools',
    }]);
    expect([r.disableDefaultEndpoint, r.embeddedRegistry]).toEqual([false, false]);
  });

  it('no pool matches: the finding says so', () => {
    const r = nodeFlags({ machineSelectorConfig: [{ config: { 'embedded-registry': true }, machineLabelSelector: { matchLabels: { zone: 'x' } } }] });

    expect(r.findings[0].message).toBe('machineSelectorConfig[0] sets embedded-registry only on nodes whose labels match its selector (no machine pool of this manifest matches it by its labels): their routes differ from the ones shown here');
    expect(r.findings[0].variant).toBe('noPools');
  });

  it('a selector that sets none of the route options: no finding', () => {
    expect(nodeFlags({ machinePools: pools, machineSelectorConfig: [{ config: { cni: 'calico' }, machineLabelSelector: { matchLabels: { zone: 'b' } } }] }).findings).toEqual([]);
  });

  it('an empty selector ({} or empty lists) selects every node: the option applies, no finding', () => {
    for (const machineLabelSelector of [{}, { matchLabels: {}, matchExpressions: [] }]) {
      const r = nodeFlags({ machineSelectorConfig: [{ config: { 'embedded-registry': true }, machineLabelSelector }] });

      expect([r.embeddedRegistry, r.findings]).toEqual([true, []]);
    }
  });

  it('an entry for every node overrides only the options it sets; later entries win; "true" as text counts', () => {
    const r = nodeFlags({
      machineGlobalConfig:   { 'embedded-registry': true, 'disable-default-registry-endpoint': true },
      machineSelectorConfig: [{ config: { 'disable-default-registry-endpoint': false } }, { config: { 'disable-default-registry-endpoint': 'true' } }, 'not an entry', { config: 'not a map' }],
    });

    expect([r.disableDefaultEndpoint, r.embeddedRegistry, r.findings]).toEqual([true, true, []]);
  });

  it('machineSelectorConfig or machinePools that are no list are read as none', () => {
    const r = nodeFlags({ machineGlobalConfig: { 'embedded-registry': 'true' }, machineSelectorConfig: { config: { 'embedded-registry': false } }, machinePools: { name: 'x' } });

    expect([r.embeddedRegistry, r.findings]).toEqual([true, []]);
  });
});

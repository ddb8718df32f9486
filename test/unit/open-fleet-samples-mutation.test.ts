// Three small features, each at its edges, with hand-written expectations:
// - parseManifests: what `kubectl get clusters.provisioning.cattle.io -A -o yaml` prints
//   (a List, or several documents), its size and alias limits, errors at line:column;
// - sampleImages: the quick picks of the tab (Docker Hub, Rancher's agent as a system
//   image, then one image per registry key, `*` shown as quay.io), at most `max`;
// - openDocument: "Open your cluster" – a Cluster manifest completed, a registries.yaml
//   turned into a Cluster around it, anything else refused naming the file.
import { describe, expect, it } from 'vitest';
import { FLEET_FILE_BYTES, parseManifests } from '../../src/features/fleet-manifests';
import { sampleImages } from '../../src/features/samples';
import { openDocument } from '../../src/features/open-document';
import { settingsFromNodeValue } from '../../src/input/settings';

describe('parseManifests', () => {
  it('a List and further documents, flattened; empty documents skipped', () => {
    const r = parseManifests('apiVersion: v1\nkind: List\nitems:\n- {kind: Cluster, metadata: {name: a}}\n- {kind: Cluster, metadata: {name: b}}\n---\n---\nkind: Cluster\nmetadata: {name: c}\n');
    expect(r).toEqual({ ok: true, items: [{ kind: 'Cluster', metadata: { name: 'a' } }, { kind: 'Cluster', metadata: { name: 'b' } }, { kind: 'Cluster', metadata: { name: 'c' } }] });
  });

  it('YAML 1.2 core types, as kubectl quotes what 1.1 would read otherwise', () => {
    expect(parseManifests('kind: Cluster\nspec: {on: yes, n: 012}\n')).toEqual({ ok: true, items: [{ kind: 'Cluster', spec: { on: 'yes', n: 12 } }] });
  });

  it('a syntax error: the message without the library\'s position, which comes as numbers', () => {
    const r = parseManifests('kind: List\nitems:\n  - [unclosed\n');
    expect(r).toMatchObject({ ok: false, line: expect.any(Number), column: expect.any(Number) });
    if (r.ok) return;
    expect(r.error).not.toMatch(/at line|column/);
    expect(r.error.length).toBeGreaterThan(10);
    // an unclosed quote: the parser reports it where the text ends
    expect(parseManifests('a: "x\nb: 1\n')).toMatchObject({ ok: false, line: 3, column: 1 });
  });

  it('64 MiB is the most (the size in MiB, one decimal)', () => {
    expect(FLEET_FILE_BYTES).toBe(64 * 1024 * 1024);
    expect(parseManifests(`#${' '.repeat(FLEET_FILE_BYTES)}`)).toEqual({ ok: false, error: 'the file is 64.0 MiB; more than 64 MiB is refused' });
    expect(parseManifests(`#${' '.repeat(FLEET_FILE_BYTES - 1)}`)).toEqual({ ok: true, items: [] });
  });

  it('more than 100 aliases are refused, counted where YAML reads an alias', () => {
    const aliases = (n: number, sep: string) => `a: &a [x]\nl:${sep}${Array.from({ length: n }, () => '*a').join(`,${sep === '\n' ? '' : ' '}`)}\n`;
    expect(parseManifests(`a: &a x\nl: [${Array.from({ length: 101 }, () => '*a').join(',')}]\n`)).toEqual({ ok: false, error: 'the file uses 101 YAML aliases (*name); kubectl never writes them, and more than 100 is refused' });
    expect(parseManifests(`${Array.from({ length: 101 }, (_, i) => `*k${i}`).join('\n')}\n`)).toMatchObject({ ok: false, error: expect.stringMatching(/^the file uses 101 YAML aliases/) });
    // a * in a word or a quoted string with a space before is counted only where it starts a name
    expect(parseManifests(`l: "${Array.from({ length: 101 }, () => 'x*a').join(' ')}"\n`)).toMatchObject({ ok: true });
    expect(parseManifests(`l: "${Array.from({ length: 101 }, () => '* ').join('')}"\n`)).toMatchObject({ ok: true });
    expect(aliases(3, ' ')).toContain('*a');
  });
});

describe('sampleImages', () => {
  const settings = (mirrors: Record<string, unknown>, configs: Record<string, unknown> = {}) => settingsFromNodeValue({ mirrors, configs }).settings;

  it('Docker Hub and a system image first; then one per registry key (mirrors, then configs), * as quay.io, odd keys skipped', () => {
    expect(sampleImages(settings({ 'docker.io': {}, '*': {}, 'reg.example:5000': {}, 'https://x': {}, 'a b': {} }, { 'cfg.example': {}, 'reg.example:5000': {}, '[::1]:5000': {} }))).toEqual([
      { image: 'docker.io/library/nginx:latest', context: 'workload', kind: 'docker-hub', registry: 'docker.io' },
      { image: 'rancher/rancher-agent:v2.13.0', context: 'system', kind: 'system', registry: 'docker.io' },
      { image: 'quay.io/library/app:1.0', context: 'workload', kind: 'registry', registry: 'quay.io' },
      { image: 'reg.example:5000/library/app:1.0', context: 'workload', kind: 'registry', registry: 'reg.example:5000' },
      { image: 'cfg.example/library/app:1.0', context: 'workload', kind: 'registry', registry: 'cfg.example' },
      { image: '[::1]:5000/library/app:1.0', context: 'workload', kind: 'registry', registry: '[::1]:5000' },
    ]);
  });

  it('at most max (12 by default)', () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`r${i}.example`, {}]));
    expect(sampleImages(settings(many))).toHaveLength(12);
    expect(sampleImages(settings(many), 3).map((s) => s.registry)).toEqual(['docker.io', 'docker.io', 'r0.example']);
    expect(sampleImages(settings(many), 2)).toHaveLength(2);
  });
});

describe('openDocument', () => {
  it('a Cluster manifest: completed with apiVersion, kind, a name and namespace, spec.rkeConfig; its own values kept', () => {
    expect(openDocument('kind: Cluster\napiVersion: provisioning.cattle.io/v1\nspec: {kubernetesVersion: v1.33.1+rke2r1}\n', 'c.yaml')).toEqual({
      ok: true, kind: 'cluster', secrets: [], secretData: {}, missing: [], findings: [],
      cluster: { apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', metadata: { name: 'cluster', namespace: 'fleet-default' }, spec: { kubernetesVersion: 'v1.33.1+rke2r1', rkeConfig: {} } },
    });
    const own = openDocument('apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: prod, namespace: team}\nspec:\n  rkeConfig: {registries: {mirrors: {}}}\n', 'c.yaml');
    expect(own).toMatchObject({ ok: true, kind: 'cluster', cluster: { metadata: { name: 'prod', namespace: 'team' }, spec: { rkeConfig: { registries: { mirrors: {} } } } } });
    // a copy: the parse (sealed, shared) is not what the tab edits
    if (own.ok) expect(Object.isFrozen(own.cluster.metadata)).toBe(false);
  });

  it('a registries.yaml: a Cluster around it in the namespace and name given (fleet-default/my-cluster by default), its credentials as pending Secrets', () => {
    const text = 'mirrors:\n  docker.io:\n    endpoint: [https://m.example]\nconfigs:\n  m.example:\n    auth: {username: u, password: pw-open-1}\n';
    const r = openDocument(text, 'registries.yaml');
    expect(r).toMatchObject({ ok: true, kind: 'node', cluster: { apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', metadata: { name: 'my-cluster', namespace: 'fleet-default' }, spec: { rkeConfig: { registries: { mirrors: { 'docker.io': { endpoint: ['https://m.example'] } } } } } } });
    if (!r.ok) return;
    expect(r.secrets).toHaveLength(1);
    expect(JSON.stringify(r.cluster)).not.toContain('pw-open-1');
    const named = openDocument(text, 'registries.yaml', { namespace: 'team', clusterName: 'prod' });
    expect(named).toMatchObject({ ok: true, cluster: { metadata: { name: 'prod', namespace: 'team' } } });
    expect(openDocument('', 'empty.yaml')).toMatchObject({ ok: true, kind: 'node', cluster: { spec: { rkeConfig: { registries: {} } } } });
  });

  it('refused, naming the file: not UTF-8, a YAML error at file:line:column, a foreign resource, a scalar or a list', () => {
    expect(openDocument(new Uint8Array([0x6d, 0x3a, 0xff, 0x0a]), 'bin.yaml')).toEqual({ ok: false, error: 'bin.yaml is not UTF-8 text (save it as UTF-8)' });
    expect(openDocument(new TextEncoder().encode('mirrors: {}\n'), 'ok.yaml')).toMatchObject({ ok: true, kind: 'node' });
    expect(openDocument('mirrors: [\n', 'bad.yaml')).toMatchObject({ ok: false, error: expect.stringMatching(/^bad\.yaml:\d+:\d+: /) });
    expect(openDocument('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n', 'd.yaml')).toEqual({ ok: false, error: 'd.yaml: a Deployment of apps/v1, not a provisioning.cattle.io/v1 Cluster; give that Cluster or a node registries.yaml' });
    expect(openDocument('just text\n', 's.yaml')).toEqual({ ok: false, error: 's.yaml: The registries must be a map; RKE2/K3s refuse the whole file (yaml: unmarshal errors)' });
    expect(openDocument('- a\n- b\n', 'l.yaml')).toEqual({ ok: false, error: 'l.yaml: The registries must be a map; RKE2/K3s refuse the whole file (yaml: unmarshal errors)' });
  });
});

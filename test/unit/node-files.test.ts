// What every node receives (src/features/node-files.ts) and the save diff
// (src/features/save-diff.ts), with expected values written from the planner's
// rules (spec section 0): auth becomes a Secret reference per key, TLS fields
// become files under /var/lib/rancher/<distro>/etc/tls/registries/<host>/, the
// agent renders certs.d/<dir>/hosts.toml.
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml11 } from 'yaml';
import { compile, lineDiff, nodeFiles, plannerRegistriesYaml, saveDiff, settingsFromCluster, settingsFromNodeValue } from '../../src';

const spec = {
  mirrors: {
    'docker.io': { endpoint: ['https://m.example.com'], rewrite: { '^library/(.*)$': 'hub/$1' } },
    'quay.io': { endpoint: ['https://q.example.com'] },
    'ghcr.io': { rewrite: { '^(.*)$': 'g/$1' } },
    'empty.example.com': {},
    'odd.example.com': 'not a map',
  },
  configs: {
    'm.example.com': { authConfigSecretName: 'auth-a', caBundle: 'QUJD', tlsSecretName: 'tls-a', insecureSkipVerify: true },
    'q.example.com': { insecureSkipVerify: false, caBundle: 'QUJD' },
    'only-auth.example.com': { authConfigSecretName: 'auth-b' },
    'only-client.example.com': { tlsSecretName: 'tls-c' },
    'skip-only.example.com': { insecureSkipVerify: true },
    'nothing.example.com': { insecureSkipVerify: false },
    'bad.example.com': 'not a map',
  },
};
const ref = (ns: string, name: string) => ({
  username: `<Secret ${ns}/${name} username>`,
  password: `<Secret ${ns}/${name} password>`,
  auth: `<Secret ${ns}/${name} auth>`,
  identity_token: `<Secret ${ns}/${name} identityToken>`,
});
const tlsDir = (distro: string, host: string) => `/var/lib/rancher/${distro}/etc/tls/registries/${host}`;

describe('node files: the planner registries.yaml', () => {
  it('Secret references, TLS paths, mirrors as written (rke2)', () => {
    expect(load(plannerRegistriesYaml(spec, 'fleet-default', 'rke2'))).toEqual({
      mirrors: {
        'docker.io': { endpoint: ['https://m.example.com'], rewrite: { '^library/(.*)$': 'hub/$1' } },
        'quay.io': { endpoint: ['https://q.example.com'] },
        'ghcr.io': { rewrite: { '^(.*)$': 'g/$1' } },
        'empty.example.com': {},
        'odd.example.com': {},
      },
      configs: {
        'm.example.com': {
          auth: ref('fleet-default', 'auth-a'),
          tls: { ca_file: `${tlsDir('rke2', 'm.example.com')}/ca.crt`, cert_file: `${tlsDir('rke2', 'm.example.com')}/tls.crt`, key_file: `${tlsDir('rke2', 'm.example.com')}/tls.key`, insecure_skip_verify: true },
        },
        'q.example.com': { tls: { ca_file: `${tlsDir('rke2', 'q.example.com')}/ca.crt`, cert_file: '', key_file: '', insecure_skip_verify: false } },
        'only-auth.example.com': { auth: ref('fleet-default', 'auth-b') },
        'only-client.example.com': { tls: { ca_file: '', cert_file: `${tlsDir('rke2', 'only-client.example.com')}/tls.crt`, key_file: `${tlsDir('rke2', 'only-client.example.com')}/tls.key`, insecure_skip_verify: false } },
        'skip-only.example.com': { tls: { ca_file: '', cert_file: '', key_file: '', insecure_skip_verify: true } },
        'nothing.example.com': {},
      },
    });
  });
  it('strings YAML 1.1 would read as booleans or numbers stay strings for the node (yaml.v2 reads 1.1)', () => {
    const text = plannerRegistriesYaml({ mirrors: { on: { endpoint: ['https://yes.example.com'], rewrite: { '^(.*)$': 'yes', '^x$': '0x1F', '^y$': 'Off' } } } }, 'fleet-default', 'rke2');
    expect(text).toMatch(/^ {2}"on":$/m);
    expect(parseYaml11(text, { version: '1.1' })).toEqual({ mirrors: { on: { endpoint: ['https://yes.example.com'], rewrite: { '^(.*)$': 'yes', '^x$': '0x1F', '^y$': 'Off' } } }, configs: {} });
  });

  it('k3s paths and another namespace; nothing at all for a spec that is not a map', () => {
    const y = load(plannerRegistriesYaml({ configs: { 'h.example.com': { caBundle: 'QUJD', authConfigSecretName: 's' } } }, 'team-ns', 'k3s')) as { configs: Record<string, { auth: unknown; tls: { ca_file: string } }> };
    expect(y.configs['h.example.com'].tls.ca_file).toBe('/var/lib/rancher/k3s/etc/tls/registries/h.example.com/ca.crt');
    expect(y.configs['h.example.com'].auth).toEqual(ref('team-ns', 's'));
    expect(load(plannerRegistriesYaml(null, 'ns', 'rke2'))).toEqual({ mirrors: {}, configs: {} });
    expect(load(plannerRegistriesYaml({ mirrors: [], configs: 'x' }, 'ns', 'rke2'))).toEqual({ mirrors: {}, configs: {} });
  });

  it('the files a node receives: registries.yaml first, then one hosts.toml per directory, with who uses it', () => {
    const cluster = {
      kind: 'Cluster',
      apiVersion: 'provisioning.cattle.io/v1',
      spec: { kubernetesVersion: 'v1.32.3+k3s1', rkeConfig: { registries: { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] }, '*': { endpoint: ['https://all.example.com'] }, 'quay.io': { endpoint: ['https://q.example.com'] } } } } },
    };
    const s = settingsFromCluster(cluster);
    const files = nodeFiles(compile(s.settings, s.findings), cluster.spec.rkeConfig.registries, 'fleet-default');
    const base = '/var/lib/rancher/k3s/agent/etc/containerd/certs.d';
    expect(files.map((f) => [f.path, f.usedBy])).toEqual([
      ['/etc/rancher/k3s/registries.yaml', 'read by the k3s agent, which renders the hosts.toml files below'],
      [`${base}/_default/hosts.toml`, 'images from every registry that has no directory of its own'],
      [`${base}/docker.io/hosts.toml`, 'Docker Hub images (docker.io/…, including names without a registry such as nginx)'],
      [`${base}/quay.io/hosts.toml`, 'images from quay.io'],
    ]);
    expect(files[2].text).toContain('[host."https://m.example.com/v2"]');
    expect(files.every((f) => f.marks.length === 0)).toBe(true);
  });

  it('a rewrite that breaks hosts.toml is marked on its own line of that file', () => {
    const node = { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'], rewrite: { '^a\\.b/(.*)$': 'x/$1', '^ok/(.*)$': 'y/$1' } } } };
    const s = settingsFromNodeValue(node);
    const c = compile(s.settings, s.findings);
    const f = nodeFiles(c, node, 'ns').find((x) => x.path.endsWith('/docker.io/hosts.toml'))!;
    // K3s writes the pattern unescaped: line 10 is `"^a\.b/(.*)$" = "x/$1"`, which TOML refuses (\. is no escape);
    // the file-level finding goes on line 1
    expect(f.text.split('\n')[9]).toBe('    "^a\\.b/(.*)$" = "x/$1"');
    expect(f.marks.map((m) => [m.line, m.finding.code, m.finding.path])).toEqual([
      [10, 'REWRITE_BREAKS_TOML', ['mirrors', 'docker.io', 'rewrite', '^a\\.b/(.*)$']],
      [1, 'HOSTS_TOML_UNPARSABLE', ['mirrors', 'docker.io']],
    ]);
  });
});

describe('save diff', () => {
  it('lineDiff: unchanged lines kept for context, removals before additions', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc')).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'c' },
    ]);
    expect(lineDiff('a', 'a\nb')).toEqual([{ op: ' ', text: 'a' }, { op: '+', text: 'b' }]);
    expect(lineDiff('a\nb', 'b')).toEqual([{ op: '-', text: 'a' }, { op: ' ', text: 'b' }]);
    expect(lineDiff('', '')).toEqual([{ op: ' ', text: '' }]);
  });

  it('lineDiff: beyond 4 000 000 line pairs, all removed then all added (no quadratic table)', () => {
    const a = Array.from({ length: 2001 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 2000 }, (_, i) => `a${i}`).join('\n');
    const d = lineDiff(a, b);
    expect(d).toHaveLength(4001);
    expect([d[0], d[2000], d[2001], d[4000]]).toEqual([{ op: '-', text: 'a0' }, { op: '-', text: 'a2000' }, { op: '+', text: 'a0' }, { op: '+', text: 'a1999' }]);
    // exactly 4 000 000 pairs still gets the real diff: 2000 kept, 0 changed
    const same = lineDiff(b, Array.from({ length: 2000 }, (_, i) => `a${i}`).join('\n'));
    expect(same.every((l) => l.op === ' ')).toBe(true);
  });

  it('a save that adds a docker.io mirror: the spec lines and the Docker Hub routes change, a quay.io route does not', () => {
    const before = { mirrors: {} };
    const after = { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } } };
    const cb = compile(settingsFromNodeValue(before).settings);
    const ca = compile(settingsFromNodeValue(after).settings);
    const d = saveDiff(before, after, cb, ca, ['quay.io/a/b:1']);
    expect(d.specChanged).toBe(true);
    expect(d.spec.filter((l) => l.op !== ' ')).toEqual([
      { op: '-', text: 'mirrors: {}' },
      { op: '+', text: 'mirrors:' },
      { op: '+', text: '  docker.io:' },
      { op: '+', text: '    endpoint:' },
      { op: '+', text: '      - https://m.example.com' },
    ]);
    expect(d.routes).toEqual([
      { image: 'docker.io/library/nginx:latest', context: 'workload', changed: true, before: ['https://registry-1.docker.io/v2/library/nginx/manifests/latest'], after: ['https://m.example.com/v2/library/nginx/manifests/latest?ns=docker.io', 'https://registry-1.docker.io/v2/library/nginx/manifests/latest'] },
      { image: 'rancher/rancher-agent:v2.13.0', context: 'system', changed: true, before: ['https://registry-1.docker.io/v2/rancher/rancher-agent/manifests/v2.13.0'], after: ['https://m.example.com/v2/rancher/rancher-agent/manifests/v2.13.0?ns=docker.io', 'https://registry-1.docker.io/v2/rancher/rancher-agent/manifests/v2.13.0'] },
      { image: 'quay.io/a/b:1', context: 'workload', changed: false, before: ['https://quay.io/v2/a/b/manifests/1'], after: ['https://quay.io/v2/a/b/manifests/1'] },
    ]);
    const none = saveDiff(after, after, ca, ca);
    expect([none.specChanged, none.routes.some((r) => r.changed)]).toEqual([false, false]);
    expect(saveDiff(undefined, undefined, cb, cb).spec).toEqual([{ op: ' ', text: '{}' }, { op: ' ', text: '' }]);
  });
});

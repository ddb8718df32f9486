import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, exportNodeRegistries, importNodeRegistries, nodeFiles, resolveRoute, saveDiff, settingsFromCluster, type ImportResult } from '../../src';
import { main } from '../../src/cli/main';

const fixture = (n: string) => readFileSync(join(__dirname, '../fixtures/registries', n), 'utf8');
const opts = { namespace: 'fleet-default', clusterName: 'prod', distro: 'rke2' as const, mode: 'replace' as const };
function ok(text: string, o = {}): ImportResult {
  const r = importNodeRegistries(text, { ...opts, ...o });
  if (!r.ok) throw new Error(r.error);
  return r;
}
const cluster = (registries: unknown) => ({ metadata: { namespace: 'fleet-default' }, spec: { kubernetesVersion: 'v1.32.3+rke2r1', rkeConfig: { registries } } });
const PLANTED = ['Pl4nted-Passw0rd-7781', 'Pl4nted-Token-9912', 'cm9ib3Q6UGw0bnRlZC1QYXNzdzByZC03Nzgx', 'Pl4nted-Token-3344'];
const noSecret = (s: string) => PLANTED.forEach((p) => expect(s).not.toContain(p));

describe('import a node registries.yaml', () => {
  it('K3s docs example: mirrors as they are, credentials to a Secret, TLS files to ask for', () => {
    const r = ok(fixture('k3s-docs-mirror-auth-tls.yaml'));
    expect(r.registries.mirrors).toEqual({ 'docker.io': { endpoint: ['https://registry.example.com:5000'] } });
    expect(r.registries.configs).toEqual({ 'registry.example.com:5000': { authConfigSecretName: 'prod-registry-auth-registry-example-com-5000' } });
    expect(r.secrets).toEqual([{ name: 'prod-registry-auth-registry-example-com-5000', namespace: 'fleet-default', type: 'rke.cattle.io/auth-config', host: 'registry.example.com:5000', keys: ['username', 'password'] }]);
    expect(r.missing.map((m) => m.field).sort()).toEqual(['caBundle', 'tlsSecretName']);
    expect(r.missing[0].message).toContain('/etc/ssl/registry/');
  });
  it('K3s docs rewrite and wildcard examples go in unchanged and route as on the node', () => {
    const rw = ok(fixture('k3s-docs-rewrite.yaml'));
    expect(rw.registries.mirrors).toEqual({ 'docker.io': { endpoint: ['https://registry.example.com:5000'], rewrite: { '^rancher/(.*)': 'mirrorproject/rancher-images/$1' } } });
    const c = compile(settingsFromCluster(cluster(rw.registries)).settings);
    expect(resolveRoute(c, 'rancher/rancher-agent:v2.13.0').attempts[0].url).toBe('https://registry.example.com:5000/v2/mirrorproject/rancher-images/rancher-agent/manifests/v2.13.0?ns=docker.io');
    expect(ok(fixture('k3s-docs-wildcard.yaml')).registries.mirrors).toEqual({ '*': { endpoint: ['https://registry.example.com'] } });
  });
  it('RKE2 docs example with empty fields: no crash, and the key mismatch is flagged', () => {
    const r = ok(fixture('rke2-docs-empty-fields.yaml'));
    expect(r.missing).toEqual([]);
    const c = compile(settingsFromCluster(cluster(r.registries)).settings);
    expect(c.findings.map((f) => f.code)).toContain('CONFIG_UNUSED');
  });
  it('inline credentials become Secrets; the spec holds only their names', () => {
    const r = ok(fixture('inline-credentials.yaml'));
    expect(Object.values(r.registries.configs as object).map((c) => Object.keys(c))).toEqual([['authConfigSecretName'], ['authConfigSecretName'], ['authConfigSecretName']]);
    expect(r.secrets.map((s) => s.keys)).toEqual([['username', 'password'], ['auth'], ['identityToken']]);
    expect(r.secretData[r.secrets[0].name]).toEqual({ username: 'robot$pull', password: 'Pl4nted-Passw0rd-7781' });
    noSecret(JSON.stringify({ ...r, secretData: undefined }));
  });
  it('unknown keys are reported by name as ignored by RKE2/K3s', () => {
    const r = ok(fixture('unknown-keys.yaml'));
    const paths = r.findings.filter((f) => f.code === 'NODE_UNKNOWN_KEY').map((f) => f.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['mirror', 'mirrors.docker.io.endpoints', 'configs.m.example.com.auth.token', 'configs.m.example.com.tls.insecure']));
    noSecret(JSON.stringify(r));
  });
  it('a YAML error gives line and column and changes nothing', () => {
    const existing = { mirrors: { 'quay.io': { endpoint: ['https://q.example.com'] } } };
    const before = JSON.stringify(existing);
    const r = importNodeRegistries(fixture('yaml-error.yaml'), { ...opts, existing });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.line).toBeGreaterThan(0);
      expect(r.column).toBeGreaterThan(0);
    }
    expect(JSON.stringify(existing)).toBe(before);
  });
  it('merge keeps other keys and unknown fields; replace reports what it removes', () => {
    const existing = { mirrors: { 'quay.io': { endpoint: ['https://q.example.com'], futureField: 1 }, 'docker.io': { endpoint: ['https://old.example.com'], keep: true } }, extra: 'x' };
    const m = ok(fixture('k3s-docs-rewrite.yaml'), { existing, mode: 'merge' });
    expect(m.registries).toMatchObject({ extra: 'x', mirrors: { 'quay.io': existing.mirrors['quay.io'], 'docker.io': { keep: true, endpoint: ['https://registry.example.com:5000'] } } });
    expect(m.changes.changed).toEqual([{ section: 'mirrors', key: 'docker.io' }]);
    const r = ok(fixture('k3s-docs-rewrite.yaml'), { existing, mode: 'replace' });
    expect(r.changes.removed).toEqual([{ section: 'mirrors', key: 'quay.io' }]);
    expect(r.registries.mirrors).not.toHaveProperty('quay.io');
  });
});

describe('export and round trips', () => {
  const spec = {
    mirrors: { 'docker.io': { endpoint: ['https://m.example.com', 'docker.io'], rewrite: { '^library/(.*)': 'hub/$1' } }, '*': { endpoint: ['https://all.example.com'] } },
    configs: { 'm.example.com': { authConfigSecretName: 'auth-m', caBundle: btoa('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'), tlsSecretName: 'tls-m', insecureSkipVerify: true } },
  };
  it('export → import is lossless', () => {
    const text = exportNodeRegistries(spec, { namespace: 'fleet-default', distro: 'rke2' });
    const back = ok(text);
    expect(back.registries).toEqual(spec);
    expect(back.secrets).toEqual([]);
    expect(text).toContain('<from Secret fleet-default/auth-m key password>');
    expect(text).toContain('ca_file: /var/lib/rancher/rke2/etc/tls/registries/m.example.com/ca.crt');
  });
  it('import → export → import keeps the mirrors and references the created Secrets', () => {
    const first = ok(fixture('inline-credentials.yaml'));
    const text = exportNodeRegistries(first.registries, { namespace: 'fleet-default', distro: 'rke2' });
    noSecret(text);
    expect(ok(text).registries).toEqual(first.registries);
  });
  it('the node-files preview shows Secret references, never values, and marks a breaking rewrite', () => {
    const registries = { ...ok(fixture('inline-credentials.yaml')).registries, mirrors: { 'docker.io': { endpoint: ['https://m.example.com'], rewrite: { '^a\\.b': 'c' } } } };
    const c = compile(settingsFromCluster(cluster(registries)).settings);
    const files = nodeFiles(c, registries, 'fleet-default');
    expect(files[0].path).toBe('/etc/rancher/rke2/registries.yaml');
    expect(files[0].text).toContain('<Secret fleet-default/prod-registry-auth-harbor-corp-example-com password>');
    const hub = files.find((f) => f.path.endsWith('/certs.d/docker.io/hosts.toml'))!;
    expect(hub.usedBy).toContain('Docker Hub');
    expect(hub.marks.map((m) => m.finding.code)).toEqual(expect.arrayContaining(['REWRITE_BREAKS_TOML', 'HOSTS_TOML_UNPARSABLE']));
    expect(hub.text.split('\n')[hub.marks.find((m) => m.finding.code === 'REWRITE_BREAKS_TOML')!.line - 1]).toContain('"^a\\.b"');
    noSecret(JSON.stringify(files));
  });
  it('the save diff names the sample images whose route changes', () => {
    const before = {};
    const after = { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } } };
    const d = saveDiff(before, after, compile(settingsFromCluster(cluster(before)).settings), compile(settingsFromCluster(cluster(after)).settings));
    expect(d.specChanged).toBe(true);
    expect(d.spec.filter((l) => l.op === '+').map((l) => l.text.trim())).toContain('- https://m.example.com');
    const nginx = d.routes.find((r) => r.image === 'docker.io/library/nginx:latest')!;
    expect(nginx.changed).toBe(true);
    expect(nginx.after[0]).toContain('m.example.com');
    const same = saveDiff(after, after, compile(settingsFromCluster(cluster(after)).settings), compile(settingsFromCluster(cluster(after)).settings));
    expect(same.specChanged).toBe(false);
    expect(same.routes.every((r) => !r.changed)).toBe(true);
  });
});

describe('registry-route convert', () => {
  const run = (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = main(args, { write: (s: string) => { stdout += s; return true; } } as never, { write: (s: string) => { stderr += s; return true; } } as never);
    return { code, stdout, stderr };
  };
  const path = (n: string) => join(__dirname, '../fixtures/registries', n);
  it('node → cluster prints the spec and Secret names, never the values', () => {
    const r = run(['convert', '--to', 'cluster', '--cluster-name', 'prod', path('inline-credentials.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('authConfigSecretName: prod-registry-auth-harbor-corp-example-com');
    expect(r.stderr).toContain('--secrets-out');
    noSecret(r.stdout + r.stderr);
  });
  it('cluster → node writes placeholders', () => {
    const r = run(['convert', '--to', 'node', path('../../../assets/samples/airgap-rke2-v1.31.6.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mirrors:');
  });
  it('a YAML error is one line with file:line:column, exit 2', () => {
    const r = run(['convert', '--to', 'cluster', path('yaml-error.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/yaml-error\.yaml:\d+:\d+: /);
  });
});

import { describe, expect, it } from 'vitest';
import { compile, FINDING_CODES, importNodeRegistries, resolveRoute, settingsFromCluster, caBundleProblem, readCaBundle, type Finding } from '../../src';
import { compileNode } from './helpers';
import { TEST_CA_PEM } from '../fixtures/test-ca';

const seen = new Set<string>();
function findings(value: unknown, base = {}, image?: string): Finding[] {
  const c = compileNode(value, base);
  const all = [...c.findings, ...(image ? resolveRoute(c, image).findings : [])];
  all.forEach((f) => seen.add(f.code));
  return all;
}
function expectFinding(list: Finding[], code: string, path?: Array<string | number>) {
  const f = list.find((x) => x.code === code && (!path || JSON.stringify(x.path) === JSON.stringify(path)));
  expect(f, `${code} at ${JSON.stringify(path)} in ${JSON.stringify(list.map((x) => [x.code, x.path]))}`).toBeTruthy();
  expect(f!.severity).toBe(FINDING_CODES[code].severity);
  expect(f!.message.length).toBeGreaterThan(10);
  expect(f!.fix).toMatch(/\S/);
  expect(f!.fix).not.toContain('\n');
  return f!;
}
const hub = (endpoint: string[], rest = {}) => ({ mirrors: { 'docker.io': { endpoint, ...rest } } });

describe('findings: each names the field and the fix', () => {
  it('wildcard without fallback on the cluster version', () => {
    expectFinding(findings({ mirrors: { '*': { endpoint: ['https://m.example.com'] } } }, { version: 'v1.32.2+k3s1' }), 'WILDCARD_NO_FALLBACK', ['mirrors', '*']);
    expect(findings({ mirrors: { '*': { endpoint: ['https://m.example.com'] } } }, { version: 'v1.32.3+k3s1' }).map((f) => f.code)).not.toContain('WILDCARD_NO_FALLBACK');
  });
  it('rewrite patterns that break hosts.toml, and the file that then does not parse', () => {
    const l = findings(hub(['https://m.example.com'], { rewrite: { '^library/(\\w+)': 'x/$1' } }));
    expectFinding(l, 'REWRITE_BREAKS_TOML', ['mirrors', 'docker.io', 'rewrite', '^library/(\\w+)']);
    expectFinding(l, 'HOSTS_TOML_UNPARSABLE', ['mirrors', 'docker.io']);
  });
  it('an empty replacement, a missing group, and a rewrite that leaves no repository', () => {
    const empty = findings(hub(['https://m.example.com'], { rewrite: { '^x/(.*)$': '' } }), {}, 'x/app:1');
    expectFinding(empty, 'REWRITE_EMPTY_REPLACEMENT', ['mirrors', 'docker.io', 'rewrite', '^x/(.*)$']);
    expect(expectFinding(empty, 'REWRITE_EMPTY_RESULT', ['mirrors', 'docker.io', 'rewrite', '^x/(.*)$']).message).toContain('/v2/manifests/1');
    const two = findings(hub(['https://m.example.com'], { rewrite: { '^library/(.*)$': 'hub/$2', '^team/(?P<app>.*)$': 'hub/${name}' } }));
    expect(expectFinding(two, 'REWRITE_GROUP_MISSING', ['mirrors', 'docker.io', 'rewrite', '^library/(.*)$']).message).toContain('1 group');
    expectFinding(two, 'REWRITE_GROUP_MISSING', ['mirrors', 'docker.io', 'rewrite', '^team/(?P<app>.*)$']);
    const fine = findings(hub(['https://m.example.com'], { rewrite: { '^library/(.*)$': 'hub/$1', '^team/(?P<app>.*)$': 'hub/${app}-$$' } }), {}, 'nginx');
    expect(fine.map((x) => x.code).filter((c) => c.startsWith('REWRITE'))).toEqual([]);
  });
  it('a capture name used twice is valid Go (the node applies the rewrite): no REWRITE_INVALID, and $name is no missing group', () => {
    const dup = '^(?:(?P<org>team)|(?P<org>ops))/(.*)$';
    const l = findings(hub(['https://m.example.com'], { rewrite: { [dup]: 'mirror/$org/$3' } }), {}, 'ops/app');
    expect(l.map((x) => x.code).filter((c) => c.startsWith('REWRITE'))).toEqual([]);
    expectFinding(findings(hub(['https://m.example.com'], { rewrite: { [dup]: 'mirror/$team' } })), 'REWRITE_GROUP_MISSING', ['mirrors', 'docker.io', 'rewrite', dup]);
  });
  it('two rewrites matching one image', () => {
    expectFinding(findings(hub(['https://m.example.com'], { rewrite: { '^library/(.*)': 'a/$1', '^(.*)$': 'b/$1' } }), {}, 'nginx'), 'REWRITE_AMBIGUOUS');
  });
  it('an endpoint equal to the default that is not last', () => {
    expectFinding(findings(hub(['https://registry-1.docker.io', 'https://m.example.com'])), 'ENDPOINT_DEFAULT_NOT_LAST', ['mirrors', 'docker.io', 'endpoint', 0]);
    expect(findings(hub(['https://m.example.com', 'docker.io'])).map((f) => f.code)).not.toContain('ENDPOINT_DEFAULT_NOT_LAST');
  });
  it('a dead mirror key', () => {
    expectFinding(findings({ mirrors: { 'registry-1.docker.io': { endpoint: ['https://m.example.com'] } } }), 'MIRROR_KEY_NEVER_MATCHES');
  });
  it('configs keyed by a host no endpoint uses', () => {
    expectFinding(findings({ ...hub(['https://r.example.com']), configs: { 'r.example.com:443': { tls: { ca_file: '/ca' } } } }), 'CONFIG_KEY_MISMATCH', ['configs', 'r.example.com:443']);
    expectFinding(findings({ configs: { 'other.example.com': { auth: { username: 'u', password: 'p' } } } }), 'CONFIG_UNUSED');
    expectFinding(findings({ ...hub(['https://m.example.com']), configs: { 'docker.io': { auth: { username: 'u', password: 'p' } } } }), 'CONFIG_ON_MIRROR_KEY', ['configs', 'docker.io']);
    expectFinding(findings({ configs: { 'https://r.example.com': { tls: { ca_file: '/ca' } } } }), 'CONFIG_KEY_INVALID');
  });
  it('* TLS dropped by a * mirror, * auth never used', () => {
    const l = findings({ mirrors: { '*': { endpoint: ['https://m.example.com'] } }, configs: { '*': { tls: { ca_file: '/ca' }, auth: { username: 'u', password: 'p' } } } });
    expectFinding(l, 'WILDCARD_TLS_DROPPED', ['configs', '*']);
    expectFinding(l, 'WILDCARD_AUTH_UNUSED');
  });
  it('disable-default having no effect', () => {
    expectFinding(findings({ ...hub(['https://m.example.com']), configs: { 'docker.io': { tls: { insecure_skip_verify: true } } } }, { disableDefaultEndpoint: true }), 'DISABLE_DEFAULT_NO_EFFECT', ['mirrors', 'docker.io']);
    expectFinding(findings(hub(['bad host']), { disableDefaultEndpoint: true }), 'DISABLE_DEFAULT_NO_EFFECT');
  });
  it('no fallback when disable-default removes it', () => {
    expectFinding(findings(hub(['https://m.example.com']), { disableDefaultEndpoint: true }, 'nginx'), 'NO_FALLBACK');
  });
  it('endpoints without a scheme', () => {
    const f = expectFinding(findings(hub(['m.example.com'])), 'ENDPOINT_NO_SCHEME', ['mirrors', 'docker.io', 'endpoint', 0]);
    expect(f.message).toContain('https://m.example.com');
  });
  it('an endpoint path with an empty segment: the node keeps it, sets override_path and drops /v2', () => {
    // K3s keeps any path but "", "/" and "/v2" verbatim with override_path = true; containerd then
    // path.Cleans "//" to "/" and requests https://m.example.com/library/nginx/manifests/latest
    const root = expectFinding(findings(hub(['https://m.example.com//'])), 'ENDPOINT_PATH_EMPTY_SEGMENT', ['mirrors', 'docker.io', 'endpoint', 0]);
    expect(root.message).toContain('https://m.example.com/<repository>/manifests/<tag>');
    expect(root.message).toContain('without /v2');
    expect(root.fix).toContain('https://m.example.com ');
    const inner = expectFinding(findings(hub(['https://m.example.com/a//b'])), 'ENDPOINT_PATH_EMPTY_SEGMENT', ['mirrors', 'docker.io', 'endpoint', 0]);
    expect(inner.message).toContain('https://m.example.com/a/b/<repository>/manifests/<tag>');
    expect(inner.fix).toContain('https://m.example.com/a/b');
    // what still reaches /v2, and a plain prefix, is not this finding
    for (const ok of ['https://m.example.com/', 'https://m.example.com/v2//', 'https://m.example.com/prefix', 'm.example.com//v2']) {
      expect(findings(hub([ok])).map((x) => x.code), ok).not.toContain('ENDPOINT_PATH_EMPTY_SEGMENT');
    }
    expect(JSON.stringify(findings(hub(['https://admin:S3cr3tPw@m.example.com//'])))).not.toContain('S3cr3tPw');
  });
  it('duplicates', () => {
    expectFinding(findings(hub(['https://m.example.com', 'm.example.com/v2'])), 'ENDPOINT_DUPLICATE', ['mirrors', 'docker.io', 'endpoint', 1]);
  });
  it('http without TLS, skip-verify', () => {
    expectFinding(findings(hub(['http://m.example.com'])), 'ENDPOINT_HTTP');
    expect(findings(hub(['http://localhost:5000'])).map((f) => f.code)).not.toContain('ENDPOINT_HTTP');
    expectFinding(findings({ ...hub(['https://m.example.com']), configs: { 'm.example.com': { tls: { insecure_skip_verify: true } } } }), 'SKIP_VERIFY');
  });
  it('invalid hostnames, URLs, schemes, regexes', () => {
    expectFinding(findings({ mirrors: { 'my registry': { endpoint: ['https://m.example.com'] } } }), 'MIRROR_KEY_INVALID');
    expectFinding(findings({ mirrors: { 'https://docker.io': { endpoint: ['https://m.example.com'] } } }), 'MIRROR_KEY_INVALID');
    expectFinding(findings(hub(['https://bad host'])), 'ENDPOINT_INVALID');
    expectFinding(findings(hub([''])), 'ENDPOINT_INVALID');
    expectFinding(findings(hub(['ftp://m.example.com'])), 'ENDPOINT_SCHEME');
    expectFinding(findings(hub(['https://m.example.com?x=1'])), 'ENDPOINT_QUERY');
    const la = expectFinding(findings(hub(['https://m.example.com'], { rewrite: { '(?=library)': 'x' } })), 'REWRITE_INVALID');
    expect(la.message).toContain('look-ahead');
    expectFinding(findings({ mirrors: { 'quay.io': { rewrite: { a: 'b' } } } }), 'REWRITE_WITHOUT_ENDPOINT');
    expectFinding(findings({ mirrors: { 'quay.io': {} } }), 'MIRROR_NO_ENDPOINTS');
  });
  it('credentials in an endpoint URL, and the password is never echoed', () => {
    const l = findings(hub(['https://admin:S3cr3tPw@m.example.com']));
    expectFinding(l, 'ENDPOINT_CREDENTIALS');
    expect(JSON.stringify(l)).not.toContain('S3cr3tPw');
    const c = compileNode(hub(['https://admin:S3cr3tPw@m.example.com']));
    expect(c.hostsFiles.map((f) => f.text).join()).not.toContain('S3cr3tPw');
    expect(JSON.stringify(resolveRoute(c, 'nginx'))).not.toContain('S3cr3tPw');
  });
  it('credentials in a mirror or config key are not imported, and never echoed', () => {
    const r = importNodeRegistries('mirrors:\n  admin:S3cr3tPw@m.example.com:\n    endpoint: [https://m.example.com]\nconfigs:\n  u:S3cr3tPw@m.example.com: {}\n', { namespace: 'ns', distro: 'rke2', mode: 'replace' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    r.findings.forEach((f) => seen.add(f.code));
    expectFinding(r.findings, 'KEY_CREDENTIALS', ['mirrors', 'xxxxx@m.example.com']);
    expectFinding(r.findings, 'KEY_CREDENTIALS', ['configs', 'xxxxx@m.example.com']);
    expect(JSON.stringify(r)).not.toContain('S3cr3tPw');
  });
  it('machineSelectorConfig: entries without a selector set the flags; with a selector, a finding names the pools', () => {
    const cluster = (rkeConfig: object) => ({ apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', spec: { kubernetesVersion: 'v1.32.3+rke2r1', rkeConfig } });
    const all = settingsFromCluster(cluster({ machineSelectorConfig: [{ config: { 'embedded-registry': true, 'disable-default-registry-endpoint': 'true' } }] }));
    expect(all.settings).toMatchObject({ embeddedRegistry: true, disableDefaultEndpoint: true });
    const some = settingsFromCluster(cluster({ machinePools: [{ name: 'gpu', labels: { gpu: 'yes' } }, { name: 'cpu', labels: {} }], machineSelectorConfig: [{ machineLabelSelector: { matchLabels: { gpu: 'yes' } }, config: { 'embedded-registry': true } }] }));
    expect(some.settings.embeddedRegistry).toBe(false);
    some.findings.forEach((x) => seen.add(x.code));
    expect(expectFinding(some.findings, 'NODE_LABEL_DEPENDENT', ['machineSelectorConfig', 0, 'config', 'embedded-registry']).message).toContain('machine pools gpu');
  });
  it('unknown keys and typos in spec.rkeConfig.registries, and inline auth there', () => {
    const r = settingsFromCluster({ spec: { rkeConfig: { registries: { mirrors: { 'docker.io': { endpoints: ['https://m.example.com'] } }, configs: { 'm.example.com': { insecureSkipVerfy: true, auth: { username: 'u', password: 'S3cr3tPw' } } } } } } });
    r.findings.forEach((x) => seen.add(x.code));
    expect(expectFinding(r.findings, 'CLUSTER_UNKNOWN_KEY', ['mirrors', 'docker.io', 'endpoints']).fix).toBe('Rename it to endpoint.');
    expect(expectFinding(r.findings, 'CLUSTER_UNKNOWN_KEY', ['configs', 'm.example.com', 'insecureSkipVerfy']).fix).toBe('Rename it to insecureSkipVerify.');
    expect(r.findings.find((x) => x.path.join('.') === 'configs.m.example.com.auth')?.severity).toBe('error');
    expect(JSON.stringify(r)).not.toContain('S3cr3tPw');
  });
  it('export placeholders left in a node file warn; a config that shadows the * mirror warns', () => {
    const ph = findings({ configs: { 'm.example.com': { auth: { username: '<from Secret ns/s key username>', password: '<from Secret ns/s key password>' } } } });
    expectFinding(ph, 'AUTH_PLACEHOLDER', ['configs', 'm.example.com', 'auth', 'username']);
    const sh = findings({ mirrors: { '*': { endpoint: ['https://airgap.example.com'] } }, configs: { 'quay.io': { tls: { ca_file: '/etc/q.pem' } } } }, { disableDefaultEndpoint: true });
    expect(expectFinding(sh, 'CONFIG_SHADOWS_WILDCARD', ['configs', 'quay.io']).message).toContain('air-gap');
  });
  it('wrong types and unknown node keys', () => {
    expectFinding(findings({ mirrors: { 'docker.io': { endpoint: 'https://m.example.com' } } }), 'FIELD_TYPE', ['mirrors', 'docker.io', 'endpoint']);
    const f = expectFinding(findings({ configs: { 'r.example.com': { auth: { token: 'x' } } } }), 'NODE_UNKNOWN_KEY', ['configs', 'r.example.com', 'auth', 'token']);
    expect(f.fix).toContain('identity_token');
  });
  it('CA bundle that is PEM instead of base64, or not a certificate', () => {
    const cluster = (caBundle: string) => ({ spec: { rkeConfig: { registries: { configs: { 'r.example.com': { caBundle } } } } } });
    for (const ca of ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', 'not base64!!', btoa('hello')]) {
      const { findings: fs, settings } = settingsFromCluster(cluster(ca));
      fs.forEach((x) => seen.add(x.code));
      expectFinding([...fs, ...compile(settings).findings], 'CA_BUNDLE_INVALID', ['configs', 'r.example.com', 'caBundle']);
    }
    const ok = btoa('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(settingsFromCluster(cluster(ok)).findings).toEqual([]);
  });
  it('Docker Hub direct and invalid images', () => {
    expectFinding(findings({}, {}, 'gitea/gitea'), 'DOCKER_HUB_DIRECT');
    expectFinding(findings({}, {}, 'library/Nginx'), 'IMAGE_INVALID');
  });
  it('limits: more than the preview handles is said, not silently cut', () => {
    const many = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`r${i}.example.com`, { endpoint: ['https://m.example.com'] }]));
    const f = expectFinding(findings({ mirrors: many }), 'LIMIT_EXCEEDED', ['mirrors']);
    expect(f.message).toContain('2,001');
    expect(f.message).toContain('nothing is removed');
    expectFinding(findings(hub(['https://m.example.com'], { rewrite: { ['a'.repeat(1001)]: 'b' } })), 'LIMIT_EXCEEDED');
  });
  it('stale Secret references: missing, wrong type, other namespace', async() => {
    const { checkSecretRefs } = await import('../../src');
    const spec = { configs: { a: { authConfigSecretName: 'gone' }, b: { authConfigSecretName: 'tls-one' }, c: { tlsSecretName: 'elsewhere' }, d: { authConfigSecretName: 'other/x' }, e: { authConfigSecretName: 'good', tlsSecretName: 'tls-one' } } };
    const secrets = [
      { name: 'tls-one', namespace: 'fleet-default', type: 'kubernetes.io/tls' },
      { name: 'good', namespace: 'fleet-default', type: 'kubernetes.io/basic-auth' },
      { name: 'elsewhere', namespace: 'cattle-system', type: 'kubernetes.io/tls' },
    ];
    const l = checkSecretRefs(spec, 'fleet-default', secrets);
    l.forEach((x) => seen.add(x.code));
    expectFinding(l, 'SECRET_MISSING', ['configs', 'a', 'authConfigSecretName']);
    expectFinding(l, 'SECRET_WRONG_TYPE', ['configs', 'b', 'authConfigSecretName']);
    expectFinding(l, 'SECRET_OTHER_NAMESPACE', ['configs', 'c', 'tlsSecretName']);
    expectFinding(l, 'SECRET_OTHER_NAMESPACE', ['configs', 'd', 'authConfigSecretName']);
    expect(l.filter((x) => x.path[1] === 'e')).toEqual([]);
  });
  it('an invalid system-default-registry, never echoing credentials', () => {
    const l = findings({}, { systemDefaultRegistry: 'https://admin:S3cretPw@registry.example.com' }, undefined);
    const fd = expectFinding(l, 'SDR_INVALID', ['systemDefaultRegistry']);
    expect(fd.message).not.toContain('S3cretPw');
    const c = compileNode({}, { systemDefaultRegistry: 'registry example.com' });
    const r = resolveRoute(c, 'rancher/x:1', { context: 'system' });
    r.findings.forEach((x) => seen.add(x.code));
    expect(r.findings[0].code).toBe('SDR_INVALID');
    expect(r.attempts).toEqual([]);
  });
  it('several YAML documents are refused with the line of the second', async() => {
    const { parseYaml } = await import('../../src/input/parse-yaml');
    const y = parseYaml('mirrors: {}\n---\nmirrors: {}\n');
    expect(y).toMatchObject({ ok: false, line: 2 });
    expect(parseYaml('mirrors: {}\n---\n').ok).toBe(true);
  });
  it('CA bundles that expired or expire within 30 days', async() => {
    const { caExpiryFindings } = await import('../../src');
    const { readFileSync } = await import('node:fs');
    // the sample fleet's CA: valid 2023-01-01 .. 2025-01-01
    const ca = readFileSync(new URL('../../assets/samples/fleet/clusters.yaml', import.meta.url), 'utf8').match(/caBundle: (\S+)/)![1];
    const spec = { configs: { 'registry.example.com': { caBundle: ca } } };
    const expired = caExpiryFindings(spec, Date.UTC(2025, 0, 2));
    expired.forEach((x) => seen.add(x.code));
    expect(expectFinding(expired, 'CA_EXPIRED', ['configs', 'registry.example.com', 'caBundle']).message).toContain('2025-01-01');
    const soon = caExpiryFindings(spec, Date.UTC(2024, 11, 15));
    soon.forEach((x) => seen.add(x.code));
    expectFinding(soon, 'CA_EXPIRING', ['configs', 'registry.example.com', 'caBundle']);
    expect(caExpiryFindings(spec, Date.UTC(2024, 10, 15))).toEqual([]);
  });
  it('system-default-registry only, and Docker Hub from mirrors only', () => {
    const sdr = expectFinding(findings({}, { systemDefaultRegistry: 'oci-mirror.dev.de', distro: 'k3s', version: 'v1.32.5+k3s1' }), 'SDR_ONLY', ['mirrors', 'docker.io']);
    expect(sdr.message).toContain('oci-mirror.dev.de');
    expect(findings({ mirrors: { 'docker.io': { endpoint: ['https://oci-mirror.dev.de'] } } }, { systemDefaultRegistry: 'oci-mirror.dev.de' }).map((f) => f.code)).not.toContain('SDR_ONLY');
    // the * bug is said by WILDCARD_NO_FALLBACK, once
    expect(findings({ mirrors: { '*': { endpoint: ['https://m.example.com'] } } }, { version: 'v1.31.6+rke2r1' }).map((f) => f.code)).not.toContain('DOCKER_HUB_NO_FALLBACK');
    expectFinding(findings({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } } }, { disableDefaultEndpoint: true }), 'DOCKER_HUB_NO_FALLBACK', ['mirrors', 'docker.io']);
    expect(findings({ mirrors: { '*': { endpoint: ['https://m.example.com'] } } }, { version: 'v1.31.7+rke2r1' }).map((f) => f.code)).not.toContain('DOCKER_HUB_NO_FALLBACK');
  });
  it('one CA bundle reader: URL-safe base64 is refused by the settings and by the form reader alike', () => {
    // a comment line whose bytes encode to + and / (- and _ in the URL-safe alphabet)
    const text = `# ??>??~\n${TEST_CA_PEM}`;
    const std = Buffer.from(text).toString('base64');
    const urlSafe = Buffer.from(text).toString('base64url');
    expect(urlSafe).toMatch(/[-_]/);
    expect(caBundleProblem(std)).toBeUndefined();
    expect(caBundleProblem(urlSafe)?.message).toContain('not valid base64');
    expect(readCaBundle(std).form).toBe('base64-pem');
    expect(readCaBundle(urlSafe).form).toBe('invalid');
  });
  it('every finding code of the catalogue is covered above', () => {
    expect([...Object.keys(FINDING_CODES)].filter((c) => !seen.has(c))).toEqual([]);
  });
});

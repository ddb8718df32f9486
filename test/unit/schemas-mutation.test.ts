// Reading the two shapes of registry settings, field by field, with the findings written
// out in full: the Cluster API's fields (provisioning.cattle.io/v1 RKERegistry: mirrors,
// configs with authConfigSecretName, tlsSecretName, caBundle []byte, insecureSkipVerify)
// and the node's registries.yaml (K3s pkg/agent/templates Registry: mirrors, configs with
// auth {username, password, auth, identity_token} and tls {ca_file, cert_file, key_file,
// insecure_skip_verify}). The planner's TLS file paths are Rancher's
// (pkg/capr/planner: /var/lib/rancher/<distro>/etc/tls/registries/<host>/…).
import { describe, expect, it } from 'vitest';
import { caBundleProblem, registriesFromCluster, registriesFromNode } from '../../src/input/schemas';
import { plannerTlsPath } from '../../src/index';
import { TEST_CA_PEM } from '../fixtures/test-ca';

const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');
const codes = (fs: Array<{ code: string; path: unknown[] }>) => fs.map((f) => `${f.code} ${f.path.join('.')}`);

describe('wrong types: FIELD_TYPE, naming the field, the type and what the API or the node does', () => {
  it('in a Cluster', () => {
    const { findings } = registriesFromCluster({ mirrors: { 'docker.io': { endpoint: 'https://a.example', rewrite: ['x'] } }, configs: { h: { insecureSkipVerify: 'yes', caBundle: 5 } } }, 'rke2');
    expect(findings).toEqual([
      { code: 'FIELD_TYPE', severity: 'error', path: ['mirrors', 'docker.io', 'endpoint'], message: 'mirrors.docker.io.endpoint must be a list; the Kubernetes API rejects the Cluster', fix: 'Make mirrors.docker.io.endpoint a list.', params: { hasPath: 'yes', where: 'mirrors.docker.io.endpoint', expected: 'array', consequence: 'cluster' } },
      { code: 'FIELD_TYPE', severity: 'error', path: ['mirrors', 'docker.io', 'rewrite'], message: 'mirrors.docker.io.rewrite must be a map; the Kubernetes API rejects the Cluster', fix: 'Make mirrors.docker.io.rewrite a map.', params: { hasPath: 'yes', where: 'mirrors.docker.io.rewrite', expected: 'object', consequence: 'cluster' } },
      { code: 'FIELD_TYPE', severity: 'error', path: ['configs', 'h', 'caBundle'], message: 'configs.h.caBundle must be a string; the Kubernetes API rejects the Cluster', fix: 'Make configs.h.caBundle a string.', params: { hasPath: 'yes', where: 'configs.h.caBundle', expected: 'string', consequence: 'cluster' } },
      { code: 'FIELD_TYPE', severity: 'error', path: ['configs', 'h', 'insecureSkipVerify'], message: 'configs.h.insecureSkipVerify must be true or false; the Kubernetes API rejects the Cluster', fix: 'Make configs.h.insecureSkipVerify true or false.', params: { hasPath: 'yes', where: 'configs.h.insecureSkipVerify', expected: 'boolean', consequence: 'cluster' } },
    ].sort((a, b) => findings.findIndex((f) => f.message === a.message) - findings.findIndex((f) => f.message === b.message)));
    expect(findings).toHaveLength(4);
  });

  it('the registries themselves, and an endpoint that is not a string (node)', () => {
    expect(registriesFromCluster(['x'], 'k3s')).toEqual({ registries: { mirrors: {}, configs: {} }, findings: [
      { code: 'FIELD_TYPE', severity: 'error', path: [], message: 'The registries must be a map; the Kubernetes API rejects the Cluster', fix: 'Make the registries a map.', params: { hasPath: 'no', where: '', expected: 'object', consequence: 'cluster' } },
    ] });
    expect(registriesFromNode('mirrors').findings).toEqual([
      { code: 'FIELD_TYPE', severity: 'error', path: [], message: 'The registries must be a map; RKE2/K3s refuse the whole file (yaml: unmarshal errors)', fix: 'Make the registries a map.', params: { hasPath: 'no', where: '', expected: 'object', consequence: 'node' } },
    ]);
    const r = registriesFromNode({ mirrors: { 'docker.io': { endpoint: ['https://a.example', 7] } } });
    expect(r.findings).toEqual([
      { code: 'FIELD_TYPE', severity: 'error', path: ['mirrors', 'docker.io', 'endpoint', 1], message: 'mirrors.docker.io.endpoint.1 must be a string; RKE2/K3s refuse the whole file (yaml: unmarshal errors)', fix: 'Make mirrors.docker.io.endpoint.1 a string.', params: { hasPath: 'yes', where: 'mirrors.docker.io.endpoint.1', expected: 'string', consequence: 'node' } },
    ]);
    expect(r.registries.mirrors['docker.io']).toEqual({ endpoints: ['https://a.example'], rewrites: [] });
  });

  it('at most 200 complaints about one document', () => {
    const endpoint = Array.from({ length: 150 }, (_, i) => i);
    expect(registriesFromNode({ mirrors: { a: { endpoint }, b: { endpoint } } }).findings.filter((f) => f.code === 'FIELD_TYPE')).toHaveLength(200);
    expect(registriesFromCluster({ mirrors: { a: { endpoint }, b: { endpoint } } }, 'rke2').findings.filter((f) => f.code === 'FIELD_TYPE')).toHaveLength(200);
    expect(registriesFromNode({ mirrors: { a: { endpoint: endpoint.slice(0, 100) } }, configs: { h: { auth: 'x' } } }).findings.map((f) => f.path.join('.')).slice(99)).toEqual(['mirrors.a.endpoint.99', 'configs.h.auth']);
  });

  it('a node list where a map belongs is judged by the whole schema', () => {
    expect(registriesFromNode({ mirrors: ['docker.io'], configs: 'x' }).findings.map((f) => f.message)).toEqual([
      'mirrors must be a map; RKE2/K3s refuse the whole file (yaml: unmarshal errors)',
      'configs must be a map; RKE2/K3s refuse the whole file (yaml: unmarshal errors)',
    ]);
  });
});

describe('a Cluster\'s fields the API does not know', () => {
  const unknown = (raw: unknown) => registriesFromCluster(raw, 'rke2').findings.filter((f) => f.code === 'CLUSTER_UNKNOWN_KEY').map(({ severity, path, message, fix, params, variant }) => ({ severity, path, message, fix, params, variant }));

  it('a near miss (edit distance up to 2, any case) gets "Rename it to"; others get the list of fields', () => {
    expect(unknown({ mirror: {}, mirrorz: {}, foo: 1, MIRRORS: {} })).toEqual([
      { severity: 'warning', path: ['mirror'], message: 'mirror is not a field of spec.rkeConfig.registries: the API drops it silently', fix: 'Rename it to mirrors.', params: { where: 'mirror', guess: 'mirrors' }, variant: 'typo' },
      { severity: 'warning', path: ['mirrorz'], message: 'mirrorz is not a field of spec.rkeConfig.registries: the API drops it silently', fix: 'Rename it to mirrors.', params: { where: 'mirrorz', guess: 'mirrors' }, variant: 'typo' },
      { severity: 'warning', path: ['foo'], message: 'foo is not a field of spec.rkeConfig.registries: the API drops it silently', fix: 'Remove it; the fields are mirrors, configs.', params: { where: 'foo', known: 'mirrors, configs' }, variant: undefined },
      { severity: 'warning', path: ['MIRRORS'], message: 'MIRRORS is not a field of spec.rkeConfig.registries: the API drops it silently', fix: 'Rename it to mirrors.', params: { where: 'MIRRORS', guess: 'mirrors' }, variant: 'typo' },
    ]);
  });

  it('distance exactly 2 is near, 3 is not; a length difference over 2 is never near', () => {
    expect(unknown({ mirrxyz: 1 })[0].fix).toBe('Remove it; the fields are mirrors, configs.'); // 3 edits
    expect(unknown({ mixxors: 1 })[0].fix).toBe('Rename it to mirrors.'); // 2 substitutions
    expect(unknown({ mirr: 1 })[0].fix).toBe('Remove it; the fields are mirrors, configs.'); // 3 shorter
    expect(unknown({ mirrors123: 1 })[0].fix).toBe('Remove it; the fields are mirrors, configs.'); // 3 longer
    expect(unknown({ irrrs: 1 })[0].fix).toBe('Rename it to mirrors.'); // delete m, substitute o
    expect(unknown({ configz: 1, cnfigs: 1, cconfigs: 1 }).map((f) => f.fix)).toEqual(['Rename it to configs.', 'Rename it to configs.', 'Rename it to configs.']);
  });

  it('in a mirror and in a config; auth in a config is an error (credentials never belong in the Cluster)', () => {
    expect(unknown({ mirrors: { 'docker.io': { endpoints: [], x: 1 } }, configs: { h: { cabundle: 'x', auth: { username: 'u' }, tls: {} } } })).toEqual([
      { severity: 'warning', path: ['mirrors', 'docker.io', 'endpoints'], message: 'mirrors.docker.io.endpoints is not a field of spec.rkeConfig.registries: the API drops it silently', fix: 'Rename it to endpoint.', params: { where: 'mirrors.docker.io.endpoints', guess: 'endpoint' }, variant: 'typo' },
      { severity: 'warning', path: ['mirrors', 'docker.io', 'x'], message: 'mirrors.docker.io.x is not a field of spec.rkeConfig.registries: the API drops it silently', fix: 'Remove it; the fields are endpoint, rewrite.', params: { where: 'mirrors.docker.io.x', known: 'endpoint, rewrite' }, variant: undefined },
      { severity: 'warning', path: ['configs', 'h', 'cabundle'], message: 'configs.h.cabundle is not a field of spec.rkeConfig.registries: the API drops it silently', fix: 'Rename it to caBundle.', params: { where: 'configs.h.cabundle', guess: 'caBundle' }, variant: 'typo' },
      { severity: 'error', path: ['configs', 'h', 'auth'], message: 'configs.h.auth is not a field of spec.rkeConfig.registries: the API drops it, and credentials never belong in the Cluster', fix: 'Put the credentials in a Secret of type rke.cattle.io/auth-config and name it in authConfigSecretName.', params: { where: 'configs.h.auth' }, variant: 'auth' },
      { severity: 'warning', path: ['configs', 'h', 'tls'], message: 'configs.h.tls is not a field of spec.rkeConfig.registries: the API drops it silently', fix: 'Remove it; the fields are authConfigSecretName, tlsSecretName, caBundle, insecureSkipVerify.', params: { where: 'configs.h.tls', known: 'authConfigSecretName, tlsSecretName, caBundle, insecureSkipVerify' }, variant: undefined },
    ]);
    // "auth" as a mirror key or a root key is an ordinary unknown field
    expect(unknown({ auth: 1 })[0].severity).toBe('warning');
    expect(unknown({ mirrors: { auth: { auth: 1 } } })[0]).toMatchObject({ severity: 'warning', path: ['mirrors', 'auth', 'auth'] });
  });
});

describe('what a Cluster config becomes on the node (Rancher\'s planner)', () => {
  it('Secrets by name, the planner\'s file paths per distro, skip-verify only when true', () => {
    const ca = b64(TEST_CA_PEM);
    const { registries, findings } = registriesFromCluster({ configs: {
      a: { authConfigSecretName: 'a-auth' },
      b: { tlsSecretName: 'b-tls', insecureSkipVerify: false },
      'c:5000': { caBundle: ca },
      d: { insecureSkipVerify: true },
      e: { insecureSkipVerify: false, authConfigSecretName: '', tlsSecretName: null, caBundle: '' },
      f: null,
      g: 'not a map',
      h: { authConfigSecretName: 7, insecureSkipVerify: 'true' },
    } }, 'k3s');
    expect(registries.configs).toEqual({
      a: { auth: { kind: 'secret', name: 'a-auth' } },
      b: { tls: { insecureSkipVerify: false, certFile: '/var/lib/rancher/k3s/etc/tls/registries/b/tls.crt', keyFile: '/var/lib/rancher/k3s/etc/tls/registries/b/tls.key' } },
      'c:5000': { tls: { insecureSkipVerify: false, caFile: '/var/lib/rancher/k3s/etc/tls/registries/c:5000/ca.crt' } },
      d: { tls: { insecureSkipVerify: true } },
      e: {},
      f: {},
      h: {},
    });
    expect(codes(findings)).toEqual(['FIELD_TYPE configs.g', 'FIELD_TYPE configs.h.authConfigSecretName', 'FIELD_TYPE configs.h.insecureSkipVerify']);
    expect(plannerTlsPath('rke2', 'r.example', 'ca.crt')).toBe('/var/lib/rancher/rke2/etc/tls/registries/r.example/ca.crt');
  });

  it('nothing, null and an empty map: no settings, no findings; configs: null is "not set"', () => {
    for (const raw of [undefined, null, {}, { configs: null, mirrors: null }]) expect(registriesFromCluster(raw, 'rke2')).toEqual({ registries: { mirrors: {}, configs: {} }, findings: [] });
  });

  it('a caBundle that is not a base64 PEM certificate is CA_BUNDLE_INVALID at its field', () => {
    const { findings } = registriesFromCluster({ configs: { r: { caBundle: 'not base64!' } } }, 'rke2');
    expect(findings).toEqual([{ code: 'CA_BUNDLE_INVALID', severity: 'error', path: ['configs', 'r', 'caBundle'], message: 'The CA bundle is not valid base64', fix: 'Paste the CA certificate as PEM (-----BEGIN CERTIFICATE----- …) in the form.', variant: 'base64' }]);
    const cli = registriesFromCluster({ configs: { r: { caBundle: 'x'.repeat(600 * 1024) } } }, 'rke2', { surface: 'cli' });
    expect(cli.findings).toEqual([{ code: 'CA_BUNDLE_INVALID', severity: 'error', path: ['configs', 'r', 'caBundle'], message: 'The CA bundle is 614,400 characters long; CA bundles over 512 KiB are refused', fix: 'Keep only the CA certificates that sign the registry certificate.', variant: 'tooLong', params: { length: '614,400', max: '512' } }]);
    expect(registriesFromCluster({ configs: { r: { caBundle: b64(TEST_CA_PEM) } } }, 'rke2').findings).toEqual([]);
  });
});

describe('caBundle: base64 of PEM certificates ([]byte in the Go API)', () => {
  it('each problem, with the fix for the form and for the CLI', () => {
    expect(caBundleProblem(b64(TEST_CA_PEM))).toBeUndefined();
    expect(caBundleProblem(TEST_CA_PEM)).toEqual({ message: 'The CA bundle is PEM text, but this field takes the PEM encoded as base64; Rancher would write garbage to the node', fix: 'Paste the PEM in the CA bundle field of the form (it encodes it), or base64-encode it.', variant: 'pem' });
    expect(caBundleProblem(TEST_CA_PEM, 'cli')).toEqual({ message: 'The CA bundle is PEM text, but this field takes the PEM encoded as base64; Rancher would write garbage to the node', fix: 'Put the PEM base64-encoded in caBundle (base64 -w0 ca.pem).', variant: 'pem.cli' });
    expect(caBundleProblem('abc')).toMatchObject({ variant: 'base64' });
    expect(caBundleProblem('abc', 'cli')).toEqual({ message: 'The CA bundle is not valid base64', fix: 'Base64-encode the CA certificate in PEM form (base64 -w0 ca.pem) and put that in caBundle.', variant: 'base64.cli' });
    expect(caBundleProblem(b64('hello'))).toEqual({ message: 'The CA bundle decodes to something that is not a PEM certificate', fix: 'Use the registry CA certificate in PEM form (-----BEGIN CERTIFICATE----- …).', variant: 'notPem' });
    // an END before the BEGIN does not close it
    expect(caBundleProblem(b64('-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMIIB\n'))).toMatchObject({ variant: 'notPem' });
    expect(caBundleProblem(b64('-----BEGIN CERTIFICATE-----\nMIIB\n'))).toMatchObject({ variant: 'notPem' });
    expect(caBundleProblem(b64(`${TEST_CA_PEM}-----BEGIN EC PRIVATE KEY-----\nMHc=\n-----END EC PRIVATE KEY-----\n`))).toEqual({ message: 'The CA bundle contains a private key; it would be written to every node', fix: 'Remove the private key: the CA bundle holds certificates only.', variant: 'privateKey' });
    // latin1, as Go's []byte: a byte over 0x7f does not stop the reading
    expect(caBundleProblem(b64(`\xff\xfe${TEST_CA_PEM}`))).toBeUndefined();
  });

  it('512 KiB is the most; one character more is refused before decoding', () => {
    const at = (n: number) => 'A'.repeat(n);
    expect(caBundleProblem(at(512 * 1024))).toMatchObject({ variant: 'notPem' });
    expect(caBundleProblem(at(512 * 1024 + 4))).toMatchObject({ variant: 'tooLong', message: 'The CA bundle is 524,292 characters long; CA bundles over 512 KiB are refused' });
  });
});

describe('the tab\'s preview limits (the CLI reads everything)', () => {
  it('more mirrors or configs than the preview handles: the first 2,000, and a finding', () => {
    const many = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`m${i}.example`, { endpoint: [] }]));
    const tab = registriesFromNode({ mirrors: many, configs: Object.fromEntries(Object.keys(many).map((k) => [k, {}])) });
    expect(Object.keys(tab.registries.mirrors)).toHaveLength(2000);
    expect(Object.keys(tab.registries.configs)).toHaveLength(2000);
    expect(tab.findings.map(({ code, path, message, params, variant }) => ({ code, path, message, params, variant }))).toEqual([
      { code: 'LIMIT_EXCEEDED', path: ['mirrors'], message: 'Mirrors: 2,001 is more than the 2,000 the preview handles; only the first 2,000 are previewed (nothing is removed from the settings)', params: { what: 'Mirrors', actual: '2,001', limit: '2,000' }, variant: 'count' },
      { code: 'LIMIT_EXCEEDED', path: ['configs'], message: 'Configs: 2,001 is more than the 2,000 the preview handles; only the first 2,000 are previewed (nothing is removed from the settings)', params: { what: 'Configs', actual: '2,001', limit: '2,000' }, variant: 'count' },
    ]);
    expect(tab.findings[0].fix).toBe('Split the settings, or remove entries that are not needed.');
    const cli = registriesFromNode({ mirrors: many }, { surface: 'cli' });
    expect([Object.keys(cli.registries.mirrors).length, cli.findings]).toEqual([2001, []]);
    const cluster = registriesFromCluster({ mirrors: many, configs: Object.fromEntries(Object.keys(many).map((k) => [k, null])) }, 'rke2');
    expect([Object.keys(cluster.registries.mirrors).length, Object.keys(cluster.registries.configs).length, codes(cluster.findings)]).toEqual([2000, 2000, ['LIMIT_EXCEEDED mirrors', 'LIMIT_EXCEEDED configs']]);
    const exactly = Object.fromEntries(Object.entries(many).slice(0, 2000));
    expect(registriesFromNode({ mirrors: exactly }).findings).toEqual([]);
  });

  it('a key over 2,048 characters is not previewed (tab); 2,048 is', () => {
    const long = `${'k'.repeat(2049)}`;
    const r = registriesFromNode({ mirrors: { [long]: {}, ['k'.repeat(2048)]: {} }, configs: { [long]: {} } });
    expect(Object.keys(r.registries.mirrors)).toEqual(['k'.repeat(2048)]);
    expect(r.registries.configs).toEqual({});
    expect(r.findings).toEqual([
      { code: 'LIMIT_EXCEEDED', severity: 'error', path: ['mirrors', `${'k'.repeat(40)}…`], message: 'A mirrors key is 2,049 characters long; the most is 2048, so it is not previewed', fix: 'Use the registry host name as the key.', params: { section: 'mirrors', length: '2,049', max: '2048' }, variant: 'keyLength' },
      { code: 'LIMIT_EXCEEDED', severity: 'error', path: ['configs', `${'k'.repeat(40)}…`], message: 'A configs key is 2,049 characters long; the most is 2048, so it is not previewed', fix: 'Use the registry host name as the key.', params: { section: 'configs', length: '2,049', max: '2048' }, variant: 'keyLength' },
    ]);
    expect(Object.keys(registriesFromNode({ mirrors: { [long]: {} } }, { surface: 'cli' }).registries.mirrors)).toEqual([long]);
    expect(codes(registriesFromCluster({ configs: { [long]: {} } }, 'rke2').findings)).toEqual([`LIMIT_EXCEEDED configs.${'k'.repeat(40)}…`]);
  });

  it('endpoints (100), an endpoint\'s length (2,048), rewrites (100), a pattern\'s or replacement\'s length (1,000)', () => {
    const endpoint = [...Array.from({ length: 100 }, (_, i) => `https://e${i}.example`), 'https://e100.example'];
    const r = registriesFromNode({ mirrors: { m: { endpoint } } });
    expect(r.registries.mirrors.m.endpoints).toHaveLength(100);
    expect(r.findings.map((f) => [f.path.join('.'), f.message])).toEqual([['mirrors.m.endpoint', 'Endpoints of m: 101 is more than the 100 the preview handles; only the first 100 are previewed (nothing is removed from the settings)']]);
    const longUrl = `https://h.example/${'p'.repeat(2031)}`;
    expect(longUrl).toHaveLength(2049);
    const e = registriesFromNode({ mirrors: { m: { endpoint: ['https://a.example', longUrl, longUrl.slice(0, 2048)] } } });
    expect(e.registries.mirrors.m.endpoints).toEqual(['https://a.example', longUrl.slice(0, 2048)]);
    expect(e.findings).toEqual([{ code: 'LIMIT_EXCEEDED', severity: 'error', path: ['mirrors', 'm', 'endpoint', 1], message: 'An endpoint is 2,049 characters long; the most is 2048, so it is not previewed', fix: 'Shorten the URL.', params: { length: '2,049', max: '2048' }, variant: 'nodeEndpointLength' }]);
    const rewrite = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`^p${i}/(.*)`, '$1']));
    const w = registriesFromNode({ mirrors: { m: { rewrite } } });
    expect(w.registries.mirrors.m.rewrites).toHaveLength(100);
    expect(w.findings.map((f) => f.message)).toEqual(['Rewrites of m: 101 is more than the 100 the preview handles; only the first 100 are previewed (nothing is removed from the settings)']);
    const p = 'a'.repeat(1001);
    const long = registriesFromNode({ mirrors: { m: { rewrite: { [p]: 'x', ok: 'b'.repeat(1001), fine: 'c'.repeat(1000), [`${'d'.repeat(1000)}`]: 'y' } } } });
    expect(long.registries.mirrors.m.rewrites).toEqual([['fine', 'c'.repeat(1000)], ['d'.repeat(1000), 'y']]);
    expect(long.findings).toEqual([
      { code: 'LIMIT_EXCEEDED', severity: 'error', path: ['mirrors', 'm', 'rewrite', 'a'.repeat(80)], message: 'A rewrite pattern or replacement is longer than 1000 characters; it is not previewed', fix: 'Shorten the pattern.', params: { max: '1000' }, variant: 'patternLength' },
      { code: 'LIMIT_EXCEEDED', severity: 'error', path: ['mirrors', 'm', 'rewrite', 'ok'], message: 'A rewrite pattern or replacement is longer than 1000 characters; it is not previewed', fix: 'Shorten the pattern.', params: { max: '1000' }, variant: 'patternLength' },
    ]);
    const cli = registriesFromNode({ mirrors: { m: { endpoint, rewrite: { [p]: 'x' } } } }, { surface: 'cli' });
    expect([cli.registries.mirrors.m.endpoints.length, cli.registries.mirrors.m.rewrites.length, cli.findings]).toEqual([101, 1, []]);
  });
});

describe('a node registries.yaml', () => {
  it('auth fields that are set, in the agent\'s order; credentials are noted, never kept', () => {
    const { registries, findings } = registriesFromNode({ configs: {
      a: { auth: { password: 'p', username: 'u' } },
      b: { auth: { identity_token: 'i', auth: 'YTpi', username: '' } },
      c: { auth: { username: '' } },
      d: { auth: null, tls: null },
      e: null,
      f: 'x',
      g: { auth: 'x', tls: 'y' },
    } });
    expect(registries.configs).toEqual({
      a: { auth: { kind: 'inline', fields: ['username', 'password'] } },
      b: { auth: { kind: 'inline', fields: ['auth', 'identity_token'] } },
      c: {},
      d: {},
      e: {},
      g: {},
    });
    expect(JSON.stringify(registries)).not.toMatch(/"p"|"u"|YTpi|"i"/);
    expect(codes(findings)).toEqual(['FIELD_TYPE configs.f', 'FIELD_TYPE configs.g.auth', 'FIELD_TYPE configs.g.tls']);
  });

  it('tls: each file when set and not empty; skip-verify only when true', () => {
    expect(registriesFromNode({ configs: { h: { tls: { ca_file: '/ca', cert_file: '', key_file: '/k', insecure_skip_verify: 'true' } }, i: { tls: { insecure_skip_verify: true } } } }).registries.configs).toEqual({
      h: { tls: { caFile: '/ca', certFile: undefined, keyFile: '/k', insecureSkipVerify: false } },
      i: { tls: { caFile: undefined, certFile: undefined, keyFile: undefined, insecureSkipVerify: true } },
    });
  });

  it('unknown fields at every level, "token" with its own fix; export placeholders left in place', () => {
    const { findings } = registriesFromNode({ mirror: {}, mirrors: { m: { endpoints: [] } }, configs: { h: { tsl: {}, auth: { token: 't', password: '<from Secret fleet-default/h-auth password>' }, tls: { ca: '/x' } } } });
    expect(findings.map(({ code, path, message, fix, params, variant, severity }) => ({ code, severity, path: path.join('.'), message, fix, params, variant }))).toEqual([
      { code: 'NODE_UNKNOWN_KEY', severity: 'warning', path: 'mirror', message: 'mirror is not a registries.yaml field: RKE2/K3s ignore it silently', fix: 'Remove mirror or correct its name.', params: { field: 'mirror' }, variant: undefined },
      { code: 'NODE_UNKNOWN_KEY', severity: 'warning', path: 'mirrors.m.endpoints', message: 'mirrors.m.endpoints is not a registries.yaml field: RKE2/K3s ignore it silently', fix: 'Remove mirrors.m.endpoints or correct its name.', params: { field: 'mirrors.m.endpoints' }, variant: undefined },
      { code: 'NODE_UNKNOWN_KEY', severity: 'warning', path: 'configs.h.tsl', message: 'configs.h.tsl is not a registries.yaml field: RKE2/K3s ignore it silently', fix: 'Remove configs.h.tsl or correct its name.', params: { field: 'configs.h.tsl' }, variant: undefined },
      { code: 'NODE_UNKNOWN_KEY', severity: 'warning', path: 'configs.h.auth.token', message: 'configs.h.auth.token is not a registries.yaml field: RKE2/K3s ignore it silently', fix: 'Use auth.identity_token, or username and password.', params: { field: 'configs.h.auth.token' }, variant: 'token' },
      { code: 'AUTH_PLACEHOLDER', severity: 'warning', path: 'configs.h.auth.password', message: 'configs.h.auth.password still holds the export\'s placeholder; the node would send it as the credential and the registry refuses it', fix: 'Put the value from the named Secret in its place on the node, or import the file into the Cluster (which keeps the Secret reference).', params: { where: 'configs.h.auth.password' }, variant: undefined },
      { code: 'NODE_UNKNOWN_KEY', severity: 'warning', path: 'configs.h.tls.ca', message: 'configs.h.tls.ca is not a registries.yaml field: RKE2/K3s ignore it silently', fix: 'Remove configs.h.tls.ca or correct its name.', params: { field: 'configs.h.tls.ca' }, variant: undefined },
    ]);
    // a placeholder needs the Secret's name; other angle-bracket text is a value
    expect(registriesFromNode({ configs: { h: { auth: { password: '<from Secret>', username: '<from Secret ns/n' } } } }).findings).toEqual([]);
  });

  it('a mirror that is null is a mirror without endpoints; one that is not a map is not read', () => {
    const r = registriesFromNode({ mirrors: { a: null, b: 'x', c: { endpoint: null, rewrite: null } } });
    expect(r.registries.mirrors).toEqual({ a: { endpoints: [], rewrites: [] }, c: { endpoints: [], rewrites: [] } });
    expect(codes(r.findings)).toEqual(['FIELD_TYPE mirrors.b']);
  });

  it('__proto__ as a registry key is an ordinary own key, in either shape', () => {
    const raw = JSON.parse('{"mirrors":{"__proto__":{"endpoint":["https://p.example"]}},"configs":{"__proto__":{"tls":{"insecure_skip_verify":true}}}}') as unknown;
    const n = registriesFromNode(raw);
    expect(Object.hasOwn(n.registries.mirrors, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(n.registries.mirrors, '__proto__')?.value).toEqual({ endpoints: ['https://p.example'], rewrites: [] });
    expect(Object.getOwnPropertyDescriptor(n.registries.configs, '__proto__')?.value).toMatchObject({ tls: { insecureSkipVerify: true } });
    const c = registriesFromCluster(JSON.parse('{"mirrors":{"__proto__":{"endpoint":["https://p.example"]}},"configs":{"__proto__":{"insecureSkipVerify":true}}}'), 'rke2');
    expect(Object.getOwnPropertyDescriptor(c.registries.mirrors, '__proto__')?.value).toEqual({ endpoints: ['https://p.example'], rewrites: [] });
    expect(Object.getOwnPropertyDescriptor(c.registries.configs, '__proto__')?.value).toEqual({ tls: { insecureSkipVerify: true } });
    expect(Object.getPrototypeOf(c.registries.configs)).toBe(Object.prototype);
  });
});

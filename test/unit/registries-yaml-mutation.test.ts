// registries.yaml ⇄ spec.rkeConfig.registries, at every branch, with expected texts
// written out by hand: the node file K3s reads (pkg/agent/templates Registry: mirrors
// endpoint/rewrite, configs auth {username, password, auth, identity_token} and tls
// {ca_file, cert_file, key_file, insecure_skip_verify}), Rancher's auth-config Secret keys
// (username, password, auth, identityToken), the planner's file paths
// (/var/lib/rancher/<distro>/etc/tls/registries/<host>/…) and DNS-1123 Secret names.
import { describe, expect, it } from 'vitest';
import {
  commentsOf, exportNodeRegistries, importNodeRegistries, isPlaceholder, readMarkers, readSecretKeys, registriesDocument, secretNameFor, secretsDocument, toYaml, type ImportOutcome, type ImportResult,
} from '../../src/features/registries-yaml';
import { parseYaml } from '../../src/input/parse-yaml';

const imp = (text: string, o: Partial<Parameters<typeof importNodeRegistries>[1]> = {}): ImportResult => {
  const r: ImportOutcome = importNodeRegistries(text, { namespace: 'fleet-default', distro: 'rke2', mode: 'replace', ...o });
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('toYaml: YAML the node reads back as written (1.1)', () => {
  it('quotes what YAML 1.1 would read as another type, and a << key (a merge key otherwise)', () => {
    expect(toYaml({ '<<': 'x', a: 'yes', b: '0x1F', c: 'on', d: 'plain', e: ['n'] })).toBe('!!str "<<": x\na: "yes"\nb: "0x1F"\nc: "on"\nd: plain\ne:\n  - "n"\n');
    const back = parseYaml(toYaml({ '<<': { a: 1 }, x: 'true' }));
    expect(back).toEqual({ ok: true, value: { '<<': { a: '1' }, x: 'true' } });
  });

  it('long lines are not folded', () => {
    const long = `https://m.example/${'p'.repeat(200)}`;
    expect(toYaml({ e: long })).toBe(`e: ${long}\n`);
  });
});

describe('secretNameFor: a DNS-1123 name per host, unique in the namespace', () => {
  it('lower case, runs of other characters as one -, no - at the ends; * is "wildcard"; nothing left is "host"', () => {
    const taken = new Set<string>();
    expect(secretNameFor('Docker.IO', 'My Cluster', taken)).toBe('my-cluster-registry-auth-docker-io');
    expect(secretNameFor('reg.example:5000', undefined, taken)).toBe('registry-auth-reg-example-5000');
    expect(secretNameFor('*', 'c', taken)).toBe('c-registry-auth-wildcard');
    expect(secretNameFor('[::1]', '', taken)).toBe('registry-auth-1');
    expect(secretNameFor('::', '--X--', taken)).toBe('x-registry-auth-host');
    expect(taken).toEqual(new Set(['my-cluster-registry-auth-docker-io', 'registry-auth-reg-example-5000', 'c-registry-auth-wildcard', 'registry-auth-1', 'x-registry-auth-host']));
  });

  it('a name taken gets -2, -3 …; at most 240 characters before the suffix', () => {
    const taken = new Set(['registry-auth-a', 'registry-auth-a-2']);
    expect(secretNameFor('a', undefined, taken)).toBe('registry-auth-a-3');
    expect(secretNameFor('a', undefined, taken)).toBe('registry-auth-a-4');
    const long = secretNameFor('h'.repeat(300), undefined, new Set());
    expect(long).toBe(`registry-auth-${'h'.repeat(240 - 'registry-auth-'.length)}`);
  });
});

describe('readMarkers: the export\'s marker comments under each configs entry', () => {
  it('host → key → value, only inside configs, only after a host line', () => {
    const text = [
      'mirrors:',
      '  docker.io:',
      '    # registry-mirrors: authConfigSecretName not-this-one',
      'configs: # the configs',
      '  # registry-mirrors: caBundle before-any-host',
      '  "reg.example:5000":',
      '    # registry-mirrors: authConfigSecretName reg-auth',
      '    #registry-mirrors:caBundle QUJD',
      '    tls:',
      '      # registry-mirrors: tlsSecretName nested-is-still-reg',
      '',
      '  other.example: {}',
      '    # registry-mirrors: tlsSecretName other-tls extra words',
      'other:',
      '  # registry-mirrors: caBundle after-configs',
      '',
    ].join('\r\n');
    expect(Object.fromEntries(readMarkers(text))).toEqual({
      'reg.example:5000': { authConfigSecretName: 'reg-auth', caBundle: 'QUJD', tlsSecretName: 'nested-is-still-reg' },
      'other.example': { tlsSecretName: 'other-tls' },
    });
  });

  it('a configs line with a value, or a second configs section, starts over', () => {
    expect(readMarkers('configs: {}\n  h:\n    # registry-mirrors: caBundle x\n').size).toBe(0);
    expect(Object.fromEntries(readMarkers("configs:\n  'h1':\n    # registry-mirrors: caBundle a\nconfigs:\n  h2: # c\n    # registry-mirrors: caBundle b\n"))).toEqual({ h1: { caBundle: 'a' }, h2: { caBundle: 'b' } });
  });
});

describe('importNodeRegistries', () => {
  it('refuses what is not a map, and passes YAML errors on with their position', () => {
    expect(importNodeRegistries('- a\n', { namespace: 'n', distro: 'k3s', mode: 'merge' })).toEqual({ ok: false, error: 'registries.yaml must be a map with mirrors and configs' });
    expect(importNodeRegistries('mirrors: [\n', { namespace: 'n', distro: 'k3s', mode: 'merge' })).toMatchObject({ ok: false, line: expect.any(Number), column: expect.any(Number) });
    expect(imp('')).toMatchObject({ registries: { mirrors: {}, configs: {} }, findings: [] });
  });

  it('credentials in keys and endpoints stay out, each an error at its field; a fragment is no query', () => {
    const r = imp([
      'mirrors:',
      '  "u:pw-k@bad.example": {endpoint: [https://x.example]}',
      '  docker.io:',
      '    endpoint:',
      '      - https://ok.example',
      '      - https://tok.example/v2?token=t-1',
      '      - https://u:pw-e@cred.example',
      '      - 7',
      '      - https://frag.example/#x',
      '    rewrite: {"^a/(.*)": "b/$1", "^c": 5}',
      '  plain.example: "not a map"',
      'configs:',
      '  "u:pw-c@conf.example": {}',
      '  skipped.example: 5',
      '',
    ].join('\n'));
    expect(r.registries).toEqual({
      // the node reads 7 and 5 into string fields as the text written
      mirrors: { 'docker.io': { endpoint: ['https://ok.example', '7', 'https://frag.example/#x'], rewrite: { '^a/(.*)': 'b/$1', '^c': '5' } }, 'plain.example': {} },
      configs: {},
    });
    const f = r.findings.filter((x) => x.code !== 'FIELD_TYPE').map(({ code, path, message, fix, variant }) => ({ code, path, message, fix, variant }));
    expect(f).toEqual([
      { code: 'KEY_CREDENTIALS', path: ['mirrors', 'xxxxx@bad.example'], message: 'The mirrors key "xxxxx@bad.example" holds credentials (user:password@); it is not imported', fix: 'Key it by the registry host[:port] and put the credentials in configs.<host>.auth (they become a Secret).', variant: undefined },
      { code: 'ENDPOINT_CREDENTIALS', path: ['mirrors', 'docker.io', 'endpoint', 1], message: 'Endpoint "https://tok.example/v2?xxxxx" has a query, which may hold a token; it is not imported (containerd drops queries anyway)', fix: 'Remove the ?… part; put credentials in a registry config with an auth Secret for this host.', variant: 'importQuery' },
      { code: 'ENDPOINT_CREDENTIALS', path: ['mirrors', 'docker.io', 'endpoint', 2], message: 'Endpoint "https://xxxxx@cred.example" carries credentials; it is not imported (they would be written in clear text to every node)', fix: 'Remove user:password@ from the URL and add a registry config with an auth Secret for this host.', variant: 'import' },
      { code: 'KEY_CREDENTIALS', path: ['configs', 'xxxxx@conf.example'], message: 'The configs key "xxxxx@conf.example" holds credentials (user:password@); it is not imported', fix: 'Key it by the registry host[:port] and put the credentials in configs.<host>.auth (they become a Secret).', variant: undefined },
    ].filter((x) => f.some((y) => y.message === x.message)));
    expect(f).toHaveLength(4);
    expect(JSON.stringify(r)).not.toMatch(/pw-k|pw-e|pw-c|t-1/);
  });

  it('inline auth becomes an auth-config Secret with Rancher\'s key names; empty fields are not credentials', () => {
    const r = imp('configs:\n  a.example:\n    auth: {username: u, password: p, auth: "", identity_token: it}\n  b.example:\n    auth: {username: ""}\n  c.example:\n    auth: {auth: YTpi}\n', { clusterName: 'prod', namespace: 'team', takenSecretNames: ['prod-registry-auth-c-example'] });
    expect(r.secrets).toEqual([
      { name: 'prod-registry-auth-a-example', namespace: 'team', type: 'rke.cattle.io/auth-config', host: 'a.example', keys: ['username', 'password', 'identityToken'] },
      { name: 'prod-registry-auth-c-example-2', namespace: 'team', type: 'rke.cattle.io/auth-config', host: 'c.example', keys: ['auth'] },
    ]);
    expect(r.secretData).toEqual({ 'prod-registry-auth-a-example': { username: 'u', password: 'p', identityToken: 'it' }, 'prod-registry-auth-c-example-2': { auth: 'YTpi' } });
    expect(r.registries.configs).toEqual({ 'a.example': { authConfigSecretName: 'prod-registry-auth-a-example' }, 'b.example': {}, 'c.example': { authConfigSecretName: 'prod-registry-auth-c-example-2' } });
  });

  it('an exported file comes back with its Secret references and CA bundle (markers, else the placeholder\'s Secret name)', () => {
    const r = imp([
      'configs:',
      '  m.example:',
      '    # registry-mirrors: authConfigSecretName marked-auth',
      '    # registry-mirrors: caBundle QUJD',
      '    # registry-mirrors: tlsSecretName marked-tls',
      '    auth: {username: "<from Secret ns/placeholder-auth key username>"}',
      '    tls: {ca_file: /var/lib/rancher/rke2/etc/tls/registries/m.example/ca.crt, cert_file: /c, key_file: /k, insecure_skip_verify: true}',
      '  p.example:',
      '    auth: {password: "<from Secret other-ns/p-auth key password>"}',
      '',
    ].join('\n'));
    expect(r.registries.configs).toEqual({
      'm.example': { authConfigSecretName: 'marked-auth', caBundle: 'QUJD', tlsSecretName: 'marked-tls', insecureSkipVerify: true },
      'p.example': { authConfigSecretName: 'p-auth' },
    });
    expect([r.secrets, r.missing, r.findings]).toEqual([[], [], []]);
  });

  it('node file paths cannot move into a Cluster: each is listed as missing with what to do', () => {
    const r = imp('configs:\n  h.example:\n    tls: {ca_file: /etc/ca.pem, cert_file: "", key_file: /etc/k.pem, insecure_skip_verify: false}\n  i.example:\n    tls: {cert_file: /etc/c.pem, key_file: /etc/k2.pem}\n');
    expect(r.missing).toEqual([
      { host: 'h.example', field: 'caBundle', nodePath: '/etc/ca.pem', message: 'ca_file /etc/ca.pem is a path on the node: the Cluster needs the CA certificate (PEM) of h.example itself, as caBundle' },
      { host: 'h.example', field: 'tlsSecretName', nodePath: '/etc/k.pem', message: 'cert_file/key_file are paths on the node: choose or create a kubernetes.io/tls Secret with the client certificate for h.example' },
      { host: 'i.example', field: 'tlsSecretName', nodePath: '/etc/c.pem', message: 'cert_file/key_file are paths on the node: choose or create a kubernetes.io/tls Secret with the client certificate for i.example' },
    ]);
    expect(r.registries.configs).toEqual({ 'h.example': {}, 'i.example': {} });
  });

  it('merge keeps what the file does not name and the fields it does not know; replace says what it removes; changes as data', () => {
    const existing = { extra: 1, mirrors: { 'a.example': { endpoint: ['https://a'], future: true }, 'b.example': { endpoint: ['https://b'] }, 'c.example': { endpoint: ['https://c'] } }, configs: { 'a.example': { tlsSecretName: 't' } } };
    const text = 'mirrors:\n  a.example: {endpoint: [https://a2]}\n  b.example: {endpoint: [https://b]}\n  d.example: {}\nconfigs:\n  a.example: {}\n';
    const m = imp(text, { existing, mode: 'merge' });
    expect(m.registries).toEqual({
      extra: 1,
      mirrors: { 'a.example': { endpoint: ['https://a2'], future: true }, 'b.example': { endpoint: ['https://b'] }, 'c.example': { endpoint: ['https://c'] }, 'd.example': {} },
      configs: { 'a.example': { tlsSecretName: 't' } },
    });
    expect(m.changes).toEqual({ added: [{ section: 'mirrors', key: 'd.example' }], changed: [{ section: 'mirrors', key: 'a.example' }, { section: 'configs', key: 'a.example' }], removed: [] });
    const r = imp(text, { existing, mode: 'replace' });
    expect(r.registries).toEqual({ mirrors: { 'a.example': { endpoint: ['https://a2'] }, 'b.example': { endpoint: ['https://b'] }, 'd.example': {} }, configs: { 'a.example': {} } });
    expect(r.changes.removed).toEqual([{ section: 'mirrors', key: 'c.example' }]);
    expect(existing.mirrors['a.example']).toEqual({ endpoint: ['https://a'], future: true });
    expect(imp(text, { existing: 'x', mode: 'merge' }).changes.added).toHaveLength(4);
  });
});

describe('exportNodeRegistries', () => {
  const spec = {
    mirrors: { 'docker.io': { endpoint: ['https://u:pw-x@m.example/v2?t=1', 'https://m2.example', 3], rewrite: { '^(.*)$': 'lib/$1' } }, 'u:p@h.example': 'x' },
    configs: { 'm.example': { authConfigSecretName: 'm-auth', caBundle: 'QUJD\nREVG', tlsSecretName: 'm-tls', insecureSkipVerify: true }, bare: {}, 'x.example': { authConfigSecretName: 'x-auth', insecureSkipVerify: false, caBundle: '', tlsSecretName: '' }, bad: 'x' },
  };

  it('the node file, with marked placeholders, the planner\'s paths, no credential, comments carried', () => {
    const comments = commentsOf('# top comment\n\nmirrors:\n  # about docker\n  docker.io: {}\nconfigs:\n  # about m\n  m.example: {}\n# end comment\n', []);
    expect(exportNodeRegistries(spec, { namespace: 'ns', distro: 'rke2', secretKeys: { 'm-auth': ['identityToken', 'other'] }, comments })).toBe([
      '# registries.yaml exported by registry-mirrors from spec.rkeConfig.registries.',
      '# Values in <angle brackets> are placeholders: the credentials stay in their Kubernetes Secrets.',
      '# Lines starting with "registry-mirrors:" let an import restore the Secret references.',
      '',
      '# top comment',
      '',
      'mirrors:',
      '  # about docker',
      '  docker.io:',
      '    endpoint:',
      '      - https://xxxxx@m.example/v2?xxxxx',
      '      - https://m2.example',
      '      - 3',
      '    rewrite:',
      '      ^(.*)$: lib/$1',
      '  xxxxx@h.example: {}',
      'configs:',
      '  # about m',
      '  m.example:',
      '    # registry-mirrors: authConfigSecretName m-auth',
      '    # registry-mirrors: caBundle QUJDREVG',
      '    # registry-mirrors: tlsSecretName m-tls',
      '    auth:',
      '      identity_token: <from Secret ns/m-auth key identityToken>',
      '    tls:',
      '      ca_file: /var/lib/rancher/rke2/etc/tls/registries/m.example/ca.crt',
      '      cert_file: /var/lib/rancher/rke2/etc/tls/registries/m.example/tls.crt',
      '      key_file: /var/lib/rancher/rke2/etc/tls/registries/m.example/tls.key',
      '      insecure_skip_verify: true',
      '  bare: {}',
      '  x.example:',
      '    # registry-mirrors: authConfigSecretName x-auth',
      '    auth:',
      '      username: <from Secret ns/x-auth key username>',
      '      password: <from Secret ns/x-auth key password>',
      '',
      '# end comment',
      '',
    ].join('\n'));
  });

  it('nothing to export: the header only; a key that needs quotes is quoted', () => {
    expect(exportNodeRegistries(null, { namespace: 'n', distro: 'k3s' })).toBe('# registries.yaml exported by registry-mirrors from spec.rkeConfig.registries.\n# Values in <angle brackets> are placeholders: the credentials stay in their Kubernetes Secrets.\n# Lines starting with "registry-mirrors:" let an import restore the Secret references.\n\n');
    expect(exportNodeRegistries({ mirrors: {}, configs: { '*': {}, yes: { insecureSkipVerify: true } } }, { namespace: 'n', distro: 'k3s' }).split('\n').slice(4)).toEqual(['configs:', '  "*": {}', '  "yes":', '    tls:', '      insecure_skip_verify: true', '']);
  });

  it('round trip: export then import gives the spec back (credentials by reference)', () => {
    const clean = { mirrors: { 'docker.io': { endpoint: ['https://m2.example'], rewrite: { '^(.*)$': 'lib/$1' } } }, configs: { 'm.example': { authConfigSecretName: 'm-auth', caBundle: 'QUJDREVG', tlsSecretName: 'm-tls', insecureSkipVerify: true } } };
    const text = exportNodeRegistries(clean, { namespace: 'ns', distro: 'k3s' });
    expect(imp(text).registries).toEqual(clean);
    expect(isPlaceholder('<from Secret ns/m-auth key username>')).toBe(true);
    expect(isPlaceholder('<from Secret>')).toBe(false);
    expect(isPlaceholder(5)).toBe(false);
  });
});

describe('comments, Secret manifests, Secret keys', () => {
  it('commentsOf: before it all, per entry (on its key, beside it, before its map), after it all; the export\'s own lines left out', () => {
    const c = commentsOf([
      '# registries.yaml exported by registry-mirrors from spec.rkeConfig.registries.',
      '# kept on top',
      'mirrors:',
      '  # section comment on the first entry',
      '  a.example: # beside a',
      '    endpoint: [x]',
      '  b.example:',
      '    # before b\'s map',
      '    endpoint: [y]',
      'configs:',
      '  c.example:',
      '    # registry-mirrors: caBundle QUJD',
      '    # a real comment',
      '    tls: {}',
      '# at the end',
      '',
    ].join('\n'), []);
    expect(c.top).toBe(' kept on top');
    expect(c.end).toBe(' at the end');
    expect(Object.fromEntries(c.entries)).toEqual({
      'mirrors\u0000a.example': ' section comment on the first entry\n beside a',
      'mirrors\u0000b.example': ' before b\'s map',
      'configs\u0000c.example': ' a real comment',
    });
    expect(commentsOf('mirrors: [\n', [])).toEqual({ entries: new Map() });
    expect(commentsOf('spec:\n  registries:\n    mirrors:\n      # here\n      a: {}\n', ['spec', 'registries']).entries.get('mirrors\u0000a')).toBe(' here');
    expect(commentsOf('- a\n', ['x']).entries.size).toBe(0);
  });

  it('registriesDocument carries the node file\'s comments into the Cluster\'s registries', () => {
    const source = '# about the file\nmirrors:\n  # the hub\n  docker.io: {endpoint: [https://m.example]}\n# bye\n';
    expect(registriesDocument(imp(source), source)).toBe('# about the file\n\nregistries:\n  mirrors:\n    # the hub\n    docker.io:\n      endpoint:\n        - https://m.example\n  configs: {}\n\n# bye\n');
  });

  it('secretsDocument: one manifest per Secret, --- between; readSecretKeys reads back names and keys, never values', () => {
    const r = imp('configs:\n  a.example: {auth: {username: u, password: pw-s}}\n  b.example: {auth: {identity_token: tok-s}}\n');
    const doc = secretsDocument(r);
    expect(doc).toBe([
      'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: registry-auth-a-example', '  namespace: fleet-default', 'type: rke.cattle.io/auth-config', 'stringData:', '  username: u', '  password: pw-s',
      '---',
      'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: registry-auth-b-example', '  namespace: fleet-default', 'type: rke.cattle.io/auth-config', 'stringData:', '  identityToken: tok-s', '',
    ].join('\n'));
    expect(readSecretKeys(doc)).toEqual({ ok: true, keys: { 'registry-auth-a-example': ['username', 'password'], 'registry-auth-b-example': ['identityToken'] } });
    expect(readSecretKeys('kind: List\nitems:\n- {kind: Secret, metadata: {name: s}, data: {a: x}, stringData: {a: y, b: z}}\n- {kind: ConfigMap, metadata: {name: c}}\n- {kind: Secret, metadata: {}}\n- {kind: Secret, metadata: {name: t}}\n')).toEqual({ ok: true, keys: { s: ['a', 'b'], t: [] } });
    expect(readSecretKeys('kind: Secret\nmetadata: [\n')).toMatchObject({ ok: false, line: expect.any(Number), column: expect.any(Number), error: expect.not.stringMatching(/ at line /) });
    expect(JSON.stringify(readSecretKeys(doc))).not.toMatch(/pw-s|tok-s/);
  });
});

// registry-route convert, run in this process through main() (cli-pipelines.test.ts and
// cli-roundtrip.test.ts run the built bin/ as a child process, which mutation testing cannot
// see). Expected texts are written by hand from the README's CLI section ("Converting between
// registries.yaml and the Cluster spec", the exit codes), from the expectations of the
// child-process tests (Secret names `<cluster>-registry-auth-<host>`, placeholders
// `<from Secret NS/NAME key KEY>`, the planner's TLS paths) and from the option rules of
// `registry-route help` (each direction takes its own options).
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli as run } from './cli-run';
import { convertInputKind } from '../../src/cli/convert';

// standard input ('-') as a pipe would give it: fd 0 reads `stdin.text` (every other read is the real file system)
const stdin = vi.hoisted(() => ({ text: '' }));
vi.mock('node:fs', async(importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((p: unknown, ...rest: unknown[]) => (p === 0 ? Buffer.from(stdin.text) : (fs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest))) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

const dir = mkdtempSync(join(tmpdir(), 'rr-convert-'));
let n = 0;
function file(text: string) {
  const p = join(dir, `f${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}
const lines = (s: string) => s.split('\n').filter((l) => l !== '');

const RKE2_TLS = '/var/lib/rancher/rke2/etc/tls/registries';
const K3S_TLS = '/var/lib/rancher/k3s/etc/tls/registries';
const NO_DISTRO_NOTE = "note: no --distro, --distro-version or kubernetesVersion names the distribution: TLS paths are written as RKE2's planner writes them; add --distro k3s for K3s";
const authNote = (count: number) => `note: ${count} auth Secret(s) written as username/password placeholders; give --secrets FILE (the Secret manifests) for their real keys (auth, identityToken)`;

/** A provisioning Cluster around `registries` (indented under spec.rkeConfig). */
function clusterYaml(registries: string, opts: { namespace?: string; version?: string } = {}) {
  const meta = opts.namespace ? `metadata: {name: c, namespace: ${opts.namespace}}\n` : 'metadata: {name: c}\n';
  const version = opts.version ? `  kubernetesVersion: ${opts.version}\n` : '';
  const body = registries.split('\n').map((l) => (l ? `      ${l}` : l)).join('\n');
  return `apiVersion: provisioning.cattle.io/v1\nkind: Cluster\n${meta}spec:\n${version}  rkeConfig:\n    registries:\n${body}`;
}

describe('convertInputKind: what convert takes a parsed document for', () => {
  const cluster = { apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', metadata: { name: 'c' }, spec: { rkeConfig: {} } };
  it.each([
    ['an empty file (null)', null, 'node'],
    ['nothing (undefined)', undefined, 'node'],
    ['a string', 'mirrors', 'other'],
    ['a number', 42, 'other'],
    ['a list', [{ mirrors: {} }], 'other'],
    ['a provisioning Cluster', cluster, 'cluster'],
    ['a List holding a provisioning Cluster', { kind: 'List', items: [cluster] }, 'cluster'],
    ['a List without a provisioning Cluster', { kind: 'List', items: [{ kind: 'ConfigMap' }] }, 'other'],
    ['an RKE1 (management.cattle.io) Cluster', { apiVersion: 'management.cattle.io/v3', kind: 'Cluster', spec: {} }, 'other'],
    ['{registries: ...} (what --to cluster writes)', { registries: { mirrors: {} } }, 'registries'],
    ['registries beside mirrors (a node file with a stray key)', { registries: {}, mirrors: {} }, 'node'],
    ['registries beside configs (a node file with a stray key)', { registries: {}, configs: {} }, 'node'],
    ['a node file', { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } } }, 'node'],
    ['an empty map', {}, 'node'],
    ['bare spec.rkeConfig.registries: authConfigSecretName', { configs: { 'r.example.com': { authConfigSecretName: 's' } } }, 'registries'],
    ['bare spec.rkeConfig.registries: tlsSecretName only', { configs: { 'r.example.com': { tlsSecretName: 't' } } }, 'registries'],
    ['bare spec.rkeConfig.registries: caBundle in the second entry, a null first entry', { configs: { 'a.example.com': null, 'r.example.com': { caBundle: 'x' } } }, 'registries'],
    ['bare spec.rkeConfig.registries: insecureSkipVerify', { configs: { 'r.example.com': { insecureSkipVerify: true } } }, 'registries'],
    ['node configs: auth', { configs: { 'r.example.com': { auth: { username: 'u' } } } }, 'node'],
    ['node configs: tls', { configs: { 'r.example.com': { tls: { insecure_skip_verify: true } } } }, 'node'],
    ['both field names (tls on one host, caBundle on another): the node file', { configs: { 'a.example.com': { tls: {} }, 'r.example.com': { caBundle: 'x' } } }, 'node'],
    ['configs that is a list', { configs: [{ authConfigSecretName: 's' }] }, 'node'],
  ])('%s → %s', (_what, value, kind) => {
    expect(convertInputKind(value)).toBe(kind);
  });
});

describe('convert: options and input that are refused (exit 2, one line naming the fix)', () => {
  const node = file('mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n');
  it.each([
    ['no --to', ['convert', node], 'convert needs --to cluster or --to node'],
    ['no FILE', ['convert', '--to', 'cluster'], 'convert needs exactly one FILE (- for stdin)'],
    ['two FILEs', ['convert', '--to', 'cluster', node, node], 'convert needs exactly one FILE (- for stdin)'],
    ['--secrets with --to cluster', ['convert', '--to', 'cluster', '--secrets', node, node], '--secrets applies to --to node (--to cluster writes Secrets with --secrets-out)'],
    ['--secrets-out with --to node', ['convert', '--to', 'node', '--secrets-out', join(dir, 'never.yaml'), node], '--secrets-out applies to --to cluster'],
    ['--cluster-name with --to node', ['convert', '--to', 'node', '--cluster-name', 'prod', node], '--cluster-name applies to --to cluster'],
    ['--force with --to node', ['convert', '--to', 'node', '--force', node], '--force applies to --to cluster'],
    ['a file that does not exist', ['convert', '--to', 'cluster', join(dir, 'absent.yaml')], `cannot read ${join(dir, 'absent.yaml')}: no such file or directory`],
  ])('%s', (_what, args, message) => {
    const r = run(args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `registry-route: ${message}\n`]);
  });

  it('a YAML error names file:line:column', () => {
    const f = file('mirrors:\n  docker.io: [\n');
    const r = run(['convert', '--to', 'cluster', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^registry-route: ${f}:\\d+:\\d+: \\S`));
    expect(lines(r.stderr)).toHaveLength(1);
  });

  it.each(['cluster', 'node'])('--to %s: a YAML error names file:line:column, not the kind of document', (to) => {
    const f = file('mirrors:\n\tdocker.io: {}\n');
    const r = run(['convert', '--to', to, f]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(new RegExp(`^registry-route: ${f}:2:\\d+: \\S[^\\n]*\\n$`));
  });

  it('- reads standard input, and messages call it stdin', () => {
    stdin.text = 'mirrors:\n\tdocker.io: {}\n';
    const bad = run(['convert', '--to', 'cluster', '-']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^registry-route: stdin:2:\d+: \S/);
    stdin.text = 'mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n';
    expect(run(['convert', '--to', 'node', '-'])).toEqual({ code: 2, stdout: '', stderr: "registry-route: stdin is a node registries.yaml already (mirrors/configs in the node's field names); convert it with --to cluster\n" });
    const ok = run(['convert', '--to', 'cluster', '-']);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toContain('- https://m.example.com');
  });

  it('--secrets - and FILE - both: stdin is read once; the message names the Secrets file', () => {
    stdin.text = clusterYaml('configs:\n  r.example.com: {authConfigSecretName: s}\n');
    expect(run(['convert', '--to', 'node', '--secrets', '-', '-'])).toEqual({ code: 2, stdout: '', stderr: "registry-route: stdin ('-') can be read only once; give the Secrets file as a file\n" });
  });

  it.each(['cluster', 'node'])('--to %s of a document that is no registries.yaml, Cluster or {registries: ...}', (to) => {
    const scalar = file('just some text\n');
    expect(run(['convert', '--to', to, scalar])).toEqual({ code: 2, stdout: '', stderr: `registry-route: ${scalar}: not a registries.yaml, a Cluster or {registries: ...}\n` });
  });

  it('an RKE1 Cluster: the reason says which Cluster to give instead', () => {
    const rke1 = file('apiVersion: management.cattle.io/v3\nkind: Cluster\nspec: {}\n');
    const r = run(['convert', '--to', 'node', rke1]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`registry-route: ${rke1}: an RKE1 (management.cattle.io) Cluster; its private registries are not RKE2/K3s registries – give a provisioning.cattle.io/v1 Cluster or a registries.yaml\n`);
  });

  it('--to node of a node registries.yaml (an empty one too) says to use --to cluster', () => {
    for (const f of [node, file('')]) {
      expect(run(['convert', '--to', 'node', f])).toEqual({ code: 2, stdout: '', stderr: `registry-route: ${f} is a node registries.yaml already (mirrors/configs in the node's field names); convert it with --to cluster\n` });
    }
  });

  it('--to cluster of a Cluster says to use --to node', () => {
    const c = file(clusterYaml('mirrors: {}\n'));
    expect(run(['convert', '--to', 'cluster', c])).toEqual({ code: 2, stdout: '', stderr: `registry-route: ${c} is a Cluster manifest; convert it with --to node (--to cluster reads a node registries.yaml)\n` });
  });

  it.each([
    ['{registries: ...}', 'registries:\n  mirrors:\n    docker.io:\n      endpoint: [https://m.example.com]\n'],
    ['bare spec.rkeConfig.registries', 'configs:\n  r.example.com:\n    authConfigSecretName: s\n'],
  ])('--to cluster of %s says to use --to node', (_what, text) => {
    const f = file(text);
    expect(run(['convert', '--to', 'cluster', f])).toEqual({ code: 2, stdout: '', stderr: `registry-route: ${f} holds spec.rkeConfig.registries (as --to cluster writes it); convert it with --to node\n` });
  });

  it('a --secrets file with a YAML error names file:line:column and writes nothing', () => {
    const c = file(clusterYaml('configs:\n  r.example.com: {authConfigSecretName: s}\n'));
    const bad = file('kind: Secret\nmetadata: [\n');
    const r = run(['convert', '--to', 'node', '--secrets', bad, c]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^registry-route: ${bad}:\\d+:\\d+: \\S`));
  });
});

describe('convert --to node: what the node file says', () => {
  const registries = 'mirrors:\n  # hub\n  docker.io:\n    endpoint: [https://m.example.com]\nconfigs:\n  m.example.com:\n    authConfigSecretName: s1\n    tlsSecretName: t1\n';

  it('a Cluster: its namespace in the placeholders, RKE2 TLS paths with a note, the comment, both notes; exit 0', () => {
    const r = run(['convert', '--to', 'node', file(clusterYaml(registries, { namespace: 'team' }))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  # hub\n  docker.io:\n    endpoint:\n      - https://m.example.com\n');
    expect(r.stdout).toContain('      username: <from Secret team/s1 key username>\n      password: <from Secret team/s1 key password>\n');
    expect(r.stdout).toContain(`      cert_file: ${RKE2_TLS}/m.example.com/tls.crt\n      key_file: ${RKE2_TLS}/m.example.com/tls.key\n`);
    expect(lines(r.stderr)).toEqual([NO_DISTRO_NOTE, authNote(1)]);
  });

  it('a Cluster without a namespace: --namespace, else fleet-default', () => {
    const c = file(clusterYaml(registries));
    expect(run(['convert', '--to', 'node', c]).stdout).toContain('username: <from Secret fleet-default/s1 key username>');
    expect(run(['convert', '--to', 'node', '--namespace', 'other', c]).stdout).toContain('username: <from Secret other/s1 key username>');
  });

  it('a Cluster with no metadata and no spec, or a spec without rkeConfig: an empty node file, exit 0', () => {
    for (const text of ['apiVersion: provisioning.cattle.io/v1\nkind: Cluster\n', 'apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nspec:\n  kubernetesVersion: v1.31.6+rke2r1\n']) {
      const r = run(['convert', '--to', 'node', file(text)]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).not.toMatch(/^(mirrors|configs):/m);
      expect(r.stdout).toMatch(/^# /);
    }
  });

  it.each([
    ['{registries: ...}', `registries:\n${registries.replace(/^/gm, '  ')}`],
    ['bare spec.rkeConfig.registries', registries],
  ])('%s: --namespace in the placeholders and the comment travels', (_what, text) => {
    const r = run(['convert', '--to', 'node', '--namespace', 'team', file(text)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  # hub\n  docker.io:\n    endpoint:\n      - https://m.example.com\n');
    expect(r.stdout).toContain('username: <from Secret team/s1 key username>');
    expect(r.stdout).toContain(`cert_file: ${RKE2_TLS}/m.example.com/tls.crt`);
    expect(lines(r.stderr)).toEqual([NO_DISTRO_NOTE, authNote(1)]);
  });

  it('a Cluster inside a List: converted; comments come only from a Cluster at the top of the file', () => {
    const list = `kind: List\nitems:\n- ${clusterYaml(registries, { namespace: 'team' }).replace(/\n/g, '\n  ').trimEnd()}\nspec:\n  rkeConfig:\n    registries:\n      mirrors:\n        # not the cluster's\n        docker.io: {}\n`;
    const r = run(['convert', '--to', 'node', file(list)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('docker.io:\n    endpoint:\n      - https://m.example.com\n');
    expect(r.stdout).toContain('username: <from Secret team/s1 key username>');
    expect(r.stdout).not.toContain('# not the cluster');
  });

  it.each([
    ['kubernetesVersion of K3s', [], { version: 'v1.31.6+k3s1' }, K3S_TLS],
    ['kubernetesVersion of RKE2', [], { version: 'v1.31.6+rke2r1' }, RKE2_TLS],
    ['--distro k3s', ['--distro', 'k3s'], {}, K3S_TLS],
    ['--distro rke2', ['--distro', 'rke2'], {}, RKE2_TLS],
    ['--distro-version of K3s over the Cluster’s RKE2 version', ['--distro-version', 'v1.32.3+k3s1'], { version: 'v1.32.3+rke2r1' }, K3S_TLS],
  ])('%s: its TLS paths, and no note about the distribution', (_what, args, opts, paths) => {
    const r = run(['convert', '--to', 'node', ...args, file(clusterYaml('configs:\n  r.example.com: {tlsSecretName: t}\n', opts))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`cert_file: ${paths}/r.example.com/tls.crt`);
    expect(r.stderr).toBe('');
  });

  it('no TLS Secret: no note about the distribution', () => {
    const r = run(['convert', '--to', 'node', file(clusterYaml('mirrors:\n  docker.io: {endpoint: [https://m.example.com]}\n'))]);
    expect([r.code, r.stderr]).toEqual([0, '']);
  });

  it('counts the auth Secrets whose keys are unknown: --secrets names their keys; empty or non-text names are no Secrets', () => {
    const regs = 'configs:\n  a.example.com: {authConfigSecretName: sa}\n  b.example.com: {authConfigSecretName: sb}\n  c.example.com: {authConfigSecretName: ""}\n  d.example.com: {authConfigSecretName: 5}\n  e.example.com: {insecureSkipVerify: true}\n  f.example.com: null\n';
    const c = file(clusterYaml(regs, { namespace: 'team', version: 'v1.31.6+rke2r1' }));
    const plain = run(['convert', '--to', 'node', c]);
    expect(plain.code).toBe(0);
    expect(lines(plain.stderr)).toEqual([authNote(2)]);
    const secrets = file('apiVersion: v1\nkind: Secret\nmetadata: {name: sa, namespace: team}\ntype: rke.cattle.io/auth-config\nstringData:\n  auth: x\n');
    const known = run(['convert', '--to', 'node', '--secrets', secrets, c]);
    expect(known.code).toBe(0);
    expect(known.stdout).toContain('auth: <from Secret team/sa key auth>');
    expect(known.stdout).toContain('username: <from Secret team/sb key username>');
    expect(lines(known.stderr)).toEqual([authNote(1)]);
    const both = file(`${readFileSync(secrets, 'utf8')}---\napiVersion: v1\nkind: Secret\nmetadata: {name: sb, namespace: team}\ndata:\n  identityToken: eA==\n`);
    const all = run(['convert', '--to', 'node', '--secrets', both, c]);
    expect(all.stdout).toContain('identity_token: <from Secret team/sb key identityToken>');
    expect(all.stderr).toBe('');
  });

  it('configs that is not a map: nothing to count, no note', () => {
    const r = run(['convert', '--to', 'node', file(clusterYaml('configs:\n- {authConfigSecretName: s}\n', { version: 'v1.31.6+rke2r1' }))]);
    expect([r.code, r.stderr]).toEqual([0, '']);
  });
});

describe('convert --to cluster: the spec, the Secrets and what is left out', () => {
  const SECRET = 'Pw0rd9';
  const node = `# top\nmirrors:\n  # hub\n  docker.io:\n    endpoint: ["https://m.example.com"]\nconfigs:\n  m.example.com:\n    auth: {username: robot, password: ${SECRET}}\n    tls: {cert_file: /etc/c.crt, key_file: /etc/c.key}\n`;

  it('inline credentials become a named Secret reference; the node paths are listed as missing; exit 0', () => {
    const r = run(['convert', '--to', 'cluster', '--cluster-name', 'prod', '--namespace', 'team', file(node)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('# top\n\nregistries:\n  mirrors:\n    # hub\n    docker.io:\n      endpoint:\n        - https://m.example.com\n  configs:\n    m.example.com:\n      authConfigSecretName: prod-registry-auth-m-example-com\n');
    const err = lines(r.stderr);
    expect(err[0]).toBe('note: Secret team/prod-registry-auth-m-example-com (rke.cattle.io/auth-config) holds the credentials of m.example.com (keys: username, password)');
    expect(err[1]).toMatch(/^missing: configs\.m\.example\.com\.tlsSecretName: cert_file\/key_file are paths on the node/);
    expect(err[2]).toBe('note: credential values are not printed; add --secrets-out FILE to write the Secret manifests');
    expect(err).toHaveLength(3);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('--secrets-out writes the Secret manifests with mode 0600; an existing file only with --force', () => {
    const out = join(dir, 'secrets.yaml');
    const src = file(node);
    const r = run(['convert', '--to', 'cluster', '--secrets-out', out, src]);
    expect(r.code).toBe(0);
    expect(lines(r.stderr).at(-1)).toBe(`note: wrote 1 Secret manifest(s) to ${out} (mode 0600)`);
    expect(r.stderr).not.toContain('credential values are not printed');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('kind: Secret\n');
    expect(written).toContain('name: registry-auth-m-example-com\n  namespace: fleet-default\n');
    expect(written).toContain('type: rke.cattle.io/auth-config\n');
    expect(written).toContain(`password: ${SECRET}\n`);

    writeFileSync(out, 'mine\n');
    const again = run(['convert', '--to', 'cluster', '--secrets-out', out, src]);
    expect([again.code, again.stdout]).toEqual([2, '']);
    expect(again.stderr).toBe(`registry-route: ${out} exists; nothing was written (add --force to replace it)\n`);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    const forced = run(['convert', '--to', 'cluster', '--force', '--secrets-out', out, src]);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(written);
  });

  it('--secrets-out with no credentials to write: no file, no note', () => {
    const out = join(dir, 'no-secrets.yaml');
    const r = run(['convert', '--to', 'cluster', '--secrets-out', out, file('mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n')]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^registries:\n/);
    expect(() => statSync(out)).toThrow(/ENOENT/);
  });

  it('no credentials: the spec only, nothing on stderr, no Secret note', () => {
    const r = run(['convert', '--to', 'cluster', file('mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n')]);
    expect(r).toEqual({ code: 0, stdout: 'registries:\n  mirrors:\n    docker.io:\n      endpoint:\n        - https://m.example.com\n  configs: {}\n', stderr: '' });
  });

  it('an empty node file: an empty spec, exit 0', () => {
    const r = run(['convert', '--to', 'cluster', file('')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^registries:\n/);
    expect(r.stderr).toBe('');
  });

  it('a warning is printed at its field and does not fail the conversion', () => {
    const r = run(['convert', '--to', 'cluster', file('mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n    bogus: 1\n')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- https://m.example.com');
    const err = lines(r.stderr);
    expect(err[0]).toMatch(/^ {2}warning NODE_UNKNOWN_KEY mirrors\.docker\.io\.bogus: \S/);
    expect(err[1]).toMatch(/^ {10}fix: Remove mirrors\.docker\.io\.bogus/);
    expect(err).toHaveLength(2);
  });

  it('an error that is no credential: printed, exit 1, no word about credentials', () => {
    const r = run(['convert', '--to', 'cluster', file('mirrors:\n  docker.io:\n    endpoint: "https://m.example.com"\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ {2}error {3}FIELD_TYPE mirrors\.docker\.io\.endpoint: .*must be a list/);
    expect(r.stderr).not.toContain('credentials');
  });

  it.each([
    ['an endpoint with user info', 'mirrors:\n  docker.io:\n    endpoint: ["https://bob:Pw0rd9@m.example.com"]\n', 1, 'ENDPOINT_CREDENTIALS mirrors.docker.io.endpoint[0]'],
    ['an endpoint with a query', 'mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com/?token=Pw0rd9"]\n', 1, 'ENDPOINT_CREDENTIALS mirrors.docker.io.endpoint[0]'],
    ['a configs key with user info', 'configs:\n  "bob:Pw0rd9@m.example.com":\n    tls: {insecure_skip_verify: true}\n', 1, 'KEY_CREDENTIALS configs.xxxxx@m.example.com'],
    ['both', 'mirrors:\n  docker.io:\n    endpoint: ["https://bob:Pw0rd9@m.example.com"]\n  "bob:Pw0rd9@q.example.com":\n    endpoint: ["https://q.example.com"]\n', 2, 'KEY_CREDENTIALS mirrors.xxxxx@q.example.com'],
  ])('credentials in %s: an error at the field, left out of the spec, counted; exit 1', (_what, text, count, finding) => {
    const f = file(text);
    const r = run(['convert', '--to', 'cluster', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^registries:\n/);
    expect(r.stdout).not.toContain('example.com');
    expect(r.stderr).toContain(`  error   ${finding}: `);
    expect(lines(r.stderr).at(-1)).toBe(`registry-route: ${f}: credentials in ${count} URL(s) or key(s) were left out of the spec (move them to configs.<host>.auth, which becomes a Secret)`);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('user info anywhere else in the spec (a rewrite): nothing is converted, exit 1', () => {
    const f = file('mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n    rewrite:\n      "^(.*)": "https://bob:Pw0rd9@x.example.com/$1"\n');
    expect(run(['convert', '--to', 'cluster', f])).toEqual({
      code: 1,
      stdout: '',
      stderr: `registry-route: ${f}: an endpoint or key holds user info or a query (a token?); nothing was converted (remove it; credentials go in configs.<host>.auth)\n`,
    });
  });
});

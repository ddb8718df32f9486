// One credential sweep: a distinct password planted in every field that can hold
// one, and every text the engine and the CLI produce scanned for all of them.
// The expectation is the rule itself (GUIDE "Security"): a credential appears in
// none of these texts; the only place a credential may be written is the Secret
// manifest file `convert --secrets-out` writes (mode 0600), and only the values of
// the node file's auth fields, never a password lifted from a URL.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compile,
  decodeScenario,
  encodeScenario,
  exportNodeRegistries,
  importNodeRegistries,
  nodeFiles,
  redactText,
  resolveRoute,
  sampleImages,
  saveDiff,
  settingsFromCluster,
  settingsFromNodeValue,
  shareableCluster,
  type Compiled,
} from '../../src';
import { main } from '../../src/cli/main';

// each planted value is unique, so a hit says which field leaked
const PW = {
  endpointUserinfo: 'PwEndpoint1x',
  endpointUserOnly: 'PwTokenUser2x',
  endpointQuery: 'PwQuery3x',
  endpointNoScheme: 'PwNoScheme4x',
  mirrorKey: 'PwMirrorKey5x',
  configKey: 'PwConfigKey6x',
  sdr: 'PwSdr7x',
  authPassword: 'PwAuthPassword8x',
  authAuth: 'PwAuthAuth9x',
  identityToken: 'PwIdentity10x',
  wildcardEndpoint: 'PwWildcard11x',
  rewriteMirrorEndpoint: 'PwRewrite12x',
} as const;
const URL_PASSWORDS = [PW.endpointUserinfo, PW.endpointUserOnly, PW.endpointQuery, PW.endpointNoScheme, PW.mirrorKey, PW.configKey, PW.sdr, PW.wildcardEndpoint, PW.rewriteMirrorEndpoint];
const AUTH_PASSWORDS = [PW.authPassword, PW.authAuth, PW.identityToken];
const ALL = [...URL_PASSWORDS, ...AUTH_PASSWORDS];

const mirrors = {
  'docker.io': { endpoint: [`https://admin:${PW.endpointUserinfo}@mirror.example.com:5000/v2`, `https://${PW.endpointUserOnly}@mirror2.example.com`, `https://mirror3.example.com/v2?token=${PW.endpointQuery}`] },
  'ghcr.io': { endpoint: [`bob:${PW.endpointNoScheme}@ghcr-mirror.example.com`] },
  [`u:${PW.mirrorKey}@quay.io`]: { endpoint: ['https://quay-mirror.example.com'] },
  'gcr.io': { endpoint: [`https://u:${PW.rewriteMirrorEndpoint}@gcr-mirror.example.com`], rewrite: { '^(.*)$': 'cache/$1' } },
  '*': { endpoint: [`https://all:${PW.wildcardEndpoint}@all.example.com`] },
};
const nodeValue = {
  mirrors,
  configs: {
    'mirror.example.com:5000': { auth: { username: 'admin', password: PW.authPassword, auth: PW.authAuth, identity_token: PW.identityToken } },
    [`u:${PW.configKey}@reg.example.com`]: { tls: { insecure_skip_verify: true } },
  },
};
const nodeYaml = JSON.stringify(nodeValue, null, 2); // JSON is YAML
const clusterValue = {
  apiVersion: 'provisioning.cattle.io/v1',
  kind: 'Cluster',
  metadata: { name: 'prod', namespace: 'fleet-default' },
  spec: {
    kubernetesVersion: 'v1.32.3+rke2r1',
    rkeConfig: {
      machineGlobalConfig: { 'system-default-registry': `sdr:${PW.sdr}@registry.example.com` },
      registries: {
        mirrors,
        configs: {
          'mirror.example.com:5000': { authConfigSecretName: 'mirror-auth' },
          [`u:${PW.configKey}@reg.example.com`]: { insecureSkipVerify: true },
        },
      },
    },
  },
};
const IMAGES = ['nginx', 'ghcr.io/a/b:1', 'quay.io/x/y:2', 'gcr.io/p/q:3', 'registry.example.com/r:1', 'rancher/rancher-agent:v2.13.0'];

function leaks(where: string, text: string, secrets: readonly string[] = ALL): string[] {
  return secrets.filter((s) => text.includes(s)).map((s) => `${s} in ${where}: …${text.slice(Math.max(0, text.indexOf(s) - 50), text.indexOf(s) + s.length + 10).replace(/\n/g, '⏎')}…`);
}

function engineTexts(c: Compiled, spec: unknown, namespace: string): Record<string, string> {
  const t: Record<string, string> = {};
  // a finding's path names the field it points at (a key the user wrote); its message and fix may not show it
  t.findings = JSON.stringify(c.findings.map((f) => [f.code, f.message, f.fix]));
  t['hosts.toml'] = c.hostsFiles.map((f) => f.text).join('\n');
  for (const context of ['workload', 'system'] as const) {
    t[`routes (${context})`] = JSON.stringify(IMAGES.map((i) => resolveRoute(c, i, { context })).map((r) => ({ ...r, findings: r.findings.map((f) => [f.code, f.message, f.fix]) })));
  }
  t['sample images'] = JSON.stringify(sampleImages(c.settings));
  if (spec === undefined) return t;
  // the tab's tool panels, for a Cluster's spec.rkeConfig.registries
  t['node files'] = JSON.stringify(nodeFiles(c, spec, namespace));
  const empty = compile(settingsFromNodeValue({}).settings);
  t['save diff (add)'] = JSON.stringify(saveDiff({}, spec, empty, c, IMAGES));
  t['save diff (remove)'] = JSON.stringify(saveDiff(spec, {}, c, empty, IMAGES));
  return t;
}

const dir = mkdtempSync(join(tmpdir(), 'rr-sweep-'));
const nodeFile = join(dir, 'registries.yaml');
const clusterFile = join(dir, 'cluster.yaml');
writeFileSync(nodeFile, nodeYaml);
writeFileSync(clusterFile, JSON.stringify(clusterValue, null, 2));

function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(args, { write: (s: string) => { stdout += s; return true; } } as never, { write: (s: string) => { stderr += s; return true; } } as never);
  return { code, text: `${stdout}\n${stderr}` };
}

function filesBelow(root: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(`${p}\n${readFileSync(p, 'utf8')}`);
    }
  };
  walk(root);
  return out.join('\n');
}

describe('credential sweep: a password in every field, no password in any output', () => {
  it('the planted file really reaches the engine (else the sweep proves nothing)', () => {
    const s = settingsFromNodeValue(nodeValue);
    expect(s.settings.registries.mirrors['docker.io'].endpoints).toHaveLength(3);
    expect(Object.keys(s.settings.registries.configs)).toContain(`u:${PW.configKey}@reg.example.com`);
    const c = settingsFromCluster(clusterValue);
    expect(c.settings.systemDefaultRegistry).toBe(`sdr:${PW.sdr}@registry.example.com`);
  });

  it('engine, node registries.yaml: findings, hosts.toml, routes, sample images', () => {
    const s = settingsFromNodeValue(nodeValue);
    const c = compile(s.settings, s.findings);
    const found = Object.entries(engineTexts(c, undefined, 'fleet-default')).flatMap(([w, t]) => leaks(w, t));
    expect(found).toEqual([]);
  });

  it('engine, Cluster: findings, hosts.toml, routes (SDR with user info), node files, save diff', () => {
    const s = settingsFromCluster(clusterValue);
    const c = compile(s.settings, s.findings);
    const found = Object.entries(engineTexts(c, clusterValue.spec.rkeConfig.registries, 'fleet-default')).flatMap(([w, t]) => leaks(w, t));
    expect(found).toEqual([]);
  });

  it('export of the spec, and import of the node file (all but the Secret data kept in memory)', () => {
    const exported = exportNodeRegistries(clusterValue.spec.rkeConfig.registries, { namespace: 'fleet-default', distro: 'rke2' });
    const imported = importNodeRegistries(nodeYaml, { namespace: 'fleet-default', clusterName: 'prod', distro: 'rke2', mode: 'replace' });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    // what the tab shows of an import: the Secrets to create, what is missing, findings, the keys it changes
    // (registries is the new spec value itself: its endpoints carry ENDPOINT_CREDENTIALS findings)
    const { secretData, registries: _spec, ...shown } = imported;
    // the auth values go to the Secret data, and only there
    expect(Object.values(secretData)).toEqual([{ username: 'admin', password: PW.authPassword, auth: PW.authAuth, identityToken: PW.identityToken }]);
    expect([...leaks('export', exported), ...leaks('import result', JSON.stringify(shown))]).toEqual([]);
  });

  it('links: the Cluster a link carries, the link itself and what it opens to (issue 18)', async() => {
    // a link is made of the shareable Cluster only; the tab shows what was removed by count
    const { text, removed } = shareableCluster(clusterValue);
    expect(removed.userInfo).toBeGreaterThan(0);
    const link = await encodeScenario(text);
    const opened = await decodeScenario(link);
    expect(opened).toEqual({ ok: true, text });
    expect([...leaks('shareable Cluster', text), ...leaks('link', link), ...leaks('removed counts', JSON.stringify(removed))]).toEqual([]);
    // the Secret reference stays by name: the link still says where the credential lives
    expect(text).toContain('authConfigSecretName: mirror-auth');
  });

  it('CLI: route text and JSON, both contexts, node file and Cluster', () => {
    const found: string[] = [];
    for (const file of [nodeFile, clusterFile]) {
      for (const extra of [[], ['--json'], ['--context', 'system'], ['--context', 'system', '--json']]) {
        const r = cli(['--registries', file, ...extra, ...IMAGES]);
        found.push(...leaks(`route ${extra.join(' ')} ${file}`, r.text));
      }
      const r = cli(['--registries', file, '--context', 'system', '--system-default-registry', `x:${PW.sdr}@other.example.com`, 'rancher/x:1']);
      found.push(...leaks('route --system-default-registry', r.text));
    }
    expect(found).toEqual([]);
  });

  it('CLI: hosts-dir (output and every file written)', () => {
    const found: string[] = [];
    for (const [name, file] of [['node', nodeFile], ['cluster', clusterFile]]) {
      const out = mkdtempSync(join(dir, `hd-${name}-`));
      const r = cli(['hosts-dir', '--registries', file, out]);
      found.push(...leaks(`hosts-dir ${name} output`, r.text), ...leaks(`hosts-dir ${name} files`, filesBelow(out)));
    }
    expect(found).toEqual([]);
  });

  it('CLI: convert both ways; --secrets-out holds the auth values and nothing lifted from a URL', () => {
    const toNode = cli(['convert', '--to', 'node', clusterFile]);
    expect(toNode.code).toBe(0);
    const secretsOut = join(dir, 'secrets.yaml');
    const toCluster = cli(['convert', '--to', 'cluster', '--cluster-name', 'prod', '--secrets-out', secretsOut, nodeFile]);
    // credentials in URLs are error findings (left out of the spec): exit 1
    expect(toCluster.code).toBe(1);
    const written = readFileSync(secretsOut, 'utf8');
    expect(statSync(secretsOut).mode & 0o777).toBe(0o600);
    expect(AUTH_PASSWORDS.filter((p) => !written.includes(p))).toEqual([]);
    expect([...leaks('convert --to node', toNode.text), ...leaks('convert --to cluster', toCluster.text), ...leaks('--secrets-out file', written, URL_PASSWORDS)]).toEqual([]);
  });
});

describe('redactText: the rule the previews and exports apply (expected texts written by hand)', () => {
  it.each([
    ['      - https://admin:pw@mirror.example.com/v2', '      - https://xxxxx@mirror.example.com/v2'],
    ['      - bob:pw@mirror.example.com', '      - xxxxx@mirror.example.com'],
    ['  u:pw@quay.io:', '  xxxxx@quay.io:'],
    ['  "u:pw@quay.io": {}', '  "xxxxx@quay.io": {}'],
    ['      - https://mirror.example.com/v2?token=abc&x=1', '      - https://mirror.example.com/v2?xxxxx'],
    ['[https://a:b@h.example.com, c:d@i.example.com]', '[https://xxxxx@h.example.com, xxxxx@i.example.com]'],
    // no credential: unchanged
    ['      - https://mirror.example.com:5000/v2', '      - https://mirror.example.com:5000/v2'],
    ['    "^library/(.*)$": "hub/$1"', '    "^library/(.*)$": "hub/$1"'],
    ['      ca_file: /etc/ssl/ca.pem', '      ca_file: /etc/ssl/ca.pem'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
  it('stays linear on 300 kB of "//a" with no "?" (a regex from every // to a ? took minutes: the test timeout catches it)', () => {
    const text = '//a'.repeat(100_000);
    expect(redactText(text)).toBe(text);
    expect(redactText(`${text}?q`)).toBe(`${text}?xxxxx`);
  });
});

// The engine returns each finding's code, text variant and placeholder values; the tab
// words it from l10n (registryMirrors.finding.<code>[.<variant>]) in the dashboard's
// language. This holds the two together: every finding below, formatted from en-us.yaml
// with its params, is exactly the engine's English message and fix (which the CLI
// prints), and every finding text in en-us.yaml is reached by at least one finding.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { caExpiryFindings, checkSecretRefs, compile, FINDING_CODES, importNodeRegistries, resolveRoute, settingsFromCluster, settingsFromNodeValue, type Finding, type RouteSettings } from '../../src';
import { compileNode } from './helpers';

/** the translation files: registryMirrors.finding.<code>[.<variant>].message / .fix */
type L10n = { registryMirrors: { finding: Record<string, any> } };

const EN = (yaml.load(fs.readFileSync(path.resolve(__dirname, '../../pkg/registry-mirrors/l10n/en-us.yaml'), 'utf8')) as L10n).registryMirrors.finding;
const ZH = (yaml.load(fs.readFileSync(path.resolve(__dirname, '../../pkg/registry-mirrors/l10n/zh-hans.yaml'), 'utf8')) as L10n).registryMirrors.finding;

/** the l10n id of a finding's texts, as the tab builds it */
export const textId = (f: Finding) => (f.variant ? `${f.code}.${f.variant}` : f.code);
const lookup = (root: any, id: string) => id.split('.').reduce((o, k) => (o ? o[k] : undefined), root);
const fmt = (msg: string, params: Record<string, string | number> = {}, locale = 'en-us') => new IntlMessageFormat(msg, locale).format(params) as string;

/** every text id in en-us: the objects with a message */
function textIds(node: any, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries<any>(node)) {
    if (v && typeof v === 'object') {
      const id = prefix ? `${prefix}.${k}` : k;
      if (typeof v.message === 'string') out.push(id);
      out.push(...textIds(v, id));
    }
  }
  return out;
}

const hub = (endpoint: string[], rest = {}) => ({ mirrors: { 'docker.io': { endpoint, ...rest } } });
const CASES: Array<{ value: unknown; base?: Partial<RouteSettings>; images?: string[] }> = [
  { value: hub(['', ' https://a.example.com', 'http://[::1', 'ftp://m.example.com', 'https://m.example.com:99999', 'https://m_x', 'https://u:p@m.example.com', 'https://m.example.com/?x=1', 'm.example.com:5000', 'http://m.example.com', 'https://m.example.com', 'https://m.example.com', `https://${'a'.repeat(2050)}.com`]) },
  { value: hub(['https://registry-1.docker.io', 'https://m.example.com'], { rewrite: { '(?=x)': 'y', '\\1': 'z', '^a"b': 'c', '^library/(.*)': 'a/$1', '^(.*)$': 'b/$1' } }), images: ['nginx'] },
  { value: { mirrors: { 'registry-1.docker.io': { endpoint: ['https://m.example.com'] }, myregistry: { endpoint: ['https://m.example.com'] }, 'quay.io': { rewrite: { '^a': 'b' } }, '': {}, 'a b': {}, 'http://x.example.com': {}, 'x.example.com/p': {}, 'u@x.example.com': {}, 'x.example.com:0': {}, '-bad-': {}, [`${'a'.repeat(300)}`]: {} } } },
  { value: { mirrors: { '*': { endpoint: ['https://m.example.com'] }, 'ghcr.io': {} }, configs: { '*': { tls: { ca_file: '/x' }, auth: { username: 'u', password: 'p' } } } }, base: { version: 'v1.32.2+k3s1' }, images: ['nginx'] },
  { value: { mirrors: { '*': { endpoint: ['https://m.example.com'] } } }, base: { version: undefined, runtime: 'k3s-fork' } },
  { value: { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] }, 'quay.io': { endpoint: ['https://q.example.com'] } }, configs: { 'docker.io': {}, 'm.example.com:443': {}, 'z.example.com': { tls: { insecure_skip_verify: true } }, 'https://c.example.com': {}, 'http://': {} } }, base: { disableDefaultEndpoint: true }, images: ['nginx', 'quay.io/a/b'] },
  { value: { mirrors: { 'gcr.io': { endpoint: ['not a url'] } } }, base: { disableDefaultEndpoint: true } },
  { value: { mirrors: { 'docker.io': { endpoint: 'x' } }, configs: { 'a.example.com': { auth: { token: 't', bogus: 1 }, tls: { nope: 1 } } }, extra: 1 } },
  { value: {}, images: ['nginx'] },
  { value: hub(['https://m.example.com']), base: { disableDefaultEndpoint: true } },
  { value: {}, base: { systemDefaultRegistry: 'registry.example.com' } },
  { value: {}, base: { systemDefaultRegistry: 'registry.example.com/hub' } },
  { value: hub(['https://m.example.com'], { rewrite: { '^library/(.*)': 'a/$1', '^(.*)$': 'b/$1' } }), images: ['nginx'] },
  { value: hub(['https://m.example.com'], { rewrite: { '^x/(.*)$': '', '^y/(.*)$': 'b/$2', '^z/(?P<app>.*)$': 'c/${name}' } }), images: ['x/app:1'] },
  { value: { mirrors: { 'docker.io': {} } }, base: { embeddedRegistry: true } },
  { value: { configs: { '*': { tls: { insecure_skip_verify: true } } } } },
  { value: { mirrors: { '*': { endpoint: ['https://airgap.example.com'] } }, configs: { 'quay.io': { tls: { ca_file: '/q.pem' } } } }, base: { disableDefaultEndpoint: true } },
  { value: { configs: { 'm.example.com': { auth: { username: '<from Secret ns/s key username>' } } } } },
  // the registries themselves of the wrong type; an endpoint on localhost without scheme
  { value: ['a'] },
  { value: hub(['localhost:5000', '127.0.0.1:443']) },
  // empty path segments: no /v2 at all, or a path kept as written
  { value: hub(['https://m.example.com//', 'https://m.example.com/a//b']) },
  // Docker Hub straight, with the credentials of a docker.io config
  { value: { configs: { 'docker.io': { auth: { username: 'u', password: 'p' } } } }, base: { version: 'v1.32.7+rke2r1' }, images: ['nginx'] },
];

/** The CLI's wording (files and the command line, no form): `surface: 'cli'`. */
const CLI_CASES: Array<{ value: unknown; base?: Partial<RouteSettings> }> = [{ value: hub(['']) }];

function engineFindings(): Finding[] {
  const out: Finding[] = [];
  for (const c of CASES) {
    const compiled = compileNode(c.value, c.base);
    out.push(...compiled.findings);
    for (const image of c.images ?? []) out.push(...resolveRoute(compiled, image).findings);
  }
  // cluster manifests: schema, limits, CA bundles, system-default-registry
  const cluster = (registries: unknown, extra: Record<string, unknown> = {}) => ({ apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', metadata: { name: 'c', namespace: 'fleet-default' }, spec: { kubernetesVersion: 'v1.31.6+rke2r1', rkeConfig: { registries, machineGlobalConfig: extra } } });
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const many = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`m${i}.example.com`, { endpoint: [] }]));
  for (const c of [
    cluster({ mirrors: 'x' }),
    cluster({ mirrors: { 'a.example.com': { endpoint: [1] } } }),
    cluster({ configs: { 'a.example.com': { caBundle: pem }, 'b.example.com': { caBundle: '%%%' }, 'c.example.com': { caBundle: btoa('hello') }, 'd.example.com': { caBundle: btoa(`${pem}-----BEGIN PRIVATE KEY-----\n`) }, 'e.example.com': { caBundle: 'A'.repeat(600 * 1024) } } }),
    cluster({ mirrors: many }),
    cluster({ mirrors: { [`${'k'.repeat(2100)}.example.com`]: {}, 'r.example.com': { endpoint: [`https://${'e'.repeat(2100)}.com`], rewrite: { ['p'.repeat(1100)]: 'x' } } } }),
    cluster({}, { 'system-default-registry': 'https://r.example.com' }),
  ]) {
    const s = settingsFromCluster(c);
    const compiled = compile(s.settings, s.findings);
    out.push(...compiled.findings, ...resolveRoute(compiled, 'nginx', { context: 'system' }).findings);
  }
  out.push(...resolveRoute(compileNode({}), 'NGINX:::').findings);
  // an image that is fine with a system-default-registry that is not; a valid one that makes the system name too long
  out.push(...resolveRoute(compileNode({}, { systemDefaultRegistry: 'https://r.example.com' }), 'nginx', { context: 'system' }).findings);
  out.push(...resolveRoute(compileNode({}, { systemDefaultRegistry: 'r.example.com/abcdefghijklmnop' }), 'a'.repeat(231), { context: 'system' }).findings);
  for (const c of CLI_CASES) {
    const n = settingsFromNodeValue(c.value, c.base, { surface: 'cli' });
    out.push(...compile(n.settings, n.findings, { surface: 'cli' }).findings);
  }
  out.push(...settingsFromCluster(cluster({ configs: { 'b.example.com': { caBundle: '%%%' }, 'p.example.com': { caBundle: pem } } }), { surface: 'cli' }).findings);
  // machineSelectorConfig with selectors, unknown keys in the Cluster's registries
  const selective = (pools: unknown[]) => ({ spec: { rkeConfig: { machinePools: pools, machineSelectorConfig: [{ machineLabelSelector: { matchLabels: { site: 'edge' } }, config: { 'embedded-registry': true } }] } } });
  out.push(...settingsFromCluster(selective([{ name: 'edge', labels: { site: 'edge' } }])).findings, ...settingsFromCluster(selective([])).findings);
  out.push(...settingsFromCluster({ spec: { rkeConfig: { registries: { extra: 1, mirrors: { 'docker.io': { endpoints: [] } }, configs: { 'a.example.com': { auth: {} } } } } } }).findings);
  // an import: credentials in keys and endpoints are not imported
  const imported = importNodeRegistries('mirrors:\n  u:p@m.example.com: {}\n  docker.io:\n    endpoint: [https://u:p@m.example.com, "https://q.example.com/?token=t"]\n', { namespace: 'ns', distro: 'rke2', mode: 'replace' });
  if (imported.ok) out.push(...imported.findings);
  // CA bundles that expired, or expire soon
  const airgap = yaml.load(fs.readFileSync(path.resolve(__dirname, '../../assets/samples/airgap-rke2-v1.31.6.yaml'), 'utf8')) as { spec: { rkeConfig: { registries: unknown } } };
  out.push(...caExpiryFindings(airgap.spec.rkeConfig.registries, Date.parse('2040-01-01')), ...caExpiryFindings(airgap.spec.rkeConfig.registries, Date.parse('2027-01-01'), 365 * 20));
  // settings built in code (not parsed): the engine's own length check of an endpoint
  const base = compileNode({}).settings;
  out.push(...compile({ ...base, registries: { mirrors: { 'docker.io': { endpoints: [`https://${'e'.repeat(2100)}.com`], rewrites: [] } }, configs: {} } }).findings);
  out.push(...checkSecretRefs({ configs: { a: { authConfigSecretName: 'ns/x' }, b: { authConfigSecretName: 'gone' }, c: { authConfigSecretName: 'far' }, d: { tlsSecretName: 'wrong' } } }, 'fleet-default', [
    { name: 'far', namespace: 'other', type: 'kubernetes.io/basic-auth' }, { name: 'wrong', namespace: 'fleet-default', type: 'Opaque' },
  ]));
  return out;
}

describe('finding texts in l10n', () => {
  const found = engineFindings();

  it('every finding formats from en-us.yaml to exactly the engine English', () => {
    const wrong: string[] = [];
    for (const f of found) {
      const t = lookup(EN, textId(f));
      if (!t || typeof t.message !== 'string') {
        wrong.push(`${textId(f)}: no text in en-us.yaml (${f.message})`);
        continue;
      }
      const message = fmt(t.message, f.params);
      const fix = fmt(t.fix, f.params);
      if (message !== f.message) wrong.push(`${textId(f)} message:\n  l10n:   ${message}\n  engine: ${f.message}`);
      if (fix !== f.fix) wrong.push(`${textId(f)} fix:\n  l10n:   ${fix}\n  engine: ${f.fix}`);
    }
    // a new finding (or a reworded one): add registryMirrors.finding.<CODE>[.<variant>].message/.fix
    // to pkg/registry-mirrors/l10n/en-us.yaml AND zh-hans.yaml, and pass the values of its
    // placeholders as the params of finding() (src/route/finding-codes.ts)
    expect(wrong.join('\n'), 'finding texts missing or different in en-us.yaml (see the comment above)').toBe('');
  });

  it('every finding text of en-us.yaml is used, and every code has texts', () => {
    const used = new Set(found.map(textId));
    expect(textIds(EN).filter((id) => !used.has(id))).toEqual([]);
    expect(Object.keys(FINDING_CODES).filter((code) => !lookup(EN, code)), 'codes of FINDING_CODES without registryMirrors.finding.<CODE> texts in en-us.yaml and zh-hans.yaml').toEqual([]);
    expect(Object.keys(FINDING_CODES).filter((code) => !found.some((f) => f.code === code)), 'codes no case of this test produces: add a case to CASES').toEqual([]);
  });

  it('zh-hans words every finding, with the same values (no English sentence left)', () => {
    for (const f of found) {
      const t = lookup(ZH, textId(f));
      const message = fmt(t.message, f.params, 'zh-hans');
      expect(message, textId(f)).toMatch(/[\u4e00-\u9fff]/);
      for (const v of Object.values(f.params ?? {})) {
        if (typeof v === 'string' && v.length > 3 && !/^(yes|no|[a-z]+[A-Z][a-zA-Z]*|[a-z]+)$/.test(v) && t.message.includes(`{${Object.keys(f.params!).find((k) => f.params![k] === v)}}`)) expect(message, textId(f)).toContain(v);
      }
    }
  });

  it('params never carry credentials: an endpoint with user:password@ shows redacted', () => {
    const f = found.filter((x) => JSON.stringify(x.params ?? {}).includes('u:p@'));
    expect(f).toEqual([]);
  });
});

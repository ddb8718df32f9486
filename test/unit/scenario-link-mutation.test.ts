// Shared links (#cluster=…): what shareableCluster keeps and removes, counted kind by
// kind, and how damaged or oversized links are refused. The link format is
// base64url (RFC 4648 §5, no padding) of raw DEFLATE (RFC 1951) of UTF-8 text; the
// expected encodings below come from Node's zlib and Buffer, not from the page.
import { deflateRawSync } from 'node:zlib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario, LINK_KEY, scenarioFromHash, shareableCluster } from '../../src/features/scenario-link';

const link = (bytes: Buffer) => bytes.toString('base64url');

describe('shareableCluster', () => {
  const full = {
    apiVersion: 'provisioning.cattle.io/v1',
    kind: 'Cluster',
    metadata: { name: 'prod', namespace: 'team', labels: { a: 'b' } },
    spec: {
      kubernetesVersion: 'v1.33.1+rke2r1',
      cloudCredentialSecretName: 'cc',
      rkeConfig: {
        etcd: { snapshotRetention: 5 },
        machineGlobalConfig: { 'system-default-registry': 'https://u:pw-sdr@reg.example?x=1', 'disable-default-registry-endpoint': true, 'embedded-registry': false, cni: 'calico' },
        registries: {
          mirrors: {
            'docker.io': { endpoint: ['https://user:pw-1@m.example/v2?token=t-1', 'https://plain.example', 7], rewrite: { '^(.*)$': 'lib/$1' }, note: 'x' },
            'u:pw-2@k.example': { endpoint: ['m@x.example'] },
            empty: null,
          },
          configs: {
            'm.example': { authConfigSecretName: 'm-auth', tlsSecretName: 'm-tls', caBundle: Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64'), insecureSkipVerify: false, auth: { password: 'pw-3' } },
            'k.example': { caBundle: Buffer.from('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n').toString('base64') },
            'p.example': { caBundle: '-----BEGIN RSA PRIVATE KEY-----' },
            'q.example': { caBundle: 'not base64 !' },
            bare: 'x',
          },
        },
      },
    },
  };

  it('keeps the registry settings, the version and the flags; removes credentials and everything else, counted', () => {
    const { text, removed } = shareableCluster(full);
    expect(parse(text)).toEqual({
      apiVersion: 'provisioning.cattle.io/v1',
      kind: 'Cluster',
      metadata: { name: 'prod', namespace: 'team' },
      spec: {
        kubernetesVersion: 'v1.33.1+rke2r1',
        rkeConfig: {
          machineGlobalConfig: { 'disable-default-registry-endpoint': true, 'embedded-registry': false, 'system-default-registry': 'https://reg.example' },
          registries: {
            mirrors: {
              'docker.io': { endpoint: ['https://m.example/v2', 'https://plain.example', 7], rewrite: { '^(.*)$': 'lib/$1' } },
              'k.example': { endpoint: ['x.example'] },
              empty: {},
            },
            configs: {
              'm.example': { authConfigSecretName: 'm-auth', tlsSecretName: 'm-tls', caBundle: full.spec.rkeConfig.registries.configs['m.example'].caBundle, insecureSkipVerify: false },
              'k.example': {},
              'p.example': {},
              'q.example': { caBundle: 'not base64 !' },
              bare: {},
            },
          },
        },
      },
    });
    expect(removed).toEqual({ userInfo: 4, queries: 2, privateKeys: 2, unknownFields: 2, otherFields: true });
    expect(text).not.toMatch(/pw-|t-1|x=1/);
  });

  it('otherFields: true for anything outside the registry settings, at each level; false when there is none', () => {
    const base = { metadata: { name: 'a', namespace: 'b' }, spec: { kubernetesVersion: 'v1', rkeConfig: { registries: {}, machineGlobalConfig: { 'embedded-registry': true } } } };
    expect(shareableCluster(base).removed.otherFields).toBe(false);
    expect(shareableCluster({ ...base, metadata: { ...base.metadata, uid: 'u' } }).removed.otherFields).toBe(true);
    expect(shareableCluster({ ...base, spec: { ...base.spec, x: 1 } }).removed.otherFields).toBe(true);
    expect(shareableCluster({ ...base, spec: { ...base.spec, rkeConfig: { ...base.spec.rkeConfig, etcd: {} } } }).removed.otherFields).toBe(true);
    expect(shareableCluster({ ...base, spec: { ...base.spec, rkeConfig: { ...base.spec.rkeConfig, machineGlobalConfig: { cni: 'x' } } } }).removed.otherFields).toBe(true);
  });

  it('a Cluster with nothing: defaults for name, namespace and apiVersion; no registries key when there were none', () => {
    for (const c of [undefined, null, 'x', [], {}]) {
      expect(parse(shareableCluster(c).text)).toEqual({ apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', metadata: { name: 'cluster', namespace: 'fleet-default' }, spec: { rkeConfig: {} } });
    }
    expect(parse(shareableCluster({ apiVersion: 'provisioning.cattle.io/v2', kind: 'Other', metadata: { name: 7 }, spec: { kubernetesVersion: 5, rkeConfig: { registries: { mirrors: 'x', configs: [] } } } }).text)).toEqual({
      apiVersion: 'provisioning.cattle.io/v2', kind: 'Cluster', metadata: { name: 'cluster', namespace: 'fleet-default' }, spec: { rkeConfig: { registries: {} } },
    });
    expect(shareableCluster({}).removed).toEqual({ userInfo: 0, queries: 0, privateKeys: 0, unknownFields: 0, otherFields: false });
  });

  it('a host with user info but no scheme loses everything up to the last @', () => {
    const { text, removed } = shareableCluster({ spec: { rkeConfig: { registries: { mirrors: { 'a@b@c.example': { endpoint: ['u:p@d.example?q'] } } } } } });
    expect(parse(text).spec.rkeConfig.registries.mirrors).toEqual({ 'c.example': { endpoint: ['d.example'] } });
    expect(removed).toMatchObject({ userInfo: 2, queries: 1 });
  });
});

describe('encodeScenario / decodeScenario', () => {
  it('encodes as base64url of raw deflate (what zlib inflates back), no padding, no + or /', async() => {
    const text = `mirrors:\n  docker.io:\n    endpoint: ["https://m.example/${'é~?>'.repeat(50)}"]\n`;
    const value = await encodeScenario(text);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect((await import('node:zlib')).inflateRawSync(Buffer.from(value, 'base64url')).toString('utf8')).toBe(text);
    expect(await decodeScenario(value)).toEqual({ ok: true, text });
  });

  it('a text whose deflate is over 32 KiB (encoded in pieces) round-trips', async() => {
    const text = Array.from({ length: 6000 }, (_, i) => `# ${(i * 2654435761 % 4294967296).toString(36)} ${i.toString(16)}\n`).join('');
    const value = await encodeScenario(text);
    expect(Buffer.from(value, 'base64url').length).toBeGreaterThan(0x8000);
    expect(await decodeScenario(value)).toEqual({ ok: true, text });
  });

  it('refuses: characters outside base64url, bytes that are not deflate, more than 1 MiB once inflated, text that is not UTF-8', async() => {
    expect(await decodeScenario('abc+/')).toEqual({ ok: false, error: 'not-base64url' });
    expect(await decodeScenario('ab=')).toEqual({ ok: false, error: 'not-base64url' });
    expect(await decodeScenario('a')).toEqual({ ok: false, error: 'not-base64url' });
    expect(await decodeScenario(link(Buffer.from([0xff, 0xff, 0xff, 0xff])))).toEqual({ ok: false, error: 'not-deflate' });
    expect(await decodeScenario(link(deflateRawSync(Buffer.alloc(1024 * 1024 + 1, 0x20))))).toEqual({ ok: false, error: 'too-big' });
    expect(await decodeScenario(link(deflateRawSync(Buffer.alloc(1024 * 1024, 0x20))))).toEqual({ ok: true, text: ' '.repeat(1024 * 1024) });
    expect(await decodeScenario(link(deflateRawSync(Buffer.from([0x6d, 0xff, 0x0a]))))).toEqual({ ok: false, error: 'not-utf8' });
    expect(await decodeScenario('')).toEqual({ ok: false, error: 'not-deflate' });
  });

  it('base64url with 2 and 3 characters in the last group (padding put back)', async() => {
    for (const text of ['a', 'ab', 'abc', 'abcd', 'mirrors: {}\n']) {
      const value = link(deflateRawSync(Buffer.from(text)));
      expect(await decodeScenario(value)).toEqual({ ok: true, text });
    }
  });
});

describe('scenarioFromHash', () => {
  it('reads #cluster= (with or without #), URL-decoded; undefined without it', () => {
    expect(LINK_KEY).toBe('cluster');
    expect(scenarioFromHash('#cluster=abc_-')).toBe('abc_-');
    expect(scenarioFromHash('x=1&cluster=q')).toBe('q');
    expect(scenarioFromHash('#cluster=')).toBe('');
    expect(scenarioFromHash('#other=1')).toBeUndefined();
    expect(scenarioFromHash('')).toBeUndefined();
  });
});

// "Open your cluster" and scenario links: the same documents and the same errors as the
// CLI's --registries FILE; links that round-trip, stay small, refuse damage and bombs,
// and never carry credentials.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario, openDocument, scenarioFromHash, shareableCluster } from '../../src';
import { loadSettings } from '../../src/cli/main';
import { parseArgs } from '../../src/cli/args';

const FIX = path.resolve(__dirname, '../fixtures/registries');
const SAMPLES = path.resolve(__dirname, '../../assets/samples');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rm-open-'));

/** what the CLI says for this file: its error, or undefined when it reads it */
function cliError(name: string, bytes: Uint8Array | string): string | undefined {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, bytes);
  try {
    loadSettings(parseArgs(['--registries', file, 'nginx']) as any);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(file, name);
  }
}

const BAD: Array<[string, string | Uint8Array]> = [
  ['yaml-error.yaml', fs.readFileSync(path.join(FIX, 'yaml-error.yaml'), 'utf8')],
  ['latin1.yaml', Uint8Array.from([0x6d, 0x69, 0x72, 0x72, 0x6f, 0x72, 0x73, 0x3a, 0x20, 0xe9, 0x0a])],
  ['rke1.yaml', 'apiVersion: management.cattle.io/v3\nkind: Cluster\nspec: {}\n'],
  ['deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec: {}\n'],
  ['list.yaml', 'apiVersion: v1\nkind: List\nitems:\n  - kind: ConfigMap\n'],
  ['tabs.yaml', 'mirrors:\n\tdocker.io: {}\n'],
];

describe('openDocument', () => {
  it.each(BAD)('refuses %s with the CLI\'s words', (name, bytes) => {
    const r = openDocument(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, name);
    const cli = cliError(name, bytes);
    expect(cli).toBeTruthy();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe(cli);
  });

  it('a scalar file: refused with the sentence the CLI reports first', () => {
    const r = openDocument('just text', 'x.yaml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^x\.yaml: The registries must be a map/);
  });

  it('recognises a Cluster manifest and keeps it whole', () => {
    const text = fs.readFileSync(path.join(SAMPLES, 'airgap-rke2-v1.31.6.yaml'), 'utf8');
    const r = openDocument(text, 'airgap.yaml');
    expect(cliError('airgap.yaml', text)).toBeUndefined();
    expect(r.ok && r.kind).toBe('cluster');
    expect(r.ok && r.cluster.spec.rkeConfig.etcd.snapshotRetention).toBe(5);
    expect(r.ok && r.cluster.spec.rkeConfig.registries.mirrors['*'].endpoint).toEqual(['https://registry.example.com']);
  });

  it('makes a Cluster around a node registries.yaml; inline credentials go to Secrets only', () => {
    const text = fs.readFileSync(path.join(FIX, 'inline-credentials.yaml'), 'utf8');
    const r = openDocument(text, 'registries.yaml');
    expect(r.ok && r.kind).toBe('node');
    if (!r.ok) return;
    expect(r.cluster.kind).toBe('Cluster');
    expect(JSON.stringify(r.cluster)).not.toMatch(/Pl4nted|cm9ib3Q6/);
    expect(r.secrets.map((s) => s.host).sort()).toEqual(['ghcr.io', 'harbor.corp.example.com', 'quay.io']);
    expect(r.cluster.spec.rkeConfig.registries.configs['harbor.corp.example.com'].authConfigSecretName).toBe(r.secrets.find((s) => s.host === 'harbor.corp.example.com')!.name);
  });
});

describe('scenario links', () => {
  it('round-trip text, and are raw deflate as zlib writes it (other tools can make links)', async() => {
    const text = fs.readFileSync(path.join(SAMPLES, 'k3s-rewrites-embedded.yaml'), 'utf8') + '# 中文 ✓\n';
    const v = await encodeScenario(text);
    expect(v).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(v.length).toBeLessThan(text.length);
    expect(await decodeScenario(v)).toEqual({ ok: true, text });
    const byZlib = zlib.deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url');
    expect(await decodeScenario(byZlib)).toEqual({ ok: true, text });
    expect(zlib.inflateRawSync(Buffer.from(v, 'base64url')).toString('utf8')).toBe(text);
    expect(scenarioFromHash(`#cluster=${v}`)).toBe(v);
    expect(scenarioFromHash('#other=1')).toBeUndefined();
  });

  it('refuse damaged links and deflate bombs', async() => {
    expect(await decodeScenario('not base64!')).toEqual({ ok: false, error: 'not-base64url' });
    expect(await decodeScenario('AAAA')).toEqual({ ok: false, error: 'not-deflate' });
    const bomb = zlib.deflateRawSync(Buffer.alloc(50 * 1024 * 1024, 0x20)).toString('base64url');
    expect(bomb.length).toBeLessThan(100_000);
    expect(await decodeScenario(bomb)).toEqual({ ok: false, error: 'too-big' });
    expect(await decodeScenario(zlib.deflateRawSync(Buffer.from([0xff, 0xfe, 0x00])).toString('base64url'))).toEqual({ ok: false, error: 'not-utf8' });
  });

  it('carry no credentials: user info, queries, private keys and everything outside the registries are taken out', async() => {
    const pw = 'Pl4nted-Link-Pw-4410';
    const key = Buffer.from(`-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n${pw}\n-----END PRIVATE KEY-----\n`).toString('base64');
    const cluster = {
      apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster',
      metadata: { name: 'prod', namespace: 'fleet-default', annotations: { note: pw } },
      spec: {
        kubernetesVersion: 'v1.31.6+rke2r1', cloudCredentialSecretName: 'cc-xyz',
        rkeConfig: {
          machineGlobalConfig: { 'system-default-registry': `u:${pw}@registry.example.com`, 'disable-default-registry-endpoint': true, 'etcd-s3-secret-key': pw },
          registries: {
            mirrors: { 'docker.io': { endpoint: [`https://robot:${pw}@m.example.com`, `https://m2.example.com/?token=${pw}`], rewrite: { '^a/(.*)': 'b/$1' }, password: pw } },
            configs: { 'm.example.com': { authConfigSecretName: 'm-auth', caBundle: key, insecureSkipVerify: false, password: pw } },
          },
        },
      },
    };
    const { text, removed } = shareableCluster(cluster);
    expect(text).not.toContain(pw);
    expect(text).not.toContain(Buffer.from(pw).toString('base64').slice(0, 12));
    expect(removed).toEqual({ userInfo: 2, queries: 1, privateKeys: 1, unknownFields: 2, otherFields: true });
    // what the scenario needs is still there
    expect(text).toContain('https://m.example.com');
    expect(text).toContain('authConfigSecretName: m-auth');
    expect(text).toContain('^a/(.*)');
    expect(text).toContain('v1.31.6+rke2r1');
    expect(text).toContain('disable-default-registry-endpoint: true');
    const link = await encodeScenario(text);
    const back = await decodeScenario(link);
    expect(back.ok && back.text).toBe(text);
    const reopened = openDocument(text, 'link');
    expect(reopened.ok && reopened.kind).toBe('cluster');
  });
});

describe('the zh-hans user guide', () => {
  const guide = fs.readFileSync(path.resolve(__dirname, '../../docs/user-guide.zh-hans.md'), 'utf8');

  it('links scenarios that open, and shows screenshots that exist', async() => {
    const links = [...guide.matchAll(/#cluster=([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const v of links) {
      const d = await decodeScenario(v);
      expect(d.ok, v.slice(0, 20)).toBe(true);
      const opened = openDocument(d.ok ? d.text : '', 'link');
      expect(opened.ok).toBe(true);
    }
    const images = [...guide.matchAll(/\]\((\.\.\/assets\/screenshots\/zh-hans\/[^)]+\.png)\)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThanOrEqual(8);
    for (const img of images) expect(fs.existsSync(path.resolve(__dirname, '../../docs', img)), img).toBe(true);
  });
});

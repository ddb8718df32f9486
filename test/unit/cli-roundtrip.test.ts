// node registries.yaml → `convert --to cluster --secrets-out` → `convert --to node --secrets`
// through the built bin is lossless for everything a Cluster can hold: mirrors (endpoints,
// rewrites), skip-verify, and credentials – which travel as Secret references, their values
// in the Secrets file only (issue 17 item 2). Paths on the node (ca_file, cert_file) are no
// part of a Cluster (convert names them as missing), so they are not generated here.
//
// Each run starts two processes; a run is a whole registries.yaml with up to a dozen
// entries, so few runs cover many entries. Replay a failure with FC_SEED=<seed>.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseYaml } from '../../src';
import { buildOnce, cli, scratch } from './cli-bin';

vi.setConfig({ testTimeout: 120_000 });
const SEED = process.env.FC_SEED !== undefined && process.env.FC_SEED !== '' ? Number(process.env.FC_SEED) : 20261204;
const RUNS = Number(process.env.FC_RUNS ?? 8);
const { dir, file } = scratch('rr-roundtrip-');
beforeAll(buildOnce, 120_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// credentials YAML would retype if written plain (yaml.v2 reads yes as true), and any text
const tricky = fc.constantFrom('yes', 'no', 'on', 'off', 'y', '~', 'null', 'true', '0x1F', '1e3', '0777', '2024-01-01', '<<', '# x', 'a: b', '- a', "'", '"', ' lead', 'trail ', 'pa ss', '\t', 'ü€𝄞');
const secret = fc.oneof(tricky, fc.string({ minLength: 1, maxLength: 24 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }));
const label = fc.stringMatching(/^[a-z](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const host = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('docker.io', 'quay.io', 'registry.example.com:5000', 'localhost:5000', 'a-b.example.com', 'a.b.example.com') },
  { weight: 4, arbitrary: fc.tuple(label, fc.constantFrom('example.com', 'example.org', 'corp.internal'), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })).map(([l, d, p]) => `${l}.${d}${p ? `:${p}` : ''}`) },
);
const endpoint = fc.tuple(fc.constantFrom('https://', 'http://'), host, fc.constantFrom('', '/v2', '/mirror/hub')).map(([s, h, p]) => `${s}${h}${p}`);
const rewrite = fc.tuple(label, fc.constantFrom('(.*)', '([^/]+)/(.*)'), label).map(([a, g, b]) => [`^${a}/${g}$`, g === '(.*)' ? `${b}/$1` : `${b}/$2/$1`] as const);
const mirror = fc.record({ endpoint: fc.uniqueArray(endpoint, { maxLength: 3 }), rewrite: fc.array(rewrite, { maxLength: 2 }).map((r) => Object.fromEntries(r)) }, { requiredKeys: [] });
const auth = fc.oneof(
  fc.record({ username: secret, password: secret }),
  fc.record({ username: secret, password: secret }, { requiredKeys: ['password'] }),
  fc.record({ auth: fc.base64String({ minLength: 4, maxLength: 40 }) }),
  fc.record({ identity_token: secret }),
);
const config = fc.record({ auth, tls: fc.constant({ insecure_skip_verify: true }) }, { requiredKeys: [] });
const nodeFile = fc.record({
  mirrors: fc.dictionary(fc.oneof(fc.constant('*'), host), mirror, { maxKeys: 6 }),
  configs: fc.dictionary(host, config, { maxKeys: 6 }),
});

/** a mirror or config as the node reads it, absent fields as their defaults */
function normal(v: Json): Json {
  const mirrors = Object.fromEntries(Object.entries<Json>(v.mirrors ?? {}).map(([k, m]) => [k, { endpoint: m?.endpoint ?? [], rewrite: m?.rewrite ?? {} }]));
  const configs = Object.fromEntries(
    Object.entries<Json>(v.configs ?? {}).map(([k, c]) => [k, { auth: c?.auth && Object.keys(c.auth).length ? { ...c.auth } : null, skipVerify: c?.tls?.insecure_skip_verify === true }]),
  );
  return { mirrors, configs };
}

/** the node file with each <from Secret ns/name key k> replaced by that Secret's value */
function withSecrets(node: Json, secretsText: string): Json {
  const data: Record<string, Record<string, string>> = {};
  for (const d of parseAllDocuments(secretsText)) {
    const s = d.toJS() as Json | null;
    if (s?.kind === 'Secret') data[`${s.metadata.namespace}/${s.metadata.name}`] = s.stringData;
  }
  const out = normal(node);
  for (const c of Object.values<Json>(out.configs)) {
    for (const [k, v] of Object.entries<string>(c.auth ?? {})) {
      const m = /^<from Secret ([^ ]+) key ([^>]+)>$/.exec(v);
      expect(m, `configs auth.${k} is a Secret placeholder`).not.toBeNull();
      c.auth[k] = data[m![1]]?.[m![2]];
    }
  }
  return out;
}

describe('convert node → cluster → node through the CLI (property)', () => {
  it('is lossless: mirrors, rewrites, skip-verify and every credential (as a Secret reference) come back', () => {
    let n = 0;
    fc.assert(
      fc.property(nodeFile, (value) => {
        const src = file(`${JSON.stringify(value, null, 1)}\n`);
        const secrets = join(dir, `secrets-${n++}.yaml`);
        const toCluster = cli(['convert', '--to', 'cluster', '--secrets-out', secrets, src]);
        expect(toCluster.stderr).not.toMatch(/internal error|missing:/);
        expect(toCluster.code, toCluster.stderr).toBe(0);
        const anyAuth = Object.values(value.configs).some((c) => c.auth);
        const secretsText = anyAuth ? readFileSync(secrets, 'utf8') : '';
        // the cluster spec holds no credential
        for (const c of Object.values(value.configs)) for (const v of Object.values<string>(c.auth ?? {})) if (v.trim().length > 3) expect(toCluster.stdout).not.toContain(v);
        const back = cli(['convert', '--to', 'node', ...(anyAuth ? ['--secrets', secrets] : []), file(toCluster.stdout)]);
        expect(back.code, back.stderr).toBe(0);
        const parsed = parseYaml(back.stdout);
        expect(parsed.ok).toBe(true);
        expect(withSecrets((parsed as { value: Json }).value ?? {}, secretsText)).toEqual(normal(value));
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: !!process.env.CI },
    );
  });
});

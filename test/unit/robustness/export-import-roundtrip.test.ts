// Properties of the registries.yaml export → import round trip (src/features/registries-yaml.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportNodeRegistries, importNodeRegistries } from '../../../src';

const SEED = Number(process.env.FC_SEED ?? 20261123);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const run = (p: fc.IRawProperty<any>, numRuns = 300) => fc.assert(p, { seed: SEED, numRuns });

// strings YAML would retype if written plain, plus arbitrary text
const tricky = fc.constantFrom('2024-01-01', '1_000', 'yes', 'no', '0x1F', '<<', '~', 'null', 'true', '1e3', '# x', 'a: b', "'", '"', ' lead', 'trail ');
const text = fc.oneof(tricky, fc.string({ minLength: 1, maxLength: 30 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }));
// endpoints with user info or a query are exported redacted (credential-sweep.test.ts), so they cannot round-trip
const endpoint = text.filter((t) => !t.includes('@') && !/\/\/[^\s?#"']*\?/.test(t));
const host = fc.oneof(fc.constantFrom('docker.io', '*', 'registry.example.com:5000', 'localhost:5000'), fc.stringMatching(/^[a-z][a-z0-9-]{0,10}\.example\.com$/));
const secretName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);

const spec = fc.record(
  {
    mirrors: fc.dictionary(host, fc.record({ endpoint: fc.array(endpoint, { maxLength: 3 }), rewrite: fc.dictionary(text, text, { maxKeys: 2 }) }, { requiredKeys: [] }), { maxKeys: 4 }),
    configs: fc.dictionary(
      host,
      fc.record(
        { authConfigSecretName: secretName, tlsSecretName: secretName, caBundle: fc.base64String({ minLength: 4, maxLength: 40 }).filter((s) => s.length > 0), insecureSkipVerify: fc.constant(true) },
        { requiredKeys: [] },
      ),
      { maxKeys: 3 },
    ),
  },
  { requiredKeys: [] },
);

describe('export → import round trip (fast-check, seed ' + SEED + ')', () => {
  it('any spec.rkeConfig.registries exported and imported again is deep-equal', () => {
    run(
      fc.property(spec, (s) => {
        const textOut = exportNodeRegistries(s, { namespace: 'fleet-default', distro: 'rke2' });
        const back = importNodeRegistries(textOut, { namespace: 'fleet-default', distro: 'rke2', mode: 'replace' });
        expect(back.ok, textOut).toBe(true);
        if (!back.ok) return;
        const norm = (v: typeof s) => ({ mirrors: v.mirrors ?? {}, configs: v.configs ?? {} });
        expect(back.registries, textOut).toEqual(norm(s));
        expect(back.secrets).toEqual([]);
      }),
    );
  });
  it('inline credentials become Secret references; the export never contains their values', () => {
    run(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{8,20}$/).map((p) => `Pw${p}`), host, (password, h) => {
        const node = `configs:\n  ${JSON.stringify(h)}:\n    auth:\n      username: admin\n      password: ${JSON.stringify(password)}\n`;
        const first = importNodeRegistries(node, { namespace: 'ns', distro: 'k3s', mode: 'replace' });
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(JSON.stringify(first.registries)).not.toContain(password);
        const exported = exportNodeRegistries(first.registries, { namespace: 'ns', distro: 'k3s' });
        expect(exported).not.toContain(password);
        const again = importNodeRegistries(exported, { namespace: 'ns', distro: 'k3s', mode: 'replace' });
        expect(again.ok && again.registries).toEqual(first.registries);
      }),
      200,
    );
  });
});

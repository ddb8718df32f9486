// Reading the settings of a parsed registries.yaml entry by entry: parseYaml hands out
// sealed (deep-frozen) values whose unchanged entries are the objects of the last parse,
// and registriesFromNode memoises what it reads from each such entry by its identity.
// Every result here is compared with a fresh read of the same text after forgetMemos(),
// which computes everything again.
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetMemos, isSealed } from '../../src/lib/memo';
import { LIMITS } from '../../src/lib/limits';
import { parseYaml } from '../../src/input/parse-yaml';
import { settingsFromNodeValue } from '../../src/input/settings';
import { nodeRegistriesSchema, registriesFromNode } from '../../src/input/schemas';
import { compile } from '../../src/route/compile';
import { resolveRoute } from '../../src/route/route';
import type { RouteSettings } from '../../src/types';

type Doc = { mirrors: Record<string, { endpoint?: unknown; rewrite?: unknown; [k: string]: unknown } | null>; configs: Record<string, unknown> };

/** 300 mirrors and 100 configs: a text the YAML entry parser splits (several KB) */
function bigDoc(): Doc {
  const mirrors: Doc['mirrors'] = {};
  const configs: Doc['configs'] = {};
  for (let i = 0; i < 300; i++) {
    mirrors[`registry-${i}.example.com:5000`] = { endpoint: [`https://cache-${i}.example.net`, ...(i % 3 ? [] : [`http://lan-${i}.local:5000`])], ...(i % 5 ? {} : { rewrite: { '^team/(.*)': 'mirror/$1' } }) };
    if (i % 3 === 0) configs[`cache-${i}.example.net`] = { tls: { ca_file: `/etc/ca-${i}.crt`, insecure_skip_verify: i % 2 === 0 }, ...(i % 6 ? {} : { auth: { username: 'u', password: 'p' } }) };
  }
  mirrors['*'] = { endpoint: ['https://all.example.net'] };
  return { mirrors, configs };
}

/** registries.yaml text, one entry per line group, as an admin writes it */
function yamlOf(doc: Doc): string {
  const lines = ['mirrors:'];
  for (const [k, m] of Object.entries(doc.mirrors)) {
    lines.push(`  "${k}":`);
    if (m === null) continue;
    for (const [f, v] of Object.entries(m)) lines.push(`    ${f}: ${JSON.stringify(v)}`);
  }
  lines.push('configs:');
  for (const [k, c] of Object.entries(doc.configs)) lines.push(`  "${k}": ${JSON.stringify(c)}`);
  return `${lines.join('\n')}\n`;
}

function read(text: string, base: Partial<RouteSettings> = {}, surface: 'tab' | 'cli' = 'tab') {
  const y = parseYaml(text);
  if (!y.ok) throw new Error(y.error);
  const s = settingsFromNodeValue(y.value, base, { surface });
  return { value: y.value as Doc, ...s };
}

/** What compile makes of settings, as plain data (findings, hosts.toml files, a few routes). */
function compiled(s: { settings: RouteSettings; findings: unknown[] }) {
  const c = compile(s.settings, s.findings as never);
  return {
    findings: c.findings,
    files: c.hostsFiles.map((f) => [f.dir, f.text]),
    routes: ['registry-7.example.com:5000/team/app:1', 'registry-30.example.com:5000/x:2', 'quay.io/a/b:3'].map((img) => resolveRoute(c, img).attempts.map((a) => a.url)),
  };
}

/** The same text read with every memo emptied first: the reference. */
function fresh(text: string, base: Partial<RouteSettings> = {}, surface: 'tab' | 'cli' = 'tab') {
  forgetMemos();
  const r = read(text, base, surface);
  return { settings: r.settings, findings: r.findings, compiled: compiled(r) };
}

// a fresh read of several hundred entries per step; slow on a busy machine
vi.setConfig({ testTimeout: 60_000 });

beforeEach(() => forgetMemos());

describe('an edit of one of many entries', () => {
  const doc = bigDoc();
  const text = yamlOf(doc);

  it('reads like a fresh read, and the unchanged entries are the same objects as before', () => {
    const before = read(text);
    compiled(before);
    const edits: Array<[string, string]> = [
      ['https://cache-17.example.net', 'https://cache-17.example.net:8443/v2/proj'],
      ['"registry-41.example.com:5000":\n    endpoint: ["https://cache-41.example.net"]', '"registry-41.example.com:5000":\n    endpoint: ["https://cache-41.example.net"]\n    rewrite: {"^(.*)$": "lib/$1"}'],
      ['"cache-3.example.net": {"tls":{"ca_file":"/etc/ca-3.crt","insecure_skip_verify":false}}', '"cache-3.example.net": {"tls":{"ca_file":"/etc/ca-3.crt","insecure_skip_verify":true},"token":"x"}'],
      ['endpoint: ["https://cache-50.example.net"', 'endpoint: [42, "https://cache-50.example.net"'],
    ];
    let cur = text;
    let prev = before;
    for (const [from, to] of edits) {
      expect(cur).toContain(from);
      cur = cur.replace(from, to);
      const after = read(cur);
      const got = { settings: after.settings, findings: after.findings, compiled: compiled(after) };
      expect(got).toEqual(fresh(cur));
      // the reference emptied the memos: read the edit again on top of the previous text
      read(prev === before ? text : cur.replace(to, from));
      const again = read(cur);
      expect({ settings: again.settings, findings: again.findings, compiled: compiled(again) }).toEqual(fresh(cur));
      prev = again;
    }
  });

  it('keeps the objects of unchanged entries, from the parse to the settings', () => {
    // a file's first text is parsed whole; its edits entry by entry
    read(text);
    const a = read(text.replace('https://cache-200.example.net"', 'https://cache-200.example.net:1"'));
    const b = read(text.replace('https://cache-17.example.net"', 'https://cache-17.example.net:1"'));
    expect(isSealed(a.value)).toBe(true);
    const keys = Object.keys(a.settings.registries.mirrors);
    const same = keys.filter((k) => a.settings.registries.mirrors[k] === b.settings.registries.mirrors[k]);
    const sameRaw = keys.filter((k) => a.value.mirrors[k] === b.value.mirrors[k]);
    expect(b.settings.registries.mirrors['registry-17.example.com:5000']).not.toBe(a.settings.registries.mirrors['registry-17.example.com:5000']);
    expect(b.settings.registries.mirrors['registry-17.example.com:5000'].endpoints[0]).toBe('https://cache-17.example.net:1');
    expect(b.settings.registries.mirrors['registry-200.example.com:5000'].endpoints[0]).toBe('https://cache-200.example.net');
    // entries are parsed in small groups: all but the two edited ones' groups are reused
    expect(sameRaw.length).toBeGreaterThan(keys.length - 40);
    expect(sameRaw.length).toBeLessThan(keys.length);
    // the settings entry is one frozen object per content: only the two edited ones differ
    expect(same.length).toBe(keys.length - 2);
    expect(Object.isFrozen(a.settings.registries.mirrors['registry-3.example.com:5000'])).toBe(true);
  });
});

describe('what is not in an entry still reaches every entry', () => {
  const long = `https://${'a'.repeat(LIMITS.urlLength)}.example.com`;
  const doc: Doc = { mirrors: {}, configs: {} };
  for (let i = 0; i < 200; i++) doc.mirrors[`r${i}.example.com`] = { endpoint: [i % 2 ? long : `https://m${i}.example.com`] };
  const text = yamlOf(doc);

  it('the surface: the tab leaves over-long endpoints out with a finding, the CLI reads them', () => {
    // the same sealed entries (two edits of one file, entry by entry) read for each surface
    read(text, {}, 'tab');
    const tab = read(text.replace('https://m0.example.com', 'https://m0.example.com:1'), {}, 'tab');
    const cli = read(text.replace('https://m2.example.com', 'https://m2.example.com:1'), {}, 'cli');
    expect(cli.value.mirrors['r1.example.com']).toBe(tab.value.mirrors['r1.example.com']);
    const tabLimits = tab.findings.filter((f) => f.code === 'LIMIT_EXCEEDED');
    expect(tabLimits).toHaveLength(100);
    expect(cli.findings.filter((f) => f.code === 'LIMIT_EXCEEDED')).toHaveLength(0);
    expect(cli.settings.registries.mirrors['r1.example.com'].endpoints).toEqual([long]);
    expect(tab.settings.registries.mirrors['r1.example.com'].endpoints).toEqual([]);
    expect(read(text, {}, 'tab').findings).toEqual(fresh(text, {}, 'tab').findings);
  });

  it('release, disable-default and system-default-registry change every entry\'s result', () => {
    const small = yamlOf(bigDoc());
    const variants: Array<Partial<RouteSettings>> = [{}, { version: 'v1.31.6+rke2r1' }, { version: 'v1.26.4+k3s1' }, { disableDefaultEndpoint: true }, { systemDefaultRegistry: 'sdr.example.com' }, {}];
    const results = variants.map((base) => {
      const r = read(small, base);
      return { settings: r.settings, findings: r.findings, compiled: compiled(r) };
    });
    variants.forEach((base, i) => expect(results[i]).toEqual(fresh(small, base)));
    // each variant changes what compile makes of the same sealed entries
    expect(results[1].compiled).not.toEqual(results[0].compiled);
    expect(results[3].compiled.files).not.toEqual(results[0].compiled.files);
    expect(results[5]).toEqual(results[0]);
  });

  it('one object under two keys (a YAML alias) reads with each key', () => {
    const t = `mirrors:\n  a.example.com: &m\n    endpoint: ["https://m.example.com"]\n    bogus: 1\n  b.example.com: *m\n${'# pad\n'.repeat(800)}`;
    const r = read(t);
    expect(r.value.mirrors['a.example.com']).toBe(r.value.mirrors['b.example.com']);
    expect(r.findings.filter((f) => f.code === 'NODE_UNKNOWN_KEY').map((f) => f.path)).toEqual([['mirrors', 'a.example.com', 'bogus'], ['mirrors', 'b.example.com', 'bogus']]);
    expect(read(t).findings).toEqual(fresh(t).findings);
  });

  it('a live object (not sealed) is read again on every call: changed in place, the result follows', () => {
    const live = { mirrors: { 'docker.io': { endpoint: ['https://one.example.com'] } }, configs: {} };
    expect(registriesFromNode(live).registries.mirrors['docker.io'].endpoints).toEqual(['https://one.example.com']);
    live.mirrors['docker.io'].endpoint[0] = 'https://two.example.com';
    expect(registriesFromNode(live).registries.mirrors['docker.io'].endpoints).toEqual(['https://two.example.com']);
  });
});

describe('the schema read entry by entry says what the whole schema says', () => {
  const leaf = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxKeys: 2 }));
  const mirror = fc.oneof(fc.constant(null), leaf, fc.record({ endpoint: leaf, rewrite: leaf }, { requiredKeys: [] }));
  const config = fc.oneof(fc.constant(null), leaf, fc.record({ auth: fc.oneof(leaf, fc.record({ username: leaf, password: leaf, token: leaf }, { requiredKeys: [] })), tls: fc.oneof(leaf, fc.record({ ca_file: leaf, insecure_skip_verify: leaf }, { requiredKeys: [] })) }, { requiredKeys: [] }));
  const doc = fc.record({ mirrors: fc.oneof(fc.constant(undefined), fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), mirror, { maxKeys: 6 })), configs: fc.oneof(fc.constant(undefined), fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), config, { maxKeys: 6 })), extra: fc.oneof(fc.constant(undefined), leaf) }, { requiredKeys: [] });

  it('the same FIELD_TYPE findings, in the same order (property)', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const whole = nodeRegistriesSchema.safeParse(d);
        const expected = whole.success ? [] : whole.error.issues.slice(0, 200).map((i) => i.path.map((p) => (typeof p === 'number' ? p : String(p))));
        const got = registriesFromNode(d).findings.filter((f) => f.code === 'FIELD_TYPE').map((f) => f.path);
        expect(got).toEqual(expected);
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });

  it('at most 200 of them, as the whole schema', () => {
    const d: Doc = { mirrors: {}, configs: {} };
    for (let i = 0; i < 150; i++) d.mirrors[`m${i}`] = { endpoint: 'x', rewrite: 'y' };
    const got = registriesFromNode(d).findings.filter((f) => f.code === 'FIELD_TYPE');
    expect(got).toHaveLength(200);
    expect(got.at(-1)?.path).toEqual(['mirrors', 'm99', 'rewrite']);
  });
});

describe('maps the YAML entry parser splits', () => {
  it('two entries swapped: the new order, not the last parse\'s map', () => {
    const entry = (k: string) => `  ${k}.example.com:\n    endpoint: ["https://${k}.example.net${'/p'.repeat(900)}"]\n`;
    const doc = (ks: string[]) => `mirrors:\n${ks.map(entry).join('')}`;
    read(doc(['a', 'b', 'c']));
    const one = read(doc(['a', 'b', 'c']).replace('a.example.net', 'a.example.net:1'));
    const swapped = read(doc(['b', 'a', 'c']).replace('a.example.net', 'a.example.net:1'));
    expect(Object.keys(one.value.mirrors)).toEqual(['a.example.com', 'b.example.com', 'c.example.com']);
    expect(Object.keys(swapped.value.mirrors)).toEqual(['b.example.com', 'a.example.com', 'c.example.com']);
    expect(Object.keys(swapped.settings.registries.mirrors)).toEqual(['b.example.com', 'a.example.com', 'c.example.com']);
    // an entry over 1 KB is a map of its own: kept while its text is unchanged
    const again = read(doc(['b', 'a', 'c']).replace('c.example.net', 'c.example.net:1'));
    const more = read(doc(['b', 'a', 'c']).replace('c.example.net', 'c.example.net:2'));
    expect(more.value.mirrors['b.example.com']).toBe(again.value.mirrors['b.example.com']);
    expect(more.value.mirrors['c.example.com']).not.toBe(again.value.mirrors['c.example.com']);
    expect(more.settings.registries.mirrors['c.example.com'].endpoints[0]).toMatch(/^https:\/\/c\.example\.net:2\//);
  });
});

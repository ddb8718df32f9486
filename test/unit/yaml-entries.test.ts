// parseYaml reads a large registries file entry by entry and reuses unchanged entries
// from the previous parse (src/input/yaml-regions.ts). Whatever the text – valid, being
// typed, or hostile – the result must be exactly that of parsing the whole text:
// the same value, or the same error at the same line and column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYaml, parseYamlWhole } from '../../src/input/parse-yaml';

const SEED = Number(process.env.FC_SEED ?? 1212);

/** Entries of a mirrors map (indent 2), from plain to tricky. */
const ENTRIES = [
  '  docker.io:\n    endpoint:\n      - "https://cache.example.com"\n',
  '  "*":\n    endpoint:\n    - https://any.example.com\n    - http://10.0.0.1:5000\n',
  '  quay.io: # the primary\n    endpoint: ["https://a.example.com",\n      "https://b.example.com"]\n',
  "  'it''s.example.com':\n    endpoint: [https://x.example.com]\n",
  '  "a\\"b.example.com":\n    endpoint:\n      - https://c.example.com\n',
  '  registry.local:5000:\n    rewrite:\n      "^(.*)$": "mirror/$1"\n',
  '  1.5:\n    endpoint: []\n',
  '  0x1F: {}\n',
  '  ~:\n',
  '  empty.example.com:\n',
  '  notes.example.com:\n    endpoint:\n      - |\n        https://multi.example.com\n  # a comment at column 2\n# and at column 0\n',
  '  fold.example.com:\n    endpoint:\n      - >-\n        https://fold\n        .example.com\n\n',
  '  plain.example.com:\n    endpoint:\n      - https://plain\n        continued.example.com\n',
  '  quoted.example.com:\n    endpoint:\n      - "https://quoted\n        .example.com"\n',
  '  anchored.example.com: &m\n    endpoint: [https://anchor.example.com]\n',
  '  yes:\n    endpoint: [on]\n',
  '  dated.example.com:\n    endpoint: [2024-01-01]\n',
  '  dup.example.com:\n    endpoint: [https://d1.example.com]\n',
  '  dup.example.com:\n    endpoint: [https://d2.example.com]\n',
  '  bad.example.com:\n    endpoint: [https://unterminated.example.com\n',
  '  bad-quote.example.com:\n    endpoint: "https://open.example.com\n',
  '  stray\n',
  '  - not-a-key\n',
  '    too-deep: 1\n',
  ' one-space: 1\n',
  '  block.example.com: |\n    line\n  next.example.com: 1\n',
  '  inner-dup.example.com:\n    endpoint: []\n    endpoint: []\n',
  '  x: |2\n     indented\n',
];

/** Entries of a configs map (indent 2). */
const CONFIGS = [
  '  docker.io:\n    auth:\n      username: user\n      password: pass\n',
  '  "*":\n    tls:\n      insecure_skip_verify: yes\n',
  '  registry.local:5000:\n    tls:\n      insecure_skip_verify: "on"\n      ca_file: /etc/ca.pem\n',
  '  quay.io:\n    tls: { insecure_skip_verify: true }\n',
  '  other.example.com:\n    tls:\n      insecure_skip_verify: 1\n',
];

/** Whole-document variations: things that join entries or change how the document is read. */
const DOCUMENT = [
  (t: string) => t,
  (t: string) => t,
  (t: string) => t,
  (t: string) => `---\n${t}`,
  (t: string) => `${t}---\nmirrors: {}\n`,
  (t: string) => t.replace('\n', '\r\n'),
  (t: string) => t.replace('    endpoint', '\tendpoint'),
  (t: string) => `${t}aliased:\n  <<: *m\n`,
  (t: string) => `${t}? explicit\n: key\n`,
  (t: string) => `# leading comment\n\n${t}`,
  (t: string) => t.replace(/^mirrors:/m, 'mirrors: # the mirrors'),
  (t: string) => `apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nspec:\n  rkeConfig:\n    registries:\n${t.replace(/^/gm, '      ')}`,
  (t: string) => `spec:\n  note: 1\n${t}`,
  (t: string) => t.replace('  filler-9.example.com:', '  filler-2.example.com:'),
  (t: string) => t.replace('    endpoint:\n      - "https://filler-5', '    endpoint: []\n    endpoint:\n      - "https://filler-5'),
];

/** A comment big enough that every document is over the size where entries are split. */
const PAD = `#${' padding'.repeat(600)}\n`;

const docArb = fc.record({
  mirrors: fc.array(fc.constantFrom(...ENTRIES), { minLength: 1, maxLength: 12 }),
  configs: fc.array(fc.constantFrom(...CONFIGS), { maxLength: 5 }),
  doc: fc.constantFrom(...DOCUMENT),
  pad: fc.boolean(),
  edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ' ', ':', '"', '#', '\n', '- ', 'x', '[', '{', '|', '\n  ')), { maxLength: 3 }),
});

function render(d: { mirrors: string[]; configs: string[]; doc: (t: string) => string; pad: boolean }): string {
  const big = d.mirrors.concat(Array.from({ length: 40 }, (_, i) => `  filler-${i}.example.com:\n    endpoint:\n      - "https://filler-${i}.example.com"\n`));
  const text = `${d.pad ? PAD : ''}mirrors:\n${big.join('')}${d.configs.length ? `configs:\n${d.configs.join('')}` : ''}`;
  return d.doc(text);
}

function edit(text: string, edits: Array<[number, string]>): string {
  let t = text;
  for (const [at, s] of edits) {
    const i = at % (t.length + 1);
    t = s === '' ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + s + t.slice(i);
  }
  return t;
}

describe('parseYaml by entries = parseYaml of the whole text', () => {
  it('valid, broken and hostile documents: same value or same error at the same line:column', () => {
    fc.assert(
      fc.property(docArb, (d) => {
        const text = edit(render(d), d.edits);
        // as in an editor: the text before is the same with one entry changed
        parseYaml(text.replace('filler-1.example.com"', 'filler-1.example.com:1"'));
        expect(parseYaml(text)).toEqual(parseYamlWhole(text));
      }),
      { seed: SEED, numRuns: 200 },
    );
  }, 60_000);

  it('typing a new mirror character by character: every intermediate text reads as the whole parse does', () => {
    const base = render({ mirrors: ENTRIES.slice(0, 4), configs: CONFIGS.slice(0, 3), doc: (t) => t, pad: true });
    const at = base.indexOf('configs:');
    const typed = '  new.example.com:\n    endpoint:\n      - "https://new.example.com:8443"\n    rewrite:\n      "^a/(.*)": "b/$1"\n';
    let errors = 0;
    for (let i = 0; i <= typed.length; i++) {
      const text = base.slice(0, at) + typed.slice(0, i) + base.slice(at);
      const got = parseYaml(text);
      expect(got, JSON.stringify(typed.slice(0, i))).toEqual(parseYamlWhole(text));
      if (!got.ok) errors++;
    }
    // the walk passes through broken texts (a key without its colon, an open quote …)
    expect(errors).toBeGreaterThan(0);
    const done = parseYaml(base.slice(0, at) + typed + base.slice(at));
    expect(done.ok && (done.value as { mirrors: Record<string, unknown> }).mirrors['new.example.com']).toEqual({ endpoint: ['https://new.example.com:8443'], rewrite: { '^a/(.*)': 'b/$1' } });
  });

  it('YAML 1.1 as the node reads it: yes is true for insecure_skip_verify, a string elsewhere', () => {
    const text = render({ mirrors: ['  yes:\n    endpoint: [on]\n'], configs: ['  "*":\n    tls:\n      insecure_skip_verify: yes\n'], doc: (t) => t, pad: true });
    const r = parseYaml(text);
    expect(r.ok).toBe(true);
    const v = (r as { value: { mirrors: Record<string, unknown>; configs: Record<string, { tls: unknown }> } }).value;
    expect(v.mirrors.yes).toEqual({ endpoint: ['on'] });
    expect(v.configs['*'].tls).toEqual({ insecure_skip_verify: true });
  });

  it('a duplicate mirror is refused at its line, whether or not the text was parsed before', () => {
    const base = render({ mirrors: ENTRIES.slice(0, 3), configs: [], doc: (t) => t, pad: true });
    expect(parseYaml(base).ok).toBe(true);
    const dup = base.replace('  filler-7.example.com:', '  filler-3.example.com:');
    const r = parseYaml(dup);
    const line = dup.split('\n').indexOf('  filler-7.example.com:') + 1 || dup.split('\n').lastIndexOf('  filler-3.example.com:') + 1;
    expect(r).toMatchObject({ ok: false, line });
    expect((r as { error: string }).error).toMatch(/duplicate key "filler-3.example.com"/);
  });

  it('each result is read-only: changing it throws, and the next parse is as before', () => {
    const text = render({ mirrors: ENTRIES.slice(0, 2), configs: CONFIGS.slice(0, 1), doc: (t) => t, pad: false });
    const edited = text.replace('filler-0.example.com"', 'filler-0.example.com:1"');
    for (const parse of [parseYaml, parseYamlWhole]) {
      const a = parse(text) as { ok: true; value: { mirrors: Record<string, { endpoint: string[] }> } };
      expect(() => a.value.mirrors['docker.io'].endpoint.push('https://changed.example.com')).toThrow(TypeError);
      expect(() => delete a.value.mirrors['*']).toThrow(TypeError);
      expect(() => Object.assign(a.value.mirrors, { x: {} })).toThrow(TypeError);
      for (const t of [text, edited]) {
        const b = parse(t) as { ok: true; value: { mirrors: Record<string, { endpoint: string[] }> } };
        expect(b.value.mirrors['docker.io'].endpoint).toEqual(['https://cache.example.com']);
        expect(b.value.mirrors['*']).toBeDefined();
      }
    }
  });
});

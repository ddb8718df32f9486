// The entry-by-entry parser (src/input/yaml-regions.ts) on its own, with a counting
// chunk parser: when it splits and when it leaves the text to the whole parse, that its
// value is the whole parse's, and that an edit re-parses only what it touched (unchanged
// entries and maps come back as the same objects). The reference value is the yaml
// library parsing the whole text.
import { parseDocument } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetMemos } from '../../src/lib/memo';
import { NODE_YAML_OPTIONS } from '../../src/input/parse-yaml';
import { countAliases, RegionParser } from '../../src/input/yaml-regions';

const whole = (text: string): unknown => parseDocument(text, NODE_YAML_OPTIONS).toJS();

let calls: Array<{ text: string; mode: string }> = [];
let p: RegionParser;
beforeEach(() => {
  calls = [];
  p = new RegionParser((text, mode) => {
    calls.push({ text, mode });
    const d = parseDocument(text, NODE_YAML_OPTIONS);
    return d.errors.length ? undefined : d.toJS();
  });
});

/** A registries file of n mirrors, each a few lines (about 90 bytes). */
function file(n: number, edit: (i: number) => string = () => ''): string {
  const out = ['mirrors:'];
  for (let i = 0; i < n; i++) out.push(`  m${i}.example.com:`, '    endpoint:', `      - https://mirror-${i}.example.com${edit(i)}`);
  return `${out.join('\n')}\n`;
}
const node = () => 'node';

describe('countAliases', () => {
  it('counts *name where YAML reads an alias, not a * inside a word or alone', () => {
    expect(countAliases('')).toBe(0);
    expect(countAliases('*a')).toBe(1);
    expect(countAliases('a: *x\nb: [*y,*z]\nc: {k: *w}\n- *v\nd:*u')).toBe(6);
    expect(countAliases('a: 2*3\nb: "x*"\nc: * \nd: *\ne: [*]\n')).toBe(0);
    expect(countAliases('a: **b')).toBe(1); // the anchor's name is *b
    expect(countAliases('a:\t*t\n-*i')).toBe(2);
    expect(countAliases('*a*b *c')).toBe(2);
  });
});

describe('when the text is left to the whole parse (undefined)', () => {
  it('short texts, and texts whose entries may depend on each other', () => {
    const base = file(60);
    expect(base.length).toBeGreaterThan(4096);
    p.parse(base, node);
    const edited = file(60, (i) => (i === 3 ? '/x' : ''));
    for (const bad of [
      edited.replace('    endpoint:', '\tendpoint:'),
      edited.replace('\n', '\r\n'),
      `\uFEFF${edited}`,
      `${edited}  x: {<<: {a: 1}}\n`,
      `---\n${edited}`,
      `${edited}...\n`,
      `%YAML 1.1\n${edited}`,
      `${edited}? complex\n: value\n`,
      `${edited}  k: &a 1\n  l: *a\n`,
    ]) expect(p.parse(bad, node)).toBeUndefined();
    expect(p.parse('mirrors: {}\n', node)).toBeUndefined();
    expect(p.parse(file(60), node, 10 * 1024 * 1024)).toBeUndefined();
  });

  it('the first text, one that is not an edit of the last, and the same text again after a whole parse', () => {
    const a = file(60);
    expect(p.parse(a, node)).toBeUndefined(); // nothing to reuse yet
    const b = file(60, (i) => (i === 5 ? '/v2' : ''));
    expect(p.parse(b, node)).toEqual(whole(b));
    expect(p.parse(file(20), node)).toBeUndefined(); // a third of the text: another document
    expect(p.parse(file(20), node)).toBeUndefined(); // the same again: the whole parse was just done
  });

  it('an entry that does not parse alone, a repeated key, __proto__, an item at the root, a line indented less than its map', () => {
    const a = file(60);
    p.parse(a, node);
    const cases = [
      a.replace('      - https://mirror-7.example.com', '      - [https://mirror-7.example.com'),
      `${a}  m3.example.com:\n    endpoint: []\n`,
      `${a}  __proto__:\n    endpoint: []\n`,
      `- item\n${a}`,
      a.replace('  m9.example.com:', ' m9.example.com:'),
      `# only comments\n${a.replace(/^mirrors:\n/, '')}`,
    ];
    for (const t of cases) {
      expect(p.parse(t, node)).toBeUndefined();
      p.parse(a, node);
    }
  });
});

describe('splitting gives the whole parse\'s value, and reuses what did not change', () => {
  it('an edit re-parses the group of the entry edited, not the others', () => {
    const a = file(200);
    p.parse(a, node);
    const b = file(200, (i) => (i === 100 ? '/b' : ''));
    calls = [];
    const vb = p.parse(b, node) as { mirrors: Record<string, unknown> };
    expect(vb).toEqual(whole(b));
    const first = calls.length;
    const c = file(200, (i) => (i === 100 ? '/c' : ''));
    calls = [];
    const vc = p.parse(c, node) as { mirrors: Record<string, unknown> };
    expect(vc).toEqual(whole(c));
    // only the edited entry's group (and the key lines) are parsed again
    expect(calls.filter((x) => x.text.includes('endpoint')).length).toBeLessThanOrEqual(2);
    expect(calls.length).toBeLessThan(first / 4);
    expect(vc.mirrors['m0.example.com']).toBe(vb.mirrors['m0.example.com']);
    expect(vc.mirrors['m199.example.com']).toBe(vb.mirrors['m199.example.com']);
    expect(vc.mirrors['m100.example.com']).not.toBe(vb.mirrors['m100.example.com']);
    expect(Object.isFrozen(vc.mirrors)).toBe(true);
  });

  it('the same text again gives the same object without parsing anything', () => {
    p.parse(file(100), node);
    const b = file(100, (i) => (i === 1 ? '/b' : ''));
    const vb = p.parse(b, node);
    calls = [];
    expect(p.parse(b, node)).toBe(vb);
    expect(calls).toEqual([]);
  });

  it('an edit elsewhere keeps the other maps the same objects; a map whose entries changed is a new one', () => {
    const text = (x: string, y: string) => `${file(60, (i) => (i === 2 ? x : ''))}configs:\n${Array.from({ length: 60 }, (_, i) => `  c${i}.example.com:\n    tls:\n      insecure_skip_verify: true\n      ca_file: /etc/ca-${i}${i === 9 ? y : ''}.pem\n`).join('')}`;
    p.parse(text('', ''), node);
    const v1 = p.parse(text('/1', ''), node) as Record<string, unknown>;
    const v2 = p.parse(text('/1', '-b'), node) as Record<string, unknown>;
    expect(v2).toEqual(whole(text('/1', '-b')));
    expect(v2.mirrors).toBe(v1.mirrors);
    expect(v2.configs).not.toBe(v1.configs);
    expect(v2).not.toBe(v1);
  });

  it('the view comes from the root keys and goes to every chunk', () => {
    const seenKeys: string[][] = [];
    const js = (keys: string[]) => {
      seenKeys.push(keys);
      return 'js';
    };
    const a = `apiVersion: v1\nkind: Thing\n${file(60)}`;
    p.parse(a, js);
    const b = a.replace('mirror-1.', 'mirror-one.');
    expect(p.parse(b, js)).toEqual(whole(b));
    expect(seenKeys.at(-1)).toEqual(['apiVersion', 'kind', 'mirrors']);
    expect(new Set(calls.map((c) => c.mode))).toEqual(new Set(['js']));
  });

  it('forgetMemos empties its tables: nothing from before is reused', () => {
    p.parse(file(100), node);
    const b = file(100, (i) => (i === 1 ? '/b' : ''));
    p.parse(b, node);
    forgetMemos();
    calls = [];
    expect(p.parse(b.replace('/b', '/c'), node)).toBeUndefined(); // a fresh start: the text is the first one
  });
});

describe('large entries are split again at their nested block map', () => {
  const big = (n: number, key: string, x = '') => `${key}\n${Array.from({ length: n }, (_, i) => `  m${i}.example.com:\n    endpoint: [https://mirror-${i}.example.com${i === 40 ? x : ''}]\n`).join('')}other: 1\n`;

  for (const key of ['mirrors:', 'mirrors: # the mirrors', '"mirrors":', "'mirrors':", 'mirrors :']) {
    it(`key line ${JSON.stringify(key)}`, () => {
      p.parse(big(80, key), node);
      const t = big(80, key, '/x');
      calls = [];
      const v = p.parse(t, node) as { mirrors: Record<string, unknown> };
      expect(v).toEqual(whole(t));
      // split: the edited entry's group is parsed, not the whole mirrors map
      expect(Math.max(...calls.map((c) => c.text.length))).toBeLessThan(2048);
    });
  }

  for (const key of ['"mir\\"rors":', "'mir''rors':", 'mirrors: {}', 'mi #x: y:', 'mirrors: value']) {
    it(`key line ${JSON.stringify(key)} is not split at its colon`, () => {
      const t0 = big(80, key);
      p.parse(t0, node);
      const t = big(80, key, '/x');
      const v = p.parse(t, node);
      if (v !== undefined) expect(v).toEqual(whole(t));
    });
  }

  it('an entry whose nested lines are a list stays whole', () => {
    const t = (x: string) => `mirrors:\n${Array.from({ length: 200 }, (_, i) => `- https://m${i}.example.com${i === 3 ? x : ''}\n`).join('')}a: 1\n`;
    p.parse(t(''), node);
    expect(p.parse(t('/x'), node)).toEqual(whole(t('/x')));
  });
});

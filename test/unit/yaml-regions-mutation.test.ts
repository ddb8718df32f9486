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

/** Parses `before`, then `after` (an edit of it) with a fresh parser: the value of `after` and the chunks parsed for it. */
function edit(before: string, after: string): { value: unknown; parsed: string[] } {
  const parsed: string[] = [];
  const q = new RegionParser((text) => {
    parsed.push(text);
    const d = parseDocument(text, NODE_YAML_OPTIONS);
    return d.errors.length ? undefined : d.toJS();
  });
  q.parse(before, node);
  parsed.length = 0;
  return { value: q.parse(after, node), parsed };
}

describe('the lines between entries: blank lines, comments and `- ` items are not entries', () => {
  // each text is an edit of its own base; it splits (a value, not undefined) and its value is
  // the whole parse's. A line taken for an entry would make its chunk a list, a scalar or
  // nothing, and the text would be left to the whole parse.
  const withEach = (sep: (i: number) => string, x = '') =>
    `mirrors:\n${Array.from({ length: 60 }, (_, i) => `  m${i}.example.com:\n    endpoint:\n      - https://mirror-${i}.example.com${i === 30 ? x : ''}\n${sep(i)}`).join('')}`;
  const cases: Array<[string, (x: string) => string]> = [
    ['blank lines between entries, empty and of spaces only', (x) => withEach((i) => (i % 2 ? '\n' : '   \n'), x)],
    ['comments at the map\'s indentation, deeper, and at the start of the line', (x) => withEach((i) => ['  # next\n', '      # deeper\n', '# left\n'][i % 3], x)],
    ['a list at its key\'s indentation, with `-` items alone on their line, then a root key that starts with -', (x) =>
      `${withEach(() => '', x)}list:\n- a\n-\n- - b\n-x: 1\n`],
    ['a sequence at its key\'s indentation inside an entry', (x) =>
      `mirrors:\n${Array.from({ length: 60 }, (_, i) => `  m${i}.example.com:\n    endpoint:\n    - https://mirror-${i}.example.com${i === 30 ? x : ''}\n`).join('')}`],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const after = text('/x');
      expect(after.length).toBeGreaterThan(4096);
      const { value } = edit(text(''), after);
      expect(value).not.toBeUndefined();
      expect(value).toEqual(whole(after));
    });
  }
});

describe('what the next parse may reuse', () => {
  it('after a text that failed to split (being typed), the entries of the last good parse are still reused', () => {
    const at = (x: string) => file(200, (i) => (i === 100 ? x : ''));
    p.parse(at(''), node);
    expect(p.parse(at('/a'), node)).toEqual(whole(at('/a')));
    // a second `key: value` on the line of entry 100's endpoint: a YAML error, its chunk does not parse
    expect(parseDocument(at('/a: x: y'), NODE_YAML_OPTIONS).errors).not.toHaveLength(0);
    expect(p.parse(at('/a: x: y'), node)).toBeUndefined();
    calls = [];
    expect(p.parse(at('/b'), node)).toEqual(whole(at('/b')));
    // only the group of entry 100 (and no other entry) is parsed again
    expect(calls.filter((c) => c.text.includes('endpoint'))).toHaveLength(1);
    expect(calls.filter((c) => c.text.includes('endpoint'))[0].text).toContain('mirror-100.example.com/b');
  });

  it('after a good parse only its own entries are kept: a value from two edits ago is parsed again', () => {
    const at = (x: string) => file(200, (i) => (i === 100 ? x : ''));
    p.parse(at(''), node);
    p.parse(at('/a'), node);
    p.parse(at('/b'), node);
    calls = [];
    expect(p.parse(at('/a'), node)).toEqual(whole(at('/a')));
    expect(calls.filter((c) => c.text.includes('mirror-100.example.com/a'))).toHaveLength(1);
  });
});

describe('what counts as an edit of the last text (else the whole parse is cheaper)', () => {
  const base = file(60);
  // a root key whose value pads the text to `length`
  const padded = (text: string, length: number) => {
    const head = `${text}zz: "`;
    return `${head}${'p'.repeat(length - head.length - 2)}"\n`;
  };

  it('a text twice as long whose first half is the last text: an edit', () => {
    const after = padded(base, 2 * base.length);
    expect(after.length).toBe(2 * base.length);
    const { value } = edit(base, after);
    expect(value).toEqual(whole(after));
  });

  it('a text longer than twice the last: not an edit', () => {
    expect(edit(base, padded(base, 2 * base.length + 2)).value).toBeUndefined();
  });

  it('the same length with exactly half of it changed in the middle: an edit; one more character changed: not', () => {
    // upper-case a run of letters in the middle; the first and last of the run change
    const n = base.length - (base.length % 2);
    const a = base.slice(0, n);
    let s = Math.floor(n / 4);
    while (!/[a-z]/.test(a[s]) || !/[a-z]/.test(a[s + n / 2 - 1])) s++;
    const upper = (from: number, to: number) => `${a.slice(0, from)}${a.slice(from, to).toUpperCase()}${a.slice(to)}`;
    const half = upper(s, s + n / 2);
    expect(half.length).toBe(a.length);
    expect(half[s]).not.toBe(a[s]);
    expect(half[s + n / 2 - 1]).not.toBe(a[s + n / 2 - 1]);
    const { value } = edit(a, half);
    expect(value).toEqual(whole(half));
    let t = s + n / 2;
    while (!/[a-z]/.test(a[t])) t++;
    expect(edit(a, upper(s, t + 1)).value).toBeUndefined();
  });
});

describe('a root line that is no `key:` entry', () => {
  // FNV-1a as the splitter hashes key lines: to find texts where such a line is a group of its
  // own (a group ends after an entry whose key line hashes to 0 mod 8)
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return (h >>> 0) % 8;
  };
  const ends = (prefix: string, rest: string) => {
    for (let k = 0; ; k++) if (fnv(`${prefix}${k}${rest}\n`) === 0) return `${prefix}${k}${rest}`;
  };

  for (const [name, line] of [['a flow sequence', (k: string) => `[${k}]`], ['a flow map', (k: string) => `{${k}: 1}`], ['a scalar', (k: string) => `x${k}`]] as const) {
    it(`${name} alone in its group: left to the whole parse, which reports the error`, () => {
      const before = ends('k', ': 1');
      const odd = (() => {
        for (let k = 0; ; k++) if (fnv(`${line(String(k))}\n`) === 0) return line(String(k));
      })();
      const text = (x: string) => `${file(60, (i) => (i === 3 ? x : ''))}${before}\n${odd}\nz: 2\n`;
      expect(parseDocument(text('/x'), NODE_YAML_OPTIONS).errors).not.toHaveLength(0);
      const { value, parsed } = edit(text(''), text('/x'));
      expect(value).toBeUndefined();
      // the line was parsed on its own, or refused before (else this case would not test it)
      if (!/^[{[]/.test(odd)) expect(parsed).toContain(`${odd}\n`);
      // (undefined: parseYaml parses the whole text, and reports the error with its line)
    });
  }
});

// parseYaml at each of its guards and in each of its two readings, with expected values
// written from what the node does: RKE2/K3s read registries.yaml with Go yaml.v2 (YAML
// 1.1: `yes`/`on` are booleans, but only a bool field of the agent's structs takes them;
// a string field takes the text as written; a repeated key is an error; the first
// document only – we refuse the rest). kubectl reads manifests as YAML 1.1 and turns them
// into JSON, so a Cluster manifest keeps YAML 1.1's types. Every case runs through both
// parseYaml (entry by entry, memoised) and parseYamlWhole (the whole text).
import { describe, expect, it } from 'vitest';
import { parseYaml, parseYamlWhole, type YamlResult } from '../../src/input/parse-yaml';

const both = (text: string): YamlResult => {
  const a = parseYaml(text);
  const b = parseYamlWhole(text);
  expect(a).toEqual(b);
  return a;
};
const value = (text: string): unknown => {
  const r = both(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${r.error}`);
  return r.value;
};

describe('what is refused before parsing', () => {
  it('a file over 1 MiB (the size says how big), not one of exactly 1 MiB', () => {
    const pad = (n: number) => `# ${'x'.repeat(n - 3)}\n`;
    expect(both(pad(1024 * 1024))).toEqual({ ok: true, value: null });
    expect(both(pad(1024 * 1024 + 1))).toEqual({ ok: false, error: 'the file is 1.0 MiB; registries.yaml files over 1 MiB are refused' });
    expect(both(pad(1024 * 1024 * 1.5))).toMatchObject({ error: 'the file is 1.5 MiB; registries.yaml files over 1 MiB are refused' });
  });

  it('NUL bytes', () => {
    expect(both('mirrors:\n  a\u0000b: {}\n')).toEqual({ ok: false, error: 'the file contains NUL bytes: it is not a text YAML file' });
  });

  it('more than 100 aliases; 100 are fine', () => {
    const text = (n: number) => `x: &a 1\nl: [${Array.from({ length: n }, () => '*a').join(', ')}]\n`;
    expect(value(text(100))).toEqual({ x: '1', l: Array.from({ length: 100 }, () => '1') });
    expect(both(text(101))).toEqual({ ok: false, error: 'the file uses 101 YAML aliases (*name); more than 100 is refused, as in an alias bomb' });
  });

  it('an implicit key over the 1024 characters YAML allows, at the key\'s line and column (a quoted one too)', () => {
    const k = (n: number) => 'k'.repeat(n);
    expect(value(`mirrors:\n  ${k(1024)}: {}\n`)).toEqual({ mirrors: { [k(1024)]: {} } });
    const err = { ok: false, error: 'an implicit key is longer than the 1024 characters YAML allows (RKE2/K3s refuse the file)' };
    expect(both(`mirrors:\n  ${k(1025)}: {}\n`)).toEqual({ ...err, line: 2, column: 3 });
    expect(both(`a: 1\nlist:\n- ${k(2000)}:\n`)).toEqual({ ...err, line: 3, column: 3 });
    expect(both(`a: 1\n\t${k(1030)}: x\n`)).toEqual({ ...err, line: 2, column: 2 });
    // quoted, the key is refused by the parser itself (YAML's limit covers every implicit key)
    expect(both(`mirrors:\n  "${k(1030)}": {}\n`)).toEqual({ ok: false, error: 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key', line: 2, column: 3 });
    // a long line that is no key: a value, a comment, a value with a colon but no space after it
    expect(value(`a: ${k(2000)}\n# ${k(2000)}: x\n`)).toEqual({ a: k(2000) });
    expect(value(`a: ${k(1030)}:x\n`)).toEqual({ a: `${k(1030)}:x` });
  });

  it('flow collections nested more than 500 deep; brackets in quotes and comments do not count', () => {
    const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(both(`a: ${nest(501)}\n`)).toEqual({ ok: false, error: 'the YAML is nested too deeply (more than 500 levels of [ or {) to be a registries file' });
    expect(both(`a: ${'{"k": '.repeat(501)}1${'}'.repeat(501)}\n`)).toMatchObject({ error: expect.stringMatching(/more than 500 levels/) });
    const deep = value(`a: ${nest(40)}\n`);
    expect(JSON.stringify(deep)).toBe(`{"a":${nest(40)}}`);
    const s = '['.repeat(600);
    expect(value(`a: "${s}"\nb: '${s}'\nc: x # ${s}\n# ${s}\nd: [x, "${s}", '${s}']\n`)).toEqual({ a: s, b: s, c: 'x', d: ['x', s, s] });
    // an escaped quote does not end a double-quoted string; '' is a quote in a single-quoted one
    expect(value(`a: "q\\" ${s}"\nb: 'q'' ${s}'\n`)).toEqual({ a: `q" ${s}`, b: `q' ${s}` });
    // a # with no space before it starts no comment: the brackets after it count
    expect(both(`a: [b#c, ${nest(501)}]\n`)).toEqual({ ok: false, error: 'the YAML is nested too deeply (more than 500 levels of [ or {) to be a registries file' });
    // a quote opens after [ { , and : too
    expect(value(`a: {"k":"${s}"}\nb: ["${s}",'${s}']\n`)).toEqual({ a: { k: s }, b: [s, s] });
    // closing brackets that open nothing do not lower the count below zero
    expect(both(`a: "x"\nb: ]]]]\nc: ${nest(501)}\n`)).toMatchObject({ ok: false });
  });
});

describe('errors with their line and column', () => {
  it('a syntax error: the message without the library position, and the position as numbers', () => {
    const r = both('mirrors:\n  docker.io:\n    endpoint: [https://a\n');
    expect(r).toMatchObject({ ok: false, line: expect.any(Number), column: expect.any(Number) });
    expect(r.ok ? '' : r.error).not.toMatch(/at line \d+, column \d+/);
    expect(r.ok ? '' : r.error).not.toBe('');
  });

  it('a key twice in one map (RKE2/K3s refuse the file), with the second one\'s position; `<<` may repeat', () => {
    expect(both('mirrors:\n  a.example: {}\n  b.example: {}\n  a.example: {}\n')).toEqual({ ok: false, error: 'duplicate key "a.example": a key appears twice in one map (RKE2/K3s refuse the file)', line: 4, column: 3 });
    expect(both('a: 1\nb:\n  1: x\n  "1": y\n')).toMatchObject({ error: 'duplicate key "1": a key appears twice in one map (RKE2/K3s refuse the file)', line: 4, column: 3 });
    expect(both('a: 1\nb:\n  0x1F: x\n  0x1F: y\n')).toMatchObject({ error: expect.stringMatching(/^duplicate key "0x1F"/), line: 4 });
    const long = `${'d'.repeat(100)}.example`;
    expect(both(`m:\n  ${long}: 1\n  ${long}: 2\n`)).toMatchObject({ error: `duplicate key "${'d'.repeat(80)}…": a key appears twice in one map (RKE2/K3s refuse the file)` });
    expect(both('m:\n  https://user:pw@h.example: 1\n  https://user:pw@h.example: 2\n')).toMatchObject({ error: 'duplicate key "https://xxxxx@h.example": a key appears twice in one map (RKE2/K3s refuse the file)' });
    // the same key in two different maps is fine; merge keys repeat
    expect(value('base1: &b1 {x: 1}\nbase2: &b2 {y: 2}\nm:\n  <<: *b1\n  <<: *b2\n  z: 3\nn: {x: 9}\n')).toMatchObject({ m: { x: '1', y: '2', z: '3' }, n: { x: '9' } });
    // a complex (non-scalar) key is not compared
    expect(both('? [a]\n: 1\n? [a]\n: 2\n')).toMatchObject({ ok: true });
  });

  it('two documents are refused at the second ---; empty documents do not count', () => {
    expect(both('a: 1\n---\nb: 2\n')).toEqual({ ok: false, error: 'the file holds 2 YAML documents; a registries file holds one (split it at ---)', line: 2, column: 1 });
    expect(both('---\na: 1\n---\nb: 2\n---\nc: 3\n')).toEqual({ ok: false, error: 'the file holds 3 YAML documents; a registries file holds one (split it at ---)', line: 3, column: 1 });
    expect(both('# head\n# more\n---\na: 1\n---\nb: 2\n')).toMatchObject({ line: 5, column: 1 });
    expect(value('---\n---\na: 1\n---\n~\n---\n')).toEqual({ a: '1' });
    expect(value('')).toBeNull();
    expect(value('# only a comment\n')).toBeNull();
    expect(value('~\n')).toBeNull();
  });
});

describe('the node\'s reading of a registries.yaml (yaml.v2 into the agent\'s structs)', () => {
  it('bool fields take YAML 1.1 booleans; every other field and every key keeps its text', () => {
    expect(value([
      'mirrors:',
      '  yes:',
      '    endpoint: [on, 0x1F, 1e999, 2024-01-01, true, ~, null, 012]',
      '  1.5: {}',
      'configs:',
      '  a.example:',
      '    tls:',
      '      insecure_skip_verify: yes',
      '  b.example:',
      '    tls:',
      '      insecure_skip_verify: "true"',
      '  c.example:',
      '    tls:',
      '      insecure_skip_verify: 1',
      '  d.example:',
      '    auth: {username: off, password: 0o17}',
      '    insecureSkipVerify: on',
      '',
    ].join('\n'))).toEqual({
      mirrors: { yes: { endpoint: ['on', '0x1F', '1e999', '2024-01-01', 'true', null, null, '012'] }, 1.5: {} },
      configs: {
        'a.example': { tls: { insecure_skip_verify: true } },
        'b.example': { tls: { insecure_skip_verify: 'true' } },
        'c.example': { tls: { insecure_skip_verify: '1' } },
        'd.example': { auth: { username: 'off', password: '0o17' }, insecureSkipVerify: true },
      },
    });
  });

  it('a bool field name used as a key or inside a list is not a bool field', () => {
    expect(value('mirrors:\n  insecure_skip_verify:\n    endpoint: [yes]\nl:\n- insecure_skip_verify\n- on\n')).toEqual({ mirrors: { insecure_skip_verify: { endpoint: ['yes'] } }, l: ['insecure_skip_verify', 'on'] });
  });

  it('a map with a Kubernetes key that is still a node file (no kind/apiVersion) is read the node\'s way', () => {
    expect(value('spec: on\nmirrors:\n  docker.io:\n    endpoint: [0x1F]\n')).toEqual({ spec: 'on', mirrors: { 'docker.io': { endpoint: ['0x1F'] } } });
  });

  it('the value is sealed: no one changes the parse others share', () => {
    const v = value('mirrors:\n  docker.io:\n    endpoint: [https://a.example]\n') as { mirrors: Record<string, { endpoint: string[] }> };
    expect(Object.isFrozen(v)).toBe(true);
    expect(Object.isFrozen(v.mirrors['docker.io'].endpoint)).toBe(true);
  });
});

describe('a Cluster manifest (kubectl: YAML 1.1 into JSON)', () => {
  it('keeps YAML 1.1 types: booleans, numbers, null', () => {
    expect(value([
      'apiVersion: provisioning.cattle.io/v1',
      'kind: Cluster',
      'metadata: {name: c}',
      'spec:',
      '  rkeConfig:',
      '    registries:',
      '      configs:',
      '        a.example:',
      '          insecureSkipVerify: yes',
      '          port: 0x1F',
      '          caBundle: ~',
      '',
    ].join('\n'))).toEqual({ apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', metadata: { name: 'c' }, spec: { rkeConfig: { registries: { configs: { 'a.example': { insecureSkipVerify: true, port: 31, caBundle: null } } } } } });
  });

  it('a List of objects stays a manifest (the key n is YAML 1.1 false, which kubectl sends as "false")', () => {
    expect(value('apiVersion: v1\nkind: List\nitems:\n- {kind: Secret, data: {num: 0x10, n: 1}}\n')).toEqual({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'Secret', data: { num: 16, false: 1 } }] });
  });
});

describe('aliases', () => {
  it('an alias that multiplies the document past 20,000 values is refused, with the first alias\'s position', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 5; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const r = both(`${lines.join('\n')}\n`);
    expect(r).toEqual({ ok: false, error: 'the document expands to more than 20,000 values through aliases (an alias bomb); RKE2/K3s refuse it too', line: 2, column: 10 });
  });

  it('aliases that stay small are expanded as the node expands them', () => {
    expect(value('e: &e [https://a.example]\nmirrors:\n  docker.io: {endpoint: *e}\n  quay.io: {endpoint: *e}\n')).toEqual({ e: ['https://a.example'], mirrors: { 'docker.io': { endpoint: ['https://a.example'] }, 'quay.io': { endpoint: ['https://a.example'] } } });
  });
});

describe('entry by entry while typing: every edit gives the whole-text result', () => {
  it('an edited, added, removed and broken entry', () => {
    const base = 'mirrors:\n  docker.io:\n    endpoint: [https://a.example]\n  quay.io:\n    endpoint: [https://q.example]\n';
    const steps = [
      base,
      base.replace('https://a.example', 'https://b.example'),
      `${base}  ghcr.io:\n    endpoint: [https://g.example]\n`,
      base.replace('  quay.io:\n    endpoint: [https://q.example]\n', ''),
      base.replace('[https://q.example]', '[https://q.example'),
      base.replace('quay.io', 'docker.io'),
      `apiVersion: v1\nkind: Cluster\n${base}`,
      base,
    ];
    const seen = steps.map((t) => both(t));
    expect(seen[1]).toMatchObject({ ok: true, value: { mirrors: { 'docker.io': { endpoint: ['https://b.example'] } } } });
    expect(seen[4]).toMatchObject({ ok: false });
    expect(seen[5]).toMatchObject({ ok: false, line: 4 });
    expect(seen[7]).toEqual(seen[0]);
  });
});

// How the CLI writes large outputs: in pieces that add up to exactly the text one
// JSON.stringify (or one join) of everything would make, and the same bytes whether
// stdout is a pipe, a file or an in-process sink.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { ChunkedOut, outputOf } from '../../src/cli/io';
import { writeJsonArray } from '../../src/cli/routes';
import { scratch } from './cli-bin';

function sink() {
  const writes: string[] = [];
  return { writes, out: { write: (s: string) => { writes.push(s); return true; } }, text: () => writes.join('') };
}

// items with nesting, shared objects, empty arrays and strings JSON must escape
const item = (i: number) => ({
  input: `img-${i}\u2028"q"\\`,
  attempts: i % 3 === 0 ? [] : [{ url: `https://m/${i}`, tls: { ca: [], client: [['c', 'k']], skipVerify: i % 2 === 0 }, auth: null }],
  findings: i === 0 ? [{ code: 'X', path: ['mirrors', 'a.b'] }] : [],
  n: i,
  gone: undefined,
});

describe('writeJsonArray: JSON.stringify(items, null, 2) in batches', () => {
  it.each([0, 1, 2, 15, 16, 17, 31, 32, 33, 100])('%i items: the same text as one JSON.stringify', (count) => {
    const items = Array.from({ length: count }, (_, i) => item(i));
    const s = sink();
    writeJsonArray(s.out, count, (i) => items[i]);
    expect(s.text()).toBe(`${JSON.stringify(items, null, 2)}\n`);
    // never one string of the whole array: 100 items come in several writes
    if (count === 100) expect(s.writes.length).toBeGreaterThan(4);
  });
  it('asks for each item once, in order', () => {
    const asked: number[] = [];
    writeJsonArray(sink().out, 40, (i) => {
      asked.push(i);
      return i;
    });
    expect(asked).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});

describe('ChunkedOut', () => {
  it('hands on the pieces in order, in chunks of at least the chunk size but the last', () => {
    const s = sink();
    const c = new ChunkedOut(s.out, 100);
    const pieces = Array.from({ length: 57 }, (_, i) => `piece ${i}|`.repeat((i % 5) + 1));
    for (const p of pieces) c.write(p);
    expect(s.text()).not.toBe(pieces.join(''));
    c.flush();
    expect(s.text()).toBe(pieces.join(''));
    expect(s.writes.slice(0, -1).every((w) => w.length >= 100)).toBe(true);
    c.flush();
    expect(s.writes.length).toBeLessThan(pieces.length);
    expect(s.text()).toBe(pieces.join(''));
  });
});

describe('outputOf', () => {
  it('keeps any sink that is not process.stdout as it is', () => {
    const s = sink();
    expect(outputOf(s.out)).toBe(s.out);
  });
});

describe('routes: an image listed twice', () => {
  const { file } = scratch('rr-out-');
  const reg = file('mirrors:\n  docker.io:\n    endpoint: ["https://mirror.example.com"]\n    rewrite:\n      "^library/(.*)": "hub/$1"\n  "bad key!":\n    endpoint: ["https://x.example.com"]\nconfigs:\n  mirror.example.com:\n    tls:\n      insecure_skip_verify: true\n');
  const list = file(['nginx', 'ghcr.io/a/b:1', 'nginx', 'NOT//valid', 'ghcr.io/a/b:1', 'nginx:1.27'].join('\n'), 'list.txt');
  const run = (args: string[]) => {
    const out = sink();
    const err = sink();
    const code = main(args, out.out, err.out);
    return { code, stdout: out.text(), stderr: err.text() };
  };
  it('--json: one object per line of the list, a repeated image the same object as its first', () => {
    const r = run(['--registries', reg, '--images-file', list, '--json']);
    expect(r.code).toBe(1);
    const routes = JSON.parse(r.stdout);
    expect(routes.map((x: { input: string }) => x.input)).toEqual(['nginx', 'ghcr.io/a/b:1', 'nginx', 'NOT//valid', 'ghcr.io/a/b:1', 'nginx:1.27']);
    expect(Object.keys(routes[0])).toEqual(['input', 'image', 'registry', 'repository', 'reference', 'hostsDir', 'attempts', 'findings', 'profile', 'distroVersion', 'distro', 'settingsFindings']);
    // the first object carries the other findings of the settings, the repeat does not
    expect(routes[0].settingsFindings.map((f: { code: string }) => f.code)).toContain('MIRROR_KEY_INVALID');
    expect(routes[2]).toEqual({ ...routes[0], settingsFindings: [] });
    expect(routes[4]).toEqual(routes[1]);
    expect(routes[0].attempts[0]).toMatchObject({ repository: 'hub/nginx', rewrite: { pattern: '^library/(.*)', replacement: 'hub/$1' }, tls: { skipVerify: true } });
    expect(r.stdout).toBe(`${JSON.stringify(routes, null, 2)}\n`);
  });
  it('text: a block per line of the list, the repeat printed again', () => {
    const r = run(['--registries', reg, '--images-file', list]);
    const blocks = r.stdout.split('\n\n');
    expect(blocks).toHaveLength(7);
    expect(blocks[2]).toBe(blocks[0]);
    expect(blocks[6]).toMatch(/^Other findings of the settings:\n {2}error {3}MIRROR_KEY_INVALID/);
    expect(r.stdout.endsWith('\n')).toBe(true);
  });
});

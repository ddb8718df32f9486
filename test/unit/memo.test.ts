// The memo tables of the keystroke path: a value is computed once per key, the table
// is bounded, and forgetMemos() empties every table (mutation testing calls it before
// each test, so each test runs the code it depends on).
import { describe, expect, it } from 'vitest';
import { forgetMemos, Memo } from '../../src/lib/memo';

describe('Memo', () => {
  it('computes a key once, then answers from the table', () => {
    const m = new Memo<string, number>(10);
    let calls = 0;
    expect(m.get('a', () => ++calls)).toBe(1);
    expect(m.get('a', () => ++calls)).toBe(1);
    expect(m.get('b', () => ++calls)).toBe(2);
    expect(calls).toBe(2);
  });

  it('holds at most max entries: the next new key starts an empty table', () => {
    const m = new Memo<number, string>(2);
    let calls = 0;
    const make = (k: number) => () => `${k}:${++calls}`;
    m.get(1, make(1));
    m.get(2, make(2));
    expect(m.get(3, make(3))).toBe('3:3'); // table full: cleared, then 3 stored
    expect(m.get(1, make(1))).toBe('1:4'); // 1 was dropped with the clear
    expect(m.get(3, make(3))).toBe('3:3');
  });

  it('forgetMemos() empties every table, also ones filled before it', () => {
    const a = new Memo<string, number>(10);
    const b = new Memo<string, number>(10);
    let calls = 0;
    a.get('k', () => ++calls);
    b.get('k', () => ++calls);
    forgetMemos();
    expect(a.get('k', () => ++calls)).toBe(3);
    expect(b.get('k', () => ++calls)).toBe(4);
    expect(a.get('k', () => ++calls)).toBe(3);
  });
});

describe('forgetMemos() and the YAML entry parser', () => {
  // mutation testing relies on this: a test after forgetMemos() parses every entry itself,
  // it does not reuse those an earlier test parsed
  it('an edit after forgetMemos() reuses no entry of the parse before it', async() => {
    const { parse } = await import('yaml');
    const { RegionParser } = await import('../../src/input/yaml-regions');
    const parsed: string[] = [];
    const p = new RegionParser((text) => {
      parsed.push(text);

      return parse(text);
    });
    const doc = (n: number) => `a:\n  x: 1\nb:\n  y: ${n}\nc:\n  z: 3\n`;
    const mode = () => 'js';
    p.parse(doc(1), mode, 0); // the first text: parsed whole by the caller
    p.parse(doc(2), mode, 0);
    parsed.length = 0;
    expect(p.parse(doc(3), mode, 0)).toEqual({ a: { x: 1 }, b: { y: 3 }, c: { z: 3 } });
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.some((t) => t.includes('x: 1'))).toBe(false); // entry a is reused
    forgetMemos();
    parsed.length = 0;
    expect(p.parse(doc(4), mode, 0)).toBeUndefined(); // not an edit of anything known: parsed whole
    expect(parsed).toEqual([]);
  });
});

describe('Canonical and PerEntry (the per-entry memo of compile)', () => {
  it('Canonical: equal content is one frozen copy, never the caller\'s object', async() => {
    const { Canonical } = await import('../../src/lib/memo');
    const c = new Canonical<{ endpoints: string[]; rewrites: Array<[string, string]> }>(10);
    const mine = { endpoints: ['https://a'], rewrites: [['x', 'y']] as Array<[string, string]> };
    const a = c.of(mine);
    expect(a).not.toBe(mine);
    expect(a).toEqual(mine);
    expect(c.of({ endpoints: ['https://a'], rewrites: [['x', 'y']] })).toBe(a);
    expect(c.of(a)).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.endpoints) && Object.isFrozen(a.rewrites[0])).toBe(true);
    mine.endpoints.push('https://b'); // the caller's object stays the caller's
    expect(a.endpoints).toEqual(['https://a']);
    expect(c.of(mine)).not.toBe(a);
  });

  it('PerEntry: one value per entry and context, made again when stale or after forgetMemos()', async() => {
    const { PerEntry } = await import('../../src/lib/memo');
    const m = new PerEntry<object, { n: number; dep: number }>();
    const e = Object.freeze({});
    let calls = 0;
    let dep = 1;
    const get = (ctx: string) => m.get(e, ctx, () => ({ n: ++calls, dep }), (v) => v.dep === dep);
    expect(get('a').n).toBe(1);
    expect(get('a').n).toBe(1);
    expect(get('b').n).toBe(2);
    dep = 2; // an input outside the context changed: made again
    expect(get('a').n).toBe(3);
    expect(get('a').n).toBe(3);
    forgetMemos();
    expect(get('a').n).toBe(4);
    expect(m.get(Object.freeze({}), 'a', () => ({ n: 99, dep })).n).toBe(99); // another entry
  });
});

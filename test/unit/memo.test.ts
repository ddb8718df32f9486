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

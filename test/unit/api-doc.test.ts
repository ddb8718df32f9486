// src/API.md documents the engine's one doorway: every value src/index.ts exports is
// named there, and every function the page names is exported.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src';

const doc = readFileSync(new URL('../../src/API.md', import.meta.url), 'utf8');
/** `name` or `name(…)` written in code spans */
const documented = new Set([...doc.matchAll(/`([A-Za-z_][\w]*)(?:\(|`)/g)].map((m) => m[1]));

describe('src/API.md', () => {
  it('names every value export of src/index.ts', () => {
    const missing = Object.keys(api).filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('names no function the engine does not export', () => {
    const called = [...doc.matchAll(/`([a-z][\w]*)\(/g)].map((m) => m[1]);
    const unknown = called.filter((name) => !(name in api));
    expect(unknown).toEqual([]);
  });
});

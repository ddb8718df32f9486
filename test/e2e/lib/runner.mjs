// A very small sequential test runner: no framework, only what the browser suite
// needs. Every test gets a fresh context object; failures are collected and the
// run ends with one line `N passed, M failed`.
import { inspect } from 'node:util';

const tests = [];

/**
 * Register a test. `opts.timeout` (ms) bounds it; a test that throws or times out fails.
 * @param {string} name
 * @param {(t: TestContext) => Promise<void>} fn
 * @param {{ timeout?: number }} [opts]
 */
export function test(name, fn, opts = {}) {
  tests.push({ name, fn, timeout: opts.timeout ?? 60_000 });
}

export class TestContext {
  constructor(name) {
    this.name = name;
    this.notes = [];
    this.cleanups = [];
  }

  /** A line printed under the test's result (warnings, measurements). */
  note(msg) {
    this.notes.push(msg);
  }

  /** Run at the end of the test, pass or fail, in reverse order. */
  defer(fn) {
    this.cleanups.push(fn);
  }
}

function fmtMs(ms) {
  return ms >= 1000 ? `${ (ms / 1000).toFixed(1) }s` : `${ ms }ms`;
}

function withTimeout(promise, ms, name) {
  let timer;

  return Promise.race([
    promise,
    new Promise((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ fmtMs(ms) }: ${ name }`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function errorText(e) {
  if (e instanceof Error) {
    // playwright errors carry a long call log; keep the message and the first stack frames
    const stack = (e.stack || '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 3).join('\n');

    return `${ e.message }${ stack ? `\n${ stack }` : '' }`;
  }

  return inspect(e);
}

function indent(s, pad = '      ') {
  return String(s).split('\n').map((l) => pad + l).join('\n');
}

/**
 * Run every registered test whose name matches `filter` (a RegExp or undefined).
 * @param {{ filter?: RegExp, log?: (...args: unknown[]) => void }} [opts]
 * @returns {Promise<{passed: number, failed: number, results: any[]}>}
 */
export async function runTests({ filter, log = console.log } = {}) {
  const results = [];
  const selected = filter ? tests.filter((t) => filter.test(t.name)) : tests;

  for (const t of selected) {
    const ctx = new TestContext(t.name);
    const start = Date.now();
    let error = null;

    try {
      await withTimeout(Promise.resolve().then(() => t.fn(ctx)), t.timeout, t.name);
    } catch (e) {
      error = e;
    }
    for (const c of ctx.cleanups.reverse()) {
      try {
        await c();
      } catch (e) {
        ctx.note(`cleanup failed: ${ e?.message || e }`);
      }
    }
    const ms = Date.now() - start;

    results.push({ name: t.name, ok: !error, ms, error, notes: ctx.notes });
    log(`${ error ? '✗ FAIL' : '✓ pass' }  ${ t.name }  (${ fmtMs(ms) })`);
    for (const n of ctx.notes) {
      log(indent(n));
    }
    if (error) {
      log(indent(errorText(error)));
    }
  }

  return {
    passed: results.filter((r) => r.ok).length,
    failed: results.filter((r) => !r.ok).length,
    results,
  };
}

export { fmtMs };

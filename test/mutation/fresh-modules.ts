// vitest.mutation.config.mts runs every test file in one worker (isolate: false).
// Before each file, forget the evaluated src/ and test modules, so module-level state
// starts as in a fresh process; dependencies from node_modules are loaded natively
// and stay loaded (that is the time saved).
// Before each test, empty the engine's memo tables (and the YAML entry parser's, which
// follows memoGeneration()): Stryker's per-test coverage must
// see every test run the code it depends on. With a value cached by an earlier test
// (or at import), a later test that would kill a mutant of that code is not recorded
// as covering it, is never run for it, and the mutant "survives" for nothing.
import { beforeEach, vi } from 'vitest';

vi.resetModules();
const { forgetMemos } = await import('../../src/lib/memo');
// the RE2 engine, into the fresh module of the engine that holds it (test/lib/load-re2.ts)
await (await import('../../src/containerd/re2')).loadRe2();

beforeEach(() => forgetMemos());

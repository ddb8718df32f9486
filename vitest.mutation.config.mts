import { defineConfig } from 'vitest/config';

// The engine's own tests (test/unit), as Stryker runs them for every mutant of src/.
// The component tests are left out: they mount the tab with the real shell in
// happy-dom (minutes, not seconds), and every engine behaviour they rely on is
// pinned in test/unit with independently written expectations.
export default defineConfig({
  test: {
    include:     ['test/unit/**/*.test.ts'],
    environment: 'node',
    // relaxes wall-clock bounds and leaves out the child-process corpus cases
    // (test/unit/robustness/corpus.ts, TIME_BOUNDS)
    env:         { RR_MUTATION: '1' },
    // the instrumented engine on a busy machine: generous, Stryker's own timeout catches hangs
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

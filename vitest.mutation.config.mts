import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// Test files whose covering tests take seconds under Stryker's instrumentation
// (measured on the instrumented engine, slowest last). Every other file runs before
// them, smallest first: Stryker stops a mutant's run at the first failing test
// (bail), so a mutant that a quick test kills never waits for these.
const SLOW_LAST = [
  // these two start the built bin/ in their tests (only their in-process parts cover src/)
  'test/unit/cli-readme.test.ts',
  'test/unit/cli-roundtrip.test.ts',
  'test/unit/finding-texts.test.ts',
  'test/unit/open-and-link.test.ts',
  'test/unit/findings.test.ts',
  'test/unit/cli.test.ts',
  'test/unit/node-files.test.ts',
  'test/unit/robustness/export-import-roundtrip.test.ts',
  'test/unit/robustness/hostile-corpus.test.ts',
  'test/unit/robustness/properties.test.ts',
];

class QuickFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => SLOW_LAST.findIndex((s) => f.moduleId.endsWith(s));
    const size = (f: TestSpecification) => statSync(f.moduleId).size;

    return [...files].sort((a, b) => rank(a) - rank(b) || size(a) - size(b));
  }
}

// The engine's own tests (test/unit), as Stryker runs them for every mutant of src/.
// The component tests are left out: they mount the tab with the real shell in
// happy-dom (minutes, not seconds), and every engine behaviour they rely on is
// pinned in test/unit with independently written expectations.
export default defineConfig({
  test: {
    include:     ['test/unit/**/*.test.ts'],
    exclude:     [
      '**/node_modules/**',
      // these run the built bin/ as a child process, or the stand-in Rancher API: no
      // engine code runs in the test process, so they cannot kill a mutant of src/
      // (a child process never sees Stryker's active mutant); they only cost time
      'test/unit/cli-fleet.test.ts',
      'test/unit/cli-pipelines.test.ts',
      'test/unit/cli-texts.test.ts',
      'test/unit/rancher-api.test.ts',
      // compares the l10n files with each other; it runs no engine code
      'test/unit/l10n-parity.test.ts',
      // runs scripts/mutation.mjs against a stand-in Stryker: no engine code either
      'test/unit/mutation-script.test.ts',
    ],
    environment: 'node',
    // one worker for all test files of a mutant's run, not a fresh thread per file: the
    // dependencies (zod, yaml, fast-check, re2js) load once. test/mutation/fresh-modules.ts
    // re-evaluates src/ before every file and empties the memo tables before every test:
    // no value computed under one mutant (or by an earlier test) hides a computation
    // from Stryker's per-test coverage.
    isolate:     false,
    setupFiles:  ['test/mutation/fresh-modules.ts'],
    // a temporary directory of the run's own (test/lib/private-tmp.ts): each of Stryker's test
    // runs writes its files there, and none is left in the system's when the runners end
    globalSetup: ['test/lib/private-tmp.ts'],
    sequence:    { sequencer: QuickFirst },
    // relaxes wall-clock bounds and leaves out the child-process corpus cases
    // (test/unit/robustness/corpus.ts, TIME_BOUNDS)
    env:         { RR_MUTATION: '1' },
    // the instrumented engine on a busy machine: generous, Stryker's own timeout catches hangs
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

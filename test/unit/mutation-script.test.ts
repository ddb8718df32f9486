// scripts/mutation.mjs around a Stryker run that fails before it writes a report (a test
// that fails in the initial run, a sandbox problem): the report of an earlier run must not be
// read as this run's, nor merged into the committed baseline.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');

/** A project root with the script, a Stryker that fails at once, and an earlier run's report. */
function project() {
  const root = mkdtempSync(join(tmpdir(), 'rr-mutation-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(ROOT, 'scripts/mutation.mjs'), join(root, 'scripts/mutation.mjs'));
  mkdirSync(join(root, 'node_modules/.bin'), { recursive: true });
  writeFileSync(join(root, 'node_modules/.bin/stryker'), '#!/bin/sh\necho "ERROR There were failed tests in the initial test run." >&2\nexit 1\n');
  writeFileSync(join(root, 'node_modules/.bin/vitest'), '#!/bin/sh\necho "[]"\n');
  chmodSync(join(root, 'node_modules/.bin/stryker'), 0o755);
  chmodSync(join(root, 'node_modules/.bin/vitest'), 0o755);
  const earlier = {
    schemaVersion: '2', thresholds: { high: 85, low: 80 }, testFiles: {},
    files: { 'src/a.ts': { language: 'typescript', source: 'x\n', mutants: [{ id: '1', mutatorName: 'BooleanLiteral', replacement: 'false', status: 'Killed', location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } }] } },
  };
  mkdirSync(join(root, 'reports/mutation'), { recursive: true });
  writeFileSync(join(root, 'reports/mutation/mutation.json'), JSON.stringify(earlier));
  mkdirSync(join(root, 'test/mutation'), { recursive: true });
  writeFileSync(join(root, 'test/mutation/stryker-incremental.json'), JSON.stringify(earlier));
  return root;
}

describe('npm run test:mutation when Stryker fails before its report', () => {
  it('exits 1 saying there is no report; no score of an earlier run is printed and the baseline is left as it was', () => {
    const root = project();
    const baseline = readFileSync(join(root, 'test/mutation/stryker-incremental.json'), 'utf8');
    const r = spawnSync(process.execPath, [join(root, 'scripts/mutation.mjs'), '--incremental', '--mutate', 'src/a.ts'], { cwd: root, encoding: 'utf8' });

    expect(r.status).toBe(1);
    expect(r.stderr).toContain('mutation: no report at');
    expect(r.stdout).not.toContain('mutation score');
    expect(readFileSync(join(root, 'test/mutation/stryker-incremental.json'), 'utf8')).toBe(baseline);
  });
});

describe('npm run test:mutation before npm ci', () => {
  it('exits 1 naming the missing Stryker and the fix, not a bare "exit null"', () => {
    const root = mkdtempSync(join(tmpdir(), 'rr-mutation-'));
    mkdirSync(join(root, 'scripts'));
    copyFileSync(join(ROOT, 'scripts/mutation.mjs'), join(root, 'scripts/mutation.mjs'));
    const r = spawnSync(process.execPath, [join(root, 'scripts/mutation.mjs')], { cwd: root, encoding: 'utf8' });

    expect(r.status).toBe(1);
    expect(r.stderr).toContain('node_modules/.bin/stryker');
    expect(r.stderr).toContain('npm ci');
    expect(r.stderr).not.toContain('exit null');
  });
});

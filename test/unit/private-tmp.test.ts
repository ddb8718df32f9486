// The test runs write their temporary files (registries.yaml inputs, hosts-dir outputs,
// secrets files) under one directory of their own, removed when the run ends: `npm test`,
// and each of Stryker's thousands of runs, leave nothing in the system's temporary
// directory (they used to leave six directories a run, thousands a mutation run).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { PREFIX, privateTmp as setup } from '../lib/private-tmp';

describe('the test run has a temporary directory of its own', () => {
  it('os.tmpdir() in a test is the run\'s own directory', () => {
    expect(basename(tmpdir())).toMatch(new RegExp(`^${PREFIX}`));
    expect(existsSync(tmpdir())).toBe(true);
  });

  it('setup makes it and points TMPDIR at it; teardown removes it with what the tests left and restores TMPDIR', () => {
    const system = mkdtempSync(join(dirname(tmpdir()), 'rr-private-tmp-check-'));
    const env = { TMPDIR: system, OTHER: 'kept' } as NodeJS.ProcessEnv;
    try {
      const teardown = setup(env);
      const mine = env.TMPDIR!;
      expect(dirname(mine)).toBe(system);
      expect(basename(mine)).toMatch(new RegExp(`^${PREFIX}`));
      mkdirSync(join(mine, 'rr-convert-x', 'deep'), { recursive: true });
      writeFileSync(join(mine, 'rr-convert-x', 'deep', 'registries.yaml'), 'mirrors: {}\n');
      teardown();
      expect(existsSync(mine)).toBe(false);
      expect(env).toEqual({ TMPDIR: system, OTHER: 'kept' });
    } finally {
      rmSync(system, { recursive: true, force: true });
    }
  });

  it('without TMPDIR it starts from the system default and leaves TMPDIR unset again', () => {
    const env = {} as NodeJS.ProcessEnv;
    const teardown = setup(env);
    const mine = env.TMPDIR!;
    expect(existsSync(mine)).toBe(true);
    teardown();
    expect(existsSync(mine)).toBe(false);
    expect('TMPDIR' in env).toBe(false);
  });
});

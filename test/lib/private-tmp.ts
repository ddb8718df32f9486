// Gives a test run a temporary directory of its own (vitest globalSetup of the unit, component
// and mutation configs): TMPDIR points into it for the run and every worker it starts, so
// os.tmpdir() in a test, and in the registry-route processes a test starts, is that directory;
// the run removes it, with everything the tests left there, when it ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PREFIX = 'registry-mirrors-test-';

/** Makes the directory inside env's TMPDIR (or the system's), points env.TMPDIR at it; returns the teardown. */
export function privateTmp(env: NodeJS.ProcessEnv): () => void {
  const had = Object.prototype.hasOwnProperty.call(env, 'TMPDIR');
  const before = env.TMPDIR;
  const mine = mkdtempSync(join(before || tmpdir(), PREFIX));
  env.TMPDIR = mine;
  return () => {
    rmSync(mine, { recursive: true, force: true });
    if (had) env.TMPDIR = before;
    else delete env.TMPDIR;
  };
}

/** vitest globalSetup: for the whole run, in the process that starts the workers. */
export function setup(): () => void {
  return privateTmp(process.env);
}

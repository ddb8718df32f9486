// registry-route as users run it: the built bin/ as a process, with files in a temporary directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = join(__dirname, '../../bin/registry-route.mjs');

/** A temporary directory and a writer of files in it. */
export function scratch(prefix: string): { dir: string; file: (text: string, name?: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  return {
    dir,
    file(text: string, name = `f${n++}.yaml`): string {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}

/** One run of the bin: exit code, stdout, stderr. */
export function cli(args: string[], input = ''): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The bin rebuilds its bundle when src/ is newer: do it once, before the timed runs. */
export function buildOnce(): void {
  spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', timeout: 120_000 });
}

// Files for a test: a fresh directory in the run's temporary directory (test/lib/private-tmp.ts,
// removed when the run ends) and a writer of numbered files in it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory named PREFIX… and a writer of files in it (f0.yaml, f1.yaml, … unless named). */
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

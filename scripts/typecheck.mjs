// npm run typecheck: every TypeScript and JavaScript file of the repository, in three
// programs (each tsconfig says what it covers):
//   tsconfig.engine.json  src/ and its unit tests (tsc)
//   tsconfig.pkg.json     the extension with its .vue files, the standalone page and the
//                         component tests, against the shell's sources (vue-tsc)
//   tsconfig.tools.json   browser suite, conformance suite, benchmarks, scripts (tsc, checkJs)
// The shell's own sources are type-checked as they are reached (its .vue files have no
// declarations); a diagnostic inside @rancher/shell is the pinned shell's, not ours, so
// it is listed but does not fail the check. Exit code 1 on any other diagnostic.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const PROGRAMS = [
  ['tsc', 'tsconfig.engine.json'],
  ['vue-tsc', 'tsconfig.pkg.json'],
  ['tsc', 'tsconfig.tools.json'],
];
const SHELL = /^node_modules\/@rancher\/shell\//;

let failed = 0;

for (const [tool, config] of PROGRAMS) {
  const t0 = Date.now();
  const r = spawnSync(path.join(BIN, tool), ['--noEmit', '--pretty', 'false', '-p', config], { cwd: ROOT, encoding: 'utf8' });
  const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim());
  // a diagnostic starts with "file(line,col): error"; its continuation lines are indented
  const diagnostics = [];

  for (const line of lines) {
    if (/^\s/.test(line) && diagnostics.length) {
      diagnostics[diagnostics.length - 1] += `\n${line}`;
    } else {
      diagnostics.push(line);
    }
  }
  const shell = diagnostics.filter((d) => SHELL.test(d));
  const ours = diagnostics.filter((d) => !SHELL.test(d));
  const secs = ((Date.now() - t0) / 1000).toFixed(1);

  if (r.error || (r.status !== 0 && ours.length === 0 && shell.length === 0)) {
    console.error(`${tool} -p ${config}: did not run (${r.error?.message || `exit ${r.status}`})`);
    failed++;
    continue;
  }
  console.log(`${tool} -p ${config}: ${ours.length} error(s) in ${secs}s${shell.length ? ` (${shell.length} inside @rancher/shell, not ours)` : ''}`);
  for (const d of ours) {
    console.log(d);
  }
  if (ours.length) {
    failed++;
  }
}
process.exit(failed ? 1 : 0);

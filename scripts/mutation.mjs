// npm run test:mutation [-- --incremental | --ci] [-- any stryker run option]
// Runs Stryker over src/ (stryker.config.json), then prints one summary line from
// reports/mutation/mutation.json. Survivors that are equivalent mutants (no test
// can tell them apart from the original) are listed with a reason in
// test/mutation/equivalent.json; the line gives the score with and without them.
// Exit code: Stryker's (thresholds.break 80 fails the run), or 1 when no report.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = join(root, 'reports/mutation/mutation.json');
const EQUIVALENT = join(root, 'test/mutation/equivalent.json');
const INCREMENTAL_FILE = 'test/mutation/stryker-incremental.json';

const args = process.argv.slice(2);
// --ci: incremental, over the files the committed baseline covers (see README, Tests)
const ci = args.includes('--ci');
const incremental = ci || args.includes('--incremental');
const stryker = ['run', ...args.filter((a) => a !== '--incremental' && a !== '--ci')];
// the incremental file is committed: only the mutants whose code or covering tests
// changed since it was written are tested again
if (incremental) stryker.push('--incremental', '--incrementalFile', INCREMENTAL_FILE);
if (ci) {
  const baseline = join(root, INCREMENTAL_FILE);
  if (!existsSync(baseline)) {
    console.error(`mutation --ci: no committed baseline ${INCREMENTAL_FILE}; write it with npm run test:mutation -- --incremental on an idle machine`);
    process.exit(1);
  }
  const files = Object.keys(JSON.parse(readFileSync(baseline, 'utf8')).files).sort();
  console.log(`mutation --ci: the ${files.length} files of the committed baseline: ${files.join(', ')}`);
  stryker.push('--mutate', files.join(','));
}

const t0 = Date.now();
const run = spawnSync(join(root, 'node_modules/.bin/stryker'), stryker, { cwd: root, stdio: 'inherit' });
const minutes = ((Date.now() - t0) / 60000).toFixed(1);

if (!existsSync(REPORT)) {
  console.error(`mutation: no report at ${REPORT} (stryker exit ${run.status})`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(REPORT, 'utf8'));
const equivalent = existsSync(EQUIVALENT) ? JSON.parse(readFileSync(EQUIVALENT, 'utf8')) : [];

const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0, Pending: 0 };
const survivors = [];
for (const [file, f] of Object.entries(report.files)) {
  const lines = f.source.split('\n');
  for (const m of f.mutants) {
    count[m.status] = (count[m.status] ?? 0) + 1;
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      survivors.push({ file, line: m.location.start.line, mutator: m.mutatorName, replacement: m.replacement, original: lines[m.location.start.line - 1].trim() });
    }
  }
}
// an entry matches a survivor by file, mutator, replacement and the text of its line (not the line number, which drifts)
const matches = (e, s) => e.file === s.file && e.mutator === s.mutator && e.replacement === s.replacement && e.original === s.original;
const reviewed = survivors.filter((s) => equivalent.some((e) => matches(e, s)));
const stale = equivalent.filter((e) => !survivors.some((s) => matches(e, s)));

const detected = count.Killed + count.Timeout;
const valid = detected + count.Survived + count.NoCoverage;
const pct = (n, d) => (d ? ((100 * n) / d).toFixed(1) : 'n/a');
const total = Object.values(count).reduce((a, b) => a + b, 0);
console.log(
  `\nmutation score ${pct(detected, valid)} % on src/ (break 80, target 85): ${count.Killed} killed, ${count.Timeout} timed out, ` +
    `${count.Survived} survived, ${count.NoCoverage} without coverage, ${count.Ignored} ignored (static); ${total} mutants in ${minutes} min; ` +
    `${reviewed.length} reviewed equivalent (test/mutation/equivalent.json): ${pct(detected, valid - reviewed.length)} % without them`,
);
if (stale.length) console.log(`note: ${stale.length} entr${stale.length === 1 ? 'y' : 'ies'} of test/mutation/equivalent.json match no survivor any more (remove them):\n${stale.map((e) => `  ${e.file}: ${e.original} [${e.mutator} → ${e.replacement}]`).join('\n')}`);
process.exit(run.status ?? 1);

// npm run test:mutation [-- --incremental | --ci] [-- any stryker run option]
// Runs Stryker over src/ (stryker.config.json), then prints one summary line from
// reports/mutation/mutation.json (and, after an incremental run, one over the whole
// baseline).
// With --incremental and --mutate (a part of src/, e.g. --mutate 'src/route/**/*.ts'),
// the results of that part replace its files in the baseline and the other files' stay:
// a full baseline can be written part by part. Survivors that are equivalent mutants (no test
// can tell them apart from the original) are listed with a reason in
// test/mutation/equivalent.json; the line gives the score with and without them.
// Exit code: Stryker's (thresholds.break 80 fails the run), or 1 when no report.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const partial = incremental && !ci && args.some((a) => a === '--mutate' || a === '-m' || a.startsWith('--mutate='));
const before = partial && existsSync(join(root, INCREMENTAL_FILE)) ? JSON.parse(readFileSync(join(root, INCREMENTAL_FILE), 'utf8')) : undefined;

// a report left by an earlier run must never be read as this run's (Stryker writes none when
// it stops before testing, e.g. a test that fails in its initial run)
rmSync(REPORT, { force: true });
const t0 = Date.now();
const run = spawnSync(join(root, 'node_modules/.bin/stryker'), stryker, { cwd: root, stdio: 'inherit' });
if (run.error) {
  // e.g. ENOENT: node_modules is missing (a fresh clone before npm ci)
  const code = /** @type {NodeJS.ErrnoException} */ (run.error).code;
  console.error(`mutation: could not start node_modules/.bin/stryker (${code ?? run.error.message}); run npm ci first`);
  process.exit(1);
}
const minutes = ((Date.now() - t0) / 60000).toFixed(1);

if (!existsSync(REPORT)) {
  console.error(`mutation: no report at ${REPORT} (stryker exit ${run.status})`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(REPORT, 'utf8'));
if (before && run.status !== null && existsSync(join(root, INCREMENTAL_FILE))) {
  const merged = mergeReports(before, JSON.parse(readFileSync(join(root, INCREMENTAL_FILE), 'utf8')));
  writeFileSync(join(root, INCREMENTAL_FILE), JSON.stringify(merged, null, 2));
  console.log(`mutation: ${INCREMENTAL_FILE} now holds ${Object.keys(merged.files).length} files (this run's replace their earlier results)`);
}
const equivalent = existsSync(EQUIVALENT) ? JSON.parse(readFileSync(EQUIVALENT, 'utf8')) : [];

// Every test file of vitest.mutation.config.mts must have run under Stryker. A file that
// cannot load in Stryker's sandbox (it reads a path ignorePatterns leaves out) is dropped
// without a word, and the mutants only it would kill show as "no coverage".
const listed = spawnSync(join(root, 'node_modules/.bin/vitest'), ['list', '--config', 'vitest.mutation.config.mts', '--filesOnly', '--json'], { cwd: root, encoding: 'utf8' });
const expectedFiles = listed.status === 0 ? JSON.parse(listed.stdout).map((t) => t.file.slice(root.length + 1)) : undefined;
const missingFiles = expectedFiles ? expectedFiles.filter((f) => !(f in (report.testFiles ?? {}))) : [];
if (!expectedFiles) console.error(`mutation: could not list the test files (vitest list exit ${listed.status}): ${listed.stderr}`);
else if (missingFiles.length) console.error(`mutation: ${missingFiles.length} test file(s) did not run under Stryker (do they read a path stryker.config.json ignores?): ${missingFiles.join(', ')}`);

/** The summary line of a Stryker report (mutation-testing-report-schema). */
function summarize(rep, label) {
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0, Pending: 0 };
  const survivors = [];
  for (const [file, f] of Object.entries(rep.files)) {
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
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  const pct = (n, d) => (d ? ((100 * n) / d).toFixed(1) : 'n/a');
  const total = Object.values(count).reduce((a, b) => a + b, 0);
  console.log(
    `\nmutation score ${pct(detected, valid)} % on ${label} (break 80, target 85): ${count.Killed} killed, ${count.Timeout} timed out, ` +
      `${count.Survived} survived, ${count.NoCoverage} without coverage, ${count.Ignored} ignored (static); ${total} mutants` +
      `${rep === report ? ` in ${minutes} min` : ''}; ` +
      `${reviewed.length} reviewed equivalent (test/mutation/equivalent.json): ${pct(detected, valid - reviewed.length)} % without them`,
  );
  return survivors;
}

const files = Object.keys(report.files);
const survivors = summarize(report, `${files.length} file${files.length === 1 ? '' : 's'} of src/ (this run)`);
if (incremental && existsSync(join(root, INCREMENTAL_FILE))) {
  const baseline = JSON.parse(readFileSync(join(root, INCREMENTAL_FILE), 'utf8'));
  const all = Object.keys(baseline.files).length;
  if (all !== files.length) summarize(baseline, `the ${all} files of the baseline ${INCREMENTAL_FILE}`);
}
const matches = (e, s) => e.file === s.file && e.mutator === s.mutator && e.replacement === s.replacement && e.original === s.original;
// only entries of the files this run tested can be stale
const stale = equivalent.filter((e) => files.includes(e.file) && !survivors.some((s) => matches(e, s)));
if (stale.length) console.log(`note: ${stale.length} entr${stale.length === 1 ? 'y' : 'ies'} of test/mutation/equivalent.json match no survivor any more (remove them):\n${stale.map((e) => `  ${e.file}: ${e.original} [${e.mutator} → ${e.replacement}]`).join('\n')}`);

/**
 * The baseline after a partial run: the files of `after` (the run) and those of
 * `before` the run did not test. Stryker numbers the tests of each report on its own,
 * so the tests are joined by file and name and numbered again.
 */
function mergeReports(before, after) {
  const tests = new Map(); // "file\0name" -> { file, test } with the new id
  const ids = (rep) => {
    const byId = new Map();
    for (const [file, tf] of Object.entries(rep.testFiles ?? {})) for (const t of tf.tests) byId.set(t.id, `${file}\0${t.name}`);
    return byId;
  };
  const out = { ...after, files: {}, testFiles: {} };
  const add = (rep, fileNames) => {
    const byId = ids(rep);
    const remap = (list) => list?.map((id) => {
      const key = byId.get(id);
      if (key === undefined) return id;
      if (!tests.has(key)) {
        const [file, name] = key.split('\0');
        const t = rep.testFiles[file].tests.find((x) => x.name === name);
        tests.set(key, { file, test: { ...t, id: String(tests.size) } });
      }
      return tests.get(key).test.id;
    });
    for (const f of fileNames) {
      out.files[f] = { ...rep.files[f], mutants: rep.files[f].mutants.map((m) => ({ ...m, coveredBy: remap(m.coveredBy), killedBy: remap(m.killedBy) })) };
    }
  };
  add(after, Object.keys(after.files));
  add(before, Object.keys(before.files).filter((f) => !(f in after.files)));
  // every test of the run stays listed (Stryker compares them on the next incremental run)
  for (const [file, tf] of Object.entries(after.testFiles ?? {})) {
    for (const t of tf.tests) {
      const key = `${file}\0${t.name}`;
      if (!tests.has(key)) tests.set(key, { file, test: { ...t, id: String(tests.size) } });
    }
  }
  for (const { file, test } of tests.values()) {
    (out.testFiles[file] ??= { ...(after.testFiles?.[file] ?? before.testFiles?.[file]), tests: [] }).tests.push(test);
  }
  return out;
}
process.exit(!expectedFiles || missingFiles.length ? 1 : (run.status ?? 1));

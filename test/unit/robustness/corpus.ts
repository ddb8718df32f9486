// The hostile corpus: loading test/fixtures/hostile/<name> with its sibling
// <name>.expect.json, generating the big inputs at test time, and checking a
// pipeline result against the expectation. The format is documented in
// test/fixtures/hostile/README.md.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_CODES } from '../../../src';
import { DEFAULT_IMAGES, outputsOf, SYSTEM_IMAGE, type PipelineResult, type RouteRequest } from './pipeline';

export const CORPUS_DIR = join(__dirname, '../../fixtures/hostile');

/** Every corpus file plants its secrets with this marker; it must never come out. */
export const SECRET_MARKER = 'S3cret';

/** The bound asserted per file and per CLI run (measured times are far lower; see the table the test prints). */
export const DEFAULT_MAX_MS = 5000;

/**
 * Under mutation testing (vitest.mutation.config.mts sets RR_MUTATION) the
 * instrumented engine is several times slower and the machine is busy: wall-clock
 * bounds would kill mutants for being slow, not wrong. Stryker's own timeout
 * catches a mutant that hangs; `npm test` keeps every bound.
 */
export const TIME_BOUNDS = !process.env.RR_MUTATION;

export interface RouteExpectation {
  image: string;
  context?: 'workload' | 'system';
  firstUrl?: string;
  urls?: string[];
  attemptCount?: number;
  /** no attempt URL may match this (regex) */
  noUrlMatches?: string;
  /** codes the route's own findings must include */
  findings?: string[];
  /** at least one of these codes among the route's findings */
  anyFindings?: string[];
  /** a route finding whose path or message matches this (regex) */
  findingMatches?: string;
  /** the configs key whose auth the first attempt uses (null: anonymous) */
  authOnFirst?: string | null;
  skipVerifyOnFirst?: boolean;
}

export interface Expectation {
  description: string;
  kind?: 'node' | 'cluster';
  parse?: 'ok' | 'error';
  messageMatches?: string;
  messageNotMatches?: string;
  /** a parse error carries a real line (>= 1), and the CLI prints file:line:column with it */
  errorHasPosition?: boolean;
  findings?: string[];
  notFindings?: string[];
  anyFindings?: string[];
  findingAt?: Array<{ code?: string; path: Array<string | number>; messageMatches?: string }>;
  /** at least this many settings/compile findings */
  minFindings?: number;
  notInOutput?: string[];
  routes?: RouteExpectation[];
  cli?: { exit?: number; stderrMatches?: string; stdoutMatches?: string };
  /** the settings/compile finding codes, exactly (order aside) */
  exactFindings?: string[];
  /** a known gap, with the reason and what closes it: the case runs as a failing test until the gap is closed */
  pending?: string;
  generate?: { placeholder: string; unit: string; bytes: number };
  /** run in a child process with a kill timeout: the reason (known hang or V8 abort) */
  isolate?: string;
  maxMs?: number;
}

export interface CorpusCase {
  name: string;
  /** the committed file */
  source: string;
  expect: Expectation;
}

const EXPECTATION_KEYS: Array<keyof Expectation> = [
  'description', 'kind', 'parse', 'messageMatches', 'messageNotMatches', 'errorHasPosition', 'findings', 'notFindings', 'anyFindings',
  'findingAt', 'minFindings', 'exactFindings', 'notInOutput', 'routes', 'cli', 'generate', 'isolate', 'maxMs', 'pending',
];

export function loadCorpus(): CorpusCase[] {
  const names = readdirSync(CORPUS_DIR);
  const cases: CorpusCase[] = [];
  for (const n of names.sort()) {
    if (!n.endsWith('.expect.json')) continue;
    const name = n.slice(0, -'.expect.json'.length);
    if (!names.includes(name)) throw new Error(`${n} has no sibling ${name}`);
    const expect = JSON.parse(readFileSync(join(CORPUS_DIR, n), 'utf8')) as Expectation;
    const unknown = Object.keys(expect).filter((k) => !EXPECTATION_KEYS.includes(k as keyof Expectation));
    // an expectation the checker does not read would pass silently (anyOf is gone: each file has one outcome)
    if (unknown.length) throw new Error(`${n}: unknown expectation field(s) ${unknown.join(', ')}`);
    cases.push({ name, source: join(CORPUS_DIR, name), expect });
  }
  for (const n of names) {
    if (n === 'README.md' || n.endsWith('.expect.json')) continue;
    if (!names.includes(`${n}.expect.json`)) throw new Error(`corpus file ${n} has no ${n}.expect.json`);
  }
  return cases;
}

/** The bytes of a case: the committed file, or the file with its placeholder filled up to `bytes`. */
export function materialize(c: CorpusCase, tmpDir: string): { file: string; bytes: Buffer } {
  const raw = readFileSync(c.source);
  const g = c.expect.generate;
  if (!g) return { file: c.source, bytes: raw };
  const template = raw.toString('utf8');
  if (!template.includes(g.placeholder)) throw new Error(`${c.name}: placeholder ${g.placeholder} not found`);
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < g.bytes; i++) {
    const u = g.unit.replaceAll('{i}', String(i));
    parts.push(u);
    n += Buffer.byteLength(u);
  }
  const bytes = Buffer.from(template.replace(g.placeholder, () => parts.join('')), 'utf8');
  const file = join(tmpDir, c.name);
  writeFileSync(file, bytes);
  return { file, bytes };
}

export function requestsFor(e: Expectation): RouteRequest[] {
  const reqs: RouteRequest[] = DEFAULT_IMAGES.map((image) => ({ image }));
  reqs.push({ image: SYSTEM_IMAGE, context: 'system' });
  for (const r of e.routes ?? []) {
    if (!reqs.some((q) => q.image === r.image && (q.context ?? 'workload') === (r.context ?? 'workload'))) reqs.push({ image: r.image, context: r.context });
  }
  return reqs;
}

const re = (s: string) => new RegExp(s, 'i');
const short = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
const samePath = (a: Array<string | number>, b: Array<string | number>) => a.length === b.length && a.every((x, i) => String(x) === String(b[i]));

/** Failures of the parts of an expectation that describe the outcome. */
function outcomeFailures(e: Partial<Expectation>, r: PipelineResult): string[] {
  const f: string[] = [];
  const codes = new Set(r.findings.map((x) => x.code));
  const cliErr = r.cli.json?.stderr ?? '';
  if (e.kind && r.kind !== e.kind) f.push(`read as a ${r.kind ?? '(nothing)'} file, expected ${e.kind}`);
  if (e.parse === 'ok' && r.parse && !r.parse.ok) f.push(`parse error "${r.parse.error}" (line ${r.parse.line}), expected the file to parse`);
  if (e.parse === 'error' && r.parse?.ok) f.push('parsed, expected a parse error');
  if (e.messageMatches) {
    const msg = r.parse?.ok === false ? r.parse.error ?? '' : '';
    if (!re(e.messageMatches).test(msg)) f.push(`parse error message "${short(msg)}" does not match /${e.messageMatches}/`);
  }
  if (e.messageNotMatches && r.parse?.ok === false && re(e.messageNotMatches).test(r.parse.error ?? '')) {
    f.push(`parse error message "${short(r.parse.error ?? '')}" matches /${e.messageNotMatches}/ (confusing for an admin)`);
  }
  if (e.errorHasPosition && r.parse?.ok === false) {
    if (!r.parse.line || r.parse.line < 1) f.push(`parse error "${r.parse.error}" has no line (line=${r.parse.line})`);
    const m = /:(\d+):(\d+): /.exec(cliErr);
    if (!m || Number(m[1]) < 1) f.push(`CLI stderr has no file:line:column with a real line: "${short(cliErr)}"`);
  }
  for (const c of e.findings ?? []) if (!codes.has(c)) f.push(`finding ${c} missing; got [${[...codes].join(', ')}]`);
  for (const c of e.notFindings ?? []) if (codes.has(c)) f.push(`finding ${c} present, expected it absent: ${short(r.findings.find((x) => x.code === c)?.message ?? '')}`);
  if (e.anyFindings && !e.anyFindings.some((c) => codes.has(c))) f.push(`none of [${e.anyFindings.join(', ')}] found; got [${[...codes].join(', ')}]`);
  for (const at of e.findingAt ?? []) {
    const hit = r.findings.find((x) => samePath(x.path, at.path) && (!at.code || x.code === at.code) && (!at.messageMatches || re(at.messageMatches).test(x.message)));
    if (!hit) {
      const near = r.findings.filter((x) => samePath(x.path, at.path)).map((x) => `${x.code}: ${short(x.message, 160)}`);
      f.push(`no finding${at.code ? ` ${at.code}` : ''} at ${JSON.stringify(at.path)}${at.messageMatches ? ` with message /${at.messageMatches}/` : ''}; at that path: [${near.join(' | ')}]`);
    }
  }
  if (e.exactFindings) {
    const got = r.settingsFindings.map((x) => x.code).sort();
    if (JSON.stringify(got) !== JSON.stringify([...e.exactFindings].sort())) f.push(`findings [${got.join(', ')}], expected exactly [${[...e.exactFindings].sort().join(', ')}]`);
  }
  if (e.minFindings !== undefined && r.settingsFindings.length < e.minFindings) f.push(`${r.settingsFindings.length} findings, expected at least ${e.minFindings}`);
  for (const x of e.routes ?? []) {
    const hit = r.routes.find((q) => q.request.image === x.image && (q.request.context ?? 'workload') === (x.context ?? 'workload'));
    if (!hit) {
      if (r.parse?.ok !== false) f.push(`no route for ${x.image}`);
      continue;
    }
    const route = hit.route;
    const urls = route.attempts.map((a) => a.url);
    const rc = new Set(route.findings.map((y) => y.code));
    const label = `route ${x.image}${x.context === 'system' ? ' (system)' : ''}`;
    if (x.firstUrl !== undefined && urls[0] !== x.firstUrl) f.push(`${label}: first URL ${urls[0] ?? '(none)'}, expected ${x.firstUrl}`);
    if (x.urls && JSON.stringify(urls) !== JSON.stringify(x.urls)) f.push(`${label}: URLs ${JSON.stringify(urls.map((u) => short(u, 120)))}, expected ${JSON.stringify(x.urls)}`);
    if (x.attemptCount !== undefined && urls.length !== x.attemptCount) f.push(`${label}: ${urls.length} attempts, expected ${x.attemptCount}`);
    if (x.noUrlMatches && urls.some((u) => re(x.noUrlMatches as string).test(u))) f.push(`${label}: an attempt URL matches /${x.noUrlMatches}/: ${urls.find((u) => re(x.noUrlMatches as string).test(u))}`);
    for (const c of x.findings ?? []) if (!rc.has(c)) f.push(`${label}: finding ${c} missing; got [${[...rc].join(', ')}]`);
    if (x.anyFindings && !x.anyFindings.some((c) => rc.has(c))) f.push(`${label}: none of [${x.anyFindings.join(', ')}]; got [${[...rc].join(', ')}]`);
    if (x.findingMatches && !route.findings.some((y) => re(x.findingMatches as string).test(`${y.path.join('.')} ${y.message}`))) {
      f.push(`${label}: no finding whose path or message matches /${x.findingMatches}/; got ${JSON.stringify(route.findings.map((y) => `${y.code} ${y.path.join('.')}: ${short(y.message, 200)}`))}`);
    }
    if (x.authOnFirst !== undefined && (route.attempts[0]?.auth ?? null) !== x.authOnFirst) f.push(`${label}: first attempt auth ${route.attempts[0]?.auth ?? null}, expected ${x.authOnFirst}`);
    if (x.skipVerifyOnFirst !== undefined && route.attempts[0]?.tls.skipVerify !== x.skipVerifyOnFirst) f.push(`${label}: first attempt skipVerify ${route.attempts[0]?.tls.skipVerify}, expected ${x.skipVerifyOnFirst}`);
  }
  if (e.cli) {
    const run = r.cli.json;
    if (run) {
      if (e.cli.exit !== undefined && run.code !== e.cli.exit) f.push(`CLI exit ${run.code}, expected ${e.cli.exit} (stderr: ${short(run.stderr)})`);
      if (e.cli.stderrMatches && !re(e.cli.stderrMatches).test(run.stderr)) f.push(`CLI stderr "${short(run.stderr)}" does not match /${e.cli.stderrMatches}/`);
      if (e.cli.stdoutMatches && !re(e.cli.stdoutMatches).test(run.stdout)) f.push(`CLI stdout does not match /${e.cli.stdoutMatches}/`);
    }
  }
  return f;
}

/** Every way the result falls short of the expectation and of the rules that hold for all hostile input. */
export function check(e: Expectation, r: PipelineResult): string[] {
  const f: string[] = [];
  const maxMs = TIME_BOUNDS ? e.maxMs ?? DEFAULT_MAX_MS : Infinity;
  // never an exception
  if (r.threw) f.push(`engine threw in ${r.threw.stage}: ${r.threw.message}`);
  for (const [name, run] of Object.entries(r.cli)) {
    if (!run) continue;
    if (run.threw) f.push(`CLI ${name} let an exception escape main(): ${run.threw}`);
    if (run.code === 3) f.push(`CLI ${name} exited 3 (internal error): ${short(run.stderr)}`);
    if (/\n\s+at .+\(.+:\d+:\d+\)/.test(run.stderr)) f.push(`CLI ${name} printed a stack trace`);
    if (run.ms > maxMs) f.push(`CLI ${name} took ${run.ms.toFixed(0)} ms (bound ${maxMs} ms)`);
  }
  if (r.parse?.ok === false && r.cli.json && r.cli.json.code !== 2) f.push(`a YAML error must make the CLI exit 2, it exited ${r.cli.json.code}`);
  if (r.engineMs > maxMs) f.push(`engine took ${r.engineMs.toFixed(0)} ms (bound ${maxMs} ms)`);
  if (!r.usableAfter) f.push(`engine not usable afterwards: ${r.usableDetail}`);
  // findings are the documented ones
  for (const x of r.findings) {
    const known = FINDING_CODES[x.code];
    if (!known) f.push(`unknown finding code ${x.code}`);
    else if (known.severity !== x.severity) f.push(`${x.code} has severity ${x.severity}, FINDING_CODES says ${known.severity}`);
    if (!x.message || !x.fix) f.push(`${x.code} at ${JSON.stringify(x.path)} has an empty message or fix`);
  }
  // nothing written outside OUTDIR
  if (r.cli.hostsDir?.escaped.length) f.push(`hosts-dir wrote outside OUTDIR: ${r.cli.hostsDir.escaped.join(', ')}`);
  // no secret in any output
  const secrets = [SECRET_MARKER, ...(e.notInOutput ?? [])];
  for (const [where, text] of Object.entries(outputsOf(r))) {
    for (const s of secrets) {
      const i = text.indexOf(s);
      if (i !== -1) f.push(`"${s}" appears in ${where}: …${text.slice(Math.max(0, i - 60), i + s.length + 30).replace(/\n/g, '⏎')}…`);
    }
  }
  f.push(...outcomeFailures(e, r));
  return f;
}

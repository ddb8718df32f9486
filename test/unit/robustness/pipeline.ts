// The path a hostile file takes through the product, exactly as the CLI takes
// it (parseYaml → isClusterManifest → settingsFromCluster / settingsFromNodeValue
// → compile → resolveRoute), plus the CLI itself run in-process. Every output
// a user could see or the tool could store is collected, so that the tests can
// check that nothing throws, nothing leaks and the engine stays usable.
//
// Shared by hostile-corpus.test.ts (in-process) and isolated-runner.ts (the same
// run in a child process, for inputs that are known to hang or abort Node).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { compile, isClusterManifest, parseYaml, resolveRoute, settingsFromCluster, settingsFromNodeValue } from '../../../src';
import { main } from '../../../src/cli/main';
import type { Finding, Route } from '../../../src';

/** Images every corpus file is routed for (plus the ones its expectation names). */
export const DEFAULT_IMAGES = ['nginx', 'quay.io/prometheus/prometheus:v3.0.0', `registry.example.com:5000/team/app@sha256:${'a'.repeat(64)}`];
/** Routed as a system image, so that system-default-registry is exercised too. */
export const SYSTEM_IMAGE = 'rancher/rancher-agent:v2.13.0';

export interface RouteRequest {
  image: string;
  context?: 'workload' | 'system';
}

export interface CliRun {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
  /** an exception that escaped main() (it must catch everything) */
  threw?: string;
  ms: number;
}

export interface HostsDirRun extends CliRun {
  /** every file the run created below the sandbox, relative to it, with its text */
  files: Array<{ path: string; text: string }>;
  /** files created outside OUTDIR (path traversal) */
  escaped: string[];
}

export interface PipelineResult {
  /** the stage whose exception escaped the engine, if any */
  threw?: { stage: string; message: string };
  parse?: { ok: boolean; error?: string; line?: number; column?: number };
  kind?: 'cluster' | 'node';
  /** settings, compile and route findings together */
  findings: Finding[];
  /** settings + compile findings only (not the per-image ones) */
  settingsFindings: Finding[];
  hostsFiles: Array<{ dir: string; text: string }>;
  routes: Array<{ request: RouteRequest; route: Route }>;
  engineMs: number;
  cli: { json?: CliRun; text?: CliRun; hostsDir?: HostsDirRun };
  cliMs: number;
  /** the fixed sanity configuration still routes as it did before this file */
  usableAfter: boolean;
  usableDetail?: string;
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return String(e);
}

/** main() with captured output streams. */
export function runCli(args: string[]): CliRun {
  let stdout = '';
  let stderr = '';
  const t0 = performance.now();
  const out = { write: (s: string) => { stdout += s; return true; } };
  const err = { write: (s: string) => { stderr += s; return true; } };
  try {
    const code = main(args, out as never, err as never);
    return { args, code, stdout, stderr, ms: performance.now() - t0 };
  } catch (e) {
    return { args, code: null, stdout, stderr, threw: describeError(e), ms: performance.now() - t0 };
  }
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

/** `registry-route hosts-dir` into OUTDIR = <sandbox>/a/b/c/out; reports anything written outside OUTDIR. */
export function runHostsDir(file: string): HostsDirRun {
  const sandbox = mkdtempSync(join(tmpdir(), 'rr-hostile-'));
  const outDir = join(sandbox, 'a', 'b', 'c', 'out');
  mkdirSync(outDir, { recursive: true });
  try {
    const r = runCli(['hosts-dir', '--registries', file, '--json', outDir]);
    const files = listFiles(sandbox).map((p) => ({ path: relative(sandbox, p), text: readFileSync(p, 'utf8') }));
    const prefix = `a${sep}b${sep}c${sep}out${sep}`;
    const escaped = files.map((f) => f.path).filter((p) => !p.startsWith(prefix));
    return { ...r, files, escaped };
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

const SANITY_TEXT = `mirrors:
  docker.io:
    endpoint: ["https://sanity-mirror.example.com:5000"]
    rewrite:
      "^library/(.*)$": "hub/$1"
  "*":
    endpoint: ["https://sanity-all.example.com"]
configs:
  sanity-mirror.example.com:5000:
    tls:
      ca_file: /etc/sanity-ca.pem
`;

function sanityRoutes(): string {
  const y = parseYaml(SANITY_TEXT);
  if (!y.ok) return `parse error: ${y.error}`;
  const s = settingsFromNodeValue(y.value);
  const c = compile(s.settings, s.findings);
  return JSON.stringify({
    findings: c.findings.map((f) => f.code),
    files: c.hostsFiles.map((f) => [f.dir, f.text]),
    routes: ['nginx', 'ghcr.io/a/b:1', `localhost:5000/x@sha256:${'b'.repeat(64)}`].map((i) => resolveRoute(c, i)),
  });
}

/** What the fixed sanity configuration gives on a fresh engine; compared after every hostile file. */
export const SANITY_BASELINE = sanityRoutes();

export function stillUsable(): { ok: boolean; detail?: string } {
  try {
    const now = sanityRoutes();
    return now === SANITY_BASELINE ? { ok: true } : { ok: false, detail: `sanity routes changed:\n${now.slice(0, 2000)}` };
  } catch (e) {
    return { ok: false, detail: `sanity run threw: ${describeError(e)}` };
  }
}

/**
 * Runs one input the way the CLI does. `text` is the file as the CLI decodes it
 * (UTF-8); `file` is a path holding the same bytes, for the in-process CLI runs.
 */
export function runPipeline(text: string, file: string, requests: RouteRequest[], opts: { cli?: Array<'json' | 'text' | 'hostsDir'> } = {}): PipelineResult {
  const res: PipelineResult = { findings: [], settingsFindings: [], hostsFiles: [], routes: [], engineMs: 0, cli: {}, cliMs: 0, usableAfter: false };
  let stage = 'parseYaml';
  const t0 = performance.now();
  try {
    const y = parseYaml(text);
    res.parse = y.ok ? { ok: true } : { ok: false, error: y.error, line: y.line, column: y.column };
    if (y.ok) {
      stage = 'isClusterManifest';
      const cluster = isClusterManifest(y.value);
      res.kind = cluster ? 'cluster' : 'node';
      stage = cluster ? 'settingsFromCluster' : 'settingsFromNodeValue';
      const s = cluster ? settingsFromCluster(y.value) : settingsFromNodeValue(y.value);
      stage = 'compile';
      const compiled = compile(s.settings, s.findings);
      res.settingsFindings = [...compiled.findings];
      res.findings = [...compiled.findings];
      res.hostsFiles = compiled.hostsFiles.map((f) => ({ dir: f.dir, text: f.text }));
      stage = 'resolveRoute';
      for (const request of requests) {
        const route = resolveRoute(compiled, request.image, { context: request.context });
        res.routes.push({ request, route });
        res.findings.push(...route.findings);
      }
    }
  } catch (e) {
    res.threw = { stage, message: describeError(e) };
  }
  res.engineMs = performance.now() - t0;
  const modes = opts.cli ?? ['json', 'text', 'hostsDir'];
  const t1 = performance.now();
  const images = requests.filter((r) => r.context !== 'system').map((r) => r.image);
  if (modes.includes('json')) res.cli.json = runCli(['--registries', file, '--json', ...images]);
  if (modes.includes('text')) res.cli.text = runCli(['--registries', file, ...images]);
  if (modes.includes('hostsDir')) res.cli.hostsDir = runHostsDir(file);
  res.cliMs = performance.now() - t1;
  const u = stillUsable();
  res.usableAfter = u.ok;
  res.usableDetail = u.detail;
  return res;
}

/**
 * Every text a user could see, or the tool could store, for this input, by where
 * it comes from. `findingPaths` is kept apart: a finding has to name the field it
 * points at, so a key the user wrote can show up there (the CLI output cannot).
 */
export function outputsOf(r: PipelineResult): Record<string, string> {
  const o: Record<string, string> = {};
  if (r.parse && !r.parse.ok) o['parse error'] = r.parse.error ?? '';
  if (r.threw) o['exception'] = r.threw.message;
  o['finding messages'] = r.findings.map((f) => `${f.message}\n${f.fix}`).join('\n');
  o['hosts.toml texts'] = r.hostsFiles.map((f) => f.text).join('\n');
  o['routes'] = JSON.stringify(r.routes.map(({ route }) => ({ ...route, findings: route.findings.map((f) => [f.code, f.message, f.fix]) })));
  for (const [name, run] of Object.entries(r.cli)) {
    if (!run) continue;
    o[`cli ${name} stdout`] = run.stdout;
    o[`cli ${name} stderr`] = run.stderr + (run.threw ?? '');
  }
  if (r.cli.hostsDir) o['cli hosts-dir written files'] = r.cli.hostsDir.files.map((f) => `${f.path}\n${f.text}`).join('\n');
  return o;
}

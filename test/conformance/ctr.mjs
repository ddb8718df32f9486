// The oracle: Debian's containerd `ctr` (1.6.x), always run in an empty network
// namespace (`unshare -n`), so every dial fails at once and nothing leaves the machine.
//
//   unshare -n -- ctr --debug content fetch-object --hosts-dir DIR REF
//
// At debug level ctr logs, per attempt, `msg="do request" ... url="<full URL>"` and,
// once per pull, `msg="loading host directory" dir=<DIR>/<name>` when a directory
// matched. A hosts.toml it cannot read gives `msg="failed to decode hosts.toml"`
// and ctr falls back to the default host.
import { spawn, spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import path from 'node:path';

// The only request errors an isolated namespace can produce (the last one: a host
// table with an empty host, nothing is dialled). Anything else means the process
// saw a network (or something else broke) and is reported as an error.
const ISOLATED_DIAL = /network is unreachable|cannot assign requested address|http: no Host in request URL/;

/** Environment for ctr: no proxies, no containerd address/namespace overrides. */
function ctrEnv() {
  const env = { PATH: process.env.PATH || '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C' };
  return env;
}

/**
 * Run a command, collect output, kill it after timeoutMs.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ timeoutMs?: number, env?: NodeJS.ProcessEnv, cwd?: string, input?: string }} [opts]
 */
export function run(cmd, args, { timeoutMs = 10000, env = process.env, cwd, input } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); resolve({ code: -1, stdout, stderr: stderr + String(err), timedOut, ms: performance.now() - t0 }); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout, stderr, timedOut, ms: performance.now() - t0 });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

/**
 * Check that ctr and unshare exist and that `unshare -n` gives a namespace with no
 * network but a down loopback. Throws (never skips) when anything is missing.
 */
export function preflight() {
  const ver = spawnSync('ctr', ['--version'], { encoding: 'utf8', env: ctrEnv() });
  if (ver.error || ver.status !== 0) {
    throw new Error(`ctr not found or not runnable (${ver.error?.message || ver.stderr.trim()}); install containerd: apt-get install -y containerd`);
  }
  const version = ver.stdout.trim();
  const m = /\b(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m || m[1] !== '1' || m[2] !== '6') {
    throw new Error(`expected containerd 1.6.x ctr (the upstream-1.6 oracle), got: ${version}`);
  }
  const outer = readlinkSync('/proc/self/ns/net');
  const ns = spawnSync('unshare', ['-n', '--', 'sh', '-c', 'readlink /proc/self/ns/net; cat /proc/self/net/dev'], { encoding: 'utf8', env: ctrEnv() });
  if (ns.error || ns.status !== 0) {
    throw new Error(`unshare -n does not work here (${ns.error?.message || ns.stderr.trim()}); the suite needs root (or CAP_SYS_ADMIN) and refuses to run ctr with a network`);
  }
  const [inner, ...dev] = ns.stdout.trim().split('\n');
  if (!inner.startsWith('net:') || inner === outer) {
    throw new Error(`unshare -n did not create a new network namespace (${inner} vs ${outer})`);
  }
  const ifaces = dev.slice(2).map((l) => l.split(':')[0].trim()).filter(Boolean);
  if (ifaces.length !== 1 || ifaces[0] !== 'lo') {
    throw new Error(`the new network namespace is not empty: ${ifaces.join(', ')}`);
  }
  return { version, netns: inner };
}

/** Run ctr for one reference against one hosts directory, isolated. */
export async function fetchObject(hostsDir, ref, { timeoutMs = 10000 } = {}) {
  const args = ['-n', '--', 'ctr', '--debug', '--timeout', '8s', 'content', 'fetch-object', '--hosts-dir', hostsDir, ref];
  const r = await run('unshare', args, { timeoutMs, env: ctrEnv(), cwd: hostsDir });
  return { ...r, cmd: `unshare ${args.join(' ')}`, log: parseLog(r.stderr + r.stdout, hostsDir) };
}

/** Undo Go's strconv.Quote (what logrus uses for values that need quoting). */
export function goUnquote(s) {
  if (!s.startsWith('"')) return s;
  let out = '';
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i];
    if (c !== '\\') { out += c; continue; }
    const n = s[++i];
    const simple = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };
    if (n in simple) out += simple[n];
    else if (n === 'x') { out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16)); i += 2; }
    else if (n === 'u') { out += String.fromCodePoint(parseInt(s.slice(i + 1, i + 5), 16)); i += 4; }
    else if (n === 'U') { out += String.fromCodePoint(parseInt(s.slice(i + 1, i + 9), 16)); i += 8; }
    else out += '\\' + n;
  }
  return out;
}

/** Split one logrus text line into its key=value fields. */
export function fields(line) {
  const f = {};
  const re = /([A-Za-z0-9_.-]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
  let m;
  while ((m = re.exec(line))) f[m[1]] = goUnquote(m[2]);
  return f;
}

/**
 * Parse ctr's debug log into what the comparison needs:
 *  dir        – name of the hosts directory ctr loaded (null: none matched)
 *  decodeError – ctr rejected the hosts.toml (then only the default host is tried)
 *  manifests  – ordered URLs of the first phase (manifests/<tag|digest>)
 *  blobs      – ordered URLs of the blobs/<digest> phase (digests only)
 *  problems   – anything that must not happen (non-isolated dial errors, fatal errors)
 */
export function parseLog(text, hostsDir) {
  const out = { dir: null, decodeError: null, manifests: [], blobs: [], other: [], fatal: null, problems: [] };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (line.startsWith('ctr: ')) { out.fatal = line.slice(5); continue; }
    const f = fields(line);
    switch (f.msg) {
      case 'loading host directory': {
        const rel = path.relative(hostsDir, f.dir);
        out.dir = rel.startsWith('..') ? f.dir : rel;
        break;
      }
      case 'failed to decode hosts.toml':
        out.decodeError = f.error || 'unknown';
        break;
      case 'do request': {
        const u = f.url || '';
        const p = u.split('?')[0];
        if (/\/manifests\/[^/]+$/.test(p)) out.manifests.push(u);
        else if (/\/blobs\/[^/]+$/.test(p)) out.blobs.push(u);
        else out.other.push(u);
        if (f['request.method'] !== 'HEAD') out.problems.push(`unexpected ${f['request.method']} ${u}`);
        break;
      }
      case 'trying next host':
        if (!ISOLATED_DIAL.test(f.error || '')) out.problems.push(`dial error not from an isolated namespace: ${f.error}`);
        break;
      default:
        if (f.level === 'error' || f.level === 'fatal' || f.level === 'warning') out.problems.push(`ctr ${f.level}: ${line}`);
    }
  }
  if (out.other.length) out.problems.push(`requests that are neither manifests nor blobs: ${out.other.join(', ')}`);
  if (!out.fatal) out.problems.push('ctr did not end with an error (did it reach a registry?)');
  else if (!ISOLATED_DIAL.test(out.fatal)) out.problems.push(`ctr ended with: ${out.fatal}`);
  return out;
}

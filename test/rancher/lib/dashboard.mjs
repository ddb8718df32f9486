// The real Rancher dashboard (node_modules/@rancher/shell, with pkg/registry-mirrors built
// in) in front of the stand-in Rancher API, as the suite and the screenshots use it.
//
// Two ways, same page:
// - `static` (default): the dashboard compiled once by `npm run build:dashboard` into
//   dist/dashboard, served by serve-dist.mjs with the stand-in answering the API paths.
//   Built here when missing or older than pkg/ and src/ (≈ 6 min on 2 cores).
// - `dev`: `vue-cli-service serve` (the extension dev loop) with API=<stand-in>; compiles on
//   every start.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RancherApi } from '../../rancher-api/server.mjs';
import { serveDashboard, DIST, distBuilt } from '../serve-dist.mjs';
import { ROOT } from '../../e2e/lib/paths.mjs';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** why the dashboard build must be (re)made, or null when dist/dashboard is current */
export function buildReason() {
  if (!distBuilt()) return 'no build in dist/dashboard';
  const built = statSync(join(DIST, 'index.html')).mtimeMs;
  const src = Math.max(newest(join(ROOT, 'pkg')), newest(join(ROOT, 'src')), statSync(join(ROOT, 'vue.config.js')).mtimeMs);
  return src > built ? 'pkg/, src/ or vue.config.js changed since the last build' : null;
}

function run(cmd, args, env, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (d) => { tail = (tail + d.toString()).slice(-4000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${tail.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')}`))));
    log?.(`$ ${cmd} ${args.join(' ')}`);
  });
}

/** `npm run build:dashboard`: dist/dashboard */
export async function buildDashboard(log) {
  const t = Date.now();
  await run('npm', ['run', '--silent', 'build:dashboard'], {}, log);
  return Date.now() - t;
}

/**
 * Starts the stand-in API and the dashboard.
 * @returns {Promise<{url: string, api: RancherApi, close: () => Promise<void>, compileMs?: number}>}
 */
export async function startDashboard({ mode = 'static', log = console.log, attach } = {}) {
  const api = new RancherApi({ log: (m) => log(`  [stand-in] ${m}`) });
  if (attach) {
    // a dashboard already running (`API=http://127.0.0.1:<apiPort> npm run dev`): the
    // stand-in listens on the port it proxies to
    await api.listen(attach.apiPort);
    return { url: attach.url, api, close: () => api.close() };
  }
  if (mode === 'static') {
    const d = await serveDashboard({ api });
    return { url: d.url, api, close: d.close };
  }
  const apiUrl = await api.listen(0);
  const port = 18000 + Math.floor(Math.random() * 900);
  const t = Date.now();
  const child = spawn('npx', ['vue-cli-service', 'serve', '--port', String(port)], {
    cwd: ROOT, env: { ...process.env, NODE_ENV: 'dev', API: apiUrl }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let out = '';
  await new Promise((resolve, reject) => {
    const onData = (d) => {
      out = (out + d.toString()).slice(-20000);
      if (/App running at|Compiled (successfully|with)/.test(out)) resolve();
      if (/Failed to compile/.test(out)) reject(new Error(`the dashboard did not compile:\n${out.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').slice(-3000)}`));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`vue-cli-service serve exited ${code}:\n${out.slice(-3000)}`)));
  });
  return {
    url: `https://127.0.0.1:${port}`, api, compileMs: Date.now() - t,
    close: async () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } await api.close(); },
  };
}

export { DIST, existsSync };

// The real extension build (npm run build-pkg registry-mirrors -> dist-pkg/NAME-VERSION/)
// and the host page that loads it like Rancher does (test/e2e/bundle-host).
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createServer } from 'vite';
import { ROOT, PKG_NAME } from './paths.mjs';
import { freePort } from './harness-server.mjs';

export const PKG_DIR = path.join(ROOT, 'pkg', PKG_NAME);
export const PKG_VERSION = JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8')).version;
export const PKG_ID = `${ PKG_NAME }-${ PKG_VERSION }`;
export const DIST = path.join(ROOT, 'dist-pkg', PKG_ID);
export const MAIN_FILE = path.join(DIST, `${ PKG_ID }.umd.min.js`);
export const VUE_GLOBAL = path.join(ROOT, 'node_modules', 'vue', 'dist', 'vue.global.prod.js');

function newestMtime(dir, skip = /(^|\/)(\.shell|node_modules|dist)(\/|$)/) {
  let newest = 0;
  let newestFile = '';

  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);

      if (skip.test(path.relative(ROOT, p))) {
        continue;
      }
      if (e.isDirectory()) {
        walk(p);
      } else if (e.isFile()) {
        const m = fs.statSync(p).mtimeMs;

        if (m > newest) {
          newest = m;
          newestFile = p;
        }
      }
    }
  };

  walk(dir);

  return { mtime: newest, file: newestFile };
}

/** Why the bundle must be (re)built, or null when dist-pkg is up to date. */
export function buildReason() {
  if (!fs.existsSync(MAIN_FILE)) {
    return `${ path.relative(ROOT, MAIN_FILE) } is missing`;
  }
  const built = fs.statSync(MAIN_FILE).mtimeMs;

  for (const dir of [PKG_DIR, path.join(ROOT, 'src')]) {
    const n = newestMtime(dir);

    if (n.mtime > built) {
      return `${ path.relative(ROOT, n.file) } is newer than the bundle`;
    }
  }

  return null;
}

/**
 * npm run build-pkg registry-mirrors; resolves with its output, rejects on failure.
 * @param {{ log?: (line: string) => void }} [opts]
 */
export function buildPkg({ log } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build-pkg', PKG_NAME], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';

    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && fs.existsSync(MAIN_FILE)) {
        resolve(out);
      } else {
        log?.(out.split('\n').slice(-40).join('\n'));
        reject(new Error(`npm run build-pkg ${ PKG_NAME } failed (exit ${ code })${ fs.existsSync(MAIN_FILE) ? '' : `, no ${ path.relative(ROOT, MAIN_FILE) }` }`));
      }
    });
  });
}

/** Start the Vite server of the host page on a free port. */
export async function startBundleHost() {
  const { bundleHostConfig } = await import('../bundle-host/vite.config.mjs');
  const port = await freePort();
  const config = bundleHostConfig();
  const server = await createServer({ ...config, server: { ...config.server, port } });

  await server.listen();

  return {
    url:  `http://127.0.0.1:${ port }/`,
    stop: () => server.close(),
  };
}

const MIME = { '.js': 'text/javascript', '.map': 'application/json', '.json': 'application/json', '.css': 'text/css' };

/**
 * Serve Vue's global build and dist-pkg to the page under the URLs Rancher uses
 * (/v1/uiplugins/NAME/VERSION/plugin/...). Returns the list of files served.
 */
export async function routeRancherAssets(page) {
  const served = [];

  await page.route('**/vendor/vue.global.prod.js', (route) => {
    served.push('vue.global.prod.js');
    route.fulfill({ status: 200, contentType: 'text/javascript', body: fs.readFileSync(VUE_GLOBAL) });
  });
  await page.route(`**/v1/uiplugins/${ PKG_NAME }/${ PKG_VERSION }/plugin/**`, (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop());
    const file = path.join(DIST, name);

    if (!name || name.includes('..') || !fs.existsSync(file)) {
      route.fulfill({ status: 404, body: 'not found' });

      return;
    }
    served.push(name);
    route.fulfill({ status: 200, contentType: MIME[path.extname(name)] || 'application/octet-stream', body: fs.readFileSync(file) });
  });

  return served;
}

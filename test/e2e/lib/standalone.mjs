// The static standalone site (npm run build:standalone -> dist-standalone/), served by a
// plain static file server on 127.0.0.1 under a sub-path, as a docs site would host it.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './paths.mjs';

export const STANDALONE_DIR = path.join(ROOT, 'dist-standalone');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** Build it when it is not there (npm run build:standalone); `noBuild`: fail instead. */
export function ensureStandalone({ noBuild = false, log = console.log } = {}) {
  if (fs.existsSync(path.join(STANDALONE_DIR, 'index.html'))) {
    return 'present';
  }
  if (noBuild) {
    throw new Error('dist-standalone/ is missing: run npm run build:standalone');
  }
  log('building the standalone page (npm run build:standalone)');
  const r = spawnSync('npm', ['run', 'build:standalone'], { cwd: ROOT, stdio: 'inherit' });

  if (r.status !== 0) {
    throw new Error('npm run build:standalone failed');
  }

  return 'built';
}

/** Serve dist-standalone at http://127.0.0.1:PORT/try/ (only GET of files; nothing else). */
export async function serveStandalone(prefix = '/try/') {
  const srv = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://localhost');

    if (req.method !== 'GET' || !u.pathname.startsWith(prefix)) {
      res.writeHead(404);
      res.end();

      return;
    }
    let rel = decodeURIComponent(u.pathname.slice(prefix.length)) || 'index.html';

    if (rel.endsWith('/')) {
      rel += 'index.html';
    }
    const file = path.join(STANDALONE_DIR, rel);

    if (!file.startsWith(STANDALONE_DIR) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();

      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });

  await new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());

  return { url: `http://127.0.0.1:${ port }${ prefix }`, stop: () => new Promise((resolve) => srv.close(resolve)) };
}

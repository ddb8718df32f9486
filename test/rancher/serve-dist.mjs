// The dashboard as built by `npm run build:dashboard` (dist/dashboard), served over plain
// HTTP with the stand-in Rancher API answering the paths the dev server would proxy to
// Rancher (same origin, so no proxy is needed). Any other path that is not a file gets
// index.html (the dashboard's router handles it).
//
//   node test/rancher/serve-dist.mjs [--port 8005]   -> open http://127.0.0.1:8005/
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RancherApi } from '../rancher-api/server.mjs';

export const DIST = fileURLToPath(new URL('../../dist/dashboard/', import.meta.url));

/** the paths the shell's vue.config.js proxies to Rancher */
const API_PATH = /^\/(k8s|api|apis|v1|v3|v3-public|api-ui|meta|v1-[^/]+|rancherversion|version|__standin)(\/|$|\?)/;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject', '.map': 'application/json', '.txt': 'text/plain', '.gif': 'image/gif',
};

export function distBuilt() {
  return existsSync(join(DIST, 'index.html'));
}

/** Starts the static dashboard + stand-in API on one port. */
export async function serveDashboard({ port = 0, api = new RancherApi() } = {}) {
  if (!distBuilt()) throw new Error(`no dashboard build in ${DIST}: run \`npm run build:dashboard\` first`);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (API_PATH.test(path)) {
      api.handle(req, res).catch((e) => { res.writeHead(500); res.end(String(e)); });
      return;
    }
    let file = normalize(join(DIST, path));
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  api.attachWebsockets(server);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  return {
    url, api,
    close: () => new Promise((resolve) => { api.closeSockets(); server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const { url } = await serveDashboard({ port: i > 0 ? Number(process.argv[i + 1]) : 8005 });
  console.log(`dashboard (dist/dashboard) with the stand-in Rancher API on ${url}/`);
}

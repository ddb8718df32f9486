// Start the standalone harness page exactly as `npm start` does (node scripts/start.mjs)
// on a free 127.0.0.1 port, wait for its URL, and stop it again (the whole process
// group, so no Vite/esbuild child is left behind).
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './paths.mjs';

/** A port the OS reports free right now on 127.0.0.1. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();

    srv.unref();
    srv.on('error', reject);
    srv.listen({ host, port: 0 }, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());

      srv.close(() => resolve(port));
    });
  });
}

function startOnce(port, { host, timeoutMs, log }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--port', String(port), '--host', host], {
      cwd:      ROOT,
      env:      { ...process.env, BROWSER: 'none', FORCE_COLOR: '0' },
      stdio:    ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group: stop() ends Vite and its esbuild service together
    });
    let out = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`harness did not print its URL within ${ timeoutMs }ms:\n${ out }`)), timeoutMs);

    function fail(e) {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch { /* gone */ }
      reject(e);
    }

    const onData = (d) => {
      out += String(d);
      const m = out.match(/registry-mirrors harness: (http:\/\/\S+)/);

      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };

    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => {
      out += String(d);
      log?.(String(d).trimEnd());
    });
    child.on('exit', (code, signal) => fail(new Error(`harness exited (${ code ?? signal }) before it was ready:\n${ out }`)));
  });
}

/**
 * @param {{host?: string, timeoutMs?: number, attempts?: number, log?: (line: string) => void}} [opts]
 * @returns {Promise<{url: string, pid: number, stop: () => Promise<void>, output: () => string}>}
 */
export async function startHarness({ host = '127.0.0.1', timeoutMs = 60_000, attempts = 3, log } = {}) {
  let lastError;

  for (let i = 0; i < attempts; i++) {
    const port = await freePort(host);

    try {
      const { child, url, output } = await startOnce(port, { host, timeoutMs, log });
      let exited = false;

      child.on('exit', () => {
        exited = true;
      });

      return {
        url,
        output,
        pid: child.pid,
        async stop() {
          if (exited) {
            return;
          }
          const gone = new Promise((resolve) => child.once('exit', resolve));

          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch { /* already gone */ }
          const t = setTimeout(() => {
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch { /* gone */ }
          }, 5000);

          await gone;
          clearTimeout(t);
        },
      };
    } catch (e) {
      lastError = e; // port taken between freePort() and listen(): try another one
    }
  }
  throw lastError;
}

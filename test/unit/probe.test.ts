// registry-route probe and the request helper: the request containerd sends, the
// curl command for a node, and the probe's outcomes against small local HTTP
// servers (the real registries are in `npm run test:registries`).
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, curlCommand, manifestRequest, MANIFEST_ACCEPT, resolveRoute, routeRequests, settingsFromNodeValue, shellQuote } from '../../src/index';
import { parseChallenge, probeMain } from '../../src/cli/probe';

const dir = mkdtempSync(join(tmpdir(), 'rr-probe-'));
let files = 0;
function file(text: string): string {
  const p = join(dir, `f${files++}.yaml`);
  writeFileSync(p, text);
  return p;
}

function routeOf(yaml: Record<string, unknown>, image: string, runtime: 'k3s-fork' | 'upstream-1.6' = 'k3s-fork') {
  const { settings, findings } = settingsFromNodeValue(yaml, { runtime });
  return resolveRoute(compile(settings, findings), image);
}

async function probe(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await probeMain(['probe', ...args], { write: (s: string) => { stdout += s; return true; } }, { write: (s: string) => { stderr += s; return true; } });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Array<{ attempts: Array<{ url: string; status: string; httpStatus: number | null; error?: string }>; servedBy: string | null }> };
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];
async function serve(handler: Handler): Promise<{ origin: string; seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }> }> {
  const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }> = [];
  const s = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, seen };
}
afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

const ok: Handler = (_q, s) => s.writeHead(200, { 'Docker-Content-Digest': 'sha256:x' }).end();
const missing: Handler = (_q, s) => s.writeHead(404).end();
const mirrors = (...endpoints: string[]) => `mirrors:\n  docker.io:\n    endpoint: ${JSON.stringify(endpoints)}\n`;

describe('the request containerd sends', () => {
  it('is a HEAD with the Accept header Debian containerd 1.6 sends, on the route URL with ?ns=', () => {
    const r = routeOf({ mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'] } } }, 'nginx:1.27');
    const q = manifestRequest(r.attempts[0]);
    expect(q).toEqual({ method: 'HEAD', url: 'https://mirror.example.com/v2/library/nginx/manifests/1.27?ns=docker.io', headers: { Accept: MANIFEST_ACCEPT }, phase: 'manifests' });
    // as captured from ctr 1.6.20 against a listening socket
    expect(MANIFEST_ACCEPT).toBe('application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, */*');
  });

  it('for a digest: manifests on every host first, then blobs on every host (as ctr 1.6 does)', () => {
    const d = `sha256:${'a'.repeat(64)}`;
    const r = routeOf({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } } }, `nginx@${d}`);
    expect(routeRequests(r).map((x) => [x.index, x.request.phase, x.request.url])).toEqual([
      [0, 'manifests', `https://m.example.com/v2/library/nginx/manifests/${d}?ns=docker.io`],
      [1, 'manifests', `https://registry-1.docker.io/v2/library/nginx/manifests/${d}`],
      [0, 'blobs', `https://m.example.com/v2/library/nginx/blobs/${d}?ns=docker.io`],
      [1, 'blobs', `https://registry-1.docker.io/v2/library/nginx/blobs/${d}`],
    ]);
    expect(routeRequests(routeOf({}, 'nginx:1')).map((x) => x.request.phase)).toEqual(['manifests']);
  });
});

describe('the curl command for a node', () => {
  /** What a POSIX shell hands to curl: the words, one per line. */
  function words(command: string): string[] {
    const r = spawnSync('sh', ['-c', `printf '%s\\n' ${command.replace(/^curl /, '')}`], { encoding: 'utf8' });
    return r.stdout.split('\n').slice(0, -1);
  }

  it('sends the same HEAD, Accept header and URL (the shell gets back exactly those words)', () => {
    const r = routeOf({ mirrors: { 'docker.io': { endpoint: ['http://127.0.0.1:5000'] } } }, 'nginx:1.27');
    const c = curlCommand(r.attempts[0]);
    expect(c.command.startsWith('curl ')).toBe(true);
    expect(words(c.command)).toEqual(['-sS', '-I', '--max-time', '10', '-H', `Accept: ${MANIFEST_ACCEPT}`, 'http://127.0.0.1:5000/v2/library/nginx/manifests/1.27?ns=docker.io']);
    expect(c.authFrom).toBeNull();
  });

  it("uses the host's CA file, client certificate and skip-verify", () => {
    const r = routeOf({
      mirrors: { 'docker.io': { endpoint: ['https://m.example.com', 'https://n.example.com'] } },
      configs: { 'm.example.com': { tls: { ca_file: '/etc/ssl/my ca.pem', cert_file: '/etc/c.crt', key_file: '/etc/c.key' } }, 'n.example.com': { tls: { insecure_skip_verify: true } } },
    }, 'nginx:1');
    const w0 = words(curlCommand(r.attempts[0]).command);
    expect(w0).toEqual(expect.arrayContaining(['--cacert', '/etc/ssl/my ca.pem', '--cert', '/etc/c.crt', '--key', '/etc/c.key']));
    expect(w0[w0.indexOf('--cacert') + 1]).toBe('/etc/ssl/my ca.pem');
    expect(words(curlCommand(r.attempts[1]).command)).toContain('-k');
    expect(words(curlCommand(r.attempts[2]).command)).not.toContain('-k');
  });

  it('is anonymous, and names the configs entry whose credentials containerd would send', () => {
    const r = routeOf({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } }, configs: { 'm.example.com': { auth: { username: 'u', password: 'secret-pw' } } } }, 'nginx:1');
    const c = curlCommand(r.attempts[0]);
    expect(c.authFrom).toBe('m.example.com');
    expect(c.command).not.toMatch(/secret-pw|-u |--user/);
  });

  it("quotes anything a shell would read: a ' in a word survives", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(spawnSync('sh', ['-c', `printf %s ${shellQuote("a b'c$d")}`], { encoding: 'utf8' }).stdout).toBe("a b'c$d");
  });
});

describe('registry-route probe', () => {
  it('walks the route in order and stops at the first host that has the image', async() => {
    const a = await serve(missing);
    const b = await serve(ok);
    const c = await serve(ok);
    const r = await probe(['--json', '--registries', file(mirrors(a.origin, b.origin, c.origin)), 'nginx:1']);
    expect(r.code).toBe(0);
    const [res] = r.json();
    expect(res.attempts.map((x) => [x.status, x.httpStatus])).toEqual([['not-found', 404], ['found', 200]]);
    expect(res.servedBy).toBe(`${b.origin}/v2/library/nginx/manifests/1?ns=docker.io`);
    expect(c.seen).toHaveLength(0);
    expect(a.seen[0]).toMatchObject({ method: 'HEAD', url: '/v2/library/nginx/manifests/1?ns=docker.io' });
    expect(a.seen[0].headers.accept).toBe(MANIFEST_ACCEPT);
  });

  it('--all asks every host; text output marks the host that serves', async() => {
    const a = await serve(ok);
    const b = await serve(missing);
    const reg = file(mirrors(a.origin, b.origin));
    const r = await probe(['--json', '--all', '--timeout', '1000', '--registries', reg, 'nginx:1']);
    expect(r.json()[0].attempts.map((x) => x.status)).toEqual(['found', 'not-found', expect.stringMatching(/unreachable|timeout|error/)]);
    const t = await probe(['--registries', reg, 'nginx:1']);
    expect(t.stdout).toContain('found ← served');
    expect(t.stdout).toContain('not asked');
    expect(t.stdout).toContain(`served by ${a.origin}/v2/library/nginx/manifests/1?ns=docker.io`);
  });

  it('the Bearer token flow: basic credentials to the realm, scope from the challenge; nothing secret printed', async() => {
    const token = 'tok-3f9a-secret';
    const svc = await serve((q, s) => {
      const ok2 = q.headers.authorization === `Basic ${Buffer.from('alice:pw-s3cret').toString('base64')}`;
      if (!ok2) {
        s.writeHead(401).end();
        return;
      }
      s.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token }));
    });
    const reg = await serve((q, s) => {
      if (q.headers.authorization === `Bearer ${token}`) {
        s.writeHead(200).end();
        return;
      }
      s.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${svc.origin}/token",service="reg",scope="repository:library/nginx:pull"` }).end();
    });
    const host = reg.origin.slice(7);
    const yaml = `${mirrors(reg.origin)}configs:\n  "${host}":\n    auth:\n      username: alice\n      password: pw-s3cret\n`;
    const r = await probe(['--json', '--registries', file(yaml), 'nginx:1']);
    expect(r.json()[0].attempts[0]).toMatchObject({ status: 'found', httpStatus: 200 });
    const tq = new URL(svc.seen[0].url, 'http://x');
    expect([tq.pathname, tq.searchParams.get('service'), tq.searchParams.get('scope')]).toEqual(['/token', 'reg', 'repository:library/nginx:pull']);
    expect(r.stdout + r.stderr).not.toMatch(/pw-s3cret|tok-3f9a/);
    // wrong password: the token service refuses → unauthorized, the password not echoed
    const bad = await probe(['--json', '--timeout', '1000', '--registries', file(yaml.replace('pw-s3cret', 'wrong-pw-123')), 'nginx:1']);
    expect(bad.json()[0].attempts[0]).toMatchObject({ status: 'unauthorized', httpStatus: 401 });
    expect(bad.stdout).not.toContain('wrong-pw-123');
  });

  it('identity_token: the OAuth refresh-token POST', async() => {
    let form = '';
    const svc = await serve((q, s) => {
      q.setEncoding('utf8');
      q.on('data', (d: string) => (form += d));
      q.on('end', () => s.writeHead(200).end(JSON.stringify({ access_token: 'at' })));
    });
    const reg = await serve((q, s) => (q.headers.authorization === 'Bearer at' ? s.writeHead(200).end() : s.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${svc.origin}/token",service="reg"` }).end()));
    const yaml = `${mirrors(reg.origin)}configs:\n  "${reg.origin.slice(7)}":\n    auth:\n      identity_token: idt-secret\n`;
    const r = await probe(['--json', '--registries', file(yaml), 'nginx:1']);
    expect(r.json()[0].attempts[0].status).toBe('found');
    expect(svc.seen[0].method).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(form))).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'idt-secret', scope: 'repository:library/nginx:pull', service: 'reg' });
    expect(r.stdout).not.toContain('idt-secret');
  });

  it('follows a redirect on the registry, not one off it', async() => {
    const other = await serve(ok);
    const onSite = await serve((q, s) => (q.url?.startsWith('/moved') ? s.writeHead(200).end() : s.writeHead(307, { Location: `/moved${q.url}` }).end()));
    const offSite = await serve((q, s) => s.writeHead(302, { Location: `${other.origin}${q.url}` }).end());
    const r = await probe(['--json', '--all', '--timeout', '1000', '--registries', file(mirrors(offSite.origin, onSite.origin)), 'nginx:1']);
    const [x, y] = r.json()[0].attempts;
    expect(x).toMatchObject({ status: 'error', httpStatus: 302 });
    expect(x.error).toMatch(/not followed/);
    expect(other.seen).toHaveLength(0);
    expect(y).toMatchObject({ status: 'found', httpStatus: 200 });
  });

  it('a host that never answers is a timeout after --timeout ms; a 500 is an error', async() => {
    const hang = await serve(() => {});
    const boom = await serve((_q, s) => s.writeHead(500).end());
    const t0 = Date.now();
    const r = await probe(['--json', '--all', '--timeout', '300', '--registries', file(mirrors(hang.origin, boom.origin)), 'nginx:1']);
    expect(Date.now() - t0).toBeLessThan(5000);
    const [h, b] = r.json()[0].attempts;
    expect(h).toMatchObject({ status: 'timeout', httpStatus: null });
    expect(h.error).toMatch(/300 ms/);
    expect(b).toMatchObject({ status: 'error', httpStatus: 500 });
    expect(r.code).toBe(1);
  });

  it('a CA file that is not here is an error naming the file, not a crash', async() => {
    const reg = `${mirrors('https://127.0.0.1:1')}configs:\n  "127.0.0.1:1":\n    tls:\n      ca_file: /nonexistent/ca.pem\n`;
    const r = await probe(['--json', '--timeout', '500', '--registries', file(reg), 'nginx:1']);
    expect(r.json()[0].attempts[0].status).toBe('error');
    expect(r.json()[0].attempts[0].error).toMatch(/\/nonexistent\/ca\.pem/);
  });

  it('a Cluster manifest: credentials from the auth-config Secret in --secrets (stringData or data)', async() => {
    const reg = await serve((q, s) => (q.headers.authorization === `Basic ${Buffer.from('bob:pw-cluster').toString('base64')}` ? s.writeHead(200).end() : s.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end()));
    const host = reg.origin.slice(7);
    const cluster = file(`apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c, namespace: fleet-default}\nspec:\n  kubernetesVersion: v1.33.1+rke2r1\n  rkeConfig:\n    registries:\n      mirrors:\n        docker.io:\n          endpoint: ["${reg.origin}"]\n      configs:\n        "${host}":\n          authConfigSecretName: reg-auth\n`);
    const secrets = file(`apiVersion: v1\nkind: Secret\nmetadata: {name: other}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: reg-auth, namespace: fleet-default}\ntype: rke.cattle.io/auth-config\nstringData:\n  username: bob\n  password: pw-cluster\n`);
    const r = await probe(['--json', '--registries', cluster, '--secrets', secrets, 'nginx:1']);
    expect(r.stderr).toBe('');
    expect(r.json()[0].attempts[0].status).toBe('found');
    const none = await probe(['--registries', cluster, 'nginx:1']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/configs\.127\.0\.0\.1:\d+\.authConfigSecretName: Secret "reg-auth".*--secrets/);
  });

  it('bad input is exit 2 with the field named', async() => {
    expect((await probe(['Not/Valid'])).code).toBe(2);
    const t = await probe(['--timeout', '0', 'nginx']);
    expect([t.code, t.stderr]).toEqual([2, expect.stringMatching(/--timeout is in milliseconds/)]);
    expect((await probe([])).stderr).toMatch(/at least one IMAGE/);
  });

  it('reads a Bearer challenge with quoted commas and several params', () => {
    expect(parseChallenge('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:a/b:pull,push' },
    });
    expect(parseChallenge(undefined)).toBeUndefined();
  });
});

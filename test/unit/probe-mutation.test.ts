// registry-route probe, case by case, against small local servers (HTTP, HTTPS with a
// test certificate, a raw TCP one): what it reads from the file the route comes from
// (node registries.yaml or a Cluster manifest with its Secrets), which TLS material
// it uses, how it names each outcome, the token flow's failures, redirects, and the
// text and exit code it prints. Expected values come from the servers' own logs and
// from the registry token spec (docs.docker.com/registry/spec/auth/token), not from
// the probe. probe.test.ts has the main flows.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, UsageError, USAGE } from '../../src/cli/args';
import { DEFAULT_TIMEOUT_MS, formatProbe, parseSecrets, probe, probeContext, probeMain, probeRoute, type ProbeResult } from '../../src/cli/probe';
import { compile, resolveRoute, settingsFromNodeValue } from '../../src/index';
import { LOCAL_TLS_CERT, LOCAL_TLS_KEY } from '../fixtures/local-tls';

const dir = mkdtempSync(join(tmpdir(), 'rr-probe-m-'));
let files = 0;
function file(text: string): string {
  const p = join(dir, `f${files++}.yaml`);
  writeFileSync(p, text);
  return p;
}
const b64 = (s: string) => Buffer.from(s).toString('base64');

interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; clientCert: boolean }
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const closers: Array<() => void> = [];
afterAll(() => closers.forEach((c) => c()));

/** An HTTP or HTTPS server on 127.0.0.1 that logs what it was asked. */
async function serve(handler: Handler, tls?: https.ServerOptions): Promise<{ origin: string; host: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      const socket = req.socket as { getPeerCertificate?: () => { raw?: Buffer } };
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, clientCert: !!socket.getPeerCertificate?.()?.raw });
      handler(req, res);
    });
  };
  const s = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  closers.push(() => {
    s.closeAllConnections();
    s.close();
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(s.address() as AddressInfo).port}`;
  return { origin: `${tls ? 'https' : 'http'}://${host}`, host, seen };
}
const TLS = { cert: LOCAL_TLS_CERT, key: LOCAL_TLS_KEY };
/** a port nothing listens on */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

type Attempt = { url: string; status: string; httpStatus: number | null; error?: string };
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await probeMain(['probe', ...args], { write: (s: string) => { stdout += s; return true; } }, { write: (s: string) => { stderr += s; return true; } });
  return { code, stdout, stderr, attempts: (): Attempt[] => (JSON.parse(stdout) as Array<{ attempts: Attempt[] }>)[0].attempts };
}
const mirrors = (...endpoints: string[]) => `mirrors:\n  docker.io:\n    endpoint: ${JSON.stringify(endpoints)}\n`;
const ok: Handler = (_q, s) => s.writeHead(200).end();
const read = (f: string) => readFileSync(f, 'utf8');
const opts = (...a: string[]) => parseArgs(['probe', ...a, 'nginx']);

describe('what the probe reads from the route file', () => {
  it('no file: no credentials, no Cluster TLS, the default timeout; --secrets alone is refused', () => {
    expect(probeContext(opts(), read)).toEqual({ credentials: new Map(), hostTls: null, timeoutMs: DEFAULT_TIMEOUT_MS, all: false });
    expect(DEFAULT_TIMEOUT_MS).toBe(5000);
    expect(probeContext(opts('--timeout', '750', '--all'), read)).toMatchObject({ timeoutMs: 750, all: true });
    expect(() => probeContext(opts('--secrets', 's.yaml'), read)).toThrow(new UsageError('--secrets needs --registries (a Cluster manifest that names the Secrets)'));
  });

  it('a registries.yaml that does not parse gives no credentials (the route reports the file)', () => {
    expect(probeContext(opts('--registries', file('configs: [\n')), read)).toMatchObject({ credentials: new Map(), hostTls: null });
  });

  it('node registries.yaml: username/password, auth (base64 user:password, split at the first colon), identity_token', () => {
    const yaml = [
      'configs:',
      '  a.example:\n    auth:\n      username: ann\n      password: pa:ss',
      `  b.example:\n    auth:\n      auth: ${b64('bob:pw:with:colons')}`,
      `  c.example:\n    auth:\n      auth: ${b64('carl:old')}\n      password: new`,
      '  d.example:\n    auth:\n      identity_token: idt',
      `  e.example:\n    auth:\n      auth: ${b64('no-colon-here')}`,
      '  f.example:\n    auth:\n      username: ""\n      password: ""',
      '  g.example:\n    tls:\n      insecure_skip_verify: true',
      '  h.example: "not a map"',
      '  i.example:\n    auth: "not a map"',
      '  j.example:\n    auth:\n      password: only',
    ].join('\n');
    const c = probeContext(opts('--registries', file(`${yaml}\n`)), read);
    expect(Object.fromEntries(c.credentials)).toEqual({
      'a.example': { username: 'ann', password: 'pa:ss' },
      'b.example': { username: 'bob', password: 'pw:with:colons' },
      'c.example': { username: 'carl', password: 'new' },
      'd.example': { identityToken: 'idt' },
      'j.example': { password: 'only' },
    });
    expect(c.hostTls).toBeNull();
  });

  const cluster = (configs: string) => file(`apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c, namespace: fleet-default}\nspec:\n  kubernetesVersion: v1.33.1+rke2r1\n  rkeConfig:\n    registries:\n      configs:\n${configs}`);

  it('a Cluster manifest: auth-config Secrets (data or stringData; auth; identityToken or identity_token), caBundle and the TLS Secret, by host', () => {
    const secrets = file([
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: a-auth}\n  data:\n    username: ${b64('ann')}\n    password: ${b64('pw-a')}`,
      `- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b-auth}\n  data: {username: x}`,
      '---',
      `apiVersion: v1\nkind: Secret\nmetadata: {name: b-auth}\nstringData:\n  auth: ${b64('bob:pw-b')}\n  password: ""`,
      '---',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: c-auth}\nstringData:\n  identityToken: idt-c',
      '---',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: d-auth}\nstringData:\n  identity_token: idt-d',
      '---',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: e-auth}\nstringData:\n  username: ""',
      '---',
      `apiVersion: v1\nkind: Secret\nmetadata: {name: tls-f}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64('CERT-F')}\n  tls.key: ${b64('KEY-F')}`,
      '---',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: tls-g}\nstringData:\n  tls.crt: CERT-G',
      '---',
      'apiVersion: v1\nkind: Secret\nmetadata: {}\nstringData: {username: nameless}',
      '',
    ].join('\n'));
    const c = probeContext(opts('--registries', cluster([
      '        a.example:\n          authConfigSecretName: a-auth',
      '        b.example:\n          authConfigSecretName: b-auth',
      '        c.example:\n          authConfigSecretName: c-auth',
      '        d.example:\n          authConfigSecretName: d-auth',
      '        e.example:\n          authConfigSecretName: e-auth',
      `        f.example:5000:\n          caBundle: ${b64('CA-F')}\n          tlsSecretName: tls-f`,
      '        g.example:\n          tlsSecretName: tls-g\n          caBundle: ""',
      '        h.example: 7',
      '',
    ].join('\n')), '--secrets', secrets), read);
    expect(Object.fromEntries(c.credentials)).toEqual({
      'a.example': { username: 'ann', password: 'pw-a' },
      'b.example': { username: 'bob', password: 'pw-b' },
      'c.example': { identityToken: 'idt-c' },
      'd.example': { identityToken: 'idt-d' },
    });
    expect(Object.fromEntries(c.hostTls ?? [])).toEqual({
      'a.example': {}, 'b.example': {}, 'c.example': {}, 'd.example': {}, 'e.example': {},
      'f.example:5000': { ca: ['CA-F'], cert: 'CERT-F', key: 'KEY-F' },
      'g.example': { cert: 'CERT-G', key: undefined },
    });
  });

  it('a Cluster manifest naming a Secret that is not given: exit 2 naming the field, the file and the fix', () => {
    const secrets = file('apiVersion: v1\nkind: Secret\nmetadata: {name: other}\n');
    expect(() => probeContext(opts('--registries', cluster('        r.example:\n          tlsSecretName: r-tls\n'), '--secrets', secrets), read))
      .toThrow(new UsageError(`configs.r.example.tlsSecretName: Secret "r-tls" is not in ${secrets} (give the Secrets with --secrets FILE)`));
    expect(() => probeContext(opts('--registries', cluster('        r.example:\n          tlsSecretName: r-tls\n')), read))
      .toThrow(new UsageError('configs.r.example.tlsSecretName: Secret "r-tls" is not in --secrets FILE (give the Secrets with --secrets FILE)'));
    expect(() => probeContext(opts('--registries', cluster('        r.example:\n          authConfigSecretName: r-auth\n'), '--secrets', secrets), read))
      .toThrow(new UsageError(`configs.r.example.authConfigSecretName: Secret "r-auth" is not in ${secrets} (give the Secrets with --secrets FILE, e.g. kubectl get secret r-auth -o yaml)`));
  });

  it('a Cluster manifest without registries (or without rkeConfig) gives an empty TLS table, not the node files', () => {
    const bare = file('apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c}\nspec:\n  kubernetesVersion: v1.33.1+rke2r1\n');
    expect(probeContext(opts('--registries', bare), read)).toMatchObject({ credentials: new Map(), hostTls: new Map() });
  });

  it('--secrets: one Secret, a List, several documents; other kinds and nameless ones skipped; bad YAML names the file', () => {
    const s = parseSecrets('kind: Secret\nmetadata: {name: one}\n---\n\n---\nkind: List\nitems:\n- {kind: Secret, metadata: {name: two}}\n- {kind: ConfigMap, metadata: {name: three}}\n- {kind: Secret, metadata: {name: ""}}\n- {kind: Secret}\n- 7\n', 'f.yaml');
    expect([...s.keys()]).toEqual(['one', 'two']);
    expect(() => parseSecrets('kind: Secret\nmetadata: [\n', 'sec.yaml')).toThrow(/^sec\.yaml: /);
  });
});

describe('TLS: the material containerd would use for the host', () => {
  it('node file: the CA file makes the test certificate trusted; without it the certificate is a TLS error; skip-verify passes', async() => {
    const reg = await serve(ok, TLS);
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, LOCAL_TLS_CERT);
    const trusted = await run(['--json', '--registries', file(`${mirrors(reg.origin)}configs:\n  "${reg.host}":\n    tls:\n      ca_file: ${ca}\n`), 'nginx:1']);
    expect(trusted.attempts()[0]).toMatchObject({ url: `${reg.origin}/v2/library/nginx/manifests/1?ns=docker.io`, status: 'found', httpStatus: 200 });
    const untrusted = await run(['--json', '--timeout', '2000', '--registries', file(mirrors(reg.origin)), 'nginx:1']);
    expect(untrusted.attempts()[0]).toMatchObject({ status: 'tls-error', httpStatus: null, error: expect.stringMatching(/^SELF_SIGNED_CERT_IN_CHAIN: |^DEPTH_ZERO_SELF_SIGNED_CERT: /) });
    const skip = await run(['--json', '--registries', file(`${mirrors(reg.origin)}configs:\n  "${reg.host}":\n    tls:\n      insecure_skip_verify: true\n`), 'nginx:1']);
    expect(skip.attempts()[0].status).toBe('found');
  });

  it('node file: the client certificate and key are presented; a missing key file is an error naming it', async() => {
    const reg = await serve(ok, { ...TLS, requestCert: true, rejectUnauthorized: true, ca: LOCAL_TLS_CERT });
    const crt = join(dir, 'client.crt');
    const key = join(dir, 'client.key');
    writeFileSync(crt, LOCAL_TLS_CERT);
    writeFileSync(key, LOCAL_TLS_KEY);
    const conf = (k: string) => `${mirrors(reg.origin)}configs:\n  "${reg.host}":\n    tls:\n      insecure_skip_verify: true\n      cert_file: ${crt}\n      key_file: ${k}\n`;
    const r = await run(['--json', '--registries', file(conf(key)), 'nginx:1']);
    expect(r.attempts()[0].status).toBe('found');
    expect(reg.seen[0].clientCert).toBe(true);
    const missing = await run(['--json', '--registries', file(conf('/nonexistent/client.key')), 'nginx:1']);
    expect(missing.attempts()[0]).toMatchObject({ status: 'error', error: 'cannot read the client key /nonexistent/client.key (ENOENT); run the probe on a node, or where the file is' });
    const noCert = await run(['--json', '--registries', file(conf(key).replace(crt, '/nonexistent/client.crt')), 'nginx:1']);
    expect(noCert.attempts()[0].error).toBe('cannot read the client certificate /nonexistent/client.crt (ENOENT); run the probe on a node, or where the file is');
  });

  it('Cluster manifest: caBundle and the TLS Secret of the endpoint host are used, not node files', async() => {
    const reg = await serve(ok, { ...TLS, requestCert: true, rejectUnauthorized: false });
    const manifest = (configs: string) => file(`apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c, namespace: fleet-default}\nspec:\n  kubernetesVersion: v1.33.1+rke2r1\n  rkeConfig:\n    registries:\n      mirrors:\n        docker.io:\n          endpoint: ["${reg.origin}/v2"]\n      configs:\n        "${reg.host}":\n${configs}`);
    const secrets = file(`apiVersion: v1\nkind: Secret\nmetadata: {name: client}\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: |\n${LOCAL_TLS_CERT.trim().split('\n').map((l) => `    ${l}`).join('\n')}\n  tls.key: |\n${LOCAL_TLS_KEY.trim().split('\n').map((l) => `    ${l}`).join('\n')}\n`);
    const withCa = await run(['--json', '--registries', manifest(`          caBundle: ${b64(LOCAL_TLS_CERT)}\n          tlsSecretName: client\n`), '--secrets', secrets, 'nginx:1']);
    expect(withCa.stderr).toBe('');
    expect(withCa.attempts()[0].status).toBe('found');
    expect(reg.seen.at(-1)?.clientCert).toBe(true);
    const noCa = await run(['--json', '--timeout', '2000', '--registries', manifest('          tlsSecretName: client\n'), '--secrets', secrets, 'nginx:1']);
    expect(noCa.attempts()[0].status).toBe('tls-error');
  });

  it('an https URL on a plain-HTTP port is a TLS error, or – for an http endpoint with TLS settings (containerd 2) – tried again over http', async() => {
    const plain = await serve(ok);
    const wrong = await run(['--json', '--timeout', '2000', '--registries', file(mirrors(`https://${plain.host}`)), 'nginx:1']);
    expect(wrong.attempts()[0]).toMatchObject({ status: 'tls-error', httpStatus: null, error: expect.stringMatching(/^(EPROTO|ERR_SSL_[A-Z_]+): .*(wrong version number|packet length too long)/) });
    const fallback = await run(['--json', '--registries', file(`${mirrors(plain.origin)}configs:\n  "${plain.host}":\n    tls:\n      insecure_skip_verify: true\n`), 'nginx:1']);
    expect(fallback.attempts()[0]).toMatchObject({ url: `https://${plain.host}/v2/library/nginx/manifests/1?ns=docker.io`, status: 'found', httpStatus: 200 });
    expect(plain.seen.map((s) => s.method)).toEqual(['HEAD']);
  });
});

describe('how each outcome is named', () => {
  it('nothing listening is unreachable with the code; a server that does not speak HTTP is an error that says so', async() => {
    const port = await closedPort();
    const r = await run(['--json', '--registries', file(mirrors(`http://127.0.0.1:${port}`)), 'nginx:1']);
    expect(r.attempts()[0]).toMatchObject({ status: 'unreachable', httpStatus: null, error: `connect ECONNREFUSED 127.0.0.1:${port}` });
    const raw = net.createServer((sock) => sock.end('SSH-2.0-OpenSSH_9.6\r\n'));
    closers.push(() => raw.close());
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const rawPort = (raw.address() as AddressInfo).port;
    const g = await run(['--json', '--registries', file(mirrors(`http://127.0.0.1:${rawPort}`)), 'nginx:1']);
    expect(g.attempts()[0]).toMatchObject({ status: 'error', httpStatus: null, error: expect.stringMatching(/^the answer is not valid HTTP \(.+\); is this an https port reached with http:\/\/\?$/) });
  });

  it('2xx is found (204 and 299 too), 404 not found, 403 unauthorized, 300 without Location and 418 are errors with the status', async() => {
    const statuses = [204, 299, 404, 403, 300, 418];
    const regs = await Promise.all(statuses.map((s) => serve((_q, res) => res.writeHead(s).end())));
    const r = await run(['--json', '--all', '--registries', file(mirrors(...regs.map((x) => x.origin))), 'nginx:1']);
    expect(r.attempts().slice(0, 6).map((a) => [a.status, a.httpStatus, a.error])).toEqual([
      ['found', 204, undefined],
      ['found', 299, undefined],
      ['not-found', 404, undefined],
      ['unauthorized', 403, 'the registry needs credentials; none are configured for this host'],
      ['error', 300, 'HTTP 300'],
      ['error', 418, 'HTTP 418'],
    ]);
    // --all: the first host that has it serves, not the last
    const t = await run(['--all', '--registries', file(mirrors(...regs.map((x) => x.origin))), 'nginx:1']);
    expect(t.stdout).toContain(`served by ${regs[0].origin}/v2/library/nginx/manifests/1?ns=docker.io`);
    expect(t.stdout.match(/← served/g)).toHaveLength(1);
  });

  it('401 names what is missing: no configs entry, or a configs entry without credentials the probe holds', async() => {
    const reg = await serve((_q, s) => s.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end());
    const none = await run(['--json', '--registries', file(mirrors(reg.origin)), 'nginx:1']);
    expect(none.attempts()[0]).toMatchObject({ status: 'unauthorized', httpStatus: 401, error: 'the registry needs credentials; none are configured for this host' });
    // a Cluster manifest whose auth-config Secret holds nothing the probe can send
    const manifest = file(`apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c}\nspec:\n  kubernetesVersion: v1.33.1+rke2r1\n  rkeConfig:\n    registries:\n      mirrors:\n        docker.io:\n          endpoint: ["${reg.origin}"]\n      configs:\n        "${reg.host}":\n          authConfigSecretName: empty\n`);
    const empty = await run(['--json', '--registries', manifest, '--secrets', file('apiVersion: v1\nkind: Secret\nmetadata: {name: empty}\ntype: rke.cattle.io/auth-config\nstringData: {username: ""}\n'), 'nginx:1']);
    expect(empty.attempts()[0]).toMatchObject({ status: 'unauthorized', httpStatus: 401, error: `no credentials for configs.${reg.host} (give them to the probe)` });
    const wrong = await run(['--json', '--registries', file(`${mirrors(reg.origin)}configs:\n  "${reg.host}":\n    auth:\n      username: u\n      password: wrong-pw\n`), 'nginx:1']);
    expect(wrong.attempts()[0]).toMatchObject({ status: 'unauthorized', httpStatus: 401, error: 'the registry refused the credentials' });
    // Basic is sent once: the challenge is answered with user:password, then the 401 stands
    expect(reg.seen.slice(-2).map((s) => s.headers.authorization)).toEqual([undefined, `Basic ${b64('u:wrong-pw')}`]);
    expect(reg.seen[0].headers['user-agent']).toBe('registry-route-probe');
  });

  it('basic challenge with only a password (identity token holders get no Basic)', async() => {
    const reg = await serve((q, s) => (q.headers.authorization === `Basic ${b64(':solo-pw')}` ? s.writeHead(200).end() : s.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end()));
    const r = await run(['--json', '--registries', file(`${mirrors(reg.origin)}configs:\n  "${reg.host}":\n    auth:\n      password: solo-pw\n`), 'nginx:1']);
    expect(r.attempts()[0].status).toBe('found');
    const idt = await run(['--json', '--registries', file(`${mirrors(reg.origin)}configs:\n  "${reg.host}":\n    auth:\n      identity_token: idt-only\n`), 'nginx:1']);
    expect(idt.attempts()[0]).toMatchObject({ status: 'unauthorized', error: 'the registry refused the credentials' });
    expect(reg.seen.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('redirects on the registry: three are followed, a fourth is an error; relative and absolute Locations', async() => {
    const chain = (n: number) => serve((q, s) => {
      const hop = Number(/\/hop(\d+)$/.exec(q.url ?? '')?.[1] ?? 0);
      if (hop < n) s.writeHead(hop % 2 ? 301 : 307, { Location: hop % 2 ? `http://${q.headers.host}/hop${hop + 1}` : `/hop${hop + 1}` }).end();
      else s.writeHead(200).end();
    });
    const three = await chain(3);
    const four = await chain(4);
    const r = await run(['--json', '--all', '--registries', file(mirrors(three.origin, four.origin)), 'nginx:1']);
    const [a, b] = r.attempts();
    expect(a).toMatchObject({ status: 'found', httpStatus: 200 });
    expect(three.seen.map((s) => s.url)).toEqual(['/v2/library/nginx/manifests/1?ns=docker.io', '/hop1', '/hop2', '/hop3']);
    expect(b).toMatchObject({ status: 'error', httpStatus: 301, error: 'more than 3 redirects' });
    expect(four.seen).toHaveLength(4);
  });
});

describe('the token flow (registry token spec) when it goes wrong', () => {
  async function bearer(challenge: (svc: string) => string, token: Handler) {
    const svc = await serve(token);
    const reg = await serve((q, s) => (q.headers.authorization === 'Bearer good' ? s.writeHead(200).end() : s.writeHead(401, { 'WWW-Authenticate': challenge(svc.origin) }).end()));
    return { svc, reg };
  }
  const tokenOf = (body: string, status = 200): Handler => (_q, s) => s.writeHead(status, { 'Content-Type': 'application/json' }).end(body);

  it('anonymous: no scope in the challenge → repository:<repo>:pull; no service → none sent; access_token accepted', async() => {
    const { svc, reg } = await bearer((o) => `Bearer realm="${o}/token"`, tokenOf('{"access_token":"good"}'));
    const r = await run(['--json', '--registries', file(mirrors(reg.origin)), 'team/app:1']);
    expect(r.attempts()[0].status).toBe('found');
    const u = new URL(svc.seen[0].url, 'http://x');
    expect([svc.seen[0].method, u.pathname, [...u.searchParams]]).toEqual(['GET', '/token', [['scope', 'repository:team/app:pull']]]);
    expect(svc.seen[0].headers).toMatchObject({ accept: 'application/json', 'user-agent': 'registry-route-probe' });
    expect(svc.seen[0].headers.authorization).toBeUndefined();
  });

  it('"token" wins over "access_token"; realm query parameters are kept', async() => {
    const { svc, reg } = await bearer((o) => `Bearer realm="${o}/token?x=1",service="s"`, tokenOf('{"token":"good","access_token":"other"}'));
    const r = await run(['--json', '--registries', file(mirrors(reg.origin)), 'nginx:1']);
    expect(r.attempts()[0].status).toBe('found');
    expect([...new URL(svc.seen[0].url, 'http://x').searchParams]).toEqual([['x', '1'], ['service', 's'], ['scope', 'repository:library/nginx:pull']]);
  });

  it('a realm that is missing or not http(s) is unauthorized without asking anyone', async() => {
    for (const ch of ['Bearer service="s"', 'Bearer realm="ftp://auth.example/token"']) {
      const reg = await serve((_q, s) => s.writeHead(401, { 'WWW-Authenticate': ch }).end());
      const r = await run(['--json', '--registries', file(mirrors(reg.origin)), 'nginx:1']);
      expect(r.attempts()[0]).toMatchObject({ status: 'unauthorized', httpStatus: null, error: 'the registry asked for a Bearer token without a usable realm' });
      expect(reg.seen).toHaveLength(1);
    }
  });

  it('the token service: 403 refuses (anonymous or credentials), 500 and 199-style answers are errors, a body without a token is an error', async() => {
    const cases: Array<[Handler, string, { status: string; httpStatus: number | null; error: string }]> = [
      [tokenOf('{}', 403), '', { status: 'unauthorized', httpStatus: 403, error: 'the token service ORIGIN refused an anonymous token (HTTP 403)' }],
      [tokenOf('{}', 401), 'configs:\n  "HOST":\n    auth:\n      username: u\n      password: p-123\n', { status: 'unauthorized', httpStatus: 401, error: 'the token service ORIGIN refused the credentials (HTTP 401)' }],
      [tokenOf('{"token":"good"}', 500), '', { status: 'error', httpStatus: 500, error: 'the token service ORIGIN answered HTTP 500' }],
      [tokenOf('{"token":"good"}', 302), '', { status: 'error', httpStatus: 302, error: 'the token service ORIGIN answered HTTP 302' }],
      [tokenOf('not json'), '', { status: 'error', httpStatus: null, error: 'the token service ORIGIN gave no token' }],
      [tokenOf('{"token":""}'), '', { status: 'error', httpStatus: null, error: 'the token service ORIGIN gave no token' }],
      [tokenOf('{"token":42}'), '', { status: 'error', httpStatus: null, error: 'the token service ORIGIN gave no token' }],
      [tokenOf('{"token":"good"}', 299), '', { status: 'found', httpStatus: 200, error: undefined as unknown as string }],
    ];
    for (const [handler, configs, expected] of cases) {
      const { svc, reg } = await bearer((o) => `Bearer realm="${o}/t"`, handler);
      const r = await run(['--json', '--registries', file(mirrors(reg.origin) + configs.replace('HOST', reg.host)), 'nginx:1']);
      const { error, ...rest } = expected;
      expect(r.attempts()[0]).toMatchObject(rest);
      expect(r.attempts()[0].error).toBe(error?.replace('ORIGIN', svc.origin));
    }
  });

  it('a token answer larger than 1 MiB is cut there (no token in it is an error, not a hang)', async() => {
    const { reg } = await bearer((o) => `Bearer realm="${o}/t"`, tokenOf(`{"pad":"${'x'.repeat(2 << 20)}","token":"good"}`));
    const r = await run(['--json', '--registries', file(mirrors(reg.origin)), 'nginx:1']);
    expect(r.attempts()[0]).toMatchObject({ status: 'error', error: expect.stringMatching(/gave no token$/) });
  });
});

describe('what the probe prints', () => {
  it('never a credential: a realm that carries user:password in its URL fails without printing it', async() => {
    const pw = 'pw-leaky-77';
    const port = await closedPort();
    const reg = await serve((_q, s) => s.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://u:${pw}@127.0.0.1:${port}/t"` }).end());
    const r = await run(['--json', '--registries', file(`${mirrors(reg.origin)}configs:\n  "${reg.host}":\n    auth:\n      username: u\n      password: ${pw}\n`), 'nginx:1']);
    expect(r.stdout).not.toContain(pw);
    expect(r.attempts()[0]).toMatchObject({ status: 'unreachable', error: `connect ECONNREFUSED 127.0.0.1:${port}` });
  });

  it('text: the image and what it came from, each host with status, HTTP code, time and error; hosts not asked', () => {
    const { settings, findings } = settingsFromNodeValue({ mirrors: { 'docker.io': { endpoint: ['https://m.example', 'https://n.example'] } } }, { runtime: 'k3s-fork' });
    const route = resolveRoute(compile(settings, findings), 'nginx');
    const result: ProbeResult = {
      input: 'nginx',
      image: route.image,
      attempts: [{ url: 'https://m.example/v2/library/nginx/manifests/latest?ns=docker.io', status: 'timeout', httpStatus: null, ms: 500, error: 'no answer within 500 ms' }],
      servedBy: null,
    };
    expect(formatProbe(route, result)).toBe([
      'docker.io/library/nginx:latest (from nginx)',
      '  1. https://m.example/v2/library/nginx/manifests/latest?ns=docker.io',
      '     timeout (500 ms): no answer within 500 ms',
      '  2. https://n.example/v2/library/nginx/manifests/latest?ns=docker.io',
      '     not asked (an earlier host has the image; --all asks every host)',
      '  3. https://registry-1.docker.io/v2/library/nginx/manifests/latest',
      '     not asked (an earlier host has the image; --all asks every host)',
      '  no host has the image: the pull fails',
    ].join('\n'));
    const full = resolveRoute(compile(settings, findings), 'docker.io/library/nginx:latest');
    expect(formatProbe(full, { ...result, input: full.input, attempts: [{ ...result.attempts[0], status: 'found', httpStatus: 200, ms: 3, error: undefined }], servedBy: result.attempts[0].url }).split('\n').slice(0, 3)).toEqual([
      'docker.io/library/nginx:latest',
      '  1. https://m.example/v2/library/nginx/manifests/latest?ns=docker.io',
      '     found ← served (HTTP 200, 3 ms)',
    ]);
  });

  it('probe(): exit 0 only when every image was found, text blocks separated by a blank line; an invalid image is refused before asking', async() => {
    const reg = await serve((q, s) => (q.url?.includes('/nginx/') ? s.writeHead(200).end() : s.writeHead(404).end()));
    const { settings, findings } = settingsFromNodeValue({ mirrors: { 'docker.io': { endpoint: [reg.origin] } } }, { runtime: 'k3s-fork' });
    const compiled = compile(settings, findings);
    const ctx = { credentials: new Map(), hostTls: null, timeoutMs: 1000, all: false };
    let out = '';
    const w = { write: (s: string) => (out += s) };
    expect(await probe([resolveRoute(compiled, 'nginx:1')], ctx, false, w)).toBe(0);
    expect(out.endsWith('\n')).toBe(true);
    out = '';
    expect(await probe([resolveRoute(compiled, 'nginx:1'), resolveRoute(compiled, `${reg.host}/x:1`)], ctx, false, w)).toBe(1);
    expect(out.split('\n\n')).toHaveLength(2);
    expect(out).toMatch(/^docker\.io\/library\/nginx:1 \(from nginx:1\)\n/);
    await expect(probe([resolveRoute(compiled, 'Not/Valid')], ctx, true, w)).rejects.toThrow(UsageError);
    const served = await probeRoute(resolveRoute(compiled, 'nginx:1'), { ...ctx, all: true });
    expect(served.servedBy).toBe(`${reg.origin}/v2/library/nginx/manifests/1?ns=docker.io`);
    expect(served.attempts).toHaveLength(2);
  });

  it('--help prints the usage and exits 0', async() => {
    const r = await run(['--help']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, USAGE, '']);
  });
});

// The lab: real Debian `docker-registry` (distribution 2.8) servers on loopback
// inside the suite's own network namespace, small OCI images built here and pushed
// with `skopeo`, a self-signed CA, an htpasswd file and a token service.
//
// Every registry's access log (combined format, one line per request) is kept in
// memory; it is the ground truth of which host served what.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, sign as cryptoSign, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fields, run } from '../conformance/ctr.mjs';

export const USER = 'probe-user';
/** TEST-ONLY credential for the lab's htpasswd and token registries, made per run. */
export const PASSWORD = `pw-${randomBytes(9).toString('base64url')}`;

/** @type {[string, string[], string][]} [command, version arguments, Debian package] */
const TOOLS = [
  ['containerd', ['--version'], 'containerd'],
  ['docker-registry', ['--version'], 'docker-registry'],
  ['skopeo', ['--version'], 'skopeo'],
  ['htpasswd', ['-h'], 'apache2-utils'],
  ['openssl', ['version'], 'openssl'],
  ['tar', ['--version'], 'tar'],
  ['ip', ['-V'], 'iproute2'],
];

/** Every tool the suite needs, or an error naming the Debian package to install. */
export function checkTools() {
  const missing = [];
  for (const [cmd, args, pkg] of TOOLS) {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.error) missing.push(`${cmd} (apt-get install -y ${pkg})`);
  }
  if (missing.length) throw new Error(`missing tools: ${missing.join(', ')}`);
}

async function must(cmd, args, opts = {}) {
  const r = await run(cmd, args, { timeoutMs: 60000, ...opts });
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}${r.timedOut ? ' (timeout)' : ''}: ${(r.stderr || r.stdout).trim().slice(0, 2000)}`);
  return r;
}

// ---------------------------------------------------------------- PKI

/** A CA, a server certificate for 127.0.0.1 signed by it, and a token-signing certificate. */
export async function makePki(dir) {
  mkdirSync(dir, { recursive: true });
  const p = (n) => path.join(dir, n);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await must('openssl', ['req', '-x509', ...ec, '-days', '2', '-subj', '/CN=registry-route probe test CA', '-keyout', p('ca.key'), '-out', p('ca.pem'),
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await must('openssl', ['req', ...ec, '-subj', '/CN=127.0.0.1', '-keyout', p('server.key'), '-out', p('server.csr')]);
  writeFileSync(p('server.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  await must('openssl', ['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-days', '2', '-out', p('server.pem'), '-extfile', p('server.ext')]);
  // a second, unrelated CA: a host configured with it fails verification
  await must('openssl', ['req', '-x509', ...ec, '-days', '2', '-subj', '/CN=some other CA', '-keyout', p('other-ca.key'), '-out', p('other-ca.pem')]);
  // the token service signs with this; the registry trusts it (rootcertbundle)
  await must('openssl', ['req', '-x509', ...ec, '-days', '2', '-subj', '/CN=probe token signer', '-keyout', p('signer.key'), '-out', p('signer.pem')]);
  return { ca: p('ca.pem'), serverCert: p('server.pem'), serverKey: p('server.key'), otherCa: p('other-ca.pem'), signerCert: p('signer.pem'), signerKey: p('signer.key') };
}

// ---------------------------------------------------------------- images

const sha = (buf) => `sha256:${createHash('sha256').update(buf).digest('hex')}`;

/**
 * An OCI image layout with one small image tagged TAG: one layer (a tar with a
 * file naming the image), its config, the manifest and index.json.
 */
export async function buildImage(dir, name, tag) {
  const layout = path.join(dir, 'layout');
  const blobs = path.join(layout, 'blobs/sha256');
  const rootfs = path.join(dir, 'rootfs');
  mkdirSync(blobs, { recursive: true });
  mkdirSync(rootfs, { recursive: true });
  writeFileSync(path.join(rootfs, 'hello.txt'), `${name}:${tag}\n`);
  const tarFile = path.join(dir, 'layer.tar');
  await must('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-C', rootfs, '-cf', tarFile, 'hello.txt']);
  const layer = readFileSync(tarFile);
  const put = (buf) => {
    const d = sha(buf);
    writeFileSync(path.join(blobs, d.slice(7)), buf);
    return d;
  };
  const layerDigest = put(layer);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [layerDigest] } }));
  const configDigest = put(config);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length }],
  }));
  const manifestDigest = put(manifest);
  writeFileSync(path.join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(path.join(layout, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': tag } }],
  }));
  return { layout, tag, manifestDigest, configDigest, layerDigest };
}

/**
 * skopeo copy oci:LAYOUT:TAG docker://HOST/REPO:TAG
 * @param {{ layout: string, tag: string }} img
 * @param {string} hostRepoTag
 * @param {{ creds?: string, tls?: string }} [opts]
 */
export async function push(img, hostRepoTag, { creds, tls } = {}) {
  const args = ['--insecure-policy', 'copy', '--quiet', '--dest-tls-verify=false', '--preserve-digests'];
  if (creds) args.push('--dest-creds', creds);
  if (tls) args.push('--dest-cert-dir', tls);
  args.push(`oci:${img.layout}:${img.tag}`, `docker://${hostRepoTag}`);
  await must('skopeo', args, { env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '/root' } });
}

// ---------------------------------------------------------------- registries

/** One access log line: "METHOD URI HTTP/x" STATUS SIZE "REFERER" "UA" */
const ACCESS = /^\S+ - \S+ \[[^\]]+\] "([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3}) \S+ "[^"]*" "([^"]*)"/;

const UNIT_MS = { h: 3600e3, m: 60e3, s: 1e3, ms: 1, us: 1e-3, µs: 1e-3, μs: 1e-3, ns: 1e-6 };
/** A Go duration string (1.5s, 2.479506ms, 850µs, 1m2s) in milliseconds. */
export function goDurationMs(d) {
  let ms = 0;
  const re = /([\d.]+)(h|ms|us|µs|μs|ns|m|s)/g;
  let m;
  while ((m = re.exec(d))) ms += Number(m[1]) * UNIT_MS[m[2]];
  return ms;
}

/** An RFC 3339 time with nanoseconds, in milliseconds since the epoch (µs precision). */
function timeMs(t) {
  const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(t ?? '');
  return m ? Date.parse(`${m[1]}${m[3]}`) + (m[2] ? Number(m[2]) * 1000 : 0) : NaN;
}

export class Registry {
  /**
   * @param {string} name
   * @param {number} port
   * @param {{ scheme?: string, storage?: string, tls?: { cert: string, key: string }, htpasswd?: string,
   *   token?: { realm: string, service: string, issuer: string, rootcertbundle: string }, proxy?: string }} [opts]
   */
  constructor(name, port, { scheme = 'http', storage, tls, htpasswd, token, proxy } = {}) {
    this.name = name;
    this.port = port;
    this.scheme = scheme;
    this.storage = storage;
    this.tls = tls;
    this.htpasswd = htpasswd;
    this.token = token;
    this.proxy = proxy;
    this.host = `127.0.0.1:${port}`;
    this.origin = `${scheme}://${this.host}`;
    this.log = [];
    /** per request, from the registry's own log: when it started (ms, the registry's clock) */
    this.requests = [];
    this.byId = new Map();
    this.proc = null;
  }

  async start(dir) {
    mkdirSync(this.storage, { recursive: true });
    // info: one "response completed" line per request, with its time and duration
    const lines = ['version: 0.1', 'log:', '  level: info', '  formatter: text', 'storage:', '  filesystem:', `    rootdirectory: ${JSON.stringify(this.storage)}`,
      '  delete:', '    enabled: true', '  maintenance:', '    uploadpurging:', '      enabled: false', 'http:', `  addr: ${this.host}`, '  secret: registry-route-probe-test'];
    if (this.tls) lines.push('  tls:', `    certificate: ${JSON.stringify(this.tls.cert)}`, `    key: ${JSON.stringify(this.tls.key)}`);
    if (this.htpasswd) lines.push('auth:', '  htpasswd:', '    realm: probe-test', `    path: ${JSON.stringify(this.htpasswd)}`);
    if (this.token) lines.push('auth:', '  token:', `    realm: ${this.token.realm}`, `    service: ${this.token.service}`, `    issuer: ${this.token.issuer}`, `    rootcertbundle: ${JSON.stringify(this.token.rootcertbundle)}`);
    if (this.proxy) lines.push('proxy:', `  remoteurl: ${this.proxy}`);
    const config = path.join(dir, `${this.name}.yml`);
    writeFileSync(config, `${lines.join('\n')}\n`);
    this.proc = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(this.proc);
    let buf = '';
    this.stderr = '';
    const onData = (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = ACCESS.exec(line);
        if (m) {
          this.log.push({ method: m[1], uri: m[2], status: Number(m[3]), ua: m[4] });
          continue;
        }
        // the registry's own log: every line about a request carries its id and a time with
        // nanoseconds; the earliest (the completion time minus the duration, or the time of
        // an earlier line such as a refused authorization) is when the request started
        const f = fields(line);
        const id = f['http.request.id'];
        if (id && f['http.request.uri']) {
          let start = timeMs(f.time);
          if (f.msg === 'response completed' || f.msg === 'response completed with error') start -= goDurationMs(f['http.response.duration'] ?? '');
          let e = this.byId.get(id);
          if (!e) {
            e = { method: f['http.request.method'], uri: f['http.request.uri'], ua: f['http.request.useragent'] ?? '', start };
            this.byId.set(id, e);
            this.requests.push(e);
          } else e.start = Math.min(e.start, start);
        } else if (f.level !== 'info' && this.stderr.length < 20000) this.stderr += `${line}\n`;
      }
    };
    this.proc.stdout.setEncoding('utf8').on('data', onData);
    this.proc.stderr.setEncoding('utf8').on('data', onData);
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    await waitListening(this.port, 10000, () => this.proc.exitCode !== null, () => this.stderr);
  }

  /** Marks for containerdSince: positions in the access log and the request log. */
  mark() {
    return [this.log.length, this.requests.length];
  }

  /** Requests from containerd (by user agent) since mark: {access} from the access log, {timed} from the registry's own log. */
  containerdSince([a, r]) {
    const ours = (e) => e.ua.startsWith('containerd/');
    return { access: this.log.slice(a).filter(ours), timed: this.requests.slice(r).filter(ours) };
  }

  async stop() {
    if (this.proc && this.proc.exitCode === null) {
      this.proc.kill('SIGTERM');
      await this.exited;
    }
  }
}

async function waitListening(port, timeoutMs, died, why) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (died()) throw new Error(`registry on :${port} exited: ${why().trim().slice(0, 1000)}`);
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on :${port} after ${timeoutMs} ms: ${why().trim().slice(0, 1000)}`);
}

export async function htpasswdFile(file) {
  const r = await must('htpasswd', ['-Bbn', USER, PASSWORD]);
  writeFileSync(file, r.stdout, { mode: 0o600 });
  return file;
}

// ---------------------------------------------------------------- containerd

/**
 * A containerd 1.6 daemon of the suite's own (root, state and socket in DIR, no CRI
 * plugin), so that `ctr content fetch --hosts-dir` pulls whole images: the
 * manifest and every blob, each from the host containerd picks.
 */
export async function startContainerd(dir) {
  mkdirSync(dir, { recursive: true });
  const address = path.join(dir, 'containerd.sock');
  const config = path.join(dir, 'config.toml');
  writeFileSync(config, [
    'version = 2',
    `root = ${JSON.stringify(path.join(dir, 'root'))}`,
    `state = ${JSON.stringify(path.join(dir, 'state'))}`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
    '[grpc]',
    `  address = ${JSON.stringify(address)}`,
    // each pull in a namespace of its own fetches everything again (the default,
    // "shared", would take a blob another namespace fetched without asking a registry)
    '[plugins."io.containerd.metadata.v1.bolt"]',
    '  content_sharing_policy = "isolated"',
    '',
  ].join('\n'));
  const proc = spawn('containerd', ['--config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(proc);
  let log = '';
  proc.stderr.setEncoding('utf8').on('data', (d) => { if (log.length < 50000) log += d; });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  const t0 = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`containerd exited: ${log.slice(-1500)}`);
    const r = await run('ctr', ['-a', address, 'version'], { timeoutMs: 5000 });
    if (r.code === 0) break;
    if (Date.now() - t0 > 15000) throw new Error(`containerd did not start in 15 s: ${log.slice(-1500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    address,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Every process the lab started, killed when the suite exits whatever the path. */
const children = new Set();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

// ---------------------------------------------------------------- token service

const b64url = (x) => Buffer.from(x).toString('base64url');

/**
 * The registry token service (the Docker token flow): GET /token?service&scope with
 * basic auth. The lab user gets pull (and push) on every repository; anyone else
 * gets a token with no access (the registry then answers 401).
 */
export function startTokenService(port, { signerCert, signerKey, service, issuer }) {
  const certDer = new X509Certificate(readFileSync(signerCert)).raw;
  const key = readFileSync(signerKey);
  const requests = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, `http://${req.headers.host}`);
    const auth = req.headers.authorization ?? '';
    let user = '';
    if (auth.startsWith('Basic ')) {
      const [name, ...rest] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
      if (name === USER && rest.join(':') === PASSWORD) user = name;
      else {
        requests.push({ scope: u.searchParams.get('scope'), user: null, refused: true });
        res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"details":"wrong credentials"}');
        return;
      }
    }
    const scopes = u.searchParams.getAll('scope');
    requests.push({ scope: scopes.join(' '), user: user || null });
    const access = user ? scopes.map((s) => {
      const [type, ...mid] = s.split(':');
      const actions = mid.pop();
      return { type, name: mid.join(':'), actions: actions.split(',') };
    }) : [];
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'ES256', x5c: [certDer.toString('base64')] };
    const claims = { iss: issuer, sub: user, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const sig = cryptoSign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: `${input}.${b64url(sig)}`, expires_in: 300 }));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, requests, realm: `http://127.0.0.1:${port}/token` })));
}

// ---------------------------------------------------------------- odd hosts

/** Accepts connections and never answers: the probe's timeout. */
export function startBlackHole(port) {
  const sockets = new Set();
  const server = net.createServer((s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => {}); });
  const hole = Object.assign(server, { closeAll: () => { for (const s of sockets) s.destroy(); server.close(); } });
  return new Promise((resolve) => hole.listen(port, '127.0.0.1', () => resolve(hole)));
}

/** Answers every request with a redirect to another origin: not followed. */
export function startRedirector(port, to) {
  const server = http.createServer((req, res) => res.writeHead(307, { Location: `${to}${req.url}` }).end());
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

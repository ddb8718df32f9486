// registry-route probe: send each host of an image's route the request containerd
// sends (src/features/probe-request.ts), with that host's TLS settings and
// credentials, and say which host has the image. Bounded (one timeout per host,
// no retries, no redirects off the registry); never prints a credential.
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { readFileSync } from 'node:fs';
import { detectDocument } from '../input/settings';
import { parseYaml } from '../input/parse-yaml';
import { routeRequests, stripUserInfo, type ProbeRequest } from '../features/probe-request';
import { parseArgs, UsageError, USAGE, type CliOptions } from './args';
import { failed, images, loadSettings, readInput } from './main';
import { compile } from '../route/compile';
import { resolveRoute } from '../route/route';
import type { Attempt, Route } from '../types';

export type ProbeStatus = 'found' | 'not-found' | 'unauthorized' | 'tls-error' | 'unreachable' | 'timeout' | 'error';

export interface ProbeAttempt {
  url: string;
  status: ProbeStatus;
  httpStatus: number | null;
  ms: number;
  error?: string;
}

export interface ProbeResult {
  input: string;
  image: string;
  attempts: ProbeAttempt[];
  /** the URL that has the image, or null */
  servedBy: string | null;
}

/** Credentials for one configs key. Held in memory only; never printed. */
export interface Credentials {
  username?: string;
  password?: string;
  identityToken?: string;
}

/** TLS material by registry host, from a Cluster manifest (caBundle, tlsSecretName). */
export interface HostTls {
  ca?: string[];
  cert?: string;
  key?: string;
}

export interface ProbeContext {
  credentials: Map<string, Credentials>;
  /** when set (Cluster manifests), replaces the node file paths of the route */
  hostTls: Map<string, HostTls> | null;
  timeoutMs: number;
  all: boolean;
  userAgent?: string;
}

export const DEFAULT_TIMEOUT_MS = 5000;
const MAX_REDIRECTS = 3;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** username/password from an auth field: base64 of user:password. */
function splitAuth(auth: string | undefined): Credentials {
  if (!auth) return {};
  const text = Buffer.from(auth, 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i === -1 ? {} : { username: text.slice(0, i), password: text.slice(i + 1) };
}

function fromFields(f: { username?: string; password?: string; auth?: string; identityToken?: string }): Credentials | undefined {
  const c: Credentials = { ...splitAuth(f.auth) };
  if (f.username) c.username = f.username;
  if (f.password) c.password = f.password;
  if (f.identityToken) c.identityToken = f.identityToken;
  return c.username || c.password || c.identityToken ? c : undefined;
}

/** A Secret's value: data (base64) or stringData. */
function secretValue(s: Record<string, unknown>, key: string): string | undefined {
  const sd = isObj(s.stringData) ? str(s.stringData[key]) : undefined;
  if (sd !== undefined) return sd;
  const d = isObj(s.data) ? str(s.data[key]) : undefined;
  return d === undefined ? undefined : Buffer.from(d, 'base64').toString('utf8');
}

/** Secrets of a file: one Secret, a List, or several YAML documents. */
export function parseSecrets(text: string, file: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const docs = text.split(/^---\s*$/m);
  for (const doc of docs) {
    if (!doc.trim()) continue;
    const y = parseYaml(doc);
    if (!y.ok) throw new UsageError(`${file}: ${y.error}`);
    const items = isObj(y.value) && Array.isArray(y.value.items) ? y.value.items : [y.value];
    for (const it of items) {
      if (!isObj(it) || it.kind !== 'Secret' || !isObj(it.metadata) || !str(it.metadata.name)) continue;
      out.set(it.metadata.name as string, it);
    }
  }
  return out;
}

/**
 * Credentials and TLS material for the probe, from the same file as the route:
 * a node registries.yaml holds them inline; a Cluster manifest names Secrets,
 * read from `--secrets FILE`.
 */
export function probeContext(o: CliOptions, readInput: (file: string) => string): ProbeContext {
  const credentials = new Map<string, Credentials>();
  let hostTls: Map<string, HostTls> | null = null;
  const ctx = { credentials, hostTls, timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS, all: o.all === true };
  if (!o.registries) {
    if (o.secrets) throw new UsageError('--secrets needs --registries (a Cluster manifest that names the Secrets)');
    return ctx;
  }
  const y = parseYaml(readInput(o.registries));
  if (!y.ok) return ctx; // the route has reported it already
  const doc = detectDocument(y.value);
  if (doc.kind === 'cluster') {
    const secrets = o.secrets ? parseSecrets(readInput(o.secrets), o.secrets) : new Map<string, Record<string, unknown>>();
    const spec = isObj(doc.cluster) && isObj(doc.cluster.spec) && isObj(doc.cluster.spec.rkeConfig) ? doc.cluster.spec.rkeConfig : {};
    const configs = isObj(spec.registries) && isObj(spec.registries.configs) ? spec.registries.configs : {};
    hostTls = new Map();
    for (const [host, c] of Object.entries(configs)) {
      if (!isObj(c)) continue;
      const authName = str(c.authConfigSecretName);
      if (authName) {
        const s = secrets.get(authName);
        if (!s) throw new UsageError(`configs.${host}.authConfigSecretName: Secret "${authName}" is not in ${o.secrets ?? '--secrets FILE'} (give the Secrets with --secrets FILE, e.g. kubectl get secret ${authName} -o yaml)`);
        const cred = fromFields({ username: secretValue(s, 'username'), password: secretValue(s, 'password'), auth: secretValue(s, 'auth'), identityToken: secretValue(s, 'identityToken') ?? secretValue(s, 'identity_token') });
        if (cred) credentials.set(host, cred);
      }
      const t: HostTls = {};
      const ca = str(c.caBundle);
      if (ca) t.ca = [Buffer.from(ca, 'base64').toString('utf8')];
      const tlsName = str(c.tlsSecretName);
      if (tlsName) {
        const s = secrets.get(tlsName);
        if (!s) throw new UsageError(`configs.${host}.tlsSecretName: Secret "${tlsName}" is not in ${o.secrets ?? '--secrets FILE'} (give the Secrets with --secrets FILE)`);
        t.cert = secretValue(s, 'tls.crt');
        t.key = secretValue(s, 'tls.key');
      }
      hostTls.set(host, t);
    }
  } else if (isObj(y.value) && isObj(y.value.configs)) {
    for (const [host, c] of Object.entries(y.value.configs)) {
      if (!isObj(c) || !isObj(c.auth)) continue;
      const a = c.auth;
      const cred = fromFields({ username: str(a.username), password: str(a.password), auth: str(a.auth), identityToken: str(a.identity_token) });
      if (cred) credentials.set(host, cred);
    }
  }
  return { ...ctx, hostTls };
}

/** host[:port] of an endpoint URL. */
function hostOf(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').replace(/[/?#].*$/, '');
}

interface TlsOptions {
  ca?: string[];
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
}

/** The TLS options of an attempt: node file paths read here, or a Cluster manifest's material. */
function tlsFor(a: Attempt, ctx: ProbeContext): TlsOptions {
  const o: TlsOptions = { rejectUnauthorized: !a.tls.skipVerify };
  if (ctx.hostTls) {
    const t = ctx.hostTls.get(hostOf(a.endpoint));
    if (t?.ca) o.ca = [...t.ca, ...rootCertificates];
    if (t?.cert && t.key) {
      o.cert = t.cert;
      o.key = t.key;
    }
    return o;
  }
  const read = (file: string, what: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new ProbeFailure('error', `cannot read the ${what} ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); run the probe on a node, or where the file is`);
    }
  };
  // containerd adds the host's CA files to the system pool
  if (a.tls.ca.length) o.ca = [...a.tls.ca.map((f) => read(f, 'CA file')), ...rootCertificates];
  if (a.tls.client.length) {
    const [cert, key] = a.tls.client[0];
    o.cert = read(cert, 'client certificate');
    if (key) o.key = read(key, 'client key');
  }
  return o;
}

class ProbeFailure extends Error {
  constructor(public status: ProbeStatus, message: string, public httpStatus: number | null = null) {
    super(message);
  }
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|ERR_OSSL|HOSTNAME_MISMATCH|EPROTO$)/;
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EADDRNOTAVAIL', 'ECONNRESET', 'EPIPE', 'EAI_NONAME']);

function classify(e: unknown): ProbeFailure {
  if (e instanceof ProbeFailure) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err.code ?? '';
  if (TLS_CODES.test(code) || /certificate|SSL routines|wrong version number|handshake/i.test(err.message)) return new ProbeFailure('tls-error', `${code ? `${code}: ` : ''}${err.message}`);
  if (UNREACHABLE_CODES.has(code)) return new ProbeFailure('unreachable', err.message.includes(code) ? err.message : `${code}: ${err.message}`);
  if (code.startsWith('HPE_')) return new ProbeFailure('error', `the answer is not valid HTTP (${err.message}); is this an https port reached with http://?`);
  return new ProbeFailure('error', err.message || String(e));
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP exchange; no redirects followed here. The body is kept (up to 1 MiB) only when asked for. */
function send(method: 'HEAD' | 'GET' | 'POST', url: string, headers: Record<string, string>, tlsOpts: TlsOptions, signal: AbortSignal, opts: { body?: string; keepBody?: boolean } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      reject(new ProbeFailure('error', `not a URL: ${stripUserInfo(url)}`));
      return;
    }
    const mod = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : undefined;
    if (!mod) {
      reject(new ProbeFailure('error', `unsupported scheme ${u.protocol}`));
      return;
    }
    const { body } = opts;
    const req = mod.request(u, {
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) },
      signal,
      agent: false,
      ...(u.protocol === 'https:' ? { ca: tlsOpts.ca, cert: tlsOpts.cert, key: tlsOpts.key, rejectUnauthorized: tlsOpts.rejectUnauthorized } : {}),
    }, (res) => {
      let text = '';
      if (opts.keepBody) {
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          if (text.length < 1 << 20) text += d;
        });
      } else res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Parse `Bearer realm="...",service="...",scope="..."` (RFC 7235 auth-params). */
export function parseChallenge(header: string | string[] | undefined): { scheme: string; params: Record<string, string> } | undefined {
  const h = Array.isArray(header) ? header.find((x) => /^bearer\s/i.test(x)) ?? header[0] : header;
  if (!h) return undefined;
  const m = /^\s*([A-Za-z-]+)\s*(.*)$/.exec(h);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[2]))) params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  return { scheme: m[1].toLowerCase(), params };
}

/** The registry token flow: GET realm?service&scope (basic auth when credentials exist), or the OAuth refresh-token POST. */
async function fetchToken(challenge: Record<string, string>, repository: string, cred: Credentials | undefined, tls: TlsOptions, signal: AbortSignal, userAgent: string): Promise<string> {
  const realm = challenge.realm;
  if (!realm || !/^https?:\/\//i.test(realm)) throw new ProbeFailure('unauthorized', 'the registry asked for a Bearer token without a usable realm');
  const scope = challenge.scope ?? `repository:${repository}:pull`;
  const service = challenge.service;
  let res: Response;
  const u = new URL(realm);
  const ua = { 'User-Agent': userAgent, Accept: 'application/json' };
  if (cred?.identityToken) {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: cred.identityToken, client_id: 'registry-route', scope, ...(service ? { service } : {}) }).toString();
    res = await send('POST', u.toString(), ua, tls, signal, { body: form, keepBody: true });
  } else {
    if (service) u.searchParams.set('service', service);
    u.searchParams.set('scope', scope);
    const headers: Record<string, string> = { ...ua };
    if (cred?.username !== undefined || cred?.password !== undefined) headers.Authorization = `Basic ${Buffer.from(`${cred.username ?? ''}:${cred.password ?? ''}`).toString('base64')}`;
    res = await send('GET', u.toString(), headers, tls, signal, { keepBody: true });
  }
  if (res.status === 401 || res.status === 403) throw new ProbeFailure('unauthorized', `the token service ${u.origin} refused ${cred ? 'the credentials' : 'an anonymous token'} (HTTP ${res.status})`, res.status);
  if (res.status < 200 || res.status > 299) throw new ProbeFailure('error', `the token service ${u.origin} answered HTTP ${res.status}`, res.status);
  let token: unknown;
  try {
    const j = JSON.parse(res.body) as Record<string, unknown>;
    token = j.token ?? j.access_token;
  } catch {
    /* below */
  }
  if (typeof token !== 'string' || token === '') throw new ProbeFailure('error', `the token service ${u.origin} gave no token`);
  return token;
}

/** Ask one host; resolves with the outcome, never rejects. */
export async function probeRequest(a: Attempt, request: ProbeRequest, repository: string, ctx: ProbeContext): Promise<ProbeAttempt> {
  const t0 = performance.now();
  const shown = stripUserInfo(request.url);
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, ctx.timeoutMs);
  const userAgent = ctx.userAgent ?? 'registry-route-probe';
  const cred = a.auth ? ctx.credentials.get(a.auth) : undefined;
  const done = (status: ProbeStatus, httpStatus: number | null, error?: string): ProbeAttempt => {
    const r: ProbeAttempt = { url: shown, status, httpStatus, ms: Math.round(performance.now() - t0) };
    if (error) r.error = scrub(error, cred);
    return r;
  };
  try {
    const tls = tlsFor(a, ctx);
    const headers: Record<string, string> = { Accept: request.headers.Accept, 'User-Agent': userAgent };
    let url = request.url;
    let res: Response | undefined;
    const origin = new URL(url).origin;
    for (let hop = 0; ; hop++) {
      try {
        res = await send('HEAD', url, headers, tls, ac.signal);
      } catch (e) {
        // current containerd: an http host with TLS settings is tried over https first
        const f = timedOut ? undefined : classify(e);
        if (a.httpFallback && f?.status === 'tls-error' && url.startsWith('https://') && /wrong version number|EPROTO/i.test(f.message)) {
          url = `http://${url.slice('https://'.length)}`;
          res = await send('HEAD', url, headers, tls, ac.signal);
        } else throw e;
      }
      if (res.status === 401 && !headers.Authorization) {
        const ch = parseChallenge(res.headers['www-authenticate']);
        if (ch?.scheme === 'bearer') {
          headers.Authorization = `Bearer ${await fetchToken(ch.params, repository, cred, tls, ac.signal, userAgent)}`;
          continue;
        }
        if (ch?.scheme === 'basic' && cred && (cred.username !== undefined || cred.password !== undefined)) {
          headers.Authorization = `Basic ${Buffer.from(`${cred.username ?? ''}:${cred.password ?? ''}`).toString('base64')}`;
          continue;
        }
      }
      if (res.status >= 300 && res.status < 400 && res.headers.location) {
        const next = new URL(res.headers.location, url);
        if (next.origin !== origin) return done('error', res.status, `redirect to ${next.origin} not followed (off the registry)`);
        if (hop >= MAX_REDIRECTS) return done('error', res.status, `more than ${MAX_REDIRECTS} redirects`);
        url = next.toString();
        continue;
      }
      break;
    }
    const s = res.status;
    if (s >= 200 && s <= 299) return done('found', s);
    if (s === 404) return done('not-found', s);
    if (s === 401 || s === 403) return done('unauthorized', s, cred ? 'the registry refused the credentials' : a.auth ? `no credentials for configs.${a.auth} (give them to the probe)` : 'the registry needs credentials; none are configured for this host');
    return done('error', s, `HTTP ${s}`);
  } catch (e) {
    if (timedOut) return done('timeout', null, `no answer within ${ctx.timeoutMs} ms`);
    const f = classify(e);
    return done(f.status, f.httpStatus, f.message);
  } finally {
    clearTimeout(timer);
  }
}

/** Removes any credential value from a message (belt and braces: messages come from Node and the registry). */
function scrub(text: string, cred: Credentials | undefined): string {
  let out = text.replace(/\/\/[^\s/@"']*@/g, '//xxxxx@');
  for (const v of [cred?.password, cred?.identityToken]) if (v && v.length >= 3) out = out.split(v).join('xxxxx');
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

/** Probe one route: hosts in containerd's order, stopping at the first that has the image unless ctx.all. */
export async function probeRoute(route: Route, ctx: ProbeContext): Promise<ProbeResult> {
  const attempts: ProbeAttempt[] = [];
  let servedBy: string | null = null;
  for (const { attempt, request } of routeRequests(route)) {
    if (servedBy !== null && !ctx.all) break;
    const r = await probeRequest(attempt, request, attempt.repository, ctx);
    attempts.push(r);
    if (r.status === 'found' && servedBy === null) servedBy = r.url;
  }
  return { input: route.input, image: route.image, attempts, servedBy };
}

export function formatProbe(route: Route, p: ProbeResult): string {
  const lines = [`${route.image}${route.image !== route.input ? ` (from ${route.input})` : ''}`];
  p.attempts.forEach((a, i) => {
    const detail = [a.httpStatus !== null ? `HTTP ${a.httpStatus}` : '', `${a.ms} ms`].filter(Boolean).join(', ');
    lines.push(`  ${i + 1}. ${a.url}`);
    lines.push(`     ${a.status}${a.url === p.servedBy ? ' ← served' : ''} (${detail})${a.error ? `: ${a.error}` : ''}`);
  });
  const asked = new Set(p.attempts.map((a) => a.url));
  const rest = routeRequests(route).filter((r) => !asked.has(stripUserInfo(r.request.url)));
  rest.forEach((r, i) => lines.push(`  ${p.attempts.length + i + 1}. ${stripUserInfo(r.request.url)}`, '     not asked (an earlier host has the image; --all asks every host)'));
  lines.push(p.servedBy ? `  served by ${p.servedBy}` : '  no host has the image: the pull fails');
  return lines.join('\n');
}

/** `registry-route probe`: exit 0 when every image was found, 1 when one was not. */
export async function probe(routes: Route[], ctx: ProbeContext, json: boolean, out: { write(s: string): unknown }): Promise<number> {
  const bad = routes.find((r) => r.registry === '');
  if (bad) throw new UsageError(bad.findings[0]?.message ?? `"${bad.input}" is not a valid image reference`);
  const results: ProbeResult[] = [];
  for (const r of routes) results.push(await probeRoute(r, ctx));
  if (json) out.write(`${JSON.stringify(results, null, 2)}\n`);
  else out.write(`${routes.map((r, i) => formatProbe(r, results[i])).join('\n\n')}\n`);
  return results.every((r) => r.servedBy !== null) ? 0 : 1;
}

/** `registry-route probe ...` (argv includes "probe"). */
export async function probeMain(argv: string[], out: { write(s: string): unknown } = process.stdout, err: { write(s: string): unknown } = process.stderr): Promise<number> {
  try {
    const o = parseArgs(argv);
    if (o.help) {
      out.write(USAGE);
      return 0;
    }
    const { settings, findings } = loadSettings(o);
    const compiled = compile(settings, findings, { surface: 'cli' });
    const list = images(o);
    if (list.length === 0) throw new UsageError('probe: give at least one IMAGE (see registry-route --help)');
    const ctx = probeContext(o, readInput);
    return await probe(list.map((img) => resolveRoute(compiled, img, { context: o.context })), ctx, o.json, out);
  } catch (e) {
    return failed(e, err);
  }
}

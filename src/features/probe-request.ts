// The exact request containerd sends to one host of a route, and the `curl`
// command that sends the same request from a node. Pure: used by
// `registry-route probe` (which sends it) and by the tab (which shows the curl).
//
// containerd's resolver asks each host, in route order, with a HEAD on
// /v2/<repository>/manifests/<tag|digest> (the ?ns= query on mirrors) and the
// Accept header below; checked against Debian containerd 1.6's ctr. For a digest
// reference it asks every host for manifests/<digest> first, then every host
// for blobs/<digest> (same headers).
import type { Attempt, Route } from '../types';

/** The Accept header of containerd's manifest request, in its order. */
export const MANIFEST_ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  '*/*',
].join(', ');

export interface ProbeRequest {
  method: 'HEAD';
  url: string;
  headers: { Accept: string };
  /** the manifests request, or (digest references only) the blobs request that follows it */
  phase: 'manifests' | 'blobs';
}

/** The manifest request containerd sends to this host. */
export function manifestRequest(a: Attempt): ProbeRequest {
  return { method: 'HEAD', url: a.url, headers: { Accept: MANIFEST_ACCEPT }, phase: 'manifests' };
}

/**
 * Every request containerd sends for the route, in order: the manifests request
 * of each host, then (digest references only) the blobs request of each host.
 */
export function routeRequests(route: Route): Array<{ attempt: Attempt; index: number; request: ProbeRequest }> {
  const out = route.attempts.map((attempt, index) => ({ attempt, index, request: manifestRequest(attempt) }));
  // a tag has no ':'; a digest is algorithm:hex
  if (!route.reference.includes(':')) return out;
  for (const [index, attempt] of route.attempts.entries()) {
    const url = blobUrl(attempt.url);
    if (url) out.push({ attempt, index, request: { method: 'HEAD', url, headers: { Accept: MANIFEST_ACCEPT }, phase: 'blobs' } });
  }
  return out;
}

/** .../manifests/<digest>[?ns=...] → .../blobs/<digest>[?ns=...] */
function blobUrl(url: string): string | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const i = path.lastIndexOf('/manifests/');
  if (i === -1) return undefined;
  return `${path.slice(0, i)}/blobs/${path.slice(i + '/manifests/'.length)}${q === -1 ? '' : url.slice(q)}`;
}

/** Quote one word for a POSIX shell. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CurlCommand {
  /** one line for a POSIX shell on a node; never holds a credential */
  command: string;
  /** configs key whose credentials containerd would send; the command is anonymous */
  authFrom: string | null;
}

/**
 * The curl command that sends the same request as containerd, from a node:
 * HEAD, the same URL and Accept header, the host's TLS files and skip-verify.
 * Anonymous: where credentials apply, `authFrom` names the configs entry (a 401
 * is then expected from curl, not from containerd).
 */
export function curlCommand(a: Attempt, opts: { timeoutSeconds?: number } = {}): CurlCommand {
  const words = ['curl', '-sS', '-I', '--max-time', String(opts.timeoutSeconds ?? 10), '-H', `Accept: ${MANIFEST_ACCEPT}`];
  if (a.url.startsWith('https://')) {
    for (const ca of a.tls.ca.slice(0, 1)) words.push('--cacert', ca);
    for (const [cert, key] of a.tls.client.slice(0, 1)) {
      words.push('--cert', cert);
      if (key) words.push('--key', key);
    }
    if (a.tls.skipVerify) words.push('-k');
  }
  words.push(stripUserInfo(a.url));
  return { command: words.map(shellQuote).join(' '), authFrom: a.auth };
}

/** scheme://user:pass@host/... → scheme://host/... (a route URL never has one; belt and braces). */
export function stripUserInfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
}

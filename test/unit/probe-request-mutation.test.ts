// The requests a probe sends and the curl command an admin runs on a node. containerd's
// resolver (core/remotes/docker/resolver.go) sends HEAD .../manifests/<ref> to each host
// and, for a digest, HEAD .../blobs/<digest> next, with the same Accept header; curl takes
// one --cacert file and one --cert/--key pair, and TLS options mean nothing for http://.
// Expected values written by hand.
import { describe, expect, it } from 'vitest';
import { curlCommand, MANIFEST_ACCEPT, resolveRoute, routeRequests, stripUserInfo, type Route } from '../../src';
import { compileNode } from './helpers';

type Attempt = Route['attempts'][number];
const DIGEST = 'sha256:' + 'a'.repeat(64);
const attempt = (url: string, tls: { ca?: string[]; client?: Array<[string, string]>; skipVerify?: boolean } = {}) =>
  ({ url, tls: { ca: tls.ca ?? [], client: tls.client ?? [], skipVerify: tls.skipVerify ?? false }, auth: null }) as unknown as Attempt;

describe('routeRequests for a digest reference', () => {
  it('the blobs request is a HEAD with the manifest Accept header', () => {
    const c = compileNode({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } } });
    const reqs = routeRequests(resolveRoute(c, `nginx@${DIGEST}`));
    const blobs = reqs.filter((r) => r.request.phase === 'blobs');
    expect(blobs.map((r) => r.request)).toEqual([
      { method: 'HEAD', url: `https://m.example.com/v2/library/nginx/blobs/${DIGEST}?ns=docker.io`, headers: { Accept: MANIFEST_ACCEPT }, phase: 'blobs' },
      { method: 'HEAD', url: `https://registry-1.docker.io/v2/library/nginx/blobs/${DIGEST}`, headers: { Accept: MANIFEST_ACCEPT }, phase: 'blobs' },
    ]);
  });
  it('a URL without /manifests/ gets no blobs request', () => {
    const route = { reference: DIGEST, attempts: [attempt('https://m.example.com/other')] } as unknown as Route;
    expect(routeRequests(route).map((r) => r.request.phase)).toEqual(['manifests']);
  });
});

describe('curlCommand', () => {
  it('an http:// host gets no TLS options', () => {
    const { command } = curlCommand(attempt('http://m.example.com/v2/', { ca: ['/etc/ca.pem'], client: [['/c.pem', '/k.pem']], skipVerify: true }));
    expect(command).not.toMatch(/--cacert|--cert|--key| -k /);
  });
  it('https: the first CA and the first client pair only', () => {
    const { command } = curlCommand(attempt('https://m.example.com/v2/', { ca: ['/ca1.pem', '/ca2.pem'], client: [['/c1.pem', '/k1.pem'], ['/c2.pem', '/k2.pem']] }));
    expect(command).toContain('--cacert /ca1.pem --cert /c1.pem --key /k1.pem https://m.example.com/v2/');
    expect(command).not.toMatch(/ca2|c2\.pem|k2/);
  });
  it('a client certificate without a key file: no --key', () => {
    const { command } = curlCommand(attempt('https://m.example.com/v2/', { client: [['/both.pem', '']] }));
    expect(command).toContain('--cert /both.pem https://m.example.com/v2/');
    expect(command).not.toContain('--key');
  });
});

describe('stripUserInfo', () => {
  it.each([
    ['https://user:pass@m.example.com/v2/', 'https://m.example.com/v2/'],
    ['HTTP://u@m.example.com:5000/v2/', 'HTTP://m.example.com:5000/v2/'],
    // an "@" after the host is no user info
    ['https://m.example.com/v2/x?u=a://b@c', 'https://m.example.com/v2/x?u=a://b@c'],
    ['https://m.example.com/v2/', 'https://m.example.com/v2/'],
  ])('%s → %s', (url, expected) => {
    expect(stripUserInfo(url)).toBe(expected);
  });
});

// The route before hosts.toml (RKE2 before v1.26.13 …, docs/route-semantics.md §8): CRI
// mirrors in config.toml. The default endpoint is appended unless an endpoint host is the
// registry itself; the rewrites of the exact key, or else of *, apply to every endpoint;
// an endpoint without a scheme is https, or http for localhost; TLS and credentials come
// from configs of the endpoint's host (ca_file, cert_file + key_file, insecure_skip_verify).
// Every attempt is written out whole, by hand.
import { describe, expect, it } from 'vitest';
import { resolveRoute, type Attempt } from '../../src';
import { compileNode } from './helpers';

const LEGACY = { version: 'v1.26.12+rke2r1' };
const NO_TLS = { ca: [], client: [], skipVerify: false };
const attempts = (value: unknown, image: string, base: object = LEGACY) => resolveRoute(compileNode(value, base), image).attempts;
const at = (url: string, endpoint: string, repository: string, isDefault: boolean, more: Partial<Attempt> = {}): Attempt => ({
  url,
  endpoint,
  repository,
  default: isDefault,
  overridePath: false,
  tls: NO_TLS,
  auth: null,
  ...more,
});

describe('legacy CRI mirrors (before hosts.toml)', () => {
  it('the * key serves a registry with no key of its own; the registry itself comes last', () => {
    expect(attempts({ mirrors: { '*': { endpoint: ['m.example.com'] } } }, 'quay.io/a/b')).toEqual([
      at('https://m.example.com/v2/a/b/manifests/latest?ns=quay.io', 'https://m.example.com/v2', 'a/b', false),
      at('https://quay.io/v2/a/b/manifests/latest', 'https://quay.io/v2', 'a/b', true),
    ]);
  });

  it('a registry no key serves: the registry alone', () => {
    expect(attempts({ mirrors: { 'docker.io': { endpoint: ['m.example.com'], rewrite: { '^(.*)$': 'x/$1' } } } }, 'ghcr.io/team/app:1')).toEqual([
      at('https://ghcr.io/v2/team/app/manifests/1', 'https://ghcr.io/v2', 'team/app', true),
    ]);
  });

  it('an endpoint that is the registry itself is its default: nothing appended after it', () => {
    expect(attempts({ mirrors: { 'quay.io': { endpoint: ['https://quay.io', 'https://mirror.example.com'] } } }, 'quay.io/a/b')).toEqual([
      at('https://quay.io/v2/a/b/manifests/latest', 'https://quay.io/v2', 'a/b', true),
      at('https://mirror.example.com/v2/a/b/manifests/latest?ns=quay.io', 'https://mirror.example.com/v2', 'a/b', false),
    ]);
    // for Docker Hub the registry's host is registry-1.docker.io
    expect(attempts({ mirrors: { 'docker.io': { endpoint: ['registry-1.docker.io'] } } }, 'nginx')).toEqual([
      at('https://registry-1.docker.io/v2/library/nginx/manifests/latest', 'https://registry-1.docker.io/v2', 'library/nginx', true),
    ]);
  });

  it('an endpoint that does not parse is left out', () => {
    expect(attempts({ mirrors: { 'quay.io': { endpoint: ['https://m.example.com:port', 'https://n.example.com'] } } }, 'quay.io/a/b')).toEqual([
      at('https://n.example.com/v2/a/b/manifests/latest?ns=quay.io', 'https://n.example.com/v2', 'a/b', false),
      at('https://quay.io/v2/a/b/manifests/latest', 'https://quay.io/v2', 'a/b', true),
    ]);
  });

  it('localhost without a scheme is http; TLS and credentials come from configs of each endpoint host', () => {
    const value = {
      mirrors: { 'docker.io': { endpoint: ['localhost:5000', 'https://m.example.com'] } },
      configs: {
        'localhost:5000': { tls: { ca_file: '/ca.pem', cert_file: '/c.pem', insecure_skip_verify: true }, auth: { username: 'u', password: 'p' } },
        'm.example.com': { tls: { cert_file: '/c.pem', key_file: '/k.pem' } },
      },
    };
    expect(attempts(value, 'nginx')).toEqual([
      at('http://localhost:5000/v2/library/nginx/manifests/latest?ns=docker.io', 'http://localhost:5000/v2', 'library/nginx', false, {
        tls: { ca: ['/ca.pem'], client: [['/c.pem', '']], skipVerify: true },
        auth: 'localhost:5000',
      }),
      at('https://m.example.com/v2/library/nginx/manifests/latest?ns=docker.io', 'https://m.example.com/v2', 'library/nginx', false, {
        tls: { ca: [], client: [['/c.pem', '/k.pem']], skipVerify: false },
      }),
      at('https://registry-1.docker.io/v2/library/nginx/manifests/latest', 'https://registry-1.docker.io/v2', 'library/nginx', true),
    ]);
  });
});

describe('credentials of an attempt (hosts.toml releases)', () => {
  it('the docker.io configs key lends its credentials to registry-1.docker.io only, and only from v1.32.7', () => {
    const value = { mirrors: { 'quay.io': { endpoint: ['https://m.example.com'] } }, configs: { 'docker.io': { auth: { username: 'u', password: 'p' } } } };
    for (const version of ['v1.32.6+k3s1', 'v1.32.7+k3s1']) {
      expect(attempts(value, 'quay.io/a/b', { version }).map((a) => a.auth)).toEqual([null, null]);
    }
    expect(attempts(value, 'nginx', { version: 'v1.32.6+k3s1' }).map((a) => a.auth)).toEqual([null]);
    expect(attempts(value, 'nginx', { version: 'v1.32.7+k3s1' }).map((a) => a.auth)).toEqual(['docker.io']);
  });
});

describe('an endpoint whose path is only slashes (hosts.toml releases)', () => {
  it('K3s keeps the path // with override_path; containerd cleans it to / and requests path.Join("/", "/", repository, …)', () => {
    expect(attempts({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com//'] } } }, 'nginx', { version: 'v1.32.3+k3s1' })[0]).toEqual(
      at('https://m.example.com/library/nginx/manifests/latest?ns=docker.io', 'https://m.example.com/', 'library/nginx', false, { overridePath: true }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeEndpoint, resolveRoute } from '../../src';
import { compileNode, urls } from './helpers';

// Found by the conformance suite against containerd 1.6's ctr (test/conformance/FINDINGS.md).
const hub = (rewrite: Record<string, string>) => ({ mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'], rewrite } } });
const mirrorUsed = (value: unknown, runtime: 'upstream-1.6' | 'k3s-fork', version?: string) =>
  urls(value, 'nginx:1.25', { runtime, version }).some((u) => u.includes('mirror.example.com'));

describe('hosts.toml as each containerd parses it', () => {
  it('go-toml v1 (containerd 1.6/1.7) accepts \\/ in a pattern; TOML 1.0 (containerd 2.x) does not', () => {
    expect(mirrorUsed(hub({ '^library\\/(.*)': 'x/$1' }), 'upstream-1.6')).toBe(true);
    expect(mirrorUsed(hub({ '^library\\/(.*)': 'x/$1' }), 'k3s-fork', 'v1.30.10+k3s1')).toBe(true);
    expect(mirrorUsed(hub({ '^library\\/(.*)': 'x/$1' }), 'k3s-fork', 'v1.32.3+k3s1')).toBe(false);
  });
  it('neither accepts the TOML 1.1 escapes \\e and \\xHH', () => {
    for (const p of ['^\\x41(.*)', '^a\\e(.*)']) {
      expect(mirrorUsed(hub({ [p]: 'x' }), 'upstream-1.6')).toBe(false);
      expect(mirrorUsed(hub({ [p]: 'x' }), 'k3s-fork')).toBe(false);
    }
  });
  it('go-toml v1 accepts a raw newline inside a quoted key, but not inside a value', () => {
    expect(mirrorUsed(hub({ 'a\nb': 'x' }), 'upstream-1.6')).toBe(true);
    expect(mirrorUsed(hub({ a: 'x\ny' }), 'upstream-1.6')).toBe(false);
  });
  it('two patterns equal after unescaping make the file invalid', () => {
    expect(mirrorUsed(hub({ '^library/(.*)': 'a', '^library\\/(.*)': 'b' }), 'upstream-1.6')).toBe(false);
  });
  it('an endpoint with a bad %-escape is skipped, as Go url.Parse fails on it', () => {
    expect(normalizeEndpoint('https://%zz').ok).toBe(false);
    expect(normalizeEndpoint('https://m.example.com/a%2Fb').ok).toBe(true);
    expect(urls({ mirrors: { 'docker.io': { endpoint: ['https://%zz', 'https://ok.example.com'] } } }, 'nginx')[0]).toContain('ok.example.com');
  });
  it('user info in an endpoint never reaches the request URL', () => {
    const r = resolveRoute(compileNode({ mirrors: { 'docker.io': { endpoint: ['https://user:pw@c.example.com'] } } }), 'nginx');
    expect(r.attempts[0].url).toBe('https://c.example.com/v2/library/nginx/manifests/latest?ns=docker.io');
  });
});

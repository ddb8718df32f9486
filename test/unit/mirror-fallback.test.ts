// The fallback line of a mirror card comes from the route plan (issue 12: the tab
// said "No fallback" on a legacy-CRI release while the engine routed to the registry).
import { describe, expect, it } from 'vitest';
import { mirrorFallback, resolveRoute } from '../../src';
import { compileNode } from './helpers';

const hub = { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] }, '*': { endpoint: ['https://all.example.com'] } } };

describe('mirrorFallback', () => {
  it('legacy CRI (v1.26.5) with disable-default: the registry is still tried, as the route says', () => {
    const c = compileNode(hub, { version: 'v1.26.5+k3s1', disableDefaultEndpoint: true });
    const route = resolveRoute(c, 'nginx:1');
    expect(route.attempts.at(-1)?.url).toContain('registry-1.docker.io');
    expect(mirrorFallback(c, 'docker.io')).toEqual({ kind: 'registry', url: 'https://registry-1.docker.io/v2' });
  });
  it('hosts.toml with disable-default: no fallback; without it: the registry', () => {
    expect(mirrorFallback(compileNode(hub, { version: 'v1.31.11+k3s1', disableDefaultEndpoint: true }), 'docker.io')).toEqual({ kind: 'none' });
    expect(mirrorFallback(compileNode(hub, { version: 'v1.31.11+k3s1' }), 'docker.io')).toEqual({ kind: 'registry', url: 'https://registry-1.docker.io/v2' });
  });
  it('the * mirror: the registry each image names, except on v1.32.2 (no fallback)', () => {
    expect(mirrorFallback(compileNode(hub, { version: 'v1.32.3+k3s1' }), '*')).toEqual({ kind: 'image-registry' });
    expect(mirrorFallback(compileNode(hub, { version: 'v1.32.2+k3s1' }), '*')).toEqual({ kind: 'none' });
  });
  it('a key that is no registry host has no route', () => {
    expect(mirrorFallback(compileNode(hub), 'https://x')).toEqual({ kind: 'unknown' });
  });
});

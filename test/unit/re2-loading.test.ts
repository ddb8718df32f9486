// The RE2 engine is loaded on first need (src/containerd/re2.ts): the tab and the pages load
// it before they compile a rewrite, and a rewrite compiled without it must fail loudly – a
// pattern reported as invalid, or a route computed without Go's semantics, would be a wrong
// answer shown as a right one. This file runs on a fresh copy of the engine's modules,
// without the engine the test setup loaded; its tests run in order: those before the load
// first. (The copy is made when the file loads, not in a test or a hook: module code run
// inside a test would count, for Stryker, as covered by that test rather than static.)
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.resetModules();
const re2 = await import('../../src/containerd/re2');
const rewrite = await import('../../src/containerd/rewrite');
const { clusterPosture, fleetPostureSliced } = await import('../../src/features/fleet');
const { compileClusterWhenReady } = await import('../../src/route/compile');

// what compiling a rewrite without the engine throws: an Error with this message (matched
// as an Error: vitest's toThrow('…') and toThrow(/…/) also pass when `undefined` is thrown,
// vitest-dev/vitest#7260)
const NOT_LOADED = new Error('The RE2 engine is not loaded: await loadRe2() before compiling rewrite patterns');

const registries = { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'], rewrite: { '^library/(.*)$': 'hub/$1' } } } };
const withRewrite = { apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', metadata: { name: 'a', namespace: 'fleet-default' }, spec: { kubernetesVersion: 'v1.32.3+k3s1', rkeConfig: { registries } } };
// the same registries on a cluster the fleet skips (Rancher does not manage its registries)
const skipped = { apiVersion: 'management.cattle.io/v3', kind: 'Cluster', metadata: { name: 'b' }, spec: { rkeConfig: { registries } } };

describe('before the RE2 engine is loaded', () => {
  it('compiling a pattern throws, and is not a pattern error', () => {
    expect(re2.re2Ready()).toBe(false);
    expect(() => rewrite.compilePattern('^library/(.*)$')).toThrow(NOT_LOADED);
    expect(() => rewrite.applyRewrites([['^library/(.*)$', 'hub/$1']], 'library/nginx')).toThrow(NOT_LOADED);
    expect(() => re2.re2()).toThrow(NOT_LOADED);
  });

  it('compileClusterWhenReady: a cluster with a rewrite waits (undefined); one without compiles; told the engine may be used, it compiles, and the pattern throws', () => {
    const noRewrite = { ...withRewrite, spec: { ...withRewrite.spec, rkeConfig: { registries: { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } } } } } };

    expect(compileClusterWhenReady(withRewrite)).toBeUndefined();
    expect(compileClusterWhenReady(withRewrite, { re2Ready: false })).toBeUndefined();
    expect(compileClusterWhenReady(noRewrite)?.compiled.registries.mirrors).toHaveProperty('docker.io');
    expect(compileClusterWhenReady(noRewrite, { re2Ready: false })?.compiled.registries.mirrors).toHaveProperty('docker.io');
    expect(() => compileClusterWhenReady(withRewrite, { re2Ready: true })).toThrow(NOT_LOADED);
  });

  it('clusterPosture of a cluster with a rewrite says the engine is not loaded; a skipped one is listed as skipped', () => {
    expect(() => clusterPosture(withRewrite)).toThrow(NOT_LOADED);
    expect(clusterPosture(skipped).cluster.skipped).toBeDefined();
  });

  it('fleetPostureSliced loads it with the first cluster that has a rewrite, through the loader it is given; a failed load rejects', async() => {
    const load = vi.fn(() => Promise.reject(new Error('Loading chunk 662 failed')));

    await expect(fleetPostureSliced([skipped, withRewrite], {}, { loadRe2: load })).rejects.toThrow('Loading chunk 662 failed');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('fleetPostureSliced loads nothing for a skipped cluster, whatever its registries say', async() => {
    const load = vi.fn(() => Promise.resolve());
    const results = await fleetPostureSliced([skipped], {}, { loadRe2: load });

    expect(load).not.toHaveBeenCalled();
    expect(results.map((r) => [r.cluster.name, r.cluster.skipped !== undefined])).toEqual([['b', true]]);
    expect(re2.re2Ready()).toBe(false);
  });
});

describe('needsRe2: whether compiling the settings runs a rewrite pattern', () => {
  const mirrors = (m: Record<string, { endpoints: string[]; rewrites: Array<[string, string]> }>) => ({ registries: { mirrors: m, configs: {} } });

  it('a mirror with a rewrite: yes; mirrors with endpoints only, or none: no', () => {
    expect(re2.needsRe2(mirrors({ 'docker.io': { endpoints: ['https://m.example.com'], rewrites: [] }, 'ghcr.io': { endpoints: [], rewrites: [['^a$', 'b']] } }))).toBe(true);
    expect(re2.needsRe2(mirrors({ 'docker.io': { endpoints: ['https://m.example.com'], rewrites: [] } }))).toBe(false);
    expect(re2.needsRe2(mirrors({}))).toBe(false);
  });
});

describe('loading the RE2 engine', () => {
  // each test stands alone (Stryker runs a mutant's covering tests, not the whole file)
  afterAll(() => {
    vi.doUnmock('re2js');
  });

  it('a load that fails (a chunk the network lost) rejects and leaves the engine not loaded; the next call loads again, and calls while it loads share one load', async() => {
    let loads = 0;

    vi.doMock('re2js', async(original) => {
      if (loads++ === 0) {
        throw new Error('Loading chunk registry-mirrors-re2 failed');
      }

      return original();
    });
    await expect(re2.loadRe2()).rejects.toThrow(Error);
    expect(re2.re2Ready()).toBe(false);
    expect(() => re2.re2()).toThrow(NOT_LOADED);

    const again = re2.loadRe2();

    expect(re2.loadRe2()).toBe(again);
    expect(re2.re2Ready()).toBe(false);
    await again;
    expect(loads).toBe(2);
    expect(re2.re2Ready()).toBe(true);
  });

  it('once loaded, patterns compile with Go\'s syntax, a pattern that failed before is not remembered as failed, and a cluster with a rewrite compiles unless told to wait', async() => {
    await re2.loadRe2();
    expect(re2.re2Ready()).toBe(true);
    expect(re2.re2().compile('a+').matcher('baa').find()).toBe(true);
    expect(rewrite.compilePattern('^library/(.*)$').ok).toBe(true);
    expect(rewrite.applyRewrites([['^library/(.*)$', 'hub/$1']], 'library/nginx')).toEqual({ repository: 'hub/nginx', pattern: '^library/(.*)$', replacement: 'hub/$1' });
    expect(rewrite.compilePattern('(?=x)')).toEqual({ ok: false, error: 'invalid or unsupported Perl syntax: `(?=`' });
    expect(compileClusterWhenReady(withRewrite)?.compiled.registries.mirrors['docker.io'].rewrites).toEqual([['^library/(.*)$', 'hub/$1']]);
    expect(compileClusterWhenReady(withRewrite, { re2Ready: false })).toBeUndefined();
    expect(clusterPosture(withRewrite).cluster.name).toBe('a');
  });
});

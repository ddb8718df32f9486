// Route plans are cached per registry on the compiled settings; a fleet or an image list
// names many registries, so the cache is bounded (route.ts PLAN_CACHE_MAX, 10 000 plans)
// and a route resolved after the cache was emptied is the same route as before.
import { describe, expect, it } from 'vitest';
import { resolveRoute } from '../../src';
import { compileNode } from './helpers';

const PLAN_CACHE_MAX = 10_000;

describe('the route plan cache', () => {
  it('holds at most 10 000 registries, however many distinct registries are resolved', () => {
    // settings of their own: compiled settings are memoized by value, so another test's plans may be cached
    const c = compileNode({ mirrors: { '*': { endpoint: ['https://cache-bound.example.com'] } } });
    const before = c.plans.size;
    for (let i = 0; i < PLAN_CACHE_MAX - before; i++) resolveRoute(c, `r${i}.example.com/app:1`);
    expect(c.plans.size).toBe(PLAN_CACHE_MAX);
    // one registry more: the cache is emptied first, never grows past the bound
    resolveRoute(c, 'one-more.example.com/app:1');
    expect(c.plans.size).toBeLessThanOrEqual(PLAN_CACHE_MAX);
  });

  it('a route resolved again after the cache was emptied: the * mirror first, then the registry the image names', () => {
    const c = compileNode({ mirrors: { '*': { endpoint: ['https://m.example.com'] } } });
    for (let i = 0; i <= PLAN_CACHE_MAX + 5; i++) resolveRoute(c, `r${i}.example.com/app:1`);
    // containerd hosts.go: the mirror with ns=<registry>, then the registry itself (the default host)
    expect(resolveRoute(c, 'r3.example.com/team/app:1').attempts.map((a) => [a.url, a.default])).toEqual([
      ['https://m.example.com/v2/team/app/manifests/1?ns=r3.example.com', false],
      ['https://r3.example.com/v2/team/app/manifests/1', true],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { applyRewrites, compilePattern, replaceAll } from '../../src';

function re(p: string) {
  const c = compilePattern(p);
  if (!c.ok) throw new Error(c.error);
  return c.re;
}

describe('rewrites: Go regexp.ReplaceAllString with Expand', () => {
  it('replaces with numbered groups', () => {
    expect(replaceAll(re('^library/(.*)'), 'library/nginx', 'mirrored/$1')).toBe('mirrored/nginx');
  });
  it('reads $1x as the group named "1x" (empty), as Go does', () => {
    expect(replaceAll(re('^(.*)$'), 'abc', '$1x')).toBe('');
    expect(replaceAll(re('^(.*)$'), 'abc', '${1}x')).toBe('abcx');
  });
  it('supports named groups in both syntaxes', () => {
    expect(replaceAll(re('^(?P<org>[^/]+)/(?<img>.*)$'), 'bitnami/redis', '$img-${org}')).toBe('redis-bitnami');
  });
  it('writes $$ as a literal dollar and keeps a malformed $ as text', () => {
    expect(replaceAll(re('a'), 'a', '$$')).toBe('$');
    expect(replaceAll(re('a'), 'a', '${1')).toBe('${1');
    expect(replaceAll(re('a'), 'a', '$-')).toBe('$-');
  });
  it('replaces every non-overlapping match, like ReplaceAllString', () => {
    expect(replaceAll(re('o'), 'foo/boo', '0')).toBe('f00/b00');
  });
  it('does not replace an empty match right after a match (Go rule)', () => {
    expect(replaceAll(re('a*'), 'baaac', 'X')).toBe('XbXcX');
  });
  it('rejects what RE2 rejects: look-ahead, back-references', () => {
    expect(compilePattern('(?=x)').ok).toBe(false);
    expect(compilePattern('(a)\\1').ok).toBe(false);
  });
  it('stays linear on patterns catastrophic for backtracking engines', () => {
    const t = Date.now();
    expect(replaceAll(re('(a+)+$'), `${'a'.repeat(5000)}!`, 'x')).toBe(`${'a'.repeat(5000)}!`);
    expect(Date.now() - t).toBeLessThan(2000);
  });
  it('applies the first rewrite that changes the repository', () => {
    const r = applyRewrites([['^nomatch', 'x'], ['^library/(.*)', 'lib/$1'], ['.*', 'all']], 'library/busybox');
    expect(r).toEqual({ repository: 'lib/busybox', pattern: '^library/(.*)', replacement: 'lib/$1' });
    expect(applyRewrites([['^x', 'y']], 'library/busybox')).toEqual({ repository: 'library/busybox' });
  });
  it('skips patterns that do not compile', () => {
    expect(applyRewrites([['(', 'x'], ['^library', 'lib']], 'library/a').repository).toBe('lib/a');
  });
});

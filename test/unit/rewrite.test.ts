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
  // Go's regexp/syntax parser (parsePerlFlags) has no duplicate-name check, unlike RE2
  // (and RE2JS): K3s' containerd compiles these patterns and applies them. regexp.Expand
  // reads $name as the leftmost group of that name that took part in the match (its loop over
  // subexpNames stops at the first with match[2*i] >= 0); a group that did not take part gives "".
  it('accepts a capture name used twice, as Go does, and expands $name to the leftmost group that matched', () => {
    expect(compilePattern('^(?P<x>a)(?P<x>b)$').ok).toBe(true);
    expect(replaceAll(re('^(?P<x>a)(?P<x>b)$'), 'ab', '$x')).toBe('a');
    expect(replaceAll(re('^(?P<x>a)(?P<x>b)$'), 'ab', '${2}-$1')).toBe('b-a');
    expect(replaceAll(re('^(?:(?P<x>a)|(?<x>b))/(.*)$'), 'b/img', '[$x]$3')).toBe('[b]img');
    expect(replaceAll(re('^(?:(?P<x>a)|(?<x>b))/(.*)$'), 'a/img', '[${x}]$3')).toBe('[a]img');
    expect(replaceAll(re('^(?:(?P<x>a)|(?P<x>b))?c$'), 'c', '[$x]')).toBe('[]');
    expect(applyRewrites([['^(?:(?P<org>team)|(?P<org>ops))/(.*)$', 'mirror/$org/$3']], 'ops/app')).toEqual({ repository: 'mirror/ops/app', pattern: '^(?:(?P<org>team)|(?P<org>ops))/(.*)$', replacement: 'mirror/$org/$3' });
  });
  it('reads only real named groups: an escaped or bracketed (?P<x> is text', () => {
    // three groups, all named x; \(?P<x> (an optional "(" and the text P<x>) and the class
    // [(?P<x>] are no groups: the x of the input must still match them
    expect(replaceAll(re('^(?P<x>a)\\(?P<x>[(?P<x>](?P<x>c)(?P<x>d)$'), 'a(P<x>xcd', '$x|$2|$3')).toBe('a|c|d');
    expect(replaceAll(re('^\\Q(?P<x>\\E(?P<x>z)(?P<x>y)$'), '(?P<x>zy', '$x$2')).toBe('zy');
    // a later error is still Go's (parse: ErrMissingParen over the whole pattern), with the pattern's own names
    expect(compilePattern('(?P<x>a)(?P<x>b)(')).toEqual({ ok: false, error: 'missing closing ): `(?P<x>a)(?P<x>b)(`' });
    expect(compilePattern('(?P<g0>a)(?P<g0>b)(?P<g_0>c)(')).toEqual({ ok: false, error: 'missing closing ): `(?P<g0>a)(?P<g0>b)(?P<g_0>c)(`' });
    expect(replaceAll(re('(?P<g0>a)(?P<g0>b)(?P<g_0>c)'), 'abc', '$g_0$g0')).toBe('ca');
  });
  it('skips patterns that do not compile', () => {
    expect(applyRewrites([['(', 'x'], ['^library', 'lib']], 'library/a').repository).toBe('lib/a');
  });
});

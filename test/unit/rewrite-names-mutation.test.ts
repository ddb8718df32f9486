// Go's regexp/syntax allows a group name more than once (RE2, and so RE2JS, does not): the
// engine renames the groups for RE2JS and keeps Go's names. Where a (?P<name> sits inside
// a character class, after a backslash or inside \Q…\E, Go's parser reads it as text, not
// as a group – the expected values below follow Go's parseClass and \Q handling
// (regexp/syntax/parse.go): a ] first in a class (after an optional ^) is a character,
// [:alpha:] is one item, \] is an escaped ]. `$x` expands to the leftmost group named x that
// took part in the match (regexp.Regexp.expand).
import { describe, expect, it } from 'vitest';
import { compilePattern, replaceAll } from '../../src/containerd/rewrite';

const re = (p: string) => {
  const c = compilePattern(p);
  if (!c.ok) throw new Error(c.error);
  return c.re;
};

describe('a repeated group name next to text that looks like a group', () => {
  it('a class whose first character is ]: the (?P<x> in it is text', () => {
    expect(replaceAll(re('^[](?P<x>](?P<x>a)(?P<x>b)$'), 'xab', '$x')).toBe('a');
    expect(replaceAll(re('^[](?P<x>](?P<x>a)(?P<x>b)$'), ']ab', '[${x}]')).toBe('[a]');
  });

  it('a negated class whose first character is ]', () => {
    expect(replaceAll(re('^[^](?P<x>](?P<x>a)(?P<x>b)$'), 'zab', '$x')).toBe('a');
    expect(replaceAll(re('^[^](?P<x>](?P<x>a)(?P<x>b)$'), 'xab', '$x')).toBe('xab');
  });

  it('a POSIX class [:alpha:] inside a class does not end it', () => {
    expect(replaceAll(re('^[[:alpha:](?P<x>](?P<x>a)(?P<x>b)$'), 'qab', '$x')).toBe('a');
    expect(replaceAll(re('^[[:alpha:](?P<x>](?P<x>a)(?P<x>b)$'), '(ab', '$x')).toBe('a');
    expect(replaceAll(re('^[[:digit:]](?P<x>a)(?P<x>b)$'), '7ab', '$x')).toBe('a');
  });

  it('an escaped ] inside a class does not end it', () => {
    expect(replaceAll(re('^[\\](?P<x>](?P<x>a)(?P<x>b)$'), 'xab', '$x')).toBe('a');
    expect(replaceAll(re('^[\\](?P<x>](?P<x>a)(?P<x>b)$'), ']ab', '$x')).toBe('a');
  });

  it('\\Q without \\E quotes to the end', () => {
    expect(replaceAll(re('^(?P<x>a)(?P<x>b)\\Q(?P<x>'), 'ab(?P<x>', '$x')).toBe('a');
    expect(replaceAll(re('^(?P<x>a)\\Q.\\E(?P<x>b)$'), 'a.b', '$x')).toBe('a');
    expect(replaceAll(re('^(?P<x>a)\\Q.\\E(?P<x>b)$'), 'azb', '$x')).toBe('azb');
  });

  it('(?<name> without P, repeated (Go 1.22+ reads it as (?P<name>)', () => {
    expect(compilePattern('^(?<x>a)(?<x>b)$').ok).toBe(true);
    expect(replaceAll(re('^(?<x>a)(?<x>b)$'), 'ab', '$x-$2')).toBe('a-b');
    expect(replaceAll(re('^(?:(?<x>a)|(?<x>b))(?<y>c)$'), 'bc', '$x$y')).toBe('bc');
  });

  it('three groups named alike: the leftmost that matched, whichever branch', () => {
    const p = re('^(?:(?P<n>a)|(?P<n>b)|(?P<n>c))(?P<m>\\d)$');
    expect(['a1', 'b2', 'c3'].map((s) => replaceAll(p, s, '$n/$m/${1}${2}${3}'))).toEqual(['a/1/a', 'b/2/b', 'c/3/c']);
  });
});

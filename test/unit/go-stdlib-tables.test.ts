// The engine re-implements two pieces of Go's standard library that containerd and
// the K3s fork run on the node: regexp.ReplaceAllString (repository rewrites, with
// Expand's $name rules) and path.Clean (the path of a hosts.toml host key). The
// expected values below are the cases of Go's own tests (src/regexp/all_test.go
// replaceTests, src/path/path_test.go cleantests), plus a few hand-worked Expand
// cases from the rules of regexp.extract; none is taken from this engine's output.
import { describe, expect, it } from 'vitest';
import { compilePattern, replaceAll } from '../../src';
import { cleanPath } from '../../src/containerd/read-hosts-toml';
import { replacementRefs } from '../../src/containerd/rewrite';

function re(p: string) {
  const c = compilePattern(p);
  if (!c.ok) throw new Error(c.error);
  return c.re;
}

// [pattern, replacement, input, output], as in Go's replaceTests
const REPLACE: Array<[string, string, string, string]> = [
  // empty input and/or replacement, with a pattern that matches the empty string
  ['', '', '', ''],
  ['', 'x', '', 'x'],
  ['', '', 'abc', 'abc'],
  ['', 'x', 'abc', 'xaxbxcx'],
  // a pattern that does not match the empty string
  ['b', '', '', ''],
  ['b', 'x', '', ''],
  ['b', '', 'abc', 'ac'],
  ['b', 'x', 'abc', 'axc'],
  ['y', '', '', ''],
  ['y', 'x', '', ''],
  ['y', '', 'abc', 'abc'],
  ['y', 'x', 'abc', 'abc'],
  // multibyte characters: no match inside a character
  ['[a-c]*', 'x', '\u65e5', 'x\u65e5x'],
  ['[^\u65e5]', 'x', 'abc\u65e5def', 'xxx\u65e5xxx'],
  // start and end of a string
  ['^[a-c]*', 'x', 'abcdabc', 'xdabc'],
  ['[a-c]*$', 'x', 'abcdabc', 'abcdx'],
  ['^[a-c]*$', 'x', 'abcdabc', 'abcdabc'],
  ['^[a-c]*', 'x', 'abc', 'x'],
  ['[a-c]*$', 'x', 'abc', 'x'],
  ['^[a-c]*$', 'x', 'abc', 'x'],
  ['^[a-c]*', 'x', 'dabce', 'xdabce'],
  ['[a-c]*$', 'x', 'dabce', 'dabcex'],
  ['^[a-c]*$', 'x', 'dabce', 'dabce'],
  ['^[a-c]*', 'x', '', 'x'],
  ['[a-c]*$', 'x', '', 'x'],
  ['^[a-c]*$', 'x', '', 'x'],
  ['^[a-c]+', 'x', 'abcdabc', 'xdabc'],
  ['[a-c]+$', 'x', 'abcdabc', 'abcdx'],
  ['^[a-c]+$', 'x', 'abcdabc', 'abcdabc'],
  ['^[a-c]+', 'x', 'abc', 'x'],
  ['[a-c]+$', 'x', 'abc', 'x'],
  ['^[a-c]+$', 'x', 'abc', 'x'],
  ['^[a-c]+', 'x', 'dabce', 'dabce'],
  ['[a-c]+$', 'x', 'dabce', 'dabce'],
  ['^[a-c]+$', 'x', 'dabce', 'dabce'],
  ['^[a-c]+', 'x', '', ''],
  ['[a-c]+$', 'x', '', ''],
  ['^[a-c]+$', 'x', '', ''],
  // other cases
  ['abc', 'def', 'abcdefg', 'defdefg'],
  ['bc', 'BC', 'abcbcdcdedef', 'aBCBCdcdedef'],
  ['abc', '', 'abcdabc', 'd'],
  ['x', 'xXx', 'xxxXxxx', 'xXxxXxxXxXxXxxXxxXx'],
  ['abc', 'd', '', ''],
  ['abc', 'd', 'abc', 'd'],
  ['.+', 'x', 'abc', 'x'],
  ['[a-c]*', 'x', 'def', 'xdxexfx'],
  ['[a-c]+', 'x', 'abcbcdcdedef', 'xdxdedef'],
  ['[a-c]*', 'x', 'abcbcdcdedef', 'xdxdxexdxexfx'],
  // substitutions
  ['a+', '($0)', 'banana', 'b(a)n(a)n(a)'],
  ['a+', '(${0})', 'banana', 'b(a)n(a)n(a)'],
  ['a+', '(${0})$0', 'banana', 'b(a)an(a)an(a)a'],
  ['hello, (.+)', 'goodbye, ${1}', 'hello, world', 'goodbye, world'],
  ['hello, (.+)', 'goodbye, $1x', 'hello, world', 'goodbye, '],
  ['hello, (.+)', 'goodbye, ${1}x', 'hello, world', 'goodbye, worldx'],
  ['hello, (.+)', '<$0><$1><$2><$3>', 'hello, world', '<hello, world><world><><>'],
  ['hello, (?P<noun>.+)', 'goodbye, $noun!', 'hello, world', 'goodbye, world!'],
  ['hello, (?P<noun>.+)', 'goodbye, ${noun}', 'hello, world', 'goodbye, world'],
  // (Go's table goes on with (?P<x>hi)|(?P<x>bye), one name for two groups: the Go of
  // today accepts it, RE2JS refuses to compile it, so the engine calls such a rewrite
  // pattern invalid – a known difference, left out here)
  ['a+', '${oops', 'aaa', '${oops'],
  ['a+', '$$', 'aaa', '$'],
  ['a+', '$', 'aaa', '$'],
  // a subexpression that did not take part in the match
  ['(x)?', '$1', '123', '123'],
  ['abc', '$1', '123', '123'],
  // subexpressions inside (x){0}
  ['(a)(b){0}(c)', '.$1|$3.', 'xacxacx', 'x.a|c.x.a|c.x'],
  ['(a)(((b))){0}c', '.$1.', 'xacxacx', 'x.a.x.a.x'],
  ['((a(b){0}){3}){5}(h)', 'y caramb$2', 'say aaaaaaaaaaaaaaaah', 'say ay caramba'],
  ['((a(b){0}){3}){5}h', 'y caramb$2', 'say aaaaaaaaaaaaaaaah', 'say ay caramba'],
];

describe('regexp.ReplaceAllString: the cases of Go\'s replaceTests', () => {
  it.each(REPLACE)('%j with %j on %j', (pattern, replacement, input, output) => {
    expect(replaceAll(re(pattern), input, replacement)).toBe(output);
  });
});

describe('regexp Expand: numbers and names as regexp.extract reads them (worked by hand)', () => {
  // a name is letters, digits and _; it is a group number only when all digits,
  // without a leading zero and below 1e8 – otherwise it names a group (none here: empty)
  it.each([
    ['$01', ''],
    ['${01}', ''],
    ['$00', ''],
    ['$0', 'abc'],
    ['${1}', 'b'],
    ['$1_', ''],
    ['${1}_', 'b_'],
    ['$999999999', ''],
    ['${2}', ''],
    ['$é', ''],
    ['${é}x', 'x'],
    ['$', '$'],
    ['${}', '${}'],
    ['${1', '${1'],
    ['x$', 'x$'],
  ])('^a(b)c$ on "abc" with %j gives %j', (repl, out) => {
    expect(replaceAll(re('^a(b)c$'), 'abc', repl)).toBe(out);
  });

  it('a name of digits that is no group number (leading zero, 1e8 or more) names a group', () => {
    // extract: num = -1 once num >= 1e8 before the next digit (10 digits), or on a leading 0
    expect(replaceAll(re('^(?P<1234567890>a)(?P<01>b)$'), 'ab', '$1234567890 ${01} $1$2')).toBe('a b ab');
  });

  it('${name followed by anything but } is no reference: the $ stays text', () => {
    expect(replaceAll(re('^(?P<ab>x)$'), 'x', '${ab-}')).toBe('${ab-}');
    expect(replaceAll(re('^(x)$'), 'x', '${1 }/$1')).toBe('${1 }/x');
  });

  it('a named group and the group of that number are the same group', () => {
    expect(replaceAll(re('(?P<first>a)(?P<second>b)'), 'ab', '$second$first ${1}${2}')).toBe('ba ab');
  });

  it('replacementRefs lists each $name/${name} with its number, -1 for a name', () => {
    expect(replacementRefs('lib/$1-${2}/$$x/$name/${01}/$')).toEqual([
      { name: '1', num: 1 },
      { name: '2', num: 2 },
      { name: 'name', num: -1 },
      { name: '01', num: -1 },
    ]);
    expect(replacementRefs('no refs, only $$ and ${')).toEqual([]);
  });
});

// [path, path.Clean(path)], as in Go's cleantests
const CLEAN: Array<[string, string]> = [
  // already clean
  ['', '.'],
  ['abc', 'abc'],
  ['abc/def', 'abc/def'],
  ['a/b/c', 'a/b/c'],
  ['.', '.'],
  ['..', '..'],
  ['../..', '../..'],
  ['../../abc', '../../abc'],
  ['/abc', '/abc'],
  ['/', '/'],
  // trailing slash
  ['abc/', 'abc'],
  ['abc/def/', 'abc/def'],
  ['a/b/c/', 'a/b/c'],
  ['./', '.'],
  ['../', '..'],
  ['../../', '../..'],
  ['/abc/', '/abc'],
  // doubled slash
  ['abc//def//ghi', 'abc/def/ghi'],
  ['//abc', '/abc'],
  ['///abc', '/abc'],
  ['//abc//', '/abc'],
  ['abc//', 'abc'],
  // . elements
  ['abc/./def', 'abc/def'],
  ['/./abc/def', '/abc/def'],
  ['abc/.', 'abc'],
  // .. elements
  ['abc/def/ghi/../jkl', 'abc/def/jkl'],
  ['abc/def/../ghi/../jkl', 'abc/jkl'],
  ['abc/def/..', 'abc'],
  ['abc/def/../..', '.'],
  ['/abc/def/../..', '/'],
  ['abc/def/../../..', '..'],
  ['/abc/def/../../..', '/'],
  ['abc/def/../../../ghi/jkl/../../../mno', '../../mno'],
  // combinations
  ['abc/./../def', 'def'],
  ['abc//./../def', 'def'],
  ['abc/../../././../def', '../../def'],
];

describe('path.Clean: the cases of Go\'s cleantests', () => {
  it.each(CLEAN)('%j → %j', (path, clean) => {
    expect(cleanPath(path)).toBe(clean);
    expect(cleanPath(clean)).toBe(clean);
  });
});

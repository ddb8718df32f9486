// The engine's hosts.toml reader, rule by rule, with expectations taken from how
// containerd reads the file (core/remotes/docker/config/hosts.go: parseHostsFile,
// parseHostConfig, hostPaths/hostDirectory), from the Go regexp error format, and from
// the ctr 1.6 findings of the conformance suite (test/conformance/FINDINGS.md).
import { describe, expect, it } from 'vitest';
import { PROFILES, candidateDirs, compilePattern, parseHostsToml, replaceAll } from '../../src';
import { concreteHosts } from '../../src/containerd/read-hosts-toml';

function hosts(text: string, id: keyof typeof PROFILES = 'upstream') {
  const parsed = parseHostsToml(text, PROFILES[id]);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.hosts;
}
const error = (text: string, id: keyof typeof PROFILES = 'upstream') => {
  const parsed = parseHostsToml(text, PROFILES[id]);
  return parsed.ok ? undefined : parsed.error;
};

describe('a host key as parseHostConfig reads it', () => {
  it('adds https:// to a key with no scheme, and /v2 to its path', () => {
    expect(hosts('[host."mirror.example.com:5000"]\n').map((h) => [h.scheme, h.host, h.path])[0]).toEqual(['https', 'mirror.example.com:5000', '/v2']);
  });

  it('adds nothing to a key that starts with "http" but has no scheme: url.Parse reads it as a path', () => {
    expect(hosts('[host."httpmirror.example.com"]\n').map((h) => [h.scheme, h.host, h.path])[0]).toEqual(['', '', 'httpmirror.example.com/v2']);
  });

  it('cleans the path and does not add /v2 twice', () => {
    expect(hosts('[host."https://m.example.com/v2"]\n')[0].path).toBe('/v2');
    expect(hosts('[host."https://m.example.com/a/../v2/"]\n')[0].path).toBe('/v2');
    expect(hosts('[host."https://m.example.com//x/./y"]\n')[0].path).toBe('/x/y/v2');
  });

  it('override_path keeps the path as written (cleaned), with or without one', () => {
    expect(hosts('[host."https://m.example.com/x/"]\n  override_path = true\n')[0].path).toBe('/x');
    expect(hosts('[host."https://m.example.com"]\n  override_path = true\n')[0].path).toBe('');
    expect(hosts('[host."https://m.example.com"]\n  override_path = "yes"\n')[0].path).toBe('/v2');
  });

  it('a key url.Parse refuses makes the whole file unusable', () => {
    expect(error('[host."https://%zz"]\n')).toBe('unable to parse a host URL: invalid URL escape "%zz"');
  });

  it('skip_verify only as a boolean; ca and client from a string or a list, non-strings dropped', () => {
    const [h] = hosts('[host."https://m.example.com"]\n  skip_verify = "true"\n  ca = ["/a.pem", 1, "/b.pem"]\n  client = [["/c.pem"], ["/d.pem", "/k.pem"]]\n');
    expect([h.skipVerify, h.ca, h.client]).toEqual([undefined, ['/a.pem', '/b.pem'], [['/c.pem', ''], ['/d.pem', '/k.pem']]]);
  });
});

describe('the file as parseHostsFile reads it', () => {
  it('no file, or no server: the root host is appended with no scheme, host or path (filled in per registry)', () => {
    expect(hosts('').map((h) => [h.key, h.scheme, h.host, h.path, h.isRoot])).toEqual([['', '', '', '', true]]);
  });

  it('a host entry that is not a table makes the file unusable', () => {
    expect(error('[host]\n"https://m.example.com" = 1\n')).toBe('invalid host table "https://m.example.com"');
    expect(error('host = 1\n')).toBe('invalid `host` tree');
    expect(error('host = [1]\n')).toBe('invalid `host` tree');
  });

  it('a TOML error is reported in one line; a dialect error comes before the TOML parser', () => {
    const e = error('server = \n[host."https://m.example.com"]\n');
    expect(e).toMatch(/^.{8,}$/);
    expect(error('server = "\\e"\n')).toBe('invalid escape sequence: \\e');
  });

  it('containerd 1.6 refuses an IPv6 literal in a table key; 2.x reads it (ctr 1.6 finding)', () => {
    const text = '[host."https://[fd00::1]:5000"]\n';
    expect(error(text, 'upstream-1.6')).toBe('the TOML parser of containerd 1.6 rejects a table key holding an IPv6 literal');
    expect(hosts(text, 'upstream').map((h) => h.host)).toEqual(['[fd00::1]:5000', '']);
    expect(error('[host."https://m.example.com"]\n', 'upstream-1.6')).toBeUndefined();
  });

  it('rewrites are read on the K3s fork only, and never from the root', () => {
    const text = '[rewrite]\n  "^a/(.*)" = "r/$1"\n[host."https://m.example.com"]\n  [host."https://m.example.com".rewrite]\n    "^b/(.*)" = "m/$1"\n';
    expect(hosts(text, 'upstream').map((h) => h.rewrites)).toEqual([[], []]);
    const fork = parseHostsToml(`server = "https://r.example.com"\n${text}`, PROFILES['containerd-2.2']);
    if (!fork.ok) throw new Error(fork.error);
    expect(fork.hosts.map((h) => h.rewrites)).toEqual([[['^b/(.*)', 'm/$1']], []]);
  });

  it('only the root host is filled in for the pulled registry', () => {
    const parsed = hosts('server = "https://r.example.com"\n[host."https://m.example.com"]\n');
    expect(concreteHosts(parsed, 'r.example.com', PROFILES.upstream).map((h) => [h.host, h.filledDefault])).toEqual([
      ['m.example.com', false],
      ['r.example.com', false],
    ]);
    const noServer = hosts('[host."https://m.example.com"]\n');
    expect(concreteHosts(noServer, 'r.example.com', PROFILES.upstream).map((h) => [h.scheme, h.host, h.filledDefault])).toEqual([
      ['https', 'm.example.com', false],
      ['https', 'r.example.com', true],
    ]);
  });
});

describe('the default host for a local registry on containerd 1.6 (ctr 1.6: http, TLS not verified)', () => {
  it.each(['localhost:5000', 'localhost', '127.0.0.1:5000'])('%s', (registry) => {
    const [h] = concreteHosts(hosts('', 'upstream-1.6'), registry, PROFILES['upstream-1.6']);
    expect([h.scheme, h.host, h.skipVerify, h.httpFallback]).toEqual(['http', registry, true, false]);
  });
});

describe('the directories containerd looks in (hostPaths: host_port_, host, _default)', () => {
  it.each([
    ['docker.io', ['docker.io', '_default']],
    ['registry.example.com:5000', ['registry.example.com_5000_', 'registry.example.com:5000', '_default']],
    ['[fd00::1]:5000', ['[fd00::1]_5000_', '[fd00::1]:5000', '_default']],
  ])('%s', (registry, dirs) => {
    expect(candidateDirs(registry)).toEqual(dirs);
  });
});

describe('rewrite patterns: what Go reports and how ReplaceAllString steps', () => {
  it('a pattern that does not compile says why, as Go words it (without "error parsing regexp: ")', () => {
    expect(compilePattern('(')).toEqual({ ok: false, error: 'missing closing ): `(`' });
  });

  it('matches do not overlap: the search goes on after the end of a match', () => {
    const c = compilePattern('aa');
    if (!c.ok) throw new Error(c.error);
    expect(replaceAll(c.re, 'aaa', 'X')).toBe('Xa');
    expect(replaceAll(c.re, 'aaaa', 'X')).toBe('XX');
  });

  it('group numbers of two digits: $10 and ${12} are groups 10 and 12', () => {
    const c = compilePattern('(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)');
    if (!c.ok) throw new Error(c.error);
    expect(replaceAll(c.re, 'abcdefghijkl', '$10-${12}-$1')).toBe('j-l-a');
  });

  it('a name of 10 digits or more is no number (regexp.extract stops at 1e8) and names a group; 8 digits are a number', () => {
    // Go allows a capture name of digits only: (?P<1000000000>x) is a group named "1000000000"
    const c = compilePattern('(?P<1000000000>x)(?P<99999999>y)');
    if (!c.ok) throw new Error(c.error);
    expect(replaceAll(c.re, 'xy', '$1000000000')).toBe('x');
    expect(replaceAll(c.re, 'xy', '${99999999}')).toBe('');
  });
});

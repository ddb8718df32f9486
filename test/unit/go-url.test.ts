// Go's net/url as K3s and containerd use it (url.Parse, URL.String, Hostname, Port).
// Every expected value is what Go returns, written by hand from net/url's source and
// documentation (parse, getScheme, parseHost, validOptionalPort, validUserinfo,
// unescape, EscapedPath/validEncoded, splitHostPort), not taken from this engine.
import { describe, expect, it } from 'vitest';
import { formatGoUrl, GoUrlError, hostName, hostPort, parseGoUrl } from '../../src/lib/go-url';

const err = (raw: string) => {
  try {
    parseGoUrl(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(GoUrlError);
    return (e as Error).message;
  }
  return 'parsed';
};
const round = (raw: string) => formatGoUrl(parseGoUrl(raw));

describe('parseGoUrl is url.Parse', () => {
  it('reads scheme, user info, host, path, query and fragment', () => {
    expect(parseGoUrl('HTTPS://u:p@m.example.com:5000/v2/x?a=1#frag')).toEqual({
      scheme: 'https', user: { username: 'u', password: 'p' }, host: 'm.example.com:5000', path: '/v2/x',
      rawQuery: 'a=1', fragment: 'frag', hasFragment: true, forceQuery: false,
    });
    expect(parseGoUrl('a1+.-b://h')).toMatchObject({ scheme: 'a1+.-b', host: 'h', path: '' });
    expect(parseGoUrl('http://u@h').user).toEqual({ username: 'u' });
    expect(parseGoUrl('http://a@b@h')).toMatchObject({ user: { username: 'a@b' }, host: 'h' }); // split at the last @
    expect(parseGoUrl('http://u:@h').user).toEqual({ username: 'u', password: '' });
    expect(parseGoUrl('/v2/x')).toMatchObject({ scheme: '', host: '', path: '/v2/x' });
    expect(parseGoUrl('v2/x:y')).toMatchObject({ scheme: '', host: '', path: 'v2/x:y' });
    expect(parseGoUrl('http://h#')).toMatchObject({ fragment: '', hasFragment: true });
    expect(parseGoUrl('http://h')).toMatchObject({ fragment: '', hasFragment: false, rawQuery: '', forceQuery: false });
  });

  it('a lone trailing ? is ForceQuery; a second ? belongs to the query', () => {
    expect(parseGoUrl('http://h/p?')).toMatchObject({ path: '/p', rawQuery: '', forceQuery: true });
    expect(parseGoUrl('http://h/p??')).toMatchObject({ path: '/p', rawQuery: '?', forceQuery: false });
    expect(parseGoUrl('http://h/p?a?')).toMatchObject({ path: '/p', rawQuery: 'a?', forceQuery: false });
  });

  it('hosts: ports of digits only, IPv6 in brackets, the characters Go allows', () => {
    expect(parseGoUrl('http://h:80').host).toBe('h:80');
    expect(parseGoUrl('http://h:').host).toBe('h:');
    expect(parseGoUrl('http://[::1]:80').host).toBe('[::1]:80');
    expect(parseGoUrl('http://[fe80::1]').host).toBe('[fe80::1]');
    expect(parseGoUrl('http://ü.example.com').host).toBe('ü.example.com');
    expect(parseGoUrl("http://a-._~!$&'()*+,;=b").host).toBe("a-._~!$&'()*+,;=b");
  });

  it.each([
    ['http://h:8a', 'invalid port ":8a" after host'],
    ['http://h:80:', 'parsed'], // only what follows the last colon is the port, and an empty one is valid
    ['http://[::1]x', 'invalid port "x" after host'],
    ['http://[::1]:8a', 'invalid port ":8a" after host'],
    ['http://[::1', "missing ']' in host"],
    ['http://a b', 'invalid character " " in host name'],
    ['http://a{b', 'invalid character "{" in host name'],
    ['http://a|b', 'invalid character "|" in host name'],
    ['http://u p@h', 'net/url: invalid userinfo'],
    ['http://u/p@h', 'parsed'], // the @ is in the path: no user info
    ['http://%zz@h', 'invalid URL escape "%zz"'],
    ['http://h/%zz', 'invalid URL escape "%zz"'],
    ['http://h/%4', 'invalid URL escape "%4"'],
    ['http://h/%', 'invalid URL escape "%"'],
    ['http://h/#%g1', 'invalid URL escape "%g1"'],
    ['http://h%2', 'invalid URL escape "%2"'],
    ['http://h/a%41', 'parsed'],
    ['://h', 'missing protocol scheme'],
    ['1a://h', 'first path segment in URL cannot contain colon'], // a scheme starts with a letter
    ['h_x://y', 'first path segment in URL cannot contain colon'],
    ['a:b/c', 'not a hierarchical URL'],
    ['http://h/\x7f', 'invalid control character in URL'],
    ['http://h/\x00', 'invalid control character in URL'],
    ['http://h/\x1f', 'invalid control character in URL'],
    ['http://h/\x20', 'parsed'],
  ])('%j: %s', (raw, message) => {
    expect(err(raw)).toBe(message);
  });
});

describe('hostPort and hostName are URL.Port and URL.Hostname', () => {
  it.each([
    ['h:80', 'h', '80'],
    ['h', 'h', ''],
    ['h:', 'h', ''],
    ['[::1]:80', '::1', '80'],
    ['[::1]', '::1', ''],
    ['[::1]:', '::1', ''],
    ['[fe80::1%25en0]:8080', 'fe80::1%25en0', '8080'],
  ])('%j: host %j, port %j', (host, name, port) => {
    expect(hostName(host)).toBe(name);
    expect(hostPort(host)).toBe(port);
  });
});

describe('formatGoUrl is URL.String (with the password and query hidden)', () => {
  it('writes what was parsed', () => {
    expect(round('https://m.example.com:5000/v2')).toBe('https://m.example.com:5000/v2');
    expect(round('https://u:p@m.example.com')).toBe('https://xxxxx@m.example.com');
    expect(round('https://m.example.com/v2?token=s3cret')).toBe('https://m.example.com/v2?xxxxx');
    expect(round('https://m.example.com/v2?')).toBe('https://m.example.com/v2?');
    expect(round('https://m.example.com/v2#f')).toBe('https://m.example.com/v2#f');
    expect(round('https://m.example.com/v2#')).toBe('https://m.example.com/v2#');
    expect(round('/v2')).toBe('/v2');
    expect(formatGoUrl({ scheme: '', host: 'h', path: 'v2', rawQuery: '', fragment: '', hasFragment: false, forceQuery: false })).toBe('//h/v2');
    expect(formatGoUrl({ scheme: '', host: '', path: 'v2', rawQuery: '', fragment: '', hasFragment: false, forceQuery: false })).toBe('v2');
  });

  // EscapedPath: the path as written when every byte may stand there (validEncoded),
  // otherwise the decoded path escaped again
  it.each([
    ['https://m.example.com/a%20b', 'https://m.example.com/a%20b'],
    ['https://m.example.com/x%2Fy', 'https://m.example.com/x%2Fy'],
    ["https://m.example.com/a!$&'()*+,;=:@[]b", "https://m.example.com/a!$&'()*+,;=:@[]b"],
    ['https://m.example.com/a b', 'https://m.example.com/a%20b'],
    ['https://m.example.com/a b!', 'https://m.example.com/a%20b%21'],
    ['https://m.example.com/a b%2Fc', 'https://m.example.com/a%20b/c'],
    ['https://m.example.com/ü', 'https://m.example.com/%C3%BC'],
    ['https://m.example.com/%C3%BC', 'https://m.example.com/%C3%BC'],
    ['https://m.example.com/a"b', 'https://m.example.com/a%22b'],
  ])('%j is written %j', (raw, written) => {
    expect(round(raw)).toBe(written);
  });
});

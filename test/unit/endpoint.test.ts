import { describe, expect, it } from 'vitest';
import { isLocalhost, normalizeEndpoint } from '../../src';

function n(e: string, addr?: string) {
  const r = normalizeEndpoint(e, addr);
  if (!r.ok) throw new Error(r.error);
  return { url: r.ep.urlString, name: r.ep.registryName, override: r.ep.overridePath };
}

describe('endpoint normalisation (K3s normalizeEndpointAddress)', () => {
  it('adds https to a host without scheme', () => {
    expect(n('mirror.example.com')).toEqual({ url: 'https://mirror.example.com/v2', name: 'mirror.example.com', override: false });
  });
  it('uses http for localhost and loopback with an explicit port other than 443', () => {
    expect(n('localhost:5000').url).toBe('http://localhost:5000/v2');
    expect(n('127.0.0.1:5000').url).toBe('http://127.0.0.1:5000/v2');
    expect(n('[::1]:5000').url).toBe('http://[::1]:5000/v2');
    expect(n('localhost:443').url).toBe('https://localhost:443/v2');
    expect(n('localhost').url).toBe('https://localhost/v2');
  });
  it('keeps https for the embedded registry address even on loopback', () => {
    expect(n('127.0.0.1:6443', '127.0.0.1:6443').url).toBe('https://127.0.0.1:6443/v2');
  });
  it('maps docker.io to registry-1.docker.io but keeps the registry name', () => {
    expect(n('docker.io')).toEqual({ url: 'https://registry-1.docker.io/v2', name: 'docker.io', override: false });
    expect(n('https://registry-1.docker.io').name).toBe('docker.io');
  });
  it('treats "", / and /v2 as the default path, anything else verbatim with override_path', () => {
    expect(n('https://m.example.com/').override).toBe(false);
    expect(n('https://m.example.com/v2').override).toBe(false);
    expect(n('https://m.example.com/v2/')).toMatchObject({ url: 'https://m.example.com/v2/', override: true });
    expect(n('https://m.example.com/prefix')).toMatchObject({ url: 'https://m.example.com/prefix', override: true });
  });
  it('keeps the port in the registry name used to look up configs', () => {
    expect(n('https://r.example.com:8443').name).toBe('r.example.com:8443');
    expect(n('https://r.example.com').name).toBe('r.example.com');
  });
  it('rejects what Go url.Parse rejects', () => {
    expect(normalizeEndpoint('https://bad host').ok).toBe(false);
    expect(normalizeEndpoint('mirror.example.com:abc').ok).toBe(false);
    expect(normalizeEndpoint('https://[::1').ok).toBe(false);
  });
  it('never prints a password from the URL', () => {
    expect(n('https://user:secret@m.example.com').url).toBe('https://xxxxx@m.example.com/v2');
    expect(normalizeEndpoint('https://user:secret/@m.example.com').ok).toBe(false);
    // Go's url.Parse splits the user info at the last @ and allows @ in it (validUserinfo)
    expect(n('https://admin:pw@x@m.example.com')).toEqual({ url: 'https://xxxxx@m.example.com/v2', name: 'm.example.com', override: false });
    // an @ in the path: Go parses it, with the text before the @ as the host
    expect(normalizeEndpoint('https://m.example.com/secret@x')).toEqual({ ok: false, error: 'an @ outside the user info: the text before it would be read as the host' });
  });
  it('answers each embedded-registry address on its own (no answer shared between addresses)', () => {
    // the same endpoint: http as a plain loopback mirror, https where it is the embedded registry
    expect(n('localhost:5000', '127.0.0.1:6443').url).toBe('http://localhost:5000/v2');
    expect(n('localhost:5000', 'localhost:5000').url).toBe('https://localhost:5000/v2');
    expect(n('localhost:5000').url).toBe('http://localhost:5000/v2');
  });
  it('knows localhost as containerd does', () => {
    expect(isLocalhost('localhost:5000')).toBe(true);
    expect(isLocalhost('127.0.0.2')).toBe(true);
    expect(isLocalhost('::1')).toBe(true);
    expect(isLocalhost('[::1]:80')).toBe(true);
    expect(isLocalhost('localhost.example.com')).toBe(false);
    expect(isLocalhost('10.0.0.1:5000')).toBe(false);
  });

  // containerd's docker.IsLocalhost: net.SplitHostPort (when there is a port), then
  // "localhost" or net.ParseIP(host).IsLoopback(). Each expectation below is Go's answer
  // (Go >= 1.17: ParseIP refuses IPv4 octets with leading zeros).
  it.each([
    ['127.0.0.1', true],
    ['127.255.255.255', true],
    ['127.256.0.1', false], // an octet above 255: not an IP
    ['127.0.0.1000', false],
    ['1127.0.0.1', false],
    ['127.0.0.1x', false],
    ['127-0-0-1', false],
    ['127.0.0', false],
    ['128.0.0.1', false],
    ['127.000.000.001', false], // leading zeros: ParseIP says nil
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true], // IPv4-mapped loopback
    ['::FFFF:127.1.2.3', true], // hex digits in either case
    ['::ffff:128.0.0.1', false],
    ['::ffff:127.0.0.300', false],
    ['::ffff:127.0.0.01', false],
    ['x::ffff:127.0.0.1', false],
    ['[127.0.0.1]:80', true], // SplitHostPort strips the brackets
    ['[::1]', false], // no port: SplitHostPort fails, and "[::1]" is no IP
    ['localhost:', true], // an empty port still splits
    ['LOCALHOST:5000', false], // the comparison is case-sensitive
    ['localhost:5000:1', false], // too many colons: no split, no IP
    [':5000', false],
    // every IPv6 spelling of ::1 that Go's ParseIP reads (RFC 4291 2.2)
    ['0::1', true],
    ['0:0::1', true],
    ['::0:1', true],
    ['0000:0000:0000:0000:0000:0000:0000:0001', true],
    ['0:0:0:0:0:0::1', true],
    ['[0::1]:5000', true],
    ['::0.0.0.1', true], // the last 32 bits written as IPv4
    ['::ffff:7f00:1', true], // 127.0.0.1 IPv4-mapped, in hex
    ['::ffff:7f00:0001', true],
    ['0:0:0:0:0:ffff:127.0.0.1', true],
    ['::127.0.0.1', false], // IPv4-compatible, not mapped: not loopback in Go
    ['::2', false],
    ['1::1', false],
    ['::1:0', false],
    ['00000::1', false], // five hex digits in a field
    ['0:0:0:0:0:0:0:0:1', false], // nine fields
    ['0:0:0:0:0:0:0::1', false], // :: must stand for at least one field
    ['0::0::1', false], // :: twice
    [':0::1', false],
    ['::1:', false],
    ['::1%lo', false], // ParseIP takes no zone
    ['::ffff:127.0.0.1:0', false],
    ['0:0:0:0:0:0:0.0.0.1', true], // six fields, then IPv4 for fields 7-8
    ['0:0:0:0:0:0:0:0.0.0.1', false], // IPv4 replaces fields 7-8 only: nine fields
    ['::g', false],
  ])('isLocalhost(%j) is %s, as in Go', (host, local) => {
    expect(isLocalhost(host)).toBe(local);
  });
  it('a loopback endpoint spelled as Go reads it decides the default scheme', () => {
    expect(n('127.0.0.9:5000').url).toBe('http://127.0.0.9:5000/v2');
    expect(n('127.000.000.001:5000').url).toBe('https://127.000.000.001:5000/v2');
    expect(n('[0:0:0:0:0:0:0:1]:5000').url).toBe('http://[0:0:0:0:0:0:0:1]:5000/v2');
    expect(n('localhost.:5000').url).toBe('https://localhost.:5000/v2');
  });
});

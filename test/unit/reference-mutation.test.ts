// parseReference at the edges reference.test.ts leaves open (found by mutation testing):
// digests of every algorithm go-digest accepts, their lengths and anchors, the input limits
// and the first path component as a domain. Expected values written by hand from
// github.com/distribution/reference v0.6.0 (ParseDockerRef; splitDockerDomain: the first
// component is a domain when it has "." or ":", is "localhost" or has an upper-case letter)
// and github.com/opencontainers/go-digest (Validate: a known algorithm, exactly
// Size()*2 lower-case hex digits: 64 for sha256, 96 for sha384, 128 for sha512); the
// error texts are the engine's own, as the preview shows them.
import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src';

const hex = (n: number) => '0123456789abcdef'.repeat(8).slice(0, n);
const err = (input: string) => {
  const r = parseReference(input);

  return r.ok ? `ok: ${r.ref.name}` : r.error;
};

describe('digests', () => {
  it.each([
    ['sha256', 64],
    ['sha384', 96],
    ['sha512', 128],
  ])('%s with %i lower-case hex digits is a digest reference', (alg, n) => {
    const d = `${alg}:${hex(n)}`;
    const r = parseReference(`registry.example.com/app@${d}`);

    expect(r).toEqual({ ok: true, ref: { registry: 'registry.example.com', repository: 'app', tag: undefined, digest: d, reference: d, name: `registry.example.com/app@${d}` } });
  });

  it.each([
    ['sha256', 64],
    ['sha384', 96],
    ['sha512', 128],
  ])('%s: one digit short, one too many, an upper-case digit in front or behind – each refused with the length it needs', (alg, n) => {
    for (const h of [hex(n - 1), `${hex(n)}0`, `A${hex(n)}`, `${hex(n)}A`, hex(n).toUpperCase()]) {
      expect(err(`app@${alg}:${h}`)).toBe(`invalid digest "${alg}:${h}": ${alg} needs ${n} lower-case hex digits`);
    }
  });

  it('an algorithm go-digest does not know is refused by name', () => {
    expect(err(`app@md5:${hex(32)}`)).toBe('unsupported digest algorithm "md5": use sha256');
  });

  it('no algorithm:hex shape at all: the general message, not a length', () => {
    expect(err('app@sha256:abc')).toBe('invalid digest "sha256:abc": expected algorithm:hex, e.g. sha256:<64 hex digits>');
  });
});

describe('the input as typed', () => {
  it('white space around the reference is trimmed; inside it is refused', () => {
    expect(err('  nginx:1.27\t')).toBe('ok: docker.io/library/nginx:1.27');
    expect(err('nginx :1.27')).toBe('"nginx :1.27" contains white space');
  });

  it('empty or blank: says it is empty', () => {
    expect(err('')).toBe('the image reference is empty');
    expect(err('   ')).toBe('the image reference is empty');
  });

  it('4,096 characters are read (and judged on their own); 4,097 are refused by length', () => {
    const long = `registry.example.com/${'a'.repeat(4096 - 21)}`;

    expect(long).toHaveLength(4096);
    expect(err(long)).toBe('repository name is longer than 255 characters');
    expect(err(`${long}b`)).toBe('the image reference is 4097 characters long; the most is 4096');
  });

  it('64 characters that are not all hex are a name, not an image ID', () => {
    expect(err('g'.repeat(64))).toBe(`ok: docker.io/library/${'g'.repeat(64)}:latest`);
    expect(err(hex(64))).toBe('a bare 64-digit hex string is an image ID, not a reference: give a name such as nginx@sha256:…');
  });

  it('only a tag: no repository name', () => {
    expect(err(':1.0')).toBe('":1.0" has no repository name');
  });

  it('a tag after an empty last component: the repository "team/" is named as invalid', () => {
    expect(err('team/:1.0')).toBe('invalid repository name "team/": use lower-case letters, digits and separators (. _ __ -) between path components');
  });
});

describe('the first component as a domain (splitDockerDomain)', () => {
  it('no slash: Docker Hub library/, even with a dot in the name', () => {
    expect(err('my.app:1')).toBe('ok: docker.io/library/my.app:1');
  });

  it('a one-letter upper-case first component is a domain', () => {
    expect(err('A/b')).toBe('ok: A/b:latest');
  });
});

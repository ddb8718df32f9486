// Image reference normalisation (docs/route-semantics.md §1) as github.com/distribution/reference
// v0.6.0 does it: ParseDockerRef = ParseNormalizedNamed + "tag and digest → digest"
// + "no tag → latest". The cases are taken from that module's own tests
// (normalize_test.go, reference_test.go), restated for the normalised result,
// plus the CRI-relevant corner cases the spec calls out.
import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src';

const D = 'sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';
const F = `sha256:${'f'.repeat(64)}`;

interface Want {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

function expected(w: Want) {
  const base = `${w.registry}/${w.repository}`;
  return w.digest
    ? { registry: w.registry, repository: w.repository, digest: w.digest, reference: w.digest, name: `${base}@${w.digest}` }
    : { registry: w.registry, repository: w.repository, tag: w.tag, reference: w.tag, name: `${base}:${w.tag}` };
}

const hub = (repository: string, tag = 'latest'): Want => ({ registry: 'docker.io', repository, tag });

const valid: Array<[string, Want]> = [
  // --- Docker Hub: familiar names, library/, index.docker.io (TestParseDockerRef, TestParseRepositoryInfo)
  ['busybox', hub('library/busybox')],
  ['busybox:latest', hub('library/busybox')],
  [`busybox@${D}`, { registry: 'docker.io', repository: 'library/busybox', digest: D }],
  ['library/busybox', hub('library/busybox')],
  ['docker.io/busybox', hub('library/busybox')],
  ['docker.io/library/busybox', hub('library/busybox')],
  ['docker.io/busybox:latest', hub('library/busybox')],
  ['library/busybox:latest', hub('library/busybox')],
  ['docker.io/library/busybox:latest', hub('library/busybox')],
  ['index.docker.io/busybox', hub('library/busybox')],
  ['index.docker.io/library/debian', hub('library/debian')],
  ['index.docker.io/fooo/bar', hub('fooo/bar')],
  ['index.docker.io/library/ubuntu-12.04-base', hub('library/ubuntu-12.04-base')],
  ['ubuntu-12.04-base', hub('library/ubuntu-12.04-base')],
  ['fooo/bar', hub('fooo/bar')],
  ['dmcgowan/myapp:latest', hub('dmcgowan/myapp')],
  ['docker.io/foo', hub('library/foo')],
  ['library/foo/bar', hub('library/foo/bar')],
  ['docker.io/library/foo/bar', hub('library/foo/bar')],
  ['store/foo/bar', hub('store/foo/bar')],
  ['other/library', hub('other/library')],
  ['rancher/rancher-agent:v2.13.0', hub('rancher/rancher-agent', 'v2.13.0')],
  ['docker.io/rancher/rancher-agent:v2.13.0', hub('rancher/rancher-agent', 'v2.13.0')],
  // a first component without "." or ":" and in lower case is not a registry
  ['test_com/foo', hub('test_com/foo')],
  ['docker/migrator', hub('docker/migrator')],
  ['foo/foo_bar.com:8080', hub('foo/foo_bar.com', '8080')],
  // one component only: always Docker Hub, even if it looks like a host (":" then starts a tag)
  ['localhost', hub('library/localhost')],
  ['localhost:5000', hub('library/localhost', '5000')],
  ['example.com', hub('library/example.com')],
  ['test.com:5000', hub('library/test.com', '5000')],
  ['test.com:tag', hub('library/test.com', 'tag')],
  ['test_com', hub('library/test_com')],
  ['foo_bar.com:8080', hub('library/foo_bar.com', '8080')],
  ['192.168.0.1', hub('library/192.168.0.1')],
  ['192.168.0.1:80', hub('library/192.168.0.1', '80')],
  ['lowercase:Uppercase', hub('library/lowercase', 'Uppercase')],
  // "sha256:<hex>" is a name plus tag here (ParseAnyReference would read it as a digest)
  [`sha256:${'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c'}`, hub('library/sha256', 'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c')],
  // 64 hex digits are an image ID, but not after a registry, and 63 are a name
  ['docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', hub('library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a')],
  ['dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9', hub('library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9')],
  ['thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', hub('library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev')],
  // separators (TestValidateRemoteName)
  ['docker-rules/docker', hub('docker-rules/docker')],
  ['docker---rules/docker', hub('docker---rules/docker')],
  ['dock__er/docker', hub('dock__er/docker')],
  ['d/docker', hub('d/docker')],
  ['jess/t', hub('jess/t')],

  // --- registry-1.docker.io is not normalised: it is another registry name, and gets no library/
  ['registry-1.docker.io/library/busybox', { registry: 'registry-1.docker.io', repository: 'library/busybox', tag: 'latest' }],
  ['registry-1.docker.io/busybox', { registry: 'registry-1.docker.io', repository: 'busybox', tag: 'latest' }],

  // --- other registries: ".", ":", localhost, or an upper-case letter make the first component a registry
  ['gcr.io/library/busybox', { registry: 'gcr.io', repository: 'library/busybox', tag: 'latest' }],
  [`gcr.io/library/busybox:latest@${D}`, { registry: 'gcr.io', repository: 'library/busybox', digest: D }],
  ['quay.io/prometheus/node-exporter:v1.8.0', { registry: 'quay.io', repository: 'prometheus/node-exporter', tag: 'v1.8.0' }],
  ['example.com/privatebase', { registry: 'example.com', repository: 'privatebase', tag: 'latest' }],
  ['example.com:8000/private/moonbase', { registry: 'example.com:8000', repository: 'private/moonbase', tag: 'latest' }],
  ['test-com:8080/foo', { registry: 'test-com:8080', repository: 'foo', tag: 'latest' }],
  ['xn--n3h.com:18080/foo', { registry: 'xn--n3h.com:18080', repository: 'foo', tag: 'latest' }],
  ['xn--n3h.com/myimage:xn--n3h.com', { registry: 'xn--n3h.com', repository: 'myimage', tag: 'xn--n3h.com' }],
  [`xn--7o8h.com/myimage:xn--7o8h.com@${F}`, { registry: 'xn--7o8h.com', repository: 'myimage', digest: F }],
  ['sub-dom1.foo.com/bar/baz/quux:some-long-tag', { registry: 'sub-dom1.foo.com', repository: 'bar/baz/quux', tag: 'some-long-tag' }],
  ['b.gcr.io/test.example.com/my-app:test.example.com', { registry: 'b.gcr.io', repository: 'test.example.com/my-app', tag: 'test.example.com' }],
  ['localhost/fooo', { registry: 'localhost', repository: 'fooo', tag: 'latest' }],
  ['localhost/fooo/bar', { registry: 'localhost', repository: 'fooo/bar', tag: 'latest' }],
  ['localhost/library/debian', { registry: 'localhost', repository: 'library/debian', tag: 'latest' }],
  ['localhost:5000/foo', { registry: 'localhost:5000', repository: 'foo', tag: 'latest' }],
  ['localhost:5000/team/app:1.0', { registry: 'localhost:5000', repository: 'team/app', tag: '1.0' }],
  ['LOCALDOMAIN/fooo', { registry: 'LOCALDOMAIN', repository: 'fooo', tag: 'latest' }],
  ['LOCALDOMAIN/library/debian', { registry: 'LOCALDOMAIN', repository: 'library/debian', tag: 'latest' }],
  ['Foo/bar', { registry: 'Foo', repository: 'bar', tag: 'latest' }],
  ['FOO/bar', { registry: 'FOO', repository: 'bar', tag: 'latest' }],
  ['Docker/docker', { registry: 'Docker', repository: 'docker', tag: 'latest' }],
  // upstream FIXME: "Uppercase" is taken as a registry, so this parses
  ['Uppercase/lowercase:tag', { registry: 'Uppercase', repository: 'lowercase', tag: 'tag' }],
  ['127.0.0.1:8000/private/moonbase', { registry: '127.0.0.1:8000', repository: 'private/moonbase', tag: 'latest' }],
  ['127.0.0.1:5000/library/debian', { registry: '127.0.0.1:5000', repository: 'library/debian', tag: 'latest' }],
  ['192.168.0.1:8/debian', { registry: '192.168.0.1:8', repository: 'debian', tag: 'latest' }],
  ['192.168.1.1/repo', { registry: '192.168.1.1', repository: 'repo', tag: 'latest' }],
  ['192.168.1.1:5000/repo:5050', { registry: '192.168.1.1:5000', repository: 'repo', tag: '5050' }],
  ['test:5000/repo', { registry: 'test:5000', repository: 'repo', tag: 'latest' }],
  ['test:5000/repo:tag', { registry: 'test:5000', repository: 'repo', tag: 'tag' }],
  [`test:5000/repo@${F}`, { registry: 'test:5000', repository: 'repo', digest: F }],
  [`test:5000/repo:tag@${F}`, { registry: 'test:5000', repository: 'repo', digest: F }],
  // IPv6 literals in brackets
  ['[fc00::1]:5000/docker', { registry: '[fc00::1]:5000', repository: 'docker', tag: 'latest' }],
  ['[fc00::1]:5000/docker/docker', { registry: '[fc00::1]:5000', repository: 'docker/docker', tag: 'latest' }],
  ['[fc00:1:2:3:4:5:6:7]:5000/library/debian', { registry: '[fc00:1:2:3:4:5:6:7]:5000', repository: 'library/debian', tag: 'latest' }],
  ['[2001:db8::1]/repo', { registry: '[2001:db8::1]', repository: 'repo', tag: 'latest' }],
  ['[2001:db8:1:2:3:4:5:6]/repo:tag', { registry: '[2001:db8:1:2:3:4:5:6]', repository: 'repo', tag: 'tag' }],
  ['[2001:db8::]:5000/repo', { registry: '[2001:db8::]:5000', repository: 'repo', tag: 'latest' }],
  ['[::1]:5000/repo', { registry: '[::1]:5000', repository: 'repo', tag: 'latest' }],
  [`[2001:db8::1]:5000/repo:tag@${F}`, { registry: '[2001:db8::1]:5000', repository: 'repo', digest: F }],

  // --- tag and digest: the digest wins (TestParseReferenceWithTagAndDigest + ParseDockerRef)
  [
    'busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa',
    { registry: 'docker.io', repository: 'library/busybox', digest: 'sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa' },
  ],
  [`docker.io/library/busybox:1.36@${D}`, { registry: 'docker.io', repository: 'library/busybox', digest: D }],

  // --- lengths: a tag may have 128 characters; the 255 limit is on the path, without the registry (v0.6.0)
  [`busybox:${'a'.repeat(128)}`, hub('library/busybox', 'a'.repeat(128))],
  [`${'a/'.repeat(127)}a:tag-puts-this-over-max`, hub(`${'a/'.repeat(127)}a`, 'tag-puts-this-over-max')],
  [`example.com/${'a'.repeat(255)}:tag`, { registry: 'example.com', repository: 'a'.repeat(255), tag: 'tag' }],
  [`${'a'.repeat(247)}`, hub(`library/${'a'.repeat(247)}`)],
];

const invalid: Array<[string, string]> = [
  ['', 'empty'],
  [':justtag', 'tag only'],
  [`@${F}`, 'digest only'],
  ['1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', '64 hex digits (an image ID)'],
  // upper case in the repository
  ['Uppercase:tag', 'upper-case one-component name'],
  ['docker/Docker', 'upper-case repository component'],
  ['docker.io/docker/Docker', 'upper-case repository component after docker.io'],
  ['test:5000/Uppercase/lowercase:tag', 'upper-case repository component after a registry'],
  // bad digests
  ['repo@sha256:ffffffffffffffffffffffffffffffffff', 'sha256 digest too short'],
  [`busybox@sha256:${'f'.repeat(63)}`, 'sha256 digest of 63 hex digits'],
  [`busybox@sha256:${'F'.repeat(64)}`, 'sha256 digest in upper-case hex'],
  [`validname@invaliddigest:${'f'.repeat(64)}`, 'unknown digest algorithm'],
  ['busybox@sha256', 'digest without hex'],
  // bad tags
  ['busybox:-foo', 'tag starting with -'],
  ['busybox:.foo', 'tag starting with .'],
  [`busybox:${'a'.repeat(129)}`, 'tag of 129 characters'],
  ['busybox:', 'empty tag'],
  // bad names
  ['https://github.com/docker/docker', 'URL'],
  ['-docker', 'leading hyphen'],
  ['-docker/docker', 'leading hyphen in namespace'],
  ['docker-/docker', 'trailing hyphen in namespace'],
  ['-docker-/docker', 'hyphens around namespace'],
  ['-docker.io/docker/docker', 'registry with leading hyphen'],
  ['____/____', 'underscores only'],
  ['_docker/_docker', 'leading underscores'],
  ['dock..er/docker', 'two periods'],
  ['dock_.er/docker', 'underscore and period'],
  ['dock-.er/docker', 'hyphen and period'],
  ['docker/', 'no repository after the slash'],
  ['docker///docker', 'empty components'],
  ['docker.io/docker///docker', 'empty components after docker.io'],
  ['aa/asdf$$^/aa', 'invalid characters'],
  ['busy box', 'white space'],
  // IPv6 without a path, without brackets, with a zone or an embedded IPv4
  ['[2001:db8::1]', 'bare IPv6 literal'],
  ['[2001:db8::1]:5000', 'bare IPv6 literal with port'],
  ['[2001:db8::1]:tag', 'bare IPv6 literal with tag'],
  ['[fc00::1]', 'bare IPv6 literal (fc00)'],
  ['[fc00::1]:5000', 'bare IPv6 literal with port (fc00)'],
  ['fc00::1:5000/debian', 'IPv6 without brackets'],
  ['[fe80::1%eth0]:5000/repo', 'IPv6 with zone'],
  ['[fe80::1%@invalidzone]:5000/repo', 'IPv6 with invalid zone'],
  ['[2001:db8:3:4::192.0.2.33]:5000/debian', 'IPv6 with embedded IPv4'],
  // too long: the path (with library/ for Docker Hub) over 255 characters
  [`domain/${'a'.repeat(256)}:tag`, 'path of 263 characters on Docker Hub'],
  [`example.com/${'a'.repeat(256)}`, 'path of 256 characters'],
  [`${'a'.repeat(248)}`, 'one component that becomes library/ + 248 = 256 characters'],
  [
    'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255/docker',
    'namespace too long',
  ],
];

describe('parseReference: valid references (ParseDockerRef)', () => {
  for (const [input, want] of valid) {
    it(input.length > 80 ? `${input.slice(0, 77)}… (${input.length} chars)` : input, () => {
      const r = parseReference(input);
      expect(r.ok, r.ok ? '' : (r as { error: string }).error).toBe(true);
      if (r.ok) expect(r.ref).toEqual(expected(want));
    });
  }
});

describe('parseReference: invalid references are errors, not guesses', () => {
  for (const [input, why] of invalid) {
    it(`${why}: ${input.length > 60 ? `${input.slice(0, 57)}…` : JSON.stringify(input)}`, () => {
      const r = parseReference(input);
      expect(r.ok, r.ok ? JSON.stringify(r.ref) : '').toBe(false);
      if (!r.ok) expect(r.error).toMatch(/\S/);
    });
  }
});

describe('parseReference: ImageRef shape', () => {
  it('a tag reference has no digest', () => {
    const r = parseReference('nginx:1.27');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.ref.digest).toBeUndefined();
      expect(r.ref.reference).toBe('1.27');
    }
  });
  it('a tag-and-digest reference drops the tag', () => {
    const r = parseReference(`nginx:1.27@${D}`);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.ref.tag).toBeUndefined();
      expect(r.ref.reference).toBe(D);
      expect(r.ref.name).toBe(`docker.io/library/nginx@${D}`);
    }
  });
});

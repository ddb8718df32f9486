// Hand-written edge cases. Each one runs exactly like a generated configuration
// (engine route vs real ctr). `expect` additionally pins what ctr 1.6 itself does
// for the case – the things only a real parser shows – so a change of oracle or a
// rendering that is not K3s' own (e.g. escaping rewrite patterns) is noticed.
import { image, DIGESTS } from './generator.mjs';

const D = DIGESTS[0];
const hub = (repo, ref = 'latest') => `https://registry-1.docker.io/v2/${repo}/manifests/${ref}`;

export function handCases(pki) {
  const tlsAll = { ca_file: pki.ca, cert_file: pki.cert, key_file: pki.key };
  const cases = [];
  const add = (id, why, registries, opts = {}) => cases.push({
    id: `h-${id}`, why, registries, flags: opts.flags || {},
    images: (opts.images || ['nginx:1.25']).map((i) => (typeof i === 'string' ? image(i) : i)),
    expect: opts.expect || [],
    // settings registry-route hosts-dir refuses to write (the suite checks the refusal)
    hostsDirRefuses: opts.hostsDirRefuses,
  });

  // ---- TOML only a real parser can judge (rewrite patterns are written unescaped)
  const broken = (id, pattern, repl, decodeError, why) => add(id, why,
    { mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'], rewrite: { [pattern]: repl } } } },
    {
      images: ['nginx:1.25', `library/busybox@${D}`],
      expect: [{
        input: 'nginx:1.25', decodeError,
        urls: decodeError ? [hub('library/nginx', '1.25')]
          : ['https://mirror.example.com/v2/library/nginx/manifests/1.25?ns=docker.io', hub('library/nginx', '1.25')],
      }],
    });
  broken('rewrite-backslash-d', '^lib\\d+/(.*)', 'x/$1', true, '\\d is no TOML escape: file ignored, default host only');
  broken('rewrite-quote', '"quoted"(.*)', 'x/$1', true, 'a " ends the TOML string: file ignored');
  broken('rewrite-slash-escape', '^library\\/(.*)', 'x/$1', false, '\\/ is accepted by go-toml v1 (not by TOML 1.0 parsers)');
  broken('rewrite-hex-escape', '^\\x41(.*)', 'x/$1', true, '\\x is TOML 1.1 only: go-toml v1 rejects it');
  broken('rewrite-esc-e', '^a\\e(.*)', 'x/$1', true, '\\e is TOML 1.1 only: go-toml v1 rejects it');
  broken('rewrite-backspace', '^a\\bb(.*)', 'x/$1', false, '\\b is a valid TOML escape');
  broken('rewrite-unicode', '^\\u0041(.*)', 'x/$1', false, '\\u0041 is a valid TOML escape');
  broken('rewrite-double-backslash', '^a\\\\b', 'x', false, '\\\\ is a valid TOML escape');
  broken('rewrite-newline', 'a\nb', 'x', false, 'a raw newline in a quoted key: go-toml v1 accepts it');
  broken('replacement-newline', '(.*)', 'x\n$1', true, 'a raw newline in a string value: rejected');
  broken('rewrite-tab', 'a\tb', 'x', false, 'a raw tab is allowed in a basic string');
  broken('rewrite-control', 'a\u0001b', 'x', true, 'a raw control character is not allowed');
  broken('replacement-backslash', '(.*)', 'x\\$1', true, 'the replacement is written unescaped too: \\$ is invalid');
  broken('replacement-quote', '(.*)', 'x"$1', true, 'a " in the replacement');
  add('rewrite-dup-after-unescape', 'two patterns that are one key once \\/ is unescaped: "defined twice", file ignored',
    { mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'], rewrite: { '^library/(.*)': 'a/$1', '^library\\/(.*)': 'b/$1' } } } },
    { images: ['nginx:1.25'], expect: [{ input: 'nginx:1.25', decodeError: true, urls: [hub('library/nginx', '1.25')] }] });
  add('rewrite-broken-wildcard', 'a broken `*` file: every registry without its own directory falls back to its default host',
    {
      mirrors: {
        '*': { endpoint: ['https://star.example.com'], rewrite: { '^a\\d': 'b' } },
        'quay.io': { endpoint: ['https://q.example.com'] },
      },
    },
    {
      images: ['ghcr.io/org/app:1', 'quay.io/org/app:1', 'nginx:1.25'],
      expect: [
        { input: 'ghcr.io/org/app:1', dir: '_default', decodeError: true, urls: ['https://ghcr.io/v2/org/app/manifests/1'] },
        { input: 'quay.io/org/app:1', dir: 'quay.io', decodeError: false },
      ],
    });

  // ---- IPv6 literals (section 6a)
  add('ipv6-endpoint', 'ctr 1.6 rejects a quoted table key holding an IPv6 literal',
    { mirrors: { 'docker.io': { endpoint: ['http://[::1]:5000', 'https://mirror.example.com'] } } },
    { images: ['nginx:1.25'], expect: [{ input: 'nginx:1.25', decodeError: true, urls: [hub('library/nginx', '1.25')] }] });
  add('ipv6-endpoint-wildcard', 'IPv6 endpoint under `*`',
    { mirrors: { '*': { endpoint: ['https://[fd00::5]:8443/v2'] } } },
    { images: ['quay.io/a/b:1', 'nginx'] });
  add('ipv6-mirror-key', 'an IPv6 registry as the mirror key (server value, not a table key)',
    { mirrors: { '[::1]:5000': { endpoint: ['https://mirror.example.com'] } } },
    { images: ['[::1]:5000/app:1', `[::1]:5000/app@${D}`] });

  // ---- which directory
  add('default-vs-own-dir', 'a registry\'s own directory hides _default completely',
    { mirrors: { '*': { endpoint: ['https://star.example.com'] }, 'quay.io': { endpoint: ['https://q.example.com'] } } },
    {
      images: ['quay.io/org/app:1', 'ghcr.io/org/app:1', 'nginx:1.25', 'localhost:5000/app:1'],
      expect: [
        { input: 'quay.io/org/app:1', dir: 'quay.io', urls: ['https://q.example.com/v2/org/app/manifests/1?ns=quay.io', 'https://quay.io/v2/org/app/manifests/1'] },
        { input: 'ghcr.io/org/app:1', dir: '_default', urls: ['https://star.example.com/v2/org/app/manifests/1?ns=ghcr.io', 'https://ghcr.io/v2/org/app/manifests/1'] },
      ],
    });
  add('empty-mirror-no-file', 'a mirror key with no endpoints and no auth/TLS writes no file, so `*` applies',
    { mirrors: { '*': { endpoint: ['https://star.example.com'] }, 'quay.io': { endpoint: [] } } },
    { images: ['quay.io/org/app:1'], expect: [{ input: 'quay.io/org/app:1', dir: '_default' }] });
  add('empty-mirror-with-tls', 'the same key with a TLS config writes a file that hides `*`',
    { mirrors: { '*': { endpoint: ['https://star.example.com'] }, 'quay.io': { endpoint: [] } }, configs: { 'quay.io': { tls: tlsAll } } },
    { images: ['quay.io/org/app:1'], expect: [{ input: 'quay.io/org/app:1', dir: 'quay.io', urls: ['https://quay.io/v2/org/app/manifests/1'] }] });
  add('host-port-dirs', '`host_port_` is looked up before `host:port`',
    {
      mirrors: {
        'reg.example.com:5000': { endpoint: ['https://colon.example.com'] },
        'reg.example.com_5000_': { endpoint: ['https://underscore.example.com'] },
        'reg.example.com': { endpoint: ['https://plain.example.com'] },
      },
    },
    {
      images: ['reg.example.com:5000/app:1', 'reg.example.com/app:1', 'reg.example.com:443/app:1'],
      expect: [{ input: 'reg.example.com:5000/app:1', dir: 'reg.example.com_5000_' }],
    });
  add('port-key-only', 'a key with a port does not match the registry without it, and vice versa',
    { mirrors: { 'reg.example.com:5000': { endpoint: ['https://m.example.com'] } } },
    { images: ['reg.example.com/app:1', 'reg.example.com:5000/app:1', 'reg.example.com:5001/app:1'] });
  add('docker-hub-aliases', 'mirror keys registry-1.docker.io and index.docker.io never match docker.io images',
    { mirrors: { 'registry-1.docker.io': { endpoint: ['https://m1.example.com'] }, 'index.docker.io': { endpoint: ['https://m2.example.com'] } } },
    { images: ['nginx', 'index.docker.io/library/nginx:1', 'docker.io/team/app:2'] });
  add('uppercase-key', 'an upper-case registry host is looked up as written',
    { mirrors: { 'Reg.Example.com': { endpoint: ['https://mirror.example.com'] } } },
    { images: ['Reg.Example.com/app:1', 'reg.example.com/app:1'] });

  // ---- localhost defaults
  const locals = ['localhost/app:1', 'localhost:5000/app:1', 'localhost:443/app:1', 'localhost:80/app:1',
    '127.0.0.1:5000/app:1', '127.0.0.1/app:1', '[::1]:5000/app:1', '127.0.0.2:5000/app:1'];
  add('localhost-implicit', 'no directory: the implicit default of ctr 1.6 is always http for localhost',
    {}, {
      images: locals,
      expect: [
        { input: 'localhost/app:1', dir: null, urls: ['http://localhost/v2/app/manifests/1'] },
        { input: 'localhost:443/app:1', dir: null, urls: ['http://localhost:443/v2/app/manifests/1'] },
      ],
    });
  add('localhost-wildcard', 'a `*` file with server = "": the empty server is filled in per registry',
    { mirrors: { '*': { endpoint: ['https://star.example.com'] } } }, { images: locals });
  add('localhost-keys', 'localhost mirror keys: the server comes from the key',
    {
      mirrors: {
        localhost: { endpoint: ['https://mirror.example.com'] },
        'localhost:5000': { endpoint: ['mirror.example.com'] },
        'localhost:443': { endpoint: ['localhost:443'] },
        '127.0.0.1:5000': { endpoint: ['127.0.0.1:5000', 'localhost:5001'] },
      },
    }, { images: locals });
  add('localhost-endpoints', 'scheme-less localhost/loopback endpoints: http only with a port other than 443',
    { mirrors: { 'docker.io': { endpoint: ['localhost', 'localhost:5000', 'localhost:443', '127.0.0.1:80', '127.0.0.1', '10.0.0.1:5000', '[::1]'] } } },
    { images: ['nginx'] });

  // ---- endpoint spelling
  add('default-equal-last', 'a default-equal endpoint that is last replaces the server',
    { mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com', 'https://registry-1.docker.io'] } } },
    { images: ['nginx', `nginx@${D}`] });
  add('default-equal-first', 'a default-equal endpoint that is not last is tried twice',
    { mirrors: { 'docker.io': { endpoint: ['registry-1.docker.io', 'https://mirror.example.com'] } } },
    { images: ['nginx', `nginx@${D}`] });
  add('default-equal-quay', 'the same for another registry, with the /v2 spelling',
    { mirrors: { 'quay.io': { endpoint: ['https://quay.io/v2', 'https://m.example.com', 'quay.io'] } } },
    { images: ['quay.io/org/app:1'] });
  add('dup-endpoints', 'duplicates after normalisation: first wins',
    { mirrors: { 'docker.io': { endpoint: ['mirror.example.com', 'https://mirror.example.com', 'https://mirror.example.com/v2', 'https://mirror.example.com/', 'https://mirror.example.com/v2/', 'https://mirror.example.com:443', 'http://mirror.example.com'] } } },
    { images: ['nginx', `team/app@${D}`] });
  add('paths', 'override paths and /v2 spellings',
    { mirrors: { 'docker.io': { endpoint: ['https://a.example.com/prefix', 'https://b.example.com/v2', 'https://c.example.com/', 'https://d.example.com/a/b/', 'https://e.example.com/prefix/v2', 'https://f.example.com/V2', 'https://g.example.com//v2'] } } },
    { images: ['nginx', `library/busybox:1@${D}`] });
  // hosts.toml would carry the query or password in clear text: hosts-dir writes nothing
  // and names the field (how containerd reads such URLs: test/unit/containerd-dialect.test.ts)
  add('url-oddities', 'query, fragment and user info in an endpoint: hosts-dir refuses, naming the field',
    { mirrors: { 'docker.io': { endpoint: ['https://a.example.com/p?x=1', 'https://b.example.com/q#frag', 'https://user:pw@c.example.com', 'https://d.example.com'] } } },
    { images: ['nginx'], hostsDirRefuses: /mirrors\.docker\.io\.endpoint\[0\] has a query or fragment.*nothing was written/ });
  add('invalid-endpoints', 'unparsable endpoints are skipped',
    { mirrors: { 'docker.io': { endpoint: ['https://exa mple.com', 'http://[::1', 'https://ok.example.com', '://nohost', 'https://%zz', 'https://'] } } },
    { images: ['nginx'] });
  add('many-endpoints', 'ten mirrors in order',
    { mirrors: { 'docker.io': { endpoint: Array.from({ length: 10 }, (_, i) => `https://m${i}.example.com${i % 3 ? '' : '/p'}`) } } },
    { images: ['nginx', `nginx@${D}`] });
  add('ns-param', 'the ns query is left off only when the host is the registry itself',
    { mirrors: { 'docker.io': { endpoint: ['https://docker.io', 'https://index.docker.io', 'https://registry-1.docker.io:443', 'https://mirror.example.com'] }, 'quay.io': { endpoint: ['http://quay.io', 'https://quay.io:443', 'https://m.example.com'] } } },
    { images: ['nginx', 'quay.io/org/app:1'] });

  // ---- TLS and configs
  add('http-with-tls', 'ctr 1.6 tries an http host with TLS settings over plain http only',
    { mirrors: { 'docker.io': { endpoint: ['http://mirror.example.com', 'http://mirror2.example.com:8080', 'https://mirror3.example.com'] } }, configs: { 'mirror.example.com': { tls: tlsAll }, 'mirror2.example.com:8080': { tls: { insecure_skip_verify: true } }, 'mirror3.example.com': { tls: { ca_file: pki.ca } } } },
    { images: ['nginx'] });
  add('configs-only', 'configs without mirrors: files with a server and TLS only',
    { configs: { 'quay.io': { tls: tlsAll }, 'docker.io': { auth: { username: 'u', password: 'p' } }, 'reg.example.com:5000': { tls: { insecure_skip_verify: true } } } },
    { images: ['quay.io/org/app:1', 'nginx', 'reg.example.com:5000/app:1'] });
  add('configs-wildcard', 'configs["*"] TLS with and without a `*` mirror',
    { mirrors: { '*': { endpoint: ['https://star.example.com'] } }, configs: { '*': { tls: tlsAll }, 'star.example.com': { tls: { ca_file: pki.ca2 } } } },
    { images: ['quay.io/org/app:1', 'nginx'] });
  add('configs-wildcard-only', 'configs["*"] alone',
    { configs: { '*': { tls: tlsAll } } }, { images: ['quay.io/org/app:1', 'nginx'] });

  // ---- flags
  add('disable-default', 'upstream always appends the root host, whatever disable-default did to the file',
    { mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'] }, '*': { endpoint: ['https://star.example.com'] }, 'quay.io': {} } },
    { flags: { disableDefault: true }, images: ['nginx', 'quay.io/org/app:1', 'ghcr.io/org/app:1'] });
  add('disable-default-configs', 'disable-default with the key also in configs',
    { mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'] } }, configs: { 'docker.io': { tls: { insecure_skip_verify: true } } } },
    { flags: { disableDefault: true }, images: ['nginx'] });
  for (const version of ['v1.33.1+rke2r1', 'v1.33.1+k3s1']) {
    add(`embedded-${version.includes('k3s') ? 'k3s' : 'rke2'}`, 'embedded registry: loopback endpoint prepended to every mirror',
      { mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'] }, '*': {}, 'localhost:5000': { endpoint: ['https://m.example.com'] }, 'quay.io': { rewrite: { '^(.*)': 'x/$1' } } } },
      { flags: { embedded: true, version }, images: ['nginx', `nginx@${D}`, 'quay.io/org/app:1', 'ghcr.io/org/app:1', 'localhost:5000/app:1'] });
  }
  add('sdr-system', 'system-default-registry renames system images only',
    { mirrors: { 'docker.io': { endpoint: ['https://hub-mirror.example.com'] }, 'registry.example.com': { endpoint: ['https://sdr-mirror.example.com'] } } },
    {
      flags: { sdr: 'registry.example.com', context: 'system' },
      images: [{ ...image('registry.example.com/rancher/rancher-agent:v2.13.0'), input: 'rancher/rancher-agent:v2.13.0' }],
    });
  add('sdr-workload', 'a workload image is never renamed',
    { mirrors: { 'docker.io': { endpoint: ['https://hub-mirror.example.com'] }, 'registry.example.com': { endpoint: ['https://sdr-mirror.example.com'] } } },
    { flags: { sdr: 'registry.example.com', context: 'workload' }, images: ['rancher/rancher-agent:v2.13.0', 'gitea/gitea:1.22'] });
  add('rewrites-ignored', 'upstream never applies rewrite tables',
    { mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'], rewrite: { '^library/(.*)': 'mirrored/$1', '(.*)': 'all/$1' } }, '*': { endpoint: ['https://star.example.com'], rewrite: { '^org/(.*)': 'x/$1' } } } },
    { images: ['nginx', 'quay.io/org/app:1', `nginx:1@${D}`] });
  add('digest-and-tag', 'a tag and a digest: the digest is used',
    { mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'] } } },
    { images: [`nginx:1.25@${D}`, `quay.io/org/app:1@${D}`] });
  return cases;
}

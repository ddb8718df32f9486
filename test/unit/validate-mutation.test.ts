// The findings of the validation stage (src/route/validate.ts), whole: code, severity,
// field path, message, fix, params and variant, as the tab and the CLI show them. Each
// expected value is written out by hand from the input and the meaning of the code
// (src/route/finding-codes.ts, docs/route-semantics.md: what K3s renders and containerd
// reads), not read back from the engine. Only validate's own findings are compared: the
// findings of the input stage (settingsFromNodeValue) are left out.
import { describe, expect, it } from 'vitest';
import { checkRegistryKey, compile, compilePattern, patternProblem, settingsFromNodeValue, type Finding, type RouteSettings, type Surface } from '../../src';

const M = 'https://m.example.com';

/** validate's findings for a node registries.yaml value. */
function run(value: unknown, base: Partial<RouteSettings> = {}, surface?: Surface): Finding[] {
  const { settings } = settingsFromNodeValue(value, base);
  return compile({ ...settings, ...base, registries: settings.registries }, [], { surface }).findings;
}
const byCode = (list: Finding[], code: string) => list.filter((x) => x.code === code);
const codesOf = (list: Finding[]) => list.map((x) => x.code);
/** The findings of the endpoints of one mirror key. */
const endpointFindings = (endpoint: string[], surface?: Surface) => run({ mirrors: { 'r.example.com': { endpoint } } }, {}, surface).filter((x) => x.path[2] === 'endpoint');

describe('checkRegistryKey: a registry host as images name it', () => {
  const P = {
    empty: 'is empty',
    tooLong: 'is longer than a host name can be',
    whitespace: 'contains white space',
    path: 'has a path; keys are registry hosts as images name them',
    invalid: 'is not a valid host[:port]',
    port: 'has a port outside 1-65535',
  };
  it.each([
    ['*', undefined],
    ['', P.empty],
    ['   ', P.empty],
    ['registry.example.com:5000', undefined],
    // a DNS name is at most 253 characters; with :65535 a key may be 259 long
    ['a'.repeat(259), undefined],
    ['a'.repeat(260), P.tooLong],
    ['reg istry.example.com', P.whitespace],
    ['registry.example.com/team', P.path],
    ['registry.example.com:65535', undefined],
    ['registry.example.com:65536', P.port],
    ['registry.example.com:0', P.port],
    // the port is the digits after the last colon: an IPv6 literal's colons are no port
    ['[::1]:0', P.port],
    ['[::1]:5000', undefined],
  ])('%j → %s', (key, problem) => {
    expect(checkRegistryKey(key)).toBe(problem);
  });
});

describe('patternProblem: why a rewrite pattern is not Go RE2', () => {
  it('a valid RE2 pattern has no problem', () => {
    expect(patternProblem('^library/(.*)$')).toBeUndefined();
  });

  it('look-ahead and look-behind: the compile error, then a hint that Go has none', () => {
    for (const p of ['^(?=lib)(.*)$', '^(?!lib)(.*)$', '(?<=a)b']) {
      const c = compilePattern(p);
      expect(c.ok).toBe(false);
      expect(patternProblem(p)).toBe(`${c.ok ? '' : c.error} (Go regular expressions have no look-ahead or look-behind)`);
    }
  });

  it('a back-reference: the compile error, then a hint that Go has none', () => {
    const c = compilePattern('^(a+)\\1$');
    expect(c.ok).toBe(false);
    expect(patternProblem('^(a+)\\1$')).toBe(`${c.ok ? '' : c.error} (Go regular expressions have no back-references)`);
  });

  it('any other syntax error: the compile error alone, no hint', () => {
    const c = compilePattern('^library/(.*$');
    expect(c.ok).toBe(false);
    expect(patternProblem('^library/(.*$')).toBe(c.ok ? '' : c.error);
    expect(patternProblem('^library/(.*$')).not.toMatch(/Go regular expressions/);
  });
});

describe('endpoint findings', () => {
  it('a clean configuration has no findings at all', () => {
    expect(run({ mirrors: { 'docker.io': { endpoint: [M, 'https://m2.example.com:5000/v2'] } } })).toEqual([]);
  });

  it('an empty or blank endpoint: ENDPOINT_INVALID, the fix worded for the form in the tab and for the file in the CLI', () => {
    const tab = { code: 'ENDPOINT_INVALID', severity: 'error', message: 'The endpoint is empty; the node ignores it', fix: 'Enter a URL such as https://mirror.example.com, or remove the row.', variant: 'empty' };
    const cli = { ...tab, fix: 'Give a URL such as https://mirror.example.com, or remove the empty entry from the list.', variant: 'empty.cli' };
    expect(endpointFindings(['', '  '])).toEqual([
      { ...tab, path: ['mirrors', 'r.example.com', 'endpoint', 0] },
      { ...tab, path: ['mirrors', 'r.example.com', 'endpoint', 1] },
    ]);
    expect(endpointFindings(['  '], 'cli')).toEqual([{ ...cli, path: ['mirrors', 'r.example.com', 'endpoint', 0] }]);
  });

  it.each([
    [`${M} `],
    [' https://m.example.com'],
    ['https://m.exa mple.com'],
  ])('white space in %j: ENDPOINT_INVALID naming it, fix: remove the spaces', (raw) => {
    expect(endpointFindings([raw])).toEqual([
      { code: 'ENDPOINT_INVALID', severity: 'error', path: ['mirrors', 'r.example.com', 'endpoint', 0], message: `"${raw}" contains white space; the node ignores this endpoint`, fix: 'Remove the spaces.', params: { shown: raw }, variant: 'whitespace' },
    ]);
  });

  it("a URL Go cannot parse: ENDPOINT_INVALID with Go's reason (missing ']' in host)", () => {
    expect(endpointFindings(['https://[::1'])).toEqual([
      {
        code: 'ENDPOINT_INVALID',
        severity: 'error',
        path: ['mirrors', 'r.example.com', 'endpoint', 0],
        message: "\"https://[::1\" is not a valid URL (missing ']' in host); the node ignores this endpoint",
        fix: 'Use scheme://host[:port][/path], e.g. https://mirror.example.com:5000.',
        params: { shown: 'https://[::1', error: "missing ']' in host" },
        variant: 'url',
      },
    ]);
  });

  it('a scheme other than http/https: ENDPOINT_SCHEME naming the scheme', () => {
    expect(endpointFindings(['ftp://m.example.com'])).toEqual([
      { code: 'ENDPOINT_SCHEME', severity: 'error', path: ['mirrors', 'r.example.com', 'endpoint', 0], message: '"ftp://m.example.com" uses scheme ftp:; containerd only speaks http and https', fix: 'Use https:// (or http:// for a plain-HTTP registry).', params: { shown: 'ftp://m.example.com', scheme: 'ftp' } },
    ]);
  });

  const portFinding = (raw: string, port: string) => ({
    code: 'ENDPOINT_INVALID',
    severity: 'error',
    path: ['mirrors', 'r.example.com', 'endpoint', 0],
    message: `"${raw}" has port ${port}, outside 1-65535: containerd cannot dial it`,
    fix: 'Use the port the registry listens on, e.g. :5000, or none for 443.',
    params: { shown: raw, port },
    variant: 'port',
  });

  it.each([
    ['https://m.example.com:0', '0'],
    ['https://m.example.com:65536', '65536'],
    // six digits are no port, even with leading zeros (a port has at most 5)
    ['https://m.example.com:000080', '000080'],
    // the message shows at most 12 digits
    ['https://m.example.com:12345678901234567', '123456789012'],
    // the port of an IPv6 literal is after the bracket, not the digits inside it
    ['https://[::1]:0', '0'],
  ])('port out of range in %s: ENDPOINT_INVALID naming port %s', (raw, port) => {
    expect(endpointFindings([raw])).toEqual([portFinding(raw, port)]);
  });

  it.each([['https://m.example.com:65535'], ['https://m.example.com:08080'], ['https://m.example.com:1']])('port in range in %s: no finding', (raw) => {
    expect(endpointFindings([raw])).toEqual([]);
  });

  it.each([['https://exa_mple.com'], ['https://']])('no valid host name in %j: ENDPOINT_INVALID (host)', (raw) => {
    expect(endpointFindings([raw])).toEqual([
      { code: 'ENDPOINT_INVALID', severity: 'error', path: ['mirrors', 'r.example.com', 'endpoint', 0], message: `"${raw}" has no valid host name`, fix: 'Use scheme://host[:port], e.g. https://mirror.example.com.', params: { shown: raw }, variant: 'host' },
    ]);
  });

  it('a query or a fragment: ENDPOINT_QUERY, containerd drops it (the query value is hidden: it may hold a token)', () => {
    for (const [raw, shown] of [['https://m.example.com/v2?token=s3cret', 'https://m.example.com/v2?xxxxx'], ['https://m.example.com/v2#x', 'https://m.example.com/v2#x']]) {
      expect(endpointFindings([raw])).toEqual([
        { code: 'ENDPOINT_QUERY', severity: 'warning', path: ['mirrors', 'r.example.com', 'endpoint', 0], message: `"${shown}" has a query or fragment; containerd builds its own request URLs and drops it`, fix: 'Remove the ?… or #… part.', params: { shown } },
      ]);
    }
  });

  it('no scheme on localhost:5000: K3s uses plain HTTP (ENDPOINT_NO_SCHEME, localhost variant), no ENDPOINT_HTTP', () => {
    expect(endpointFindings(['localhost:5000'])).toEqual([
      {
        code: 'ENDPOINT_NO_SCHEME',
        severity: 'warning',
        path: ['mirrors', 'r.example.com', 'endpoint', 0],
        message: '"localhost:5000" has no scheme: the node uses http://localhost:5000, as K3s assumes plain HTTP for localhost on a port other than 443',
        fix: 'Write http://localhost:5000 explicitly, or https://localhost:5000 if the registry serves TLS.',
        params: { shown: 'localhost:5000', host: 'localhost:5000' },
        variant: 'localhost',
      },
    ]);
  });

  it('no scheme on a registry host: K3s uses https (ENDPOINT_NO_SCHEME)', () => {
    expect(endpointFindings(['m.example.com:5000'])).toEqual([
      {
        code: 'ENDPOINT_NO_SCHEME',
        severity: 'warning',
        path: ['mirrors', 'r.example.com', 'endpoint', 0],
        message: '"m.example.com:5000" has no scheme: the node uses https://m.example.com:5000',
        fix: 'Write https://m.example.com:5000 explicitly, or http:// if the registry has no TLS.',
        params: { shown: 'm.example.com:5000', scheme: 'https', host: 'm.example.com:5000' },
      },
    ]);
  });

  it('a path of slashes only: override_path without /v2 (ENDPOINT_PATH_EMPTY_SEGMENT, root variant)', () => {
    expect(endpointFindings(['https://m.example.com//'])).toEqual([
      {
        code: 'ENDPOINT_PATH_EMPTY_SEGMENT',
        severity: 'warning',
        path: ['mirrors', 'r.example.com', 'endpoint', 0],
        message: '"https://m.example.com//" has only slashes as its path: the node keeps them and sets override_path, so containerd requests https://m.example.com/<repository>/manifests/<tag>, without /v2, and a registry answers 404',
        fix: 'Write https://m.example.com (no trailing slash): the node then requests https://m.example.com/v2/….',
        params: { shown: 'https://m.example.com//', request: 'https://m.example.com/<repository>/manifests/<tag>', base: 'https://m.example.com' },
        variant: 'root',
      },
    ]);
  });

  it('an empty segment inside a path: containerd cleans it and appends no /v2 (ENDPOINT_PATH_EMPTY_SEGMENT)', () => {
    for (const [raw, clean] of [['https://m.example.com/a//b', '/a/b'], ['https://m.example.com/v2//x', '/v2/x']]) {
      const base = `https://m.example.com${clean}`;
      const request = `${base}/<repository>/manifests/<tag>`;
      expect(endpointFindings([raw])).toEqual([
        {
          code: 'ENDPOINT_PATH_EMPTY_SEGMENT',
          severity: 'warning',
          path: ['mirrors', 'r.example.com', 'endpoint', 0],
          message: `"${raw}" has an empty path segment (//): the node keeps the path and sets override_path, so containerd requests ${request}, without /v2`,
          fix: `Write ${base}, and end the path with /v2 if the registry serves its API there.`,
          params: { shown: raw, request, base },
        },
      ]);
    }
  });

  it('an empty segment that cleans to /v2: containerd requests /v2/… as usual, no finding', () => {
    expect(byCode(endpointFindings(['https://m.example.com//v2']), 'ENDPOINT_PATH_EMPTY_SEGMENT')).toEqual([]);
  });

  it('plain HTTP off the node: ENDPOINT_HTTP', () => {
    expect(endpointFindings(['http://m.example.com'])).toEqual([
      { code: 'ENDPOINT_HTTP', severity: 'warning', path: ['mirrors', 'r.example.com', 'endpoint', 0], message: '"http://m.example.com" is plain HTTP: images and credentials cross the network unencrypted', fix: 'Use https:// with a CA bundle for the registry.', params: { shown: 'http://m.example.com' } },
    ]);
  });

  it('an endpoint over the URL length limit (2048): LIMIT_EXCEEDED naming both lengths, and nothing else about it', () => {
    const { settings } = settingsFromNodeValue({});
    const long = `https://m.example.com/${'a'.repeat(2049 - 'https://m.example.com/'.length)}`;
    const limit = `https://m.example.com/${'a'.repeat(2048 - 'https://m.example.com/'.length)}`;
    expect(long.length).toBe(2049);
    const findings = compile({ ...settings, registries: { mirrors: { 'r.example.com': { endpoints: [`${long} `, limit], rewrites: [] } }, configs: {} } }).findings;
    expect(findings).toEqual([
      { code: 'LIMIT_EXCEEDED', severity: 'error', path: ['mirrors', 'r.example.com', 'endpoint', 0], message: 'The endpoint is 2050 characters long; the most is 2048', fix: 'Shorten the URL.', params: { length: '2050', max: '2048' }, variant: 'endpointLength' },
    ]);
  });

  it('the same endpoint twice: ENDPOINT_DUPLICATE at the second, naming the first', () => {
    expect(endpointFindings([M, 'https://m.example.com/v2'])).toEqual([
      { code: 'ENDPOINT_DUPLICATE', severity: 'warning', path: ['mirrors', 'r.example.com', 'endpoint', 1], message: 'Same endpoint as endpoint[0] (https://m.example.com/v2); the node skips it', fix: 'Remove the duplicate.', params: { index: '0', url: 'https://m.example.com/v2' } },
    ]);
  });
  it("with the embedded registry, an endpoint at the supervisor's address defaults to https (K3s): a duplicate on K3s (6443), not on RKE2 (9345)", () => {
    const value = { mirrors: { 'ghcr.io': { endpoint: ['127.0.0.1:6443', 'https://127.0.0.1:6443'] } } };
    const dup = (distro: 'k3s' | 'rke2') => byCode(run(value, { embeddedRegistry: true, distro }), 'ENDPOINT_DUPLICATE');
    for (const round of [1, 2]) {
      expect(dup('k3s'), `round ${round}`).toEqual([
        { code: 'ENDPOINT_DUPLICATE', severity: 'warning', path: ['mirrors', 'ghcr.io', 'endpoint', 1], message: 'Same endpoint as endpoint[0] (https://127.0.0.1:6443/v2); the node skips it', fix: 'Remove the duplicate.', params: { index: '0', url: 'https://127.0.0.1:6443/v2' } },
      ]);
      expect(dup('rke2'), `round ${round}`).toEqual([]);
    }
  });
});

describe('rewrite findings', () => {
  const rw = (rewrite: Record<string, string>, endpoint = [M]) => run({ mirrors: { 'r.example.com': { endpoint, rewrite } } }).filter((x) => x.path[2] === 'rewrite');

  it('a syntax error without look-around or back-reference: REWRITE_INVALID with no hint', () => {
    const c = compilePattern('^library/(.*$');
    const error = c.ok ? '' : c.error;
    expect(rw({ '^library/(.*$': 'x/$1' })).toEqual([
      { code: 'REWRITE_INVALID', severity: 'error', path: ['mirrors', 'r.example.com', 'rewrite', '^library/(.*$'], message: `The pattern is not a valid Go (RE2) regular expression: ${error}`, fix: 'Rewrite the pattern in RE2 syntax, e.g. ^library/(.*)$.', params: { error, look: 'none' } },
    ]);
  });

  it('a look-ahead: REWRITE_INVALID with the look-around hint', () => {
    const c = compilePattern('^(?!lib)(.*)$');
    const error = c.ok ? '' : c.error;
    expect(rw({ '^(?!lib)(.*)$': 'x/$1' })).toEqual([
      { code: 'REWRITE_INVALID', severity: 'error', path: ['mirrors', 'r.example.com', 'rewrite', '^(?!lib)(.*)$'], message: `The pattern is not a valid Go (RE2) regular expression: ${error} (Go regular expressions have no look-ahead or look-behind)`, fix: 'Rewrite the pattern in RE2 syntax, e.g. ^library/(.*)$.', params: { error, look: 'lookaround' } },
    ]);
  });

  it('a back-reference: REWRITE_INVALID with the back-reference hint', () => {
    const c = compilePattern('^(a+)/\\1$');
    const error = c.ok ? '' : c.error;
    expect(rw({ '^(a+)/\\1$': 'x/$1' }).filter((x) => x.code === 'REWRITE_INVALID')).toEqual([
      { code: 'REWRITE_INVALID', severity: 'error', path: ['mirrors', 'r.example.com', 'rewrite', '^(a+)/\\1$'], message: `The pattern is not a valid Go (RE2) regular expression: ${error} (Go regular expressions have no back-references)`, fix: 'Rewrite the pattern in RE2 syntax, e.g. ^library/(.*)$.', params: { error, look: 'backref' } },
    ]);
  });

  const fix = 'Refer only to groups the pattern has ($1 is its first ( ) group), or add the group to the pattern.';
  it.each([
    ['^library/(.*)$', 'x/$2', '$2', 'The replacement uses $2, but the pattern has 1 group: it is replaced by nothing', 1],
    ['^library/app$', 'x/$1', '$1', 'The replacement uses $1, but the pattern has 0 groups: it is replaced by nothing', 0],
    ['^(a)/(b)$', 'x/$3', '$3', 'The replacement uses $3, but the pattern has 2 groups: it is replaced by nothing', 2],
  ])('%s → %s: REWRITE_GROUP_MISSING (number) counts the groups', (pattern, replacement, ref, message, groups) => {
    expect(rw({ [pattern]: replacement })).toEqual([
      { code: 'REWRITE_GROUP_MISSING', severity: 'error', path: ['mirrors', 'r.example.com', 'rewrite', pattern], message, fix, params: { ref, groups }, variant: 'number' },
    ]);
  });

  it('a group name the pattern lacks: REWRITE_GROUP_MISSING (named)', () => {
    expect(rw({ '^(?P<repo>.*)$': 'x/$name' })).toEqual([
      { code: 'REWRITE_GROUP_MISSING', severity: 'error', path: ['mirrors', 'r.example.com', 'rewrite', '^(?P<repo>.*)$'], message: 'The replacement uses $name, but the pattern has no group named name: it is replaced by nothing', fix, params: { ref: '$name', name: 'name' }, variant: 'named' },
    ]);
  });

  it('$0 (the whole match, Go Expand) and a group the pattern has are no findings', () => {
    expect(rw({ '^library/(.*)$': 'x/$0', '^(?P<repo>.*)$': 'x/$repo/$1' })).toEqual([]);
  });

  it('a control character in the replacement breaks the TOML string: REWRITE_BREAKS_TOML', () => {
    expect(codesOf(rw({ '^library/(.*)$': 'x/\t$1' }))).toEqual(['REWRITE_BREAKS_TOML']);
  });

  it('rewrites on a mirror without endpoints: REWRITE_WITHOUT_ENDPOINT at the rewrite map', () => {
    expect(rw({ '^library/(.*)$': 'x/$1' }, [])).toEqual([
      { code: 'REWRITE_WITHOUT_ENDPOINT', severity: 'warning', path: ['mirrors', 'r.example.com', 'rewrite'], message: 'Rewrites apply only to mirror endpoints; this mirror has none, so they do nothing', fix: 'Add an endpoint, or remove the rewrites.' },
    ]);
  });
});

describe('mirror key findings', () => {
  const keyFindings = (key: string, endpoint = [M]) => run({ mirrors: { [key]: { endpoint } } }).filter((x) => x.path.length === 2);

  it('an invalid key: MIRROR_KEY_INVALID naming the problem', () => {
    expect(keyFindings('registry.example.com/team')).toEqual([
      { code: 'MIRROR_KEY_INVALID', severity: 'error', path: ['mirrors', 'registry.example.com/team'], message: 'Mirror key "registry.example.com/team" has a path; keys are registry hosts as images name them; no image ever uses it', fix: 'Use the registry host as images name it: docker.io, registry.example.com:5000 or *.', params: { key: 'registry.example.com/team', problem: 'path' } },
    ]);
  });

  it.each([['registry-1.docker.io'], ['index.docker.io']])('%s: images say docker.io, MIRROR_KEY_NEVER_MATCHES (dockerHub)', (key) => {
    expect(keyFindings(key)).toEqual([
      { code: 'MIRROR_KEY_NEVER_MATCHES', severity: 'warning', path: ['mirrors', key], message: `Images never name "${key}": Docker Hub images are docker.io/…, so this mirror is never used`, fix: 'Rename the mirror key to docker.io.', params: { key }, variant: 'dockerHub' },
    ]);
  });

  it('a one-word lower-case key is a Docker Hub namespace: MIRROR_KEY_NEVER_MATCHES (namespace)', () => {
    expect(keyFindings('myregistry')).toEqual([
      {
        code: 'MIRROR_KEY_NEVER_MATCHES',
        severity: 'warning',
        path: ['mirrors', 'myregistry'],
        message: 'Images never name "myregistry" as a registry: in myregistry/app the first part is a Docker Hub namespace (docker.io/myregistry/app)',
        fix: "Use the registry's full host name, e.g. myregistry.example.com, or its host:port.",
        params: { key: 'myregistry' },
        variant: 'namespace',
      },
    ]);
  });

  it.each([['*'], ['localhost'], ['MyRegistry'], ['registry:5000'], ['docker.io']])('%s is a registry images can name: no key finding', (key) => {
    expect(keyFindings(key)).toEqual([]);
  });

  it("the registry's own address before other endpoints: ENDPOINT_DEFAULT_NOT_LAST", () => {
    expect(byCode(run({ mirrors: { 'r.example.com': { endpoint: ['https://r.example.com', M] } } }), 'ENDPOINT_DEFAULT_NOT_LAST')).toEqual([
      { code: 'ENDPOINT_DEFAULT_NOT_LAST', severity: 'warning', path: ['mirrors', 'r.example.com', 'endpoint', 0], message: "This is the registry's own address; it is only folded into the fallback when it is last, so here it is tried twice", fix: 'Move it to the end of the list, or remove it (the registry itself is the fallback anyway).' },
    ]);
  });

  it('an invalid key or * has no own address: no ENDPOINT_DEFAULT_NOT_LAST', () => {
    expect(byCode(run({ mirrors: { 'https://r.example.com': { endpoint: ['https://r.example.com', M] } } }), 'ENDPOINT_DEFAULT_NOT_LAST')).toEqual([]);
    expect(byCode(run({ mirrors: { '*': { endpoint: ['https://*', M] } } }), 'ENDPOINT_DEFAULT_NOT_LAST')).toEqual([]);
  });
});

describe('MIRROR_NO_ENDPOINTS and DISABLE_DEFAULT_NO_EFFECT', () => {
  const noEndpoints = (key: string, wildcard: 'yes' | 'no') => ({
    code: 'MIRROR_NO_ENDPOINTS',
    severity: 'info',
    path: ['mirrors', key],
    message: `"${key}" has no endpoints: no hosts.toml is written for it${wildcard === 'yes' ? ', so the * mirror applies to it' : ''}`,
    fix: 'Add an endpoint, or remove the mirror.',
    params: { key, wildcard },
  });

  it('a key with no endpoints writes no file: MIRROR_NO_ENDPOINTS, saying whether * then applies', () => {
    expect(byCode(run({ mirrors: { 'ghcr.io': { endpoint: [] } } }), 'MIRROR_NO_ENDPOINTS')).toEqual([noEndpoints('ghcr.io', 'no')]);
    expect(byCode(run({ mirrors: { 'ghcr.io': { endpoint: [] }, '*': { endpoint: [M] } } }), 'MIRROR_NO_ENDPOINTS')).toEqual([noEndpoints('ghcr.io', 'yes')]);
  });

  it('with the embedded registry an empty key enables Spegel for it: MIRROR_NO_ENDPOINTS (embedded), on both distros', () => {
    for (const distro of ['k3s', 'rke2'] as const) {
      expect(byCode(run({ mirrors: { 'ghcr.io': { endpoint: [] } } }, { embeddedRegistry: true, distro }), 'MIRROR_NO_ENDPOINTS')).toEqual([
        {
          code: 'MIRROR_NO_ENDPOINTS',
          severity: 'info',
          path: ['mirrors', 'ghcr.io'],
          message: '"ghcr.io" has no endpoints: with the embedded registry (Spegel) its hosts.toml tries the other nodes first, then ghcr.io itself',
          fix: 'Nothing to fix: this is how the embedded registry is enabled for a registry. Add an endpoint to try a mirror as well.',
          params: { key: 'ghcr.io' },
          variant: 'embedded',
        },
      ]);
    }
  });

  it('no MIRROR_NO_ENDPOINTS for a key with endpoints, a key with a config (it gets a file), or an empty *', () => {
    expect(byCode(run({ mirrors: { 'ghcr.io': { endpoint: [M] } } }), 'MIRROR_NO_ENDPOINTS')).toEqual([]);
    expect(byCode(run({ mirrors: { 'ghcr.io': { endpoint: [M] } } }, { embeddedRegistry: true }), 'MIRROR_NO_ENDPOINTS')).toEqual([]);
    expect(byCode(run({ mirrors: { 'ghcr.io': { endpoint: [] } }, configs: { 'ghcr.io': { tls: { insecure_skip_verify: true } } } }), 'MIRROR_NO_ENDPOINTS')).toEqual([]);
    expect(byCode(run({ mirrors: { 'ghcr.io': { endpoint: [] } }, configs: { 'ghcr.io': { tls: { insecure_skip_verify: true } } } }, { embeddedRegistry: true }), 'MIRROR_NO_ENDPOINTS')).toEqual([]);
    expect(byCode(run({ mirrors: { '*': { endpoint: [] } } }), 'MIRROR_NO_ENDPOINTS')).toEqual([]);
    expect(byCode(run({ mirrors: { '*': { endpoint: [] } } }, { embeddedRegistry: true }), 'MIRROR_NO_ENDPOINTS')).toEqual([]);
  });

  it('disable-default with a config on the key: DISABLE_DEFAULT_NO_EFFECT (config)', () => {
    expect(byCode(run({ mirrors: { 'ghcr.io': { endpoint: [M] } }, configs: { 'ghcr.io': { auth: { username: 'u', password: 'p' } } } }, { disableDefaultEndpoint: true }), 'DISABLE_DEFAULT_NO_EFFECT')).toEqual([
      { code: 'DISABLE_DEFAULT_NO_EFFECT', severity: 'warning', path: ['mirrors', 'ghcr.io'], message: 'disable-default-registry-endpoint has no effect here: "ghcr.io" also has a registry config, and then the node keeps the default endpoint', fix: 'Key the config by the endpoint host instead, or accept the fallback.', params: { key: 'ghcr.io' }, variant: 'config' },
    ]);
  });

  it('disable-default on a key with no valid endpoint: DISABLE_DEFAULT_NO_EFFECT (noEndpoint)', () => {
    expect(byCode(run({ mirrors: { 'ghcr.io': { endpoint: ['https://[::1'] } } }, { disableDefaultEndpoint: true }), 'DISABLE_DEFAULT_NO_EFFECT')).toEqual([
      { code: 'DISABLE_DEFAULT_NO_EFFECT', severity: 'warning', path: ['mirrors', 'ghcr.io'], message: 'disable-default-registry-endpoint has no effect here: "ghcr.io" has no valid endpoint', fix: 'Add an endpoint.', params: { key: 'ghcr.io' }, variant: 'noEndpoint' },
    ]);
  });

  it('no DISABLE_DEFAULT_NO_EFFECT without the flag, or on the legacy CRI releases (no hosts.toml, no flag)', () => {
    const value = { mirrors: { 'ghcr.io': { endpoint: [M] } }, configs: { 'ghcr.io': { auth: { username: 'u', password: 'p' } } } };
    expect(byCode(run(value), 'DISABLE_DEFAULT_NO_EFFECT')).toEqual([]);
    expect(byCode(run(value, { disableDefaultEndpoint: true, distro: 'rke2', version: 'v1.26.12+rke2r1' }), 'DISABLE_DEFAULT_NO_EFFECT')).toEqual([]);
  });
});

describe('system-default-registry and the * mirror', () => {
  it('an invalid system-default-registry: SDR_INVALID showing the value', () => {
    expect(byCode(run({}, { systemDefaultRegistry: 'https://registry.example.com' }), 'SDR_INVALID')).toEqual([
      expect.objectContaining({ code: 'SDR_INVALID', severity: 'error', path: ['systemDefaultRegistry'], message: expect.stringMatching(/^system-default-registry "https:\/\/registry\.example\.com" .+; system images would get names no registry serves$/), fix: 'Use host[:port] or host[:port]/path, e.g. registry.example.com:5000.', params: expect.objectContaining({ value: 'https://registry.example.com' }), variant: 'settings' }),
    ]);
  });

  const noFallback = (version: string) => ({
    code: 'WILDCARD_NO_FALLBACK',
    severity: 'warning',
    path: ['mirrors', '*'],
    message: `On ${version} a * mirror has no fallback to the upstream registry: when the mirror lacks an image, the pull fails (k3s-io/k3s#11857, rancher/rke2#7827)`,
    fix: 'Upgrade to v1.31.7 / v1.32.3 or later, or list each registry as its own mirror key, or make the mirror serve every image.',
    params: { hasVersion: 'yes', version, fixed: 'v1.31.7 / v1.32.3 or later' },
    variant: 'settings',
  });

  it.each([['v1.32.2+k3s1', 'k3s'], ['v1.31.6+rke2r1', 'rke2']] as const)('a * mirror on %s: WILDCARD_NO_FALLBACK naming the release and the fixed ones', (version, distro) => {
    expect(byCode(run({ mirrors: { '*': { endpoint: [M] } } }, { version, distro }), 'WILDCARD_NO_FALLBACK')).toEqual([noFallback(version)]);
    // one valid endpoint is enough: containerd uses it, and then never falls back
    expect(byCode(run({ mirrors: { '*': { endpoint: ['https://[::1', M] } } }, { version, distro }), 'WILDCARD_NO_FALLBACK')).toEqual([noFallback(version)]);
  });
});

describe('config findings', () => {
  it('a config key with a scheme: CONFIG_KEY_INVALID with the host[:port] to key it by', () => {
    expect(byCode(run({ configs: { 'https://r.example.com:5000': { tls: { insecure_skip_verify: true } } } }), 'CONFIG_KEY_INVALID')).toEqual([
      {
        code: 'CONFIG_KEY_INVALID',
        severity: 'error',
        path: ['configs', 'https://r.example.com:5000'],
        message: 'Config key "https://r.example.com:5000" has a scheme; keys are registry hosts as images name them; containerd looks configs up by host[:port] only',
        fix: "Use the endpoint's host[:port]. Key it as r.example.com:5000.",
        params: { key: 'https://r.example.com:5000', problem: 'scheme', hasHint: 'yes', hint: 'r.example.com:5000' },
      },
    ]);
  });

  it('a config key with no host to suggest: CONFIG_KEY_INVALID without a hint', () => {
    expect(byCode(run({ configs: { 'r.exa mple.com': { tls: { insecure_skip_verify: true } } } }), 'CONFIG_KEY_INVALID')).toEqual([
      {
        code: 'CONFIG_KEY_INVALID',
        severity: 'error',
        path: ['configs', 'r.exa mple.com'],
        message: 'Config key "r.exa mple.com" contains white space; containerd looks configs up by host[:port] only',
        fix: "Use the endpoint's host[:port].",
        params: { key: 'r.exa mple.com', problem: 'whitespace', hasHint: 'no', hint: '' },
      },
    ]);
  });

  const tlsDropped = { code: 'WILDCARD_TLS_DROPPED', severity: 'warning', path: ['configs', '*'], message: 'The * config TLS settings are dropped when a * mirror exists', fix: 'Add a config for each mirror endpoint host instead.' };
  const starSkip = { code: 'SKIP_VERIFY', severity: 'warning', path: ['configs', '*', 'insecureSkipVerify'], message: 'TLS certificates of every registry without a config of its own are not verified: anyone on the path can serve you other images', fix: 'Add the CA bundle of each registry in a config keyed by its host, and turn this off.', variant: 'wildcard' };
  const starAuth = { code: 'WILDCARD_AUTH_UNUSED', severity: 'warning', path: ['configs', '*', 'authConfigSecretName'], message: 'containerd never uses * credentials for image pulls', fix: 'Add a config with the auth Secret for each registry host.' };
  const star = (config: object, withMirror: boolean) => run({ ...(withMirror ? { mirrors: { '*': { endpoint: [M] } } } : {}), configs: { '*': config } }).filter((x) => x.path[0] === 'configs');

  it.each([
    ['TLS with a * mirror', { tls: { insecure_skip_verify: true } }, true, [tlsDropped]],
    ['skip-verify without a * mirror', { tls: { insecure_skip_verify: true } }, false, [starSkip]],
    ['a CA file only, no * mirror', { tls: { ca_file: '/etc/ssl/ca.pem' } }, false, []],
    ['auth only, with a * mirror', { auth: { username: 'u', password: 'p' } }, true, [starAuth]],
    ['auth only, no * mirror', { auth: { username: 'u', password: 'p' } }, false, [starAuth]],
    ['TLS and auth, with a * mirror', { tls: { insecure_skip_verify: true }, auth: { username: 'u', password: 'p' } }, true, [tlsDropped, starAuth]],
  ])('configs["*"]: %s', (_name, config, withMirror, expected) => {
    expect(star(config, withMirror)).toEqual(expected);
  });

  it('skip-verify on a host: SKIP_VERIFY naming it', () => {
    expect(byCode(run({ mirrors: { 'r.example.com': { endpoint: [M] } }, configs: { 'm.example.com': { tls: { insecure_skip_verify: true } } } }), 'SKIP_VERIFY')).toEqual([
      { code: 'SKIP_VERIFY', severity: 'warning', path: ['configs', 'm.example.com', 'insecureSkipVerify'], message: 'TLS certificates of m.example.com are not verified: anyone on the path can serve you other images', fix: 'Add the registry CA bundle instead and turn this off.', params: { host: 'm.example.com' } },
    ]);
  });

  const unused = (key: string) => ({ code: 'CONFIG_UNUSED', severity: 'info', path: ['configs', key], message: `No mirror endpoint uses "${key}": this config applies only to images pulled from ${key} directly`, fix: "If it is meant for a mirror, key it by that endpoint's host[:port].", params: { key } });
  const configOnly = (value: object, key: string, base: Partial<RouteSettings> = {}) => run(value, base).filter((x) => x.path[0] === 'configs' && x.path[1] === key && x.code !== 'SKIP_VERIFY');
  const auth = { auth: { username: 'u', password: 'p' } };

  it('a config no endpoint uses: CONFIG_UNUSED', () => {
    expect(configOnly({ mirrors: { 'docker.io': { endpoint: [M, 'https://docker.io'] } }, configs: { 'r.example.com': auth } }, 'r.example.com')).toEqual([unused('r.example.com')]);
  });

  it('registry-1.docker.io is used by a docker.io endpoint (K3s maps docker.io to it): no finding', () => {
    expect(configOnly({ mirrors: { 'docker.io': { endpoint: [M, 'https://docker.io'] } }, configs: { 'registry-1.docker.io': auth } }, 'registry-1.docker.io')).toEqual([]);
  });

  it('a config keyed by the host without the port an endpoint uses: CONFIG_KEY_MISMATCH naming the endpoint host, even with a * mirror', () => {
    const mismatch = { code: 'CONFIG_KEY_MISMATCH', severity: 'warning', path: ['configs', 'r.example.com'], message: 'No endpoint uses "r.example.com"; configs are matched by the exact host[:port] of an endpoint, and an endpoint uses "r.example.com:5000"', fix: 'Rename the config key to r.example.com:5000.', params: { key: 'r.example.com', near: 'r.example.com:5000' } };
    expect(configOnly({ mirrors: { 'docker.io': { endpoint: [M, 'https://r.example.com:5000'] } }, configs: { 'r.example.com': auth } }, 'r.example.com')).toEqual([mismatch]);
    expect(configOnly({ mirrors: { '*': { endpoint: [M, 'https://r.example.com:5000'] } }, configs: { 'r.example.com': auth } }, 'r.example.com')).toEqual([mismatch]);
  });

  it('a config for a host no endpoint uses, with a * mirror: CONFIG_SHADOWS_WILDCARD (the host gets its own hosts.toml)', () => {
    const shadows = (airGap: boolean) => ({
      code: 'CONFIG_SHADOWS_WILDCARD',
      severity: 'warning',
      path: ['configs', 'ghcr.io'],
      message: `This config gives ghcr.io a hosts.toml of its own, so images from ghcr.io no longer use the * mirror: they go to ghcr.io directly${airGap ? ' – past the air-gap mirror, although disable-default-registry-endpoint is set' : ''}`,
      fix: "Add a mirror for ghcr.io with the * mirror's endpoints, or remove this config.",
      params: { key: 'ghcr.io', airGap: airGap ? 'yes' : 'no' },
    });
    const value = { mirrors: { '*': { endpoint: [M] } }, configs: { 'ghcr.io': { tls: { ca_file: '/etc/ssl/ca.pem' } } } };
    expect(configOnly(value, 'ghcr.io')).toEqual([shadows(false)]);
    expect(configOnly(value, 'ghcr.io', { disableDefaultEndpoint: true })).toEqual([shadows(true)]);
  });

  it('a config an endpoint of the * mirror uses: no finding', () => {
    expect(configOnly({ mirrors: { '*': { endpoint: [M, 'https://r.example.com:5000'] } }, configs: { 'r.example.com:5000': { tls: { ca_file: '/etc/ssl/ca.pem' } } } }, 'r.example.com:5000')).toEqual([]);
  });

  const onMirrorKey = (hosts: string) => ({
    code: 'CONFIG_ON_MIRROR_KEY',
    severity: 'warning',
    path: ['configs', 'r.example.com'],
    message: `The config for "r.example.com" applies to r.example.com itself (the fallback), not to its mirror endpoints ${hosts}`,
    fix: `Add a config keyed by ${hosts.split(', ')[0]} for the mirror.`,
    params: { key: 'r.example.com', hosts, first: hosts.split(', ')[0] },
  });

  it('a config keyed like the mirror, not like its endpoints: CONFIG_ON_MIRROR_KEY naming the endpoint hosts', () => {
    expect(byCode(run({ mirrors: { 'r.example.com': { endpoint: [M] } }, configs: { 'r.example.com': auth } }), 'CONFIG_ON_MIRROR_KEY')).toEqual([onMirrorKey('m.example.com')]);
    expect(byCode(run({ mirrors: { 'r.example.com': { endpoint: [M, 'https://docker.io'] } }, configs: { 'r.example.com': auth } }), 'CONFIG_ON_MIRROR_KEY')).toEqual([onMirrorKey('m.example.com, docker.io')]);
  });

  it('no CONFIG_ON_MIRROR_KEY when an endpoint is the key itself, when no endpoint is valid, or for *', () => {
    expect(byCode(run({ mirrors: { 'r.example.com': { endpoint: [M, 'https://r.example.com'] } }, configs: { 'r.example.com': auth } }), 'CONFIG_ON_MIRROR_KEY')).toEqual([]);
    expect(byCode(run({ mirrors: { 'r.example.com': { endpoint: ['https://[::1'] } }, configs: { 'r.example.com': auth } }), 'CONFIG_ON_MIRROR_KEY')).toEqual([]);
    expect(byCode(run({ mirrors: { '*': { endpoint: [M] } }, configs: { '*': auth } }), 'CONFIG_ON_MIRROR_KEY')).toEqual([]);
  });
});

describe('HOSTS_TOML_UNPARSABLE', () => {
  it('a backslash in a rewrite breaks the file: an error at the mirror naming its certs.d directory', () => {
    expect(byCode(run({ mirrors: { 'registry.example.com:5000': { endpoint: [M], rewrite: { '^library/(\\w+)': 'x/$1' } } } }), 'HOSTS_TOML_UNPARSABLE')).toEqual([
      {
        code: 'HOSTS_TOML_UNPARSABLE',
        severity: 'error',
        path: ['mirrors', 'registry.example.com:5000'],
        message: expect.stringMatching(/^certs\.d\/registry\.example\.com:5000\/hosts\.toml will not parse on the node \(.+\); containerd ignores every mirror of "registry\.example\.com:5000" and pulls from the registry itself$/),
        fix: 'Fix the rewrite patterns or endpoints flagged for this mirror.',
        params: expect.objectContaining({ dir: 'registry.example.com:5000', key: 'registry.example.com:5000' }),
        variant: 'settings',
      },
    ]);
  });
});

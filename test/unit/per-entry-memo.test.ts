// compile() memoises per entry: an edit of one mirror recomputes that mirror's hosts.toml,
// the others are taken from the previous compile. These tests hold the memo to the one
// thing that matters: it never answers with a stale result. Every compile here is compared
// with the same settings compiled after forgetMemos() (nothing memoised), and the edited
// entry is checked for the edit itself.
import { describe, expect, it } from 'vitest';
import { compile, resolveRoute, type Compiled, type RouteSettings } from '../../src';
import { forgetMemos } from '../../src/lib/memo';

const N = 60;

function settings(over: Partial<RouteSettings> = {}): RouteSettings {
  const mirrors: RouteSettings['registries']['mirrors'] = {};
  const configs: RouteSettings['registries']['configs'] = {};
  for (let i = 0; i < N; i++) {
    mirrors[`registry-${i}.example.com`] = { endpoints: [`https://cache-${i}.example.net`, `https://cache-${i}.example.net/v2/proxy`], rewrites: i % 3 === 0 ? [['^library/(.*)$', `mirror-${i}/$1`]] : [] };
    if (i % 4 === 0) configs[`cache-${i}.example.net`] = { tls: { caFile: `/etc/ca-${i}.pem` } };
  }
  mirrors['*'] = { endpoints: ['https://all.example.net'], rewrites: [] };
  return { distro: 'rke2', version: 'v1.33.5+rke2r1', runtime: 'k3s-fork', disableDefaultEndpoint: false, embeddedRegistry: false, registries: { mirrors, configs }, ...over };
}

/** What a compile shows: every hosts.toml, every finding, and a route of each registry. */
function shown(c: Compiled) {
  const images = ['registry-0.example.com/a/b:1', 'registry-7.example.com/library/x:1', 'quay.io/x/y:1', 'nginx:1.27'];
  return {
    files: c.hostsFiles.map((f) => [f.dir, f.text, f.parsed]),
    findings: c.findings.map((f) => [f.code, f.path.join('.'), f.message]),
    routes: images.map((i) => resolveRoute(c, i).attempts.map((a) => a.url)),
  };
}

/** compile() as it is, then the same settings with no memo: they must agree. */
function compileChecked(s: RouteSettings): Compiled {
  const memoised = compile(s);
  const seen = shown(memoised);
  forgetMemos();
  expect(seen).toEqual(shown(compile(structuredClone(s))));
  return memoised;
}

const file = (c: Compiled, dir: string) => c.hostsFiles.find((f) => f.dir === dir)?.text ?? '';

describe('per-entry memo of compile', () => {
  it('an edited mirror gets its new hosts.toml; the other mirrors keep theirs', () => {
    const s = settings();
    compile(s);
    const next = structuredClone(s);
    next.registries.mirrors['registry-5.example.com'].endpoints[0] = 'https://cache-5.example.net:8443';
    const before = compile(s);
    const c = compileChecked(next);
    expect(file(c, 'registry-5.example.com')).toContain('[host."https://cache-5.example.net:8443/v2"]');
    expect(file(c, 'registry-5.example.com')).not.toContain('[host."https://cache-5.example.net/v2"]');
    expect(file(c, 'registry-6.example.com')).toBe(file(before, 'registry-6.example.com'));
  });

  it('a mirror changed in place (as a form edits its object) is compiled again', () => {
    const s = settings();
    compile(s);
    s.registries.mirrors['registry-3.example.com'].rewrites[0][1] = 'other/$1';
    s.registries.mirrors['registry-4.example.com'].endpoints.push('https://extra.example.net');
    const c = compileChecked(s);
    expect(file(c, 'registry-3.example.com')).toContain('"^library/(.*)$" = "other/$1"');
    expect(file(c, 'registry-4.example.com')).toContain('[host."https://extra.example.net/v2"]');
  });

  it('two mirrors with the same endpoints keep their own keys and files', () => {
    const s = settings();
    s.registries.mirrors['registry-1.example.com'] = structuredClone(s.registries.mirrors['registry-2.example.com']);
    const c = compileChecked(s);
    expect(c.hostConfigs['registry-1.example.com'].key).toBe('registry-1.example.com');
    expect(file(c, 'registry-1.example.com')).toContain('server = "https://registry-1.example.com/v2"');
    expect(file(c, 'registry-2.example.com')).toContain('server = "https://registry-2.example.com/v2"');
  });

  it('a config of an endpoint host changes that mirror\'s file although the mirror is unchanged', () => {
    const s = settings();
    compile(s);
    s.registries.configs['cache-9.example.net'] = { tls: { caFile: '/etc/new.pem' } };
    let c = compileChecked(s);
    expect(file(c, 'registry-9.example.com')).toContain('ca = ["/etc/new.pem"]');
    (s.registries.configs['cache-9.example.net'].tls as { caFile: string }).caFile = '/etc/newer.pem';
    c = compileChecked(s);
    expect(file(c, 'registry-9.example.com')).toContain('ca = ["/etc/newer.pem"]');
    delete s.registries.configs['cache-9.example.net'];
    c = compileChecked(s);
    expect(file(c, 'registry-9.example.com')).not.toContain('ca = ');
  });

  it('a config keyed by the mirror itself (its fallback) is seen, and so is its removal', () => {
    const s = settings();
    compile(s);
    s.registries.configs['registry-11.example.com'] = { tls: { insecureSkipVerify: true } };
    let c = compileChecked(s);
    expect(file(c, 'registry-11.example.com')).toMatch(/server = "https:\/\/registry-11.example.com\/v2"\ncapabilities = \[[^\]]*\]\nskip_verify = true/);
    delete s.registries.configs['registry-11.example.com'];
    c = compileChecked(s);
    expect(file(c, 'registry-11.example.com')).not.toContain('skip_verify');
  });

  it('a global setting changes every entry: disable-default-registry-endpoint', () => {
    const s = settings();
    const on = compile(s);
    expect(on.hostsFiles.filter((f) => f.text.includes('server = ')).length).toBeGreaterThan(N - 1);
    const c = compileChecked({ ...s, disableDefaultEndpoint: true });
    for (let i = 0; i < N; i++) expect(file(c, `registry-${i}.example.com`)).not.toContain('server = ');
    const back = compileChecked(s);
    for (let i = 0; i < N; i++) expect(file(back, `registry-${i}.example.com`)).toContain('server = ');
  });

  it('a global setting changes every entry: the distribution and the release', () => {
    const s = settings();
    compile(s);
    const k3s = compileChecked({ ...s, distro: 'k3s', version: 'v1.33.5+k3s1' });
    for (let i = 0; i < N; i++) expect(file(k3s, `registry-${i}.example.com`)).toMatch(/^# File generated by k3s\. DO NOT EDIT\./);
    // a release with the legacy CRI config: no hosts.toml at all
    expect(compileChecked({ ...s, version: 'v1.26.10+rke2r1' }).hostsFiles).toEqual([]);
    // containerd 2.0 without the wildcard fallback: the * mirror's finding appears
    expect(compileChecked({ ...s, version: 'v1.31.6+rke2r1' }).findings.map((f) => f.code)).toContain('WILDCARD_NO_FALLBACK');
    const upstream = compileChecked({ ...s, runtime: 'upstream' });
    expect(resolveRoute(upstream, 'registry-0.example.com/library/a:1').attempts[0].url).not.toContain('mirror-0');
  });

  it('a global setting changes every entry: the embedded registry', () => {
    const s = settings();
    compile(s);
    const c = compileChecked({ ...s, embeddedRegistry: true });
    for (let i = 0; i < N; i++) expect(file(c, `registry-${i}.example.com`)).toContain('[host."https://127.0.0.1:9345/v2"]');
  });

  it('a global setting changes every route: system-default-registry', () => {
    const s = settings();
    compile(s);
    const c = compileChecked({ ...s, systemDefaultRegistry: 'registry-3.example.com' });
    expect(resolveRoute(c, 'rancher/rancher-agent:v2.9.0', { context: 'system' }).attempts[0].url).toContain('cache-3.example.net');
    expect(compileChecked({ ...s, systemDefaultRegistry: 'bad host' }).findings.map((f) => f.code)).toContain('SDR_INVALID');
  });

  it('the findings of an edited mirror are its new ones; a change elsewhere that a mirror\'s findings name reaches it', () => {
    const s = settings();
    s.registries.mirrors['empty.example.com'] = { endpoints: [], rewrites: [] };
    compile(s);
    s.registries.mirrors['registry-8.example.com'].endpoints[1] = 'http://10.0.0.8:5000';
    let c = compileChecked(s);
    const at = (code: string, key: string) => c.findings.filter((f) => f.code === code && f.path[1] === key);
    expect(at('ENDPOINT_HTTP', 'registry-8.example.com').map((f) => f.path)).toEqual([['mirrors', 'registry-8.example.com', 'endpoint', 1]]);
    expect(at('MIRROR_NO_ENDPOINTS', 'empty.example.com')[0].message).toContain('so the * mirror applies to it');
    // removing the * mirror changes the finding of the (unchanged) empty mirror
    delete s.registries.mirrors['*'];
    c = compileChecked(s);
    expect(at('MIRROR_NO_ENDPOINTS', 'empty.example.com')[0].message).not.toContain('* mirror');
    // a config keyed by it: no finding at all
    s.registries.configs['empty.example.com'] = { tls: { insecureSkipVerify: true } };
    c = compileChecked(s);
    expect(at('MIRROR_NO_ENDPOINTS', 'empty.example.com')).toEqual([]);
    // the same mirror read for the CLI words its fixes for files
    s.registries.mirrors['registry-8.example.com'].endpoints[1] = '';
    const tab = compile(s);
    const cli = compile(s, [], { surface: 'cli' });
    const fix = (x: Compiled) => x.findings.find((f) => f.code === 'ENDPOINT_INVALID' && f.path[1] === 'registry-8.example.com')?.fix;
    expect(fix(tab)).toContain('remove the row');
    expect(fix(cli)).toContain('remove the empty entry');
  });
});

// How registry-route reads its settings (--registries FILE plus the options on top) and
// how it prints routes and findings, called in this process so that mutation testing sees
// it (cli-texts/cli-pipelines run the built bin/ in a child process). Expected values are
// written by hand: the option meanings from the usage text and README (the CLI reads every
// entry, the tab's preview limits are not its limits), the route lines as the README's CLI
// section shows them, redaction as src/lib/redact.ts documents it (user info and query
// values become xxxxx).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args';
import { checkCommand } from '../../src/cli/check';
import { formatFinding, formatRoute } from '../../src/cli/format';
import { loadCompiled, loadSettings } from '../../src/cli/load';
import { resolveRoute } from '../../src/route/route';
import type { Finding } from '../../src/types';

const dir = mkdtempSync(join(tmpdir(), 'rr-load-'));
let n = 0;
function file(text: string): string {
  const p = join(dir, `f${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}
function capture() {
  const out = { text: '' };
  const err = { text: '' };
  return { io: { out: { write: (s: string) => (out.text += s) }, err: { write: (s: string) => (err.text += s) } }, out, err };
}
const hub = file('mirrors:\n  docker.io:\n    endpoint: ["https://mirror.example.com"]\n');
const longEndpoint = `https://mirror.example.com/${'p'.repeat(2100)}`;

describe('loadSettings: the options on top of the file', () => {
  it('no --registries and no options: rke2, the k3s containerd fork, nothing disabled, no system-default-registry', () => {
    const { settings, findings } = loadSettings(parseArgs([]));
    expect(findings).toEqual([]);
    expect(settings).toMatchObject({ distro: 'rke2', runtime: 'k3s-fork', disableDefaultEndpoint: false, embeddedRegistry: false });
    expect(settings.version).toBeUndefined();
    expect(settings.systemDefaultRegistry ?? '').toBe('');
  });

  it.each([
    [['--distro', 'k3s'], { distro: 'k3s', version: undefined }],
    [['--distro-version', 'v1.31.6+k3s1'], { distro: 'k3s', version: 'v1.31.6+k3s1' }],
    [['--distro-version', 'v1.31.6'], { distro: 'rke2', version: 'v1.31.6' }],
    [['--distro', 'k3s', '--distro-version', 'v1.31.6'], { distro: 'k3s', version: 'v1.31.6' }],
  ])('%j: distro and version %j', (argv, expected) => {
    const { settings } = loadSettings(parseArgs(['--registries', hub, ...argv]));
    expect({ distro: settings.distro, version: settings.version }).toEqual(expected);
  });

  it.each([
    [['--runtime', 'upstream'], { runtime: 'upstream' }],
    [['--runtime', 'upstream-1.6'], { runtime: 'upstream-1.6' }],
    [['--disable-default-endpoint'], { disableDefaultEndpoint: true, embeddedRegistry: false }],
    [['--embedded-registry'], { embeddedRegistry: true, disableDefaultEndpoint: false }],
    [['--system-default-registry', 'reg.example.com:5000'], { systemDefaultRegistry: 'reg.example.com:5000' }],
  ])('%j: %j', (argv, expected) => {
    expect(loadSettings(parseArgs(['--registries', hub, ...argv])).settings).toMatchObject(expected);
    expect(loadSettings(parseArgs(argv)).settings).toMatchObject(expected);
  });

  it('a Cluster manifest that sets its own flags: the options still win', () => {
    const cluster = file(
      'apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c, namespace: fleet-default}\nspec:\n  kubernetesVersion: v1.31.6+rke2r1\n  rkeConfig:\n    registries:\n      mirrors:\n        docker.io: {endpoint: ["https://mirror.example.com"]}\n',
    );
    expect(loadSettings(parseArgs(['--registries', cluster])).settings).toMatchObject({ distro: 'rke2', version: 'v1.31.6+rke2r1', runtime: 'k3s-fork' });
    expect(loadSettings(parseArgs(['--registries', cluster, '--runtime', 'upstream', '--distro-version', 'v1.32.3+rke2r1'])).settings).toMatchObject({ version: 'v1.32.3+rke2r1', runtime: 'upstream' });
  });
});

describe('loadSettings: an empty --registries file', () => {
  it.each([[''], ['\n  \n']])('%j: a note on stderr names the file, the defaults apply', (text) => {
    const p = file(text);
    const { io, out, err } = capture();
    const { settings, findings } = loadSettings(parseArgs(['--registries', p]), io);
    expect(err.text).toBe(`note: ${p} is empty: no registry settings (the defaults apply)\n`);
    expect(out.text).toBe('');
    expect([Object.keys(settings.registries.mirrors), findings]).toEqual([[], []]);
  });

  it('a file with settings: no note', () => {
    const { io, err } = capture();
    loadSettings(parseArgs(['--registries', hub]), io);
    expect(err.text).toBe('');
  });

  it('a file that is no YAML: the file, line and column in a usage error', () => {
    const p = file('mirrors:\n  docker.io: [\n');
    expect(() => loadSettings(parseArgs(['--registries', p]))).toThrow(UsageError);
    expect(() => loadSettings(parseArgs(['--registries', p]))).toThrow(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
  });
});

describe('loadCompiled: the CLI reads every entry and words its fixes for files', () => {
  it.each([
    ['a node registries.yaml', `mirrors:\n  docker.io:\n    endpoint: ["${longEndpoint}"]\n`],
    ['a Cluster manifest', `apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c}\nspec:\n  rkeConfig:\n    registries:\n      mirrors:\n        docker.io: {endpoint: ["${longEndpoint}"]}\n`],
  ])('%s: an endpoint longer than the preview limit (2048) is routed, not left out of the preview', (_what, text) => {
    const compiled = loadCompiled(parseArgs(['--registries', file(text)]));
    // the length itself is an error (containerd's own limit), but the endpoint is read and routed
    expect(compiled.findings.filter((f) => f.code === 'LIMIT_EXCEEDED').map((f) => f.message)).toEqual([`The endpoint is ${longEndpoint.length} characters long; the most is 2048`]);
    const route = resolveRoute(compiled, 'nginx');
    expect(route.attempts.map((a) => a.default)).toEqual([false, true]);
    // an endpoint with a path is used as written (override_path): the path is not cut off
    expect(route.attempts[0].url.startsWith(`${longEndpoint}/library/nginx/manifests/latest`)).toBe(true);
  });

  const many = Array.from({ length: 101 }, (_, i) => `"https://m${i}.example.com"`).join(', ');
  it.each([
    ['a node registries.yaml', `mirrors:\n  docker.io:\n    endpoint: [${many}]\n`],
    ['a Cluster manifest', `apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c}\nspec:\n  rkeConfig:\n    registries:\n      mirrors:\n        docker.io: {endpoint: [${many}]}\n`],
  ])('%s: a mirror with 101 endpoints (the tab previews 100): every one is routed, no limit finding', (_what, text) => {
    const compiled = loadCompiled(parseArgs(['--registries', file(text)]));
    expect(compiled.findings.filter((f) => f.code === 'LIMIT_EXCEEDED')).toEqual([]);
    const route = resolveRoute(compiled, 'nginx');
    expect(route.attempts.length).toBe(102);
    expect(route.attempts[100].url).toBe('https://m100.example.com/v2/library/nginx/manifests/latest?ns=docker.io');
  });

  it('an empty endpoint: the finding says the node ignores it and how to fix the file', () => {
    const compiled = loadCompiled(parseArgs(['--registries', file('mirrors:\n  docker.io:\n    endpoint: [""]\n')]));
    const fd = compiled.findings.find((f) => f.code === 'ENDPOINT_INVALID');
    expect(fd).toMatchObject({ severity: 'error', message: 'The endpoint is empty; the node ignores it' });
    expect(fd?.fix).toContain('remove the empty entry from the list');
  });
});

function routeText(argv: string[], image: string): string {
  const o = parseArgs(argv);
  const compiled = loadCompiled(o);
  return formatRoute(compiled, resolveRoute(compiled, image, { context: o.context }), o.context);
}

describe('formatRoute: what the text output says about each host', () => {
  it('a rewrite names its pattern; the mirror gets the rewritten path, the registry itself the original', () => {
    const p = file('mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n    rewrite:\n      "^library/(.*)": "mirror/$1"\n');
    expect(routeText(['--registries', p, '--distro-version', 'v1.33.1+rke2r1'], 'nginx').split('\n').slice(2, 6)).toEqual([
      '  1. https://m.example.com/v2/mirror/nginx/manifests/latest?ns=docker.io',
      '     mirror · TLS: system CAs · auth: anonymous · rewritten by ^library/(.*)',
      '  2. https://registry-1.docker.io/v2/library/nginx/manifests/latest',
      '     registry itself (fallback) · TLS: system CAs · auth: anonymous',
    ]);
  });

  it('an http:// mirror with TLS settings: containerd 2 tries https first, then http', () => {
    const p = file('mirrors:\n  registry.example.com:\n    endpoint: ["http://plain.example.com:5000"]\nconfigs:\n  plain.example.com:5000:\n    tls: {insecure_skip_verify: true}\n');
    expect(routeText(['--registries', p, '--distro-version', 'v1.33.1+rke2r1'], 'registry.example.com/a:1').split('\n').slice(2, 4)).toEqual([
      '  1. https://plain.example.com:5000/v2/a/manifests/1?ns=registry.example.com',
      '     mirror · TLS: skip verify · auth: anonymous · https first, then http',
    ]);
  });

  it('a release before hosts.toml: the CRI mirrors in config.toml', () => {
    expect(routeText(['--registries', hub, '--distro-version', 'v1.26.0+rke2r1'], 'nginx').split('\n')[1]).toBe('  workload pull · CRI mirrors in config.toml · legacy-cri');
  });

  it('an invalid system-default-registry: the system image has no name, and both findings follow', () => {
    const lines = routeText(['--context', 'system', '--system-default-registry', 'bad registry'], 'rancher/x:1').split('\n');
    expect(lines[0]).toBe('rancher/x:1: no system image name (system-default-registry is invalid)');
    expect(lines.filter((l) => /^ {2}error/.test(l)).map((l) => l.split(' ').filter(Boolean).slice(0, 2).join(' '))).toEqual(['error SDR_INVALID', 'error IMAGE_INVALID']);
  });

  it('a valid system-default-registry whose path makes the system image name too long', () => {
    const sdr = `reg.example.com/${'a'.repeat(150)}`;
    const lines = routeText(['--context', 'system', '--system-default-registry', sdr], `rancher/${'b'.repeat(120)}:1`).split('\n');
    expect(lines[0]).toBe(`rancher/${'b'.repeat(120)}:1: invalid system image name (with system-default-registry in front)`);
  });

  it('an invalid image as a workload: "invalid image"', () => {
    expect(routeText([], 'Nginx').split('\n')[0]).toBe('Nginx: invalid image');
  });
});

describe('formatFinding: a key that holds credentials is redacted, the rest printed whole', () => {
  const fd = (path: Finding['path']): Finding => ({ code: 'ENDPOINT_INVALID', severity: 'warning', path, message: 'm', fix: 'f' }) as Finding;
  const long = `${'k'.repeat(230)}.example.com`;

  it.each([
    [['configs', 'https://user:secret@m.example.com', 'auth'], '  warning ENDPOINT_INVALID configs.https://xxxxx@m.example.com.auth: m\n          fix: f'],
    [['mirrors', 'docker.io', 'endpoint', 0, 'https://m.example.com/?token=abc'], '  warning ENDPOINT_INVALID mirrors.docker.io.endpoint[0].https://m.example.com/?xxxxx: m\n          fix: f'],
    [['mirrors', long, 'endpoint', 2, 'u:p@m.example.com'], `  warning ENDPOINT_INVALID mirrors.${long}.endpoint[2].xxxxx@m.example.com: m\n          fix: f`],
    [['mirrors', long, 'endpoint', 1], `  warning ENDPOINT_INVALID mirrors.${long}.endpoint[1]: m\n          fix: f`],
    [[], '  warning ENDPOINT_INVALID: m\n          fix: f'],
  ])('%j', (path, text) => {
    expect(formatFinding(fd(path))).toBe(text);
  });
});

describe('check: the text output', () => {
  it('several findings: one per line block, then the summary; no release given: no release in the summary', () => {
    const p = file('mirrors:\n  registry.example.com:\n    endpoint: ["http://plain.example.com:5000"]\nconfigs:\n  m.example.com:\n    tls: {insecure_skip_verify: true}\n');
    const { io, out } = capture();
    const code = checkCommand(parseArgs(['check', '--registries', p, '--fail-on', 'warning']), io);
    const lines = out.text.split('\n');
    expect(code).toBe(1);
    expect(lines.filter((l) => /^ {2}warning /.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((l) => /^ {10}fix: /.test(l)).length).toBe(lines.filter((l) => /^ {2}(error|warning|info) /.test(l)).length);
    expect(lines.at(-2)).toMatch(/^FAIL: 0 error\(s\), \d+ warning\(s\), \d+ info · [a-z0-9.-]+ · fails at --fail-on warning$/);
  });
});

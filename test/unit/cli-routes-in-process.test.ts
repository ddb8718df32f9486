// `registry-route [options] IMAGE...`, run in this process through main(): which findings of
// the settings each route shows, the rest once under "Other findings of the settings:",
// --images-file parsing, exit codes. Expected values from the README's CLI section (routes
// print each image's hosts with the findings that concern them, then every other finding
// once; `#` starts a comment; `settingsFindings` of the first object holds the findings on
// no route) and by hand: a finding at mirrors.<key> concerns the routes through that mirror
// key, one at configs.<host> the routes that try that host, a top-level one every route.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './cli-run';

const dir = mkdtempSync(join(tmpdir(), 'rr-routes-'));
let n = 0;
function file(text: string): string {
  const p = join(dir, `f${n++}`);
  writeFileSync(p, text);
  return p;
}
/** The "  <level> <CODE> <path>" of each finding line in a block of text output. */
const findingsIn = (block: string) => [...block.matchAll(/^ {2}(error|warning|info) +([A-Z_0-9]+) (\S+?):? /gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);

// docker.io and * both mirror to m.example.com, so the routes of nginx (mirror key docker.io)
// and of registry-1.docker.io/x (mirror key *) try the same two hosts; only docker.io's
// mirror has a finding (a duplicate endpoint); m.example.com skips TLS verification (a
// config finding for every route that tries it); foo is no registries.yaml field (top level:
// every route); other.example.com's config is on no route (and, * having a mirror, shadows it).
const SETTINGS = file(
  [
    'mirrors:',
    '  "*":',
    '    endpoint: ["https://m.example.com"]',
    '  docker.io:',
    '    endpoint: ["https://m.example.com", "https://m.example.com"]',
    'configs:',
    '  m.example.com:',
    '    tls:',
    '      insecure_skip_verify: true',
    '  other.example.com:',
    '    tls:',
    '      insecure_skip_verify: true',
    'foo: 1',
    '',
  ].join('\n'),
);
const route = (...args: string[]) => run(['--registries', SETTINGS, '--distro', 'k3s', ...args]);
const FOO = 'warning NODE_UNKNOWN_KEY foo';
const DUP = 'warning ENDPOINT_DUPLICATE mirrors.docker.io.endpoint[1]';
const SKIP_M = 'warning SKIP_VERIFY configs.m.example.com.insecureSkipVerify';
const SKIP_OTHER = 'warning SKIP_VERIFY configs.other.example.com.insecureSkipVerify';
// a config for a host that has no mirror of its own while * has one: the * mirror is not used for it
const SHADOWS = 'warning CONFIG_SHADOWS_WILDCARD configs.other.example.com';

describe('which findings a route shows (in process)', () => {
  it.each([
    ['nginx first', ['nginx', 'registry-1.docker.io/x'], [[FOO, DUP, SKIP_M], [FOO, SKIP_M]]],
    ['the * route first', ['registry-1.docker.io/x', 'nginx'], [[FOO, SKIP_M], [FOO, DUP, SKIP_M]]],
  ])('a mirror key\'s finding goes with its routes only, even where two keys try the same hosts (%s)', (_, imgs, expected) => {
    const r = route(...imgs);
    expect(r.code).toBe(0);
    const blocks = r.stdout.split('\n\n');
    expect(blocks).toHaveLength(3);
    expect(blocks.slice(0, 2).map(findingsIn)).toEqual(expected);
    expect(blocks[2]).toMatch(/^Other findings of the settings:\n/);
    expect(findingsIn(blocks[2])).toEqual([SKIP_OTHER, SHADOWS]);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.endsWith('\n\n')).toBe(false);
    expect(r.stderr).toBe('');
  });

  it('a route\'s own findings come after the settings findings that concern it', () => {
    const r = run(['--registries', file('mirrors: {}\nfoo: 1\n'), '--distro', 'k3s', 'nginx']);
    expect(r.code).toBe(0);
    expect(findingsIn(r.stdout)).toEqual([FOO, 'info DOCKER_HUB_DIRECT mirrors']);
    expect(r.stdout).not.toContain('Other findings');
  });

  it('a finding on the mirror key itself (mirrors.docker.io) goes with the route through it', () => {
    const r = run(['--registries', file('mirrors:\n  docker.io: {}\n  quay.io:\n    endpoint: ["https://q.example.com"]\n'), '--distro', 'k3s', 'nginx', 'quay.io/a']);
    const blocks = r.stdout.split('\n\n');
    expect(blocks).toHaveLength(2);
    expect(findingsIn(blocks[0])).toContain('info MIRROR_NO_ENDPOINTS mirrors.docker.io');
    expect(findingsIn(blocks[1])).not.toContain('info MIRROR_NO_ENDPOINTS mirrors.docker.io');
  });

  it('a finding on the whole configs section goes with every route, like a top-level one', () => {
    const r = run(['--registries', file('mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\nconfigs: 5\n'), '--distro', 'k3s', 'nginx', 'quay.io/a']);
    const blocks = r.stdout.split('\n\n');
    expect(blocks).toHaveLength(2);
    for (const b of blocks) expect(findingsIn(b).filter((x) => x.includes('FIELD_TYPE'))).toEqual(['error FIELD_TYPE configs']);
    expect(r.stdout).not.toContain('Other findings');
  });

  it('a finding elsewhere in a Cluster manifest (machineSelectorConfig) is shown once, under other findings', () => {
    const manifest = file(
      'apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c, namespace: fleet-default}\nspec:\n  kubernetesVersion: v1.32.3+k3s1\n  rkeConfig:\n' +
        '    machinePools:\n      - name: edge\n        labels: {site: edge}\n    machineSelectorConfig:\n      - machineLabelSelector:\n          matchLabels: {site: edge}\n        config:\n          embedded-registry: true\n' +
        '    registries:\n      mirrors:\n        docker.io:\n          endpoint: ["https://m.example.com"]\n',
    );
    const r = run(['--registries', manifest, 'nginx', 'quay.io/a']);
    expect(r.code).toBe(0);
    const blocks = r.stdout.split('\n\n');
    expect(blocks).toHaveLength(3);
    for (const b of blocks.slice(0, 2)) expect(b).not.toContain('NODE_LABEL_DEPENDENT');
    expect(blocks[2]).toMatch(/^Other findings of the settings:\n {2}warning NODE_LABEL_DEPENDENT machineSelectorConfig\[0\]\.config\.embedded-registry: /);
  });

  it('a route with only its own findings shows them', () => {
    const r = run(['--registries', file('mirrors: {}\n'), '--distro', 'k3s', 'nginx']);
    expect(findingsIn(r.stdout)).toEqual(['info DOCKER_HUB_DIRECT mirrors']);
  });

  it('a * mirror on v1.31.6: the missing fallback is shown once, with the route, not again under other findings', () => {
    const r = run(['--registries', file('mirrors:\n  "*":\n    endpoint: ["https://all.example.com"]\n'), '--distro-version', 'v1.31.6+k3s1', 'nginx']);
    expect(r.code).toBe(0);
    const codes = findingsIn(r.stdout).filter((x) => x.includes('WILDCARD_NO_FALLBACK'));
    expect(codes).toEqual(['warning WILDCARD_NO_FALLBACK mirrors.*']);
    expect(r.stdout).not.toContain('Other findings');
  });

  it('--json: each route\'s findings, every other finding once in the first object', () => {
    const r = route('--json', 'nginx', 'registry-1.docker.io/x');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { input: string; findings: { code: string; path: (string | number)[] }[]; settingsFindings: { code: string; path: string[] }[] }[];
    const codes = (l: { code: string; path: (string | number)[] }[]) => l.map((f) => `${f.code} ${f.path.join('.')}`);
    expect(j.map((x) => x.input)).toEqual(['nginx', 'registry-1.docker.io/x']);
    expect(codes(j[0].findings)).toEqual(['NODE_UNKNOWN_KEY foo', 'ENDPOINT_DUPLICATE mirrors.docker.io.endpoint.1', 'SKIP_VERIFY configs.m.example.com.insecureSkipVerify']);
    expect(codes(j[1].findings)).toEqual(['NODE_UNKNOWN_KEY foo', 'SKIP_VERIFY configs.m.example.com.insecureSkipVerify']);
    expect(codes(j[0].settingsFindings)).toEqual(['SKIP_VERIFY configs.other.example.com.insecureSkipVerify', 'CONFIG_SHADOWS_WILDCARD configs.other.example.com']);
    expect(j[1].settingsFindings).toEqual([]);
  });

  it('--json: an image listed twice has the same findings in both objects', () => {
    const j = JSON.parse(route('--json', 'nginx', 'nginx').stdout) as { findings: unknown[] }[];
    expect(j).toHaveLength(2);
    expect(j[1].findings).toEqual(j[0].findings);
    expect(j[0].findings).toHaveLength(3);
  });
});

describe('the image list (in process)', () => {
  it('--images-file: lines and white space separate images, # after a space starts a comment', () => {
    const list = file('nginx  # the web server\n\n  quay.io/a   ghcr.io/b\t\n# a whole line\nquay.io/c#d\n');
    const r = run(['--registries', file('mirrors: {}\n'), '--distro', 'k3s', '--json', '--images-file', list]);
    const j = JSON.parse(r.stdout) as { input: string; registry: string }[];
    expect(j.map((x) => x.input)).toEqual(['nginx', 'quay.io/a', 'ghcr.io/b', 'quay.io/c#d']);
    // quay.io/c#d is no image reference: exit 1
    expect(j.map((x) => x.registry)).toEqual(['docker.io', 'quay.io', 'ghcr.io', '']);
    expect(r.code).toBe(1);
  });

  it('IMAGE arguments come before the images of --images-file', () => {
    const r = run(['--registries', file('mirrors: {}\n'), '--distro', 'k3s', '--json', '--images-file', file('quay.io/a\n'), 'nginx']);
    expect([r.code, (JSON.parse(r.stdout) as { input: string }[]).map((x) => x.input)]).toEqual([0, ['nginx', 'quay.io/a']]);
  });

  it('an empty image list with no findings: a note on stderr, nothing on stdout, exit 0', () => {
    const r = run(['--registries', file('mirrors: {}\n'), '--distro', 'k3s', '--images-file', file('# nothing yet\n')]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'note: the image list is empty\n']);
  });

  it('an empty image list: every finding of the settings, under its heading, from the first line', () => {
    const r = route('--images-file', file(''));
    expect([r.code, r.stderr]).toEqual([0, 'note: the image list is empty\n']);
    expect(r.stdout.startsWith('Other findings of the settings:\n  warning NODE_UNKNOWN_KEY foo: ')).toBe(true);
    expect(findingsIn(r.stdout)).toEqual([FOO, DUP, SKIP_M, SKIP_OTHER, SHADOWS]);
    expect(r.stdout.endsWith('.\n')).toBe(true);
  });

  it('an empty image list with --json: [] and no note', () => {
    const r = run(['--registries', file('mirrors: {}\n'), '--distro', 'k3s', '--json', '--images-file', file('\n')]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '[]\n', '']);
  });

  it('no IMAGE and no --images-file: exit 2, the way to give one', () => {
    const r = run(['--registries', file('mirrors: {}\n')]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'registry-route: give at least one IMAGE (see registry-route --help)\n']);
  });

  it('an --images-file that does not exist: exit 2, its path', () => {
    const missing = join(dir, 'missing.txt');
    const r = run(['--registries', file('mirrors: {}\n'), '--images-file', missing]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `registry-route: cannot read ${missing}: no such file or directory\n`]);
  });

  it('an invalid image: exit 1, the image and the error finding', () => {
    const r = run(['--registries', file('mirrors: {}\n'), '--distro', 'k3s', 'UPPER']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('UPPER: invalid image');
    expect(findingsIn(r.stdout)).toEqual(['error IMAGE_INVALID image']);
  });
});

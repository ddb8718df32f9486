import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './cli-run';

const dir = mkdtempSync(join(tmpdir(), 'rr-'));
function file(name: string, text: string) {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const node = file('registries.yaml', 'mirrors:\n  docker.io:\n    endpoint: ["https://mirror.example.com"]\n  "*":\n    endpoint: ["https://all.example.com"]\nconfigs:\n  mirror.example.com:\n    tls:\n      ca_file: /etc/ca.pem\n');
const cluster = file(
  'cluster.yaml',
  `apiVersion: provisioning.cattle.io/v1
kind: Cluster
metadata: {name: c, namespace: fleet-default}
spec:
  kubernetesVersion: v1.31.6+rke2r1
  rkeConfig:
    machineGlobalConfig:
      system-default-registry: registry.example.com
    registries:
      mirrors:
        "*":
          endpoint: ["https://registry.example.com"]
`,
);

describe('registry-route CLI contract', () => {
  it('prints one JSON object per image with the documented fields', () => {
    const r = run(['--registries', node, '--json', 'nginx', `quay.io/a/b@sha256:${'b'.repeat(64)}`]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    expect(Object.keys(out[0])).toEqual(['input', 'image', 'registry', 'repository', 'reference', 'hostsDir', 'attempts', 'findings', 'profile', 'distroVersion', 'distro', 'settingsFindings']);
    expect(out[0]).toMatchObject({ profile: 'containerd-2.2', distroVersion: null, distro: 'rke2' });
    expect(out[0]).toMatchObject({ input: 'nginx', image: 'docker.io/library/nginx:latest', registry: 'docker.io', repository: 'library/nginx', reference: 'latest', hostsDir: 'docker.io' });
    expect(out[0].attempts[0]).toEqual({
      url: 'https://mirror.example.com/v2/library/nginx/manifests/latest?ns=docker.io',
      endpoint: 'https://mirror.example.com/v2',
      repository: 'library/nginx',
      default: false,
      overridePath: false,
      tls: { ca: ['/etc/ca.pem'], client: [], skipVerify: false },
      auth: null,
    });
    expect(out[0].attempts[1].default).toBe(true);
    expect(out[1].hostsDir).toBe('_default');
    expect(out[1].attempts[0].url).toBe(`https://all.example.com/v2/a/b/manifests/sha256:${'b'.repeat(64)}?ns=quay.io`);
  });
  it('reads a Cluster manifest: version, flags and SDR from its spec; options override', () => {
    const sys = JSON.parse(run(['--registries', cluster, '--json', '--context', 'system', 'rancher/rancher-agent:v2.13.0']).stdout)[0];
    expect(sys.image).toBe('registry.example.com/rancher/rancher-agent:v2.13.0');
    expect(sys.attempts.map((a: { default: boolean }) => a.default)).toEqual([false]);
    expect(sys.findings.map((f: { code: string }) => f.code)).toContain('WILDCARD_NO_FALLBACK');
    const fixed = JSON.parse(run(['--registries', cluster, '--json', '--distro-version', 'v1.31.7+rke2r1', 'quay.io/a/b']).stdout)[0];
    expect(fixed.attempts).toHaveLength(2);
    const what = JSON.parse(run(['--registries', cluster, '--json', '--context', 'system', '--system-default-registry', 'other.example.com', 'rancher/x:1']).stdout)[0];
    expect(what.image).toBe('other.example.com/rancher/x:1');
  });
  it('prints a readable numbered route with the findings', () => {
    const r = run(['--registries', node, 'nginx']);
    expect(r.stdout).toContain('1. https://mirror.example.com/v2/library/nginx/manifests/latest?ns=docker.io');
    expect(r.stdout).toContain('2. https://registry-1.docker.io/v2/library/nginx/manifests/latest');
    expect(r.stdout).toContain('registry itself (fallback)');
  });
  it('writes the hosts directory', () => {
    const out = join(dir, 'certs.d');
    expect(run(['hosts-dir', '--registries', node, out]).code).toBe(0);
    expect(readFileSync(join(out, 'docker.io', 'hosts.toml'), 'utf8')).toContain('[host."https://mirror.example.com/v2"]');
    expect(existsSync(join(out, '_default', 'hosts.toml'))).toBe(true);
  });
  it('reads images from a file (comments and blank lines skipped) and from stdin (-)', () => {
    const list = file('images.txt', '# comment\nnginx\n\nquay.io/a/b\n');
    expect(JSON.parse(run(['--images-file', list, '--json']).stdout).map((r: { image: string }) => r.image)).toEqual(['docker.io/library/nginx:latest', 'quay.io/a/b:latest']);
    // stdin is file descriptor 0 of a real process: the bin entry with the list piped in
    const bin = join(__dirname, '../../bin/registry-route.mjs');
    const piped = spawnSync('node', [bin, '--images-file', '-', '--json'], { input: '# from a pipe\nghcr.io/x/y:1\r\nnginx\n', encoding: 'utf8' });
    expect(piped.status, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout).map((r: { image: string }) => r.image)).toEqual(['ghcr.io/x/y:1', 'docker.io/library/nginx:latest']);
    const registriesPiped = spawnSync('node', [bin, '--registries', '-', '--json', 'nginx'], { input: 'mirrors:\n  docker.io:\n    endpoint: ["https://piped.example.com"]\n', encoding: 'utf8' });
    expect(registriesPiped.status, registriesPiped.stderr).toBe(0);
    expect(JSON.parse(registriesPiped.stdout)[0].attempts[0].url).toBe('https://piped.example.com/v2/library/nginx/manifests/latest?ns=docker.io');
  }, 60_000);
  it.each([
    [['--registries', '/nonexistent.yaml', 'nginx'], /cannot read \/nonexistent.yaml: no such file/],
    [['--registries', 'BAD'], /cannot read/],
    [['--bogus', 'nginx'], /unknown option --bogus/],
    [['--runtime', 'docker', 'nginx'], /--runtime must be one of/],
    [[], /give at least one IMAGE/],
  ])('bad input %j: one line on stderr, exit 2', (args, msg) => {
    const r = run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('reports a YAML error with line:column', () => {
    const bad = file('bad.yaml', 'mirrors:\n  docker.io:\n    endpoint: [unclosed\n');
    const r = run(['--registries', bad, 'nginx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: /);
  });
  it('exits 1 and says why for an invalid image', () => {
    const r = run(['--json', 'library/Nginx']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].findings[0].code).toBe('IMAGE_INVALID');
  });
  it('runs as the bin entry, without a stack trace on bad input', () => {
    const bin = join(__dirname, '../../bin/registry-route.mjs');
    expect(JSON.parse(execFileSync('node', [bin, '--json', 'nginx'], { encoding: 'utf8' }))[0].registry).toBe('docker.io');
    const bad = spawnSync('node', [bin, '--registries', '/nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/at .*\.m?js/);
  });
});

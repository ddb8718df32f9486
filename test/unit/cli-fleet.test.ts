// registry-route fleet, run as the user runs it: the bin entry, files and stdin.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/registry-route.mjs');
const CLUSTERS = join(ROOT, 'assets/samples/fleet/clusters.yaml');
const SECRETS = join(ROOT, 'assets/samples/fleet/secrets.yaml');
const dir = mkdtempSync(join(tmpdir(), 'rr-fleet-'));

function rr(args: string[], input?: string) {
  const r = spawnSync('node', [BIN, ...args], { encoding: 'utf8', input, cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('registry-route fleet', () => {
  it('--json: one object per cluster with the documented fields, the summary, the routes of each --image', () => {
    const r = rr(['fleet', '--json', '--secrets', SECRETS, '--image', 'gitea/gitea', '--image', 'nginx:1.27', CLUSTERS]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.clusters).toHaveLength(15);
    const seed1 = out.clusters.find((c: { name: string }) => c.name === 'prod-eu-rke2');
    expect(Object.keys(seed1)).toEqual(expect.arrayContaining(['name', 'namespace', 'distro', 'version', 'profile', 'dockerHub', 'wildcardNoFallback', 'sdrOnly', 'errors', 'warnings', 'routes']));
    expect(seed1).toMatchObject({ namespace: 'fleet-default', distro: 'rke2', version: 'v1.31.6+rke2r1', profile: 'containerd-2.0-wildcard-bug', dockerHub: 'mirrored-no-fallback', wildcardNoFallback: true, sdrOnly: false });
    expect(seed1.routes).toEqual([
      { input: 'gitea/gitea', hosts: ['https://mirror.eu.example.com/v2'], fallback: false },
      { input: 'nginx:1.27', hosts: ['https://mirror.eu.example.com/v2'], fallback: false },
    ]);
    const seed2 = out.clusters.find((c: { name: string }) => c.name === 'dev-k3s-sdr');
    expect(seed2).toMatchObject({ distro: 'k3s', dockerHub: 'direct', sdrOnly: true, warnings: 1 });
    expect(seed2.routes[0]).toEqual({ input: 'gitea/gitea', hosts: ['https://registry-1.docker.io/v2'], fallback: true });
    expect(out.clusters.find((c: { name: string }) => c.name === 'local')).toEqual({ name: 'local', namespace: 'fleet-local', skipped: expect.stringMatching(/no spec\.rkeConfig/) });
    expect(out.summary).toMatchObject({ clusters: 15, skipped: 2, direct: 4, sdrOnly: 2, wildcardNoFallback: 2, unreferencedSecrets: 2 });
    expect(out.unreferencedSecrets.map((s: { name: string }) => s.name)).toEqual(['registryconfig-auth-4xk2p', 'registryconfig-auth-qa-old']);
  });
  it('a table a terminal user reads at a glance', () => {
    const r = rr(['fleet', '--image', 'gitea/gitea', CLUSTERS]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^CLUSTER\s+DISTRO\s+VERSION\s+DOCKER HUB\s+FIRST HOST\s+\* NO FALLBACK\s+SDR ONLY\s+ERRORS\s+WARNINGS$/);
    expect(lines.find((l) => l.startsWith('fleet-default/dev-k3s-sdr '))).toMatch(/k3s\s+v1\.32\.5\+k3s1\s+DIRECT\s+https:\/\/registry-1\.docker\.io\s+-\s+YES\s+0\s+1$/);
    expect(lines.find((l) => l.startsWith('fleet-default/prod-eu-rke2 '))).toMatch(/mirrors only\s+https:\/\/mirror\.eu\.example\.com\s+YES\s+-\s+0\s+1$/);
    expect(r.stdout).toMatch(/fleet-default\/prod-eu-rke2-next\s+https:\/\/mirror\.eu\.example\.com\/v2 -> https:\/\/registry-1\.docker\.io\/v2\s+yes/);
    expect(r.stdout).toContain('skipped (no registry posture):\n  fleet-local/local: no spec.rkeConfig');
    expect(r.stdout).toMatch(/13 cluster\(s\): 4 direct to Docker Hub, 6 mirrored, 3 mirrors only; 2 with the \* no-fallback bug, 2 SDR only/);
    expect(r.stdout).not.toContain('cleanup candidates'); // no --secrets: Secrets unknown
  });
  it('--system-default-registry is the global setting: a cluster without its own becomes SDR only', () => {
    const without = JSON.parse(rr(['fleet', '--json', CLUSTERS]).stdout).clusters.find((c: { name: string }) => c.name === 'staging-apps');
    const withGlobal = JSON.parse(rr(['fleet', '--json', '--system-default-registry', 'registry.example.com', CLUSTERS]).stdout).clusters.find((c: { name: string }) => c.name === 'staging-apps');
    expect([without.sdrOnly, withGlobal.sdrOnly, withGlobal.sdrSource]).toEqual([false, true, 'globalSetting']);
  });
  it('reads several documents from stdin', () => {
    const docs = readFileSync(CLUSTERS, 'utf8').replace(/^apiVersion: v1\nkind: List\nitems:\n/m, '').replace(/^- apiVersion/gm, '---\napiVersion').replace(/^  /gm, '');
    const r = rr(['fleet', '--json', '-'], docs);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).clusters).toHaveLength(15);
  });
  it('never prints Secret data', () => {
    const secrets = join(dir, 'secrets.yaml');
    writeFileSync(secrets, 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Secret, type: rke.cattle.io/auth-config, metadata: {name: old, namespace: fleet-default}, data: {password: UGxhbnRlZFB3MTIz}}\n');
    for (const json of [[], ['--json']]) {
      const r = rr(['fleet', ...json, '--secrets', secrets, CLUSTERS]);
      expect(r.stdout).toContain('old');
      expect(r.stdout).not.toMatch(/UGxhbnRlZFB3MTIz|PlantedPw123/);
    }
  });
  it('exits 1 when an --image is not a valid reference', () => {
    const r = rr(['fleet', '--json', '--image', 'Not An Image', CLUSTERS]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).clusters[0].routes[0]).toMatchObject({ invalid: true });
  });
  it.each([
    [['fleet'], /fleet needs exactly one FILE/],
    [['fleet', '/nonexistent.yaml'], /cannot read \/nonexistent.yaml: no such file/],
    [['fleet', '--secrets', '/nope.yaml', CLUSTERS], /cannot read \/nope.yaml/],
    [['fleet', '--image'], /--image needs a value/],
  ])('bad input %j: one line on stderr, exit 2', (args, msg) => {
    const r = rr(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('a YAML error names file:line:column', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'items:\n  - [unclosed\n');
    const r = rr(['fleet', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:3:1: /);
  });
  it('is in --help', () => {
    expect(rr(['--help']).stdout).toMatch(/registry-route fleet \[--system-default-registry R\] \[--secrets FILE\] \[--image IMAGE\]\.\.\./);
  });
});

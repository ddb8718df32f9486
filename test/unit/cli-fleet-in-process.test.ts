// registry-route fleet, run in this process through main() (test/unit/cli-fleet.test.ts
// runs the built bin/ as a child process, which mutation testing cannot see). The
// expected tables are written by hand from the README's fleet section and the rules of
// the posture (a * mirror on v1.31.6 has no fallback; no mirror: Docker Hub direct):
// every column as wide as its widest cell, two spaces between columns, the last column
// not padded.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './cli-run';

const dir = mkdtempSync(join(tmpdir(), 'rr-fleet-inproc-'));
let n = 0;
function file(text: string) {
  const p = join(dir, `f${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}
const list = (...items: string[]) => `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
const cluster = (name: string, ns: string, spec: string) => `- apiVersion: provisioning.cattle.io/v1\n  kind: Cluster\n  metadata: {name: ${name}, namespace: ${ns}}\n  spec: ${spec}\n`;

// eu: a * mirror on v1.31.6 (containerd 2.0): mirrors only, the no-fallback bug, one warning
const EU = cluster('eu', 'fleet-default', '{kubernetesVersion: v1.31.6+rke2r1, rkeConfig: {registries: {mirrors: {"*": {endpoint: ["https://m.example.com"]}}}}}');
// dev: no mirror at all: Docker Hub direct, nothing to warn about
const DEV = cluster('dev', 'fleet-default', '{kubernetesVersion: v1.32.5+k3s1, rkeConfig: {}}');
// local: an imported cluster, no spec.rkeConfig: skipped
const LOCAL = cluster('local', 'fleet-local', '{kubernetesVersion: v1.32.5+rke2r1}');
const SMALL = file(list(EU, DEV, LOCAL));

const HEADER = 'CLUSTER            DISTRO  VERSION         DOCKER HUB    FIRST HOST                    * NO FALLBACK  SDR ONLY  ERRORS  WARNINGS';
const EU_ROW = 'fleet-default/eu   rke2    v1.31.6+rke2r1  mirrors only  https://m.example.com         YES            -         0       1';
const DEV_ROW = 'fleet-default/dev  k3s     v1.32.5+k3s1    DIRECT        https://registry-1.docker.io  -              -         0       0';

describe('registry-route fleet (in process): the table', () => {
  it('prints the posture table, the skipped clusters and the summary, exit 0', () => {
    const r = run(['fleet', SMALL]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        HEADER,
        EU_ROW,
        DEV_ROW,
        '',
        'skipped (no registry posture):',
        '  fleet-local/local: no spec.rkeConfig: an imported or hosted cluster; Rancher does not manage its registries',
        '',
        '2 cluster(s): 1 direct to Docker Hub, 0 mirrored, 1 mirrors only; 1 with the * no-fallback bug, 0 SDR only; 0 with errors, 1 with warnings; 1 skipped',
        '',
      ].join('\n'),
    );
  });

  it('a cluster without kubernetesVersion shows - as its version', () => {
    const r = run(['fleet', file(list(cluster('nov', 'fleet-default', '{rkeConfig: {}}')))]);
    const row = r.stdout.split('\n')[1];
    expect(row.split(/\s{2,}/)).toEqual(['fleet-default/nov', 'rke2', '-', 'DIRECT', 'https://registry-1.docker.io', '-', '-', '0', '0']);
  });

  it('a skipped resource without a namespace is listed by its name alone', () => {
    const r = run(['fleet', file(list(DEV, '- apiVersion: management.cattle.io/v3\n  kind: Cluster\n  metadata: {name: c-abc12}\n  spec: {}\n'))]);
    expect(r.stdout).toContain('skipped (no registry posture):\n  c-abc12: a management.cattle.io Cluster (RKE1 or imported); RKE2/K3s registries live on the provisioning.cattle.io/v1 Cluster\n\n');
  });

  it('only skipped resources: no table, the skipped list and a summary of 0 clusters', () => {
    const r = run(['fleet', file(list(LOCAL))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'skipped (no registry posture):\n  fleet-local/local: no spec.rkeConfig: an imported or hosted cluster; Rancher does not manage its registries\n\n' +
        '0 cluster(s): 0 direct to Docker Hub, 0 mirrored, 0 mirrors only; 0 with the * no-fallback bug, 0 SDR only; 0 with errors, 0 with warnings; 1 skipped\n',
    );
  });

  it('no skipped cluster: no skipped section and no "skipped" in the summary', () => {
    const r = run(['fleet', file(list(DEV))]);
    expect(r.stdout.split('\n\n')).toHaveLength(2);
    expect(r.stdout).not.toContain('skipped');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 cluster(s): 1 direct to Docker Hub, 0 mirrored, 0 mirrors only; 0 with the * no-fallback bug, 0 SDR only; 0 with errors, 0 with warnings');
  });
});

describe('registry-route fleet (in process): --image', () => {
  it('one route table per --image: hosts in order and whether Docker Hub is the fallback', () => {
    const r = run(['fleet', '--image', 'gitea/gitea', '--image', 'quay.io/x/y:1', SMALL]);
    expect(r.code).toBe(0);
    const parts = r.stdout.split('\n\n');
    expect(parts[1]).toBe(
      [
        'gitea/gitea',
        'CLUSTER            HOSTS (in order)                 FALLBACK',
        'fleet-default/eu   https://m.example.com/v2         NO',
        'fleet-default/dev  https://registry-1.docker.io/v2  yes',
      ].join('\n'),
    );
    expect(parts[2]).toBe(
      [
        'quay.io/x/y:1',
        'CLUSTER            HOSTS (in order)          FALLBACK',
        'fleet-default/eu   https://m.example.com/v2  NO',
        'fleet-default/dev  https://quay.io/v2        yes',
      ].join('\n'),
    );
  });

  it('a mirror with the registry as fallback lists both hosts joined by ->', () => {
    const next = file(list(cluster('next', 'fleet-default', '{kubernetesVersion: v1.32.3+rke2r1, rkeConfig: {registries: {mirrors: {"*": {endpoint: ["https://m.example.com"]}}}}}')));
    const r = run(['fleet', '--image', 'nginx', next]);
    expect(r.stdout.split('\n\n')[1].split('\n')[2]).toBe('fleet-default/next  https://m.example.com/v2 -> https://registry-1.docker.io/v2  yes');
  });

  it('an invalid --image: "invalid image" and "-" in its row, exit 1', () => {
    const r = run(['fleet', '--image', 'Not An Image', file(list(DEV))]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n\n')[1]).toBe('Not An Image\nCLUSTER            HOSTS (in order)  FALLBACK\nfleet-default/dev  invalid image     -');
  });

  it('a valid --image exits 0 even on a cluster that has no fallback', () => {
    expect(run(['fleet', '--image', 'nginx', file(list(EU))]).code).toBe(0);
    expect(run(['fleet', '--json', '--image', 'nginx', file(list(EU))]).code).toBe(0);
  });
});

describe('registry-route fleet (in process): --json', () => {
  it('clusters, summary; no unreferencedSecrets key without --secrets', () => {
    const r = run(['fleet', '--json', SMALL]);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['clusters', 'summary']);
    expect(j.clusters.map((c: { name: string }) => c.name)).toEqual(['eu', 'dev', 'local']);
    expect(j.clusters[0]).toMatchObject({ distro: 'rke2', version: 'v1.31.6+rke2r1', dockerHub: 'mirrored-no-fallback', wildcardNoFallback: true, warnings: 1 });
    expect(j.summary).toMatchObject({ clusters: 3, skipped: 1, direct: 1, mirroredNoFallback: 1, wildcardNoFallback: 1 });
  });

  it('--json with an invalid --image exits 1 and marks the route invalid', () => {
    const r = run(['fleet', '--json', '--image', 'nginx', '--image', 'Not An Image', file(list(DEV))]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).clusters[0].routes.map((x: { invalid?: boolean }) => x.invalid ?? false)).toEqual([false, true]);
  });

  it('--system-default-registry is passed on: a cluster without its own SDR becomes SDR only', () => {
    const j = JSON.parse(run(['fleet', '--json', '--system-default-registry', 'registry.example.com', file(list(DEV))]).stdout);
    expect(j.clusters[0]).toMatchObject({ sdrOnly: true, sdrSource: 'globalSetting', systemDefaultRegistry: 'registry.example.com' });
  });
});

describe('registry-route fleet (in process): --secrets', () => {
  const secret = (name: string) => `- {apiVersion: v1, kind: Secret, type: rke.cattle.io/auth-config, metadata: {name: ${name}, namespace: fleet-default}, data: {password: UGxhbnRlZFB3MTIz}}\n`;
  const withRef = cluster('ref', 'fleet-default', '{kubernetesVersion: v1.32.5+rke2r1, rkeConfig: {registries: {configs: {r.example.com: {authConfigSecretName: gone}}}}}');

  it('lists auth-config Secrets no cluster references and counts stale references; never prints Secret data', () => {
    const r = run(['fleet', '--secrets', file(list(secret('old-a'), secret('old-b'))), file(list(withRef))]);
    expect(r.code).toBe(0);
    const parts = r.stdout.trimEnd().split('\n\n');
    expect(parts[1]).toBe('auth-config Secrets in fleet-default no cluster references (cleanup candidates):\n  old-a\n  old-b');
    expect(parts[2]).toMatch(/; 1 with errors, 0 with warnings; 1 stale Secret reference\(s\)$/);
    expect(r.stdout).not.toMatch(/UGxhbnRlZFB3MTIz|PlantedPw123/);
  });

  it('--json: the unreferenced Secrets by name', () => {
    const j = JSON.parse(run(['fleet', '--json', '--secrets', file(list(secret('old-a'))), file(list(withRef))]).stdout);
    expect(Object.keys(j)).toEqual(['clusters', 'summary', 'unreferencedSecrets']);
    expect(j.unreferencedSecrets.map((s: { name: string }) => s.name)).toEqual(['old-a']);
    expect(j.summary.unreferencedSecrets).toBe(1);
  });

  it('every Secret referenced: no cleanup section, the stale count 0', () => {
    const ok = cluster('ref', 'fleet-default', '{kubernetesVersion: v1.32.5+rke2r1, rkeConfig: {registries: {configs: {r.example.com: {authConfigSecretName: used}}}}}');
    const r = run(['fleet', '--secrets', file(list(secret('used'))), file(list(ok))]);
    expect(r.stdout).not.toContain('cleanup candidates');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/; 0 stale Secret reference\(s\)$/);
  });

  it('a Secrets file that is no YAML: exit 2, the Secrets file named with line and column', () => {
    const bad = file('items:\n  - [unclosed\n');
    const r = run(['fleet', '--secrets', bad, SMALL]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^registry-route: ${bad.replace(/[.]/g, '\\.')}:3:1: `));
    expect(r.stdout).toBe('');
  });
});

describe('registry-route fleet (in process): CA certificates', () => {
  it('an expired CA bundle is counted in the summary', () => {
    // the sample's CA certificate expired in 2025 (test/unit/fleet.test.ts)
    const pem = readFileSync(join(__dirname, '../../assets/samples/fleet/clusters.yaml'), 'utf8').match(/caBundle: (\S+)/)![1];
    const c = cluster('ca', 'fleet-default', `{kubernetesVersion: v1.32.5+rke2r1, rkeConfig: {registries: {mirrors: {docker.io: {endpoint: ["https://cache.example.com"]}}, configs: {cache.example.com: {caBundle: ${pem}}}}}}`);
    const r = run(['fleet', file(list(c))]);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 cluster(s): 0 direct to Docker Hub, 1 mirrored, 0 mirrors only; 0 with the * no-fallback bug, 0 SDR only; 1 with errors, 0 with warnings; CA certificates: 1 expired, 0 expiring');
  });
});

describe('registry-route fleet (in process): bad input, one line on stderr, exit 2', () => {
  it.each([
    [['fleet'], 'registry-route: fleet needs exactly one FILE (the output of kubectl get clusters.provisioning.cattle.io -A -o yaml; - for stdin)\n'],
    [['fleet', 'a.yaml', 'b.yaml'], 'registry-route: fleet needs exactly one FILE (the output of kubectl get clusters.provisioning.cattle.io -A -o yaml; - for stdin)\n'],
    [['fleet', '/nonexistent.yaml'], 'registry-route: cannot read /nonexistent.yaml: no such file or directory\n'],
    [['fleet', '--secrets', '/nope.yaml', '/nonexistent-too.yaml'], 'registry-route: cannot read /nonexistent-too.yaml: no such file or directory\n'],
  ])('%j', (args, msg) => {
    const r = run(args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', msg]);
  });

  it('a missing --secrets file is named', () => {
    const r = run(['fleet', '--secrets', '/nope.yaml', SMALL]);
    expect([r.code, r.stderr]).toEqual([2, 'registry-route: cannot read /nope.yaml: no such file or directory\n']);
  });

  it('a clusters file that is no YAML names file:line:column', () => {
    const bad = file('items:\n  - [unclosed\n');
    const r = run(['fleet', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^registry-route: ${bad.replace(/[.]/g, '\\.')}:3:1: `));
  });

  it('an empty file: no resources in it, the fix named', () => {
    const empty = file('');
    expect(run(['fleet', empty]).stderr).toBe(`registry-route: ${empty}: no resources in it (expected a List of provisioning.cattle.io/v1 Clusters)\n`);
  });
});

// system-default-registry (spec section 7) for every shape of image reference, in
// both pull contexts and with the context left out. Expected names are written
// from the spec: SDR renames system images only; an image that names a registry
// other than Docker Hub keeps its name (RKE2/K3s prefix the default registry, they
// do not re-home a qualified name); a one-component Rancher name gets rancher/
// first; the omitted context is a workload pull (what `crictl pull` does).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySystemDefaultRegistry, compile, resolveRoute, settingsFromCluster } from '../../src';
import { main } from '../../src/cli/main';

const D = `sha256:${'a'.repeat(64)}`;
const SDR = 'registry.example.com';

const cluster = (sdr: string) => ({
  apiVersion: 'provisioning.cattle.io/v1',
  kind: 'Cluster',
  metadata: { name: 'c', namespace: 'fleet-default' },
  spec: {
    kubernetesVersion: 'v1.32.3+rke2r1',
    rkeConfig: {
      machineGlobalConfig: { 'system-default-registry': sdr },
      registries: { mirrors: { 'registry.example.com': { endpoint: ['https://mirror.example.com'] } } },
    },
  },
});
const compiled = (sdr = SDR) => compile(settingsFromCluster(cluster(sdr)).settings);

// [image typed, name as a workload pull, name as a system image with SDR registry.example.com]
const SHAPES: Array<[string, string, string]> = [
  ['nginx', 'docker.io/library/nginx:latest', 'registry.example.com/rancher/nginx:latest'],
  ['rancher/x:1', 'docker.io/rancher/x:1', 'registry.example.com/rancher/x:1'],
  ['docker.io/rancher/x:1', 'docker.io/rancher/x:1', 'registry.example.com/rancher/x:1'],
  ['index.docker.io/rancher/x:1', 'docker.io/rancher/x:1', 'registry.example.com/rancher/x:1'],
  [`rancher/x@${D}`, `docker.io/rancher/x@${D}`, `registry.example.com/rancher/x@${D}`],
  [`rancher/x:1@${D}`, `docker.io/rancher/x@${D}`, `registry.example.com/rancher/x@${D}`],
  ['quay.io/x', 'quay.io/x:latest', 'quay.io/x:latest'],
  ['quay.io/prometheus/prometheus:v3.0.0', 'quay.io/prometheus/prometheus:v3.0.0', 'quay.io/prometheus/prometheus:v3.0.0'],
  ['ghcr.io/a/b/c:2', 'ghcr.io/a/b/c:2', 'ghcr.io/a/b/c:2'],
  ['localhost:5000/x:1', 'localhost:5000/x:1', 'localhost:5000/x:1'],
  ['localhost/x:1', 'localhost/x:1', 'localhost/x:1'],
  [`registry.example.com:5000/team/app@${D}`, `registry.example.com:5000/team/app@${D}`, `registry.example.com:5000/team/app@${D}`],
  ['registry.example.com/rancher/x:1', 'registry.example.com/rancher/x:1', 'registry.example.com/rancher/x:1'],
];

describe('system-default-registry: every image shape, both contexts', () => {
  const c = compiled();
  for (const [image, workload, system] of SHAPES) {
    it(`${image}: workload ${workload}, system ${system}`, () => {
      expect(resolveRoute(c, image, { context: 'workload' }).image).toBe(workload);
      expect(resolveRoute(c, image, { context: 'system' }).image).toBe(system);
      // the context left out is a workload pull, not a system one
      expect(resolveRoute(c, image).image).toBe(workload);
    });
  }

  it('the renamed system image takes the mirror of the SDR registry; the workload pull goes to Docker Hub', () => {
    expect(resolveRoute(c, 'rancher/x:1', { context: 'system' }).attempts.map((a) => a.url)).toEqual([
      'https://mirror.example.com/v2/rancher/x/manifests/1?ns=registry.example.com',
      'https://registry.example.com/v2/rancher/x/manifests/1',
    ]);
    expect(resolveRoute(c, 'rancher/x:1').attempts.map((a) => a.url)).toEqual(['https://registry-1.docker.io/v2/rancher/x/manifests/1']);
    // quay.io keeps its name, so it keeps its own route in both contexts
    expect(resolveRoute(c, 'quay.io/x', { context: 'system' }).attempts.map((a) => a.url)).toEqual(['https://quay.io/v2/x/manifests/latest']);
  });

  it('an SDR with a port and a path, or a trailing slash', () => {
    expect(applySystemDefaultRegistry('rancher/x:1', 'registry.example.com:5000/mirror')).toBe('registry.example.com:5000/mirror/rancher/x:1');
    expect(applySystemDefaultRegistry('x:1', 'registry.example.com/')).toBe('registry.example.com/rancher/x:1');
    expect(applySystemDefaultRegistry('quay.io/x', 'registry.example.com:5000/mirror')).toBe('quay.io/x');
    expect(applySystemDefaultRegistry('rancher/x:1', undefined)).toBe('rancher/x:1');
    expect(applySystemDefaultRegistry('rancher/x:1', '  ')).toBe('rancher/x:1');
    const r = resolveRoute(compiled('registry.example.com:5000/mirror'), 'rancher/x:1', { context: 'system' });
    expect([r.registry, r.repository, r.attempts.map((a) => a.url)]).toEqual(['registry.example.com:5000', 'mirror/rancher/x', ['https://registry.example.com:5000/v2/mirror/rancher/x/manifests/1']]);
  });

  it('an invalid SDR fails the system pull with SDR_INVALID and leaves workload pulls alone', () => {
    const c2 = compiled('https://registry.example.com');
    const sys = resolveRoute(c2, 'rancher/x:1', { context: 'system' });
    expect([sys.attempts.length, sys.findings.map((f) => f.code)]).toEqual([0, ['SDR_INVALID', 'IMAGE_INVALID']]);
    expect(resolveRoute(c2, 'rancher/x:1').attempts.map((a) => a.url)).toEqual(['https://registry-1.docker.io/v2/rancher/x/manifests/1']);
  });

  it('CLI: --context omitted is a workload pull; --context system renames, and leaves quay.io/x alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-sdr-'));
    const file = join(dir, 'cluster.yaml');
    writeFileSync(file, JSON.stringify(cluster(SDR)));
    const names = (extra: string[]) => {
      let out = '';
      const code = main(['--registries', file, '--json', ...extra, 'rancher/x:1', 'quay.io/x', 'nginx'], { write: (s: string) => ((out += s), true) } as never, { write: () => true } as never);
      expect(code).toBe(0);
      return (JSON.parse(out) as Array<{ image: string }>).map((r) => r.image);
    };
    expect(names([])).toEqual(['docker.io/rancher/x:1', 'quay.io/x:latest', 'docker.io/library/nginx:latest']);
    expect(names(['--context', 'workload'])).toEqual(['docker.io/rancher/x:1', 'quay.io/x:latest', 'docker.io/library/nginx:latest']);
    expect(names(['--context', 'system'])).toEqual(['registry.example.com/rancher/x:1', 'quay.io/x:latest', 'registry.example.com/rancher/nginx:latest']);
  });
});

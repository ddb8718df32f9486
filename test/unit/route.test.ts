import { describe, expect, it } from 'vitest';
import { compile, resolveRoute, settingsFromCluster } from '../../src';
import { compileNode, urls } from './helpers';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('route: containerd host order (k3s-fork, newest)', () => {
  it('goes straight to Docker Hub without mirrors', () => {
    expect(urls({}, 'nginx')).toEqual(['https://registry-1.docker.io/v2/library/nginx/manifests/latest']);
  });
  it('tries mirrors in order, then the registry itself, with ?ns= for mirrors only', () => {
    expect(urls({ mirrors: { 'docker.io': { endpoint: ['https://a.example.com', 'http://b.example.com:5000'] } } }, 'busybox:1.36')).toEqual([
      'https://a.example.com/v2/library/busybox/manifests/1.36?ns=docker.io',
      'http://b.example.com:5000/v2/library/busybox/manifests/1.36?ns=docker.io',
      'https://registry-1.docker.io/v2/library/busybox/manifests/1.36',
    ]);
  });
  it('asks for the digest when the image has one (tag dropped)', () => {
    expect(urls({ mirrors: { 'quay.io': { endpoint: ['https://m.example.com'] } } }, `quay.io/a/b:1@${DIGEST}`)).toEqual([
      `https://m.example.com/v2/a/b/manifests/${DIGEST}?ns=quay.io`,
      `https://quay.io/v2/a/b/manifests/${DIGEST}`,
    ]);
  });
  it('uses the path verbatim with override_path', () => {
    expect(urls({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com/proxy/dockerhub'] } } }, 'nginx')[0]).toBe(
      'https://m.example.com/proxy/dockerhub/library/nginx/manifests/latest?ns=docker.io',
    );
  });
  it('URL-encodes the ns of a registry with a port', () => {
    expect(urls({ mirrors: { 'localhost:5000': { endpoint: ['https://m.example.com'] } } }, 'localhost:5000/app')[0]).toBe(
      'https://m.example.com/v2/app/manifests/latest?ns=localhost%3A5000',
    );
  });
  it('folds a last endpoint equal to the registry into the fallback, but tries a non-last one twice', () => {
    expect(urls({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com', 'docker.io'] } } }, 'nginx')).toHaveLength(2);
    expect(urls({ mirrors: { 'docker.io': { endpoint: ['docker.io', 'https://m.example.com'] } } }, 'nginx')).toEqual([
      'https://registry-1.docker.io/v2/library/nginx/manifests/latest',
      'https://m.example.com/v2/library/nginx/manifests/latest?ns=docker.io',
      'https://registry-1.docker.io/v2/library/nginx/manifests/latest',
    ]);
  });
  it('prefers the registry\'s own directory over _default, with no merging', () => {
    const value = { mirrors: { '*': { endpoint: ['https://all.example.com'] }, 'docker.io': { endpoint: ['https://hub.example.com'] } } };
    expect(urls(value, 'nginx')[0]).toContain('hub.example.com');
    expect(urls(value, 'nginx').join()).not.toContain('all.example.com');
    expect(urls(value, 'quay.io/a/b')[0]).toContain('all.example.com');
  });
  it('uses the host_port_ directory for a registry with a port', () => {
    const c = compileNode({ mirrors: { 'r.example.com:5000': { endpoint: ['https://m.example.com'] } } });
    expect(c.hostsFiles[0].dir).toBe('r.example.com:5000');
    expect(resolveRoute(c, 'r.example.com:5000/app').hostsDir).toBe('r.example.com:5000');
  });
  it('fills the * server for the pulled registry (localhost: http, with skip-verify, https first when TLS)', () => {
    const value = { mirrors: { '*': { endpoint: ['https://m.example.com'] } } };
    expect(urls(value, 'quay.io/a/b')).toEqual(['https://m.example.com/v2/a/b/manifests/latest?ns=quay.io', 'https://quay.io/v2/a/b/manifests/latest']);
    const local = resolveRoute(compileNode(value), 'localhost:5000/app').attempts[1];
    expect(local).toMatchObject({ url: 'https://localhost:5000/v2/app/manifests/latest', httpFallback: true, default: true });
    expect(local.tls.skipVerify).toBe(true);
  });
  it('tries an http endpoint with TLS settings over https first on current releases', () => {
    const value = { mirrors: { 'docker.io': { endpoint: ['http://m.example.com:5000'] } }, configs: { 'm.example.com:5000': { tls: { ca_file: '/ca.pem' } } } };
    const a = resolveRoute(compileNode(value), 'nginx').attempts[0];
    expect(a).toMatchObject({ url: 'https://m.example.com:5000/v2/library/nginx/manifests/latest?ns=docker.io', httpFallback: true, tls: { ca: ['/ca.pem'] } });
    expect(resolveRoute(compileNode(value, { runtime: 'upstream-1.6' }), 'nginx').attempts[0].url.startsWith('http://')).toBe(true);
  });
  it('applies rewrites to mirrors only, never to the registry itself', () => {
    const r = resolveRoute(compileNode({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com'], rewrite: { '^library/(.*)': 'hub/$1' } } } }), 'nginx');
    expect(r.attempts.map((a) => a.repository)).toEqual(['hub/nginx', 'library/nginx']);
    expect(r.attempts[0].url).toBe('https://m.example.com/v2/hub/nginx/manifests/latest?ns=docker.io');
  });
  it('ignores rewrites under upstream containerd', () => {
    const r = resolveRoute(compileNode({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com'], rewrite: { '^library/(.*)': 'hub/$1' } } } }, { runtime: 'upstream' }), 'nginx');
    expect(r.attempts[0].repository).toBe('library/nginx');
  });
  it('falls back to the registry alone when the hosts.toml does not parse', () => {
    const value = { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'], rewrite: { '"': 'x' } } } };
    expect(urls(value, 'nginx')).toEqual(['https://registry-1.docker.io/v2/library/nginx/manifests/latest']);
  });
  it('names the auth config by the exact host of each attempt', () => {
    const value = { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } }, configs: { 'm.example.com': { auth: { username: 'u', password: 'p' } }, 'docker.io': { auth: { username: 'u', password: 'p' } } } };
    const r = resolveRoute(compileNode(value), 'nginx');
    expect(r.attempts.map((a) => a.auth)).toEqual(['m.example.com', 'docker.io']);
    // before containerd fork v2.0.5-k3s2 only registry-1.docker.io worked
    expect(resolveRoute(compileNode(value, { version: 'v1.31.7+rke2r1' }), 'nginx').attempts[1].auth).toBeNull();
  });
  it('prepends the embedded registry (no rewrites) and names its TLS', () => {
    const c = compileNode({ mirrors: { 'docker.io': { rewrite: { '^library/(.*)': 'lib/$1' }, endpoint: ['https://m.example.com'] } } }, { embeddedRegistry: true, distro: 'k3s' });
    const r = resolveRoute(c, 'nginx');
    expect(r.attempts.map((a) => a.endpoint)).toEqual(['https://127.0.0.1:6443/v2', 'https://m.example.com/v2', 'https://registry-1.docker.io/v2']);
    expect(r.attempts[0].repository).toBe('library/nginx');
    expect(r.attempts[1].repository).toBe('lib/nginx');
    expect(r.attempts[0].tls.ca).toEqual(['/var/lib/rancher/k3s/agent/server-ca.crt']);
    expect(resolveRoute(compileNode({ mirrors: { 'docker.io': {} } }, { embeddedRegistry: true, distro: 'rke2' }), 'nginx').attempts[0].endpoint).toBe('https://127.0.0.1:9345/v2');
  });
  it('reports an invalid image with a reason instead of a route', () => {
    const r = resolveRoute(compileNode({}), 'Nginx/App');
    expect(r.attempts).toEqual([]);
    expect(r.findings[0]).toMatchObject({ code: 'IMAGE_INVALID' });
  });
});

describe('release profiles', () => {
  const wildcard = { mirrors: { '*': { endpoint: ['https://mirror.example.com'] } } };
  it('seed scenario: * has no fallback on v1.31.6+rke2r1 and has one on v1.31.7+rke2r1', () => {
    const buggy = resolveRoute(compileNode(wildcard, { version: 'v1.31.6+rke2r1' }), 'quay.io/prometheus/prometheus:v3.0.0');
    expect(buggy.attempts.map((a) => a.url)).toEqual(['https://mirror.example.com/v2/prometheus/prometheus/manifests/v3.0.0?ns=quay.io']);
    expect(buggy.findings.map((f) => f.code)).toContain('WILDCARD_NO_FALLBACK');
    const fixed = resolveRoute(compileNode(wildcard, { version: 'v1.31.7+rke2r1' }), 'quay.io/prometheus/prometheus:v3.0.0');
    expect(fixed.attempts.map((a) => a.url)).toEqual([
      'https://mirror.example.com/v2/prometheus/prometheus/manifests/v3.0.0?ns=quay.io',
      'https://quay.io/v2/prometheus/prometheus/manifests/v3.0.0',
    ]);
    expect(fixed.findings.map((f) => f.code)).not.toContain('WILDCARD_NO_FALLBACK');
  });
  it.each([
    ['v1.32.2+k3s1', false],
    ['v1.32.3+k3s1', true],
    ['v1.31.5+rke2r1', true],
    ['v1.30.10+rke2r1', true],
    ['v1.33.1+rke2r1', true],
    ['v1.29.2+k3s1', false],
    ['v1.29.3+k3s1', true],
  ])('%s: * falls back = %s', (version, fallback) => {
    const r = resolveRoute(compileNode(wildcard, { version }), 'quay.io/a/b');
    expect(r.attempts.some((a) => a.default)).toBe(fallback);
  });
  it('legacy CRI mirrors before the hosts.toml switch: default appended, rewrites on all', () => {
    const value = { mirrors: { 'docker.io': { endpoint: ['m.example.com'], rewrite: { '^library/(.*)': 'lib/$1' } } } };
    const r = resolveRoute(compileNode(value, { version: 'v1.26.12+rke2r1' }), 'nginx');
    expect(r.hostsDir).toBeNull();
    expect(r.attempts.map((a) => a.url)).toEqual(['https://m.example.com/v2/lib/nginx/manifests/latest?ns=docker.io', 'https://registry-1.docker.io/v2/lib/nginx/manifests/latest']);
    expect(compileNode(value, { version: 'v1.26.13+rke2r1' }).profile.id).toBe('hosts-toml-no-wildcard-fallback');
    expect(compileNode(value, { version: 'v1.26.15+rke2r1' }).profile.id).toBe('containerd-1.7');
  });
  it('picks a profile from the version string', () => {
    expect(compileNode({}, { version: 'v1.31.6+rke2r1' }).profile.id).toBe('containerd-2.0-wildcard-bug');
    expect(compileNode({}, { version: 'v1.32.2+k3s1' }).profile.id).toBe('containerd-2.0-wildcard-bug');
    expect(compileNode({}, { version: 'v1.32.3+k3s1' }).profile.id).toBe('containerd-2.0');
    expect(compileNode({}, { version: 'v1.30.14+rke2r1' }).profile.id).toBe('containerd-1.7');
    expect(compileNode({}, {}).profile.id).toBe('containerd-2.2');
    expect(compileNode({}, { runtime: 'upstream' }).profile.id).toBe('upstream');
    expect(compileNode({}, { runtime: 'upstream-1.6' }).profile.id).toBe('upstream-1.6');
  });
  it('upstream containerd always appends the root host, even without a server key', () => {
    const value = { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } } };
    expect(urls(value, 'nginx', { disableDefaultEndpoint: true })).toHaveLength(1);
    expect(urls(value, 'nginx', { disableDefaultEndpoint: true, runtime: 'upstream' })).toHaveLength(2);
  });
});

describe('the two layers: system-default-registry vs mirrors', () => {
  const cluster = {
    apiVersion: 'provisioning.cattle.io/v1',
    kind: 'Cluster',
    metadata: { name: 'c', namespace: 'fleet-default' },
    spec: {
      kubernetesVersion: 'v1.31.7+rke2r1',
      rkeConfig: {
        machineGlobalConfig: { 'system-default-registry': 'registry.example.com' },
        registries: { mirrors: { 'registry.example.com': { endpoint: ['https://registry.example.com'] } } },
      },
    },
  };
  it('seed scenario: SDR set, but crictl pull gitea/gitea still goes to docker.io', () => {
    const c = compile(settingsFromCluster(cluster).settings);
    const r = resolveRoute(c, 'gitea/gitea', { context: 'workload' });
    expect(r.image).toBe('docker.io/gitea/gitea:latest');
    expect(r.attempts.map((a) => a.url)).toEqual(['https://registry-1.docker.io/v2/gitea/gitea/manifests/latest']);
    expect(r.findings.map((f) => f.code)).toContain('DOCKER_HUB_DIRECT');
  });
  it('renames a system image, which then takes the SDR registry\'s mirror, not docker.io\'s', () => {
    const c = compile(settingsFromCluster(cluster).settings);
    const r = resolveRoute(c, 'rancher/rancher-agent:v2.13.0', { context: 'system' });
    expect(r.image).toBe('registry.example.com/rancher/rancher-agent:v2.13.0');
    expect(r.attempts[0].url).toBe('https://registry.example.com/v2/rancher/rancher-agent/manifests/v2.13.0');
    expect(resolveRoute(c, 'rancher-agent:v2.13.0', { context: 'system' }).image).toBe('registry.example.com/rancher/rancher-agent:v2.13.0');
    expect(resolveRoute(c, 'rancher/x:1', { context: 'system', systemDefaultRegistry: 'r2.example.com:5000' }).image).toBe('r2.example.com:5000/rancher/x:1');
  });
  it('reads SDR from machineSelectorConfig without selector, then the global setting', async() => {
    const { effectiveSystemDefaultRegistry } = await import('../../src');
    expect(effectiveSystemDefaultRegistry({ spec: { rkeConfig: { machineSelectorConfig: [{ config: { 'system-default-registry': 'a.example.com' } }] } } })).toEqual({ value: 'a.example.com', source: 'machineSelectorConfig' });
    expect(effectiveSystemDefaultRegistry({ spec: { rkeConfig: { machineSelectorConfig: [{ machineLabelSelector: { x: 1 }, config: { 'system-default-registry': 'a' } }] } } }, 'g.example.com')).toEqual({ value: 'g.example.com', source: 'globalSetting' });
    expect(effectiveSystemDefaultRegistry({}).source).toBe('none');
  });
});

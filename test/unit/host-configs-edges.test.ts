// Edges of the agent's host configs that the K3s Test_UnitGetHostConfigs cases do not
// reach. Expected values: K3s (the embedded registry listens on the supervisor port,
// 9345 on RKE2 and 6443 on K3s, on [::1] when the node is IPv6-only) and the rule that
// a config key the agent cannot parse as an endpoint writes no hosts.toml.
import { describe, expect, it } from 'vitest';
import { embeddedRegistryAddress } from '../../src';
import { configForHost } from '../../src/agent/host-configs';
import { compileNode } from './helpers';

describe('host configs: edges', () => {
  it('the embedded registry address per distribution and IP family', () => {
    expect(embeddedRegistryAddress('rke2')).toBe('127.0.0.1:9345');
    expect(embeddedRegistryAddress('k3s')).toBe('127.0.0.1:6443');
    expect(embeddedRegistryAddress('rke2', true)).toBe('[::1]:9345');
    expect(embeddedRegistryAddress('k3s', true)).toBe('[::1]:6443');
  });

  it('a config key that is no valid endpoint writes no hosts.toml; the valid one beside it does', () => {
    const c = compileNode({ configs: { 'm.example.com:abc': { tls: { insecure_skip_verify: true } }, 'ok.example.com': { tls: { insecure_skip_verify: true } } } });
    expect(c.hostsFiles.map((f) => f.dir)).toEqual(['ok.example.com']);
  });

  it('configForHost: docker.io looks under registry-1.docker.io first, then its own name; no config is {} with no key', () => {
    const configs = { 'registry-1.docker.io': { tls: { caFile: '/a.pem' } }, 'docker.io': { tls: { caFile: '/b.pem' } }, 'quay.io': { tls: { caFile: '/q.pem' } } };
    expect(configForHost(configs, 'docker.io')).toEqual({ config: { tls: { caFile: '/a.pem' } }, key: 'registry-1.docker.io' });
    expect(configForHost({ 'docker.io': { tls: { caFile: '/b.pem' } } }, 'docker.io')).toEqual({ config: { tls: { caFile: '/b.pem' } }, key: 'docker.io' });
    expect(configForHost(configs, 'quay.io')).toEqual({ config: { tls: { caFile: '/q.pem' } }, key: 'quay.io' });
    expect(configForHost(configs, 'ghcr.io')).toEqual({ config: {}, key: null });
    expect(configForHost({}, 'docker.io')).toEqual({ config: {}, key: null });
  });
});

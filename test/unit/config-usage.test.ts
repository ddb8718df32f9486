// Which registry config serves which pull (issue 12: the tab worked this out itself,
// with its own docker.io alias rule). Expected values are written from K3s'
// getHostConfigs: an endpoint looks its config up by the endpoint's host, the registry
// itself by the mirror key, and docker.io (as a key or as registry-1.docker.io) finds a
// registry-1.docker.io config before a docker.io one.
import { describe, expect, it } from 'vitest';
import { configUsage, hostsWithoutConfig } from '../../src';
import { compileNode } from './helpers';

const tls = { tls: { insecure_skip_verify: true } };

describe('configUsage', () => {
  it('an endpoint uses the config of its host (port included); the mirror key uses its own', () => {
    const c = compileNode({
      mirrors: {
        'quay.io': { endpoint: ['https://mirror.example.com:5000/v2', 'https://other.example.com'] },
        'ghcr.io': { endpoint: ['mirror.example.com:5000'] },
      },
      configs: { 'mirror.example.com:5000': tls, 'quay.io': tls, 'unused.example.com': tls },
    });
    expect(configUsage(c)).toEqual({
      'mirror.example.com:5000': [
        { mirror: 'quay.io', endpoint: 'https://mirror.example.com:5000/v2' },
        { mirror: 'ghcr.io', endpoint: 'mirror.example.com:5000' },
      ],
      'quay.io': [{ mirror: 'quay.io', endpoint: null }],
    });
  });

  it('docker.io finds a registry-1.docker.io config first, as a key and as an endpoint', () => {
    const both = { 'registry-1.docker.io': tls, 'docker.io': tls };
    const c = compileNode({ mirrors: { 'docker.io': { endpoint: ['https://registry-1.docker.io'] } }, configs: both });
    expect(configUsage(c)).toEqual({
      'registry-1.docker.io': [
        { mirror: 'docker.io', endpoint: 'https://registry-1.docker.io' },
        { mirror: 'docker.io', endpoint: null },
      ],
    });
    const onlyDockerIo = compileNode({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } }, configs: { 'docker.io': tls } });
    expect(configUsage(onlyDockerIo)).toEqual({ 'docker.io': [{ mirror: 'docker.io', endpoint: null }] });
  });

  it('the registry itself counts only where the route tries it: not with disable-default, never for *', () => {
    // docker.io's directory is its own (the config sits under registry-1.docker.io), so
    // disable-default leaves it without a server
    const hub = { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] }, '*': { endpoint: ['https://m.example.com'] } }, configs: { 'registry-1.docker.io': tls, '*': tls } };
    expect(configUsage(compileNode(hub, { version: 'v1.31.11+k3s1', disableDefaultEndpoint: true }))).toEqual({});
    expect(configUsage(compileNode(hub, { version: 'v1.31.11+k3s1' }))).toEqual({ 'registry-1.docker.io': [{ mirror: 'docker.io', endpoint: null }] });
    // legacy CRI (v1.26.5): disable-default does not apply there, the registry is tried
    expect(configUsage(compileNode(hub, { version: 'v1.26.5+k3s1', disableDefaultEndpoint: true }))).toEqual({ 'registry-1.docker.io': [{ mirror: 'docker.io', endpoint: null }] });
  });

  it('disable-default does nothing for a key that is also in configs (docs/route-semantics.md §4): its config still serves the registry', () => {
    const value = { mirrors: { 'quay.io': { endpoint: ['https://m.example.com'] } }, configs: { 'quay.io': tls } };
    expect(configUsage(compileNode(value, { version: 'v1.31.11+k3s1', disableDefaultEndpoint: true }))).toEqual({ 'quay.io': [{ mirror: 'quay.io', endpoint: null }] });
  });

  it('an endpoint the agent cannot read uses nothing', () => {
    expect(configUsage(compileNode({ mirrors: { 'quay.io': { endpoint: ['https://m.example.com:port'] } }, configs: { 'm.example.com:port': tls, 'm.example.com': tls } }))).toEqual({});
  });
});

describe('hostsWithoutConfig', () => {
  const value = {
    mirrors: {
      'docker.io': { endpoint: ['https://a.example.com', 'b.example.com:5000', 'https://registry-1.docker.io'] },
      'quay.io': { endpoint: ['https://a.example.com/v2'] },
    },
    configs: { 'b.example.com:5000': tls, 'registry-1.docker.io': tls },
  };

  it('endpoint hosts no config serves, each once, in the order they appear', () => {
    expect(hostsWithoutConfig(compileNode(value))).toEqual(['a.example.com']);
  });

  it('adds the system-default-registry host when it is a valid registry, not when it is a URL', () => {
    expect(hostsWithoutConfig(compileNode(value), 'sdr.example.com:8443')).toEqual(['a.example.com', 'sdr.example.com:8443']);
    expect(hostsWithoutConfig(compileNode(value), 'sdr.example.com/team')).toEqual(['a.example.com', 'sdr.example.com']);
    expect(hostsWithoutConfig(compileNode(value), 'https://sdr.example.com')).toEqual(['a.example.com']);
    expect(hostsWithoutConfig(compileNode(value), '  ')).toEqual(['a.example.com']);
    expect(hostsWithoutConfig(compileNode(value), 'b.example.com:5000')).toEqual(['a.example.com']);
  });
});

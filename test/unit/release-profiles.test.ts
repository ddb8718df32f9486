// Release thresholds: which profile (and so which behaviour) each RKE2/K3s release gets.
// Each threshold is pinned on both sides: the last release without the behaviour (n-1)
// and the first with it (n), for both distros. The expected values are the component
// tables of the RKE2 and K3s release notes (docs/release-profiles.md).
import { describe, expect, it } from 'vitest';
import { forkProfileFor, parseVersion, resolveRoute } from '../../src';
import { compileNode } from './helpers';

const DISTROS = [
  ['rke2', (v: string, r = 1) => `${v}+rke2r${r}`],
  ['k3s', (v: string, r = 1) => `${v}+k3s${r}`],
] as const;

/** [last release before, first release with] per minor */
type Boundary = Array<[string, string]>;

function expectBoundaries(boundaries: Boundary, before: string, after: string) {
  for (const [distro, tag] of DISTROS) {
    for (const [prev, first] of boundaries) {
      expect(forkProfileFor(tag(prev)).id, `${distro} ${tag(prev)}`).toBe(before);
      expect(forkProfileFor(tag(first)).id, `${distro} ${tag(first)}`).toBe(after);
    }
  }
}

describe('release profiles (n-1, n) for RKE2 and K3s', () => {
  it('containerd 2.0 arrives with the * fallback bug in v1.31.6 / v1.32.2', () => {
    expectBoundaries([['v1.31.5', 'v1.31.6'], ['v1.32.1', 'v1.32.2']], 'containerd-1.7', 'containerd-2.0-wildcard-bug');
  });

  it('the * fallback is fixed from v1.31.7 / v1.32.3', () => {
    expectBoundaries([['v1.31.6', 'v1.31.7'], ['v1.32.2', 'v1.32.3']], 'containerd-2.0-wildcard-bug', 'containerd-2.0');
    expect(forkProfileFor('v1.33.0+rke2r1').id).toBe('containerd-2.0');
  });

  it('the docker.io auth alias (fork v2.0.5-k3s2) starts at v1.31.11 / v1.32.7 / v1.33.3, not at the .10 / .6 / .2 releases', () => {
    expectBoundaries([['v1.31.10', 'v1.31.11'], ['v1.32.6', 'v1.32.7'], ['v1.33.2', 'v1.33.3']], 'containerd-2.0', 'containerd-2.0-k3s2');
    for (const v of ['v1.31.10+rke2r1', 'v1.32.6+k3s1', 'v1.33.2+rke2r1']) {
      expect(forkProfileFor(v).dockerIoAuthAlias, v).toBe(false);
    }
    for (const v of ['v1.31.11+rke2r1', 'v1.32.7+k3s1', 'v1.33.3+rke2r1']) {
      expect(forkProfileFor(v).dockerIoAuthAlias, v).toBe(true);
    }
  });

  it('1.30 never gets containerd 2 nor the alias', () => {
    for (const v of ['v1.30.0+rke2r1', 'v1.30.14+rke2r4', 'v1.30.14+k3s1']) {
      expect(forkProfileFor(v).id, v).toBe('containerd-1.7');
      expect(forkProfileFor(v).dockerIoAuthAlias, v).toBe(false);
    }
  });

  it('containerd 2.1 from v1.31.13 / v1.32.9 / v1.33.5 and all of 1.34', () => {
    expectBoundaries([['v1.31.12', 'v1.31.13'], ['v1.32.8', 'v1.32.9'], ['v1.33.4', 'v1.33.5']], 'containerd-2.0-k3s2', 'containerd-2.1');
    expect(forkProfileFor('v1.34.1+rke2r1').id).toBe('containerd-2.1');
    expect(forkProfileFor('v1.31.14+rke2r2').id).toBe('containerd-2.1');
  });

  it('containerd 2.2 from v1.32.13+rke2r2 / v1.33.10 / v1.34.6 / v1.35.3', () => {
    expectBoundaries([['v1.33.9', 'v1.33.10'], ['v1.34.5', 'v1.34.6'], ['v1.35.2', 'v1.35.3']], 'containerd-2.1', 'containerd-2.2');
    // 1.32.13 was re-released: rke2r1 ships fork v2.1.5, rke2r2 ships v2.2.2
    expect(forkProfileFor('v1.32.12+rke2r1').id).toBe('containerd-2.1');
    expect(forkProfileFor('v1.32.13+rke2r1').id).toBe('containerd-2.1');
    expect(forkProfileFor('v1.32.13+rke2r2').id).toBe('containerd-2.2');
    expect(forkProfileFor('v1.32.14+rke2r1').id).toBe('containerd-2.2');
    expect(forkProfileFor('v1.36.0+rke2r1').id).toBe('containerd-2.2');
  });

  it('no version: the newest behaviour', () => {
    expect(forkProfileFor(undefined).id).toBe('containerd-2.2');
  });

  it('reads the distro and the re-release number', () => {
    expect(parseVersion('v1.32.13+rke2r2')).toEqual({ distro: 'rke2', minor: 32, patch: 13, revision: 2 });
    expect(parseVersion('v1.33.3+k3s1')).toEqual({ distro: 'k3s', minor: 33, patch: 3, revision: 1 });
    expect(parseVersion('v1.33.3')).toEqual({ distro: undefined, minor: 33, patch: 3, revision: 1 });
  });
});

describe('the docker.io auth alias as the route shows it', () => {
  // credentials stored under configs "docker.io" are sent to registry-1.docker.io only
  // by the fork releases that have the alias
  const value = {
    mirrors: {},
    configs: { 'docker.io': { auth: { username: 'u', password: 'p' } } },
  };
  const hubAuth = (version: string) => resolveRoute(compileNode(value, { version }), 'nginx').attempts[0].auth;

  it('v1.32.6 pulls from Docker Hub without them; v1.32.7 with them', () => {
    expect(hubAuth('v1.32.6+rke2r1')).toBeNull();
    expect(hubAuth('v1.32.7+rke2r1')).toBe('docker.io');
    expect(hubAuth('v1.33.2+k3s1')).toBeNull();
    expect(hubAuth('v1.33.3+k3s1')).toBe('docker.io');
  });
});

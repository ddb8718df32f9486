// Every release threshold of src/input/profiles.ts pinned at its boundary: the
// last release without the behaviour (n-1) and the first with it (n), for RKE2
// and K3s. The versions are written from the release history, not read from the
// engine: the hosts.toml switch (RKE2 docs: v1.26.13, v1.27.10, v1.28.6, v1.29.1),
// the `*` server = "" fallback (K3s #9728, March 2024: v1.26.15, v1.27.12, v1.28.8,
// v1.29.3), the containerd 2.0 fork with the wildcard bug (v1.31.6, v1.32.2),
// its fix (v1.31.7, v1.32.3), and Docker Hub credentials under configs key
// docker.io (fork v2.0.5-k3s2: v1.31.11, v1.32.7, v1.33.3).
import { describe, expect, it } from 'vitest';
import { compile, forkProfileFor, resolveRoute, settingsFromNodeValue } from '../../src';

type Id = ReturnType<typeof forkProfileFor>['id'];
// [last release without, first release with, profile before, profile from]
const THRESHOLDS: Array<[string, string, string, Id, Id]> = [
  ['hosts.toml', '1.26.12', '1.26.13', 'legacy-cri', 'hosts-toml-no-wildcard-fallback'],
  ['hosts.toml', '1.27.9', '1.27.10', 'legacy-cri', 'hosts-toml-no-wildcard-fallback'],
  ['hosts.toml', '1.28.5', '1.28.6', 'legacy-cri', 'hosts-toml-no-wildcard-fallback'],
  ['hosts.toml', '1.29.0', '1.29.1', 'legacy-cri', 'hosts-toml-no-wildcard-fallback'],
  ['* fallback', '1.26.14', '1.26.15', 'hosts-toml-no-wildcard-fallback', 'containerd-1.7'],
  ['* fallback', '1.27.11', '1.27.12', 'hosts-toml-no-wildcard-fallback', 'containerd-1.7'],
  ['* fallback', '1.28.7', '1.28.8', 'hosts-toml-no-wildcard-fallback', 'containerd-1.7'],
  ['* fallback', '1.29.2', '1.29.3', 'hosts-toml-no-wildcard-fallback', 'containerd-1.7'],
  ['containerd 2.0 (bug)', '1.31.5', '1.31.6', 'containerd-1.7', 'containerd-2.0-wildcard-bug'],
  ['containerd 2.0 (bug)', '1.32.1', '1.32.2', 'containerd-1.7', 'containerd-2.0-wildcard-bug'],
  ['containerd 2.0 fixed', '1.31.6', '1.31.7', 'containerd-2.0-wildcard-bug', 'containerd-2.0'],
  ['containerd 2.0 fixed', '1.32.2', '1.32.3', 'containerd-2.0-wildcard-bug', 'containerd-2.0'],
];
// minors outside the tables: older ones never switched, newer ones always have it
const WHOLE_MINORS: Array<[string, Id]> = [
  ['1.25.16', 'legacy-cri'],
  ['1.30.0', 'containerd-1.7'],
  ['1.30.14', 'containerd-1.7'],
  ['1.33.0', 'containerd-2.0'],
  ['1.34.1', 'containerd-2.0'],
];
const ALIAS: Array<[string, string]> = [
  ['1.31.10', '1.31.11'],
  ['1.32.6', '1.32.7'],
  ['1.33.2', '1.33.3'],
];
const DISTROS = [(v: string) => `v${v}+rke2r1`, (v: string) => `v${v}+k3s1`];

describe('release thresholds at their boundaries (RKE2 and K3s)', () => {
  for (const [what, before, from, idBefore, idFrom] of THRESHOLDS) {
    it(`${what}: v${before} is ${idBefore}, v${from} is ${idFrom}`, () => {
      for (const v of DISTROS) expect([forkProfileFor(v(before)).id, forkProfileFor(v(from)).id]).toEqual([idBefore, idFrom]);
    });
  }
  it('minors before and after the tables', () => {
    for (const v of DISTROS) expect(WHOLE_MINORS.map(([x]) => forkProfileFor(v(x)).id)).toEqual(WHOLE_MINORS.map(([, id]) => id));
  });
  for (const [before, from] of ALIAS) {
    it(`Docker Hub credentials under configs key docker.io: not on v${before}, from v${from}`, () => {
      for (const v of DISTROS) expect([forkProfileFor(v(before)).dockerIoAuthAlias, forkProfileFor(v(from)).dockerIoAuthAlias]).toEqual([false, true]);
    });
  }
  it('Docker Hub credentials under docker.io: never on containerd 1.7 (v1.30.14), always on minors after the table (v1.34.0)', () => {
    for (const v of DISTROS) expect([forkProfileFor(v('1.30.14')).dockerIoAuthAlias, forkProfileFor(v('1.34.0')).dockerIoAuthAlias]).toEqual([false, true]);
  });
  it('the docker.io alias as a route shows it: auth docker.io on the Docker Hub attempt from v1.33.3, anonymous on v1.33.2', () => {
    const node = { configs: { 'docker.io': { auth: { username: 'u', password: 'p' } } } };
    const auth = (version: string) => {
      const s = settingsFromNodeValue(node, { version });
      return resolveRoute(compile({ ...s.settings, version }), 'nginx').attempts.map((a) => [a.url, a.auth]);
    };
    expect(auth('v1.33.2+k3s1')).toEqual([['https://registry-1.docker.io/v2/library/nginx/manifests/latest', null]]);
    expect(auth('v1.33.3+k3s1')).toEqual([['https://registry-1.docker.io/v2/library/nginx/manifests/latest', 'docker.io']]);
  });
  it('the wildcard fallback as a route shows it: v1.28.7 tries the mirror only, v1.28.8 falls back to the registry', () => {
    const node = { mirrors: { '*': { endpoint: ['https://all.example.com'] } } };
    const urls = (version: string) => resolveRoute(compile({ ...settingsFromNodeValue(node).settings, version }), 'quay.io/a/b:1').attempts.map((a) => a.url);
    expect(urls('v1.28.7+rke2r1')).toEqual(['https://all.example.com/v2/a/b/manifests/1?ns=quay.io']);
    expect(urls('v1.28.8+rke2r1')).toEqual(['https://all.example.com/v2/a/b/manifests/1?ns=quay.io', 'https://quay.io/v2/a/b/manifests/1']);
  });
});

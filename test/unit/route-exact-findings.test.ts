// The findings of the route stage, whole: field path, severity, message, fix, params and
// variant, as the tab and the CLI show them. Each expected object is written out by hand
// from the inputs (the registry an image names, the mirror key that serves it, the
// release, the system-default-registry), not read back from the engine: the tab links a
// finding to its field by path and words it from its params, so a wrong path or param is
// a finding shown on the wrong field or with the wrong value.
import { describe, expect, it } from 'vitest';
import { compileCluster, hostsWithoutConfig, resolveRoute, sdrMirrorSuggestion, type Finding } from '../../src';
import { compileNode } from './helpers';

const M = 'https://m.example.com';
const routeFindings = (value: unknown, image: string, base = {}, opts = {}) => resolveRoute(compileNode(value, base), image, opts).findings;
const byCode = (list: Finding[], code: string) => list.filter((x) => x.code === code);

describe('fallback findings of a route', () => {
  it('the * mirror on a release with the containerd 2.0 bug: WILDCARD_NO_FALLBACK at mirrors.*, with the release and the fixed ones', () => {
    expect(byCode(routeFindings({ mirrors: { '*': { endpoint: [M] } } }, 'ghcr.io/team/app:1', { version: 'v1.32.2+k3s1' }), 'WILDCARD_NO_FALLBACK')).toEqual([
      {
        code: 'WILDCARD_NO_FALLBACK',
        severity: 'warning',
        path: ['mirrors', '*'],
        message: 'No fallback to ghcr.io on v1.32.2+k3s1: if the mirrors lack this image, the pull fails',
        fix: 'Upgrade to v1.31.7 / v1.32.3 or later, or add a mirror key for ghcr.io.',
        params: { registry: 'ghcr.io', hasVersion: 'yes', version: 'v1.32.2+k3s1', fixed: 'v1.31.7 / v1.32.3 or later' },
        variant: 'route',
      },
    ]);
  });

  it('disable-default-registry-endpoint: NO_FALLBACK (not the * bug), at the key that serves the image', () => {
    const noFallback = (registry: string, key: string) => ({
      code: 'NO_FALLBACK',
      severity: 'info',
      path: ['mirrors', key],
      message: `No fallback to ${registry}: if every mirror fails, the pull fails`,
      fix: 'Intended for air-gapped clusters; otherwise turn off disable-default-registry-endpoint.',
      params: { registry },
    });
    // on the release with the * bug too: with the default endpoint off, there is no fallback to lose
    for (const version of ['v1.32.2+k3s1', 'v1.32.3+k3s1']) {
      const base = { version, disableDefaultEndpoint: true };
      const star = routeFindings({ mirrors: { '*': { endpoint: [M] } } }, 'ghcr.io/team/app:1', base);
      expect(byCode(star, 'WILDCARD_NO_FALLBACK')).toEqual([]);
      expect(byCode(star, 'NO_FALLBACK')).toEqual([noFallback('ghcr.io', '*')]);
      expect(byCode(routeFindings({ mirrors: { 'ghcr.io': { endpoint: [M] } } }, 'ghcr.io/team/app:1', base), 'NO_FALLBACK')).toEqual([noFallback('ghcr.io', 'ghcr.io')]);
    }
    // a registry key of its own on the release with the * bug: only disable-default takes the fallback
    expect(byCode(routeFindings({ mirrors: { 'ghcr.io': { endpoint: [M] } } }, 'ghcr.io/team/app:1', { version: 'v1.32.2+k3s1' }), 'NO_FALLBACK')).toEqual([]);
  });

  it('a hosts.toml the node cannot parse: HOSTS_TOML_UNPARSABLE at the mirror, naming its certs.d directory (K3s names it after the key, port included)', () => {
    const l = routeFindings({ mirrors: { 'registry.example.com:5000': { endpoint: [M], rewrite: { '^library/(\\w+)': 'x/$1' } } } }, 'registry.example.com:5000/library/app:1');
    expect(byCode(l, 'HOSTS_TOML_UNPARSABLE')).toEqual([
      {
        code: 'HOSTS_TOML_UNPARSABLE',
        severity: 'error',
        path: ['mirrors', 'registry.example.com:5000'],
        message: 'certs.d/registry.example.com:5000/hosts.toml does not parse: only the registry itself is tried',
        fix: 'Fix the rewrite patterns or endpoints of this mirror.',
        params: { dir: 'registry.example.com:5000' },
        variant: 'route',
      },
    ]);
  });
});

describe('Docker Hub direct', () => {
  it('no mirror at all: DOCKER_HUB_DIRECT at mirrors (no docker.io key to point at)', () => {
    expect(byCode(routeFindings({}, 'nginx'), 'DOCKER_HUB_DIRECT')).toEqual([
      { code: 'DOCKER_HUB_DIRECT', severity: 'info', path: ['mirrors'], message: 'This pull goes straight to Docker Hub, which rate-limits anonymous pulls', fix: 'Add a docker.io (or *) mirror.' },
    ]);
  });

  it('a docker.io key whose endpoint is Docker Hub itself, with credentials: at mirrors.docker.io, naming the config', () => {
    const l = routeFindings({ mirrors: { 'docker.io': { endpoint: ['https://registry-1.docker.io'] } }, configs: { 'registry-1.docker.io': { auth: { username: 'u', password: 'p' } } } }, 'nginx');
    expect(byCode(l, 'DOCKER_HUB_DIRECT')).toEqual([
      {
        code: 'DOCKER_HUB_DIRECT',
        severity: 'info',
        path: ['mirrors', 'docker.io'],
        message: 'This pull goes straight to Docker Hub with the credentials of configs.registry-1.docker.io: the pull rate limit of that Docker account applies',
        fix: 'Nothing to fix if the account allows enough pulls; otherwise add a docker.io (or *) mirror.',
        params: { config: 'registry-1.docker.io' },
        variant: 'auth',
      },
    ]);
  });
});

describe('rewrite findings of a route', () => {
  it('two rewrites of the * mirror match: REWRITE_AMBIGUOUS at mirrors.* (the key that holds them), at the second pattern in hosts.toml order (sorted: ( before t)', () => {
    const l = routeFindings({ mirrors: { '*': { endpoint: [M], rewrite: { '^team/(.*)': 'a/$1', '^(.*)$': 'b/$1' } } } }, 'ghcr.io/team/app:1', { version: 'v1.32.3+k3s1' });
    expect(byCode(l, 'REWRITE_AMBIGUOUS')).toEqual([
      {
        code: 'REWRITE_AMBIGUOUS',
        severity: 'warning',
        path: ['mirrors', '*', 'rewrite', '^team/(.*)'],
        message: '2 rewrites match team/app (^(.*)$, ^team/(.*)); containerd tries them in random order, so the result is unpredictable',
        fix: 'Anchor the patterns so that at most one matches each image.',
        params: { count: '2', repository: 'team/app', patterns: '^(.*)$, ^team/(.*)' },
      },
    ]);
  });

  it('a rewrite of the * mirror that leaves no repository: REWRITE_EMPTY_RESULT at mirrors.*, with the request it makes (a mirror request names the registry in ns=)', () => {
    const l = routeFindings({ mirrors: { '*': { endpoint: [M], rewrite: { '^team/(.*)$': '' } } } }, 'ghcr.io/team/app:1', { version: 'v1.32.3+k3s1' });
    expect(byCode(l, 'REWRITE_EMPTY_RESULT')).toEqual([
      {
        code: 'REWRITE_EMPTY_RESULT',
        severity: 'error',
        path: ['mirrors', '*', 'rewrite', '^team/(.*)$'],
        message: 'The rewrite turns team/app into "": the request https://m.example.com/v2/manifests/1?ns=ghcr.io names no repository (or an empty part of one), so the mirror cannot serve it',
        fix: 'Give the replacement the repository path, e.g. mirror/$1, and keep the group that holds the image name.',
        params: { repository: 'team/app', result: '', url: 'https://m.example.com/v2/manifests/1?ns=ghcr.io' },
      },
    ]);
  });
});

describe('an image the route cannot take', () => {
  const imageFix = 'Enter a reference such as nginx:1.27, registry.example.com/team/app:1.0 or app@sha256:<64 hex digits>.';

  it('an invalid reference: no registry, no attempts, IMAGE_INVALID at the image field', () => {
    expect(resolveRoute(compileNode({}), 'Team/App:1')).toEqual({
      input: 'Team/App:1',
      image: 'Team/App:1',
      registry: '',
      repository: '',
      reference: '',
      hostsDir: null,
      attempts: [],
      findings: [
        {
          code: 'IMAGE_INVALID',
          severity: 'error',
          path: ['image'],
          message: '"Team/App:1" is not a valid image reference: repository name must be lower case: "App"',
          fix: imageFix,
          params: { image: 'Team/App:1', error: 'repository name must be lower case: "App"' },
        },
      ],
    });
  });

  it('a system image with an invalid system-default-registry: SDR_INVALID, and IMAGE_INVALID at the setting (the image is fine)', () => {
    const r = resolveRoute(compileNode({}), 'nginx', { context: 'system', systemDefaultRegistry: 'https://r.example.com' });
    expect([r.registry, r.repository, r.reference, r.hostsDir, r.attempts]).toEqual(['', '', '', null, []]);
    expect(r.findings).toEqual([
      {
        code: 'SDR_INVALID',
        severity: 'error',
        path: ['systemDefaultRegistry'],
        message: 'system-default-registry "https://r.example.com" has a scheme; it is a registry name such as registry.example.com, not a URL',
        fix: 'Use host[:port] or host[:port]/path, e.g. registry.example.com:5000.',
        params: { value: 'https://r.example.com', problem: 'scheme' },
        variant: 'route',
      },
      {
        code: 'IMAGE_INVALID',
        severity: 'error',
        path: ['systemDefaultRegistry'],
        message: 'The system image name of "nginx" cannot be formed: system-default-registry "https://r.example.com" is invalid',
        fix: 'Correct the system-default-registry setting (host[:port] or host[:port]/path, e.g. registry.example.com:5000); the image itself is fine.',
        params: { image: 'nginx', sdr: 'https://r.example.com' },
        variant: 'sdr',
      },
    ]);
  });

  it('an invalid system image and an invalid system-default-registry: both said, the image at its own field', () => {
    const r = resolveRoute(compileNode({}), 'Nginx', { context: 'system', systemDefaultRegistry: 'r.example.com:0' });
    expect(r.findings.map((x) => [x.code, x.path, x.params])).toEqual([
      ['SDR_INVALID', ['systemDefaultRegistry'], { value: 'r.example.com:0', problem: 'invalid' }],
      ['IMAGE_INVALID', ['image'], { image: 'Nginx', error: 'repository name must be lower case: "library/Nginx"' }],
    ]);
  });

  it('a valid image whose system image name is too long: IMAGE_INVALID at the setting, naming both names', () => {
    // the repository <200 a>/app (204 characters) is valid; behind registry.example.com/<60 p>
    // it becomes <60 p>/<200 a>/app: 60 + 1 + 204 = 265 characters, past the 255 of a repository name
    const image = `${'a'.repeat(200)}/app:1`;
    const sdr = `registry.example.com/${'p'.repeat(60)}`;
    const name = `${sdr}/${'a'.repeat(200)}/app:1`;
    const error = 'repository name is longer than 255 characters';
    // texts shorten a value past 200 characters to its first 200 and its length
    const shown = (v: string) => `${v.slice(0, 200)}… (${v.length} characters)`;
    const r = resolveRoute(compileNode({}), image, { context: 'system', systemDefaultRegistry: sdr });
    expect([r.input, r.image, r.registry, r.attempts]).toEqual([image, name, '', []]);
    expect(r.findings).toEqual([
      {
        code: 'IMAGE_INVALID',
        severity: 'error',
        path: ['systemDefaultRegistry'],
        message: `The system image name "${shown(name)}" is not a valid image reference: ${error}`,
        fix: `"${shown(image)}" is valid on its own: shorten the path of system-default-registry "${sdr}" (or the image name) so that the system image name is valid.`,
        params: { name: shown(name), image: shown(image), sdr, error },
        variant: 'systemName',
      },
    ]);
    // the same image as a workload image is fine
    expect(resolveRoute(compileNode({}), image).findings.map((x) => x.code)).not.toContain('IMAGE_INVALID');
  });
});

describe('system-default-registry only (SDR_ONLY)', () => {
  const sdrOnly = (sdr: string, value: unknown = {}) => byCode(compileNode(value, { systemDefaultRegistry: sdr }).findings, 'SDR_ONLY');
  const message = (sdr: string) => `system-default-registry ${sdr} renames Rancher's system images only: workload images from Docker Hub (and crictl pull) still go straight to Docker Hub, which rate-limits anonymous pulls`;

  it('with a path: the suggested docker.io mirror takes its host, a rewrite its path', () => {
    expect(sdrOnly(' registry.example.com:5000/mirror ')).toEqual([
      {
        code: 'SDR_ONLY',
        severity: 'warning',
        path: ['mirrors', 'docker.io'],
        message: message('registry.example.com:5000/mirror'),
        fix: 'Add a docker.io mirror with endpoint https://registry.example.com:5000 and rewrite ^(.*)$ → mirror/$1, if registry.example.com:5000/mirror serves Docker Hub images.',
        params: { sdr: 'registry.example.com:5000/mirror', hasSuggestion: 'yes', endpoint: 'https://registry.example.com:5000', hasRewrite: 'yes', pattern: '^(.*)$', replacement: 'mirror/$1' },
      },
    ]);
  });

  it('an invalid one: no suggestion, empty suggestion params', () => {
    expect(sdrOnly('https://r.example.com')).toEqual([
      {
        code: 'SDR_ONLY',
        severity: 'warning',
        path: ['mirrors', 'docker.io'],
        message: message('https://r.example.com'),
        fix: 'Add a docker.io mirror whose endpoint is your registry.',
        params: { sdr: 'https://r.example.com', hasSuggestion: 'no', endpoint: '', hasRewrite: 'no', pattern: '', replacement: '' },
      },
    ]);
  });

  it('blank, or with a docker.io mirror: none', () => {
    expect(sdrOnly('   ')).toEqual([]);
    expect(sdrOnly('registry.example.com', { mirrors: { 'docker.io': { endpoint: [M] } } })).toEqual([]);
  });

  it('the suggestion drops blanks and every trailing slash', () => {
    expect(sdrMirrorSuggestion(' r.example.com/team// ')).toEqual({ key: 'docker.io', endpoint: 'https://r.example.com', rewrite: ['^(.*)$', 'team/$1'] });
    expect(sdrMirrorSuggestion('r.example.com//')).toEqual({ key: 'docker.io', endpoint: 'https://r.example.com' });
    expect(sdrMirrorSuggestion(undefined)).toBeUndefined();
  });
});

describe('Docker Hub from mirrors only (DOCKER_HUB_NO_FALLBACK)', () => {
  const dh = (value: unknown, base: object) => byCode(compileNode(value, base).findings, 'DOCKER_HUB_NO_FALLBACK').map((x) => [x.severity, x.path]);

  it('a docker.io mirror with disable-default, on the release with the * bug too (that bug is the * key\'s)', () => {
    for (const version of ['v1.32.2+k3s1', 'v1.32.3+k3s1']) {
      expect(dh({ mirrors: { 'docker.io': { endpoint: [M] } } }, { version, disableDefaultEndpoint: true })).toEqual([['info', ['mirrors', 'docker.io']]]);
    }
  });

  it('the * mirror on the release with the bug: said once, as WILDCARD_NO_FALLBACK, not twice', () => {
    expect(dh({ mirrors: { '*': { endpoint: [M] } } }, { version: 'v1.32.2+k3s1' })).toEqual([]);
    expect(dh({ mirrors: { '*': { endpoint: [M] } } }, { version: 'v1.32.2+k3s1', disableDefaultEndpoint: true })).toEqual([['info', ['mirrors', 'docker.io']]]);
  });
});

describe('the surface a cluster is read for, and the hosts without a config', () => {
  const cluster = { spec: { rkeConfig: { registries: { mirrors: { 'docker.io': { endpoint: [''] } } } } } };
  it('an empty endpoint: the CLI says to edit the list, the tab to remove the row', () => {
    const fixOf = (surface?: 'cli' | 'tab') => compileCluster(cluster, surface ? { surface } : {}).compiled.findings.filter((x) => x.code === 'ENDPOINT_INVALID').map((x) => [x.path, x.fix, x.variant]);
    expect(fixOf('cli')).toEqual([[['mirrors', 'docker.io', 'endpoint', 0], 'Give a URL such as https://mirror.example.com, or remove the empty entry from the list.', 'empty.cli']]);
    expect(fixOf()).toEqual([[['mirrors', 'docker.io', 'endpoint', 0], 'Enter a URL such as https://mirror.example.com, or remove the row.', 'empty']]);
  });
  it('hostsWithoutConfig leaves out an endpoint that does not parse', () => {
    expect(hostsWithoutConfig(compileNode({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com:port', 'https://n.example.com'] } } }))).toEqual(['n.example.com']);
  });
});

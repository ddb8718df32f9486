// The cases of K3s' Test_UnitGetHostConfigs (k3s-io/k3s,
// pkg/agent/containerd/config_test.go, hosts.toml era with the `server = ""`
// fallback for `*`, commit 06ea261c), restated in our own data form, plus a few
// cases derived from getHostConfigs / normalizeEndpointAddress / InjectMirror in
// the same K3s source that the upstream table does not cover.
//
// As in upstream, the embedded registry is injected first (spegel InjectMirror →
// our withEmbeddedRegistry) and the host configs are built from the result
// (getHostConfigs → our buildHostConfigs).
//
// For a subset, the pull route is checked as well: the ordered attempt URLs for
// one image, derived by hand from docs/route-semantics.md §6 (K3s containerd fork).
import { describe, expect, it } from 'vitest';
import { buildHostConfigs, compile, renderHostsToml, resolveRoute, withEmbeddedRegistry } from '../../src';
import type { MirrorEntry, Registries, RegistryConfigEntry, RouteSettings } from '../../src/types';

// ---------------------------------------------------------------- data form

interface Ep {
  url: string | null;
  overridePath: boolean;
  rewrites: Array<[string, string]>;
  config: RegistryConfigEntry;
}

type Expected = Record<string, { default: Ep | null; endpoints: Ep[] }>;

interface RouteCheck {
  image: string;
  /** attempt URLs in order */
  urls: string[];
}

interface Case {
  name: string;
  registries: Registries;
  noDefaultEndpoint: boolean;
  mirrorAddr?: string;
  expected: Expected;
  routes?: RouteCheck[];
}

const DOCKER = 'https://registry-1.docker.io/v2';
const EX = 'https://registry.example.com/v2';
const ORG = 'https://registry.example.org/v2';
const ADDR = '127.0.0.1:6443';
const MIRROR = `https://${ADDR}/v2`;
const DIGEST = 'sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';

/** username + password given inline in registries.yaml */
const USERPASS: RegistryConfigEntry = { auth: { kind: 'inline', fields: ['username', 'password'] } };
const SKIP_VERIFY: RegistryConfigEntry = { tls: { insecureSkipVerify: true } };
/**
 * The embedded registry's TLS: cluster CA + client certificate. Upstream's test
 * passes placeholder file names ("server-ca", "client-cert", "client-key"); the
 * paths are the agent's, so only require all three to be set.
 */
const EMBEDDED: RegistryConfigEntry = {
  tls: { caFile: expect.stringMatching(/\S/), certFile: expect.stringMatching(/\S/), keyFile: expect.stringMatching(/\S/) },
};

function m(endpoints: string[] = [], rewrites: Array<[string, string]> = []): MirrorEntry {
  return { endpoints, rewrites };
}

function regs(mirrors: Registries['mirrors'] = {}, configs: Registries['configs'] = {}): Registries {
  return { mirrors, configs };
}

function ep(url: string | null, config: RegistryConfigEntry = {}, opts: { overridePath?: boolean; rewrites?: Array<[string, string]> } = {}): Ep {
  return { url, overridePath: opts.overridePath ?? false, rewrites: opts.rewrites ?? [], config };
}

/** the host entry InjectMirror adds for the embedded registry itself */
const EMBEDDED_ENTRY: Expected = { [ADDR]: { default: ep(MIRROR, EMBEDDED), endpoints: [] } };

// Normalise the engine's output to the compared fields. Go zero values (false,
// '') in a TLS block mean "not set", exactly as in registries.TLSConfig.
function normConfig(c: RegistryConfigEntry | undefined): RegistryConfigEntry {
  const out: RegistryConfigEntry = {};
  if (c?.auth) out.auth = c.auth;
  if (c?.tls) {
    const t: NonNullable<RegistryConfigEntry['tls']> = {};
    if (c.tls.caFile) t.caFile = c.tls.caFile;
    if (c.tls.certFile) t.certFile = c.tls.certFile;
    if (c.tls.keyFile) t.keyFile = c.tls.keyFile;
    if (c.tls.insecureSkipVerify) t.insecureSkipVerify = true;
    out.tls = t;
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function normEp(e: any): Ep | null {
  if (!e) return null;
  return { url: e.url, overridePath: !!e.overridePath, rewrites: e.rewrites ?? [], config: normConfig(e.config) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function norm(hcs: Record<string, any>): Expected {
  const out: Expected = {};
  for (const [dir, hc] of Object.entries(hcs)) {
    out[dir] = { default: normEp(hc.default), endpoints: (hc.endpoints ?? []).map((e: unknown) => normEp(e) as Ep) };
  }
  return out;
}

function build(c: Case) {
  const effective = c.mirrorAddr ? withEmbeddedRegistry(c.registries, c.mirrorAddr, 'k3s') : c.registries;
  return buildHostConfigs(effective, { noDefaultEndpoint: c.noDefaultEndpoint, mirrorAddr: c.mirrorAddr });
}

function routeUrls(c: Case, image: string): string[] {
  const settings: RouteSettings = {
    distro: 'k3s',
    runtime: 'k3s-fork',
    disableDefaultEndpoint: c.noDefaultEndpoint,
    // K3s: the embedded registry listens on 127.0.0.1:6443
    embeddedRegistry: c.mirrorAddr !== undefined,
    registries: c.registries,
  };
  return resolveRoute(compile(settings), image).attempts.map((a) => a.url);
}

// ---------------------------------------------------------------- upstream cases

const upstream: Case[] = [
  {
    name: 'no registries',
    registries: regs(),
    noDefaultEndpoint: false,
    expected: {},
    routes: [{ image: 'busybox', urls: ['https://registry-1.docker.io/v2/library/busybox/manifests/latest'] }],
  },
  {
    name: 'registry with default endpoint',
    registries: regs({ 'docker.io': m() }),
    noDefaultEndpoint: false,
    expected: {},
  },
  {
    name: 'registry with default endpoint explicitly listed',
    registries: regs({ 'docker.io': m(['docker.io']) }),
    noDefaultEndpoint: false,
    expected: {},
    routes: [{ image: 'docker.io/library/busybox:latest', urls: ['https://registry-1.docker.io/v2/library/busybox/manifests/latest'] }],
  },
  {
    name: 'registry with default endpoint - embedded registry',
    registries: regs({ 'docker.io': m() }),
    noDefaultEndpoint: false,
    mirrorAddr: ADDR,
    expected: {
      'docker.io': { default: ep(DOCKER), endpoints: [ep(MIRROR, EMBEDDED)] },
      ...EMBEDDED_ENTRY,
    },
    routes: [
      {
        image: 'busybox:1.36',
        urls: [
          'https://127.0.0.1:6443/v2/library/busybox/manifests/1.36?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/1.36',
        ],
      },
    ],
  },
  {
    name: 'registry with default endpoint and creds',
    registries: regs({ 'docker.io': m() }, { 'docker.io': USERPASS }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER, USERPASS), endpoints: [] } },
    routes: [{ image: 'busybox', urls: ['https://registry-1.docker.io/v2/library/busybox/manifests/latest'] }],
  },
  {
    name: 'registry with default endpoint explicitly listed and creds',
    registries: regs({ 'docker.io': m(['docker.io']) }, { 'docker.io': USERPASS }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER, USERPASS), endpoints: [] } },
  },
  {
    name: 'registry with only creds',
    registries: regs({}, { 'docker.io': USERPASS }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER, USERPASS), endpoints: [] } },
  },
  {
    name: 'private registry with default endpoint',
    registries: regs({ 'registry.example.com': m() }),
    noDefaultEndpoint: false,
    expected: {},
  },
  {
    name: 'private registry with default endpoint and creds',
    registries: regs({ 'registry.example.com': m() }, { 'registry.example.com': USERPASS }),
    noDefaultEndpoint: false,
    expected: { 'registry.example.com': { default: ep(EX, USERPASS), endpoints: [] } },
    routes: [{ image: 'registry.example.com/team/app:1.0', urls: ['https://registry.example.com/v2/team/app/manifests/1.0'] }],
  },
  {
    name: 'private registry with only creds',
    registries: regs({}, { 'registry.example.com': USERPASS }),
    noDefaultEndpoint: false,
    expected: { 'registry.example.com': { default: ep(EX, USERPASS), endpoints: [] } },
  },
  {
    name: 'registry with mirror endpoint - full URL with override path',
    registries: regs({ 'docker.io': m(['https://registry.example.com/prefix/v2']) }),
    noDefaultEndpoint: false,
    expected: {
      'docker.io': { default: ep(DOCKER), endpoints: [ep('https://registry.example.com/prefix/v2', {}, { overridePath: true })] },
    },
    routes: [
      {
        image: 'busybox',
        urls: [
          'https://registry.example.com/prefix/v2/library/busybox/manifests/latest?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/latest',
        ],
      },
      {
        // a digest: the first request to every host is manifests/<digest>
        image: `busybox@${DIGEST}`,
        urls: [
          `https://registry.example.com/prefix/v2/library/busybox/manifests/${DIGEST}?ns=docker.io`,
          `https://registry-1.docker.io/v2/library/busybox/manifests/${DIGEST}`,
        ],
      },
    ],
  },
  {
    name: 'registry with mirror endpoint - hostname only with override path',
    registries: regs({ 'docker.io': m(['registry.example.com/prefix/v2']) }),
    noDefaultEndpoint: false,
    expected: {
      'docker.io': { default: ep(DOCKER), endpoints: [ep('https://registry.example.com/prefix/v2', {}, { overridePath: true })] },
    },
  },
  {
    name: 'registry with mirror endpoint - hostname only with default path',
    registries: regs({ 'docker.io': m(['registry.example.com/v2']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep(EX)] } },
  },
  {
    name: 'registry with mirror endpoint - full URL',
    registries: regs({ 'docker.io': m(['https://registry.example.com/v2']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep(EX)] } },
    routes: [
      {
        image: 'docker.io/library/busybox:latest',
        urls: [
          'https://registry.example.com/v2/library/busybox/manifests/latest?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/latest',
        ],
      },
    ],
  },
  {
    name: 'registry with mirror endpoint - URL without path',
    registries: regs({ 'docker.io': m(['https://registry.example.com']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep(EX)] } },
  },
  {
    name: 'registry with mirror endpoint - hostname only',
    registries: regs({ 'docker.io': m(['registry.example.com']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep(EX)] } },
  },
  {
    name: 'registry with mirror endpoint - hostname and port only',
    registries: regs({ 'docker.io': m(['registry.example.com:443']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep('https://registry.example.com:443/v2')] } },
    routes: [
      {
        image: 'busybox',
        urls: [
          'https://registry.example.com:443/v2/library/busybox/manifests/latest?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/latest',
        ],
      },
    ],
  },
  {
    name: 'registry with mirror endpoint - ip address only',
    registries: regs({ 'docker.io': m(['1.2.3.4']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep('https://1.2.3.4/v2')] } },
  },
  {
    name: 'registry with mirror endpoint - ip and port only',
    registries: regs({ 'docker.io': m(['1.2.3.4:443']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep('https://1.2.3.4:443/v2')] } },
  },
  {
    name: 'registry with mirror endpoint - duplicate endpoints',
    registries: regs({ 'docker.io': m(['registry.example.com', 'registry.example.com']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep(EX)] } },
  },
  {
    name: 'registry with mirror endpoint - duplicate endpoints in different formats',
    registries: regs({ 'docker.io': m(['registry.example.com', 'https://registry.example.com', 'https://registry.example.com/v2']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep(EX)] } },
  },
  {
    name: 'registry with mirror endpoint - duplicate endpoints in different positions',
    registries: regs({ 'docker.io': m(['https://registry.example.com', 'https://registry.example.org', 'https://registry.example.com']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep(EX), ep(ORG)] } },
    routes: [
      {
        image: 'busybox',
        urls: [
          'https://registry.example.com/v2/library/busybox/manifests/latest?ns=docker.io',
          'https://registry.example.org/v2/library/busybox/manifests/latest?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/latest',
        ],
      },
    ],
  },
  {
    name: 'registry with mirror endpoint - localhost and port only',
    registries: regs({ 'docker.io': m(['localhost:5000']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep('http://localhost:5000/v2')] } },
    routes: [
      {
        image: 'busybox',
        urls: [
          'http://localhost:5000/v2/library/busybox/manifests/latest?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/latest',
        ],
      },
    ],
  },
  {
    name: 'registry with mirror endpoint - localhost and port with scheme',
    registries: regs({ 'docker.io': m(['https://localhost:5000']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep('https://localhost:5000/v2')] } },
  },
  {
    name: 'registry with mirror endpoint - loopback ip and port only',
    registries: regs({ 'docker.io': m(['127.0.0.1:5000']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep('http://127.0.0.1:5000/v2')] } },
  },
  {
    name: 'registry with mirror endpoint - loopback ip and port with scheme',
    registries: regs({ 'docker.io': m(['https://127.0.0.1:5000']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep('https://127.0.0.1:5000/v2')] } },
  },
  {
    name: 'registry with mirror endpoint and mirror creds',
    registries: regs({ 'docker.io': m(['https://registry.example.com/v2']) }, { 'registry.example.com': USERPASS }),
    noDefaultEndpoint: false,
    expected: {
      'docker.io': { default: ep(DOCKER), endpoints: [ep(EX, USERPASS)] },
      'registry.example.com': { default: ep(EX, USERPASS), endpoints: [] },
    },
  },
  {
    name: 'registry with mirror endpoint and mirror creds - override path with v2',
    registries: regs(
      {
        'docker.io': m(['https://registry.example.com/prefix/v2']),
        'registry.example.com': m(['https://registry.example.com/prefix/v2']),
      },
      { 'registry.example.com': USERPASS },
    ),
    noDefaultEndpoint: false,
    expected: {
      'docker.io': { default: ep(DOCKER), endpoints: [ep('https://registry.example.com/prefix/v2', USERPASS, { overridePath: true })] },
      'registry.example.com': {
        default: ep(EX, USERPASS),
        endpoints: [ep('https://registry.example.com/prefix/v2', USERPASS, { overridePath: true })],
      },
    },
  },
  {
    name: 'registry with mirror endpoint and mirror creds - override path without v2',
    registries: regs(
      {
        'docker.io': m(['https://registry.example.com/project/registry']),
        'registry.example.com': m(['https://registry.example.com/project/registry']),
      },
      { 'registry.example.com': USERPASS },
    ),
    noDefaultEndpoint: false,
    expected: {
      'docker.io': {
        default: ep(DOCKER),
        endpoints: [ep('https://registry.example.com/project/registry', USERPASS, { overridePath: true })],
      },
      'registry.example.com': {
        default: ep(EX, USERPASS),
        endpoints: [ep('https://registry.example.com/project/registry', USERPASS, { overridePath: true })],
      },
    },
    routes: [
      {
        // override_path: no /v2 is added; the host is the registry itself, so no ns
        image: 'registry.example.com/team/app:1.0',
        urls: ['https://registry.example.com/project/registry/team/app/manifests/1.0', 'https://registry.example.com/v2/team/app/manifests/1.0'],
      },
      {
        image: 'busybox',
        urls: [
          'https://registry.example.com/project/registry/library/busybox/manifests/latest?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/latest',
        ],
      },
    ],
  },
  {
    name: 'registry with mirror endpoint and mirror creds - no default endpoint',
    registries: regs({ 'docker.io': m(['https://registry.example.com/v2']) }, { 'registry.example.com': USERPASS }),
    noDefaultEndpoint: true,
    expected: {
      'docker.io': { default: null, endpoints: [ep(EX, USERPASS)] },
      'registry.example.com': { default: ep(EX, USERPASS), endpoints: [] },
    },
    routes: [{ image: 'busybox', urls: ['https://registry.example.com/v2/library/busybox/manifests/latest?ns=docker.io'] }],
  },
  {
    name: 'registry with mirror endpoint and mirror creds - embedded registry',
    registries: regs({ 'docker.io': m(['https://registry.example.com/v2']) }, { 'registry.example.com': USERPASS }),
    noDefaultEndpoint: false,
    mirrorAddr: ADDR,
    expected: {
      'docker.io': { default: ep(DOCKER), endpoints: [ep(MIRROR, EMBEDDED), ep(EX, USERPASS)] },
      'registry.example.com': { default: ep(EX, USERPASS), endpoints: [] },
      ...EMBEDDED_ENTRY,
    },
    routes: [
      {
        image: 'busybox:1.36',
        urls: [
          'https://127.0.0.1:6443/v2/library/busybox/manifests/1.36?ns=docker.io',
          'https://registry.example.com/v2/library/busybox/manifests/1.36?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/1.36',
        ],
      },
    ],
  },
  {
    name: 'registry with mirror endpoint and mirror creds - embedded registry with rewrites',
    registries: regs(
      { 'docker.io': m(['https://registry.example.com/v2'], [['^rancher/(.*)', 'docker/rancher-images/$1']]) },
      { 'registry.example.com': USERPASS },
    ),
    noDefaultEndpoint: false,
    mirrorAddr: ADDR,
    expected: {
      'docker.io': {
        default: ep(DOCKER),
        endpoints: [ep(MIRROR, EMBEDDED), ep(EX, USERPASS, { rewrites: [['^rancher/(.*)', 'docker/rancher-images/$1']] })],
      },
      'registry.example.com': { default: ep(EX, USERPASS), endpoints: [] },
      ...EMBEDDED_ENTRY,
    },
    routes: [
      {
        // the rewrite applies to registry.example.com only: not to the embedded registry, not to the server
        image: 'rancher/rancher-agent:v2.13.0',
        urls: [
          'https://127.0.0.1:6443/v2/rancher/rancher-agent/manifests/v2.13.0?ns=docker.io',
          'https://registry.example.com/v2/docker/rancher-images/rancher-agent/manifests/v2.13.0?ns=docker.io',
          'https://registry-1.docker.io/v2/rancher/rancher-agent/manifests/v2.13.0',
        ],
      },
    ],
  },
  {
    name: 'registry with mirror endpoint and mirror creds - embedded registry and no default endpoint',
    registries: regs({ 'docker.io': m(['https://registry.example.com/v2']) }, { 'registry.example.com': USERPASS }),
    noDefaultEndpoint: true,
    mirrorAddr: ADDR,
    expected: {
      'docker.io': { default: null, endpoints: [ep(MIRROR, EMBEDDED), ep(EX, USERPASS)] },
      'registry.example.com': { default: ep(EX, USERPASS), endpoints: [] },
      ...EMBEDDED_ENTRY,
    },
    routes: [
      {
        image: 'busybox:1.36',
        urls: [
          'https://127.0.0.1:6443/v2/library/busybox/manifests/1.36?ns=docker.io',
          'https://registry.example.com/v2/library/busybox/manifests/1.36?ns=docker.io',
        ],
      },
    ],
  },
  {
    name: 'registry with mirror endpoint - embedded registry, default endpoint explicitly listed',
    registries: regs({ 'docker.io': m(['registry.example.com', 'registry.example.org', 'docker.io']) }),
    noDefaultEndpoint: false,
    mirrorAddr: ADDR,
    expected: {
      'docker.io': { default: ep(DOCKER), endpoints: [ep(MIRROR, EMBEDDED), ep(EX), ep(ORG)] },
      ...EMBEDDED_ENTRY,
    },
    routes: [
      {
        image: 'busybox:1.36',
        urls: [
          'https://127.0.0.1:6443/v2/library/busybox/manifests/1.36?ns=docker.io',
          'https://registry.example.com/v2/library/busybox/manifests/1.36?ns=docker.io',
          'https://registry.example.org/v2/library/busybox/manifests/1.36?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/1.36',
        ],
      },
    ],
  },
  {
    name: 'registry with mirror endpoint - embedded registry and no default endpoint, default endpoint explicitly listed',
    registries: regs({ 'docker.io': m(['registry.example.com', 'registry.example.org', 'docker.io']) }),
    noDefaultEndpoint: true,
    mirrorAddr: ADDR,
    expected: {
      // no server: the explicitly listed docker.io endpoint stays a mirror host
      'docker.io': { default: null, endpoints: [ep(MIRROR, EMBEDDED), ep(EX), ep(ORG), ep(DOCKER)] },
      ...EMBEDDED_ENTRY,
    },
    routes: [
      {
        // registry-1.docker.io counts as docker.io itself: no ns
        image: 'busybox:1.36',
        urls: [
          'https://127.0.0.1:6443/v2/library/busybox/manifests/1.36?ns=docker.io',
          'https://registry.example.com/v2/library/busybox/manifests/1.36?ns=docker.io',
          'https://registry.example.org/v2/library/busybox/manifests/1.36?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/1.36',
        ],
      },
    ],
  },
  {
    name: 'wildcard mirror endpoint - no endpoints',
    registries: regs({ '*': m() }),
    noDefaultEndpoint: false,
    expected: {},
  },
  {
    name: 'wildcard mirror endpoint - full URL',
    registries: regs({ '*': m(['https://registry.example.com/v2']) }),
    noDefaultEndpoint: false,
    expected: { _default: { default: ep(''), endpoints: [ep(EX)] } },
    routes: [
      {
        image: 'busybox',
        urls: [
          'https://registry.example.com/v2/library/busybox/manifests/latest?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/latest',
        ],
      },
      {
        // server = "" is filled in with the pulled registry
        image: 'quay.io/prometheus/node-exporter:v1.8.0',
        urls: [
          'https://registry.example.com/v2/prometheus/node-exporter/manifests/v1.8.0?ns=quay.io',
          'https://quay.io/v2/prometheus/node-exporter/manifests/v1.8.0',
        ],
      },
    ],
  },
  {
    name: 'wildcard mirror endpoint - full URL, embedded registry',
    registries: regs({ '*': m(['https://registry.example.com/v2']) }),
    noDefaultEndpoint: false,
    mirrorAddr: ADDR,
    expected: {
      _default: { default: ep(''), endpoints: [ep(MIRROR, EMBEDDED), ep(EX)] },
      ...EMBEDDED_ENTRY,
    },
    routes: [
      {
        image: 'quay.io/prometheus/node-exporter:v1.8.0',
        urls: [
          'https://127.0.0.1:6443/v2/prometheus/node-exporter/manifests/v1.8.0?ns=quay.io',
          'https://registry.example.com/v2/prometheus/node-exporter/manifests/v1.8.0?ns=quay.io',
          'https://quay.io/v2/prometheus/node-exporter/manifests/v1.8.0',
        ],
      },
    ],
  },
  {
    name: 'wildcard mirror endpoint - full URL, embedded registry, no default',
    registries: regs({ '*': m(['https://registry.example.com/v2']) }),
    noDefaultEndpoint: true,
    mirrorAddr: ADDR,
    expected: {
      _default: { default: null, endpoints: [ep(MIRROR, EMBEDDED), ep(EX)] },
      ...EMBEDDED_ENTRY,
    },
    routes: [
      {
        image: 'quay.io/prometheus/node-exporter:v1.8.0',
        urls: [
          'https://127.0.0.1:6443/v2/prometheus/node-exporter/manifests/v1.8.0?ns=quay.io',
          'https://registry.example.com/v2/prometheus/node-exporter/manifests/v1.8.0?ns=quay.io',
        ],
      },
    ],
  },
  {
    name: 'wildcard config',
    registries: regs({}, { '*': { auth: { kind: 'inline', fields: ['username', 'password'] }, tls: { insecureSkipVerify: true } } }),
    noDefaultEndpoint: false,
    // upstream: Default has no URL at all (nil), unlike the `*` mirror server (empty URL)
    expected: {
      _default: {
        default: ep(null, { auth: { kind: 'inline', fields: ['username', 'password'] }, tls: { insecureSkipVerify: true } }),
        endpoints: [],
      },
    },
    routes: [{ image: 'busybox', urls: ['https://registry-1.docker.io/v2/library/busybox/manifests/latest'] }],
  },
  {
    name: 'localhost registry - default https endpoint on unspecified port',
    registries: regs({ localhost: m() }),
    noDefaultEndpoint: false,
    expected: {},
  },
  {
    name: 'localhost registry - default https endpoint on https port',
    registries: regs({ 'localhost:443': m() }),
    noDefaultEndpoint: false,
    expected: {},
  },
  {
    name: 'localhost registry - default http endpoint on odd port',
    registries: regs({ 'localhost:5000': m() }),
    noDefaultEndpoint: false,
    expected: {},
  },
  {
    name: 'localhost registry - default http endpoint on http port',
    registries: regs({ 'localhost:80': m() }),
    noDefaultEndpoint: false,
    expected: {},
  },
  {
    name: 'localhost registry - default http endpoint on odd port, embedded registry',
    registries: regs({ 'localhost:5000': m() }),
    noDefaultEndpoint: false,
    mirrorAddr: ADDR,
    // localhost registries are not handled by the embedded registry
    expected: { ...EMBEDDED_ENTRY },
  },
  {
    name: 'localhost registry - https endpoint on odd port with tls verification disabled',
    registries: regs({ 'localhost:5000': m(['https://localhost:5000']) }, { 'localhost:5000': SKIP_VERIFY }),
    noDefaultEndpoint: false,
    expected: {
      'localhost:5000': { default: ep('http://localhost:5000/v2', SKIP_VERIFY), endpoints: [ep('https://localhost:5000/v2', SKIP_VERIFY)] },
    },
  },
];

// ---------------------------------------------------------------- derived cases
// Not in the upstream table; each follows from the K3s code named in its comment.

const REWRITE_LIBRARY: Array<[string, string]> = [['^library/(.*)', 'mirror/$1']];

const derived: Case[] = [
  {
    // getHostConfigs: only the LAST endpoint is folded into the server; an earlier
    // default-equal endpoint is an ordinary mirror host (with the mirror's rewrites)
    name: 'default endpoint listed first, not last, is tried twice',
    registries: regs({ 'docker.io': m(['docker.io', 'registry.example.com'], REWRITE_LIBRARY) }),
    noDefaultEndpoint: false,
    expected: {
      'docker.io': {
        default: ep(DOCKER),
        endpoints: [ep(DOCKER, {}, { rewrites: REWRITE_LIBRARY }), ep(EX, {}, { rewrites: REWRITE_LIBRARY })],
      },
    },
    routes: [
      {
        image: 'busybox',
        urls: [
          'https://registry-1.docker.io/v2/mirror/busybox/manifests/latest',
          'https://registry.example.com/v2/mirror/busybox/manifests/latest?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/latest',
        ],
      },
    ],
  },
  {
    // getHostConfigs: config.Default = &ep keeps the endpoint as built, rewrites
    // included, so endpointHasConfig(Default) is true and the entry is kept
    name: 'default endpoint listed last with rewrites becomes the server, rewrites and all',
    registries: regs({ 'docker.io': m(['registry.example.com', 'https://registry-1.docker.io'], REWRITE_LIBRARY) }),
    noDefaultEndpoint: false,
    expected: {
      'docker.io': { default: ep(DOCKER, {}, { rewrites: REWRITE_LIBRARY }), endpoints: [ep(EX, {}, { rewrites: REWRITE_LIBRARY })] },
    },
  },
  {
    name: 'only endpoint equals the default and has rewrites: the entry is kept',
    registries: regs({ 'docker.io': m(['docker.io'], REWRITE_LIBRARY) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER, {}, { rewrites: REWRITE_LIBRARY }), endpoints: [] } },
  },
  {
    // normalizeEndpointAddress: url.Parse error (invalid port) → endpoint ignored
    name: 'invalid endpoint is skipped',
    registries: regs({ 'docker.io': m(['registry.example.com:abc', 'https://registry example.com', 'https://registry.example.org']) }),
    noDefaultEndpoint: false,
    expected: { 'docker.io': { default: ep(DOCKER), endpoints: [ep(ORG)] } },
  },
  {
    // defaultHostConfig fails for the key → the whole mirror entry is skipped
    name: 'invalid mirror key is skipped',
    registries: regs({ 'registry.example.com:abc': m(['registry.example.org']) }),
    noDefaultEndpoint: false,
    expected: {},
  },
  {
    name: 'no valid endpoints and no default endpoint: no file',
    registries: regs({ 'docker.io': m(['registry.example.com:abc']) }),
    noDefaultEndpoint: true,
    expected: {},
  },
  {
    name: 'wildcard mirror with no endpoints and no default endpoint: no file',
    registries: regs({ '*': m() }),
    noDefaultEndpoint: true,
    expected: {},
  },
  {
    // docker.IsLocalhost on [::1]:5000 → http; other IPv6 literals → https
    name: 'IPv6 endpoints',
    registries: regs({ 'docker.io': m(['[::1]:5000', '[2001:db8::1]:5000', 'https://[::1]:5001']) }),
    noDefaultEndpoint: false,
    expected: {
      'docker.io': {
        default: ep(DOCKER),
        endpoints: [ep('http://[::1]:5000/v2'), ep('https://[2001:db8::1]:5000/v2'), ep('https://[::1]:5001/v2')],
      },
    },
  },
  {
    name: 'IPv6 registry key',
    registries: regs({ '[2001:db8::1]:5000': m(['registry.example.com']) }),
    noDefaultEndpoint: false,
    expected: { '[2001:db8::1]:5000': { default: ep('https://[2001:db8::1]:5000/v2'), endpoints: [ep(EX)] } },
  },
  {
    // scheme defaults: localhost with no port or :443 → https, :80 → http; explicit http kept;
    // /v2/ is not /v2: kept verbatim with override_path
    name: 'scheme and path normalisation',
    registries: regs({
      'docker.io': m(['localhost', 'localhost:443', 'localhost:80', 'http://registry.example.com:5000', 'registry.example.org/v2/']),
    }),
    noDefaultEndpoint: false,
    expected: {
      'docker.io': {
        default: ep(DOCKER),
        endpoints: [
          ep('https://localhost/v2'),
          ep('https://localhost:443/v2'),
          ep('http://localhost:80/v2'),
          ep('http://registry.example.com:5000/v2'),
          ep('https://registry.example.org/v2/', {}, { overridePath: true }),
        ],
      },
    },
  },
  {
    // getHostConfigs: the entry from configs is reused, noDefaultEndpoint is not applied to it
    name: 'disable default endpoint does nothing when the key is also in configs',
    registries: regs({ 'docker.io': m(['registry.example.com']) }, { 'docker.io': USERPASS }),
    noDefaultEndpoint: true,
    expected: { 'docker.io': { default: ep(DOCKER, USERPASS), endpoints: [ep(EX)] } },
    routes: [
      {
        image: 'busybox',
        urls: [
          'https://registry.example.com/v2/library/busybox/manifests/latest?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/latest',
        ],
      },
    ],
  },
  {
    // configForHost: exact host[:port] of the endpoint; https://r.example.com does not use r.example.com:443
    name: 'endpoint config is looked up by host[:port] exactly as written',
    registries: regs({ 'docker.io': m(['https://registry.example.com']) }, { 'registry.example.com:443': USERPASS }),
    noDefaultEndpoint: false,
    expected: {
      'docker.io': { default: ep(DOCKER), endpoints: [ep(EX)] },
      'registry.example.com:443': { default: ep('https://registry.example.com:443/v2', USERPASS), endpoints: [] },
    },
  },
  {
    // configForHost("docker.io") looks under registry-1.docker.io first
    name: 'docker.io mirror takes the registry-1.docker.io config',
    registries: regs({ 'docker.io': m(['registry.example.com']) }, { 'registry-1.docker.io': USERPASS }),
    noDefaultEndpoint: false,
    expected: {
      'registry-1.docker.io': { default: ep(DOCKER, USERPASS), endpoints: [] },
      'docker.io': { default: ep(DOCKER, USERPASS), endpoints: [ep(EX)] },
    },
  },
  {
    // the docker.io entry comes from configs["docker.io"]; the trailing docker.io endpoint
    // replaces its server and takes configForHost("docker.io") = configs["registry-1.docker.io"]
    name: 'trailing docker.io endpoint takes the registry-1.docker.io config',
    registries: regs(
      { 'docker.io': m(['registry.example.com', 'docker.io']) },
      { 'registry-1.docker.io': { auth: { kind: 'inline', fields: ['auth'] } }, 'docker.io': USERPASS },
    ),
    noDefaultEndpoint: false,
    expected: {
      'registry-1.docker.io': { default: ep(DOCKER, { auth: { kind: 'inline', fields: ['auth'] } }), endpoints: [] },
      'docker.io': { default: ep(DOCKER, { auth: { kind: 'inline', fields: ['auth'] } }), endpoints: [ep(EX)] },
    },
  },
  {
    // configs["*"] is stored under _default, the `*` mirror looks for "*": a fresh entry
    // with an empty server and no config replaces it
    name: 'wildcard mirror drops the wildcard config',
    registries: regs({ '*': m(['registry.example.com']) }, { '*': { auth: { kind: 'inline', fields: ['username', 'password'] }, tls: { insecureSkipVerify: true } } }),
    noDefaultEndpoint: false,
    expected: { _default: { default: ep(''), endpoints: [ep(EX)] } },
    routes: [
      {
        image: 'busybox',
        urls: [
          'https://registry.example.com/v2/library/busybox/manifests/latest?ns=docker.io',
          'https://registry-1.docker.io/v2/library/busybox/manifests/latest',
        ],
      },
    ],
  },
  {
    // InjectMirror: loopback keys get no embedded endpoint; rewrites never go to the embedded endpoint
    name: 'embedded registry: localhost keys skipped, rewrites not applied to the embedded endpoint',
    registries: regs({
      'localhost:5000': m(['registry.example.com']),
      '*': m(['registry.example.com'], REWRITE_LIBRARY),
      'quay.io': m(),
    }),
    noDefaultEndpoint: false,
    mirrorAddr: ADDR,
    expected: {
      'localhost:5000': { default: ep('http://localhost:5000/v2'), endpoints: [ep(EX)] },
      _default: { default: ep(''), endpoints: [ep(MIRROR, EMBEDDED), ep(EX, {}, { rewrites: REWRITE_LIBRARY })] },
      'quay.io': { default: ep('https://quay.io/v2'), endpoints: [ep(MIRROR, EMBEDDED)] },
      ...EMBEDDED_ENTRY,
    },
    routes: [
      {
        image: 'quay.io/prometheus/node-exporter:v1.8.0',
        urls: ['https://127.0.0.1:6443/v2/prometheus/node-exporter/manifests/v1.8.0?ns=quay.io', 'https://quay.io/v2/prometheus/node-exporter/manifests/v1.8.0'],
      },
      {
        image: 'localhost:5000/team/app:1.0',
        urls: ['https://registry.example.com/v2/team/app/manifests/1.0?ns=localhost%3A5000', 'http://localhost:5000/v2/team/app/manifests/1.0'],
      },
      {
        image: 'ghcr.io/library/tool:2.0',
        urls: [
          'https://127.0.0.1:6443/v2/library/tool/manifests/2.0?ns=ghcr.io',
          'https://registry.example.com/v2/mirror/tool/manifests/2.0?ns=ghcr.io',
          'https://ghcr.io/v2/library/tool/manifests/2.0',
        ],
      },
    ],
  },
  {
    // InjectMirror sets Mirrors[mirrorAddr] = {Endpoints: [mirrorURL]}, replacing a user entry
    name: 'embedded registry: a user mirror entry for the embedded address is replaced',
    registries: regs({ [ADDR]: m(['registry.example.com']) }),
    noDefaultEndpoint: false,
    mirrorAddr: ADDR,
    expected: { ...EMBEDDED_ENTRY },
  },
];

// ---------------------------------------------------------------- tests

function runCase(c: Case) {
  it(c.name, () => {
    const got = build(c);
    expect(norm(got)).toEqual(c.expected);

    // the embedded registry's TLS is the same everywhere it is used
    if (c.mirrorAddr) {
      const tls = got[c.mirrorAddr]?.default?.config?.tls;
      for (const hc of Object.values(got)) {
        for (const e of hc.endpoints) if (e.url === MIRROR) expect(e.config.tls).toEqual(tls);
      }
    }

    // every host config renders (upstream renders hosts.toml for each of them too)
    for (const [dir, hc] of Object.entries(got)) {
      const text = renderHostsToml(hc, 'k3s');
      expect(text.startsWith('# File generated by k3s. DO NOT EDIT.'), dir).toBe(true);
      for (const e of hc.endpoints) expect(text, dir).toContain(`[host."${e.url}"]`);
    }
  });

  for (const r of c.routes ?? []) {
    it(`${c.name} – route of ${r.image}`, () => {
      expect(routeUrls(c, r.image)).toEqual(r.urls);
    });
  }
}

describe('K3s Test_UnitGetHostConfigs (upstream cases)', () => {
  for (const c of upstream) runCase(c);
});

describe('getHostConfigs: further cases derived from the K3s code', () => {
  for (const c of derived) runCase(c);
});

describe('case table', () => {
  it('has every upstream case, once', () => {
    expect(upstream).toHaveLength(46);
    expect(new Set(upstream.map((c) => c.name)).size).toBe(upstream.length);
    const routed = [...upstream, ...derived].filter((c) => (c.routes ?? []).length > 0);
    expect(routed.length).toBeGreaterThanOrEqual(10);
  });
});

// Seeded generator of node registries.yaml configurations and images.
// Every configuration gets its own PRNG derived from (seed, index), so a single
// configuration can be replayed with `--seed S --only g-INDEX`.

/** mulberry32: small, fast, deterministic 32-bit PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    /** pick from [[weight, value], ...] */
    weighted: (pairs) => {
      const total = pairs.reduce((s, [w]) => s + w, 0);
      let x = next() * total;
      for (const [w, v] of pairs) { if ((x -= w) < 0) return v; }
      return pairs[pairs.length - 1][1];
    },
  };
  return r;
}

/** Mix the run seed and a case index into a per-case seed. */
export function caseSeed(seed, index) {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export const DIGESTS = [
  'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210',
];

/**
 * The test's own (independent) reading of an image reference, as in
 * distribution/reference (docs/route-semantics.md §1). Returns the parts and the fully
 * qualified reference that is handed to ctr (ctr needs a tag or a digest).
 */
export function image(input) {
  let rest = input;
  let digest;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/') && colon > rest.lastIndexOf(']')) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  let registry = 'docker.io';
  let repository = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first === 'localhost' || /[.:]/.test(first) || /[A-Z]/.test(first) || first.startsWith('[')) {
      registry = first;
      repository = rest.slice(slash + 1);
    }
  }
  if (registry === 'index.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  if (!tag && !digest) tag = 'latest';
  const reference = digest || tag;
  const ref = `${registry}/${repository}${digest ? `@${digest}` : `:${tag}`}`;
  return { input, registry, repository, reference, ref };
}

// ---------------------------------------------------------------- pools

const MIRROR_KEYS = [
  [10, 'docker.io'], [9, '*'], [4, 'quay.io'], [3, 'ghcr.io'], [3, 'registry.k8s.io'],
  [5, 'reg.example.com'], [5, 'reg.example.com:5000'], [2, 'reg.example.com:443'],
  [3, 'localhost'], [4, 'localhost:5000'], [1, 'localhost:443'], [1, 'localhost:80'],
  [3, '127.0.0.1:5000'], [1, '127.0.0.1'], [2, '10.0.0.5:5000'], [1, '[::1]:5000'],
  [2, 'registry-1.docker.io'], [1, 'index.docker.io'], [2, 'mirror.example.com'], [1, 'reg.example.com_5000_'],
];

const ENDPOINT_HOSTS = [
  [10, 'mirror.example.com'], [5, 'mirror2.example.com'], [3, 'reg.example.com'], [3, '10.1.2.3'],
  [3, 'localhost'], [3, '127.0.0.1'], [2, 'registry-1.docker.io'], [2, 'docker.io'],
  [1, 'quay.io'], [1, '[::1]'], [1, '[fd00::5]'], [2, 'Mirror.Example.com'],
];

const PATHS = [[12, ''], [3, '/'], [3, '/v2'], [2, '/v2/'], [3, '/prefix'], [2, '/a/b'], [2, '/prefix/v2'], [1, '/v2/sub']];
const PORTS = [[14, ''], [3, ':5000'], [2, ':443'], [2, ':80'], [2, ':8443']];

const INVALID_ENDPOINTS = ['https://exa mple.com', 'http://[::1', 'https://%zz', '://nohost', 'https://'];

const REWRITES = [
  [6, ['^library/(.*)', 'mirrored/$1']],
  [4, ['(.*)', 'all/$1']],
  [3, ['^(.*)/(.*)$', '$2/$1']],
  [3, ['^team/(.*)', 'other/${1}']],
  [2, ['^rancher/', 'mirror/rancher/']],
  // TOML-sensitive patterns: only a real parser knows which of these break the file
  [1, ['^lib\\d+/(.*)', 'x/$1']], // \d: invalid TOML escape
  [1, ['^library\\/(.*)', 'x/$1']], // \/: go-toml v1 accepts it, TOML 1.0 does not
  [1, ['^a\\bb(.*)', 'x/$1']], // \b: a valid TOML escape (backspace)
  [1, ['"quoted"(.*)', 'x/$1']], // ends the TOML string early
  [1, ['^\\x41(.*)', 'x/$1']], // \x: TOML 1.1 only
  [1, ['^a\\\\b', 'x']], // \\: valid TOML escape
  [1, ['(.*)', 'x\\$1']], // backslash in the replacement
];

const TAGS = ['latest', '1.25', 'v2.13.0', '3.9', 'stable-alpine'];
const REPOS_DOCKER = ['nginx', 'library/nginx', 'library/busybox', 'team/app', 'rancher/rancher-agent', 'a/b/c'];
const REPOS_OTHER = ['app', 'team/app', 'library/nginx', 'rancher/rancher-agent', 'a/b/c', 'org/sub/img'];
const OTHER_REGISTRIES = ['gcr.io', 'other.example.org', 'other.example.org:5000', 'registry.k8s.io', 'quay.io', 'reg.example.com:5000'];
const LOCAL_REGISTRIES = ['localhost', 'localhost:5000', '127.0.0.1:5000', 'localhost:443', 'localhost:80', '127.0.0.1'];
const VERSIONS = [[6, undefined], [2, 'v1.33.1+rke2r1'], [2, 'v1.33.1+k3s1'], [1, 'v1.32.5+rke2r1'], [1, 'v1.32.5+k3s1']];

function defaultUrl(key) {
  if (key === 'docker.io') return 'https://registry-1.docker.io/v2';
  return `https://${key}/v2`;
}

function genEndpoint(r, key, seen) {
  const kind = r.weighted([[70, 'random'], [10, 'default'], [10, 'dup'], [3, 'invalid'], [7, 'key']]);
  if (kind === 'invalid') return r.pick(INVALID_ENDPOINTS);
  if (kind === 'dup' && seen.length) {
    const prev = r.pick(seen);
    // same URL, or a spelling that normalises to it
    return r.pick([prev, prev.replace(/^https:\/\//, ''), prev.endsWith('/v2') ? prev.slice(0, -3) : `${prev}/v2`, `${prev}/`]);
  }
  if (kind === 'default' && key !== '*') {
    const d = defaultUrl(key);
    return r.pick([d, d.replace(/\/v2$/, ''), d.replace(/^https:\/\//, ''), `${d}/`]);
  }
  if (kind === 'key' && key !== '*') {
    return `${r.pick(['', 'http://', 'https://'])}${key}${r.pick(['', '/v2', '/prefix'])}`;
  }
  const host = r.weighted(ENDPOINT_HOSTS);
  const scheme = r.weighted([[4, ''], [4, 'https://'], [2, 'http://']]);
  return `${scheme}${host}${r.weighted(PORTS)}${r.weighted(PATHS)}`;
}

function genTls(r, pki) {
  const tls = {};
  if (r.chance(0.5)) tls.ca_file = r.pick([pki.ca, pki.ca2]);
  if (r.chance(0.35)) { tls.cert_file = pki.cert; tls.key_file = pki.key; }
  if (r.chance(0.35)) tls.insecure_skip_verify = r.chance(0.8);
  return tls;
}

function genImages(r, keys, configKeys) {
  const regs = new Set(['docker.io']);
  // (a key such as reg.example.com_5000_ names a directory, not a valid registry host)
  for (const k of [...keys, ...configKeys]) if (k !== '*' && !k.includes('_')) regs.add(k === 'index.docker.io' || k === 'registry-1.docker.io' ? 'docker.io' : k);
  regs.add(r.pick(OTHER_REGISTRIES));
  if (r.chance(0.5)) regs.add(r.pick(LOCAL_REGISTRIES));
  const images = [];
  for (const reg of regs) {
    const n = reg === 'docker.io' ? r.int(1, 3) : r.int(1, 2);
    for (let i = 0; i < n; i++) {
      const refKind = r.weighted([[62, 'tag'], [30, 'digest'], [5, 'tag+digest'], [3, 'none']]);
      const tag = r.pick(TAGS);
      const dg = r.pick(DIGESTS);
      const suffix = { tag: `:${tag}`, digest: `@${dg}`, 'tag+digest': `:${tag}@${dg}`, none: '' }[refKind];
      let input;
      if (reg === 'docker.io') {
        const repo = r.pick(REPOS_DOCKER);
        const prefix = r.weighted([[5, ''], [3, 'docker.io/'], [1, 'index.docker.io/']]);
        input = `${prefix}${repo}${suffix}`;
      } else {
        input = `${reg}/${r.pick(REPOS_OTHER)}${suffix}`;
      }
      images.push(image(input));
    }
  }
  // de-duplicate by input
  const seen = new Set();
  return images.filter((im) => !seen.has(im.input) && seen.add(im.input));
}

/** One generated configuration. */
export function generate(seed, index, pki) {
  const r = prng(caseSeed(seed, index));
  const mirrors = {};
  const nKeys = r.weighted([[1, 0], [5, 1], [5, 2], [3, 3], [1, 4]]);
  for (let i = 0; i < nKeys; i++) {
    const key = r.weighted(MIRROR_KEYS);
    if (mirrors[key]) continue;
    const endpoint = [];
    const nEp = r.weighted([[2, 0], [6, 1], [5, 2], [3, 3], [1, 5]]);
    for (let j = 0; j < nEp; j++) endpoint.push(genEndpoint(r, key, endpoint));
    const entry = {};
    if (endpoint.length || r.chance(0.7)) entry.endpoint = endpoint;
    if (r.chance(0.3)) {
      entry.rewrite = {};
      for (let j = r.int(1, 2); j > 0; j--) { const [p, v] = r.weighted(REWRITES); entry.rewrite[p] = v; }
    }
    mirrors[key] = entry;
  }
  const configs = {};
  const nCfg = r.weighted([[6, 0], [4, 1], [3, 2], [1, 3]]);
  const cfgPool = [...Object.keys(mirrors), 'mirror.example.com', 'mirror.example.com:5000', 'reg.example.com', 'docker.io', 'registry-1.docker.io', '10.1.2.3', 'localhost:5000', '*', 'quay.io'];
  for (let i = 0; i < nCfg; i++) {
    const key = r.pick(cfgPool);
    const cfg = {};
    if (r.chance(0.7)) cfg.tls = genTls(r, pki);
    if (r.chance(0.4)) cfg.auth = { username: 'user', password: 'secret' };
    configs[key] = cfg;
  }
  const flags = {
    disableDefault: r.chance(0.25),
    embedded: r.chance(0.15),
    version: r.weighted(VERSIONS),
  };
  const registries = {};
  if (Object.keys(mirrors).length || r.chance(0.5)) registries.mirrors = mirrors;
  if (Object.keys(configs).length) registries.configs = configs;
  const images = genImages(r, Object.keys(mirrors), Object.keys(configs));
  return { id: `g-${index}`, registries, flags, images };
}

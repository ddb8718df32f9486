// Deterministic, realistic registry settings and image lists for the benchmarks.
//
// A config of N mirrors (node registries.yaml shape, what `parseYaml` +
// `settingsFromNodeValue` read):
//   - mirror keys: docker.io, * and N-2 private registries registry-<i>.example.com:5000
//     (every 7th without a port);
//   - 1–3 endpoints per mirror (pull-through caches over https, some with a path that
//     becomes override_path, some plain-http caches on a LAN address);
//   - configs for about a third of the endpoint hosts: a private CA (ca_file), some also a
//     client certificate, some with credentials (username/password);
//   - variant `rewrites: true`: one rewrite on every mirror, written so that most images
//     of that registry match it (the expensive path: RE2 match + Go $1 expansion).
// Images are spread over the configured registries (≈80 %), Docker Hub short names
// (≈10 %) and registries that only the * mirror covers (≈10 %); ≈10 % use a digest.
//
// Everything is derived from a seeded PRNG, so the same N always gives the same bytes.

/** mulberry32: a tiny seeded PRNG (deterministic across runs and machines). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rnd, n) => Math.floor(rnd() * n);

/** The registry key of mirror #i (i >= 2). */
export function registryKey(i) {
  return i % 7 === 0 ? `registry-${i}.example.com` : `registry-${i}.example.com:5000`;
}

/**
 * Registries (node registries.yaml value) with `n` mirrors.
 * @param {number} n number of mirror keys (>= 2: docker.io and * are always there)
 * @param {{rewrites?: boolean, seed?: number}} [opts]
 */
export function makeRegistries(n, { rewrites = false, seed = 1 } = {}) {
  if (n < 2) throw new Error('at least 2 mirrors (docker.io and *)');
  const rnd = prng(seed * 7919 + n);
  const mirrors = {};
  const configs = {};
  for (let i = 0; i < n; i++) {
    const key = i === 0 ? 'docker.io' : i === 1 ? '*' : registryKey(i);
    const count = 1 + int(rnd, 3);
    const endpoint = [];
    for (let j = 0; j < count; j++) {
      let host;
      let url;
      if (j === 0) {
        host = `cache-${i}.mirrors.example.net`;
        // every 10th cache serves the registry under a project path (override_path)
        url = i % 10 === 3 ? `https://${host}/v2/proxy-${i}` : `https://${host}`;
      } else if (j === 1) {
        host = `cache-${i}-b.mirrors.example.net:8443`;
        url = `https://${host}`;
      } else {
        host = `10.20.${(i >> 8) & 255}.${i & 255}:5000`;
        url = `http://${host}`;
      }
      endpoint.push(url);
      // TLS / auth configs on about a third of the endpoint hosts
      const r = rnd();
      if (r < 0.34) {
        const c = {};
        c.tls = { ca_file: `/etc/rancher/certs/${host.replace(':', '_')}/ca.crt` };
        if (r < 0.12) {
          c.tls.cert_file = `/etc/rancher/certs/${host.replace(':', '_')}/client.crt`;
          c.tls.key_file = `/etc/rancher/certs/${host.replace(':', '_')}/client.key`;
        }
        if (r > 0.22) c.auth = { username: `robot$mirror-${i}`, password: `secret-${i}-${j}` };
        configs[host] = c;
      }
    }
    const m = { endpoint };
    if (rewrites) {
      if (i === 0) m.rewrite = { '^library/(.*)$': 'dockerhub/library/$1' };
      else if (i === 1) m.rewrite = { '^(.*)$': 'all/$1' };
      else m.rewrite = { '^([a-z0-9-]+)/(.*)$': `proxy-${i}/$1/$2` };
    }
    mirrors[key] = m;
  }
  // a config keyed by a private registry itself (its own CA, used for the fallback)
  for (let i = 2; i < n; i += 11) configs[registryKey(i)] = { tls: { ca_file: `/etc/rancher/certs/registry-${i}/ca.crt` } };
  return { mirrors, configs };
}

function yamlString(s) {
  // plain scalars are fine for everything we generate except keys/values with
  // YAML indicators; quote everything that is not [A-Za-z0-9._/-]
  return /^[A-Za-z0-9._/-]+$/.test(s) ? s : JSON.stringify(s);
}

/** registries.yaml text, as a user would write it (block style). */
export function registriesYaml(reg) {
  const out = ['mirrors:'];
  for (const [key, m] of Object.entries(reg.mirrors)) {
    out.push(`  ${yamlString(key)}:`);
    out.push('    endpoint:');
    for (const e of m.endpoint) out.push(`      - ${yamlString(e)}`);
    if (m.rewrite) {
      out.push('    rewrite:');
      for (const [p, r] of Object.entries(m.rewrite)) out.push(`      ${yamlString(p)}: ${yamlString(r)}`);
    }
  }
  out.push('configs:');
  for (const [host, c] of Object.entries(reg.configs)) {
    out.push(`  ${yamlString(host)}:`);
    if (c.auth) {
      out.push('    auth:');
      for (const [k, v] of Object.entries(c.auth)) out.push(`      ${k}: ${yamlString(v)}`);
    }
    if (c.tls) {
      out.push('    tls:');
      for (const [k, v] of Object.entries(c.tls)) out.push(`      ${k}: ${yamlString(String(v))}`);
    }
  }
  return `${out.join('\n')}\n`;
}

const HUB = ['nginx:1.27', 'redis:7.4', 'bitnami/postgresql:16.4.0', 'library/busybox:1.36', 'grafana/grafana:11.2.0', 'alpine', 'traefik:v3.1', 'rancher/rancher-agent:v2.13.0'];
const OTHER = ['quay.io/prometheus/prometheus:v3.0.0', 'ghcr.io/fluxcd/source-controller:v1.4.1', 'registry.k8s.io/pause:3.10', 'gcr.io/distroless/static:nonroot', 'quay.io/jetstack/cert-manager-controller:v1.16.1'];

function hex64(rnd) {
  let s = '';
  for (let i = 0; i < 8; i++) s += Math.floor(rnd() * 2 ** 32).toString(16).padStart(8, '0');
  return s;
}

/**
 * `count` image references spread over the registries of a config of `n` mirrors.
 * `unique: true` guarantees that no reference repeats (tags are then 1.<k>.<j>), so
 * caches keyed by the input string never hit; repositories still repeat, as in a
 * real cluster (20 teams × 50 apps per registry).
 */
export function makeImages(count, n, { seed = 2, unique = false } = {}) {
  const rnd = prng(seed * 104729 + n);
  const images = [];
  const seen = unique ? new Set() : null;
  for (let k = 0; images.length < count; k++) {
    if (seen) {
      const before = images.length;
      const img = oneImage(rnd, n, k);
      if (!seen.has(img)) {
        seen.add(img);
        images.push(img);
      }
      if (images.length === before && k > count * 4) throw new Error('makeImages: cannot make enough unique images');
      continue;
    }
    images.push(oneImage(rnd, n, -1));
  }
  return images;
}

function oneImage(rnd, n, k) {
  const r = rnd();
  if (r < 0.1) {
    const img = HUB[int(rnd, HUB.length)];
    // unique mode: a distinct tag per image (Docker Hub names as users write them)
    return k < 0 ? img : `${img.split(':')[0]}:k${k}`;
  }
  if (r < 0.2) {
    const img = OTHER[int(rnd, OTHER.length)];
    return k < 0 ? img : `${img.split(':')[0]}:k${k}`;
  }
  const i = n > 2 ? 2 + int(rnd, n - 2) : 0;
  const base = n > 2 ? registryKey(i) : 'docker.io';
  const img = `${base}/team-${int(rnd, 20)}/app-${int(rnd, 50)}`;
  if (rnd() < 0.1) return `${img}@sha256:${hex64(rnd)}`;
  return `${img}:1.${int(rnd, 30)}.${k < 0 ? int(rnd, 10) : k}`;
}

/** The ~3 images the tab previews while the user types. */
export function previewImages(n) {
  return ['nginx:1.27', `${n > 2 ? registryKey(2) : 'docker.io'}/team-1/app-1:1.0.0`, 'quay.io/prometheus/prometheus:v3.0.0'];
}

/**
 * A keystroke: the registries.yaml text with one field edited. Edit #t changes the first
 * endpoint of one mirror (a different mirror each time, round robin) to a URL never seen
 * before, so caches keyed by endpoint, pattern or hosts.toml text miss for exactly the
 * part the user touched – as when typing – while everything else is unchanged.
 * Returns edit(t) → text.
 */
export function keystrokeEditor(text, n) {
  const sites = [];
  for (let i = 0; i < n; i++) {
    const url = i % 10 === 3 ? `https://cache-${i}.mirrors.example.net/v2/proxy-${i}` : `https://cache-${i}.mirrors.example.net`;
    const needle = `      - ${yamlString(url)}\n`;
    const at = text.indexOf(needle);
    if (at === -1) throw new Error(`keystrokeEditor: no first endpoint for mirror #${i}`);
    sites.push({ at, len: needle.length, line: needle.slice(0, -1) });
  }
  return (t) => {
    const s = sites[t % sites.length];
    // an edited port: 1024 + t is new for every keystroke of a run
    const edited = `${s.line.replace('.mirrors.example.net', `.mirrors.example.net:${1024 + (t % 60000)}`)}\n`;
    return text.slice(0, s.at) + edited + text.slice(s.at + s.len);
  };
}

/**
 * A fleet of provisioning.cattle.io/v1 Clusters, as kubectl prints them. Clusters are
 * made from `templates` registry settings (fleets are provisioned from templates), with
 * 1 to maxMirrors mirrors each (template t has about maxMirrors * (t+1) / templates),
 * on four releases; templates = count gives every cluster distinct settings.
 */
export function makeFleet(count, { templates = 50, maxMirrors = 200, seed = 1 } = {}) {
  const versions = ['v1.31.6+rke2r1', 'v1.32.5+rke2r1', 'v1.33.1+k3s1', 'v1.30.10+k3s1'];
  const cache = new Map();
  const template = (t) => {
    if (!cache.has(t)) {
      const n = Math.max(2, Math.round((maxMirrors * (t + 1)) / templates));
      const node = makeRegistries(n, { seed: seed * 100_003 + t });
      const mirrors = {};
      for (const [k, m] of Object.entries(node.mirrors)) mirrors[k] = { endpoint: m.endpoint, ...(m.rewrite ? { rewrite: m.rewrite } : {}) };
      cache.set(t, { mirrors, version: versions[t % versions.length], sdr: t % 5 === 0 ? `registry-${t}.example.net` : undefined });
    }
    return cache.get(t);
  };
  return Array.from({ length: count }, (_, i) => {
    const t = template(i % templates);
    return {
      apiVersion: 'provisioning.cattle.io/v1',
      kind: 'Cluster',
      metadata: { name: `cluster-${seed}-${i}`, namespace: 'fleet-default' },
      spec: { kubernetesVersion: t.version, rkeConfig: { ...(t.sdr ? { machineGlobalConfig: { 'system-default-registry': t.sdr } } : {}), registries: { mirrors: t.mirrors } } },
    };
  });
}

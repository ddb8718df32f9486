// Findings: what will go wrong on the node, where, and the fix in one line.
import { DOCKER_HUB, DOCKER_HUB_HOST, hostName, isLocalhost, normalizeEndpoint } from '../agent/endpoint';
import { compilePattern, namedGroupIndexes, replacementRefs } from '../containerd/rewrite';
import { cleanPath } from '../containerd/read-hosts-toml';
import { hasUserInfo, redact } from '../lib/redact';
import { finding } from './finding-codes';
import { phraseId } from '../lib/phrase-id';
import { LIMITS } from '../lib/limits';
import { Memo, PerEntry } from '../lib/memo';
import { canonicalMirror } from '../agent/host-configs';
import { checkSystemDefaultRegistry, SDR_PROBLEMS } from '../input/sdr';
import { WILDCARD_FIXED_VERSIONS } from '../input/profiles';
import type { Compiled } from './plan';
import type { Finding, MirrorEntry, Surface } from '../types';

type Path = Array<string | number>;

const f = finding;

const HOST_RE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;

/** What can be wrong with a mirror or config key, by id (the id is a finding param). */
export const REGISTRY_KEY_PROBLEMS = {
  empty: 'is empty',
  tooLong: 'is longer than a host name can be',
  credentials: 'contains credentials (user@host); keys are registry hosts as images name them',
  whitespace: 'contains white space',
  scheme: 'has a scheme; keys are registry hosts as images name them',
  path: 'has a path; keys are registry hosts as images name them',
  invalid: 'is not a valid host[:port]',
  port: 'has a port outside 1-65535',
} as const;

/** A registry host as images name it: host[:port], no scheme or path. */
export function checkRegistryKey(key: string): string | undefined {
  const P = REGISTRY_KEY_PROBLEMS;
  if (key === '*') return undefined;
  if (key.trim() === '') return P.empty;
  if (key.length > 253 + 6) return P.tooLong;
  if (hasUserInfo(key)) return P.credentials;
  if (/\s/.test(key)) return P.whitespace;
  if (key.includes('://')) return P.scheme;
  if (key.includes('/')) return P.path;
  if (!HOST_RE.test(key)) return P.invalid;
  const port = /:(\d+)$/.exec(key)?.[1];
  if (port && (Number(port) > 65535 || Number(port) === 0)) return P.port;
  return undefined;
}

/** Why a rewrite pattern is not Go RE2 (with a hint for the usual PCRE habits), or undefined. */
export function patternProblem(pattern: string): string | undefined {
  const c = compilePattern(pattern);
  if (c.ok) return undefined;
  const look = /\(\?[=!<]/.test(pattern) ? ' (Go regular expressions have no look-ahead or look-behind)' : /\\[1-9]/.test(pattern) ? ' (Go regular expressions have no back-references)' : '';
  return `${c.error}${look}`;
}

const endpointProblems = new Memo<string, Finding[]>(20_000);

const SURFACES: Surface[] = ['tab', 'cli'];

/** The findings of one endpoint at a field; what is wrong with a URL depends only on its text. */
function checkEndpoint(raw: string, path: Path, out: Finding[], surface: Surface): void {
  for (const fd of endpointProblems.get(`${SURFACES.indexOf(surface)}${raw}`, () => {
    const found: Finding[] = [];
    checkEndpointText(raw, [], found, surface);
    return found;
  })) {
    out.push({ ...fd, path });
  }
}

function checkEndpointText(raw: string, path: Path, out: Finding[], surface: Surface): void {
  const shown = redact(raw);
  if (raw.length > LIMITS.urlLength) {
    out.push(f('LIMIT_EXCEEDED', 'error', path, `The endpoint is ${raw.length} characters long; the most is ${LIMITS.urlLength}`, 'Shorten the URL.', { length: String(raw.length), max: String(LIMITS.urlLength) }, 'endpointLength'));
    return;
  }
  if (raw.trim() === '') {
    if (surface === 'cli') out.push(f('ENDPOINT_INVALID', 'error', path, 'The endpoint is empty; the node ignores it', 'Give a URL such as https://mirror.example.com, or remove the empty entry from the list.', undefined, 'empty.cli'));
    else out.push(f('ENDPOINT_INVALID', 'error', path, 'The endpoint is empty; the node ignores it', 'Enter a URL such as https://mirror.example.com, or remove the row.', undefined, 'empty'));
    return;
  }
  if (raw !== raw.trim() || /\s/.test(raw)) {
    out.push(f('ENDPOINT_INVALID', 'error', path, `"${shown}" contains white space; the node ignores this endpoint`, 'Remove the spaces.', { shown }, 'whitespace'));
    return;
  }
  const n = normalizeEndpoint(raw);
  if (!n.ok) {
    out.push(f('ENDPOINT_INVALID', 'error', path, `"${shown}" is not a valid URL (${n.error.replace(/"[^"]{2,}"/g, '…')}); the node ignores this endpoint`, 'Use scheme://host[:port][/path], e.g. https://mirror.example.com:5000.', { shown, error: n.error.replace(/"[^"]{2,}"/g, '…') }, 'url'));
    return;
  }
  const u = n.ep.url;
  if (u.scheme !== 'http' && u.scheme !== 'https') {
    out.push(f('ENDPOINT_SCHEME', 'error', path, `"${shown}" uses scheme ${u.scheme}:; containerd only speaks http and https`, 'Use https:// (or http:// for a plain-HTTP registry).', { shown, scheme: u.scheme }));
    return;
  }
  const port = /:(\d+)$/.exec(u.host)?.[1];
  if (port !== undefined && (port.length > 5 || Number(port) > 65535 || Number(port) === 0)) {
    out.push(f('ENDPOINT_INVALID', 'error', path, `"${shown}" has port ${port.slice(0, 12)}, outside 1-65535: containerd cannot dial it`, 'Use the port the registry listens on, e.g. :5000, or none for 443.', { shown, port: port.slice(0, 12) }, 'port'));
    return;
  }
  if (u.host === '' || !HOST_RE.test(u.host)) {
    out.push(f('ENDPOINT_INVALID', 'error', path, `"${shown}" has no valid host name`, 'Use scheme://host[:port], e.g. https://mirror.example.com.', { shown }, 'host'));
    return;
  }
  if (u.user) {
    out.push(f('ENDPOINT_CREDENTIALS', 'error', path, 'The endpoint URL carries credentials; they would be written in clear text to every node', 'Remove user:password@ from the URL and add a registry config with an auth Secret for this host.'));
  }
  if (u.rawQuery || u.hasFragment) {
    out.push(f('ENDPOINT_QUERY', 'warning', path, `"${shown}" has a query or fragment; containerd builds its own request URLs and drops it`, 'Remove the ?… or #… part.', { shown }));
  }
  if (n.ep.schemeAdded && u.scheme === 'http') {
    // K3s (normalizeEndpointAddress): localhost on a port other than 443 defaults to plain HTTP
    out.push(f('ENDPOINT_NO_SCHEME', 'warning', path, `"${shown}" has no scheme: the node uses http://${redact(u.host)}, as K3s assumes plain HTTP for localhost on a port other than 443`, `Write http://${shown} explicitly, or https://${shown} if the registry serves TLS.`, { shown, host: redact(u.host) }, 'localhost'));
  } else if (n.ep.schemeAdded) {
    out.push(f('ENDPOINT_NO_SCHEME', 'warning', path, `"${shown}" has no scheme: the node uses ${u.scheme}://${redact(u.host)}`, `Write ${u.scheme}://${shown} explicitly, or http:// if the registry has no TLS.`, { shown, scheme: u.scheme, host: redact(u.host) }));
  }
  if (n.ep.overridePath && u.path.includes('//')) {
    // K3s keeps the path as written with override_path = true; containerd path.Cleans it and,
    // with override_path, appends no /v2: https://host// requests https://host/<repo>/manifests/<tag>
    const clean = cleanPath(u.path);
    if (!clean.endsWith('/v2')) {
      const base = `${u.scheme}://${redact(u.host)}${clean === '/' ? '' : clean}`;
      const request = `${base}/<repository>/manifests/<tag>`;
      if (clean === '/') out.push(f('ENDPOINT_PATH_EMPTY_SEGMENT', 'warning', path, `"${shown}" has only slashes as its path: the node keeps them and sets override_path, so containerd requests ${request}, without /v2, and a registry answers 404`, `Write ${base} (no trailing slash): the node then requests ${base}/v2/….`, { shown, request, base }, 'root'));
      else out.push(f('ENDPOINT_PATH_EMPTY_SEGMENT', 'warning', path, `"${shown}" has an empty path segment (//): the node keeps the path and sets override_path, so containerd requests ${request}, without /v2`, `Write ${base}, and end the path with /v2 if the registry serves its API there.`, { shown, request, base }));
    }
  }
  if (u.scheme === 'http' && !isLocalhost(u.host)) {
    out.push(f('ENDPOINT_HTTP', 'warning', path, `"${shown}" is plain HTTP: images and credentials cross the network unencrypted`, 'Use https:// with a CA bundle for the registry.', { shown }));
  }
}

function checkRewrites(key: string, rewrites: Array<[string, string]>, hasEndpoints: boolean, out: Finding[]): void {
  for (const [pattern, replacement] of rewrites) {
    const path: Path = ['mirrors', key, 'rewrite', pattern];
    const c = compilePattern(pattern);
    if (!c.ok) {
      const lookId = /\(\?[=!<]/.test(pattern) ? 'lookaround' : /\\[1-9]/.test(pattern) ? 'backref' : 'none';
      const look = lookId === 'lookaround' ? ' (Go regular expressions have no look-ahead or look-behind)' : lookId === 'backref' ? ' (Go regular expressions have no back-references)' : '';
      out.push(f('REWRITE_INVALID', 'error', path, `The pattern is not a valid Go (RE2) regular expression: ${c.error}${look}`, 'Rewrite the pattern in RE2 syntax, e.g. ^library/(.*)$.', { error: c.error, look: lookId }));
    }
    if (replacement === '') {
      out.push(f('REWRITE_EMPTY_REPLACEMENT', 'warning', path, 'The replacement is empty: the part of the repository the pattern matches is removed (all of it, if the pattern matches it all)', 'Enter the repository path the mirror serves, e.g. dockerhub/library/$1.'));
    } else if (c.ok) {
      const groups = c.re.groupCount();
      const named = namedGroupIndexes(c.re);
      const missing = replacementRefs(replacement).find((r) => (r.num >= 0 ? r.num > groups : !named.has(r.name)));
      if (missing) {
        const ref = `$${missing.name}`;
        const fix = 'Refer only to groups the pattern has ($1 is its first ( ) group), or add the group to the pattern.';
        if (missing.num >= 0) out.push(f('REWRITE_GROUP_MISSING', 'error', path, `The replacement uses ${ref}, but the pattern has ${groups} group${groups === 1 ? '' : 's'}: it is replaced by nothing`, fix, { ref, groups }, 'number'));
        else out.push(f('REWRITE_GROUP_MISSING', 'error', path, `The replacement uses ${ref}, but the pattern has no group named ${missing.name}: it is replaced by nothing`, fix, { ref, name: missing.name }, 'named'));
      }
    }
    // eslint-disable-next-line no-control-regex -- a control character breaks the TOML string the node writes
    if (/["\\]/.test(pattern) || /["\\]/.test(replacement) || /[\x00-\x1f]/.test(pattern + replacement)) {
      out.push(f('REWRITE_BREAKS_TOML', 'error', path, 'The node writes rewrites into hosts.toml without escaping: a \\ or " here breaks the file (or changes the pattern), and containerd then ignores every mirror of this registry', 'Avoid \\ and ": use [.] instead of \\., [0-9] instead of \\d.'));
    }
  }
  if (rewrites.length > 0 && !hasEndpoints) {
    out.push(f('REWRITE_WITHOUT_ENDPOINT', 'warning', ['mirrors', key, 'rewrite'], 'Rewrites apply only to mirror endpoints; this mirror has none, so they do nothing', 'Add an endpoint, or remove the rewrites.'));
  }
}

interface MirrorContext {
  hasConfig: boolean;
  hasWildcard: boolean;
  mirrorAddr: string | undefined;
  surface: Surface;
  disableDefaultEndpoint: boolean;
  legacyCri: boolean;
}

/** A mirror's findings and the hosts of its valid endpoints, per canonical entry and context (validate). */
const mirrorChecks = new PerEntry<MirrorEntry, { findings: Finding[]; hosts: string[] }>();

/** The findings of one mirror entry: they depend on the entry and on the context only. */
function checkMirror(key: string, m: MirrorEntry, { hasConfig, hasWildcard, mirrorAddr, surface, disableDefaultEndpoint, legacyCri }: MirrorContext): { findings: Finding[]; hosts: string[] } {
  const out: Finding[] = [];
  const hosts: string[] = [];
  const bad = checkRegistryKey(key);
  if (bad) out.push(f('MIRROR_KEY_INVALID', 'error', ['mirrors', key], `Mirror key "${redact(key)}" ${bad}; no image ever uses it`, 'Use the registry host as images name it: docker.io, registry.example.com:5000 or *.', { key: redact(key), problem: phraseId(REGISTRY_KEY_PROBLEMS, bad) }));
  if (key === DOCKER_HUB_HOST || key === 'index.docker.io') {
    out.push(f('MIRROR_KEY_NEVER_MATCHES', 'warning', ['mirrors', key], `Images never name "${redact(key)}": Docker Hub images are docker.io/…, so this mirror is never used`, 'Rename the mirror key to docker.io.', { key: redact(key) }, 'dockerHub'));
  } else if (!bad && key !== '*' && key !== 'localhost' && !/[.:]/.test(key) && key === key.toLowerCase()) {
    out.push(f('MIRROR_KEY_NEVER_MATCHES', 'warning', ['mirrors', key], `Images never name "${redact(key)}" as a registry: in ${redact(key)}/app the first part is a Docker Hub namespace (docker.io/${redact(key)}/app)`, `Use the registry's full host name, e.g. ${redact(key)}.example.com, or its host:port.`, { key: redact(key) }, 'namespace'));
  }
  const seen = new Map<string, number>();
  let valid = 0;
  const dflt = key === '*' || bad ? undefined : normalizeEndpoint(key);
  const defaultUrl = dflt && dflt.ok ? dflt.ep.urlString : undefined;
  m.endpoints.forEach((e, i) => {
    const path: Path = ['mirrors', key, 'endpoint', i];
    checkEndpoint(e, path, out, surface);
    const n = normalizeEndpoint(e, mirrorAddr);
    if (!n.ok) return;
    valid++;
    hosts.push(n.ep.registryName);
    const prev = seen.get(n.ep.urlString);
    if (prev !== undefined) {
      out.push(f('ENDPOINT_DUPLICATE', 'warning', path, `Same endpoint as endpoint[${prev}] (${n.ep.urlString}); the node skips it`, 'Remove the duplicate.', { index: String(prev), url: n.ep.urlString }));
      return;
    }
    seen.set(n.ep.urlString, i);
    if (defaultUrl && n.ep.urlString === defaultUrl && i + 1 < m.endpoints.length && !disableDefaultEndpoint) {
      out.push(f('ENDPOINT_DEFAULT_NOT_LAST', 'warning', path, `This is the registry's own address; it is only folded into the fallback when it is last, so here it is tried twice`, 'Move it to the end of the list, or remove it (the registry itself is the fallback anyway).'));
    }
  });
  checkRewrites(key, m.rewrites, m.endpoints.length > 0, out);
  if (m.endpoints.length === 0 && !hasConfig && key !== '*' && mirrorAddr) {
    // K3s docs: an empty mirror entry is how a registry is enabled for the embedded registry
    out.push(f('MIRROR_NO_ENDPOINTS', 'info', ['mirrors', key], `"${redact(key)}" has no endpoints: with the embedded registry (Spegel) its hosts.toml tries the other nodes first, then ${redact(key)} itself`, 'Nothing to fix: this is how the embedded registry is enabled for a registry. Add an endpoint to try a mirror as well.', { key: redact(key) }, 'embedded'));
  } else if (m.endpoints.length === 0 && !hasConfig && key !== '*') {
    out.push(f('MIRROR_NO_ENDPOINTS', 'info', ['mirrors', key], `"${redact(key)}" has no endpoints: no hosts.toml is written for it${hasWildcard ? ', so the * mirror applies to it' : ''}`, 'Add an endpoint, or remove the mirror.', { key: redact(key), wildcard: hasWildcard ? 'yes' : 'no' }));
  }
  if (disableDefaultEndpoint && !legacyCri) {
    const reason = hasConfig
      ? `"${redact(key)}" also has a registry config, and then the node keeps the default endpoint`
      : valid === 0
        ? `"${redact(key)}" has no valid endpoint`
        : undefined;
    if (reason) out.push(f('DISABLE_DEFAULT_NO_EFFECT', 'warning', ['mirrors', key], `disable-default-registry-endpoint has no effect here: ${reason}`, hasConfig ? 'Key the config by the endpoint host instead, or accept the fallback.' : 'Add an endpoint.', { key: redact(key) }, hasConfig ? 'config' : 'noEndpoint'));
  }
  return { findings: out, hosts };
}

export function validate(compiled: Compiled): Finding[] {
  const out: Finding[] = [];
  const { settings, profile } = compiled;
  const sdrProblem = checkSystemDefaultRegistry(settings.systemDefaultRegistry);
  if (sdrProblem) out.push(f('SDR_INVALID', 'error', ['systemDefaultRegistry'], `system-default-registry "${redact(settings.systemDefaultRegistry ?? '')}" ${sdrProblem}; system images would get names no registry serves`, 'Use host[:port] or host[:port]/path, e.g. registry.example.com:5000.', { value: redact(settings.systemDefaultRegistry ?? ''), problem: phraseId(SDR_PROBLEMS, sdrProblem) }, 'settings'));
  const { mirrors, configs } = compiled.registries;
  const { mirrorAddr, surface } = compiled;
  const hasWildcard = Object.hasOwn(mirrors, '*');
  // a * mirror with a valid endpoint: the same for every config
  const wildcard = hasWildcard && mirrors['*'].endpoints.some((e) => normalizeEndpoint(e).ok);
  const endpointHosts = new Set<string>();

  for (const key of Object.keys(mirrors)) {
    const m = mirrors[key];
    const hasConfig = Object.hasOwn(configs, key);
    const context = `${key}\u0000${hasConfig ? 1 : 0}${hasWildcard ? 1 : 0}${settings.disableDefaultEndpoint ? 1 : 0}${profile.legacyCri ? 1 : 0}\u0000${surface}\u0000${mirrorAddr ?? ''}`;
    const found = mirrorChecks.get(canonicalMirror.of(m), context, () => checkMirror(key, m, { hasConfig, hasWildcard, mirrorAddr, surface, disableDefaultEndpoint: settings.disableDefaultEndpoint, legacyCri: profile.legacyCri }));
    for (const fd of found.findings) out.push({ ...fd });
    for (const h of found.hosts) endpointHosts.add(h);
  }

  if (wildcard && !profile.wildcardFallback && !settings.disableDefaultEndpoint) {
    out.push(f('WILDCARD_NO_FALLBACK', 'warning', ['mirrors', '*'], `On ${settings.version ?? 'this version'} a * mirror has no fallback to the upstream registry: when the mirror lacks an image, the pull fails (k3s-io/k3s#11857, rancher/rke2#7827)`, `Upgrade to ${WILDCARD_FIXED_VERSIONS}, or list each registry as its own mirror key, or make the mirror serve every image.`, { hasVersion: settings.version === undefined ? 'no' : 'yes', version: settings.version ?? '', fixed: WILDCARD_FIXED_VERSIONS }, 'settings'));
  }

  for (const key of Object.keys(configs)) {
    const c = configs[key];
    const path: Path = ['configs', key];
    const bad = checkRegistryKey(key);
    if (bad) {
      const n = normalizeEndpoint(key);
      const hint = n.ok && n.ep.url.host ? ` Key it as ${n.ep.registryName}.` : '';
      out.push(f('CONFIG_KEY_INVALID', 'error', path, `Config key "${redact(key)}" ${bad}; containerd looks configs up by host[:port] only`, `Use the endpoint's host[:port].${hint}`, { key: redact(key), problem: phraseId(REGISTRY_KEY_PROBLEMS, bad), hasHint: hint ? 'yes' : 'no', hint: n.ok && n.ep.url.host ? n.ep.registryName : '' }));
      continue;
    }
    if (key === '*') {
      if (c.tls && Object.hasOwn(mirrors, '*')) out.push(f('WILDCARD_TLS_DROPPED', 'warning', path, 'The * config TLS settings are dropped when a * mirror exists', 'Add a config for each mirror endpoint host instead.'));
      else if (c.tls?.insecureSkipVerify) {
        out.push(f('SKIP_VERIFY', 'warning', [...path, 'insecureSkipVerify'], 'TLS certificates of every registry without a config of its own are not verified: anyone on the path can serve you other images', 'Add the CA bundle of each registry in a config keyed by its host, and turn this off.', undefined, 'wildcard'));
      }
      if (c.auth) out.push(f('WILDCARD_AUTH_UNUSED', 'warning', [...path, 'authConfigSecretName'], 'containerd never uses * credentials for image pulls', 'Add a config with the auth Secret for each registry host.'));
      continue;
    }
    if (c.tls?.insecureSkipVerify) {
      out.push(f('SKIP_VERIFY', 'warning', [...path, 'insecureSkipVerify'], `TLS certificates of ${redact(key)} are not verified: anyone on the path can serve you other images`, 'Add the registry CA bundle instead and turn this off.', { host: redact(key) }));
    }
    const used = endpointHosts.has(key) || Object.hasOwn(mirrors, key) || (key === DOCKER_HUB_HOST && endpointHosts.has(DOCKER_HUB));
    const nearMiss = !used && [...endpointHosts].some((h) => hostName(h) === hostName(key) && h !== key);
    if (!used && !nearMiss && wildcard && compiled.hostConfigs[key]) {
      const airGap = settings.disableDefaultEndpoint ? ' – past the air-gap mirror, although disable-default-registry-endpoint is set' : '';
      out.push(f('CONFIG_SHADOWS_WILDCARD', 'warning', path, `This config gives ${redact(key)} a hosts.toml of its own, so images from ${redact(key)} no longer use the * mirror: they go to ${redact(key)} directly${airGap}`, `Add a mirror for ${redact(key)} with the * mirror's endpoints, or remove this config.`, { key: redact(key), airGap: settings.disableDefaultEndpoint ? 'yes' : 'no' }));
    } else if (!used) {
      const near = [...endpointHosts].find((h) => hostName(h) === hostName(key) && h !== key);
      if (near) out.push(f('CONFIG_KEY_MISMATCH', 'warning', path, `No endpoint uses "${redact(key)}"; configs are matched by the exact host[:port] of an endpoint, and an endpoint uses "${near}"`, `Rename the config key to ${near}.`, { key: redact(key), near }));
      else out.push(f('CONFIG_UNUSED', 'info', path, `No mirror endpoint uses "${redact(key)}": this config applies only to images pulled from ${redact(key)} directly`, 'If it is meant for a mirror, key it by that endpoint\'s host[:port].', { key: redact(key) }));
    }
  }

  for (const key of Object.keys(mirrors)) {
    const m = mirrors[key];
    if (!Object.hasOwn(configs, key) || key === '*') continue;
    const hosts = m.endpoints.map((e) => normalizeEndpoint(e)).filter((n) => n.ok).map((n) => (n.ok ? n.ep.registryName : ''));
    if (hosts.length > 0 && !hosts.includes(key) && !(key === DOCKER_HUB && hosts.includes(DOCKER_HUB))) {
      out.push(f('CONFIG_ON_MIRROR_KEY', 'warning', ['configs', key], `The config for "${redact(key)}" applies to ${redact(key)} itself (the fallback), not to its mirror endpoints ${hosts.join(', ')}`, `Add a config keyed by ${hosts[0]} for the mirror.`, { key: redact(key), hosts: hosts.join(', '), first: hosts[0] }));
    }
  }

  for (const file of compiled.hostsFiles) {
    if (!file.parsed.ok) {
      out.push(f('HOSTS_TOML_UNPARSABLE', 'error', ['mirrors', file.key], `certs.d/${file.dir}/hosts.toml will not parse on the node (${file.parsed.error}); containerd ignores every mirror of "${file.key}" and pulls from the registry itself`, 'Fix the rewrite patterns or endpoints flagged for this mirror.', { dir: file.dir, error: file.parsed.error, key: file.key }, 'settings'));
    }
  }
  return out;
}

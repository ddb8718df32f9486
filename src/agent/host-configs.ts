import { canonicalConfig, canonicalMirror, setOwn } from '../input/schemas';
// What the K3s/RKE2 agent makes of registries.yaml: one host config per
// certs.d directory (K3s getHostConfigs; docs/route-semantics.md §4).
import { defaultHost, isLocalhost, normalizeEndpoint } from './endpoint';
import { PerEntry } from '../lib/memo';
import type { MirrorEntry, Registries, RegistryConfigEntry } from '../types';

export interface HostEndpoint {
  /**
   * scheme://host/path; '' for the `*` server that containerd fills in with the
   * pulled registry; null when there is no server URL at all (a `*` config alone)
   */
  url: string | null;
  overridePath: boolean;
  rewrites: Array<[string, string]>;
  config: RegistryConfigEntry;
  /** the configs key the config came from, or null */
  configKey: string | null;
}

export interface HostConfig {
  /** the mirror or configs key that produced this directory */
  key: string;
  default: HostEndpoint | null;
  endpoints: HostEndpoint[];
}

export interface HostConfigOptions {
  noDefaultEndpoint: boolean;
  /** embedded registry address host:port, when it is enabled */
  mirrorAddr?: string;
}

export function hostDirectory(key: string): string {
  return key === '*' ? '_default' : key;
}

/** Config for a registry name: docker.io looks under registry-1.docker.io first. */
export function configForHost(
  configs: Registries['configs'],
  host: string,
): { config: RegistryConfigEntry; key: string | null } {
  const h = defaultHost(host);
  if (h !== host && Object.hasOwn(configs, h)) return { config: configs[h], key: h };
  if (Object.hasOwn(configs, host)) return { config: configs[host], key: host };
  return { config: {}, key: null };
}

function defaultEndpoint(key: string, mirrorAddr: string | undefined, config: RegistryConfigEntry, configKey: string | null): HostEndpoint | null {
  const n = normalizeEndpoint(key, mirrorAddr);
  if (!n.ok) return null;
  return { url: key === '*' ? null : n.ep.urlString, overridePath: false, rewrites: [], config, configKey };
}

export function endpointHasConfig(ep: HostEndpoint | null): boolean {
  return !!ep && (ep.overridePath || !!ep.config.auth || !!ep.config.tls || ep.rewrites.length > 0);
}

/** Mirror and config entries as compile sees them: one frozen object per content (see Canonical; made in input/schemas.ts). */
export { canonicalConfig, canonicalMirror };
/** Registries whose entries are canonical (compile keys its per-entry memos by them). */
export function canonicalRegistries(registries: Registries): Registries {
  const mirrors: Registries['mirrors'] = {};
  const configs: Registries['configs'] = {};
  for (const key of Object.keys(registries.mirrors)) setOwn(mirrors, key, canonicalMirror.of(registries.mirrors[key]));
  for (const key of Object.keys(registries.configs)) setOwn(configs, key, canonicalConfig.of(registries.configs[key]));
  return { mirrors, configs };
}

/** The config of a host without one: one object, so that lookups compare by identity. */
const NO_CONFIG: RegistryConfigEntry = Object.freeze({});

/** A configs key's own directory (before mirrors), per canonical config entry. */
const configHosts = new PerEntry<RegistryConfigEntry, { hc: HostConfig | null }>();

/** A mirror's directory, with the configs it looked up (their keys and entries) to tell when it is stale. */
interface MirrorHost {
  hc: HostConfig | null;
  base: HostConfig | undefined;
  hosts: string[];
  found: Array<{ config: RegistryConfigEntry; key: string | null }>;
}
const mirrorHosts = new PerEntry<MirrorEntry, MirrorHost>();

/** configForHost over canonical entries (equal configs are the same object; none is NO_CONFIG). */
function lookup(configs: Registries['configs'], host: string): { config: RegistryConfigEntry; key: string | null } {
  const r = configForHost(configs, host);
  return r.key === null ? { config: NO_CONFIG, key: null } : r;
}

/**
 * The agent's host configs. Each directory is derived from its own entry (and the configs
 * its hosts look up) and memoised per entry: an edit of one mirror recomputes that
 * mirror's directory only, and the HostConfig objects of unchanged entries stay the same
 * objects from one call to the next (read-only: they are shared).
 */
export function buildHostConfigs(registries: Registries, opts: HostConfigOptions): Record<string, HostConfig> {
  // canonical entries (a no-op for those compile made canonical), looked up by identity below
  const { mirrors, configs } = canonicalRegistries(registries);
  const hosts: Record<string, HostConfig> = {};
  const mirrorAddr = opts.mirrorAddr;
  const context = `${mirrorAddr ?? ''}\u0000${opts.noDefaultEndpoint ? 1 : 0}`;

  for (const key of Object.keys(configs)) {
    const config = configs[key];
    const { hc } = configHosts.get(config, `${key}\u0000${mirrorAddr ?? ''}`, () => {
      const def = defaultEndpoint(key, mirrorAddr, config, key);
      return { hc: def ? { key, default: def, endpoints: [] } : null };
    });
    if (hc) setOwn(hosts, hostDirectory(key), hc);
  }

  for (const key of Object.keys(mirrors)) {
    // a `*` config is stored under _default, so a `*` mirror never finds it here
    const base: HostConfig | undefined = Object.hasOwn(hosts, key) ? hosts[key] : undefined;
    const mirror = mirrors[key];
    const { hc } = mirrorHosts.get(
      mirror,
      `${key}\u0000${context}`,
      () => mirrorHost(key, mirror, base, configs, opts),
      (m) => m.base === base && m.hosts.every((h, i) => {
        const now = lookup(configs, h);
        return now.config === m.found[i].config && now.key === m.found[i].key;
      }),
    );
    if (hc) setOwn(hosts, hostDirectory(key), hc);
  }

  for (const dir of Object.keys(hosts)) {
    if (hosts[dir].endpoints.length === 0 && !endpointHasConfig(hosts[dir].default)) delete hosts[dir];
  }
  return hosts;
}

/** One mirror's directory: its own default (or the config key's), then its endpoints. */
function mirrorHost(key: string, mirror: MirrorEntry, base: HostConfig | undefined, configs: Registries['configs'], opts: HostConfigOptions): MirrorHost {
  const mirrorAddr = opts.mirrorAddr;
  const used: MirrorHost = { hc: null, base, hosts: [], found: [] };
  const find = (host: string) => {
    const r = lookup(configs, host);
    used.hosts.push(host);
    used.found.push(r);
    return r;
  };
  let host: HostConfig;
  if (!base) {
    const { config, key: configKey } = find(key);
    const def = defaultEndpoint(key, mirrorAddr, config, configKey);
    if (!def) return used;
    let d: HostEndpoint | null = def;
    if (opts.noDefaultEndpoint) d = null;
    else if (key === '*') d = { url: '', overridePath: false, rewrites: [], config: NO_CONFIG, configKey: null };
    host = { key, default: d, endpoints: [] };
  } else {
    host = { ...base, endpoints: [...base.endpoints] };
  }
  const seen = new Set<string>();
  mirror.endpoints.forEach((endpoint, i) => {
    const n = normalizeEndpoint(endpoint, mirrorAddr);
    if (!n.ok || seen.has(n.ep.urlString)) return;
    seen.add(n.ep.urlString);
    const { config, key: configKey } = find(n.ep.registryName);
    const ep: HostEndpoint = {
      url: n.ep.urlString,
      overridePath: n.ep.overridePath,
      // rewrites are never applied to the embedded registry
      rewrites: n.ep.url.host !== mirrorAddr ? mirror.rewrites : [],
      config,
      configKey,
    };
    const defaultUrl = host.default?.url ?? '';
    if (i + 1 === mirror.endpoints.length && defaultUrl === ep.url) host.default = ep;
    else host.endpoints.push(ep);
  });
  used.hc = host;
  return used;
}

/** The embedded registry (spegel) as the agent adds it (docs/route-semantics.md §2). */
export function withEmbeddedRegistry(registries: Registries, mirrorAddr: string, distro: 'rke2' | 'k3s'): Registries {
  const mirrors: Registries['mirrors'] = {};
  const embedded = `https://${mirrorAddr}/v2`;
  for (const [key, m] of Object.entries(registries.mirrors)) {
    setOwn(mirrors, key, isLocalhost(key) ? m : { ...m, endpoints: [embedded, ...m.endpoints] });
  }
  const agentDir = `/var/lib/rancher/${distro}/agent`;
  mirrors[mirrorAddr] = { endpoints: [], rewrites: [] };
  const configs = {
    ...registries.configs,
    [mirrorAddr]: {
      tls: { caFile: `${agentDir}/server-ca.crt`, certFile: `${agentDir}/client-kubelet.crt`, keyFile: `${agentDir}/client-kubelet.key` },
    },
  };
  return { mirrors, configs };
}

export function embeddedRegistryAddress(distro: 'rke2' | 'k3s', ipv6Only = false): string {
  const port = distro === 'rke2' ? '9345' : '6443';
  return ipv6Only ? `[::1]:${port}` : `127.0.0.1:${port}`;
}

import { setOwn } from '../input/schemas';
// What the K3s/RKE2 agent makes of registries.yaml: one host config per
// certs.d directory (K3s getHostConfigs; docs/route-semantics.md §4).
import { defaultHost, isLocalhost, normalizeEndpoint } from './endpoint';
import type { Registries, RegistryConfigEntry } from '../types';

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

export function buildHostConfigs(registries: Registries, opts: HostConfigOptions): Record<string, HostConfig> {
  const { configs, mirrors } = registries;
  const hosts: Record<string, HostConfig> = {};
  const mirrorAddr = opts.mirrorAddr;

  for (const key of Object.keys(configs)) {
    const def = defaultEndpoint(key, mirrorAddr, configs[key], key);
    if (!def) continue;
    setOwn(hosts, hostDirectory(key), { key, default: def, endpoints: [] });
  }

  for (const key of Object.keys(mirrors)) {
    const mirror = mirrors[key];
    // a `*` config is stored under _default, so a `*` mirror never finds it here
    let hc: HostConfig | undefined = Object.hasOwn(hosts, key) ? hosts[key] : undefined;
    if (!hc) {
      const { config, key: configKey } = configForHost(configs, key);
      const def = defaultEndpoint(key, mirrorAddr, config, configKey);
      if (!def) continue;
      let d: HostEndpoint | null = def;
      if (opts.noDefaultEndpoint) d = null;
      else if (key === '*') d = { url: '', overridePath: false, rewrites: [], config: {}, configKey: null };
      hc = { key, default: d, endpoints: [] };
    } else {
      hc = { ...hc, endpoints: [...hc.endpoints] };
    }
    const host: HostConfig = hc;
    const seen = new Set<string>();
    mirror.endpoints.forEach((endpoint, i) => {
      const n = normalizeEndpoint(endpoint, mirrorAddr);
      if (!n.ok || seen.has(n.ep.urlString)) return;
      seen.add(n.ep.urlString);
      const { config, key: configKey } = configForHost(configs, n.ep.registryName);
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
    setOwn(hosts, hostDirectory(key), host);
  }

  for (const dir of Object.keys(hosts)) {
    if (hosts[dir].endpoints.length === 0 && !endpointHasConfig(hosts[dir].default)) delete hosts[dir];
  }
  return hosts;
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

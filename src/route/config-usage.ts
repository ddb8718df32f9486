// Which registry config (spec.rkeConfig.registries.configs) each pull actually uses:
// the agent looks a config up by the host of each mirror endpoint, and by the mirror's
// own key for the registry itself, where docker.io finds a registry-1.docker.io config
// first (configForHost, K3s getHostConfigs; docs/route-semantics.md §4).
import { configForHost } from '../agent/host-configs';
import { normalizeEndpoint } from '../agent/endpoint';
import { checkSystemDefaultRegistry } from '../input/sdr';
import { mirrorFallback } from './route';
import type { Compiled } from './plan';

/** One use of a config: a mirror's endpoint, or (endpoint null) the registry itself as fallback. */
export interface ConfigUse {
  mirror: string;
  /** the endpoint as written in the mirror; null for the registry itself */
  endpoint: string | null;
}

/**
 * configs key → what uses it, in the order of the mirrors and their endpoints. Keys
 * nothing uses are absent. The registry itself counts only where the route plan tries
 * it after the endpoints (not with disable-default, not for `*`).
 */
export function configUsage(compiled: Compiled): Record<string, ConfigUse[]> {
  const { mirrors, configs } = compiled.settings.registries;
  const out: Record<string, ConfigUse[]> = Object.create(null);
  const use = (key: string | null, u: ConfigUse) => {
    if (key !== null) (out[key] ??= []).push(u);
  };

  for (const mirror of Object.keys(mirrors)) {
    for (const endpoint of mirrors[mirror].endpoints) {
      const n = normalizeEndpoint(endpoint);
      if (n.ok) use(configForHost(configs, n.ep.registryName).key, { mirror, endpoint });
    }
    if (mirrorFallback(compiled, mirror).kind === 'registry') {
      use(configForHost(configs, mirror).key, { mirror, endpoint: null });
    }
  }
  return { ...out };
}

/**
 * Hosts a config could be written for but is not: every mirror endpoint's host, and the
 * system-default-registry's host when it is a valid registry, that no configs key serves.
 */
export function hostsWithoutConfig(compiled: Compiled, systemDefaultRegistry?: string): string[] {
  const { mirrors, configs } = compiled.settings.registries;
  const hosts = new Set<string>();

  for (const mirror of Object.keys(mirrors)) {
    for (const endpoint of mirrors[mirror].endpoints) {
      const n = normalizeEndpoint(endpoint);
      if (n.ok) hosts.add(n.ep.registryName);
    }
  }
  const sdr = systemDefaultRegistry?.trim();
  if (sdr && !checkSystemDefaultRegistry(sdr)) hosts.add(sdr.split('/')[0]);

  return [...hosts].filter((h) => configForHost(configs, h).key === null);
}

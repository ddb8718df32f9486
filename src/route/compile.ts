// Compile settings once: host configs, hosts.toml texts and how containerd
// reads them, plus the findings. Routes are then resolved against this.
import { buildHostConfigs, canonicalRegistries, embeddedRegistryAddress, withEmbeddedRegistry, type HostConfig } from '../agent/host-configs';
import { PerEntry } from '../lib/memo';
import { renderHostsToml } from '../agent/render-hosts-toml';
import { parseHostsToml } from '../containerd/read-hosts-toml';
import { needsRe2, re2Ready } from '../containerd/re2';
import { profileFor } from '../input/profiles';
import { settingsFromCluster, type ClusterSettings } from '../input/settings';
import { validate } from './validate';
import { postureFindings } from './posture';
import type { Compiled, HostsFile } from './plan';
import type { Finding, RouteSettings, Surface } from '../types';

export type { Compiled, HostsFile };

/**
 * A directory's hosts.toml text and how containerd reads it, per host config: buildHostConfigs
 * keeps the HostConfig of an unchanged entry, so a keystroke renders and parses one file.
 */
const hostsFileOf = new PerEntry<HostConfig, { text: string; parsed: HostsFile['parsed'] }>();

/** `surface`: who shows the findings (the CLI words its fixes for files, not for the form). */
export function compile(settings: RouteSettings, extraFindings: Finding[] = [], opts: { surface?: Surface } = {}): Compiled {
  const profile = profileFor(settings);
  const mirrorAddr = settings.embeddedRegistry ? embeddedRegistryAddress(settings.distro) : undefined;
  const registries = canonicalRegistries(settings.registries);
  const effective = mirrorAddr ? withEmbeddedRegistry(registries, mirrorAddr, settings.distro) : registries;
  const hostConfigs = profile.legacyCri ? {} : buildHostConfigs(effective, { noDefaultEndpoint: settings.disableDefaultEndpoint, mirrorAddr });
  const context = `${settings.distro}\u0000${profile.id}`;
  const hostsFiles: HostsFile[] = Object.keys(hostConfigs)
    .sort()
    .map((dir) => {
      const hc = hostConfigs[dir];
      const { text, parsed } = hostsFileOf.get(hc, context, () => {
        const rendered = renderHostsToml(hc, settings.distro);
        return { text: rendered, parsed: parseHostsToml(rendered, profile) };
      });
      return { dir, key: hc.key, text, parsed };
    });
  const byDir = new Map(hostsFiles.map((f) => [f.dir, f]));
  const compiled: Compiled = { settings, profile, registries, effective, mirrorAddr, hostConfigs, hostsFiles, byDir, findings: [], plans: new Map(), surface: opts.surface ?? 'tab' };
  compiled.findings = [...extraFindings, ...validate(compiled)];
  // after validate: the Docker Hub route needs the compiled settings only, not their findings
  compiled.findings.push(...postureFindings(compiled));
  return compiled;
}

/** A cluster read and compiled: what the tab, the save diff and the fleet view show. */
export interface CompiledCluster {
  /** the settings read from the cluster, with the findings of reading them and where the SDR came from */
  settings: ClusterSettings;
  compiled: Compiled;
}

/**
 * A provisioning.cattle.io.cluster (or its spec as plain data) → settings → compiled, the
 * one way every view reads a cluster. `globalSystemDefaultRegistry`: Rancher's global
 * setting, which the cluster's own value overrides.
 */
export function compileCluster(cluster: unknown, opts: { globalSystemDefaultRegistry?: string; surface?: Surface } = {}): CompiledCluster {
  return compiledFrom(settingsFromCluster(cluster, opts), opts);
}

/**
 * compileCluster, or undefined – the cluster read once either way – when the cluster has a
 * rewrite and the RE2 engine, loaded on first need, is not there yet (containerd/re2.ts):
 * the tab and the pages then await loadRe2() and compile. `re2Ready`: whether the engine may
 * be used (by default whether it is loaded).
 */
export function compileClusterWhenReady(cluster: unknown, opts: { globalSystemDefaultRegistry?: string; surface?: Surface; re2Ready?: boolean } = {}): CompiledCluster | undefined {
  const settings = settingsFromCluster(cluster, opts);
  return (opts.re2Ready ?? re2Ready()) || !needsRe2(settings.settings) ? compiledFrom(settings, opts) : undefined;
}

function compiledFrom(settings: ClusterSettings, opts: { surface?: Surface }): CompiledCluster {
  return { settings, compiled: compile(settings.settings, settings.findings, { surface: opts.surface }) };
}

// Compile settings once: host configs, hosts.toml texts and how containerd
// reads them, plus the findings. Routes are then resolved against this.
import { buildHostConfigs, embeddedRegistryAddress, withEmbeddedRegistry, type HostConfig } from './host-configs';
import { renderHostsToml } from './hosts-toml';
import { parseHostsToml, type ParsedHostsFile } from './containerd-hosts';
import { profileFor, type Profile } from './profiles';
import { validate } from './validate';
import type { RoutePlan } from './route';
import type { Finding, Registries, RouteSettings } from './types';

export interface HostsFile {
  dir: string;
  /** the mirror or configs key behind it */
  key: string;
  text: string;
  parsed: ParsedHostsFile;
}

export interface Compiled {
  settings: RouteSettings;
  profile: Profile;
  /** registries as the node agent sees them (embedded registry included) */
  effective: Registries;
  mirrorAddr?: string;
  hostConfigs: Record<string, HostConfig>;
  hostsFiles: HostsFile[];
  byDir: Map<string, HostsFile>;
  findings: Finding[];
  /** route plans per registry, filled as images are resolved */
  plans: Map<string, RoutePlan>;
}

export function compile(settings: RouteSettings, extraFindings: Finding[] = []): Compiled {
  const profile = profileFor(settings);
  const mirrorAddr = settings.embeddedRegistry ? embeddedRegistryAddress(settings.distro) : undefined;
  const effective = mirrorAddr ? withEmbeddedRegistry(settings.registries, mirrorAddr, settings.distro) : settings.registries;
  const hostConfigs = profile.legacyCri ? {} : buildHostConfigs(effective, { noDefaultEndpoint: settings.disableDefaultEndpoint, mirrorAddr });
  const hostsFiles: HostsFile[] = Object.keys(hostConfigs)
    .sort()
    .map((dir) => {
      const text = renderHostsToml(hostConfigs[dir], settings.distro);
      return { dir, key: hostConfigs[dir].key, text, parsed: parseHostsToml(text, profile) };
    });
  const byDir = new Map(hostsFiles.map((f) => [f.dir, f]));
  const compiled: Compiled = { settings, profile, effective, mirrorAddr, hostConfigs, hostsFiles, byDir, findings: [], plans: new Map() };
  compiled.findings = [...extraFindings, ...validate(compiled)];
  return compiled;
}

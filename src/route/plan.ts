// What compiling settings produces, and what routes are planned from: the
// shared vocabulary of compile, validate and route (no logic here).
import type { HostConfig } from '../agent/host-configs';
import type { ParsedHostsFile } from '../containerd/read-hosts-toml';
import type { Profile } from '../input/profiles';
import type { AttemptTls, Finding, Registries, RouteSettings, Surface } from '../types';

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
  /** settings.registries with every entry a frozen canonical copy: what per-entry memos key by */
  registries: Registries;
  /** registries as the node agent sees them (embedded registry included) */
  effective: Registries;
  mirrorAddr?: string;
  hostConfigs: Record<string, HostConfig>;
  hostsFiles: HostsFile[];
  byDir: Map<string, HostsFile>;
  findings: Finding[];
  /** route plans per registry, filled as images are resolved */
  plans: Map<string, RoutePlan>;
  /** who shows the findings: their fixes are worded for the tab's form or for the CLI */
  surface: Surface;
}

/** One host of a planned route: all but the repository is known in advance. */
export interface HostStep {
  /** scheme://host */
  origin: string;
  /** the host's path, cleaned, '' for the root */
  path: string;
  endpoint: string;
  isDefault: boolean;
  overridePath: boolean;
  tls: AttemptTls;
  auth: string | null;
  httpFallback: boolean;
  rewrites: Array<[string, string]>;
  /** '?ns=<registry>' for a mirror, '' for the registry itself */
  ns: string;
}

export interface RoutePlan {
  hostsDir: string | null;
  steps: HostStep[];
  findings: Finding[];
}

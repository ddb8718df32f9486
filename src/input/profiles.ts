// Release profiles: which behaviour a RKE2/K3s version has (spec section 8).
import type { TomlDialect } from '../containerd/toml-dialect';
import type { Distro, Runtime } from '../types';

export type ProfileId =
  | 'legacy-cri'
  | 'hosts-toml-no-wildcard-fallback'
  | 'containerd-1.7'
  | 'containerd-2.0-wildcard-bug'
  | 'containerd-2.0'
  | 'upstream'
  | 'upstream-1.6';

export interface Profile {
  id: ProfileId;
  runtime: Runtime;
  /** registries.yaml becomes CRI mirrors in config.toml, not hosts.toml */
  legacyCri: boolean;
  /** `server = ""` of a `*` mirror falls back to the pulled registry */
  wildcardFallback: boolean;
  /** the root host is appended only when the server key is present or there are no host tables */
  forkServerRule: boolean;
  /** rewrite tables are honoured */
  rewrites: boolean;
  /** http hosts with TLS settings are tried over https first */
  httpsFirstForTlsHttp: boolean;
  /** the implicit localhost default is http on every port */
  localhostAlwaysHttp: boolean;
  /** quoted table keys holding an IPv6 literal make the file unparsable */
  rejectsIpv6TableKeys: boolean;
  /** Docker Hub credentials are also found under configs key docker.io */
  dockerIoAuthAlias: boolean;
  /** the TOML parser that reads hosts.toml */
  tomlDialect: TomlDialect;
}

export interface ParsedVersion {
  distro?: Distro;
  minor: number;
  patch: number;
}

export function parseVersion(version: string | undefined): ParsedVersion | undefined {
  if (!version) return undefined;
  const m = /^v?1\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim());
  if (!m) return undefined;
  const distro = /k3s/.test(version) ? 'k3s' : /rke2/.test(version) ? 'rke2' : undefined;
  return { distro, minor: Number(m[1]), patch: Number(m[2]) };
}

/** first patch release of each minor that has the behaviour; a minor not listed: all (if newer) or none */
function atLeast(v: ParsedVersion, firsts: Record<number, number>, newerMinorsFrom: number): boolean {
  if (v.minor in firsts) return v.patch >= firsts[v.minor];
  return v.minor >= newerMinorsFrom;
}

// RKE2 docs: hosts.toml from v1.26.13, v1.27.10, v1.28.6, v1.29.1 (K3s released the same month).
const HOSTS_TOML = { 26: 13, 27: 10, 28: 6, 29: 1 };
// server = "" for `*` (K3s #9728, March 2024 releases).
const WILDCARD_SERVER = { 26: 15, 27: 12, 28: 8, 29: 3 };
// containerd 2.0 fork: v1.31.6 and v1.32.2 (bug), fixed from v1.31.7 and v1.32.3.
const CONTAINERD_2 = { 31: 6, 32: 2 };
const CONTAINERD_2_FIXED = { 31: 7, 32: 3 };
// containerd fork >= v2.0.5-k3s2: v1.31.11, v1.32.7, v1.33.3 (July 2025 releases).
const DOCKER_IO_AUTH = { 31: 11, 32: 7, 33: 3 };

const base = {
  legacyCri: false,
  wildcardFallback: true,
  forkServerRule: true,
  rewrites: true,
  httpsFirstForTlsHttp: true,
  localhostAlwaysHttp: false,
  rejectsIpv6TableKeys: false,
  dockerIoAuthAlias: false,
  tomlDialect: 'go-toml-v1' as TomlDialect,
};
// containerd 2.x reads hosts.toml with go-toml v2 (TOML 1.0); 1.6 and 1.7 with go-toml v1
const v2 = { tomlDialect: 'toml-1.0' as TomlDialect };

export const PROFILES: Record<ProfileId, Profile> = {
  'legacy-cri': { ...base, id: 'legacy-cri', runtime: 'k3s-fork', legacyCri: true, httpsFirstForTlsHttp: false },
  'hosts-toml-no-wildcard-fallback': { ...base, id: 'hosts-toml-no-wildcard-fallback', runtime: 'k3s-fork', wildcardFallback: false },
  'containerd-1.7': { ...base, id: 'containerd-1.7', runtime: 'k3s-fork' },
  'containerd-2.0-wildcard-bug': { ...base, ...v2, id: 'containerd-2.0-wildcard-bug', runtime: 'k3s-fork', wildcardFallback: false },
  'containerd-2.0': { ...base, ...v2, id: 'containerd-2.0', runtime: 'k3s-fork', dockerIoAuthAlias: true },
  upstream: { ...base, ...v2, id: 'upstream', runtime: 'upstream', forkServerRule: false, rewrites: false },
  'upstream-1.6': {
    ...base,
    id: 'upstream-1.6',
    runtime: 'upstream-1.6',
    forkServerRule: false,
    rewrites: false,
    httpsFirstForTlsHttp: false,
    localhostAlwaysHttp: true,
    rejectsIpv6TableKeys: true,
  },
};

/** The profile for a version under the K3s/RKE2 containerd fork. */
export function forkProfileFor(version: string | undefined): Profile {
  const v = parseVersion(version);
  if (!v) return PROFILES['containerd-2.0'];
  if (!atLeast(v, HOSTS_TOML, 30)) return PROFILES['legacy-cri'];
  if (!atLeast(v, WILDCARD_SERVER, 30)) return PROFILES['hosts-toml-no-wildcard-fallback'];
  if (!atLeast(v, CONTAINERD_2, 33)) return PROFILES['containerd-1.7'];
  if (!atLeast(v, CONTAINERD_2_FIXED, 33)) return PROFILES['containerd-2.0-wildcard-bug'];
  return atLeast(v, DOCKER_IO_AUTH, 34) ? PROFILES['containerd-2.0'] : { ...PROFILES['containerd-2.0'], dockerIoAuthAlias: false };
}

export function profileFor(settings: { version?: string; runtime: Runtime }): Profile {
  if (settings.runtime === 'upstream') return PROFILES.upstream;
  if (settings.runtime === 'upstream-1.6') return PROFILES['upstream-1.6'];
  return forkProfileFor(settings.version);
}

/** Versions that fixed the wildcard fallback, named in findings. */
export const WILDCARD_FIXED_VERSIONS = 'v1.31.7 / v1.32.3 or later';

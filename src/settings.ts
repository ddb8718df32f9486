// RouteSettings from a Cluster resource or a node registries.yaml.
import { load, YAMLException } from 'js-yaml';
import { LIMITS } from './limits';
import { registriesFromCluster, registriesFromNode } from './model';
import { parseVersion } from './profiles';
import { effectiveSystemDefaultRegistry, type SdrSource } from './sdr';
import type { Distro, Finding, RouteSettings, Runtime } from './types';

function flag(v: unknown): boolean {
  return v === true || v === 'true';
}

export function distroOf(version: string | undefined): Distro {
  return parseVersion(version)?.distro ?? 'rke2';
}

export interface ClusterSettings {
  settings: RouteSettings;
  findings: Finding[];
  sdrSource: SdrSource;
}

export function settingsFromCluster(
  cluster: unknown,
  opts: { globalSystemDefaultRegistry?: string; runtime?: Runtime } = {},
): ClusterSettings {
  const spec = (cluster as { spec?: Record<string, unknown> } | null)?.spec ?? {};
  const version = typeof spec.kubernetesVersion === 'string' ? spec.kubernetesVersion : undefined;
  const distro = distroOf(version);
  const rke = (spec.rkeConfig ?? {}) as Record<string, unknown>;
  const global = (rke.machineGlobalConfig ?? {}) as Record<string, unknown>;
  const { registries, findings } = registriesFromCluster(rke.registries, distro);
  const sdr = effectiveSystemDefaultRegistry(cluster, opts.globalSystemDefaultRegistry);
  return {
    settings: {
      distro,
      version,
      runtime: opts.runtime ?? 'k3s-fork',
      disableDefaultEndpoint: flag(global['disable-default-registry-endpoint']),
      embeddedRegistry: flag(global['embedded-registry']),
      systemDefaultRegistry: sdr.value,
      registries,
    },
    findings,
    sdrSource: sdr.source,
  };
}

export type YamlResult =
  | { ok: true; value: unknown }
  | { ok: false; error: string; line?: number; column?: number };

/** More aliases than a registries file ever needs: an alias bomb. */
const MAX_ALIASES = 100;

/** Parses one YAML document strictly enough to report errors with line:column. */
export function parseYaml(text: string): YamlResult {
  if (text.length > LIMITS.fileBytes) {
    return { ok: false, error: `the file is ${(text.length / 1048576).toFixed(1)} MiB; registries.yaml files over ${LIMITS.fileBytes / 1048576} MiB are refused` };
  }
  if (text.includes('\u0000')) return { ok: false, error: 'the file contains NUL bytes: it is not a text YAML file' };
  const aliases = text.match(/(?:^|[\s,[{:-])\*[^\s,\]}]+/gm)?.length ?? 0;
  if (aliases > MAX_ALIASES) return { ok: false, error: `the file uses ${aliases} YAML aliases (*name); more than ${MAX_ALIASES} is refused, as in an alias bomb` };
  try {
    // js-yaml rejects duplicate keys and several documents, as RKE2/K3s do
    return { ok: true, value: load(text) };
  } catch (e) {
    if (e instanceof YAMLException) {
      return { ok: false, error: e.reason || 'invalid YAML', line: e.mark ? e.mark.line + 1 : undefined, column: e.mark ? e.mark.column + 1 : undefined };
    }
    return { ok: false, error: (e as Error).message };
  }
}

export function isClusterManifest(v: unknown): boolean {
  const o = v as { kind?: unknown; spec?: unknown } | null;
  return !!o && typeof o === 'object' && (o.kind === 'Cluster' || (typeof o.spec === 'object' && o.spec !== null && 'rkeConfig' in (o.spec as object)));
}

export function settingsFromNodeValue(value: unknown, base: Partial<RouteSettings> = {}): { settings: RouteSettings; findings: Finding[] } {
  const { registries, findings } = registriesFromNode(value);
  return {
    settings: {
      distro: base.distro ?? distroOf(base.version),
      version: base.version,
      runtime: base.runtime ?? 'k3s-fork',
      disableDefaultEndpoint: base.disableDefaultEndpoint ?? false,
      embeddedRegistry: base.embeddedRegistry ?? false,
      systemDefaultRegistry: base.systemDefaultRegistry,
      registries,
    },
    findings,
  };
}

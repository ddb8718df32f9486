// RouteSettings from a Cluster resource or a node registries.yaml (its text is parsed by
// parse-yaml.ts).
import { registriesFromCluster, registriesFromNode, type ReadOptions } from './schemas';
import { parseVersion } from './profiles';
import { effectiveSystemDefaultRegistry, type SdrSource } from './sdr';
import type { Distro, Finding, RouteSettings, Runtime, Surface } from '../types';

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
  input: unknown,
  opts: { globalSystemDefaultRegistry?: string; runtime?: Runtime; surface?: Surface } = {},
): ClusterSettings {
  const doc = detectDocument(input);
  const cluster = doc.kind === 'cluster' ? doc.cluster : input;
  const spec = (cluster as { spec?: Record<string, unknown> } | null)?.spec ?? {};
  const version = typeof spec.kubernetesVersion === 'string' ? spec.kubernetesVersion : undefined;
  const distro = distroOf(version);
  const rke = (spec.rkeConfig ?? {}) as Record<string, unknown>;
  const { registries, findings } = registriesFromCluster(rke.registries, distro, { surface: opts.surface });
  const sdr = effectiveSystemDefaultRegistry(cluster, opts.globalSystemDefaultRegistry);
  const flags = nodeFlags(rke);
  findings.push(...flags.findings);
  return {
    settings: {
      distro,
      version,
      runtime: opts.runtime ?? 'k3s-fork',
      disableDefaultEndpoint: flags.disableDefaultEndpoint,
      embeddedRegistry: flags.embeddedRegistry,
      systemDefaultRegistry: sdr.value,
      registries,
    },
    findings,
    sdrSource: sdr.source,
  };
}

/** The agent options the route depends on, as Rancher's planner merges them for a node. */
const ROUTE_OPTIONS = ['disable-default-registry-endpoint', 'embedded-registry', 'system-default-registry'] as const;

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === 'In' && !(has && (e.values ?? []).includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && (e.values ?? []).includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/**
 * disable-default-registry-endpoint and embedded-registry of the nodes: machineGlobalConfig,
 * then every machineSelectorConfig entry without a selector (the planner applies those to
 * every node, later entries win). Entries with a selector make the route depend on the
 * node's labels: a finding says so, and names the machine pools whose labels match.
 */
export function nodeFlags(rke: Record<string, unknown>): { disableDefaultEndpoint: boolean; embeddedRegistry: boolean; findings: Finding[] } {
  const merged: Record<string, unknown> = { ...(isObj(rke.machineGlobalConfig) ? rke.machineGlobalConfig : {}) };
  const findings: Finding[] = [];
  const entries = Array.isArray(rke.machineSelectorConfig) ? rke.machineSelectorConfig : [];
  const pools = (Array.isArray(rke.machinePools) ? rke.machinePools : []).filter(isObj);
  entries.forEach((entry, i) => {
    if (!isObj(entry) || !isObj(entry.config)) return;
    const config = entry.config;
    const sel = isObj(entry.machineLabelSelector) ? (entry.machineLabelSelector as LabelSelector) : undefined;
    const selective = sel && (Object.keys(sel.matchLabels ?? {}).length > 0 || (sel.matchExpressions ?? []).length > 0);
    if (!selective) {
      for (const k of ROUTE_OPTIONS) if (Object.hasOwn(config, k)) merged[k] = config[k];
      return;
    }
    const set = ROUTE_OPTIONS.filter((k) => Object.hasOwn(config, k));
    if (!set.length) return;
    const matching = pools.filter((p) => selectorMatches(sel, isObj(p.labels) ? (p.labels as Record<string, string>) : {})).map((p) => String(p.name ?? '?'));
    const values = set.map((k) => `${k}: ${String(config[k])}`).join(', ');
    findings.push({
      code: 'NODE_LABEL_DEPENDENT',
      severity: 'warning',
      path: ['machineSelectorConfig', i, 'config', set[0]],
      message: `machineSelectorConfig[${i}] sets ${set.join(', ')} only on nodes whose labels match its selector${matching.length ? ` (machine pools ${matching.join(', ')})` : ' (no machine pool of this manifest matches it by its labels)'}: their routes differ from the ones shown here`,
      fix: `Check the routes of those nodes with the options they get (${values}), or set them for every node in machineGlobalConfig.`,
      params: { index: i, options: set.join(', '), pools: matching.join(', '), values },
      variant: matching.length ? 'pools' : 'noPools',
    });
  });
  return { disableDefaultEndpoint: flag(merged['disable-default-registry-endpoint']), embeddedRegistry: flag(merged['embedded-registry']), findings };
}

export type DocumentKind =
  | { kind: 'cluster'; cluster: unknown }
  | { kind: 'node' }
  | { kind: 'unsupported'; error: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a parsed file is: a provisioning Cluster (also inside a List), a node registries.yaml, or neither. */
export function detectDocument(v: unknown): DocumentKind {
  if (!isObj(v)) return { kind: 'node' };
  if (v.kind === 'List' && Array.isArray(v.items)) {
    const clusters = v.items.filter((i) => isObj(i) && i.kind === 'Cluster');
    const prov = clusters.find((c) => isObj(c) && typeof c.apiVersion === 'string' && c.apiVersion.startsWith('provisioning.cattle.io/'));
    if (prov) return { kind: 'cluster', cluster: prov };
    return { kind: 'unsupported', error: 'a List with no provisioning.cattle.io/v1 Cluster in it' };
  }
  if (v.kind === 'Cluster' || (typeof v.apiVersion === 'string' && 'spec' in v)) {
    const api = typeof v.apiVersion === 'string' ? v.apiVersion : '';
    if (api === '' || api.startsWith('provisioning.cattle.io/')) return { kind: 'cluster', cluster: v };
    if (api.startsWith('management.cattle.io/')) return { kind: 'unsupported', error: 'an RKE1 (management.cattle.io) Cluster; its private registries are not RKE2/K3s registries – give a provisioning.cattle.io/v1 Cluster or a registries.yaml' };
    return { kind: 'unsupported', error: `a ${typeof v.kind === 'string' ? v.kind : 'resource'} of ${api}, not a provisioning.cattle.io/v1 Cluster; give that Cluster or a node registries.yaml` };
  }
  if (isObj(v.spec) && 'rkeConfig' in v.spec) return { kind: 'cluster', cluster: v };
  return { kind: 'node' };
}

export function isClusterManifest(v: unknown): boolean {
  return detectDocument(v).kind === 'cluster';
}

export function settingsFromNodeValue(value: unknown, base: Partial<RouteSettings> = {}, opts: ReadOptions = {}): { settings: RouteSettings; findings: Finding[] } {
  const { registries, findings } = registriesFromNode(value, opts);
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

// RouteSettings from a Cluster resource or a node registries.yaml.
import * as jsyaml from 'js-yaml';
import { CORE_SCHEMA, FAILSAFE_SCHEMA, loadAll, YAMLException, type Type } from 'js-yaml';
import { LIMITS } from '../lib/limits';
import { registriesFromCluster, registriesFromNode } from './schemas';
import { parseVersion } from './profiles';
import { effectiveSystemDefaultRegistry, type SdrSource } from './sdr';
import type { Distro, Finding, RouteSettings, Runtime } from '../types';

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
  opts: { globalSystemDefaultRegistry?: string; runtime?: Runtime } = {},
): ClusterSettings {
  const doc = detectDocument(input);
  const cluster = doc.kind === 'cluster' ? doc.cluster : input;
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
  | { ok: true; value: unknown; extraDocuments?: number }
  | { ok: false; error: string; line?: number; column?: number };

/** More aliases than a registries file ever needs: an alias bomb. */
const MAX_ALIASES = 100;
/** Values after expanding aliases; a registries file of the largest allowed size has far fewer. */
const MAX_EXPANDED_WITH_ALIASES = 20_000;
// Only null, booleans and merge keys are resolved: every other scalar stays the text the
// user wrote, as the node's Go structs (string fields) keep it (0x1F, 1e999, 2024-01-01).
const yamlTypes = (jsyaml as unknown as { types: Record<'null' | 'bool' | 'merge', Type> }).types;
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [yamlTypes.null, yamlTypes.bool, yamlTypes.merge] });
// A Cluster manifest goes to the Kubernetes API as JSON: there 42 is a number (and rejected
// where a string is expected), so manifests are read with the YAML 1.2 core types.
const MANIFEST_SCHEMA = CORE_SCHEMA.extend({ implicit: [yamlTypes.merge] });

/** Counts values as a consumer walking the document would see them (aliases expanded). */
function expandedSize(v: unknown, budget: { left: number }): void {
  if (--budget.left < 0) return;
  if (Array.isArray(v)) for (const x of v) expandedSize(x, budget);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) expandedSize(x, budget);
}

/** Parses the first YAML document (as RKE2/K3s do), reporting errors with line:column. */
export function parseYaml(text: string): YamlResult {
  if (text.length > LIMITS.fileBytes) {
    return { ok: false, error: `the file is ${(text.length / 1048576).toFixed(1)} MiB; registries.yaml files over ${LIMITS.fileBytes / 1048576} MiB are refused` };
  }
  if (text.includes('\u0000')) return { ok: false, error: 'the file contains NUL bytes: it is not a text YAML file' };
  const aliases = text.match(/(?:^|[\s,[{:-])\*[^\s,\]}]+/gm)?.length ?? 0;
  if (aliases > MAX_ALIASES) return { ok: false, error: `the file uses ${aliases} YAML aliases (*name); more than ${MAX_ALIASES} is refused, as in an alias bomb` };
  const longKey = hasLongLine(text, 1024) && /^[ \t-]*([^\s#'"{[][^:\n]{1024,}):(?:[ \t]|$)/m.exec(text);
  if (longKey) {
    return { ok: false, error: 'an implicit key is longer than the 1024 characters YAML allows (RKE2/K3s refuse the file)', ...lineOf(text, /^[ \t-]*[^\s#'"{[][^:\n]{1024,}:(?:[ \t]|$)/m, 0) };
  }
  let docs: unknown[];
  try {
    // duplicate keys are rejected, as RKE2/K3s do
    docs = loadAll(text, undefined, { schema: SCHEMA });
    if (docs.length > 0 && detectDocument(docs.find((d) => d !== null && d !== undefined)).kind !== 'node') docs = loadAll(text, undefined, { schema: MANIFEST_SCHEMA });
  } catch (e) {
    if (e instanceof YAMLException) {
      return { ok: false, error: e.reason || 'invalid YAML', line: e.mark ? e.mark.line + 1 : undefined, column: e.mark ? e.mark.column + 1 : undefined };
    }
    if (e instanceof RangeError) return { ok: false, error: 'the YAML is nested too deeply to be a registries file' };
    return { ok: false, error: (e as Error).message };
  }
  const nonEmpty = docs.filter((d) => d !== null && d !== undefined);
  if (nonEmpty.length > 1) {
    // the node would read the first only and silently ignore the rest: refuse instead
    return { ok: false, error: `the file holds ${nonEmpty.length} YAML documents; a registries file holds one (split it at ---)`, ...lineOf(text, /^---/m, /^\s*(#.*\n\s*)*---/.test(text) ? 1 : 0) };
  }
  const value = nonEmpty[0] ?? null;
  // like yaml.v2's alias ratio check: aliases may not multiply the document
  const budget = { left: aliases > 0 ? MAX_EXPANDED_WITH_ALIASES : Infinity };
  if (aliases > 0) expandedSize(value, budget);
  if (budget.left < 0) {
    return { ok: false, error: `the document expands to more than ${MAX_EXPANDED_WITH_ALIASES.toLocaleString('en')} values through aliases (an alias bomb); RKE2/K3s refuse it too`, ...lineOf(text, /(?:^|[\s,[{:-])\*[^\s,\]}]+/m, 0) };
  }
  return { ok: true, value };
}

function hasLongLine(text: string, min: number): boolean {
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start >= min) return true;
    start = end + 1;
  }
  return false;
}

/** Line and column of the (nth+1) match of a pattern, for error messages. */
function lineOf(text: string, re: RegExp, nth: number): { line?: number; column?: number } {
  const g = new RegExp(re.source, 'gm');
  let m: RegExpExecArray | null = null;
  for (let i = 0; i <= nth; i++) {
    m = g.exec(text);
    if (!m) return {};
  }
  const before = text.slice(0, (m as RegExpExecArray).index);
  const line = before.split('\n').length;
  return { line, column: (m as RegExpExecArray).index - before.lastIndexOf('\n') };
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

// "Open your cluster": the text of a provisioning Cluster manifest or of a node
// registries.yaml, recognised and refused exactly as the CLI does (--registries FILE:
// UTF-8 only, YAML errors at file:line:column, a List or a foreign resource explained),
// turned into a Cluster the tab can show. Pure: nothing is read or sent anywhere.
import { importNodeRegistries, type PendingSecret, type MissingItem } from './registries-yaml';
import { detectDocument, distroOf, settingsFromNodeValue } from '../input/settings';
import { parseYaml } from '../input/parse-yaml';
import { at } from '../cli/format';
import type { Finding } from '../types';

export type OpenedDocument =
  | {
    ok: true;
    kind: 'cluster' | 'node';
    /** a provisioning.cattle.io/v1 Cluster (for a registries.yaml: one made around it) */
    cluster: Record<string, any>;
    /** for a registries.yaml: auth Secrets holding its inline credentials (values in secretData) */
    secrets: PendingSecret[];
    secretData: Record<string, Record<string, string>>;
    missing: MissingItem[];
    findings: Finding[];
  }
  | { ok: false; error: string };

export interface OpenOptions {
  /** namespace of the Cluster made around a registries.yaml (and of its Secrets) */
  namespace?: string;
  clusterName?: string;
}

/** Bytes as the CLI reads a file: UTF-8, refused otherwise (RKE2/K3s refuse it too). */
export function decodeUtf8(bytes: Uint8Array, name: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, error: `${name} is not UTF-8 text (save it as UTF-8)` };
  }
}

export function openDocument(input: string | Uint8Array, name: string, opts: OpenOptions = {}): OpenedDocument {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const d = decodeUtf8(input, name);
    if (!d.ok) return d;
    text = d.text;
  }
  const y = parseYaml(text);
  if (!y.ok) return { ok: false, error: at(name, y) };
  const doc = detectDocument(y.value);
  if (doc.kind === 'unsupported') return { ok: false, error: `${name}: ${doc.error}` };
  if (doc.kind === 'cluster') {
    const cluster = JSON.parse(JSON.stringify(doc.cluster)) as Record<string, any>;
    cluster.apiVersion ??= 'provisioning.cattle.io/v1';
    cluster.kind ??= 'Cluster';
    cluster.metadata = { name: 'cluster', namespace: 'fleet-default', ...(cluster.metadata ?? {}) };
    cluster.spec ??= {};
    cluster.spec.rkeConfig ??= {};
    return { ok: true, kind: 'cluster', cluster, secrets: [], secretData: {}, missing: [], findings: [] };
  }
  if (y.value !== null && y.value !== undefined && (typeof y.value !== 'object' || Array.isArray(y.value))) {
    // the CLI reads it and reports the same sentence as its first finding
    const first = settingsFromNodeValue(y.value).findings[0];
    return { ok: false, error: `${name}: ${first ? first.message : 'not a registries.yaml'}` };
  }
  const namespace = opts.namespace ?? 'fleet-default';
  const clusterName = opts.clusterName ?? 'my-cluster';
  const r = importNodeRegistries(text, { namespace, clusterName, distro: distroOf(undefined), mode: 'replace' });
  if (!r.ok) return { ok: false, error: at(name, r) };
  return {
    ok: true,
    kind: 'node',
    cluster: {
      apiVersion: 'provisioning.cattle.io/v1',
      kind: 'Cluster',
      metadata: { name: clusterName, namespace },
      spec: { rkeConfig: { registries: r.registries } },
    },
    secrets: r.secrets,
    secretData: r.secretData,
    missing: r.missing,
    findings: r.findings,
  };
}

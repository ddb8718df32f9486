// A fleet file: what `kubectl get clusters.provisioning.cattle.io -A -o yaml` (and the
// Secrets' listing) prints, read into resources for the posture of every cluster (the CLI's
// fleet command). Apart from fleet.ts so that the Registry Routes page, which reads the
// clusters from the dashboard's store, does not load the YAML parser.
import { parseAllDocuments, YAMLError } from 'yaml';
import { fleetItems } from './fleet';

export type ManifestsResult = { ok: true; items: unknown[] } | { ok: false; error: string; line?: number; column?: number };

/** Bytes of a fleet file: `kubectl get clusters -A -o yaml` of a thousand clusters fits. */
export const FLEET_FILE_BYTES = 64 * 1024 * 1024;

function yamlError(e: YAMLError): { ok: false; error: string; line?: number; column?: number } {
  const pos = e.linePos?.[0];
  return { ok: false, error: e.message.split(/ at line \d+, column \d+/)[0] || 'invalid YAML', line: pos?.line, column: pos?.col };
}

/** What `kubectl get … -o yaml` prints (a List, or several documents), as resources. */
export function parseManifests(text: string): ManifestsResult {
  if (text.length > FLEET_FILE_BYTES) return { ok: false, error: `the file is ${(text.length / 1048576).toFixed(1)} MiB; more than ${FLEET_FILE_BYTES / 1048576} MiB is refused` };
  const aliases = text.match(/(?:^|[\s,[{:-])\*[^\s,\]}]+/gm)?.length ?? 0;
  if (aliases > 100) return { ok: false, error: `the file uses ${aliases} YAML aliases (*name); kubectl never writes them, and more than 100 is refused` };
  try {
    // YAML 1.2 core schema: kubectl quotes every string that YAML 1.1 would read otherwise
    const docs = parseAllDocuments(text, { schema: 'core' });
    const list = Array.isArray(docs) ? docs : [];
    for (const d of list) if (d.errors[0]) return yamlError(d.errors[0]);
    return { ok: true, items: fleetItems(list.map((d) => d.toJS())) };
  } catch (e) {
    if (e instanceof YAMLError) return yamlError(e);
    return { ok: false, error: (e as Error).message };
  }
}

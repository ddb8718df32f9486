// registry-route fleet: the registry posture of every cluster in a kubectl List.
import { fleetPosture, secretInfos, summariseFleet, unreferencedAuthSecrets, type ClusterPosture, type FleetCluster } from '../features/fleet';
import { parseManifests } from '../features/fleet-manifests';
import { UsageError, type CliOptions } from './args';
import { at } from './format';

interface Out {
  write(s: string): unknown;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i + 1 < r.length ? c.padEnd(widths[i]) : c)).join('  ').trimEnd()).join('\n');
}

const DOCKER_HUB_TEXT: Record<ClusterPosture['dockerHub'], string> = {
  direct: 'DIRECT',
  mirrored: 'mirrored',
  'mirrored-no-fallback': 'mirrors only',
};

function postureTable(clusters: ClusterPosture[]): string {
  const rows = [['CLUSTER', 'DISTRO', 'VERSION', 'DOCKER HUB', 'FIRST HOST', '* NO FALLBACK', 'SDR ONLY', 'ERRORS', 'WARNINGS']];
  for (const c of clusters) {
    rows.push([`${c.namespace}/${c.name}`, c.distro, c.version ?? '-', DOCKER_HUB_TEXT[c.dockerHub], c.dockerHubFirstHost, c.wildcardNoFallback ? 'YES' : '-', c.sdrOnly ? 'YES' : '-', String(c.errors), String(c.warnings)]);
  }
  return table(rows);
}

function routeTable(image: string, clusters: ClusterPosture[]): string {
  const rows = [['CLUSTER', 'HOSTS (in order)', 'FALLBACK']];
  for (const c of clusters) {
    const r = c.routes?.find((x) => x.input === image);
    if (!r) continue;
    rows.push([`${c.namespace}/${c.name}`, r.invalid ? 'invalid image' : r.hosts.join(' -> '), r.invalid ? '-' : r.fallback ? 'yes' : 'NO']);
  }
  return `${image}\n${table(rows)}`;
}

export function fleet(o: CliOptions, text: string, file: string, secretsText: string | undefined, out: Out): number {
  if (o.positional.length !== 1) throw new UsageError('fleet needs exactly one FILE (the output of kubectl get clusters.provisioning.cattle.io -A -o yaml; - for stdin)');
  const parsed = parseManifests(text);
  if (!parsed.ok) throw new UsageError(at(file, parsed));
  let secrets;
  if (secretsText !== undefined) {
    const s = parseManifests(secretsText);
    if (!s.ok) throw new UsageError(at(o.secrets as string, s));
    secrets = secretInfos(s.items);
  }
  const images = o.images;
  const clusters: FleetCluster[] = fleetPosture(parsed.items, { globalSystemDefaultRegistry: o.systemDefaultRegistry, secrets, images });
  if (clusters.length === 0) throw new UsageError(`${file}: no resources in it (expected a List of provisioning.cattle.io/v1 Clusters)`);
  const unreferenced = secrets ? unreferencedAuthSecrets(parsed.items, secrets) : undefined;
  const summary = summariseFleet(clusters, unreferenced?.length);
  const live = clusters.filter((c): c is ClusterPosture => c.skipped === undefined);
  const invalidImage = live.some((c) => c.routes?.some((r) => r.invalid));
  if (o.json) {
    out.write(`${JSON.stringify({ clusters, summary, ...(unreferenced ? { unreferencedSecrets: unreferenced } : {}) }, null, 2)}\n`);
    return invalidImage ? 1 : 0;
  }
  const parts: string[] = [];
  if (live.length) parts.push(postureTable(live));
  for (const image of images) parts.push(routeTable(image, live));
  const skipped = clusters.filter((c) => c.skipped !== undefined).map((c) => `  ${c.namespace ? `${c.namespace}/` : ''}${c.name}: ${c.skipped}`);
  if (skipped.length) parts.push(`skipped (no registry posture):\n${skipped.join('\n')}`);
  if (unreferenced?.length) parts.push(`auth-config Secrets in fleet-default no cluster references (cleanup candidates):\n${unreferenced.map((s) => `  ${s.name}`).join('\n')}`);
  const s = summary;
  parts.push(
    `${live.length} cluster(s): ${s.direct} direct to Docker Hub, ${s.mirrored} mirrored, ${s.mirroredNoFallback} mirrors only; ` +
      `${s.wildcardNoFallback} with the * no-fallback bug, ${s.sdrOnly} SDR only; ${s.withErrors} with errors, ${s.withWarnings} with warnings` +
      (secrets ? `; ${s.staleSecrets} stale Secret reference(s)` : '') +
      (s.caExpired || s.caExpiring ? `; CA certificates: ${s.caExpired} expired, ${s.caExpiring} expiring` : '') +
      (s.skipped ? `; ${s.skipped} skipped` : ''),
  );
  out.write(`${parts.join('\n\n')}\n`);
  return invalidImage ? 1 : 0;
}

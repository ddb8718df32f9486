// registry-route convert: node registries.yaml <-> spec.rkeConfig.registries.
import { writeFileSync } from 'node:fs';
import { dump } from 'js-yaml';
import { exportNodeRegistries, importNodeRegistries } from '../features/registries-yaml';
import { distroOf, isClusterManifest, parseYaml } from '../input/settings';
import { UsageError, type CliOptions } from './args';
import { at, formatFinding } from './format';
import { redactText } from '../lib/redact';

interface Out {
  write(s: string): unknown;
}

export function convert(o: CliOptions, text: string, file: string, out: Out, err: Out): number {
  if (!o.to) throw new UsageError('convert needs --to cluster or --to node');
  if (o.to === 'node') {
    const y = parseYaml(text);
    if (!y.ok) throw new UsageError(at(file, y));
    const v = y.value as { metadata?: { namespace?: string }; spec?: { kubernetesVersion?: string; rkeConfig?: { registries?: unknown } } };
    const cluster = isClusterManifest(v);
    const registries = cluster ? v.spec?.rkeConfig?.registries : v;
    const namespace = cluster && v.metadata?.namespace ? v.metadata.namespace : o.namespace;
    out.write(exportNodeRegistries(registries, { namespace, distro: distroOf(o.distroVersion ?? v.spec?.kubernetesVersion) }));
    return 0;
  }
  const r = importNodeRegistries(text, { namespace: o.namespace, clusterName: o.clusterName, distro: distroOf(o.distroVersion), mode: 'replace' });
  if (!r.ok) throw new UsageError(at(file, r));
  const spec = dump({ registries: r.registries }, { lineWidth: -1, noRefs: true });
  const shown = redactText(spec);
  out.write(shown);
  // credentials in a URL never reach the spec; say so instead of dropping them silently
  if (shown !== spec) err.write('note: user info or a query in an endpoint or key was replaced by xxxxx: put the credentials in a registry config with an auth Secret\n');
  for (const s of r.secrets) err.write(`note: Secret ${s.namespace}/${s.name} (${s.type}) holds the credentials of ${s.host} (keys: ${s.keys.join(', ')})\n`);
  for (const m of r.missing) err.write(`missing: configs.${m.host}.${m.field}: ${m.message}\n`);
  for (const f of r.findings) err.write(`${formatFinding(f)}\n`);
  if (r.secrets.length) {
    if (!o.secretsOut) {
      err.write('note: credential values are not printed; add --secrets-out FILE to write the Secret manifests\n');
    } else {
      const docs = r.secrets.map((s) =>
        dump({ apiVersion: 'v1', kind: 'Secret', metadata: { name: s.name, namespace: s.namespace }, type: s.type, stringData: r.secretData[s.name] }),
      );
      writeFileSync(o.secretsOut, docs.join('---\n'), { mode: 0o600 });
      err.write(`note: wrote ${r.secrets.length} Secret manifest(s) to ${o.secretsOut}\n`);
    }
  }
  return 0;
}

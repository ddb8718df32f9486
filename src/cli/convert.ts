// registry-route convert: node registries.yaml <-> spec.rkeConfig.registries.
// Each direction reads what the other writes ({registries: ...} or a Cluster for
// --to node, a node file for --to cluster) and refuses the other's input.
import { commentsOf, exportNodeRegistries, importNodeRegistries, readSecretKeys, registriesDocument, secretsDocument } from '../features/registries-yaml';
import { detectDocument, distroOf } from '../input/settings';
import { parseYaml } from '../input/parse-yaml';
import { parseVersion } from '../input/profiles';
import { UsageError, type CliOptions } from './args';
import { at, formatFinding } from './format';
import { readInput, writePrivateFile, type Io } from './io';
import { redactText } from '../lib/redact';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const CLUSTER_CONFIG_KEYS = ['authConfigSecretName', 'tlsSecretName', 'caBundle', 'insecureSkipVerify'];
const NODE_CONFIG_KEYS = ['auth', 'tls'];

/** What a parsed input is, for convert. */
export function convertInputKind(v: unknown): 'cluster' | 'registries' | 'node' | 'other' {
  const doc = detectDocument(v);
  if (doc.kind === 'cluster') return 'cluster';
  if (doc.kind === 'unsupported') return 'other';
  if (!isRecord(v)) return v === null || v === undefined ? 'node' : 'other';
  if (Object.hasOwn(v, 'registries') && !Object.hasOwn(v, 'mirrors') && !Object.hasOwn(v, 'configs')) return 'registries';
  // spec.rkeConfig.registries without the wrapper: configs in the Cluster's field names
  const configs = isRecord(v.configs) ? Object.values(v.configs).filter(isRecord) : [];
  const keys = new Set(configs.flatMap((c) => Object.keys(c)));
  if (CLUSTER_CONFIG_KEYS.some((k) => keys.has(k)) && !NODE_CONFIG_KEYS.some((k) => keys.has(k))) return 'registries';
  return 'node';
}

export function convertCommand(o: CliOptions, io: Io): number {
  if (!o.to) throw new UsageError('convert needs --to cluster or --to node');
  if (o.positional.length !== 1) throw new UsageError('convert needs exactly one FILE (- for stdin)');
  const file = o.positional[0];
  const name = file === '-' ? 'stdin' : file;
  if (o.to === 'cluster' && o.secrets) throw new UsageError('--secrets applies to --to node (--to cluster writes Secrets with --secrets-out)');
  // the distribution decides only the node paths --to node writes: a spec is the same for both
  if (o.to === 'cluster' && (o.distro || o.distroVersion)) throw new UsageError(`${o.distro ? '--distro' : '--distro-version'} applies to --to node (the node paths it writes); a Cluster spec is the same for RKE2 and K3s`);
  if (o.to === 'node' && (o.secretsOut || o.clusterName || o.force)) throw new UsageError(`${o.secretsOut ? '--secrets-out' : o.clusterName ? '--cluster-name' : '--force'} applies to --to cluster`);
  const text = readInput(file, 'file to convert');
  const y = parseYaml(text);
  if (!y.ok) throw new UsageError(at(name, y));
  const kind = convertInputKind(y.value);
  if (kind === 'other') {
    const d = detectDocument(y.value);
    throw new UsageError(`${name}: ${d.kind === 'unsupported' ? d.error : 'not a registries.yaml, a Cluster or {registries: ...}'}`);
  }
  return o.to === 'node' ? toNode(o, io, name, text, y.value, kind) : toCluster(o, io, name, text, kind);
}

function toNode(o: CliOptions, io: Io, name: string, text: string, value: unknown, kind: string): number {
  if (kind === 'node') {
    throw new UsageError(`${name} is a node registries.yaml already (mirrors/configs in the node's field names); convert it with --to cluster`);
  }
  const v = value as { metadata?: { namespace?: string }; spec?: { kubernetesVersion?: string; rkeConfig?: { registries?: unknown } }; registries?: unknown };
  const cluster = kind === 'cluster' ? (detectDocument(value) as { cluster: typeof v }).cluster : undefined;
  const registries = cluster ? cluster.spec?.rkeConfig?.registries : isRecord(v) && Object.hasOwn(v, 'registries') ? v.registries : v;
  const namespace = cluster?.metadata?.namespace ?? o.namespace;
  const secretKeys = o.secrets ? readSecretsFile(o.secrets) : undefined;
  // comments travel from the Cluster's or {registries: ...}'s entries (not out of a List)
  const at = cluster ? (cluster === value ? ['spec', 'rkeConfig', 'registries'] : undefined) : isRecord(v) && Object.hasOwn(v, 'registries') ? ['registries'] : [];
  const comments = at ? commentsOf(text, at) : undefined;
  const version = o.distroVersion ?? cluster?.spec?.kubernetesVersion;
  const nodeFile = exportNodeRegistries(registries, { namespace, distro: o.distro ?? distroOf(version), secretKeys, comments });
  io.out.write(nodeFile);
  if (!o.distro && !parseVersion(version)?.distro && nodeFile.includes('/var/lib/rancher/rke2/')) {
    io.err.write(`note: no --distro, --distro-version or kubernetesVersion names the distribution: TLS paths are written as RKE2's planner writes them; add --distro k3s for K3s\n`);
  }
  const configs = isRecord(registries) && isRecord(registries.configs) ? registries.configs : {};
  const unknownKeys = Object.values(configs).filter((c) => isRecord(c) && typeof c.authConfigSecretName === 'string' && c.authConfigSecretName && !secretKeys?.[c.authConfigSecretName]);
  if (unknownKeys.length) {
    io.err.write(`note: ${unknownKeys.length} auth Secret(s) written as username/password placeholders; give --secrets FILE (the Secret manifests) for their real keys (auth, identityToken)\n`);
  }
  return 0;
}

function readSecretsFile(file: string): Record<string, string[]> {
  const keys = readSecretKeys(readInput(file, 'Secrets file'));
  if (!keys.ok) throw new UsageError(at(file, keys));
  return keys.keys;
}

function toCluster(o: CliOptions, io: Io, name: string, text: string, kind: string): number {
  if (kind === 'cluster') throw new UsageError(`${name} is a Cluster manifest; convert it with --to node (--to cluster reads a node registries.yaml)`);
  if (kind === 'registries') throw new UsageError(`${name} holds spec.rkeConfig.registries (as --to cluster writes it); convert it with --to node`);
  const r = importNodeRegistries(text, { namespace: o.namespace, clusterName: o.clusterName, distro: distroOf(undefined), mode: 'replace' });
  if (!r.ok) throw new UsageError(at(name, r));
  const errors = r.findings.filter((f) => f.severity === 'error');
  const credentials = errors.filter((f) => f.code === 'ENDPOINT_CREDENTIALS' || f.code === 'KEY_CREDENTIALS');
  for (const f of r.findings) io.err.write(`${formatFinding(f)}\n`);
  if (credentials.length) {
    io.err.write(`registry-route: ${name}: credentials in ${credentials.length} URL(s) or key(s) were left out of the spec (move them to configs.<host>.auth, which becomes a Secret)\n`);
  }
  const spec = registriesDocument(r, text);
  if (redactText(spec) !== spec) {
    io.err.write(`registry-route: ${name}: an endpoint or key holds user info or a query (a token?); nothing was converted (remove it; credentials go in configs.<host>.auth)\n`);
    return 1;
  }
  // the Secret manifests first: a --secrets-out that cannot be written leaves no spec
  // naming Secrets that were never written (exit 2 says nothing was written)
  const secretsOut = r.secrets.length ? o.secretsOut : undefined;
  if (secretsOut) writePrivateFile(secretsOut, secretsDocument(r), o.force, 'add --force to replace it');
  io.out.write(spec);
  for (const s of r.secrets) io.err.write(`note: Secret ${s.namespace}/${s.name} (${s.type}) holds the credentials of ${s.host} (keys: ${s.keys.join(', ')})\n`);
  for (const m of r.missing) io.err.write(`missing: configs.${m.host}.${m.field}: ${m.message}\n`);
  if (secretsOut) io.err.write(`note: wrote ${r.secrets.length} Secret manifest(s) to ${secretsOut} (mode 0600)\n`);
  else if (r.secrets.length) io.err.write('note: credential values are not printed; add --secrets-out FILE to write the Secret manifests\n');
  return errors.length ? 1 : 0;
}

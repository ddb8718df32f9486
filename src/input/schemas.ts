// The two shapes registry settings come in, as zod schemas, and their
// conversion to the engine's Registries. Unknown fields are allowed (and kept
// by callers that edit in place); wrong types become findings, never exceptions.
import * as z from 'zod/mini';
import { LIMITS, limitMessage } from '../lib/limits';
import { Canonical, isSealed, PerEntry } from '../lib/memo';
import { phraseId } from '../lib/phrase-id';
import { base64ToBytes } from './pem';
import type { Distro, Finding, FindingParams, MirrorEntry, Registries, RegistryConfigEntry, Surface } from '../types';

// YAML leaves an empty value as null; RKE2/K3s read that as "not set".
const optional = <T extends z.ZodMiniType>(t: T) => z.optional(z.nullable(t));

export const mirrorSchema = z.looseObject({
  endpoint: optional(z.array(z.string())),
  rewrite: optional(z.record(z.string(), z.string())),
});

/** spec.rkeConfig.registries.configs.<host> of a provisioning.cattle.io/v1 Cluster */
export const clusterConfigSchema = z.looseObject({
  authConfigSecretName: optional(z.string()),
  tlsSecretName: optional(z.string()),
  caBundle: optional(z.string()),
  insecureSkipVerify: optional(z.boolean()),
});

export const clusterRegistriesSchema = z.looseObject({
  mirrors: optional(z.record(z.string(), z.nullable(mirrorSchema))),
  configs: optional(z.record(z.string(), z.nullable(clusterConfigSchema))),
});

/** configs.<host> of a node registries.yaml */
export const nodeConfigSchema = z.looseObject({
  auth: optional(
    z.looseObject({
      username: optional(z.string()),
      password: optional(z.string()),
      auth: optional(z.string()),
      identity_token: optional(z.string()),
    }),
  ),
  tls: optional(
    z.looseObject({
      ca_file: optional(z.string()),
      cert_file: optional(z.string()),
      key_file: optional(z.string()),
      insecure_skip_verify: optional(z.boolean()),
    }),
  ),
});

export const nodeRegistriesSchema = z.looseObject({
  mirrors: optional(z.record(z.string(), z.nullable(mirrorSchema))),
  configs: optional(z.record(z.string(), z.nullable(nodeConfigSchema))),
});

const CONSEQUENCES = {
  cluster: 'the Kubernetes API rejects the Cluster',
  node: 'RKE2/K3s refuse the whole file (yaml: unmarshal errors)',
};

const EXPECTED: Record<string, string> = {
  array: 'a list',
  object: 'a map',
  record: 'a map',
  string: 'a string',
  boolean: 'true or false',
};

/** Issues reported of one document, at most. */
const MAX_ISSUES = 200;

/** The schema's complaints as findings; values are not echoed (they may be credentials). */
function schemaFindings(schema: z.ZodMiniType, raw: unknown, consequence: string, at: Path = [], max = MAX_ISSUES): Finding[] {
  const r = schema.safeParse(raw);
  if (r.success) return [];
  return r.error.issues.slice(0, max).map((issue) => {
    const path = [...at, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    const expected = EXPECTED[(issue as { expected?: string }).expected ?? ''] ?? 'of another type';
    const where = path.length ? path.join('.') : 'The registries';
    return {
      code: 'FIELD_TYPE',
      severity: 'error' as const,
      path,
      message: `${where} must be ${expected}; ${consequence}`,
      fix: `Make ${path.length ? where : 'the registries'} ${expected}.`,
      params: { hasPath: path.length ? 'yes' : 'no', where: path.join('.'), expected: phraseId(EXPECTED, expected), consequence: phraseId(CONSEQUENCES, consequence) },
    };
  });
}

export const NODE_AUTH_KEYS = ['username', 'password', 'auth', 'identity_token'] as const;
/** The placeholder the export writes for a credential: <from Secret ns/name key k> */
export const AUTH_PLACEHOLDER_RE = /^<from Secret ([^ >]+)(?: [^>]*)?>$/;

const CLUSTER_KEYS = { registries: ['mirrors', 'configs'], mirror: ['endpoint', 'rewrite'], config: ['authConfigSecretName', 'tlsSecretName', 'caBundle', 'insecureSkipVerify'] };

/** Edit distance up to 2, case-insensitive (keys are short), for "rename it to". */
function near(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
  return d[a.length][b.length] <= 2;
}

function clusterUnknownKey(path: Path, known: string[]): Finding {
  const key = String(path[path.length - 1]);
  const where = path.join('.');
  if (key === 'auth' && path[0] === 'configs') {
    return { code: 'CLUSTER_UNKNOWN_KEY', severity: 'error', path, message: `${where} is not a field of spec.rkeConfig.registries: the API drops it, and credentials never belong in the Cluster`, fix: 'Put the credentials in a Secret of type rke.cattle.io/auth-config and name it in authConfigSecretName.', params: { where }, variant: 'auth' };
  }
  const guess = known.find((k) => near(key, k));
  return guess
    ? { code: 'CLUSTER_UNKNOWN_KEY', severity: 'warning', path, message: `${where} is not a field of spec.rkeConfig.registries: the API drops it silently`, fix: `Rename it to ${guess}.`, params: { where, guess }, variant: 'typo' }
    : { code: 'CLUSTER_UNKNOWN_KEY', severity: 'warning', path, message: `${where} is not a field of spec.rkeConfig.registries: the API drops it silently`, fix: `Remove it; the fields are ${known.join(', ')}.`, params: { where, known: known.join(', ') } };
}
export const NODE_TLS_KEYS = ['ca_file', 'cert_file', 'key_file', 'insecure_skip_verify'] as const;

type Path = Array<string | number>;

/** Assigns a user-chosen key as an own property (even "__proto__"). */
export function setOwn(o: object, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else (o as Record<string, unknown>)[key] = value;
}

/** How settings are read: the tab previews within LIMITS; the CLI reads every entry. */
export interface ReadOptions {
  surface?: Surface;
}

function tooLongKey(key: string, section: string, findings: Finding[], surface: Surface): boolean {
  if (surface === 'cli' || key.length <= LIMITS.urlLength) return false;
  findings.push({ code: 'LIMIT_EXCEEDED', severity: 'error', path: [section, `${key.slice(0, 40)}…`], message: `A ${section} key is ${key.length.toLocaleString('en')} characters long; the most is ${LIMITS.urlLength}, so it is not previewed`, fix: 'Use the registry host name as the key.', params: { section, length: key.length.toLocaleString('en'), max: String(LIMITS.urlLength) }, variant: 'keyLength' });
  return true;
}

/** The first `limit` items; a finding says when there were more. */
function capped<T>(items: T[], limit: number, path: Path, what: string, findings: Finding[], surface: Surface): T[] {
  if (surface === 'cli' || items.length <= limit) return items;
  findings.push({ code: 'LIMIT_EXCEEDED', severity: 'error', path, message: limitMessage(what, limit, items.length), fix: 'Split the settings, or remove entries that are not needed.', params: { what, actual: items.length.toLocaleString('en'), limit: limit.toLocaleString('en') }, variant: 'count' });
  return items.slice(0, limit);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Mirror and config entries as compile sees them: one frozen object per content (see Canonical). */
export const canonicalMirror = new Canonical<MirrorEntry>(20_000);
export const canonicalConfig = new Canonical<RegistryConfigEntry>(20_000);

/** mirrors of either shape; what is not usable is skipped (the schema reports it) */
function readMirrors(raw: unknown, findings: Finding[], surface: Surface): Registries['mirrors'] {
  const mirrors: Registries['mirrors'] = {};
  if (!isRecord(raw)) return mirrors;
  for (const [key, m] of capped(Object.entries(raw), LIMITS.mirrors, ['mirrors'], 'Mirrors', findings, surface)) {
    const r = readMirror(key, m, surface);
    findings.push(...r.findings);
    if (r.entry) setOwn(mirrors, key, r.entry);
  }
  return mirrors;
}

/** One mirror entry of either shape, and the findings of reading it (limits); undefined when it is not usable. */
function readMirror(key: string, m: unknown, surface: Surface): { entry?: MirrorEntry; findings: Finding[] } {
  const findings: Finding[] = [];
  if (tooLongKey(key, 'mirrors', findings, surface)) return { findings };
  const endpoints: string[] = [];
  const rewrites: Array<[string, string]> = [];
  if (m !== null && m !== undefined && !isRecord(m)) return { findings };
  if (m && Array.isArray(m.endpoint)) {
    for (const e of capped(m.endpoint, LIMITS.endpointsPerMirror, ['mirrors', key, 'endpoint'], `Endpoints of ${key}`, findings, surface)) {
      if (typeof e !== 'string') continue;
      if (surface === 'tab' && e.length > LIMITS.urlLength) {
        findings.push({ code: 'LIMIT_EXCEEDED', severity: 'error', path: ['mirrors', key, 'endpoint', m.endpoint.indexOf(e)], message: `An endpoint is ${e.length.toLocaleString('en')} characters long; the most is ${LIMITS.urlLength}, so it is not previewed`, fix: 'Shorten the URL.', params: { length: e.length.toLocaleString('en'), max: String(LIMITS.urlLength) }, variant: 'nodeEndpointLength' });
      } else endpoints.push(e);
    }
  }
  if (m && isRecord(m.rewrite)) {
    for (const [p, r] of capped(Object.entries(m.rewrite), LIMITS.rewritesPerMirror, ['mirrors', key, 'rewrite'], `Rewrites of ${key}`, findings, surface)) {
      if (typeof r !== 'string') continue;
      if (surface === 'tab' && (p.length > LIMITS.patternLength || r.length > LIMITS.patternLength)) {
        findings.push({ code: 'LIMIT_EXCEEDED', severity: 'error', path: ['mirrors', key, 'rewrite', p.slice(0, 80)], message: `A rewrite pattern or replacement is longer than ${LIMITS.patternLength} characters; it is not previewed`, fix: 'Shorten the pattern.', params: { max: String(LIMITS.patternLength) }, variant: 'patternLength' });
      } else rewrites.push([p, r]);
    }
  }
  return { entry: { endpoints, rewrites }, findings };
}

/** The node path where Rancher's planner writes a registry's TLS files. */
export function plannerTlsPath(distro: Distro, host: string, file: 'ca.crt' | 'tls.crt' | 'tls.key'): string {
  return `/var/lib/rancher/${distro}/etc/tls/registries/${host}/${file}`;
}

/** spec.rkeConfig.registries → Registries, as Rancher's planner hands it to the node. */
export function registriesFromCluster(raw: unknown, distro: Distro, opts: ReadOptions = {}): { registries: Registries; findings: Finding[] } {
  const surface = opts.surface ?? 'tab';
  const findings: Finding[] = raw === undefined || raw === null ? [] : schemaFindings(clusterRegistriesSchema, raw, CONSEQUENCES.cluster);
  if (raw === undefined || raw === null) return { registries: { mirrors: {}, configs: {} }, findings };
  if (!isRecord(raw)) {
    return { registries: { mirrors: {}, configs: {} }, findings };
  }
  const mirrors = readMirrors(raw.mirrors, findings, surface);
  for (const k of Object.keys(raw)) if (!CLUSTER_KEYS.registries.includes(k)) findings.push(clusterUnknownKey([k], CLUSTER_KEYS.registries));
  for (const [key, m] of Object.entries(isRecord(raw.mirrors) ? raw.mirrors : {})) {
    if (isRecord(m)) for (const k of Object.keys(m)) if (!CLUSTER_KEYS.mirror.includes(k)) findings.push(clusterUnknownKey(['mirrors', key, k], CLUSTER_KEYS.mirror));
  }
  const configs: Registries['configs'] = {};
  if (raw.configs !== undefined && raw.configs !== null) {
    if (isRecord(raw.configs)) {
      for (const [host, c] of capped(Object.entries(raw.configs), LIMITS.configs, ['configs'], 'Configs', findings, surface)) {
        if (tooLongKey(host, 'configs', findings, surface)) continue;
        if (c === null || c === undefined) {
          setOwn(configs, host, {});
          continue;
        }
        if (!isRecord(c)) {
          continue;
        }
        for (const k of Object.keys(c)) if (!CLUSTER_KEYS.config.includes(k)) findings.push(clusterUnknownKey(['configs', host, k], CLUSTER_KEYS.config));
        const entry: RegistryConfigEntry = {};
        const str = (k: string): string | undefined => {
          const v = c[k];
          if (v === undefined || v === null || v === '') return undefined;
          if (typeof v !== 'string') {
            return undefined;
          }
          return v;
        };
        const authName = str('authConfigSecretName');
        const tlsName = str('tlsSecretName');
        const ca = str('caBundle');
        if (ca) {
          const problem = caBundleProblem(ca, surface);
          if (problem) findings.push({ code: 'CA_BUNDLE_INVALID', severity: 'error', path: ['configs', host, 'caBundle'], message: problem.message, fix: problem.fix, variant: problem.variant, ...(problem.params ? { params: problem.params } : {}) });
        }
        let skip = false;
        if (c.insecureSkipVerify !== undefined && c.insecureSkipVerify !== null) {
          if (typeof c.insecureSkipVerify === 'boolean') skip = c.insecureSkipVerify;
        }
        if (authName) entry.auth = { kind: 'secret', name: authName };
        if (skip || tlsName || ca) {
          entry.tls = { insecureSkipVerify: skip };
          if (tlsName) {
            entry.tls.certFile = plannerTlsPath(distro, host, 'tls.crt');
            entry.tls.keyFile = plannerTlsPath(distro, host, 'tls.key');
          }
          if (ca) entry.tls.caFile = plannerTlsPath(distro, host, 'ca.crt');
        }
        setOwn(configs, host, entry);
      }
    }
  }
  return { registries: { mirrors, configs }, findings };
}

/** What one node entry gives, read on its own: its schema complaints, its entry (if usable), its other findings. */
interface NodeEntryRead<E> {
  schema: Finding[];
  entry?: E;
  findings: Finding[];
  /** the mirror's unknown fields (a config's are among its findings) */
  unknown: Finding[];
}

const mirrorSchemaOrNull = z.nullable(mirrorSchema);
const nodeConfigSchemaOrNull = z.nullable(nodeConfigSchema);

function nodeMirrorRead(key: string, m: unknown, surface: Surface): NodeEntryRead<MirrorEntry> {
  const r = readMirror(key, m, surface);
  return {
    schema: schemaFindings(mirrorSchemaOrNull, m, CONSEQUENCES.node, ['mirrors', key]),
    entry: r.entry && canonicalMirror.of(r.entry),
    findings: r.findings,
    unknown: isRecord(m) ? Object.keys(m).filter((k) => k !== 'endpoint' && k !== 'rewrite').map((k) => unknownKey(['mirrors', key, k])) : [],
  };
}

function nodeConfigRead(host: string, c: unknown, surface: Surface): NodeEntryRead<RegistryConfigEntry> {
  const r = readNodeConfig(host, c, surface);
  return { schema: schemaFindings(nodeConfigSchemaOrNull, c, CONSEQUENCES.node, ['configs', host]), entry: r.entry && canonicalConfig.of(r.entry), findings: r.findings, unknown: [] };
}

/**
 * Node entries read per entry and memoised by the entry's identity: only for sealed
 * entries (parseYaml's values, which never change), so that an edit of one mirror of a
 * parsed file reads that mirror again, not every entry. Keyed by the entry with its key
 * and the surface (which limits apply).
 */
const nodeMirrors = new PerEntry<object, NodeEntryRead<MirrorEntry>>(4);
const nodeConfigs = new PerEntry<object, NodeEntryRead<RegistryConfigEntry>>(4);

function readNodeEntry<E>(table: PerEntry<object, NodeEntryRead<E>>, read: (key: string, v: unknown, surface: Surface) => NodeEntryRead<E>, key: string, v: unknown, surface: Surface): NodeEntryRead<E> {
  return isSealed(v) ? table.get(v, `${key}\u0000${surface}`, () => read(key, v, surface)) : read(key, v, surface);
}

/** mirrors or configs of a node file that can be read entry by entry: a map (or nothing) without a __proto__ key. */
function entryWise(v: unknown): v is Record<string, unknown> | null | undefined {
  return v === undefined || v === null || (isRecord(v) && Object.getPrototypeOf(v) === Object.prototype && !Object.hasOwn(v, '__proto__'));
}

/** A node registries.yaml document → Registries; credentials are noted, never kept. */
export function registriesFromNode(raw: unknown, opts: ReadOptions = {}): { registries: Registries; findings: Finding[] } {
  const surface = opts.surface ?? 'tab';
  if (raw === undefined || raw === null) return { registries: { mirrors: {}, configs: {} }, findings: [] };
  if (!isRecord(raw) || !entryWise(raw.mirrors) || !entryWise(raw.configs)) {
    // the schema's complaints about the document's shape come from the whole schema
    const findings = schemaFindings(nodeRegistriesSchema, raw, CONSEQUENCES.node);
    if (!isRecord(raw)) return { registries: { mirrors: {}, configs: {} }, findings };
    return registriesFromNodeEntries(raw, surface, findings, false);
  }
  return registriesFromNodeEntries(raw, surface, [], true);
}

/**
 * The entries of a node file; `schema`: the schema's complaints are gathered entry by
 * entry (mirrors, then configs, at most MAX_ISSUES: what the whole schema reports), else
 * `findings` holds them already.
 */
function registriesFromNodeEntries(raw: Record<string, unknown>, surface: Surface, findings: Finding[], schema: boolean): { registries: Registries; findings: Finding[] } {
  const mirrorList = isRecord(raw.mirrors) ? Object.entries(raw.mirrors) : [];
  const configList = isRecord(raw.configs) ? Object.entries(raw.configs) : [];
  const mirrorReads = mirrorList.map(([key, m]) => readNodeEntry(nodeMirrors, nodeMirrorRead, key, m, surface));
  const configReads = configList.map(([host, c]) => readNodeEntry(nodeConfigs, nodeConfigRead, host, c, surface));
  if (schema) {
    for (const r of [...mirrorReads, ...configReads]) {
      if (findings.length >= MAX_ISSUES) break;
      for (const f of r.schema) if (findings.length < MAX_ISSUES) findings.push(f);
    }
  }
  for (const k of Object.keys(raw)) {
    if (k !== 'mirrors' && k !== 'configs') findings.push(unknownKey([k]));
  }
  const mirrors: Registries['mirrors'] = {};
  capped(mirrorReads, LIMITS.mirrors, ['mirrors'], 'Mirrors', findings, surface).forEach((r, i) => {
    findings.push(...r.findings);
    if (r.entry) setOwn(mirrors, mirrorList[i][0], r.entry);
  });
  for (const r of mirrorReads) findings.push(...r.unknown);
  const configs: Registries['configs'] = {};
  if (raw.configs !== undefined && raw.configs !== null && isRecord(raw.configs)) {
    capped(configReads, LIMITS.configs, ['configs'], 'Configs', findings, surface).forEach((r, i) => {
      findings.push(...r.findings);
      if (r.entry) setOwn(configs, configList[i][0], r.entry);
    });
  }
  return { registries: { mirrors, configs }, findings };
}

/** One configs.<host> entry of a node file, and the findings of reading it; undefined when it is not usable. */
function readNodeConfig(host: string, c: unknown, surface: Surface): { entry?: RegistryConfigEntry; findings: Finding[] } {
  const findings: Finding[] = [];
  if (tooLongKey(host, 'configs', findings, surface)) return { findings };
  const entry: RegistryConfigEntry = {};
  if (c === null || c === undefined) return { entry, findings };
  if (!isRecord(c)) return { findings };
  for (const k of Object.keys(c)) if (k !== 'auth' && k !== 'tls') findings.push(unknownKey(['configs', host, k]));
  if (c.auth !== undefined && c.auth !== null) {
    if (isRecord(c.auth)) {
      const fields = NODE_AUTH_KEYS.filter((k) => typeof (c.auth as Record<string, unknown>)[k] === 'string' && (c.auth as Record<string, string>)[k] !== '');
      for (const k of Object.keys(c.auth)) if (!(NODE_AUTH_KEYS as readonly string[]).includes(k)) findings.push(unknownKey(['configs', host, 'auth', k]));
      if (fields.length) entry.auth = { kind: 'inline', fields };
      for (const k of fields) {
        if (AUTH_PLACEHOLDER_RE.test((c.auth as Record<string, string>)[k])) {
          const where = `configs.${host}.auth.${k}`;
          findings.push({ code: 'AUTH_PLACEHOLDER', severity: 'warning', path: ['configs', host, 'auth', k], message: `${where} still holds the export's placeholder; the node would send it as the credential and the registry refuses it`, fix: 'Put the value from the named Secret in its place on the node, or import the file into the Cluster (which keeps the Secret reference).', params: { where } });
        }
      }
    }
  }
  if (c.tls !== undefined && c.tls !== null) {
    if (isRecord(c.tls)) {
      const t = c.tls;
      for (const k of Object.keys(t)) if (!(NODE_TLS_KEYS as readonly string[]).includes(k)) findings.push(unknownKey(['configs', host, 'tls', k]));
      const str = (k: string) => (typeof t[k] === 'string' && t[k] !== '' ? (t[k] as string) : undefined);
      entry.tls = { caFile: str('ca_file'), certFile: str('cert_file'), keyFile: str('key_file'), insecureSkipVerify: t.insecure_skip_verify === true };
    }
  }
  return { entry, findings };
}

function unknownKey(path: Path): Finding {
  return {
    code: 'NODE_UNKNOWN_KEY',
    severity: 'warning',
    path,
    message: `${path.join('.')} is not a registries.yaml field: RKE2/K3s ignore it silently`,
    fix: path[path.length - 1] === 'token' ? 'Use auth.identity_token, or username and password.' : `Remove ${path.join('.')} or correct its name.`,
    params: { field: path.join('.') },
    ...(path[path.length - 1] === 'token' ? { variant: 'token' } : {}),
  };
}

const CA_BUNDLE_MAX = 512 * 1024;

/** caBundle is base64 of PEM ([]byte in the Go API); say what is wrong with it, if anything. Linear time. */
export function caBundleProblem(value: string, surface: Surface = 'tab'): { message: string; fix: string; variant: string; params?: FindingParams } | undefined {
  if (value.length > CA_BUNDLE_MAX) {
    return { message: `The CA bundle is ${value.length.toLocaleString('en')} characters long; CA bundles over ${CA_BUNDLE_MAX / 1024} KiB are refused`, fix: 'Keep only the CA certificates that sign the registry certificate.', variant: 'tooLong', params: { length: value.length.toLocaleString('en'), max: String(CA_BUNDLE_MAX / 1024) } };
  }
  if (value.includes('-----BEGIN ')) {
    const message = 'The CA bundle is PEM text, but this field takes the PEM encoded as base64; Rancher would write garbage to the node';
    return surface === 'cli'
      ? { message, fix: 'Put the PEM base64-encoded in caBundle (base64 -w0 ca.pem).', variant: 'pem.cli' }
      : { message, fix: 'Paste the PEM in the CA bundle field of the form (it encodes it), or base64-encode it.', variant: 'pem' };
  }
  const bytes = base64ToBytes(value);
  if (!bytes) {
    return surface === 'cli'
      ? { message: 'The CA bundle is not valid base64', fix: 'Base64-encode the CA certificate in PEM form (base64 -w0 ca.pem) and put that in caBundle.', variant: 'base64.cli' }
      : { message: 'The CA bundle is not valid base64', fix: 'Paste the CA certificate as PEM (-----BEGIN CERTIFICATE----- …) in the form.', variant: 'base64' };
  }
  const decoded = new TextDecoder('latin1').decode(bytes);
  const begin = decoded.indexOf('-----BEGIN CERTIFICATE-----');
  const end = begin === -1 ? -1 : decoded.indexOf('-----END CERTIFICATE-----', begin);
  if (begin === -1 || end === -1) {
    return { message: 'The CA bundle decodes to something that is not a PEM certificate', fix: 'Use the registry CA certificate in PEM form (-----BEGIN CERTIFICATE----- …).', variant: 'notPem' };
  }
  if (decoded.includes('PRIVATE KEY-----')) {
    return { message: 'The CA bundle contains a private key; it would be written to every node', fix: 'Remove the private key: the CA bundle holds certificates only.', variant: 'privateKey' };
  }
  return undefined;
}

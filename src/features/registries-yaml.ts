// Import a node registries.yaml into spec.rkeConfig.registries, and export the
// spec back as a registries.yaml. Credentials never enter the spec: inline auth
// becomes a Secret to create, and the export writes marked placeholders.
import { dump, load } from 'js-yaml';
import { NODE_AUTH_KEYS, plannerTlsPath, registriesFromNode, setOwn } from '../input/schemas';
import { parseYaml } from '../input/settings';
import { hasUserInfo, redact, redactText } from '../lib/redact';
import type { Distro, Finding } from '../types';

export const AUTH_SECRET_TYPE = 'rke.cattle.io/auth-config';
/** Rancher's auth-config Secret keys for registries.yaml auth fields */
export const SECRET_KEY_FOR: Record<(typeof NODE_AUTH_KEYS)[number], string> = {
  username: 'username',
  password: 'password',
  auth: 'auth',
  identity_token: 'identityToken',
};
const MARKER = 'registry-mirrors:';
const PLACEHOLDER_RE = /^<from Secret ([^ >]+)(?: [^>]*)?>$/;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface PendingSecret {
  name: string;
  namespace: string;
  type: typeof AUTH_SECRET_TYPE;
  host: string;
  /** which keys it will hold; the values travel separately and are never rendered */
  keys: string[];
}

export interface MissingItem {
  host: string;
  field: 'caBundle' | 'tlsSecretName';
  nodePath: string;
  message: string;
}

export interface ImportResult {
  ok: true;
  /** the new value of spec.rkeConfig.registries */
  registries: Json;
  secrets: PendingSecret[];
  /** secret name → data; keep in memory only until the Secrets are created */
  secretData: Record<string, Record<string, string>>;
  missing: MissingItem[];
  findings: Finding[];
  /** mirror/config keys that the import adds, changes or (replace mode) removes */
  changes: { added: string[]; changed: string[]; removed: string[] };
}
export type ImportOutcome = ImportResult | { ok: false; error: string; line?: number; column?: number };

export interface ImportOptions {
  namespace: string;
  /** used to make the Secret names unique per cluster */
  clusterName?: string;
  distro: Distro;
  existing?: unknown;
  mode: 'merge' | 'replace';
  /** Secret names that exist already (to avoid clashes) */
  takenSecretNames?: string[];
}

/** A DNS-1123 name for the auth Secret of a host. */
export function secretNameFor(host: string, clusterName: string | undefined, taken: Set<string>): string {
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  const base = [clusterName ? slug(clusterName) : '', 'registry-auth', slug(host === '*' ? 'wildcard' : host) || 'host'].filter(Boolean).join('-').slice(0, 240);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

/**
 * Markers the export leaves in comments under each configs entry, so that an
 * import restores the Secret references and the CA bundle: host → key → value.
 */
export function readMarkers(text: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  let inConfigs = false;
  let hostIndent = -1;
  let host: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      inConfigs = /^configs\s*:\s*(#.*)?$/.test(line);
      hostIndent = -1;
      host = undefined;
      continue;
    }
    if (!inConfigs) continue;
    const marker = new RegExp(`^\\s*#\\s*${MARKER}\\s*(\\w+)\\s+(\\S+)`).exec(line);
    if (marker) {
      if (host !== undefined) out.set(host, { ...out.get(host), [marker[1]]: marker[2] });
      continue;
    }
    const indent = line.search(/\S/);
    if (indent < 0 || line.trimStart().startsWith('#')) continue;
    if (hostIndent < 0) hostIndent = indent;
    if (indent !== hostIndent) continue;
    try {
      const key = Object.keys((load(line.trim().replace(/:(\s+[^#]*)?(#.*)?$/, ': 0')) as object) ?? {})[0];
      host = key;
    } catch {
      host = undefined;
    }
  }
  return out;
}

export function importNodeRegistries(text: string, opts: ImportOptions): ImportOutcome {
  const y = parseYaml(text);
  if (!y.ok) return y;
  const value = y.value ?? {};
  const { findings } = registriesFromNode(value);
  if (!isRecord(value)) return { ok: false, error: 'registries.yaml must be a map with mirrors and configs' };
  const markers = readMarkers(text);
  const taken = new Set(opts.takenSecretNames ?? []);
  const mirrors: Json = {};
  const configs: Json = {};
  const secrets: PendingSecret[] = [];
  const secretData: ImportResult['secretData'] = {};
  const missing: MissingItem[] = [];

  if (isRecord(value.mirrors)) {
    for (const [key, m] of Object.entries(value.mirrors)) {
      const entry: Json = {};
      if (isRecord(m)) {
        if (Array.isArray(m.endpoint)) entry.endpoint = m.endpoint.filter((e) => typeof e === 'string');
        if (isRecord(m.rewrite)) entry.rewrite = Object.fromEntries(Object.entries(m.rewrite).filter(([, r]) => typeof r === 'string'));
      }
      setOwn(mirrors, key, entry);
    }
  }
  if (isRecord(value.configs)) {
    for (const [host, c] of Object.entries(value.configs)) {
      if (!isRecord(c)) continue;
      const entry: Json = {};
      const marks = markers.get(host) ?? {};
      if (isRecord(c.auth)) {
        const auth = c.auth;
        const present = NODE_AUTH_KEYS.filter((k) => typeof auth[k] === 'string' && auth[k] !== '');
        const placeholder = present.map((k) => PLACEHOLDER_RE.exec(auth[k] as string)?.[1]).find(Boolean);
        if (marks.authConfigSecretName || placeholder) {
          entry.authConfigSecretName = marks.authConfigSecretName ?? placeholder!.split('/').pop();
        } else if (present.length) {
          const name = secretNameFor(host, opts.clusterName, taken);
          secretData[name] = Object.fromEntries(present.map((k) => [SECRET_KEY_FOR[k], auth[k] as string]));
          secrets.push({ name, namespace: opts.namespace, type: AUTH_SECRET_TYPE, host, keys: present.map((k) => SECRET_KEY_FOR[k]) });
          entry.authConfigSecretName = name;
        }
      }
      if (isRecord(c.tls)) {
        const t = c.tls;
        if (t.insecure_skip_verify === true) entry.insecureSkipVerify = true;
        if (marks.caBundle) entry.caBundle = marks.caBundle;
        else if (typeof t.ca_file === 'string' && t.ca_file) {
          missing.push({ host, field: 'caBundle', nodePath: t.ca_file, message: `ca_file ${t.ca_file} is a path on the node that the browser cannot read: paste the CA certificate (PEM) of ${host}` });
        }
        if (marks.tlsSecretName) entry.tlsSecretName = marks.tlsSecretName;
        else if ((typeof t.cert_file === 'string' && t.cert_file) || (typeof t.key_file === 'string' && t.key_file)) {
          missing.push({ host, field: 'tlsSecretName', nodePath: String(t.cert_file || t.key_file), message: `cert_file/key_file are paths on the node: choose or create a kubernetes.io/tls Secret with the client certificate for ${host}` });
        }
      }
      setOwn(configs, host, entry);
    }
  }

  const existing = isRecord(opts.existing) ? opts.existing : {};
  const exMirrors = isRecord(existing.mirrors) ? existing.mirrors : {};
  const exConfigs = isRecord(existing.configs) ? existing.configs : {};
  const changes = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
  const label = (kind: string, k: string) => `${kind}.${redact(k)}`;
  const mergeSection = (kind: string, ex: Json, imp: Json): Json => {
    const out: Json = opts.mode === 'merge' ? { ...ex } : {};
    for (const [k, v] of Object.entries(imp)) {
      if (!Object.hasOwn(ex, k)) changes.added.push(label(kind, k));
      else if (JSON.stringify(ex[k]) !== JSON.stringify(v)) changes.changed.push(label(kind, k));
      // keep fields the import does not know about on an existing entry
      setOwn(out, k, opts.mode === 'merge' && isRecord(ex[k]) ? { ...(ex[k] as Json), ...(v as Json) } : v);
    }
    if (opts.mode === 'replace') for (const k of Object.keys(ex)) if (!Object.hasOwn(imp, k)) changes.removed.push(label(kind, k));
    return out;
  };
  const registries: Json = opts.mode === 'merge' ? { ...existing } : {};
  registries.mirrors = mergeSection('mirrors', exMirrors, mirrors);
  registries.configs = mergeSection('configs', exConfigs, configs);
  return { ok: true, registries, secrets, secretData, missing, findings, changes };
}

export interface ExportOptions {
  namespace: string;
  distro: Distro;
}

const HEADER = [
  'registries.yaml exported by registry-mirrors from spec.rkeConfig.registries.',
  'Values in <angle brackets> are placeholders: the credentials stay in their Kubernetes Secrets.',
  `Lines starting with "${MARKER}" let an import restore the Secret references.`,
];

const hideUserInfo = (key: string) => (hasUserInfo(key) ? redact(key) : key);

const indent = (text: string, by: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => by + l)
    .join('\n');

/** spec.rkeConfig.registries → a node registries.yaml: secrets as marked placeholders, user info in URLs and keys hidden. */
export function exportNodeRegistries(specRegistries: unknown, opts: ExportOptions): string {
  const spec = isRecord(specRegistries) ? specRegistries : {};
  const parts = [HEADER.map((l) => `# ${l}`).join('\n'), ''];
  const mirrors: Json = {};
  for (const [k, m] of Object.entries(isRecord(spec.mirrors) ? spec.mirrors : {})) {
    const e: Json = {};
    // user info or a query in an endpoint or key (ENDPOINT_CREDENTIALS) is never exported
    if (isRecord(m) && Array.isArray(m.endpoint)) e.endpoint = m.endpoint.map((x) => (typeof x === 'string' ? redactText(x) : x));
    if (isRecord(m) && isRecord(m.rewrite)) e.rewrite = m.rewrite;
    mirrors[hideUserInfo(k)] = e;
  }
  if (Object.keys(mirrors).length) parts.push(dump({ mirrors }, { lineWidth: -1, noRefs: true }).replace(/\n$/, ''));
  const configEntries = Object.entries(isRecord(spec.configs) ? spec.configs : {}).filter(([, c]) => isRecord(c));
  if (configEntries.length) {
    parts.push('configs:');
    for (const [host, c] of configEntries as Array<[string, Json]>) {
      const entry: Json = {};
      const marks: string[] = [];
      if (typeof c.authConfigSecretName === 'string' && c.authConfigSecretName) {
        const ref = `${opts.namespace}/${c.authConfigSecretName}`;
        entry.auth = { username: `<from Secret ${ref} key username>`, password: `<from Secret ${ref} key password>` };
        marks.push(`${MARKER} authConfigSecretName ${c.authConfigSecretName}`);
      }
      const tls: Json = {};
      if (typeof c.caBundle === 'string' && c.caBundle) {
        tls.ca_file = plannerTlsPath(opts.distro, host, 'ca.crt');
        marks.push(`${MARKER} caBundle ${c.caBundle.replace(/\s+/g, '')}`);
      }
      if (typeof c.tlsSecretName === 'string' && c.tlsSecretName) {
        tls.cert_file = plannerTlsPath(opts.distro, host, 'tls.crt');
        tls.key_file = plannerTlsPath(opts.distro, host, 'tls.key');
        marks.push(`${MARKER} tlsSecretName ${c.tlsSecretName}`);
      }
      if (c.insecureSkipVerify === true) tls.insecure_skip_verify = true;
      if (Object.keys(tls).length) entry.tls = tls;
      const key = dump({ [hideUserInfo(host)]: 0 }, { lineWidth: -1 }).replace(/: 0\n$/, '');
      const body = Object.keys(entry).length ? dump(entry, { lineWidth: -1, noRefs: true }) : '';
      parts.push(`  ${key}:${body ? '' : ' {}'}`);
      for (const m of marks) parts.push(`    # ${m}`);
      if (body) parts.push(indent(body, '    '));
    }
  }
  return `${parts.join('\n')}\n`;
}

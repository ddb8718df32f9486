// Import a node registries.yaml into spec.rkeConfig.registries, and export the
// spec back as a registries.yaml. Credentials never enter the spec: inline auth
// becomes a Secret to create, and the export writes marked placeholders.
import { Document, isMap, isScalar, parse, parseAllDocuments, visit, type Node, type YAMLMap } from 'yaml';
import { AUTH_PLACEHOLDER_RE, NODE_AUTH_KEYS, plannerTlsPath, registriesFromNode, setOwn } from '../input/schemas';
import { NODE_YAML_OPTIONS, parseYaml } from '../input/parse-yaml';
import { hasUserInfo, redact, redactText, urlHasUserInfo } from '../lib/redact';
import { finding } from '../route/finding-codes';
import type { Distro, Finding } from '../types';

/** YAML as the node reads it back (1.1: "yes", "on", "0x1F" stay quoted strings). */
export function toYaml(value: unknown, comments?: EntryComments, at: string[] = [], topAndEnd = true): string {
  const doc = new Document(value, { version: '1.1', merge: false });
  // a key written << would be read back as a merge key
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') {
        pair.key.type = 'QUOTE_DOUBLE';
        pair.key.tag = 'tag:yaml.org,2002:str';
      }
    },
  });
  if (comments) applyComments(doc, comments, at, topAndEnd);
  return doc.toString({ lineWidth: 0 });
}

export const AUTH_SECRET_TYPE = 'rke.cattle.io/auth-config';
/** Rancher's auth-config Secret keys for registries.yaml auth fields */
export const SECRET_KEY_FOR: Record<(typeof NODE_AUTH_KEYS)[number], string> = {
  username: 'username',
  password: 'password',
  auth: 'auth',
  identity_token: 'identityToken',
};
const MARKER = 'registry-mirrors:';
const PLACEHOLDER_RE = AUTH_PLACEHOLDER_RE;

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
  changes: { added: ChangedKey[]; changed: ChangedKey[]; removed: ChangedKey[] };
}
/** One mirrors or configs key an import touches. */
export interface ChangedKey {
  section: 'mirrors' | 'configs';
  key: string;
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
      const key = Object.keys((parse(line.trim().replace(/:(\s+[^#]*)?(#.*)?$/, ': 0'), { version: '1.1', schema: 'failsafe' }) as object) ?? {})[0];
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
  // placeholders are what an import restores Secret references from: no warning here
  const findings = registriesFromNode(value).findings.filter((f) => f.code !== 'AUTH_PLACEHOLDER');
  if (!isRecord(value)) return { ok: false, error: 'registries.yaml must be a map with mirrors and configs' };
  const markers = readMarkers(text);
  const taken = new Set(opts.takenSecretNames ?? []);
  const mirrors: Json = {};
  const configs: Json = {};
  const secrets: PendingSecret[] = [];
  const secretData: ImportResult['secretData'] = {};
  const missing: MissingItem[] = [];

  // credentials in a URL or key never move into the spec: an error at the field instead
  const keyCredentials = (section: string, key: string) =>
    findings.push(finding('KEY_CREDENTIALS', 'error', [section, redact(key)], `The ${section} key "${redact(key)}" holds credentials (user:password@); it is not imported`, 'Key it by the registry host[:port] and put the credentials in configs.<host>.auth (they become a Secret).', { section, key: redact(key) }));
  if (isRecord(value.mirrors)) {
    for (const [key, m] of Object.entries(value.mirrors)) {
      const entry: Json = {};
      if (hasUserInfo(key)) {
        keyCredentials('mirrors', key);
        continue;
      }
      if (isRecord(m)) {
        if (Array.isArray(m.endpoint)) {
          entry.endpoint = m.endpoint.filter((e, i) => {
            if (typeof e !== 'string') return false;
            if (/[?#]/.test(e) && redactText(e) !== e) {
              findings.push(finding('ENDPOINT_CREDENTIALS', 'error', ['mirrors', key, 'endpoint', i], `Endpoint "${redact(e)}" has a query, which may hold a token; it is not imported (containerd drops queries anyway)`, 'Remove the ?… part; put credentials in a registry config with an auth Secret for this host.', { endpoint: redact(e) }, 'importQuery'));
              return false;
            }
            if (!urlHasUserInfo(e)) return true;
            findings.push(finding('ENDPOINT_CREDENTIALS', 'error', ['mirrors', key, 'endpoint', i], `Endpoint "${redact(e)}" carries credentials; it is not imported (they would be written in clear text to every node)`, 'Remove user:password@ from the URL and add a registry config with an auth Secret for this host.', { endpoint: redact(e) }, 'import'));
            return false;
          });
        }
        if (isRecord(m.rewrite)) entry.rewrite = Object.fromEntries(Object.entries(m.rewrite).filter(([, r]) => typeof r === 'string'));
      }
      setOwn(mirrors, key, entry);
    }
  }
  if (isRecord(value.configs)) {
    for (const [host, c] of Object.entries(value.configs)) {
      if (hasUserInfo(host)) {
        keyCredentials('configs', host);
        continue;
      }
      if (!isRecord(c)) continue;
      const entry: Json = {};
      const marks = markers.get(host) ?? {};
      if (isRecord(c.auth)) {
        const auth = c.auth;
        const present = NODE_AUTH_KEYS.filter((k) => typeof auth[k] === 'string' && auth[k] !== '');
        const placeholder = present.map((k) => PLACEHOLDER_RE.exec(auth[k] as string)?.[1]).find(Boolean);
        if (marks.authConfigSecretName || placeholder) {
          entry.authConfigSecretName = marks.authConfigSecretName ?? placeholder?.split('/').pop();
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
          missing.push({ host, field: 'caBundle', nodePath: t.ca_file, message: `ca_file ${t.ca_file} is a path on the node: the Cluster needs the CA certificate (PEM) of ${host} itself, as caBundle` });
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
  const changes: ImportResult['changes'] = { added: [], changed: [], removed: [] };
  const mergeSection = (section: ChangedKey['section'], ex: Json, imp: Json): Json => {
    const out: Json = opts.mode === 'merge' ? { ...ex } : {};
    for (const [k, v] of Object.entries(imp)) {
      if (!Object.hasOwn(ex, k)) changes.added.push({ section, key: k });
      else if (JSON.stringify(ex[k]) !== JSON.stringify(v)) changes.changed.push({ section, key: k });
      // keep fields the import does not know about on an existing entry
      setOwn(out, k, opts.mode === 'merge' && isRecord(ex[k]) ? { ...(ex[k] as Json), ...(v as Json) } : v);
    }
    if (opts.mode === 'replace') for (const k of Object.keys(ex)) if (!Object.hasOwn(imp, k)) changes.removed.push({ section, key: k });
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
  /** Secret name → the keys it holds (Rancher's names: username, password, auth, identityToken) */
  secretKeys?: Record<string, string[]>;
  /** comments of the source document's entries, carried to the node file */
  comments?: EntryComments;
}

const HEADER = [
  'registries.yaml exported by registry-mirrors from spec.rkeConfig.registries.',
  'Values in <angle brackets> are placeholders: the credentials stay in their Kubernetes Secrets.',
  `Lines starting with "${MARKER}" let an import restore the Secret references.`,
];

const indent = (text: string, by: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => by + l)
    .join('\n');

const NODE_KEY_FOR: Record<string, (typeof NODE_AUTH_KEYS)[number]> = Object.fromEntries(Object.entries(SECRET_KEY_FOR).map(([node, secret]) => [secret, node as (typeof NODE_AUTH_KEYS)[number]]));

/** The auth placeholders for a Secret: its own keys when known, else username and password. */
function authPlaceholders(ref: string, keys: string[] | undefined): Json {
  const known = (keys ?? []).filter((k) => Object.hasOwn(NODE_KEY_FOR, k));
  const use = known.length ? known : ['username', 'password'];
  return Object.fromEntries(use.map((k) => [NODE_KEY_FOR[k], `<from Secret ${ref} key ${k}>`]));
}

/** True when a value is one of the export's placeholders (a file that still needs its credentials). */
export function isPlaceholder(v: unknown): boolean {
  return typeof v === 'string' && PLACEHOLDER_RE.test(v);
}

const hideUserInfo = (key: string) => (hasUserInfo(key) ? redact(key) : key);

const commentLines = (c: string | undefined, by: string) => (c ? c.split('\n').map((l) => (l.trim() === '' ? '' : `${by}#${l}`)) : []);

/** spec.rkeConfig.registries → a node registries.yaml, secrets as marked placeholders. */
export function exportNodeRegistries(specRegistries: unknown, opts: ExportOptions): string {
  const spec = isRecord(specRegistries) ? specRegistries : {};
  const parts = [HEADER.map((l) => `# ${l}`).join('\n'), ''];
  if (opts.comments?.top) parts.push(...commentLines(opts.comments.top, ''), '');
  const mirrors: Json = {};
  for (const [k, m] of Object.entries(isRecord(spec.mirrors) ? spec.mirrors : {})) {
    const e: Json = {};
    // user info or a query in an endpoint or key (ENDPOINT_CREDENTIALS) is never exported
    if (isRecord(m) && Array.isArray(m.endpoint)) e.endpoint = m.endpoint.map((x) => (typeof x === 'string' ? redactText(x) : x));
    if (isRecord(m) && isRecord(m.rewrite)) e.rewrite = m.rewrite;
    setOwn(mirrors, hideUserInfo(k), e);
  }
  if (Object.keys(mirrors).length) parts.push(toYaml({ mirrors }, opts.comments, [], false).replace(/\n$/, ''));
  const configEntries = Object.entries(isRecord(spec.configs) ? spec.configs : {}).filter(([, c]) => isRecord(c));
  if (configEntries.length) {
    parts.push('configs:');
    for (const [host, c] of configEntries as Array<[string, Json]>) {
      const entry: Json = {};
      const marks: string[] = [];
      if (typeof c.authConfigSecretName === 'string' && c.authConfigSecretName) {
        const ref = `${opts.namespace}/${c.authConfigSecretName}`;
        entry.auth = authPlaceholders(ref, opts.secretKeys?.[c.authConfigSecretName]);
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
      const key = toYaml({ [hideUserInfo(host)]: 0 }).replace(/: 0\n$/, '');
      const body = Object.keys(entry).length ? toYaml(entry) : '';
      parts.push(...commentLines(opts.comments?.entries.get(`configs\u0000${host}`), '  '));
      parts.push(`  ${key}:${body ? '' : ' {}'}`);
      for (const m of marks) parts.push(`    # ${m}`);
      if (body) parts.push(indent(body, '    '));
    }
  }
  if (opts.comments?.end) parts.push('', ...commentLines(opts.comments.end, ''));
  return `${parts.join('\n')}\n`;
}

/** Comments of a document's mirror and config entries ("mirrors\0key" → text), and before and after it all. */
export interface EntryComments {
  top?: string;
  end?: string;
  entries: Map<string, string>;
}

const isMarkerOrHeader = (line: string) => line.trim().startsWith(MARKER) || HEADER.some((h) => line.trim() === h);
const cleanComment = (c: string | null | undefined): string | undefined => {
  const lines = (c ?? '').split('\n').filter((l) => !isMarkerOrHeader(l));
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.length ? lines.join('\n') : undefined;
};

/** The comments of the registries in a YAML text; `at` is the path to the map holding mirrors and configs. */
export function commentsOf(text: string, at: string[]): EntryComments {
  const out: EntryComments = { entries: new Map() };
  try {
    const doc = parseAllDocuments(text, NODE_YAML_OPTIONS).find?.((d) => d.contents !== null);
    if (!doc || doc.errors.length) return out;
    const root = (at.length ? doc.getIn(at, true) : doc.contents) as Node | undefined;
    let top = doc.commentBefore ?? undefined;
    if (isMap(doc.contents) && doc.contents.items[0] && isScalar(doc.contents.items[0].key)) {
      top = [top, doc.contents.commentBefore, doc.contents.items[0].key.commentBefore].filter(Boolean).join('\n');
    }
    out.top = cleanComment(top);
    out.end = cleanComment(doc.comment);
    if (!isMap(root)) return out;
    for (const section of ['mirrors', 'configs']) {
      const sec = root.get(section, true) as YAMLMap | undefined;
      if (!isMap(sec)) continue;
      sec.items.forEach((pair, i) => {
        if (!isScalar(pair.key)) return;
        const value = pair.value as Node | null;
        const parts = [i === 0 ? sec.commentBefore : undefined, pair.key.commentBefore, pair.key.comment, value && !isScalar(value) ? value.commentBefore : undefined, value?.comment];
        const c = cleanComment(parts.filter(Boolean).join('\n'));
        if (c) out.entries.set(`${section}\u0000${String(pair.key.value)}`, c);
      });
    }
  } catch {
    // comments are a courtesy: a text the parser refuses has none to carry
  }
  return out;
}

function applyComments(doc: Document, comments: EntryComments, at: string[], topAndEnd: boolean): void {
  if (topAndEnd) {
    if (comments.top) doc.commentBefore = comments.top;
    if (comments.end) doc.comment = comments.end;
  }
  const root = (at.length ? doc.getIn(at, true) : doc.contents) as Node | undefined;
  if (!isMap(root)) return;
  for (const section of ['mirrors', 'configs']) {
    const sec = root.get(section, true) as YAMLMap | undefined;
    if (!isMap(sec)) continue;
    for (const pair of sec.items) {
      const c = isScalar(pair.key) ? comments.entries.get(`${section}\u0000${String(pair.key.value)}`) : undefined;
      if (c && isScalar(pair.key)) pair.key.commentBefore = c;
    }
  }
}

/** The import as YAML for spec.rkeConfig: {registries: ...}, with the node file's comments. */
export function registriesDocument(r: ImportResult, sourceText: string): string {
  return toYaml({ registries: r.registries }, commentsOf(sourceText, []), ['registries']);
}

/** The Secret manifests the import needs (credential values: keep this text private). */
export function secretsDocument(r: ImportResult): string {
  return r.secrets
    .map((s) => toYaml({ apiVersion: 'v1', kind: 'Secret', metadata: { name: s.name, namespace: s.namespace }, type: s.type, stringData: r.secretData[s.name] }))
    .join('---\n');
}

/** Secret name → its keys, from Secret manifests (as secretsDocument writes them); values are not kept. */
export function readSecretKeys(text: string): { ok: true; keys: Record<string, string[]> } | { ok: false; error: string; line?: number; column?: number } {
  const keys: Record<string, string[]> = {};
  const docs = parseAllDocuments(text, NODE_YAML_OPTIONS);
  for (const d of Array.isArray(docs) ? docs : []) {
    const e = d.errors[0];
    if (e) return { ok: false, error: e.message.split(/ at line /)[0], line: e.linePos?.[0].line, column: e.linePos?.[0].col };
    const v = d.toJS() as unknown;
    const items = isRecord(v) && v.kind === 'List' && Array.isArray(v.items) ? v.items : [v];
    for (const it of items) {
      if (!isRecord(it) || it.kind !== 'Secret' || !isRecord(it.metadata) || typeof it.metadata.name !== 'string') continue;
      const k = new Set([...Object.keys(isRecord(it.data) ? it.data : {}), ...Object.keys(isRecord(it.stringData) ? it.stringData : {})]);
      setOwn(keys, it.metadata.name, [...k]);
    }
  }
  return { ok: true, keys };
}

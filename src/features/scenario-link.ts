// Links that open a scenario: #cluster=<base64url of the raw-deflated UTF-8 text> of a
// Cluster manifest or a registries.yaml. What goes into a link is cut down to the
// registry settings first, without credentials (shareableCluster), and a link never
// expands beyond the size of file the page accepts (a deflate bomb stops early).
import { LIMITS } from '../lib/limits';
import { objectYaml } from '../lib/yaml-text';
import { hasUserInfo } from '../lib/redact';

export const LINK_KEY = 'cluster';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function readAll(stream: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | 'too-big'> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return 'too-big';
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The fragment value for a text: base64url(deflate-raw(UTF-8)). */
export async function encodeScenario(text: string): Promise<string> {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = await readAll(stream as ReadableStream<Uint8Array>, Number.MAX_SAFE_INTEGER);
  return toBase64Url(bytes as Uint8Array);
}

export type DecodedScenario = { ok: true; text: string } | { ok: false; error: 'not-base64url' | 'not-deflate' | 'too-big' | 'not-utf8' };

/** The text of a fragment value; an error id when the link is damaged or too big. */
export async function decodeScenario(value: string): Promise<DecodedScenario> {
  const bytes = fromBase64Url(value);
  if (!bytes) return { ok: false, error: 'not-base64url' };
  let out: Uint8Array | 'too-big';
  try {
    out = await readAll(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')) as ReadableStream<Uint8Array>, LIMITS.fileBytes);
  } catch {
    return { ok: false, error: 'not-deflate' };
  }
  if (out === 'too-big') return { ok: false, error: 'too-big' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(out) };
  } catch {
    return { ok: false, error: 'not-utf8' };
  }
}

/** The value of #cluster=… in a location hash, if any. */
export function scenarioFromHash(hash: string): string | undefined {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const v = p.get(LINK_KEY);
  return v === null ? undefined : v;
}

/** What was taken out before sharing, for the notice (counts by kind). */
export interface Removed {
  /** user:password@ removed from endpoint URLs, keys or system-default-registry */
  userInfo: number;
  /** query strings (?token=…) removed from endpoint URLs */
  queries: number;
  /** CA bundles that held a private key */
  privateKeys: number;
  /** fields of registry entries that are not registry settings */
  unknownFields: number;
  /** everything of the Cluster outside the registry settings (always true for a Cluster with more) */
  otherFields: boolean;
}

const FLAGS = ['disable-default-registry-endpoint', 'embedded-registry', 'system-default-registry'];
const MIRROR_FIELDS = ['endpoint', 'rewrite'];
const CONFIG_FIELDS = ['authConfigSecretName', 'tlsSecretName', 'caBundle', 'insecureSkipVerify'];

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The Cluster as a link carries it: name, namespace, version, the registry flags and
 * spec.rkeConfig.registries only, with no credentials: user info and query strings of
 * URLs are removed, a CA bundle holding a private key is dropped, unknown fields too.
 * Secret references stay (names only; the values are never in a Cluster).
 */
export function shareableCluster(cluster: unknown): { text: string; removed: Removed } {
  const removed: Removed = { userInfo: 0, queries: 0, privateKeys: 0, unknownFields: 0, otherFields: false };
  const c = isObj(cluster) ? cluster : {};
  const clean = (s: string): string => {
    let out = s;
    if (hasUserInfo(out)) {
      const start = out.indexOf('://') >= 0 ? out.indexOf('://') + 3 : 0;
      out = out.slice(0, start) + out.slice(out.lastIndexOf('@') + 1);
      removed.userInfo++;
    }
    const q = out.indexOf('?');
    if (q !== -1) {
      out = out.slice(0, q);
      removed.queries++;
    }
    return out;
  };
  const spec = isObj(c.spec) ? c.spec : {};
  const rke = isObj(spec.rkeConfig) ? spec.rkeConfig : {};
  const reg = isObj(rke.registries) ? rke.registries : undefined;
  const registries: Record<string, any> = {};
  if (reg && isObj(reg.mirrors)) {
    registries.mirrors = {};
    for (const [key, m] of Object.entries(reg.mirrors)) {
      const entry: Record<string, any> = {};
      if (isObj(m)) {
        for (const k of Object.keys(m)) if (!MIRROR_FIELDS.includes(k)) removed.unknownFields++;
        if (Array.isArray(m.endpoint)) entry.endpoint = m.endpoint.map((e: unknown) => (typeof e === 'string' ? clean(e) : e));
        if (isObj(m.rewrite)) entry.rewrite = { ...m.rewrite };
      }
      registries.mirrors[clean(key)] = entry;
    }
  }
  if (reg && isObj(reg.configs)) {
    registries.configs = {};
    for (const [key, cfg] of Object.entries(reg.configs)) {
      const entry: Record<string, any> = {};
      if (isObj(cfg)) {
        for (const k of Object.keys(cfg)) {
          if (!CONFIG_FIELDS.includes(k)) {
            removed.unknownFields++;
            continue;
          }
          if (k === 'caBundle' && typeof cfg.caBundle === 'string' && holdsPrivateKey(cfg.caBundle)) {
            removed.privateKeys++;
            continue;
          }
          entry[k] = cfg[k];
        }
      }
      registries.configs[clean(key)] = entry;
    }
  }
  const mgc = isObj(rke.machineGlobalConfig) ? rke.machineGlobalConfig : {};
  const flags: Record<string, unknown> = {};
  for (const f of FLAGS) if (mgc[f] !== undefined) flags[f] = typeof mgc[f] === 'string' ? clean(mgc[f]) : mgc[f];
  const meta = isObj(c.metadata) ? c.metadata : {};
  const out: Record<string, any> = {
    apiVersion: typeof c.apiVersion === 'string' ? c.apiVersion : 'provisioning.cattle.io/v1',
    kind: 'Cluster',
    metadata: { name: typeof meta.name === 'string' ? meta.name : 'cluster', namespace: typeof meta.namespace === 'string' ? meta.namespace : 'fleet-default' },
    spec: {
      ...(typeof spec.kubernetesVersion === 'string' ? { kubernetesVersion: spec.kubernetesVersion } : {}),
      rkeConfig: {
        ...(Object.keys(flags).length ? { machineGlobalConfig: flags } : {}),
        ...(reg ? { registries } : {}),
      },
    },
  };
  removed.otherFields = Object.keys(meta).some((k) => k !== 'name' && k !== 'namespace')
    || Object.keys(spec).some((k) => k !== 'kubernetesVersion' && k !== 'rkeConfig')
    || Object.keys(rke).some((k) => k !== 'registries' && k !== 'machineGlobalConfig')
    || Object.keys(mgc).some((k) => !FLAGS.includes(k));
  return { text: objectYaml(out), removed };
}

function holdsPrivateKey(b64: string): boolean {
  if (b64.includes('PRIVATE KEY')) return true;
  try {
    return atob(b64.replace(/\s+/g, '')).includes('PRIVATE KEY');
  } catch {
    return false;
  }
}

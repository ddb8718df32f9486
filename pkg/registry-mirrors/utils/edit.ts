// Edits of spec.rkeConfig.registries, made in place on the live cluster model.
//
// Rules: nothing is written until the user changes something (no normalising); each
// edit touches only the field it is about; every other key – known or not – stays as
// it was, in the order it was; a setter that would not change the value does nothing.

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const CONFIG_FIELDS = ['authConfigSecretName', 'tlsSecretName', 'caBundle', 'insecureSkipVerify'] as const;
export type ConfigField = typeof CONFIG_FIELDS[number];

function isRecord(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The registries object if it is there, without creating anything. */
export function readRegistries(resource: Json): Record<string, Json> | undefined {
  const r = resource?.spec?.rkeConfig?.registries;

  return isRecord(r) ? r : undefined;
}

export function readMirrors(resource: Json): Record<string, Json> {
  const m = readRegistries(resource)?.mirrors;

  return isRecord(m) ? m : {};
}

export function readConfigs(resource: Json): Record<string, Json> {
  const c = readRegistries(resource)?.configs;

  return isRecord(c) ? c : {};
}

/**
 * The maps this module created (registries, mirrors, configs): when the last entry of one
 * is removed again, it goes too, so that add-then-remove leaves the spec as it was. Maps the
 * cluster had are never removed. (Reactive proxies are cached per object: the same map
 * reads back as the same proxy.)
 */
const created = new WeakSet<object>();

/** Creates spec.rkeConfig.registries.<part> on the first write that needs it. */
function ensure(resource: Json, part: 'mirrors' | 'configs'): Record<string, Json> {
  if (!isRecord(resource.spec)) {
    resource.spec = {};
  }
  if (!isRecord(resource.spec.rkeConfig)) {
    resource.spec.rkeConfig = {};
  }
  if (!isRecord(resource.spec.rkeConfig.registries)) {
    resource.spec.rkeConfig.registries = {};
    created.add(resource.spec.rkeConfig.registries);
  }
  const regs = resource.spec.rkeConfig.registries;

  if (!isRecord(regs[part])) {
    regs[part] = {};
    created.add(regs[part]);
  }

  return regs[part];
}

/** After a removal: drops the part, then registries, if this module made them and they are empty. */
function prune(resource: Json, part: 'mirrors' | 'configs') {
  const regs = readRegistries(resource);
  const map = regs?.[part];

  if (!regs || !isRecord(map) || !created.has(map) || Object.keys(map).length) {
    return;
  }
  delete regs[part];
  if (created.has(regs) && !Object.keys(regs).length) {
    delete resource.spec.rkeConfig.registries;
  }
}

/** Renames a key of `obj` in place, keeping the order of all keys. */
export function renameKey(obj: Record<string, Json>, from: string, to: string): boolean {
  if (from === to || !Object.prototype.hasOwnProperty.call(obj, from) || Object.prototype.hasOwnProperty.call(obj, to)) {
    return false;
  }
  const entries = Object.entries(obj);

  for (const [k] of entries) {
    delete obj[k];
  }
  for (const [k, v] of entries) {
    obj[k === from ? to : k] = v;
  }

  return true;
}

/** The mirror entry as an object we may write into (null/absent become {}). */
function mirrorEntry(resource: Json, key: string): Record<string, Json> {
  const mirrors = ensure(resource, 'mirrors');

  if (!isRecord(mirrors[key])) {
    mirrors[key] = {};
  }

  return mirrors[key];
}

function endpointList(resource: Json, key: string): string[] {
  const m = mirrorEntry(resource, key);

  if (!Array.isArray(m.endpoint)) {
    m.endpoint = [];
  }

  return m.endpoint;
}

function rewriteMap(resource: Json, key: string): Record<string, string> {
  const m = mirrorEntry(resource, key);

  if (!isRecord(m.rewrite)) {
    m.rewrite = {};
  }

  return m.rewrite;
}

function configEntry(resource: Json, host: string): Record<string, Json> {
  const configs = ensure(resource, 'configs');

  if (!isRecord(configs[host])) {
    configs[host] = {};
  }

  return configs[host];
}

// ---- mirrors ---------------------------------------------------------------------

export function addMirror(resource: Json, key: string, endpoints: string[] = []): boolean {
  const mirrors = ensure(resource, 'mirrors');

  if (!key || Object.prototype.hasOwnProperty.call(mirrors, key)) {
    return false;
  }
  mirrors[key] = { endpoint: [...endpoints] };

  return true;
}

export function renameMirror(resource: Json, from: string, to: string): boolean {
  if (!to) {
    return false;
  }

  return renameKey(ensure(resource, 'mirrors'), from, to);
}

export function removeMirror(resource: Json, key: string): boolean {
  const mirrors = readMirrors(resource);

  if (!Object.prototype.hasOwnProperty.call(mirrors, key)) {
    return false;
  }
  delete mirrors[key];
  prune(resource, 'mirrors');

  return true;
}

export function addEndpoint(resource: Json, key: string, url: string): void {
  endpointList(resource, key).push(url);
}

export function setEndpoint(resource: Json, key: string, index: number, url: string): boolean {
  const list = readMirrors(resource)[key]?.endpoint;

  if (!Array.isArray(list) || index < 0 || index >= list.length || list[index] === url) {
    return false;
  }
  list[index] = url;

  return true;
}

export function removeEndpoint(resource: Json, key: string, index: number): boolean {
  const list = readMirrors(resource)[key]?.endpoint;

  if (!Array.isArray(list) || index < 0 || index >= list.length) {
    return false;
  }
  list.splice(index, 1);

  return true;
}

export function moveEndpoint(resource: Json, key: string, from: number, to: number): boolean {
  const list = readMirrors(resource)[key]?.endpoint;

  if (!Array.isArray(list) || from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) {
    return false;
  }
  const [item] = list.splice(from, 1);

  list.splice(to, 0, item);

  return true;
}

export function addRewrite(resource: Json, key: string, pattern: string, replacement: string): boolean {
  const map = rewriteMap(resource, key);

  if (Object.prototype.hasOwnProperty.call(map, pattern)) {
    return false;
  }
  map[pattern] = replacement;

  return true;
}

export function renameRewrite(resource: Json, key: string, from: string, to: string): boolean {
  const map = readMirrors(resource)[key]?.rewrite;

  return isRecord(map) ? renameKey(map, from, to) : false;
}

export function setRewriteReplacement(resource: Json, key: string, pattern: string, replacement: string): boolean {
  const map = readMirrors(resource)[key]?.rewrite;

  if (!isRecord(map) || !Object.prototype.hasOwnProperty.call(map, pattern) || map[pattern] === replacement) {
    return false;
  }
  map[pattern] = replacement;

  return true;
}

export function removeRewrite(resource: Json, key: string, pattern: string): boolean {
  const map = readMirrors(resource)[key]?.rewrite;

  if (!isRecord(map) || !Object.prototype.hasOwnProperty.call(map, pattern)) {
    return false;
  }
  delete map[pattern];

  return true;
}

// ---- configs ---------------------------------------------------------------------

export function addConfig(resource: Json, host: string): boolean {
  const configs = ensure(resource, 'configs');

  if (!host || Object.prototype.hasOwnProperty.call(configs, host)) {
    return false;
  }
  configs[host] = {};

  return true;
}

export function renameConfig(resource: Json, from: string, to: string): boolean {
  if (!to) {
    return false;
  }

  return renameKey(ensure(resource, 'configs'), from, to);
}

export function removeConfig(resource: Json, host: string): boolean {
  const configs = readConfigs(resource);

  if (!Object.prototype.hasOwnProperty.call(configs, host)) {
    return false;
  }
  delete configs[host];
  prune(resource, 'configs');

  return true;
}

/** insecureSkipVerify of a config before this module first changed it (undefined: absent) */
const skipTlsAtStart = new WeakMap<object, unknown>();

/**
 * Sets one known field of a config. An empty value (undefined, null, '') removes the
 * field; so does `insecureSkipVerify: false` (the default) unless the config had
 * `insecureSkipVerify: false` before: Skip TLS on then off leaves the config as it was.
 */
export function setConfigField(resource: Json, host: string, field: ConfigField, value: string | boolean | null | undefined): boolean {
  const current = readConfigs(resource)[host];
  const has = isRecord(current) && Object.prototype.hasOwnProperty.call(current, field);

  if (field === 'insecureSkipVerify' && isRecord(current) && !skipTlsAtStart.has(current)) {
    skipTlsAtStart.set(current, has ? current[field] : undefined);
  }
  const keepFalse = field === 'insecureSkipVerify' && isRecord(current) && skipTlsAtStart.get(current) === false;
  const empty = value === undefined || value === null || value === '' || (field === 'insecureSkipVerify' && value === false && !keepFalse);

  if (empty) {
    if (!has) {
      return false;
    }
    delete current[field];

    return true;
  }
  if (has && current[field] === value) {
    return false;
  }
  configEntry(resource, host)[field] = value;

  return true;
}

// ---- stable ids for v-for --------------------------------------------------------

const ids = new WeakMap<object, string>();
let nextId = 1;

/** A stable id for an object that survives renames of the key it is stored under. */
export function idFor(obj: unknown, fallback: string): string {
  if (typeof obj !== 'object' || obj === null) {
    return `k:${ fallback }`;
  }
  let id = ids.get(obj);

  if (!id) {
    id = `o${ nextId++ }`;
    ids.set(obj, id);
  }

  return id;
}

/**
 * Own key test that Vue's reactivity tracks (Object.keys goes through the proxy's
 * ownKeys trap; hasOwnProperty.call(proxy) is not tracked, `in` sees the prototype).
 */
export function hasKey(obj: unknown, key: string): boolean {
  return !!obj && typeof obj === 'object' && Object.keys(obj as object).includes(key);
}

// ---- undo of a removal -----------------------------------------------------------

export interface Removed {
  part: 'mirrors' | 'configs';
  key: string;
  value: Json;
  /** position among the keys, to put it back where it was */
  index: number;
}

/** Removes mirrors[key] or configs[key] and returns what Undo needs (undefined if absent). */
export function removeEntry(resource: Json, part: 'mirrors' | 'configs', key: string): Removed | undefined {
  const map = part === 'mirrors' ? readMirrors(resource) : readConfigs(resource);
  const keys = Object.keys(map);
  const index = keys.indexOf(key);

  if (index === -1) {
    return undefined;
  }
  const value = JSON.parse(JSON.stringify(map[key] ?? null));

  delete map[key];
  prune(resource, part);

  return {
    part, key, value, index
  };
}

/** Puts a removed entry back at its position; false if the key has been taken since. */
export function restoreEntry(resource: Json, r: Removed): boolean {
  const map = ensure(resource, r.part);

  if (Object.prototype.hasOwnProperty.call(map, r.key)) {
    return false;
  }
  const entries = Object.entries(map);

  for (const [k] of entries) {
    delete map[k];
  }
  entries.splice(Math.min(r.index, entries.length), 0, [r.key, r.value]);
  for (const [k, v] of entries) {
    map[k] = v;
  }

  return true;
}

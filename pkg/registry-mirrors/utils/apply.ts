// Applying an imported registries.yaml: the auth Secrets are created through the store
// (as the config card's "Create a Secret" form does), then spec.rkeConfig.registries is
// brought to the imported value in place – the same objects stay, only what differs is
// written, keys keep their order, fields outside mirrors/configs are not touched.
import { newSecret, type DashboardStore } from './store';
import { readRegistries, type Json } from './edit';
import { utf8ToBase64 } from './engine';

function isRecord(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

/** Make `target` equal to `want`, in place; true if anything was written. */
export function syncInPlace(target: Record<string, Json>, want: Record<string, Json>): boolean {
  let changed = false;

  for (const k of Object.keys(target)) {
    if (!Object.prototype.hasOwnProperty.call(want, k)) {
      delete target[k];
      changed = true;
    }
  }
  for (const [k, v] of Object.entries(want)) {
    const cur = target[k];

    if (Object.prototype.hasOwnProperty.call(target, k) && same(cur, v)) {
      continue;
    }
    changed = true;
    if (isRecord(cur) && isRecord(v)) {
      syncInPlace(cur, v);
    } else if (Array.isArray(cur) && Array.isArray(v)) {
      cur.splice(0, cur.length, ...clone(v));
    } else {
      target[k] = clone(v);
    }
  }

  return changed;
}

/**
 * Writes the `mirrors` and `configs` of an import result into
 * resource.spec.rkeConfig.registries. Creates the objects on the way only when there
 * is something to write. Returns true if the spec changed.
 */
export function applyImportedRegistries(resource: Json, next: Record<string, Json>): boolean {
  let changed = false;

  for (const part of ['mirrors', 'configs'] as const) {
    const want = next?.[part];

    if (!isRecord(want)) {
      continue;
    }
    const regs = readRegistries(resource);
    const current = regs?.[part];

    if (isRecord(current)) {
      changed = syncInPlace(current, want) || changed;
      continue;
    }
    if (!Object.keys(want).length && current === undefined) {
      continue; // nothing there, nothing to add
    }
    if (!isRecord(resource.spec)) {
      resource.spec = {};
    }
    if (!isRecord(resource.spec.rkeConfig)) {
      resource.spec.rkeConfig = {};
    }
    if (!isRecord(resource.spec.rkeConfig.registries)) {
      resource.spec.rkeConfig.registries = {};
    }
    resource.spec.rkeConfig.registries[part] = clone(want);
    changed = true;
  }

  return changed;
}

export interface SecretToCreate {
  name: string;
  namespace: string;
  type: string;
}

/**
 * Creates one Secret with the given name and string data (base64-encoded here) through
 * the store's `management/create` + `save()`. Returns the name the store saved it under.
 */
export async function createSecret(store: DashboardStore, s: SecretToCreate, data: Record<string, string>): Promise<string> {
  const secret = await newSecret(store, { namespace: s.namespace, name: s.name });

  secret._type = s.type;
  secret.data = Object.fromEntries(Object.entries(data || {}).map(([k, v]) => [k, utf8ToBase64(v)]));
  await secret.save();
  const name = secret?.metadata?.name;

  if (!name) {
    throw new Error('no name');
  }

  return name;
}

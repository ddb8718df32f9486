// The one place the extension talks to the dashboard store (the shell's Vuex store:
// `management` for Rancher's own resources, `cluster` for the cluster the user is in,
// `i18n` for strings). Components and helpers call these functions instead of
// `$store.getters[…]` / `$store.dispatch(…)`, so what the extension reads and writes
// in the store is listed here, typed.
import { MANAGEMENT, POD, SECRET } from '@shell/config/types';

/** The part of the dashboard store the extension uses. */
export interface DashboardStore {
  getters: Record<string, any>;
  dispatch(type: string, payload?: unknown): Promise<any>;
}

/** A Steve resource model as the store hands it out (only the fields read here). */
export interface StoreResource {
  metadata?: { name?: string; namespace?: string };
  /** Secret type (the model keeps `type` for the resource type) */
  _type?: string;
  type_?: string;
  value?: unknown;
  data?: Record<string, string>;
  save(): Promise<unknown>;
  remove(): Promise<unknown>;
}

/** Name, namespace and type of a Secret – never its data. */
export interface SecretRef {
  name: string;
  namespace: string;
  type: string;
}

type MaybeStore = DashboardStore | null | undefined;

function getter(store: MaybeStore, name: string): ((...args: unknown[]) => any) | undefined {
  const g = store?.getters?.[name];

  return typeof g === 'function' ? g : undefined;
}

/** A global setting's value (management.cattle.io Setting), trimmed; undefined when unset or unknown. */
export function globalSetting(store: MaybeStore, id: string): string | undefined {
  const v = getter(store, 'management/byId')?.(MANAGEMENT.SETTING, id)?.value;

  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** True when the user may list Secrets and the store lists them whole (not paginated). */
export function secretsListable(store: MaybeStore): boolean {
  return !!getter(store, 'management/schemaFor')?.(SECRET) && !getter(store, 'management/paginationEnabled')?.(SECRET);
}

/** Loads every Secret into the store (throws without permission). */
export async function loadAllSecrets(store: DashboardStore): Promise<StoreResource[]> {
  const all = await store.dispatch('management/findAll', { type: SECRET });

  return Array.isArray(all) ? all : [];
}

/** The Secrets the store holds now (none when it holds none or cannot say). */
export function storedSecrets(store: MaybeStore): StoreResource[] {
  const all = getter(store, 'management/all')?.(SECRET);

  return Array.isArray(all) ? all : [];
}

/** Name, namespace and type of a stored Secret. */
export function secretRef(s: StoreResource): SecretRef {
  return {
    name: s?.metadata?.name ?? '', namespace: s?.metadata?.namespace ?? '', type: s?._type || s?.type_ || ''
  };
}

/** The stored Secret `namespace/name`, if the store holds it. */
export function storedSecret(store: MaybeStore, namespace: string, name: string): StoreResource | undefined {
  return getter(store, 'management/byId')?.(SECRET, `${ namespace }/${ name }`) || undefined;
}

/** A new, unsaved Secret model (save() creates it). */
export async function newSecret(store: DashboardStore, metadata: { namespace: string; name?: string; generateName?: string }): Promise<StoreResource> {
  return store.dispatch('management/create', { type: SECRET, metadata });
}

/** Every resource of a management type (e.g. provisioning clusters). */
export async function findAllManagement(store: DashboardStore, type: string): Promise<StoreResource[]> {
  const list = await store.dispatch('management/findAll', { type });

  return Array.isArray(list) ? list : [];
}

/** True when the `cluster` store is loaded for `clusterId` and can list Pods. */
export function podsListable(store: MaybeStore, clusterId: string): boolean {
  const getters = store?.getters;
  const current = getters?.clusterId ?? getters?.currentCluster?.id;

  return current === clusterId && !!getter(store, 'cluster/schemaFor')?.(POD);
}

/** Every Pod of the cluster the `cluster` store is loaded for. */
export async function findAllPods(store: DashboardStore): Promise<unknown> {
  return store.dispatch('cluster/findAll', { type: POD });
}

/** True when the dashboard has a translation for `key`. */
export function hasTranslation(store: MaybeStore, key: string): boolean {
  return !!getter(store, 'i18n/exists')?.(key);
}

/** The dashboard's translation of `key` ('' when the store cannot translate). */
export function translate(store: MaybeStore, key: string): string {
  const t = getter(store, 'i18n/t');

  return t ? t(key) : '';
}

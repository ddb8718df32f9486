// In-memory Vuex store standing in for Rancher's: the real shell i18n module, plus a
// `management` module that holds Secrets and Settings and answers the getters and
// actions the tab and the shell's secret pickers use (schemaFor, all, byId,
// paginationEnabled, findAll, create + model.save()). Fake values only.
import { createStore, Store } from 'vuex';
import * as i18nModule from '@shell/store/i18n';

export const SECRET = 'secret';
export const SETTING = 'management.cattle.io.setting';
export const PROVISIONING_CLUSTER = 'provisioning.cattle.io.cluster';

export interface FakeSecretInit {
  name?: string;
  namespace: string;
  type: string;
  data?: Record<string, string>;
  generateName?: string;
}

let NEXT = 1;

/** Just enough of the shell's Secret model for the pickers (names, types, save). */
export class FakeSecret {
  type = SECRET;
  kind = 'Secret';
  metadata: { name: string; namespace: string; generateName?: string };
  _type: string;
  data: Record<string, string>;
  private store?: Store<any>;

  constructor(init: FakeSecretInit, store?: Store<any>) {
    this.metadata = {
      name: init.name || '', namespace: init.namespace, generateName: init.generateName
    };
    this._type = init.type;
    this.data = init.data || {};
    this.store = store;
  }

  get id(): string {
    return `${ this.metadata.namespace }/${ this.metadata.name }`;
  }

  get name(): string {
    return this.metadata.name;
  }

  get namespace(): string {
    return this.metadata.namespace;
  }

  get nameDisplay(): string {
    return this.metadata.name;
  }

  get subTypeDisplay(): string {
    return this._type.replace(/^kubernetes.io\//, '');
  }

  // Never a value: the harness shows names only, like the tab
  get dataPreview(): string | undefined {
    return undefined;
  }

  async save(): Promise<this> {
    if (!this.metadata.name) {
      const base = this.metadata.generateName || 'secret-';

      this.metadata.name = `${ base }${ (NEXT++).toString(36).padStart(5, 'x') }`;
    }
    this.store?.commit('management/upsert', this);

    return this;
  }

  async remove(): Promise<void> {
    this.store?.commit('management/remove', { type: this.type, id: this.id });
  }
}

export interface FakeSetting {
  id: string;
  value: string;
  default?: string;
}

export interface HarnessStoreOptions {
  secrets?: FakeSecretInit[];
  settings?: FakeSetting[];
  /** paginationEnabled answer for secrets (the Rancher SSP code path) */
  paginate?: boolean;
  /** provisioning.cattle.io.cluster objects (the Registry Routes page) */
  clusters?: any[];
  /** the dashboard language (i18n/selected), en-us unless given */
  locale?: string;
  /** the downstream cluster the fake `cluster` store is loaded for, and its Pods */
  downstream?: { clusterId: string; pods: any[] } | null;
}

// A planted password (base64 of Pl4nted-Harness-Pw-5521): the browser suite fails if it,
// or its base64 form, ever reaches the page of any scene.
export const PLANTED_PASSWORD = 'Pl4nted-Harness-Pw-5521';
const PLANTED_B64 = 'UGw0bnRlZC1IYXJuZXNzLVB3LTU1MjE=';

export const DEFAULT_SECRETS: FakeSecretInit[] = [
  {
    name: 'registry-example-auth', namespace: 'fleet-default', type: 'rke.cattle.io/auth-config', data: { username: 'ZmFrZQ==', password: PLANTED_B64 }
  },
  {
    name: 'harbor-robot', namespace: 'fleet-default', type: 'kubernetes.io/basic-auth', data: { username: 'ZmFrZQ==', password: PLANTED_B64 }
  },
  {
    name: 'dockerhub-pull', namespace: 'fleet-default', type: 'kubernetes.io/basic-auth', data: { username: 'ZmFrZQ==', password: 'ZmFrZQ==' }
  },
  {
    name: 'registry-example-client-tls', namespace: 'fleet-default', type: 'kubernetes.io/tls', data: { 'tls.crt': 'ZmFrZQ==', 'tls.key': 'ZmFrZQ==' }
  },
  {
    name: 'other-namespace-auth', namespace: 'default', type: 'rke.cattle.io/auth-config', data: { username: 'ZmFrZQ==' }
  },
];

/** A few fake Pods of the k3s-rewrites-embedded sample's downstream cluster (images only). */
export const DEFAULT_DOWNSTREAM = {
  clusterId: 'c-m-edge01',
  pods:      [
    {
      type: 'pod', metadata: { name: 'web-7d9c', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] }
    },
    {
      type: 'pod', metadata: { name: 'cache-0', namespace: 'default' }, spec: { initContainers: [{ name: 'init', image: 'busybox:1.36' }], containers: [{ name: 'redis', image: 'bitnami/redis:7.2' }] }
    },
    {
      type: 'pod', metadata: { name: 'source-controller-5f4b', namespace: 'flux-system' }, spec: { containers: [{ name: 'manager', image: 'ghcr.io/fluxcd/source-controller:v1.4.1' }] }
    },
    {
      type: 'pod', metadata: { name: 'prometheus-0', namespace: 'monitoring' }, spec: { containers: [{ name: 'prometheus', image: 'quay.io/prometheus/prometheus:v3.0.0' }] }
    },
    {
      type: 'pod', metadata: { name: 'coredns-ccb9', namespace: 'kube-system' }, spec: { containers: [{ name: 'coredns', image: 'rancher/mirrored-coredns-coredns:1.12.0' }] }
    },
  ],
};

export const DEFAULT_SETTINGS: FakeSetting[] = [
  { id: 'system-default-registry', value: '' },
];

export function createHarnessStore(opts: HarnessStoreOptions = {}): Store<any> {
  const store: Store<any> = createStore({
    strict:  false,
    modules: {
      // the dashboard's store of the cluster the user is in: here, fake Pods only
      cluster: {
        namespaced: true,
        state:      () => ({ pods: (opts.downstream === undefined ? DEFAULT_DOWNSTREAM : opts.downstream)?.pods ?? null }),
        getters:    {
          schemaFor: (state: any) => (type: string) => (type === 'pod' && state.pods ? { id: 'pod' } : null),
          all:       (state: any) => (type: string) => (type === 'pod' ? state.pods || [] : []),
        },
        actions: {
          findAll({ state }: any, { type }: { type: string }) {
            if (type !== 'pod' || !state.pods) {
              throw new Error(`no ${ type } here`);
            }

            return state.pods;
          },
        },
      },
      // SortableTable asks whether a list is too long to update live
      'resource-fetch': {
        namespaced: true,
        getters:    {
          isTooManyItemsToAutoUpdate: () => false, manualRefreshIsLoading: () => false, refreshFlag: () => false
        },
        actions: { doManualRefresh() { /* the sample data never changes: nothing to refresh */ } },
      },
      i18n: {
        namespaced: true,
        state:      i18nModule.state,
        getters:    i18nModule.getters,
        mutations:  i18nModule.mutations,
        actions:    i18nModule.actions,
      },
      prefs: {
        namespaced: true,
        state:      () => ({ data: { theme: 'light', locale: 'en-us' } as Record<string, any> }),
        getters:    { get: (state: any) => (key: string) => state.data[key] },
        mutations:  {
          set(state: any, { key, value }: { key: string; value: any }) {
            state.data[key] = value;
          }
        },
      },
      management: {
        namespaced: true,
        state:      () => ({
          types: {
            [SECRET]:  [] as FakeSecret[],
            [SETTING]: [] as FakeSetting[],
            ...(opts.clusters ? { [PROVISIONING_CLUSTER]: opts.clusters } : {}),
          } as Record<string, any[]>,
          paginate: !!opts.paginate,
        }),
        getters: {
          schemaFor:         (state: any) => (type: string) => (state.types[type] ? { id: type } : null),
          canList:           (state: any) => (type: string) => !!state.types[type],
          paginationEnabled: (state: any) => (type: string) => type === SECRET && state.paginate,
          haveAll:           () => () => true,
          all:               (state: any) => (type: string) => state.types[type] || [],
          byId:              (state: any) => (type: string, id: string) => (state.types[type] || []).find((x: any) => x.id === id),
          urlFor:            () => (type: string) => `/v1/${ type }`,
        },
        mutations: {
          upsert(state: any, obj: any) {
            const list = state.types[obj.type] || (state.types[obj.type] = []);
            const i = list.findIndex((x: any) => x.id === obj.id);

            if (i >= 0) {
              list.splice(i, 1, obj);
            } else {
              list.push(obj);
            }
          },
          remove(state: any, { type, id }: { type: string; id: string }) {
            const list = state.types[type] || [];
            const i = list.findIndex((x: any) => x.id === id);

            if (i >= 0) {
              list.splice(i, 1);
            }
          },
          setSetting(state: any, { id, value }: { id: string; value: string }) {
            const list = state.types[SETTING];
            const s = list.find((x: any) => x.id === id);

            if (s) {
              s.value = value;
            } else {
              list.push({
                id, value, type: SETTING
              });
            }
          },
        },
        actions: {
          findAll({ getters }: any, { type }: { type: string }) {
            return getters.all(type);
          },
          find({ getters }: any, { type, id }: { type: string; id: string }) {
            return getters.byId(type, id);
          },
          create(_ctx: any, data: any) {
            if (data?.type === SECRET) {
              return new FakeSecret({
                name:         data.metadata?.name,
                namespace:    data.metadata?.namespace,
                generateName: data.metadata?.generateName,
                type:         data._type || data.type_ || 'Opaque',
                data:         data.data,
              }, store);
            }

            return { ...data };
          },
          request() {
            return { data: [] };
          },
          createMany(_ctx: any, list: any[]) {
            return list;
          },
        },
      },
    },
    getters: {
      currentStore: () => () => 'management',
      clusterId:    () => (opts.downstream === undefined ? DEFAULT_DOWNSTREAM : opts.downstream)?.clusterId,
    },
  });

  // as i18n/init does in Rancher: plural/number formats need a selected locale
  store.commit('i18n/setSelected', opts.locale || 'en-us');

  for (const s of opts.secrets ?? DEFAULT_SECRETS) {
    store.commit('management/upsert', new FakeSecret(s, store));
  }
  for (const s of opts.settings ?? DEFAULT_SETTINGS) {
    store.commit('management/upsert', { type: SETTING, ...s });
  }

  return store;
}

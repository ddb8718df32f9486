export type Mode = 'create' | 'edit' | 'view';
export type Theme = 'light' | 'dark';
export type Locale = 'en-us' | 'zh-hans';

export interface HarnessQuery {
  sample: string;
  theme: Theme;
  mode: Mode;
  globalSdr: string;
  /** 'fleet': the Registry Routes page on the sample fleet; else the tab */
  page: 'tab' | 'fleet';
  /** namespace/name of a sample fleet cluster to open in the tab (the fleet page links here) */
  fleetCluster: string;
  /** the page's (and the tab's) language: ?locale=zh-hans */
  locale: Locale;
}

export const SAMPLE_DEFAULT = 'airgap-rke2-v1.31.6';

export function readQuery(search: string): HarnessQuery {
  const p = new URLSearchParams(search);
  const mode = p.get('mode');
  const theme = p.get('theme');

  return {
    sample:       p.get('sample')?.replace(/\.ya?ml$/, '') || SAMPLE_DEFAULT,
    theme:        theme === 'dark' ? 'dark' : 'light',
    mode:         mode === 'create' || mode === 'view' || mode === 'edit' ? mode : 'edit',
    globalSdr:    p.get('globalSdr') || '',
    page:         p.get('page') === 'fleet' ? 'fleet' : 'tab',
    fleetCluster: p.get('fleetCluster') || '',
    locale:       p.get('locale')?.toLowerCase() === 'zh-hans' ? 'zh-hans' : 'en-us',
  };
}

export function writeQuery(q: Partial<HarnessQuery>): string {
  const p = new URLSearchParams();

  if (q.page === 'fleet') {
    p.set('page', 'fleet');
    p.set('theme', q.theme || 'light');
    if (q.globalSdr) {
      p.set('globalSdr', q.globalSdr);
    }
    if (q.locale && q.locale !== 'en-us') {
      p.set('locale', q.locale);
    }

    return `?${ p.toString() }`;
  }
  if (q.fleetCluster) {
    p.set('fleetCluster', q.fleetCluster);
  }

  if (!q.fleetCluster) {
    p.set('sample', q.sample || SAMPLE_DEFAULT);
  }
  p.set('theme', q.theme || 'light');
  p.set('mode', q.mode || 'edit');
  if (q.globalSdr) {
    p.set('globalSdr', q.globalSdr);
  }
  if (q.locale && q.locale !== 'en-us') {
    p.set('locale', q.locale);
  }

  return `?${ p.toString() }`;
}

/** The route the dashboard has for each mode (what the tab reads). */
export function routeFor(mode: Mode) {
  if (mode === 'create') {
    return {
      name:   'c-cluster-product-resource-create',
      params: {
        cluster: '_', product: 'manager', resource: 'provisioning.cattle.io.cluster'
      },
      query: { type: 'custom' }
    };
  }

  return {
    name:   'c-cluster-product-resource-namespace-id',
    params: {
      cluster: '_', product: 'manager', resource: 'provisioning.cattle.io.cluster', namespace: 'fleet-default', id: 'cluster'
    },
    query: mode === 'edit' ? { mode: 'edit' } : { as: 'config' },
  };
}

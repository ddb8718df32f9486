export type Mode = 'create' | 'edit' | 'view';
export type Theme = 'light' | 'dark';
export type Locale = 'en-us' | 'zh-hans';

export interface HarnessQuery {
  sample: string;
  theme: Theme;
  mode: Mode;
  globalSdr: string;
  /** the page's (and the tab's) language: ?locale=zh-hans */
  locale: Locale;
}

export const SAMPLE_DEFAULT = 'airgap-rke2-v1.31.6';

export function readQuery(search: string): HarnessQuery {
  const p = new URLSearchParams(search);
  const mode = p.get('mode');
  const theme = p.get('theme');

  return {
    sample:    p.get('sample')?.replace(/\.ya?ml$/, '') || SAMPLE_DEFAULT,
    theme:     theme === 'dark' ? 'dark' : 'light',
    mode:      mode === 'create' || mode === 'view' || mode === 'edit' ? mode : 'edit',
    globalSdr: p.get('globalSdr') || '',
    locale:    p.get('locale')?.toLowerCase() === 'zh-hans' ? 'zh-hans' : 'en-us',
  };
}

export function writeQuery(q: HarnessQuery): string {
  const p = new URLSearchParams();

  p.set('sample', q.sample);
  p.set('theme', q.theme);
  p.set('mode', q.mode);
  if (q.globalSdr) {
    p.set('globalSdr', q.globalSdr);
  }
  if (q.locale !== 'en-us') {
    p.set('locale', q.locale);
  }

  return `?${ p.toString() }`;
}

/** The route the dashboard has for each mode (what the tab reads). */
export function routeFor(mode: Mode) {
  if (mode === 'create') {
    return { name: 'c-cluster-product-resource-create', params: { cluster: '_', product: 'manager', resource: 'provisioning.cattle.io.cluster' }, query: { type: 'custom' } };
  }

  return {
    name:   'c-cluster-product-resource-namespace-id',
    params: {
      cluster: '_', product: 'manager', resource: 'provisioning.cattle.io.cluster', namespace: 'fleet-default', id: 'cluster'
    },
    query: mode === 'edit' ? { mode: 'edit' } : { as: 'config' },
  };
}

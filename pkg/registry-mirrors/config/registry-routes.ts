// Cluster Management > Registry Routes: a virtual type in the side menu of the
// `manager` product and the route of its page (Rancher 2.10+ extension API).
export const PRODUCT = 'manager';
export const PAGE = 'registry-routes';
export const ROUTE_NAME = `c-cluster-${ PRODUCT }-${ PAGE }`;
const BLANK_CLUSTER = '_';

export function init($plugin: any, store: any): void {
  const { virtualType, basicType } = $plugin.DSL(store, PRODUCT);

  virtualType({
    labelKey:   'registryMirrors.fleet.nav',
    name:       PAGE,
    namespaced: false,
    weight:     90,
    icon:       'globe',
    route:      { name: ROUTE_NAME, params: { product: PRODUCT, cluster: BLANK_CLUSTER } },
    exact:      true,
  });
  basicType([PAGE]);
}

// under the dashboard's `default` parent route: header and side menu, like Rancher's own pages
export const routes = [
  {
    parent: 'default',
    route:  {
      name:      ROUTE_NAME,
      path:      `/c/:cluster/${ PRODUCT }/${ PAGE }`,
      component: () => import(/* webpackChunkName: "registry-mirrors-routes-page" */ '../pages/RegistryRoutes.vue'),
      meta:      { product: PRODUCT, cluster: BLANK_CLUSTER },
    },
  },
];

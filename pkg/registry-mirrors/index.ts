import { importTypes } from '@rancher/auto-import';
import { IPlugin, TabLocation } from '@shell/core/types';
import * as registryRoutes from './config/registry-routes';

/**
 * The tab's tooltip, translated when the page shows it. The cluster page (shell 3.0.8
 * edit/provisioning.cattle.io.cluster/rke2.vue) binds only `tab.tooltip` to its Tab, never
 * `tooltipKey`; Tab hands it to v-clean-tooltip, which accepts `{ content }` and reads it
 * when the tab mounts (and on every update), after the l10n is loaded.
 */
function tooltipFor(key: string): { readonly content: string } {
  return {
    get content(): string {
      // the dashboard's app instance (shell initialize/entry.js sets window.$globalApp); read
      // here, not through utils/store.ts, which would bring the shell's type constants into
      // the entry every page loads (+1.2 KB gzip)
      const app = (window as Window & { $globalApp?: { $store?: { getters?: Record<string, unknown> } } }).$globalApp;
      const t = app?.$store?.getters?.['i18n/t'];

      return typeof t === 'function' ? t(key) : '';
    },
  };
}

// Init the package
export default function(plugin: IPlugin): void {
  // Auto-import model, detail, edit from the folders (registers l10n/en-us.yaml)
  importTypes(plugin);

  // Provide plugin metadata from package.json
  plugin.metadata = require('./package.json');

  // One tab on the RKE2/K3s cluster create/edit/view page. No queryParam in the
  // location: it would have to equal the whole route query and would then miss
  // create or edit.
  plugin.addTab(
    TabLocation.CLUSTER_CREATE_RKE2,
    { resource: ['provisioning.cattle.io.cluster'] },
    {
      name:       'registry-mirrors-routes',
      labelKey:   'registryMirrors.tab.label',
      tooltipKey: 'registryMirrors.tab.tooltip',
      tooltip:    tooltipFor('registryMirrors.tab.tooltip') as unknown as string,
      weight:     8,
      showHeader: true,
      component:  () => import(/* webpackChunkName: "registry-mirrors-tab" */ './components/tab/RegistryMirrorsTab.vue'),
    }
  );

  // Cluster Management > Registry Routes: every cluster's registry posture
  // a product module with init($plugin, store), as the extension manager loads it
  // eslint-disable-next-line no-restricted-syntax -- IPlugin.addProduct takes the product module, typed loosely in @rancher/shell 3.0.8
  plugin.addProduct(registryRoutes as any);
  // eslint-disable-next-line no-restricted-syntax -- the shell's RouteRecordRaw type is not exported to extensions
  plugin.addRoutes(registryRoutes.routes as any);
}

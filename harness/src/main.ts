import { createApp } from 'vue';
import '@shell/assets/styles/app.scss';
import 'floating-vue/dist/style.css';
import 'vue-select/dist/vue-select.css';
import './harness.scss';
import App from './App.vue';
import FleetApp from './FleetApp.vue';
import { createHarnessStore, DEFAULT_SECRETS } from './store';
import { installShell } from './install-shell';
import harnessEnUs from './l10n/en-us.yaml';
import harnessZhHans from './l10n/zh-hans.yaml';
import { readQuery } from './query';
import { fleetClusters, fleetSecrets } from './fleet-sample';

const q = readQuery(window.location.search);
const settings = [{ id: 'system-default-registry', value: q.globalSdr }];
// ?page=fleet: the Registry Routes page on the sample fleet; else the tab on a sample
// cluster (a cluster of the fleet with ?fleetCluster=namespace/name)
const store = q.page === 'fleet' ? createHarnessStore({
  settings, secrets: fleetSecrets(), clusters: fleetClusters(), locale: q.locale
}) : createHarnessStore({
  settings, secrets: q.fleetCluster ? [...DEFAULT_SECRETS, ...fleetSecrets()] : undefined, locale: q.locale
});
const app = createApp(q.page === 'fleet' ? FleetApp : App);

installShell(app, store);
store.commit('i18n/mergeLoadTranslations', { locale: 'en-us', translations: harnessEnUs });
store.commit('i18n/mergeLoadTranslations', { locale: 'zh-hans', translations: harnessZhHans });
app.mount('#app');

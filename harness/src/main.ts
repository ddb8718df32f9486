import { createApp } from 'vue';
import '@shell/assets/styles/app.scss';
import 'floating-vue/dist/style.css';
import 'vue-select/dist/vue-select.css';
import App from './App.vue';
import { createHarnessStore } from './store';
import { installShell } from './install-shell';
import harnessEnUs from './l10n/en-us.yaml';
import harnessZhHans from './l10n/zh-hans.yaml';
import { readQuery } from './query';

const q = readQuery(window.location.search);
const store = createHarnessStore({ settings: [{ id: 'system-default-registry', value: q.globalSdr }], locale: q.locale });
const app = createApp(App);

installShell(app, store);
store.commit('i18n/mergeLoadTranslations', { locale: 'en-us', translations: harnessEnUs });
store.commit('i18n/mergeLoadTranslations', { locale: 'zh-hans', translations: harnessZhHans });
app.mount('#app');

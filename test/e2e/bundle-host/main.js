// Stand-in for the Rancher dashboard around a UI extension: the global Vue of the page,
// the shell's i18n plugin and store module, directives, floating-vue and vue-select
// (the same shell sources Rancher builds in, here served by Vite with `vue` mapped to
// the global Vue), and the extension loaded as Rancher's extension manager does it:
// a <script> for NAME-VERSION.umd.min.js, then window[NAME-VERSION].default(plugin, internal).
//
// The plugin object records every call and property the extension's index.ts makes.
// The result is published on window.__bundle for test/e2e (bundle smoke test).
import { createApp, h, reactive, toRaw } from 'vue';
import YAML from 'yaml';
import '@shell/assets/styles/app.scss';
import 'floating-vue/dist/style.css';
import 'vue-select/dist/vue-select.css';
import FloatingVue from 'floating-vue';
import vSelect from 'vue-select';
import i18n from '@shell/plugins/i18n';
import fetchMixin from '@shell/mixins/fetch.client.js';
import { floatingVueOptions } from '@shell/plugins/floating-vue';
import focusDirective from '@shell/directives/focus';
import cleanHtmlDirective from '@shell/directives/clean-html';
import cleanTooltipDirective from '@shell/directives/clean-tooltip';
import trimWhitespaceDirective from '@shell/directives/trim-whitespace';
import htmlStrippedAriaLabelDirective from '@shell/directives/strip-html-aria-label';
import uiContextDirective from '@shell/directives/ui-context';
import { createHarnessStore } from '../../../harness/src/store.ts';
import * as jsyaml from 'js-yaml';

// the globals Rancher's shell/core/plugins-loader.js provides for the libraries that
// extension builds mark external (shell/pkg/vue.config.js: 'js-yaml' -> __jsyaml)
window.__jsyaml = jsyaml;

const params = new URLSearchParams(location.search);
const ID = params.get('id') || 'registry-mirrors-0.1.0';
const MAIN = params.get('main') || `/v1/uiplugins/registry-mirrors/0.1.0/plugin/${ ID }.umd.min.js`;
const SAMPLE = params.get('sample') || 'airgap-rke2-v1.31.6';
const MODE = params.get('mode') || 'edit';

const samples = import.meta.glob('../../../assets/samples/*.yaml', { query: '?raw', import: 'default', eager: true });
const state = { steps: [], calls: [], error: null, mounted: false };

window.__bundle = state;

function plain(v) {
  if (typeof v === 'function') {
    return '[function]';
  }
  try {
    return JSON.parse(JSON.stringify(v, (k, x) => (typeof x === 'function' ? '[function]' : x)));
  } catch {
    return String(v);
  }
}

/** A plugin object that records everything; methods the extension API has are no-ops. */
function recordingPlugin(id) {
  const target = { id, name: id, types: {}, l10n: {}, uiConfig: {}, routes: [], _metadata: {} };
  const registered = [];
  const tabs = [];

  const proxy = new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') {
        return t[prop];
      }
      if (prop === 'metadata') {
        return t._metadata;
      }
      if (Object.prototype.hasOwnProperty.call(t, prop)) {
        return t[prop];
      }

      return (...args) => {
        state.calls.push({ method: prop, args: args.map(plain) });
        if (prop === 'register') {
          const [type, name, fn] = args;

          registered.push({ type, name, fn });
          (t.l10n[name] = t.l10n[name] || []).push(fn);
        }
        if (prop === 'addTab') {
          tabs.push({ where: args[0], when: args[1], tab: args[2] });
        }

        return undefined;
      };
    },
    set(t, prop, value) {
      state.calls.push({ set: String(prop), value: plain(value) });
      if (prop === 'metadata') {
        t._metadata = value;
      } else {
        t[prop] = value;
      }

      return true;
    },
  });

  return { proxy, registered, tabs };
}

/** As shell/core/extension-manager-impl.js loadAsync() does it. */
function loadExtensionScript(id, src) {
  return new Promise((resolve, reject) => {
    const el = document.createElement('script');

    el.src = src;
    el.type = 'text/javascript';
    el.async = true;
    el.id = id;
    el.dataset.purpose = 'extension';
    el.onload = () => resolve();
    el.onerror = () => reject(new Error(`Failed to load script from '${ src }'`));
    document.head.appendChild(el);
  });
}

async function main() {
  state.steps.push('start');
  await loadExtensionScript(ID, MAIN);
  state.steps.push('script loaded');
  state.globalType = typeof window[ID];
  state.defaultType = typeof window[ID]?.default;
  if (!window[ID] || typeof window[ID].default !== 'function') {
    throw new Error('Could not load plugin code: window[id].default is not a function');
  }

  const { proxy, registered, tabs } = recordingPlugin(ID);

  window[ID].default(proxy, { store: null, app: null, router: null });
  state.steps.push('initialised');
  state.metadata = plain(proxy.metadata);
  state.registered = registered.map((r) => ({ type: r.type, name: r.name, fnType: typeof r.fn }));
  state.tabs = tabs.map((t) => ({ where: t.where, when: plain(t.when), tab: plain(t.tab), componentType: typeof t.tab?.component }));

  // Rancher: store.dispatch('i18n/mergeLoad', { locale, module: fn }) for each l10n loader
  const store = createHarnessStore();

  for (const r of registered.filter((x) => x.type === 'l10n')) {
    await store.dispatch('i18n/mergeLoad', { locale: r.name, module: r.fn });
  }
  state.steps.push('l10n loaded');
  state.t = (key) => store.getters['i18n/t'](key);
  state.l10nSample = {
    label:   store.getters['i18n/t']('registryMirrors.tab.label'),
    tooltip: store.getters['i18n/t']('registryMirrors.tab.tooltip'),
  };

  if (!tabs.length) {
    throw new Error('no tab registered');
  }
  const mod = await tabs[0].tab.component();
  const Tab = mod?.default || mod;

  state.steps.push('component loaded');
  state.componentName = Tab?.name;

  const cluster = reactive(YAML.parse(samples[`../../../assets/samples/${ SAMPLE }.yaml`]));

  state.registries = () => plain(toRaw(cluster)?.spec?.rkeConfig?.registries);

  const app = createApp({ name: 'RancherPageStandIn', render: () => h('div', { class: 'bundle-host' }, [h(Tab, { resource: cluster })]) });

  app.config.errorHandler = (err) => {
    console.error('[vue error]', err?.stack || err); // eslint-disable-line no-console
  };
  app.config.globalProperties.$route = MODE === 'create' ? { name: 'c-cluster-product-resource-create', params: {}, query: { type: 'custom' } } : { name: 'c-cluster-product-resource-namespace-id', params: {}, query: MODE === 'edit' ? { mode: 'edit' } : { as: 'config' } };
  app.use(store);
  app.use(i18n);
  app.use(FloatingVue, floatingVueOptions);
  app.mixin(fetchMixin);
  app.component('v-select', vSelect);
  app.directive('trim-whitespace', trimWhitespaceDirective);
  app.directive('clean-html', cleanHtmlDirective);
  app.directive('clean-tooltip', cleanTooltipDirective);
  app.directive('focus', focusDirective);
  app.directive('stripped-aria-label', htmlStrippedAriaLabelDirective);
  app.directive('ui-context', uiContextDirective);
  app.mount('#app');
  state.steps.push('mounted');
  state.mounted = true;
}

main().catch((e) => {
  state.error = String(e?.stack || e);
  console.error('[bundle host]', e); // eslint-disable-line no-console
});

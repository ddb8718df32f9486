// Smoke test of the BUILT extension (dist-pkg), the way Rancher loads it: a UMD script
// with a global Vue, then window['registry-mirrors-0.1.0'](plugin). A fake plugin records
// addTab/register; the tab component is then mounted from the bundle's lazy chunk on
// a sample cluster, with a minimal stand-in for what the dashboard provides globally
// (store getters, t(), fetch mixin, directives, v-select).
//   npm run build-pkg registry-mirrors && node harness/tools/check-bundle.mjs
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'pkg/registry-mirrors/package.json'), 'utf8'));
const NAME = `${ PKG.name }-${ PKG.version }`;
const DIST = path.join(ROOT, 'dist-pkg', NAME);
const SAMPLE = fs.readFileSync(path.join(ROOT, 'assets/samples/airgap-rke2-v1.31.6.yaml'), 'utf8');

if (!fs.existsSync(path.join(DIST, `${ NAME }.umd.min.js`))) {
  console.error(`missing ${ DIST }/${ NAME }.umd.min.js: run npm run build-pkg registry-mirrors first`);
  process.exit(2);
}

const FILES = {
  '/vue.js':      path.join(ROOT, 'node_modules/vue/dist/vue.global.prod.js'),
  '/vuex.js':     path.join(ROOT, 'node_modules/vuex/dist/vuex.global.prod.js'),
  '/js-yaml.js':  path.join(ROOT, 'node_modules/js-yaml/dist/js-yaml.min.js'),
};

const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body class="theme-light"><div id="app"></div>
<script src="/vue.js"></script><script src="/vuex.js"></script><script src="/js-yaml.js"></script>
<script>window.__jsyaml = window.jsyaml; // as Rancher's shell/core/plugins-loader.js: js-yaml is external in extension builds</script>
<script src="/dist/${ NAME }.umd.min.js"></script>
<script>
window.__result = (async () => {
  const calls = { tabs: [], registered: [] };
  const plugin = {
    metadata: null,
    addTab(where, when, tab) { calls.tabs.push({ where, when, tab }); },
    register(type, name, fn) { calls.registered.push({ type, name, fn }); },
  };
  const init = window['${ NAME }'];
  (init.default || init)(plugin);
  const l10n = calls.registered.find((r) => r.type === 'l10n' && r.name === 'en-us');
  const strings = l10n ? await l10n.fn() : null;
  const table = (strings && (strings.default || strings)) || {};
  const lookup = (k) => k.split('.').reduce((o, p) => (o == null ? undefined : o[p]), table);
  const fmt = (msg, args = {}) => String(msg)
    .replace(/\\{(\\w+), plural, one \\{# ([^}]*)\\} other \\{# ([^}]*)\\}\\}/g, (_, v, one, other) => args[v] + ' ' + (args[v] === 1 ? one : other))
    .replace(/\\{(\\w+)\\}/g, (_, v) => (args[v] !== undefined ? args[v] : '{' + v + '}'));
  const t = (k, args) => { const m = lookup(k); return m === undefined ? '%' + k + '%' : fmt(m, args); };
  const tabDef = calls.tabs[0];
  const mod = await tabDef.tab.component();
  const Tab = mod.default || mod;
  const store = Vuex.createStore({ getters: {
    'i18n/t': () => t, 'i18n/exists': () => (k) => lookup(k) !== undefined, currentStore: () => () => 'management',
    'management/byId': () => () => undefined, 'management/schemaFor': () => () => null,
    'management/all': () => () => [], 'management/paginationEnabled': () => () => false,
  }, actions: { 'management/findAll': () => [] } });
  const cluster = Vue.reactive(jsyaml.load(${ JSON.stringify(SAMPLE) }));
  const before = JSON.stringify(cluster);
  const errors = [];
  const app = Vue.createApp({ render: () => Vue.h(Tab, { resource: cluster }) });
  app.config.errorHandler = (e) => errors.push(String(e && e.stack || e));
  app.config.globalProperties.t = t;
  app.config.globalProperties.$route = { name: 'c-cluster-product-resource-namespace-id', query: { mode: 'edit' } };
  app.mixin({ data() { return { __fs: { pending: false, error: null } }; }, computed: { $fetchState() { return this.$data.__fs; } },
    created() { if (typeof this.$options.fetch === 'function') { Promise.resolve(this.$options.fetch.call(this)).catch(() => {}); } } });
  for (const d of ['clean-tooltip', 'clean-html', 'stripped-aria-label', 'trim-whitespace', 'focus', 'ui-context']) app.directive(d, {});
  app.component('v-select', { props: ['modelValue', 'options'], template: '<div class="v-select-stub"></div>' });
  app.component('t', { props: ['k'], template: '<span>{{ k }}</span>' });
  app.use(store);
  app.mount('#app');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const untouched = JSON.stringify(cluster) === before;
  const input = document.querySelector('[data-testid="rm-endpoint-input-0"]');
  input.value = 'https://other.example.com';
  input.dispatchEvent(new Event('input'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    tabs: calls.tabs.map((c) => ({ where: c.where, when: c.when, name: c.tab.name, labelKey: c.tab.labelKey, tooltipKey: c.tab.tooltipKey, weight: c.tab.weight, showHeader: c.tab.showHeader })),
    metadata: plugin.metadata && { name: plugin.metadata.name, version: plugin.metadata.version },
    l10nLabel: lookup('registryMirrors.tab.label'),
    mounted: !!document.querySelector('[data-testid="rm-tab"]'),
    versionBanner: !!document.querySelector('[data-testid="rm-version-banner"]'),
    attempts: [...document.querySelectorAll('[data-testid="rm-route-workload"] [data-testid="rm-attempt-url"]')].map((e) => e.textContent),
    untouchedAfterMount: untouched,
    endpointAfterEdit: cluster.spec.rkeConfig.registries.mirrors['*'].endpoint,
    missingStrings: (document.body.textContent.match(/%registryMirrors\\.[^%]+%/g) || []),
    errors,
  };
})().catch((e) => ({ fatal: String(e && e.stack || e) }));
</script></body></html>`;

const server = http.createServer((req, res) => {
  const u = decodeURIComponent(req.url.split('?')[0]);
  let file = FILES[u];

  if (u === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);

    return;
  }
  if (!file && u.startsWith('/dist/')) {
    file = path.join(DIST, path.normalize(u.slice(6)).replace(/^(\.\.[/\\])+/, ''));
  }
  if (!file || !fs.existsSync(file)) {
    res.writeHead(404);
    res.end();

    return;
  }
  res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});

await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args:           ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
const pageErrors = [];

page.on('pageerror', (e) => pageErrors.push(e.message));
await page.goto(`http://127.0.0.1:${ port }/`);
const result = await page.evaluate(() => window.__result);

result.pageErrors = pageErrors;
console.log(JSON.stringify(result, null, 2));
await browser.close();
server.close();

const ok = !result.fatal && result.tabs?.length === 1 && result.tabs[0].where === 'cluster-create-rke2' && result.mounted &&
  result.untouchedAfterMount && result.endpointAfterEdit?.[0] === 'https://other.example.com' && !result.errors.length && !pageErrors.length;

console.log(ok ? 'BUNDLE OK' : 'BUNDLE CHECK FAILED');
process.exit(ok ? 0 : 1);

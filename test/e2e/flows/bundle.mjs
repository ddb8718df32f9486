// Bundle smoke test: the real build-pkg output, loaded the way Rancher loads an
// extension (global Vue, the UMD script, window[NAME-VERSION].default(plugin)), with a
// recording plugin; then the registered component mounted on a sample cluster.
import path from 'node:path';
import { routeRancherAssets, PKG_ID, PKG_VERSION, DIST } from '../lib/bundle.mjs';
import { bundleChunks, TOOL_PANELS } from '../../../bench/lib/bundle-chunks.mjs';
import { RESULTS } from '../lib/paths.mjs';
import { L } from '../lib/l10n.mjs';
import * as expect from '../lib/expect.mjs';
import { routeAttempts, routePreview } from '../lib/harness-page.mjs';

async function openHost(page, host, params = {}) {
  const served = await routeRancherAssets(page);
  const u = new URL(host);

  for (const [k, v] of Object.entries(params)) {
    u.searchParams.set(k, v);
  }
  await page.goto(u.toString(), { waitUntil: 'load', timeout: 90_000 });
  await page.waitForFunction(() => window.__bundle && (window.__bundle.mounted || window.__bundle.error), null, { timeout: 90_000 });
  const error = await page.evaluate(() => window.__bundle.error);

  if (error) {
    throw new Error(`the host page could not load the extension: ${ error }`);
  }

  return served;
}

/** the issue's ceiling, gzip (level 9), in KB of 1024 bytes */
const ISSUE_CEILING_KB = 200;
// Gates that catch a jump (measured 2026-12-05 once the RE2 engine loads only with a
// rewrite): what the tab loads when opened 129.5 KB, the Registry Routes page 140.5 KB (both
// with the en-us strings, no rewrite); small headroom above each. With a rewrite, + the RE2
// engine (44.5 KB): reported, against the issue's ceiling
const TAB_CEILING_KB = 138;
const PAGE_CEILING_KB = 148;

const panelChunk = (p) => `${ PKG_ID }.umd.min.registry-mirrors-${ p }.js`;
const kb = (bytes) => `${ (bytes / 1024).toFixed(1) } KB`;

export default [
  {
    name: `bundle: Rancher-style load of ${ PKG_ID }.umd.min.js registers the tab and its l10n`,
    needs: ['browser', 'bundle'],
    async fn({ page, bundleHost }, t) {
      const served = await openHost(page, bundleHost);
      const b = await page.evaluate(() => {
        const { calls, metadata, registered, tabs, l10nSample, globalType, defaultType, componentName } = window.__bundle;

        return {
          calls, metadata, registered, tabs, l10nSample, globalType, defaultType, componentName
        };
      });

      expect.equal([b.globalType, b.defaultType], ['object', 'function'], `typeof window['${ PKG_ID }'] and its .default (what Rancher calls)`);
      // every call index.ts made, in order
      t.note(`plugin calls: ${ b.calls.map((c) => (c.method ? `${ c.method }(${ c.args.slice(0, 2).map((a) => JSON.stringify(a)).join(', ') })` : `${ c.set } =`)).join(', ') }`);
      const methods = b.calls.filter((c) => c.method).map((c) => c.method);
      const unexpected = methods.filter((m) => !['register', 'addTab', 'addProduct', 'addRoutes'].includes(m));

      expect.equal(unexpected, [], 'plugin methods called besides register/addTab/addProduct/addRoutes');
      // Cluster Management > Registry Routes: a product module (init) and its route under `default`
      const product = b.calls.find((c) => c.method === 'addProduct');
      const routes = b.calls.find((c) => c.method === 'addRoutes');

      expect.equal(product?.args?.[0]?.init, '[function]', 'addProduct(module with init)');
      expect.equal(routes?.args?.[0]?.map((r) => [r.parent, r.route.name, r.route.path]), [['default', 'c-cluster-manager-registry-routes', '/c/:cluster/manager/registry-routes']], 'addRoutes: the Registry Routes page');
      expect.equal([b.metadata?.name, b.metadata?.version], ['registry-mirrors', PKG_VERSION], 'plugin.metadata (package.json)');

      expect.equal(b.registered, [{ type: 'l10n', name: 'en-us', fnType: 'function' }, { type: 'l10n', name: 'zh-hans', fnType: 'function' }], "register('l10n', ...) calls (en-us, zh-hans)");
      expect.equal(b.tabs.length, 1, 'number of addTab calls');
      const [tab] = b.tabs;

      expect.equal(tab.where, 'cluster-create-rke2', 'tab location (TabLocation.CLUSTER_CREATE_RKE2)');
      expect.equal(tab.when, { resource: ['provisioning.cattle.io.cluster'] }, 'tab location config (no queryParam)');
      expect.equal(tab.componentType, 'function', 'tab component is an async loader');
      expect.ok(tab.tab.name && tab.tab.name !== 'registry', `tab name ${ tab.tab.name } must differ from the built-in "registry" tab`);
      expect.equal([tab.tab.labelKey, tab.tab.tooltipKey], ['registryMirrors.tab.label', 'registryMirrors.tab.tooltip'], 'label and tooltip keys');
      expect.ok(typeof tab.tab.weight === 'number', 'tab weight is a number');
      // the l10n chunk of the bundle resolves the keys the tab registers
      expect.equal(b.l10nSample, { label: L('registryMirrors.tab.label'), tooltip: L('registryMirrors.tab.tooltip') }, 'translations from the bundle');
      expect.equal(b.componentName, 'RegistryMirrorsTab', 'name of the loaded tab component');
      expect.ok(served.includes(`${ PKG_ID }.umd.min.js`) && served.some((f) => /registry-mirrors-tab/.test(f)), `files loaded from dist-pkg: ${ served.join(', ') }`);
      t.note(`dist-pkg files loaded: ${ served.filter((f) => f !== 'vue.global.prod.js').join(', ') }`);
      page.assertNoProblems();
    },
  },

  {
    name: 'bundle: the registered component mounts on a sample cluster and edits it, without console errors',
    needs: ['browser', 'bundle'],
    async fn({ page, bundleHost }) {
      const served = await openHost(page, bundleHost, { sample: 'airgap-rke2-v1.31.6', mode: 'edit' });
      const tab = page.locator('[data-testid="rm-tab"]');

      await expect.visible(tab, 'the tab rendered from the bundle');
      await expect.text(tab, L('registryMirrors.intro'), 'intro text (l10n from the bundle)');
      await expect.visible(tab.locator('[data-testid="rm-version-banner"]'), 'the v1.31.6 * banner');
      await expect.visible(tab.getByRole('region', { name: L('registryMirrors.mirrors.keyAria', { key: '*' }), exact: true }), 'the * mirror card');
      await expect.visible(tab.getByRole('region', { name: L('registryMirrors.configs.hostAria', { host: 'registry.example.com' }), exact: true }), 'the registry.example.com config card');
      // no untranslated key (%registryMirrors.x%) anywhere
      const missing = await tab.evaluate((el) => (el.innerText.match(/%[\w.-]+%/g) || []));

      expect.equal(missing, [], 'untranslated keys in the rendered tab');

      // an edit made in the bundled component lands in the resource
      await tab.getByRole('button', { name: L('registryMirrors.mirrors.quickAdd', { key: 'docker.io' }), exact: true }).click();
      const card = tab.getByRole('region', { name: L('registryMirrors.mirrors.keyAria', { key: 'docker.io' }), exact: true });

      const newEndpoint = card.getByRole('textbox', { name: L('registryMirrors.endpoints.addLabel'), exact: true });

      // typed as a person types: nothing reaches the resource before Add
      await newEndpoint.click();
      await page.keyboard.type('https://mirror.example.com', { delay: 5 });
      await expect.value(newEndpoint, 'https://mirror.example.com', 'the new endpoint box shows what was typed');
      expect.equal((await page.evaluate(() => window.__bundle.registries())).mirrors['docker.io'], { endpoint: [] }, 'no endpoint in the resource while it is only typed');
      await card.getByRole('button', { name: L('registryMirrors.endpoints.add'), exact: true }).click();
      await expect.poll(async() => {
        const r = await page.evaluate(() => window.__bundle.registries());

        expect.equal(r.mirrors, { '*': { endpoint: ['https://registry.example.com'] }, 'docker.io': { endpoint: ['https://mirror.example.com'] } }, 'resource.spec.rkeConfig.registries.mirrors');
      });
      // what the tab loaded is what the size figure counts (the host page also loads the
      // zh-hans strings, which Rancher loads for zh-hans users only), and no tool panel yet
      const chunks = bundleChunks(DIST, PKG_ID);

      expect.equal(served.filter((f) => f !== 'vue.global.prod.js' && f !== chunks.l10n['zh-hans'] && !chunks.tab.includes(f)), [], 'files loaded with the tab beyond what its size figure counts');
      expect.ok(chunks.re2.length === 1 && !chunks.tab.includes(chunks.re2[0]), `the RE2 engine is a chunk of its own, not the tab's: ${ chunks.re2 }`);

      // the first rewrite loads the RE2 engine; its check and the spec follow
      await card.getByRole('textbox', { name: L('registryMirrors.rewrites.addPattern'), exact: true }).click();
      await page.keyboard.type('^library/(.*)$', { delay: 5 });
      await page.keyboard.press('Enter'); // on to the replacement
      await page.keyboard.type('dockerhub/library/$1', { delay: 5 });
      expect.equal(chunks.re2.filter((f) => served.includes(f)), [], 'the RE2 engine loaded before a rewrite exists');
      await page.keyboard.press('Enter');
      await expect.text(card.locator('[data-testid="rm-rewrite-try-result-docker.io"]'), L('registryMirrors.rewrites.becomes', { image: 'dockerhub/library/nginx:1.27' }), 'the try image after the first rewrite (the RE2 engine loaded)');
      await expect.text(card.locator('[data-testid="rm-rewrite-check-0"]'), L('registryMirrors.rewrites.rowMatches', { from: 'library/nginx', to: 'dockerhub/library/nginx' }), 'the rewrite row check');
      expect.equal(chunks.re2.filter((f) => !served.includes(f)), [], 'the RE2 engine chunk not loaded after the first rewrite');
      expect.equal((await page.evaluate(() => window.__bundle.registries())).mirrors['docker.io'], { endpoint: ['https://mirror.example.com'], rewrite: { '^library/(.*)$': 'dockerhub/library/$1' } }, 'the mirror with its rewrite in the resource');
      await expect.hidden(tab.locator('[data-testid="rm-tab-loading"], [data-testid="rm-panel-load-error"]'), 'no loading line or load error left once the engine is there');
      expect.equal(TOOL_PANELS.filter((p) => served.includes(panelChunk(p))), [], 'tool panel chunks loaded before any section was opened');
      // each tool section loads its panel's chunk when opened, and shows the panel
      const shows = {
        'node-files':    () => expect.text(tab.locator('[data-testid="rm-node-file-0"]'), '/etc/rancher/rke2/registries.yaml', 'node files panel (its own chunk)'),
        'import-export': () => expect.visible(tab.locator('[data-testid="rm-export-registries"]'), 'import/export panel: the registries.yaml export'),
        'save-diff':     () => expect.visible(tab.locator('[data-testid="rm-save-diff-route"][data-image="docker.io/library/nginx:latest"]'), 'the save diff names nginx after the edit'),
        'image-check':   () => expect.visible(tab.locator('[data-testid="rm-image-check-list"]'), 'image check panel: the image list'),
      };
      const titles = {
        'node-files': 'nodeFiles', 'import-export': 'importExport', 'save-diff': 'saveDiff', 'image-check': 'imageCheck'
      };

      for (const p of TOOL_PANELS) {
        expect.ok(!served.includes(panelChunk(p)), `${ panelChunk(p) } loaded before its section was opened`);
        await tab.getByRole('button', { name: L(`registryMirrors.${ titles[p] }.title`), exact: true }).click();
        await shows[p]();
        expect.equal(chunks.panels[p].filter((f) => !served.includes(f)), [], `files of the ${ p } panel not loaded when its section was opened`);
        await expect.hidden(tab.locator('[data-testid="rm-panel-loading"]'), `the loading status of the ${ p } panel once it is shown`);
      }
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(RESULTS, 'bundle-smoke.png'), fullPage: true });
      page.assertNoProblems();
    },
  },
  {
    name:  'bundle: a cluster with rewrites – the tab loads the RE2 engine before it shows a route, then the rewritten route',
    needs: ['browser', 'bundle'],
    async fn({ page, bundleHost }) {
      const served = await openHost(page, bundleHost, { sample: 'k3s-rewrites-embedded', mode: 'edit' });
      const chunks = bundleChunks(DIST, PKG_ID);
      const tab = page.locator('[data-testid="rm-tab"]');
      const card = tab.getByRole('region', { name: L('registryMirrors.mirrors.keyAria', { key: 'docker.io' }), exact: true });

      await expect.visible(tab, 'the tab once the RE2 engine is there');
      expect.equal(chunks.re2.filter((f) => !served.includes(f)), [], 'the RE2 engine chunk, for a cluster with rewrites');
      await expect.text(card.locator('[data-testid="rm-rewrite-try-result-docker.io"]'), L('registryMirrors.rewrites.becomes', { image: 'dockerhub/library/nginx:1.27' }), 'the docker.io try image, rewritten');
      const image = routePreview(page).getByRole('textbox', { name: L('registryMirrors.preview.image'), exact: true });

      await image.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('nginx:1.27', { delay: 5 });
      await expect.poll(async() => {
        const urls = (await routeAttempts(page)).map((a) => a.url);

        expect.ok(urls.includes('https://mirror.example.com:5000/v2/dockerhub/library/nginx/manifests/1.27?ns=docker.io'), `the route of nginx:1.27 goes to the rewritten path on the mirror: ${ urls.join(', ') }`);
      });
      await expect.count(page.locator('[data-testid="rm-tab-loading"]'), 0, 'the loading line once the tab is shown');
      page.assertNoProblems();
    },
  },
  {
    // What Rancher loads, per moment (bench/lib/bundle-chunks.mjs reads it from the built
    // runtime): the entry on every page; with the tab the en-us strings and the tab's lazy
    // group; each tool panel's chunk when its section opens; the zh-hans strings for zh-hans
    // users only; the Registry Routes page's own lazy route. Vue is the dashboard's.
    name:  `bundle: ${ PKG_ID } – the tab when opened is at most ${ TAB_CEILING_KB } KB gzip, the Registry Routes page ${ PAGE_CEILING_KB } KB; the rest reported against the ${ ISSUE_CEILING_KB } KB ceiling`,
    needs: ['browser', 'bundle'],
    async fn(_, t) {
      const c = bundleChunks(DIST, PKG_ID);
      const when = (f) => [
        c.tab.includes(f) && 'tab opened',
        ...TOOL_PANELS.filter((p) => c.panels[p].includes(f)).map((p) => `${ p } panel`),
        f === c.l10n['zh-hans'] && 'zh-hans users',
        c.re2.includes(f) && 'the first rewrite (RE2 engine)',
        c.page.includes(f) && 'Registry Routes page',
      ].filter(Boolean).join(', ') || 'never (unreferenced)';

      for (const f of c.files) {
        t.note(`${ f }: ${ kb(c.gz[f]) } gzip – loads with: ${ when(f) }`);
      }
      t.note(`tab when opened: ${ kb(c.bytes.tab) }; + every tool panel: ${ kb(c.bytes.tabAndTools) }; panels alone: ${ TOOL_PANELS.map((p) => `${ p } ${ kb(c.bytes.panels[p]) }`).join(', ') }; Registry Routes page: ${ kb(c.bytes.page) }; all files: ${ kb(c.bytes.all) } (ceiling ${ ISSUE_CEILING_KB } KB)`);
      t.note(`with a rewrite (+ the RE2 engine, ${ kb(c.bytes.re2) }): tab ${ kb(c.bytes.withRewrites.tab) }; + every tool panel ${ kb(c.bytes.withRewrites.tabAndTools) }; Registry Routes page ${ kb(c.bytes.withRewrites.page) }`);
      expect.equal(c.files.filter((f) => when(f) === 'never (unreferenced)'), [], 'built files no lazy import names');
      expect.ok(c.bytes.tab <= TAB_CEILING_KB * 1024, `the tab loads ${ kb(c.bytes.tab) } gzip when opened, over the gate of ${ TAB_CEILING_KB } KB (see dist-pkg/${ PKG_ID }/report.html)`);
      expect.ok(c.bytes.page <= PAGE_CEILING_KB * 1024, `the Registry Routes page loads ${ kb(c.bytes.page) } gzip, over the gate of ${ PAGE_CEILING_KB } KB`);
    },
  },
];

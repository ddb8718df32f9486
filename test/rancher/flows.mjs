// The tab inside the real Rancher dashboard, driven like an admin (keystrokes, clicks),
// against the stand-in Rancher API. Each flow checks what the page shows and what the
// page sends to Rancher (the stand-in records every write).
import {
  S, L, expect, eventually, OUR_TAB, openClusterManagement, editConfigFromList, tabLink, openTab, tabNames,
  ourTab, registriesTab, saveButton, settled, LIST,
} from './lib/page.mjs';

const MIRROR = 'https://mirror.example.com';
const BACKUP = 'https://backup.example.com';

/** the stand-in's cluster as stored now (what Rancher holds) */
function storedCluster(api, name) {
  return structuredClone(api.store.get('provisioning.cattle.io.cluster').get(`fleet-default/${name}`));
}

function writesTo(api, method, path) {
  return api.writes.filter((w) => w.method === method && w.path === path);
}

/**
 * our tab's card of a mirror (a region named "Registry of mirror <key>"); with includeHidden,
 * also while another tab is shown (our tab stays mounted, hidden with aria-hidden)
 */
function mirrorCard(page, key, { includeHidden = false } = {}) {
  return ourTab(page).getByRole('region', { name: L('registryMirrors.mirrors.keyAria', { key }), exact: true, includeHidden });
}

function endpointBox(card, n, { includeHidden = false } = {}) {
  return card.getByRole('textbox', { name: L('registryMirrors.endpoints.label', { n }), exact: true, includeHidden });
}

async function addMirrorInOurTab(page, key, endpoint) {
  const add = ourTab(page).getByRole('textbox', { name: L('registryMirrors.mirrors.addLabel'), exact: true });
  await add.click();
  await page.keyboard.type(key);
  await ourTab(page).getByRole('button', { name: L('registryMirrors.mirrors.add'), exact: true }).click();
  const card = mirrorCard(page, key);
  await expect.visible(card, `our card of mirror ${key}`);
  await card.getByRole('textbox', { name: L('registryMirrors.endpoints.addLabel'), exact: true }).click();
  await page.keyboard.type(endpoint);
  await page.keyboard.press('Enter');
  await expect.value(endpointBox(card, 1), endpoint, `${key}: Endpoint 1`);
  return card;
}

/** the built-in tab's mirrors section (its configs section has "Registry Hostname" fields too) */
function builtinMirrorSection(page) {
  return registriesTab(page).locator(`xpath=.//div[h3[normalize-space(.)=${JSON.stringify(S('registryMirror.header'))}]]`);
}
/** the built-in tab's mirror rows: the "Registry Hostname" / "Mirror Endpoints" inputs, in order */
function builtinHostnames(page) {
  return builtinMirrorSection(page).getByRole('textbox', { name: S('registryMirror.hostnameLabel') });
}
function builtinEndpoints(page) {
  return builtinMirrorSection(page).getByRole('textbox', { name: S('registryMirror.endpointsLabel') });
}
async function builtinRows(page) {
  const h = await builtinHostnames(page).evaluateAll((els) => els.map((e) => e.value));
  const e = await builtinEndpoints(page).evaluateAll((els) => els.map((x) => x.value));
  return h.map((hostname, i) => ({ hostname, endpoints: e[i] }));
}

export default [
  {
    name: 'Cluster Management → airgap-prod → Edit Config: our tab sits in the strip with "Registries", with its label and tooltip',
    async fn({ page, base, t }) {
      await openClusterManagement(page, base);
      for (const name of ['edge-k3s', 'new-cluster']) {
        await expect.visible(page.getByRole('link', { name, exact: true }), `cluster ${name} listed`);
      }
      await editConfigFromList(page, 'airgap-prod');
      const names = await tabNames(page);
      const i = names.indexOf(OUR_TAB);
      expect.ok(i >= 0, `our tab is in the strip (tabs: ${names.join(', ')})`);
      expect.ok(names.includes('registry'), `the built-in Registries tab is in the same strip (tabs: ${names.join(', ')})`);
      // Tabbed sorts by weight, then label: the page's config tabs (Registries among them)
      // all have weight 0, so weight 8 puts ours right after the add-on tabs (weight 9)
      t.note(`tab strip: ${names.join(' | ')}`);
      await expect.text(tabLink(page, OUR_TAB), L('registryMirrors.tab.label'), 'our tab label');
      await expect.text(tabLink(page, 'registry'), S('cluster.tabs.registry'), 'the built-in tab label');

      await openTab(page, OUR_TAB);
      await expect.visible(ourTab(page).locator('[data-testid="rm-tab"]'), 'our tab content');
      await expect.attr(ourTab(page).locator('[data-testid="rm-tab"]'), 'data-mode', 'edit', 'our tab reads the mode from the route');
      const info = ourTab(page).locator('.tab-header h2 .icon-info');
      await info.hover();
      await expect.visible(page.locator('.v-popper__popper').getByText(L('registryMirrors.tab.tooltip'), { exact: true }), 'our tab tooltip');
    },
  },
  {
    name: 'edit in our tab → built-in Registries shows it → edit there → back → Save: the PUT carries both edits, unknown fields and the hook\'s system-default-registry',
    async fn({ page, base, api }) {
      const before = storedCluster(api, 'airgap-prod');
      await openClusterManagement(page, base);
      await editConfigFromList(page, 'airgap-prod');

      // 1. our tab: a docker.io mirror
      await openTab(page, OUR_TAB);
      await addMirrorInOurTab(page, 'docker.io', MIRROR);

      // 2. the built-in tab (re-created on this visit) shows it
      await openTab(page, 'registry');
      await eventually(async() => {
        expect.equal(await builtinRows(page), [
          { hostname: '*', endpoints: 'https://registry.example.com' },
          { hostname: 'docker.io', endpoints: MIRROR },
        ], 'the built-in mirror rows');
      }, { timeout: 10_000 });

      // 3. edit there: a second endpoint for *, typed at the end of its field
      const star = builtinEndpoints(page).first();
      await star.click();
      await star.press('End');
      await page.keyboard.type(`, ${BACKUP}`);
      await expect.value(star, `https://registry.example.com, ${BACKUP}`, 'the built-in * endpoints');
      // The built-in list writes the cluster 50 ms after the last keystroke (ArrayList's debounced
      // update), and the page unmounts that tab as soon as another is chosen (v-if on the active
      // tab); Vue drops an unmounted component's emit, so a switch within those 50 ms loses the
      // edit (the dashboard's own behaviour, not ours). An admin takes longer than that to reach
      // the next tab; here, wait until the cluster holds the edit: our tab, mounted but hidden,
      // shows it once it does.
      await expect.value(endpointBox(mirrorCard(page, '*', { includeHidden: true }), 2, { includeHidden: true }), BACKUP, '*: the built-in edit reached the cluster (our hidden tab shows it)');

      // 4. back in our tab (kept mounted): the * card shows the second endpoint
      await openTab(page, OUR_TAB);
      const starCard = mirrorCard(page, '*');
      await expect.value(endpointBox(starCard, 2), BACKUP, '*: Endpoint 2 in our tab');
      await expect.value(endpointBox(mirrorCard(page, 'docker.io'), 1), MIRROR, 'docker.io: Endpoint 1 still there');

      // 5. save with the page's own button
      const put = `/v1/provisioning.cattle.io.clusters/fleet-default/airgap-prod`;
      await saveButton(page).click();
      await eventually(() => expect.ok(writesTo(api, 'PUT', put).length === 1, 'one PUT of the cluster'), { timeout: 20_000 });
      await page.waitForURL((u) => u.pathname === LIST || !u.searchParams.get('mode'), { timeout: 20_000 });
      const sent = writesTo(api, 'PUT', put)[0].body;
      const regs = sent.spec.rkeConfig.registries;
      // the built-in tab rewrote the whole mirrors map on its edit, each entry with an empty
      // `rewrite: {}` (tabs/registries/RegistryMirrors.vue, update()); harmless, and the page's own doing
      expect.equal(regs.mirrors, {
        '*': { endpoint: ['https://registry.example.com', BACKUP], rewrite: {} },
        'docker.io': { endpoint: [MIRROR], rewrite: {} },
      }, 'mirrors in the PUT');
      // configs: every field kept; the built-in tab's configs list, created on its visit,
      // writes an absent tlsSecretName as null (tabs/registries/RegistryConfigs.vue)
      const configsBefore = before.spec.rkeConfig.registries.configs;
      expect.equal(regs.configs, Object.fromEntries(Object.entries(configsBefore).map(([k, v]) => [k, { ...v, tlsSecretName: v.tlsSecretName ?? null }])), 'configs in the PUT (kept)');
      // unknown fields of the cluster survive
      expect.equal(sent.spec.futureTopLevelField, { keep: true }, 'spec.futureTopLevelField');
      expect.equal(sent.spec.rkeConfig.futureRkeField, ['a', 'b'], 'spec.rkeConfig.futureRkeField');
      expect.equal(sent.metadata.annotations['example.com/owner'], 'platform-team', 'annotation example.com/owner');
      expect.equal(sent.metadata.labels, before.metadata.labels, 'labels');
      // system-default-registry: the page's hook writes it into the agent config (the first
      // machineSelectorConfig without a selector) from its own form; the global setting is
      // empty and the page does not read machineGlobalConfig, so the hook removes the key
      // there, and machineGlobalConfig keeps the cluster's value untouched
      expect.equal(sent.spec.rkeConfig.machineGlobalConfig['system-default-registry'], 'registry.example.com', 'machineGlobalConfig system-default-registry');
      const agent = sent.spec.rkeConfig.machineSelectorConfig.find((c) => !c.machineLabelSelector)?.config ?? {};
      expect.ok(!('system-default-registry' in agent), `agent config has no system-default-registry (${JSON.stringify(agent)})`);
      // and Rancher's answer came back with a new resourceVersion
      const after = storedCluster(api, 'airgap-prod');
      expect.ok(Number(after.metadata.resourceVersion) > Number(before.metadata.resourceVersion), 'a new resourceVersion');
      page.assertNoProblems();
    },
    timeout: 180_000,
  },
  {
    name: 'create a custom RKE2 cluster with a mirror in our tab: the POST carries it',
    async fn({ page, base, api }) {
      await openClusterManagement(page, base);
      await page.getByRole('link', { name: S('generic.create'), exact: true }).first().click();
      await page.waitForURL((u) => u.pathname.endsWith('/provisioning.cattle.io.cluster/create'), { timeout: 30_000 });
      await page.getByText(S('cluster.provider.custom'), { exact: true }).first().click();
      await page.waitForURL((u) => u.searchParams.get('type') === 'custom', { timeout: 30_000 });
      await settled(page);
      const name = page.getByRole('textbox', { name: S('nameNsDescription.name.label') }).first();
      await name.click();
      await page.keyboard.type('mirrored-custom');
      await tabLink(page, OUR_TAB).waitFor({ state: 'visible', timeout: 60_000 });
      await openTab(page, OUR_TAB);
      await expect.attr(ourTab(page).locator('[data-testid="rm-tab"]'), 'data-mode', 'create', 'our tab in create mode');
      await addMirrorInOurTab(page, 'docker.io', MIRROR);

      await saveButton(page).click();
      const post = '/v1/provisioning.cattle.io.clusters';
      await eventually(() => expect.ok(writesTo(api, 'POST', post).length === 1, `one POST of a cluster (writes: ${api.writes.map((w) => `${w.method} ${w.path}`).join(', ')})`), { timeout: 30_000 });
      const sent = writesTo(api, 'POST', post)[0].body;
      expect.equal(sent.metadata.name, 'mirrored-custom', 'metadata.name');
      expect.equal(sent.metadata.namespace, 'fleet-default', 'metadata.namespace');
      expect.equal(sent.spec.rkeConfig.registries.mirrors, { 'docker.io': { endpoint: [MIRROR] } }, 'mirrors in the POST');
      expect.equal(sent.spec.rkeConfig.registries.configs, {}, 'configs in the POST');
      expect.ok(storedCluster(api, 'mirrored-custom'), 'the stand-in holds the new cluster');
    },
    timeout: 180_000,
  },
  {
    name: 'view mode (as=config): our tab is read-only and the page sends nothing',
    async fn({ page, base, api }) {
      await page.goto(`${base}${LIST}/fleet-default/airgap-prod?as=config`, { timeout: 120_000 });
      await settled(page);
      await tabLink(page, OUR_TAB).waitFor({ state: 'visible', timeout: 60_000 });
      await openTab(page, OUR_TAB);
      const root = ourTab(page).locator('[data-testid="rm-tab"]');
      await expect.attr(root, 'data-mode', 'view', 'our tab in view mode');
      await expect.visible(ourTab(page).locator('[data-testid="rm-view-banner"]'), 'the read-only note');
      await expect.count(ourTab(page).getByRole('textbox', { name: L('registryMirrors.mirrors.addLabel'), exact: true }), 0, 'no "Registry to mirror" field');
      await expect.count(ourTab(page).getByRole('button', { name: L('registryMirrors.mirrors.add'), exact: true }), 0, 'no "Add mirror" button');
      // text fields are read-only; the shell's Checkbox keeps its native input hidden and
      // marks the control it shows as disabled
      const editable = await ourTab(page).locator('[data-testid="rm-mirrors"] input:not([type="checkbox"]):not([readonly]):not([disabled]), [data-testid="rm-configs"] input:not([type="checkbox"]):not([readonly]):not([disabled])').count();
      expect.equal(editable, 0, 'editable text inputs among mirrors and configs');
      const boxes = ourTab(page).locator('[data-testid="rm-mirrors"] [role="checkbox"], [data-testid="rm-configs"] [role="checkbox"]');
      expect.equal(await boxes.evaluateAll((els) => els.filter((e) => e.getAttribute('aria-disabled') !== 'true').length), 0, 'checkboxes that are not disabled');
      expect.ok(await boxes.count() > 0, 'the configs show their checkboxes');
      // the page itself shows no error banner (the stand-in answers what the view asks)
      await expect.count(page.locator('#cru-errors .banner.error'), 0, 'error banners on the page');
      await expect.visible(mirrorCard(page, '*'), 'the * mirror is shown');
      expect.equal(api.writes.filter((w) => w.method !== 'GET' && !/userpreferences/.test(w.path)), [], 'writes in view mode');
    },
  },
  {
    name: 'errors in our tab: the tab says so; the page\'s tab strip cannot (extension API limit), and Save still goes to Rancher',
    async fn({ page, base, api }) {
      await openClusterManagement(page, base);
      await editConfigFromList(page, 'new-cluster');
      await openTab(page, OUR_TAB);
      const card = await addMirrorInOurTab(page, 'docker.io', 'ftp://mirror.example.com');
      await expect.visible(ourTab(page).locator('[data-testid="rm-status"][data-status="error"]'), 'our error status');
      await expect.visible(card.getByText(/scheme|https?:\/\//i).first(), 'an error at the endpoint field');
      // rke2.vue binds :error="tab.error" from the static addTab() registration: an extension
      // cannot flag its tab or hold the page's Save (see docs/user-guide.md, limits)
      const cls = await tabLink(page, OUR_TAB).locator('xpath=..').getAttribute('class');
      expect.ok(!/\berror\b/.test(cls), `the tab strip entry is not flagged (class: ${cls})`);
      await saveButton(page).click();
      const put = '/v1/provisioning.cattle.io.clusters/fleet-default/new-cluster';
      await eventually(() => expect.ok(writesTo(api, 'PUT', put).length === 1, 'the PUT'), { timeout: 20_000 });
      expect.equal(writesTo(api, 'PUT', put)[0].body.spec.rkeConfig.registries.mirrors, { 'docker.io': { endpoint: ['ftp://mirror.example.com'] } }, 'what the page saved');
    },
    timeout: 180_000,
  },
  {
    name: 'Cluster Management → Registry Routes (#14): every cluster with its posture, a filter, an image box, a row opens the cluster\'s edit page on our tab',
    async fn({ page, base }) {
      await openClusterManagement(page, base);
      // the side navigation of Cluster Management, as an admin finds the page
      await page.locator('nav').getByRole('link', { name: L('registryMirrors.fleet.nav'), exact: true }).click();
      await page.waitForURL((u) => u.pathname.endsWith('/manager/registry-routes'), { timeout: 30_000 });
      const fleet = page.locator('[data-testid="rm-fleet"]');
      await expect.attr(fleet, 'data-busy', 'false', 'the postures are computed', 30_000);
      const links = page.locator('[data-testid^="rm-fleet-link-"]');
      await expect.count(links, 3, 'one row per RKE2/K3s cluster of the stand-in');
      await expect.text(page.locator('[data-testid="rm-fleet-dh-new-cluster"]'), L('registryMirrors.fleet.dockerHub.direct'), 'new-cluster: Docker Hub images');
      await expect.text(page.locator('[data-testid="rm-fleet-dh-airgap-prod"]'), L('registryMirrors.fleet.dockerHub.mirrored-no-fallback'), 'airgap-prod: Docker Hub images');
      await expect.text(page.locator('[data-testid="rm-fleet-posture-airgap-prod"]'), L('registryMirrors.fleet.badges.wildcardNoFallback'), 'airgap-prod: the * badge');

      // an image typed key by key: every row shows its first host for it
      await page.locator('[data-testid="rm-fleet-image"]').click();
      await page.keyboard.type('nginx:1.27');
      await expect.text(page.locator('[data-testid="rm-fleet-route-airgap-prod"]'), 'registry.example.com', 'airgap-prod: first host of nginx:1.27');
      await expect.text(page.locator('[data-testid="rm-fleet-route-new-cluster"]'), 'registry-1.docker.io', 'new-cluster: first host of nginx:1.27');

      // the filter "Direct to Docker Hub"
      const direct = page.locator('[data-testid="rm-fleet-filter-direct"]');
      await direct.click();
      await expect.attr(direct, 'aria-pressed', 'true', 'the filter is on');
      await expect.count(links, 1, 'rows direct to Docker Hub');
      await expect.visible(page.locator('[data-testid="rm-fleet-link-new-cluster"]'), 'new-cluster is the one');

      // the row's link: the cluster's edit page, on our tab
      await page.locator('[data-testid="rm-fleet-link-new-cluster"]').click();
      await page.waitForURL((u) => u.pathname.endsWith('/fleet-default/new-cluster') && u.searchParams.get('mode') === 'edit', { timeout: 30_000 });
      await settled(page);
      await expect.attr(tabLink(page, OUR_TAB), 'aria-selected', 'true', 'our tab is the open one', 60_000);
      await expect.attr(ourTab(page).locator('[data-testid="rm-tab"]'), 'data-mode', 'edit', 'our tab in edit mode');
    },
    timeout: 180_000,
  },
];

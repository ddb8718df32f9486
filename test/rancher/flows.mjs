// The tab inside the real Rancher dashboard, driven like an admin (keystrokes, clicks),
// against the stand-in Rancher API. Each flow checks what the page shows and what the
// page sends to Rancher (the stand-in records every write).
import {
  S, L, expect, eventually, OUR_TAB, openClusterManagement, editConfigFromList, tabLink, openTab, tabNames,
  ourTab, registriesTab, retype, saveButton, settled, LIST,
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

/** our tab's card of a mirror (a region named "Registry of mirror <key>") */
function mirrorCard(page, key) {
  return ourTab(page).getByRole('region', { name: L('registryMirrors.mirrors.keyAria', { key }), exact: true });
}

function endpointBox(card, n) {
  return card.getByRole('textbox', { name: L('registryMirrors.endpoints.label', { n }), exact: true });
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

/** the built-in tab's mirror rows: the "Registry Hostname" / "Mirror Endpoints" inputs, in order */
function builtinHostnames(page) {
  return registriesTab(page).getByRole('textbox', { name: S('registryMirror.hostnameLabel') });
}
function builtinEndpoints(page) {
  return registriesTab(page).getByRole('textbox', { name: S('registryMirror.endpointsLabel') });
}
async function builtinRows(page) {
  const h = await builtinHostnames(page).evaluateAll((els) => els.map((e) => e.value));
  const e = await builtinEndpoints(page).evaluateAll((els) => els.map((x) => x.value));
  return h.map((hostname, i) => ({ hostname, endpoints: e[i] }));
}

export default [
  {
    name: 'Cluster Management → airgap-prod → Edit Config: our tab sits beside "Registries", with its label and tooltip',
    async fn({ page, base }) {
      await openClusterManagement(page, base);
      for (const name of ['edge-k3s', 'new-cluster']) {
        await expect.visible(page.getByRole('link', { name, exact: true }), `cluster ${name} listed`);
      }
      await editConfigFromList(page, 'airgap-prod');
      const names = await tabNames(page);
      const i = names.indexOf(OUR_TAB);
      expect.ok(i >= 0, `our tab is in the strip (tabs: ${names.join(', ')})`);
      expect.equal(names[i - 1], 'registry', `the tab above ours (tabs: ${names.join(', ')})`);
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
      await eventually(async () => {
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
      expect.equal(regs.mirrors, {
        '*': { endpoint: ['https://registry.example.com', BACKUP] },
        'docker.io': { endpoint: [MIRROR] },
      }, 'mirrors in the PUT');
      expect.equal(regs.configs, before.spec.rkeConfig.registries.configs, 'configs in the PUT (untouched)');
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
];

// Scenes of the tab where admins meet it: inside the real Rancher dashboard (header,
// side navigation, the cluster page's tab strip), on the stand-in Rancher API. Rendered
// by `npm run screenshots` into assets/screenshots/rancher/NAME-THEME.png and by
// `npm run test:rancher` into test-results/rancher/ (so CI proves they still render).
// The sample clusters hold no credentials (Secrets are referenced by name only).
import { L, expect, OUR_TAB, openClusterManagement, editConfigFromList, openTab, ourTab } from './lib/page.mjs';
import { VIEWPORT } from '../e2e/lib/browser.mjs';

export const THEMES = ['light', 'dark'];

const STABLE_CSS = `*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }`;

function mirrorCard(page, key) {
  return ourTab(page).getByRole('region', { name: L('registryMirrors.mirrors.keyAria', { key }), exact: true });
}

/** @type {Array<{name: string, title: string, cluster?: string, fleet?: boolean, setup?: (page, api) => Promise<void>, before?: (api) => void, focus: string}>} */
export const SCENES = [
  {
    name: 'wildcard-v1.31.6',
    title: 'The tab on an RKE2 v1.31.6 cluster with a * mirror: no fallback to the original registry on that release',
    cluster: 'airgap-prod',
    focus: '[data-testid="rm-version-banner"]',
  },
  {
    name: 'sdr-vs-mirrors',
    title: 'system-default-registry (the global setting) vs. containerd mirrors, inside the cluster page',
    cluster: 'edge-k3s',
    before: (api) => api.setSetting('system-default-registry', 'registry.example.com'),
    focus: '[data-testid="rm-layers"]',
  },
  {
    name: 'route-preview-rewrite',
    title: 'Route preview of an image a rewrite changes, on the K3s cluster with rewrites',
    cluster: 'edge-k3s',
    focus: '[data-testid="rm-preview"]',
  },
  {
    name: 'validation',
    title: 'Validation at the field: an endpoint without a scheme and an unsupported scheme',
    cluster: 'new-cluster',
    async setup(page) {
      const add = ourTab(page).getByRole('textbox', { name: L('registryMirrors.mirrors.addLabel'), exact: true });
      await add.click();
      await page.keyboard.type('docker.io');
      await ourTab(page).getByRole('button', { name: L('registryMirrors.mirrors.add'), exact: true }).click();
      const card = mirrorCard(page, 'docker.io');
      const ep = card.getByRole('textbox', { name: L('registryMirrors.endpoints.addLabel'), exact: true });
      await ep.click();
      await page.keyboard.type('ftp://mirror.example.com');
      await page.keyboard.press('Enter');
      await ep.click();
      await page.keyboard.type('mirror.example.com:5000');
      await page.keyboard.press('Enter');
      await ourTab(page).locator('[data-testid="rm-status"][data-status="error"]').waitFor();
      await page.mouse.move(0, 0);
      await page.locator(':focus').evaluate((el) => el.blur()).catch(() => {});
    },
    focus: '[data-testid="rm-mirrors"]',
  },
  {
    name: 'registry-routes',
    title: 'Cluster Management → Registry Routes: every cluster\'s posture, and where nginx:1.27 comes from on each',
    fleet: true,
    async setup(page) {
      await page.locator('[data-testid="rm-fleet-image"]').click();
      await page.keyboard.type('nginx:1.27');
      await page.locator('[data-testid^="rm-fleet-route-"]').first().waitFor();
      await page.locator(':focus').evaluate((el) => el.blur()).catch(() => {});
    },
    focus: '[data-testid="rm-fleet"]',
  },
];

/** Opens the scene in `theme` and returns a PNG of the viewport (1440×900). */
export async function renderScene(page, base, api, scene, theme) {
  api.reset();
  api.setPreference('theme', theme === 'dark' ? 'ui-dark' : 'ui-light');
  scene.before?.(api);
  await page.setViewportSize(VIEWPORT);
  await openClusterManagement(page, base);
  if (scene.fleet) {
    // Cluster Management's side navigation → Registry Routes
    await page.locator('nav').getByRole('link', { name: L('registryMirrors.fleet.nav'), exact: true }).click();
    await expect.attr(page.locator('[data-testid="rm-fleet"]'), 'data-busy', 'false', 'the postures are computed', 30_000);
  } else {
    await editConfigFromList(page, scene.cluster);
    await openTab(page, OUR_TAB);
    await expect.visible(ourTab(page).locator('[data-testid="rm-tab"]'), 'our tab');
  }
  await page.addStyleTag({ content: STABLE_CSS });
  await scene.setup?.(page, api);
  if (scene.fleet) {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    return page.screenshot({ type: 'png' });
  }
  const focus = ourTab(page).locator(scene.focus).first();
  await expect.visible(focus, `${scene.name}: ${scene.focus}`, 15_000);
  // bring the part into view below the page's tab strip, as an admin scrolls to it
  await focus.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -120));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  return page.screenshot({ type: 'png' });
}

export const sceneFile = (scene, theme) => `${scene.name}-${theme}.png`;

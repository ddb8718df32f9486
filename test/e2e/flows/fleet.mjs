// The Registry Routes page of the standalone harness (?page=fleet) on the sample fleet,
// as an admin uses it: filter, type an image key by key, set the global
// system-default-registry, follow a row to its cluster and apply the one-click fix there.
import { L } from '../lib/l10n.mjs';
import { readSpec, TAB } from '../lib/harness-page.mjs';
import { runAxe, blocking, formatViolations } from '../lib/axe.mjs';
import * as expect from '../lib/expect.mjs';

export const FLEET = '[data-testid="rm-fleet"]';

export async function openFleet(page, base, { theme = 'light', timeout = 120_000 } = {}) {
  const u = new URL(base);

  u.searchParams.set('page', 'fleet');
  u.searchParams.set('theme', theme);
  await page.goto(u.toString(), { waitUntil: 'load', timeout });
  await page.locator(`${ FLEET }[data-busy="false"]`).waitFor({ timeout });
  await page.evaluate(() => document.fonts.ready);
}

const rowNames = (page) => page.locator(`${ FLEET } [data-testid^="rm-fleet-link-"]`).allTextContents();

export default [
  {
    name: 'fleet: filter the sample fleet, type an image, set the global SDR, open a cluster and fix "SDR only"',
    axe:  false,
    async fn({ page, harness }) {
      await openFleet(page, harness);
      expect.equal((await rowNames(page)).length, 13, 'rows of the sample fleet (13 RKE2/K3s clusters)');
      await expect.text(page.locator('[data-testid="rm-fleet-status"]'), '13 clusters: 4 direct to Docker Hub, 3 without fallback, 2 SDR only, 3 with errors', 'summary line');

      // filters are buttons with a pressed state
      await page.getByRole('button', { name: L('registryMirrors.fleet.filters.sdrOnly', { count: 2 }), exact: true }).click();
      await expect.poll(async() => expect.equal(await rowNames(page), ['dev-k3s-sdr', 'retail-rke2-sdr'], 'rows under "SDR only"'));
      await page.getByRole('button', { name: L('registryMirrors.fleet.filters.noFallback', { count: 3 }), exact: true }).click();
      await expect.poll(async() => expect.equal(await rowNames(page), ['airgap-finance', 'lab-k3s-wildcard', 'prod-eu-rke2'], 'rows under "No fallback"'));
      await page.getByRole('button', { name: L('registryMirrors.fleet.filters.all', { count: 13 }), exact: true }).click();
      await expect.poll(async() => expect.equal((await rowNames(page)).length, 13, 'rows under "All"'));

      // the image box, typed key by key: every row shows where the image comes from
      await page.getByRole('textbox', { name: L('registryMirrors.fleet.image.label'), exact: true }).click();
      await page.keyboard.type('gitea/gitea', { delay: 15 });
      const route = (name) => page.locator(`[data-testid="rm-fleet-route-${ name }"]`);

      await expect.text(route('dev-k3s-sdr'), 'https://registry-1.docker.io/v2', 'gitea/gitea on dev-k3s-sdr (seed: still Docker Hub)');
      await expect.attr(route('dev-k3s-sdr'), 'data-fallback', 'true', 'dev-k3s-sdr fallback');
      await expect.text(route('prod-eu-rke2'), L('registryMirrors.fleet.route.noFallback'), 'gitea/gitea on prod-eu-rke2 (seed: * without fallback)');
      await expect.text(route('prod-eu-rke2'), 'https://mirror.eu.example.com/v2', 'first host on prod-eu-rke2');
      await expect.attr(route('prod-eu-rke2-next'), 'data-fallback', 'true', 'the fixed release falls back');

      // the global system-default-registry (Rancher's setting): staging-apps becomes SDR only
      await page.getByRole('textbox', { name: 'Global setting system-default-registry', exact: true }).click();
      await page.keyboard.type('registry.example.com', { delay: 10 });
      await expect.visible(page.locator('[data-testid="rm-fleet-posture-staging-apps"] [data-badge="sdr-only"]'), 'staging-apps: SDR only with the global setting');

      // unreferenced credentials, names only
      await expect.text(page.locator('[data-testid="rm-fleet-secrets"]'), 'registryconfig-auth-4xk2p', 'unreferenced auth-config Secret listed');

      // follow the row of the seed cluster to the tab, and apply the fix there
      await page.getByRole('link', { name: L('registryMirrors.fleet.edit', { name: 'dev-k3s-sdr' }), exact: true }).click();
      await page.locator(TAB).waitFor({ timeout: 90_000 });
      await expect.text(page.locator('[data-testid="harness-from-fleet"]'), 'fleet-default/dev-k3s-sdr', 'the tab shows the cluster of the row');
      await expect.attr(page.locator(`${ TAB } [data-testid="rm-status"]`), 'data-status', 'warning', 'status: no longer "No problems found"');
      expect.equal(await readSpec(page), undefined, 'no registries before the fix');
      await page.getByRole('button', { name: L('registryMirrors.sdrFix.button', { endpoint: 'https://oci-mirror.dev.de' }), exact: true }).click();
      await expect.poll(async() => expect.equal(await readSpec(page), { mirrors: { 'docker.io': { endpoint: ['https://oci-mirror.dev.de'] } } }, 'spec after the one-click fix'));
      await expect.attr(page.locator(`${ TAB } [data-testid="rm-status"]`), 'data-status', 'ok', 'status after the fix');
      await expect.text(page.locator(`${ TAB } [data-testid="rm-route-workload-col"]`), 'https://oci-mirror.dev.de/v2/', 'the route to review: the SDR first');
    },
  },
  {
    name: 'fleet: the page has no serious accessibility violations (light and dark)',
    axe:  false,
    async fn({ page, harness }) {
      const problems = [];

      for (const theme of ['light', 'dark']) {
        await openFleet(page, harness, { theme });
        const bad = blocking(await runAxe(page, { include: FLEET }));

        if (bad.length) {
          problems.push(`${ theme }:\n${ formatViolations(bad) }`);
        }
      }
      if (problems.length) {
        throw new Error(`axe on the Registry Routes page:\n${ problems.join('\n') }`);
      }
    },
  },
];

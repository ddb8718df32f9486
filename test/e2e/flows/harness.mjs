// The harness page itself: the YAML panel and the change badge an admin reads there
// must follow edits made in the tab (the flows read the spec from the live model), and
// the page around the tab is accessible too (contrast in both themes, heading order).
import {
  openHarness, mirrorCard, readSpec, readYamlPanel, tab, TAB, typeInto
} from '../lib/harness-page.mjs';
import { runAxe, blocking, formatViolations } from '../lib/axe.mjs';
import { L } from '../lib/l10n.mjs';
import * as expect from '../lib/expect.mjs';

export default [
  {
    name: 'harness: the YAML panel and the Changed badge follow an edit in the tab',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'empty-new', mode: 'edit' });
      expect.equal(await readYamlPanel(page), await readSpec(page), 'YAML panel before any edit');
      await expect.text(page.locator('[data-testid="harness-changed"]'), 'Unchanged', 'badge before any edit');
      expect.equal(await page.evaluate(() => window.__harness.changed()), false, '__harness.changed() before any edit');

      await tab(page).getByRole('button', { name: L('registryMirrors.mirrors.quickAdd', { key: 'docker.io' }), exact: true }).click();
      const card = mirrorCard(page, 'docker.io');

      await typeInto(card.getByRole('textbox', { name: L('registryMirrors.endpoints.addLabel'), exact: true }), 'https://mirror.example.com');
      await card.getByRole('button', { name: L('registryMirrors.endpoints.add'), exact: true }).click();
      await expect.poll(async() => expect.equal((await readSpec(page)).mirrors, { 'docker.io': { endpoint: ['https://mirror.example.com'] } }, 'model after the edit'));
      await expect.poll(async() => expect.equal(await readYamlPanel(page), await readSpec(page), 'YAML panel (harness-yaml) vs. the model (window.__harness.registries())'));
      await expect.text(page.locator('[data-testid="harness-changed"]'), 'Changed', 'badge after the edit');
      expect.equal(await page.evaluate(() => window.__harness.changed()), true, '__harness.changed() after the edit');

      // a nested edit inside the endpoint list (not a new key) is followed too
      await typeInto(card.getByRole('textbox', { name: L('registryMirrors.endpoints.label', { n: 1 }), exact: true }), 'https://other.example.com');
      await expect.poll(async() => expect.equal((await readYamlPanel(page))?.mirrors?.['docker.io']?.endpoint, ['https://other.example.com'], 'YAML panel after editing endpoint 1'));

      // a change outside the registries (as another tab of the cluster page would make)
      await expect.text(page.locator('[data-testid="harness-other-fields"]'), 'untouched', '"other fields" line before');
      expect.equal(await page.evaluate(() => window.__harness.otherTouched()), false, '__harness.otherTouched() after registry edits only');
      await page.evaluate(() => {
        const c = window.__harness.live();

        c.metadata.labels = { ...(c.metadata.labels || {}), edited: 'yes' };
      });
      await expect.poll(async() => expect.equal(await page.evaluate(() => window.__harness.otherTouched()), true, '__harness.otherTouched() after editing metadata.labels'));
      await expect.text(page.locator('[data-testid="harness-other-fields"]'), 'CHANGED', '"other fields" line after editing metadata.labels');
    },
  },

  {
    name: 'harness: the page around the tab has no contrast or heading-order violations (light and dark)',
    axe:  false,
    async fn({ page, harness }) {
      const problems = [];

      for (const theme of ['light', 'dark']) {
        await openHarness(page, harness, { sample: 'airgap-rke2-v1.31.6', mode: 'edit', theme });
        // the tab has its own checks (scenes, flows); here: the harness page around it
        const violations = await runAxe(page, { exclude: TAB });
        const bad = [...blocking(violations), ...violations.filter((v) => v.id === 'heading-order' && !blocking([v]).length)];

        if (bad.length) {
          problems.push(`${ theme }:\n${ formatViolations(bad) }`);
        }
      }
      if (problems.length) {
        throw new Error(`axe on the harness page:\n${ problems.join('\n') }`);
      }
    },
  },
];

// The harness page itself: the YAML panel and the change badge an admin reads there
// must follow edits made in the tab (the flows read the spec from the live model).
import {
  openHarness, mirrorCard, readSpec, readYamlPanel, tab
} from '../lib/harness-page.mjs';
import { L } from '../lib/l10n.mjs';
import * as expect from '../lib/expect.mjs';

export default [
  {
    name: 'harness: the YAML panel and the Changed badge follow an edit in the tab',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'empty-new', mode: 'edit' });
      expect.equal(await readYamlPanel(page), await readSpec(page), 'YAML panel before any edit');
      await expect.text(page.locator('[data-testid="harness-changed"]'), 'Unchanged', 'badge before any edit');

      await tab(page).getByRole('button', { name: L('registryMirrors.mirrors.quickAdd', { key: 'docker.io' }), exact: true }).click();
      const card = mirrorCard(page, 'docker.io');

      await card.getByRole('textbox', { name: L('registryMirrors.endpoints.addLabel'), exact: true }).fill('https://mirror.example.com');
      await card.getByRole('button', { name: L('registryMirrors.endpoints.add'), exact: true }).click();
      await expect.poll(async() => expect.equal((await readSpec(page)).mirrors, { 'docker.io': { endpoint: ['https://mirror.example.com'] } }, 'model after the edit'));
      await expect.poll(async() => expect.equal(await readYamlPanel(page), await readSpec(page), 'YAML panel (harness-yaml) vs. the model (window.__harness.registries())'));
      await expect.text(page.locator('[data-testid="harness-changed"]'), 'Changed', 'badge after the edit');
    },
  },
];

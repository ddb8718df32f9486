// Flows on the tool sections below the form: importing a node registries.yaml with
// inline credentials (the values go only into new Secrets, never into the page or the
// spec), and the many-image check with its filters, following edits of the form.
import fs from 'node:fs';
import path from 'node:path';
import {
  openHarness, expectSpec, readSpec, expectOtherFieldsUntouched, tab, mirrorCard, TAB, typeInto, pasteInto
} from '../lib/harness-page.mjs';
import { L } from '../lib/l10n.mjs';
import { ROOT } from '../lib/paths.mjs';
import * as expect from '../lib/expect.mjs';
import { runAxe, blocking, formatViolations } from '../lib/axe.mjs';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'registries', 'inline-credentials.yaml');
const PLANTED = ['Pl4nted-Passw0rd-7781', 'Pl4nted-Token-9912', 'cm9ib3Q6UGw0bnRlZC1QYXNzdzByZC03Nzgx'];

/** Open a tool section by its heading button (clicked, or Enter on it); returns the section. */
export async function openSection(page, titleKey, { keyboard = false } = {}) {
  const button = tab(page).getByRole('button', { name: L(titleKey), exact: true });

  if (keyboard) {
    await button.focus();
    await page.keyboard.press('Enter');
  } else {
    await button.click();
  }
  await expect.attr(button, 'aria-expanded', 'true', `${ L(titleKey) } expanded`);

  return tab(page).getByRole('region', { name: L(titleKey), exact: true });
}

/** axe on the tab in an intermediate state of a flow (the suite scans the end state). */
async function expectAxeClean(page, when) {
  const bad = blocking(await runAxe(page, { include: TAB }));

  expect.ok(!bad.length, `axe: ${ bad.length } moderate/serious/critical violation(s) ${ when }:\n${ formatViolations(bad) }`);
}

/** None of the planted secret values anywhere on the page: markup, text, form values. */
async function expectNoSecretsOnPage(page, when) {
  const dump = await page.evaluate(() => [
    document.documentElement.outerHTML,
    document.body.innerText,
    ...[...document.querySelectorAll('input, textarea, select')].map((el) => /** @type {HTMLInputElement} */ (el).value),
  ].join('\n'));
  const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');

  for (const p of PLANTED) {
    expect.ok(!dump.includes(p) && !dump.includes(b64(p)), `a credential of the imported file is on the page ${ when }`);
  }
}

export default [
  {
    name: 'flow: import a registries.yaml with inline credentials (values never on the page or in the spec)',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'edit' });
      const before = await readSpec(page);
      const section = await openSection(page, 'registryMirrors.importExport.title');

      await section.getByRole('button', { name: L('registryMirrors.importExport.importOpen'), exact: true }).click();
      const dialog = section.getByRole('region', { name: L('registryMirrors.importExport.importTitle'), exact: true });

      await expect.visible(dialog, 'the import dialog');
      // upload: the file's content is kept in memory, never put in the text box
      await dialog.getByLabel(L('registryMirrors.importExport.uploadLabel'), { exact: true }).setInputFiles({
        name: 'inline-credentials.yaml', mimeType: 'application/yaml', buffer: fs.readFileSync(FIXTURE),
      });
      const lines = fs.readFileSync(FIXTURE, 'utf8').split('\n').length;

      await expect.text(dialog.locator('[data-testid="rm-import-file-loaded"]'), L('registryMirrors.importExport.fileLoaded', { name: 'inline-credentials.yaml', lines }), 'the loaded file');
      await expectNoSecretsOnPage(page, 'after the upload');
      await dialog.getByRole('button', { name: L('registryMirrors.importExport.preview'), exact: true }).click();

      const preview = section.getByRole('region', { name: L('registryMirrors.importExport.previewTitle'), exact: true });

      await expect.visible(preview, 'the preview');
      for (const key of ['harbor.corp.example.com', 'quay.io', 'ghcr.io']) {
        await expect.visible(preview.getByText(L('registryMirrors.importExport.change.added.configs', { key }), { exact: true }), `"add registry config ${ key }" in the preview`);
      }
      await expect.visible(preview.getByText(L('registryMirrors.importExport.change.changed.mirrors', { key: 'docker.io' }), { exact: true }), '"change mirror docker.io" in the preview');
      const names = ['edge-k3s-registry-auth-harbor-corp-example-com', 'edge-k3s-registry-auth-quay-io', 'edge-k3s-registry-auth-ghcr-io'];

      await expect.count(preview.locator('[data-testid="rm-import-secret"]'), 3, 'Secrets to create');
      await expect.text(preview.locator('[data-testid="rm-import-secret"]').first(), L('registryMirrors.importExport.secretLine', {
        name: names[0], type: 'rke.cattle.io/auth-config', host: 'harbor.corp.example.com', keys: 'username, password',
      }), 'the first Secret: name and key names only');
      // nothing written, nothing created yet
      expect.equal(await readSpec(page), before, 'registries before Apply');
      expect.equal((await page.evaluate(() => window.__harness.secrets())).filter((s) => names.includes(s.name)), [], 'Secrets before Apply');
      await expectNoSecretsOnPage(page, 'in the preview');
      await expectAxeClean(page, 'in the import preview');

      await preview.getByRole('button', { name: L('registryMirrors.importExport.apply'), exact: true }).click();
      await expect.hidden(preview, 'the preview after Apply');
      const spec = await expectSpec(page, (s) => expect.equal(s.configs, {
        'mirror.example.com:5000': { authConfigSecretName: 'harbor-robot', tlsSecretName: 'registry-example-client-tls' },
        'harbor.corp.example.com': { authConfigSecretName: names[0] },
        'quay.io':                 { authConfigSecretName: names[1] },
        'ghcr.io':                 { authConfigSecretName: names[2] },
      }, 'configs after the import'));

      expect.equal(spec.mirrors['docker.io'].endpoint, ['https://harbor.corp.example.com/v2/dockerhub-proxy'], 'docker.io endpoints after the merge');
      expect.equal(spec.mirrors['docker.io'].rewrite, before.mirrors['docker.io'].rewrite, 'docker.io rewrites kept by the merge');
      expect.equal(spec.mirrors['ghcr.io'], before.mirrors['ghcr.io'], 'ghcr.io untouched');
      for (const p of PLANTED) {
        expect.ok(!JSON.stringify(spec).includes(p), 'a credential in spec.rkeConfig.registries');
      }
      const secrets = (await page.evaluate(() => window.__harness.secrets())).filter((s) => names.includes(s.name));

      expect.equal(secrets, names.map((name) => ({ name, namespace: 'fleet-default', type: 'rke.cattle.io/auth-config' })), 'the Secrets created in the cluster\'s namespace');
      await expect.text(section.getByRole('status'), names[1], 'the summary names the created Secrets');
      // the new config cards show the Secret by name
      await expect.visible(tab(page).getByRole('region', { name: L('registryMirrors.configs.hostAria', { host: 'quay.io' }), exact: true }), 'the quay.io config card');

      // the save diff shows what the import changed: docker.io images now go to harbor
      const diff = await openSection(page, 'registryMirrors.saveDiff.title');
      const nginx = diff.locator('[data-testid="rm-save-diff-route"][data-image="docker.io/library/nginx:latest"]');

      await expect.text(nginx.locator('[data-testid="rm-save-diff-before"]'), 'https://mirror.example.com:5000', 'nginx before the import');
      await expect.text(nginx.locator('[data-testid="rm-save-diff-after"]'), 'https://harbor.corp.example.com', 'nginx after the import');
      await diff.getByRole('button', { name: /^Spec lines that change/ }).click();
      await expect.text(diff.getByRole('region', { name: L('registryMirrors.saveDiff.specAria'), exact: true }), 'authConfigSecretName: edge-k3s-registry-auth-quay-io', 'spec diff');
      await expectNoSecretsOnPage(page, 'after Apply');
      await expectOtherFieldsUntouched(page);
    },
  },

  {
    name: 'flow: check many images, filter the ones that go straight to Docker Hub, follow an edit',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'empty-new', mode: 'edit' });
      // keyboard: Enter on the section heading, Space on a filter, Enter on a column header
      const section = await openSection(page, 'registryMirrors.imageCheck.title', { keyboard: true });
      const list = section.getByRole('textbox', { name: L('registryMirrors.imageCheck.listLabel'), exact: true });

      // a new cluster has no workloads to read
      await expect.count(section.getByRole('button', { name: L('registryMirrors.imageCheck.useWorkloads'), exact: true }), 0, 'workload button on a new cluster');
      await pasteInto(list, ['nginx:1.27', 'bitnami/redis:7.2', 'ghcr.io/fluxcd/source-controller:v1.4.1', 'quay.io/prometheus/prometheus:v3.0.0', 'Not An Image!', 'busybox', '# a comment', ''].join('\n'));
      const rows = section.locator('[data-testid="rm-image-check-row"]');

      await expect.count(rows, 6, 'checked images');
      await expect.text(section.locator('[data-testid="rm-image-check-summary"]'), L('registryMirrors.imageCheck.summary', {
        total: 6, dockerHub: 3, noFallback: 0, rewritten: 0, invalid: 1,
      }), 'summary');

      const hubFilter = section.getByRole('button', { name: L('registryMirrors.imageCheck.filter.docker-hub-direct', { count: 3 }), exact: true });

      await hubFilter.focus();
      await page.keyboard.press('Space');
      await expect.attr(hubFilter, 'aria-pressed', 'true', 'the Docker Hub filter is pressed');
      await expect.poll(async() => expect.equal(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-image'))), ['nginx:1.27', 'bitnami/redis:7.2', 'busybox'], 'rows that go straight to Docker Hub'));
      await expect.text(rows.first().locator('[data-testid="rm-image-check-host"]'), 'https://registry-1.docker.io', 'first host tried');

      // sort by the image, from the column header button
      await section.getByRole('button', { name: L('registryMirrors.imageCheck.col.image'), exact: true }).focus();
      await page.keyboard.press('Enter');
      await expect.attr(section.locator('th', { has: page.getByRole('button', { name: L('registryMirrors.imageCheck.col.image'), exact: true }) }), 'aria-sort', 'ascending', 'image column sorted');
      await expect.poll(async() => expect.equal(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-image'))), ['bitnami/redis:7.2', 'busybox', 'nginx:1.27'], 'sorted rows'));

      // the check follows the form: a docker.io mirror and no image goes to Docker Hub directly
      await tab(page).getByRole('button', { name: L('registryMirrors.mirrors.quickAdd', { key: 'docker.io' }), exact: true }).click();
      const card = mirrorCard(page, 'docker.io');

      await typeInto(card.getByRole('textbox', { name: L('registryMirrors.endpoints.addLabel'), exact: true }), 'https://mirror.example.com');
      await card.getByRole('button', { name: L('registryMirrors.endpoints.add'), exact: true }).click();
      await expect.visible(section.getByRole('button', { name: L('registryMirrors.imageCheck.filter.docker-hub-direct', { count: 0 }), exact: true }), 'Docker Hub filter count after the mirror');
      await expect.count(rows, 0, 'rows that go straight to Docker Hub after the mirror');
      await expect.visible(section.getByText(L('registryMirrors.imageCheck.emptyFilter'), { exact: true }), 'empty filter note');

      const invalid = section.getByRole('button', { name: L('registryMirrors.imageCheck.filter.invalid', { count: 1 }), exact: true });

      await invalid.click();
      await expect.count(rows, 1, 'invalid rows');
      await expect.text(rows.first(), 'Not An Image!', 'the invalid image');
      await section.getByRole('button', { name: L('registryMirrors.imageCheck.filter.all', { count: 6 }), exact: true }).click();
      await expect.count(rows, 6, 'all rows');
      await expect.text(rows.filter({ hasText: 'nginx:1.27' }).locator('[data-testid="rm-image-check-host"]'), 'https://mirror.example.com', 'nginx now goes to the mirror');
      await expectSpec(page, (s) => expect.equal(s.mirrors, { 'docker.io': { endpoint: ['https://mirror.example.com'] } }, 'mirrors'));
      await expectOtherFieldsUntouched(page);
    },
  },

  {
    name: 'flow: many-image check with the images of the cluster\'s workloads',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'view' });
      const section = await openSection(page, 'registryMirrors.imageCheck.title');

      await section.getByRole('button', { name: L('registryMirrors.imageCheck.useWorkloads'), exact: true }).click();
      await expect.text(section.locator('[data-testid="rm-image-check-workloads-note"]'), L('registryMirrors.imageCheck.workloadsLoaded', { count: 6 }), 'workload images loaded');
      const rows = section.locator('[data-testid="rm-image-check-row"]');

      await expect.count(rows, 6, 'checked workload images');
      // with the embedded registry, every mirrored image tries the node's own Spegel first
      await expect.text(rows.filter({ hasText: 'nginx:1.27' }).locator('[data-testid="rm-image-check-host"]'), 'https://127.0.0.1:6443', 'nginx first host');
      await expect.visible(section.getByRole('button', { name: L('registryMirrors.imageCheck.filter.rewritten', { count: 5 }), exact: true }), 'rewritten filter');
    },
  },
];

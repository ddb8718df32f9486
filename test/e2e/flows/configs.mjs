// Flows on registry configs and validation: a config with a CA bundle (and the
// credentials a mirror endpoint then uses), and a validation error triggered and fixed.
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import YAML from 'yaml';
import {
  openHarness, mirrorCard, configCard, routeAttempts, expectSpec, expectOtherFieldsUntouched, tab, status, typeInto, pasteInto
} from '../lib/harness-page.mjs';
import { L } from '../lib/l10n.mjs';
import { ROOT } from '../lib/paths.mjs';
import * as expect from '../lib/expect.mjs';
import { addMirror, addEndpoint, endpointBox } from './mirrors.mjs';

/** The CA of the air-gap sample, as PEM text an admin would paste. */
function samplePem() {
  const sample = YAML.parse(fs.readFileSync(path.join(ROOT, 'assets', 'samples', 'airgap-rke2-v1.31.6.yaml'), 'utf8'));
  const b64 = sample.spec.rkeConfig.registries.configs['registry.example.com'].caBundle;

  return Buffer.from(b64, 'base64').toString('utf8');
}

async function addConfig(page, host) {
  await typeInto(tab(page).getByRole('textbox', { name: L('registryMirrors.configs.addLabel'), exact: true }), host);
  await tab(page).getByRole('button', { name: L('registryMirrors.configs.add'), exact: true }).click();
  await expect.visible(configCard(page, host), `the config card of ${ host }`);

  return configCard(page, host);
}

/**
 * The field is marked invalid for assistive technology: aria-invalid="true", and its
 * aria-describedby names elements whose text includes `text` (the finding shown).
 */
async function expectInvalidDescribed(field, text, what) {
  await expect.attr(field, 'aria-invalid', 'true', `${ what }: aria-invalid`);
  await expect.poll(async() => {
    const desc = await field.evaluate((el) => (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent || `(no element #${ id })`).join(' ')
      .replace(/\s+/g, ' '));

    expect.ok(desc.includes(text), `${ what }: aria-describedby text ${ JSON.stringify(desc) } does not include ${ JSON.stringify(text) }`);
  });
}

async function statusIs(page, expected, text) {
  await expect.poll(async() => {
    const s = await status(page);

    expect.equal(s.status, expected, 'status banner');
    if (text) {
      expect.equal(s.text, text, 'status banner text');
    }
  });
}

export default [
  {
    name: 'flow: set a registry config with a CA bundle',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'empty-new', mode: 'edit' });
      const pem = samplePem();
      const cert = new X509Certificate(pem);
      const validTo = new Date(cert.validTo).toISOString().slice(0, 10);
      const card = await addConfig(page, 'registry.example.com');

      await expect.text(card.locator('[data-testid="rm-config-used-by"]'), L('registryMirrors.configs.unused'), 'a new config is unused');
      await expectSpec(page, (s) => expect.equal(s.configs, { 'registry.example.com': {} }, 'configs after adding the host'));

      // paste the PEM: the form stores it base64-encoded and reads the certificate back
      await pasteInto(card.getByRole('textbox', { name: L('registryMirrors.configs.caBundle'), exact: true }), pem);
      const certs = card.locator('[data-testid="rm-config-certs"]');

      await expect.text(certs, 'CN=Example Registry CA', 'certificate subject');
      await expect.text(certs, L('registryMirrors.configs.caSelfSigned'), 'self-signed note');
      await expect.text(certs, L('registryMirrors.configs.caValid', { date: validTo }), 'validity');
      await expect.count(card.locator('[data-testid^="rm-finding-CA_"]'), 0, 'CA findings');
      await expect.count(card.locator('[data-testid="rm-config-ca-encode"]'), 0, '"Store as base64" button (already stored base64)');

      // credentials: pick the auth Secret
      const auth = card.locator('[data-testid="rm-config-auth"]');

      // the picker lists the namespace's Secrets once they are loaded: it says so
      // (data-loading), and its search box is disabled until then
      await expect.attr(auth.locator('[data-testid="rm-config-auth-picker"]'), 'data-loading', 'false', 'the auth Secret picker has loaded', 10_000);
      await expect.disabled(auth.getByRole('searchbox'), 'the Secret picker\'s search box', false, 10_000);
      // the picker has an accessible name (its <label for> cannot name the combobox div)
      await auth.getByRole('combobox', { name: L('registryMirrors.configs.auth'), exact: true }).click();
      await page.getByRole('option', { name: 'registry-example-auth', exact: true }).click();

      await expectSpec(page, (s) => expect.equal(s.configs, {
        'registry.example.com': { caBundle: Buffer.from(pem, 'utf8').toString('base64'), authConfigSecretName: 'registry-example-auth' },
      }, 'configs with CA bundle and auth Secret'));

      // a mirror endpoint on that host now uses the config: the route shows CA and credentials
      const mirror = await addMirror(page, '*');

      await addEndpoint(mirror, 'https://registry.example.com');
      await expect.text(mirror.getByText(L('registryMirrors.endpoints.config', { host: 'registry.example.com' }), { exact: true }), L('registryMirrors.endpoints.config', { host: 'registry.example.com' }), 'endpoint names its config');
      await expect.text(card.locator('[data-testid="rm-config-used-by"]'), L('registryMirrors.configs.usedBy', { list: '* → https://registry.example.com' }), 'config used by the * endpoint');
      await expect.poll(async() => {
        const [first] = await routeAttempts(page);

        expect.equal(first?.host, 'registry.example.com', 'first host');
        expect.ok(first.text.includes(L('registryMirrors.preview.tlsCa', { host: 'registry.example.com' })), `route shows the CA bundle: ${ first.text }`);
        expect.ok(first.text.includes(L('registryMirrors.preview.authSecret', { secret: 'registry-example-auth', host: 'registry.example.com' })), `route shows the credentials: ${ first.text }`);
      });
      await statusIs(page, 'ok', L('registryMirrors.status.ok'));
      await expectOtherFieldsUntouched(page);
    },
  },

  {
    name: 'flow: trigger and fix validation errors',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'empty-new', mode: 'create' });
      await statusIs(page, 'ok', L('registryMirrors.status.ok'));
      const card = await addMirror(page, 'docker.io');

      // 1. an endpoint with a scheme the node cannot use
      await addEndpoint(card, 'ftp://mirror.example.com');
      await statusIs(page, 'error', L('registryMirrors.status.errors', { count: 1 }));
      await expect.visible(card.locator('[data-testid="rm-finding-ENDPOINT_SCHEME"]'), 'the ENDPOINT_SCHEME finding under the endpoint');
      await expect.attr(card.locator('[data-testid="rm-finding-ENDPOINT_SCHEME"]'), 'data-severity', 'error', 'severity');
      await expect.attr(card, 'class', /rm-card-error/, 'the mirror card is marked as having an error');
      await expect.attr(card.locator('.labeled-input').filter({ has: page.getByRole('textbox', { name: L('registryMirrors.endpoints.label', { n: 1 }), exact: true }) }), 'class', /\berror\b/, 'Endpoint 1 field is marked as an error');
      await expectInvalidDescribed(endpointBox(card, 1), await card.locator('[data-testid="rm-finding-ENDPOINT_SCHEME"] .rm-finding-message').textContent(), 'Endpoint 1');
      // the form writes what the admin typed; the error is shown, not hidden
      await expectSpec(page, (s) => expect.equal(s.mirrors, { 'docker.io': { endpoint: ['ftp://mirror.example.com'] } }, 'mirrors with the invalid endpoint'));

      // fix it in place
      await typeInto(endpointBox(card, 1), 'https://mirror.example.com');
      await statusIs(page, 'ok', L('registryMirrors.status.ok'));
      await expect.count(card.locator('[data-testid="rm-finding-ENDPOINT_SCHEME"]'), 0, 'ENDPOINT_SCHEME finding after the fix');
      await expectSpec(page, (s) => expect.equal(s.mirrors, { 'docker.io': { endpoint: ['https://mirror.example.com'] } }, 'mirrors after the fix'));

      // 2. a rewrite that is not an RE2 pattern
      await typeInto(card.getByRole('textbox', { name: L('registryMirrors.rewrites.addPattern'), exact: true }), '^(library/.*$');
      await typeInto(card.getByRole('textbox', { name: L('registryMirrors.rewrites.addReplacement'), exact: true }), 'dockerhub/$1');
      await card.getByRole('button', { name: L('registryMirrors.rewrites.add'), exact: true }).click();
      await statusIs(page, 'error', L('registryMirrors.status.errors', { count: 1 }));
      await expect.visible(card.locator('[data-testid="rm-finding-REWRITE_INVALID"]'), 'the REWRITE_INVALID finding');
      await expect.text(card.locator('[data-testid="rm-rewrite-check-0"]'), L('registryMirrors.rewrites.rowInvalid'), 'row check of the invalid pattern');
      // the row's fields have names of their own; the pattern is in its error state
      // (the engine's finding, not only a refused draft) and says why
      const pattern1 = card.getByRole('textbox', { name: L('registryMirrors.rewrites.patternAria', { n: 1 }), exact: true });

      await expect.count(card.getByRole('textbox', { name: L('registryMirrors.rewrites.replacementAria', { n: 1 }), exact: true }), 1, 'the "Replacement of rewrite 1" field');
      await expect.attr(card.locator('.labeled-input').filter({ has: page.getByRole('textbox', { name: L('registryMirrors.rewrites.patternAria', { n: 1 }), exact: true }) }), 'class', /\berror\b/, 'the pattern field of rewrite 1 is marked as an error');
      await expectInvalidDescribed(pattern1, await card.locator('[data-testid="rm-finding-REWRITE_INVALID"] .rm-finding-message').textContent(), 'Pattern of rewrite 1');

      // fix the pattern in its row
      await typeInto(pattern1, '^library/(.*)$');
      // a pattern is applied on Enter or when the field is left
      await pattern1.press('Enter');
      await expect.attr(pattern1, 'aria-invalid', '', 'Pattern of rewrite 1 after the fix');
      await statusIs(page, 'ok', L('registryMirrors.status.ok'));
      await expect.count(card.locator('[data-testid="rm-finding-REWRITE_INVALID"]'), 0, 'REWRITE_INVALID after the fix');

      // 3. a duplicate mirror key is refused before it reaches the spec
      await typeInto(tab(page).getByRole('textbox', { name: L('registryMirrors.mirrors.addLabel'), exact: true }), 'docker.io');
      await tab(page).getByRole('button', { name: L('registryMirrors.mirrors.add'), exact: true }).click();
      await expect.text(tab(page).locator('[data-testid="rm-mirror-new-error"]'), L('registryMirrors.mirrors.keyDuplicate'), 'duplicate key message');

      await expectSpec(page, (s) => expect.equal(s, {
        configs: {},
        mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'], rewrite: { '^library/(.*)$': 'dockerhub/$1' } } },
      }, 'registries after all fixes'));
      await expect.count(mirrorCard(page, 'docker.io'), 1, 'docker.io cards');
      await expectOtherFieldsUntouched(page);
    },
  },
];

// Issue 11: editing flows typed keystroke by keystroke (keyboard.type) at 1440x900 with
// the tab at Rancher's width; after each step: what the page shows and the spec.
import {
  openHarness, mirrorCard, configCard, readSpec, tab, status
} from '../lib/harness-page.mjs';
import { L } from '../lib/l10n.mjs';
import * as expect from '../lib/expect.mjs';

/** select all of a field and type `text` one key at a time, as a person does */
async function retype(page, box, text) {
  await box.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 5 });
}

export default [
  {
    name: 'typing: the tab is as wide as inside Rancher (about 990px)',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'edit' });
      const w = await tab(page).evaluate((el) => el.getBoundingClientRect().width);

      expect.ok(w >= 900 && w <= 1050, `tab width ${ w }px is about Rancher's 990px`);
    },
  },
  {
    name: 'typing: a rename to a taken key never reaches the spec, and the banner counts it',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'edit' });
      const before = await readSpec(page);
      const box = mirrorCard(page, 'ghcr.io').getByRole('textbox', { name: L('registryMirrors.mirrors.key'), exact: true });

      await retype(page, box, 'docker.io');
      expect.equal(await readSpec(page), before, 'the spec while the typed key is taken');
      await expect.poll(async() => expect.equal((await status(page)).status, 'error', 'the banner while the key is refused'));
      await page.keyboard.press('Tab');
      expect.equal(await readSpec(page), before, 'the spec after leaving the refused key');
      await expect.visible(mirrorCard(page, 'ghcr.io').getByText(L('registryMirrors.draft.notApplied', { value: 'ghcr.io' }), { exact: false }), 'the "not applied" message');
      // Escape restores; a valid key is applied on Enter
      await box.click();
      await page.keyboard.press('Escape');
      await expect.value(box, 'ghcr.io', 'the key after Escape');
      await retype(page, box, 'ghcr.example.com');
      expect.equal(Object.keys((await readSpec(page)).mirrors), ['docker.io', 'ghcr.io', 'quay.io'], 'mirror keys while typing');
      await page.keyboard.press('Enter');
      await expect.poll(async() => expect.equal(Object.keys((await readSpec(page)).mirrors), ['docker.io', 'ghcr.example.com', 'quay.io'], 'mirror keys after Enter'));
      expect.equal((await readSpec(page)).mirrors['ghcr.example.com'], before.mirrors['ghcr.io'], 'the renamed entry');
    },
  },
  {
    name: 'typing: the CA box keeps what is typed and stores it encoded once',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'edit' });
      const box = configCard(page, 'mirror.example.com:5000').getByRole('textbox', { name: L('registryMirrors.configs.caBundle'), exact: true });

      await retype(page, box, '-----BEGIN');
      await expect.value(box, '-----BEGIN', 'the CA box after typing');
      const spec = await readSpec(page);

      expect.equal(spec.configs['mirror.example.com:5000'].caBundle, Buffer.from('-----BEGIN').toString('base64'), 'the stored caBundle');
    },
  },
  {
    name: 'typing: Enter in New pattern moves to Replacement; an empty replacement is a finding',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'edit' });
      const card = mirrorCard(page, 'ghcr.io');
      const before = await readSpec(page);

      await card.getByRole('textbox', { name: L('registryMirrors.rewrites.addPattern'), exact: true }).click();
      await page.keyboard.type('^x/(.*)$', { delay: 5 });
      await page.keyboard.press('Enter');
      expect.equal(await readSpec(page), before, 'the spec after Enter in New pattern');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

      expect.equal(focused, 'rm-rewrite-new-replacement-ghcr.io', 'focus after Enter in New pattern');
      await page.keyboard.press('Enter');
      await expect.poll(async() => expect.equal((await readSpec(page)).mirrors['ghcr.io'].rewrite, { '^(.*)$': 'ghcr/$1', '^x/(.*)$': '' }, 'rewrites after Enter in Replacement'));
      await expect.visible(card.locator('[data-testid="rm-finding-REWRITE_EMPTY_REPLACEMENT"]'), 'the empty replacement finding');
      await expect.poll(async() => expect.ok((await status(page)).status !== 'ok', 'the banner counts the finding'));
    },
  },
  {
    name: 'typing: at 1440x900 the form starts above the fold once the explainer is closed, and it stays closed',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'edit' });
      const toggle = tab(page).getByRole('button', { name: L('registryMirrors.layers.title'), exact: true });

      await toggle.click();
      await expect.attr(toggle, 'aria-expanded', 'false', 'the explainer after a click');
      const top = await mirrorCard(page, 'docker.io').evaluate((el) => el.getBoundingClientRect().top);

      expect.ok(top < 900 - 120, `the first mirror card starts at ${ Math.round(top) }px, above the fold of 900px`);
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'edit' });
      await expect.attr(toggle, 'aria-expanded', 'false', 'the explainer after a reload (remembered)');
      await toggle.click();
      await expect.attr(toggle, 'aria-expanded', 'true', 'the explainer opened again');
    },
  },
  {
    name: 'typing: a screen reader hears each field and checkbox once (#7)',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'edit' });
      const config = await configCard(page, 'mirror.example.com:5000').ariaSnapshot();
      const skip = L('registryMirrors.configs.skipVerify');

      expect.equal(config.split('\n').filter((l) => l.includes(`checkbox "${ skip }"`)).length, 1, 'Skip TLS checkboxes in the accessibility tree');
      await expect.poll(async() => expect.ok(await configCard(page, 'mirror.example.com:5000').getByRole('checkbox', { name: skip, exact: true }).count() === 1, 'one Skip TLS checkbox by role'));
      const mirror = await mirrorCard(page, 'ghcr.io').ariaSnapshot();
      const endpoint = L('registryMirrors.endpoints.label', { n: 1 });
      const pattern = L('registryMirrors.rewrites.patternAria', { n: 1 });

      // the field names are heard with their fields, not also as text before them
      expect.equal(mirror.split('\n').filter((l) => l.includes(`${ endpoint }:`)), [], 'the endpoint\'s name as text');
      expect.equal(mirror.split('\n').filter((l) => l.includes(pattern) && !l.includes('textbox')), [], 'the pattern\'s name as text');
      expect.ok(mirror.includes(`textbox "${ endpoint }"`) && mirror.includes(`textbox "${ pattern }"`), 'the fields keep their names');
    },
  },
  {
    name: 'typing: view mode in the dark theme: field values read at 4.5:1 or more (#7)',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'view', theme: 'dark' });
      const ratios = await tab(page).evaluate((root) => {
        const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
        const lum = ([r, g, b]) => {
          const f = (v) => {
            const x = v / 255;

            return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
          };

          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const background = (el) => {
          for (let e = el; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);

            if (c.length === 3 || (c.length === 4 && c[3] > 0)) {
              return c.slice(0, 3);
            }
          }

          return [255, 255, 255];
        };

        return [...root.querySelectorAll('input[type="text"], input:not([type]), textarea')].filter((el) => el.value && el.getBoundingClientRect().width > 0).map((el) => {
          const style = getComputedStyle(el);
          // what is painted: -webkit-text-fill-color wins over color
          const fg = lum(rgb(style.webkitTextFillColor || style.color).slice(0, 3));
          const bg = lum(background(el));
          const [hi, lo] = fg > bg ? [fg, bg] : [bg, fg];

          return { id: el.getAttribute('data-testid'), value: el.value, ratio: (hi + 0.05) / (lo + 0.05) };
        });
      });

      expect.ok(ratios.length >= 5, `view mode shows field values (${ ratios.length })`);
      const low = ratios.filter((r) => r.ratio < 4.5);

      expect.equal(low.map((r) => `${ r.id } ${ r.ratio.toFixed(2) }:1`), [], 'field values under 4.5:1');
    },
  },
];

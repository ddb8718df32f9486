// Flows on how the form is used: keyboard only, view mode, dark theme, and every
// error and warning message readable in both themes.
import {
  openHarness, mirrorCard, configCard, routeAttempts, expectSpec, readSpec, expectOtherFieldsUntouched, tab, routePreview, TAB, typeInto
} from '../lib/harness-page.mjs';
import { L } from '../lib/l10n.mjs';
import { runAxe, formatViolations } from '../lib/axe.mjs';
import * as expect from '../lib/expect.mjs';

/**
 * Bring up every kind of error and warning message the form shows: engine findings
 * (error and warning), refused keys and hosts, a refused pattern draft and a refused
 * new pattern, an invalid example image, ambiguous rewrites, a failed Secret creation.
 * Returns the test ids that must now be on the page.
 */
async function showEveryMessage(page) {
  const t = tab(page);
  const addMirror = async(key) => {
    await typeInto(t.getByRole('textbox', { name: L('registryMirrors.mirrors.addLabel'), exact: true }), key);
    await t.getByRole('button', { name: L('registryMirrors.mirrors.add'), exact: true }).click();
  };
  const addConfig = async(host) => {
    await typeInto(t.getByRole('textbox', { name: L('registryMirrors.configs.addLabel'), exact: true }), host);
    await t.getByRole('button', { name: L('registryMirrors.configs.add'), exact: true }).click();
  };

  await addMirror('docker.io');
  const card = mirrorCard(page, 'docker.io');
  const newEndpoint = card.getByRole('textbox', { name: L('registryMirrors.endpoints.addLabel'), exact: true });

  await typeInto(newEndpoint, 'ftp://mirror.example.com'); // error: scheme
  await newEndpoint.press('Enter');
  await typeInto(newEndpoint, 'mirror.example.com:5000'); // warning: no scheme
  await newEndpoint.press('Enter');
  const addRewrite = async(pattern, replacement) => {
    await typeInto(card.getByRole('textbox', { name: L('registryMirrors.rewrites.addPattern'), exact: true }), pattern);
    await typeInto(card.getByRole('textbox', { name: L('registryMirrors.rewrites.addReplacement'), exact: true }), replacement);
    await card.getByRole('button', { name: L('registryMirrors.rewrites.add'), exact: true }).click();
  };

  await addRewrite('^(library/.*$', 'x/$1'); // invalid RE2: finding + row check
  await addRewrite('^library/(.*)$', 'a/$1');
  await addRewrite('^(.*)$', 'b/$1'); // both match nginx:1.27: ambiguous (warning)
  await addRewrite('^(.*)$', 'c/$1'); // refused: the pattern exists
  await typeInto(card.getByRole('textbox', { name: L('registryMirrors.rewrites.patternAria', { n: 3 }), exact: true }), '^library/(.*)$'); // refused draft

  await addMirror('quay.io');
  const quay = mirrorCard(page, 'quay.io');

  await typeInto(quay.getByRole('textbox', { name: L('registryMirrors.mirrors.key'), exact: true }), 'docker.io'); // refused rename
  await typeInto(quay.getByRole('textbox', { name: L('registryMirrors.rewrites.tryLabel'), exact: true }), 'Not An Image!'); // invalid image
  await addMirror('docker.io'); // refused: duplicate

  await addConfig('a.example.com');
  await addConfig('b.example.com');
  await addConfig('a.example.com'); // refused: duplicate
  await typeInto(configCard(page, 'b.example.com').getByRole('textbox', { name: L('registryMirrors.configs.host'), exact: true }), 'a.example.com'); // refused rename
  const a = configCard(page, 'a.example.com');

  await a.getByRole('button', { name: L('registryMirrors.configs.createSecret'), exact: true }).click();
  await a.getByRole('button', { name: L('registryMirrors.configs.createSubmit'), exact: true }).click(); // refused: no username

  return [
    'rm-finding-ENDPOINT_SCHEME', 'rm-finding-REWRITE_INVALID', 'rm-rewrite-check-0', 'rm-rewrite-draft-error-2', 'rm-rewrite-add-error',
    'rm-mirror-new-error', 'rm-mirror-key-error', 'rm-config-new-error', 'rm-config-host-error', 'rm-config-create-error',
  ];
}

/** Describe the focused element: accessible-ish name, tag, testid, inside the tab? */
function focused(page) {
  return page.evaluate((tabSel) => {
    const el = /** @type {HTMLInputElement | null} */ (document.activeElement);

    if (!el || el === document.body) {
      return { none: true };
    }
    const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent.trim() : '') || el.textContent.trim();
    const cs = getComputedStyle(el);

    const li = el.closest('li.rm-endpoint');

    return {
      row:       li ? [...li.parentElement.children].indexOf(li) + 1 : 0,
      tag:       el.tagName.toLowerCase(),
      name:      label.replace(/\s+/g, ' '),
      testid:    el.getAttribute('data-testid') || '',
      inTab:     !!el.closest(tabSel),
      card:      el.closest('section.rm-card')?.getAttribute('aria-label') || '',
      indicator: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow && cs.boxShadow !== 'none'),
    };
  }, TAB);
}

/** The focused element is the "move up/down" button of endpoint row n (either naming). */
function isMove(f, dir, n) {
  const D = dir === 'up' ? 'Up' : 'Down';

  return f.row === n && (f.name === L(`registryMirrors.endpoints.move${ D }`) || f.name === L(`registryMirrors.endpoints.move${ D }Aria`, { n }));
}

/** Press Tab (or Shift+Tab) until `pred(focused)` holds; fails after `max` presses. */
async function tabUntil(page, pred, what, { back = false, max = 80 } = {}) {
  const seen = [];

  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);

    seen.push(f.name || f.testid || f.tag);
    if (pred(f)) {
      return f;
    }
  }
  throw new Error(`keyboard: could not reach ${ what } with ${ back ? 'Shift+' : '' }Tab in ${ max } presses; visited: ${ seen.join(' → ') }`);
}

export default [
  {
    name: 'flow: keyboard-only pass through the form',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'empty-new', mode: 'edit' });
      const A = 'https://mirror-a.example.com';
      const B = 'https://mirror-b.example.com';
      const addLabel = L('registryMirrors.mirrors.addLabel');

      // from the top of the page to "Registry to mirror", keyboard only
      await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
      await tabUntil(page, (f) => f.inTab && f.name === addLabel, `the "${ addLabel }" field`);
      await page.keyboard.type('docker.io');
      await page.keyboard.press('Enter');
      await expect.visible(mirrorCard(page, 'docker.io'), 'docker.io card');

      // focus moves on to the new mirror's "New endpoint" field
      await expect.poll(async() => {
        const f = await focused(page);

        expect.equal([f.name, f.card], [L('registryMirrors.endpoints.addLabel'), L('registryMirrors.mirrors.keyAria', { key: 'docker.io' })], 'focus after adding the mirror');
      });
      await page.keyboard.type(A);
      await page.keyboard.press('Enter');
      await page.keyboard.type(B);
      await page.keyboard.press('Enter');
      await expectSpec(page, (s) => expect.equal(s.mirrors['docker.io']?.endpoint, [A, B], 'endpoints typed with the keyboard'));

      // back to "Move endpoint 2 up" and move it with Enter
      const up2 = L('registryMirrors.endpoints.moveUpAria', { n: 2 });
      const f = await tabUntil(page, (x) => isMove(x, 'up', 2), `"${ up2 }"`, { back: true, max: 10 });

      expect.ok(f.indicator, `"${ up2 }" has no visible focus indicator (outline/box-shadow)`);
      await page.keyboard.press('Enter');
      await expectSpec(page, (s) => expect.equal(s.mirrors['docker.io'].endpoint, [B, A], 'endpoints after Enter on move up'));
      // the moved row keeps the keyboard: at the top edge, on its "down" button
      await expect.poll(async() => expect.ok(isMove(await focused(page), 'down', 1), `focus after moving up is not on "move endpoint 1 down": ${ JSON.stringify(await focused(page)) }`));
      await page.keyboard.press('Space');
      await expectSpec(page, (s) => expect.equal(s.mirrors['docker.io'].endpoint, [A, B], 'endpoints after Space on move down'));
      await expect.poll(async() => expect.ok(isMove(await focused(page), 'up', 2), `focus after moving down is not on "move endpoint 2 up": ${ JSON.stringify(await focused(page)) }`));

      // on to the rewrite fields, type a rewrite, add it with Enter
      await tabUntil(page, (x) => x.card && x.name === L('registryMirrors.rewrites.addPattern'), 'the "New pattern" field', { max: 20 });
      await page.keyboard.type('^library/(.*)$');
      await page.keyboard.press('Tab');
      expect.equal((await focused(page)).name, L('registryMirrors.rewrites.addReplacement'), 'Tab from "New pattern"');
      await page.keyboard.type('mirror/library/$1');
      await page.keyboard.press('Enter');
      await expectSpec(page, (s) => expect.equal(s.mirrors['docker.io'], { endpoint: [A, B], rewrite: { '^library/(.*)$': 'mirror/library/$1' } }, 'docker.io mirror'));

      // the route preview is reachable and usable by keyboard too
      await tabUntil(page, (x) => x.inTab && x.name === L('registryMirrors.preview.image'), 'the preview "Image" field', { max: 60 });
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('library/busybox:1.36');
      await expect.poll(async() => {
        const [first] = await routeAttempts(page);

        expect.equal(first?.url, 'https://mirror-a.example.com/v2/mirror/library/busybox/manifests/1.36?ns=docker.io', 'route of the typed image');
      });
      await expectOtherFieldsUntouched(page);
    },
  },

  {
    name: 'flow: view mode is read-only and still previews routes',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'airgap-rke2-v1.31.6', mode: 'view' });
      const before = await readSpec(page);

      await expect.attr(tab(page), 'data-mode', 'view', 'mode the tab read from the route');
      await expect.text(tab(page).locator('[data-testid="rm-view-banner"]'), L('registryMirrors.modeView'), 'view banner');
      await expect.visible(tab(page).locator('[data-testid="rm-version-banner"]'), 'wildcard banner in view mode');

      // nothing that edits is offered
      for (const name of [
        L('registryMirrors.mirrors.add'), L('registryMirrors.configs.add'), L('registryMirrors.endpoints.add'), L('registryMirrors.rewrites.add'),
        L('registryMirrors.mirrors.removeAria', { key: '*' }), L('registryMirrors.configs.removeAria', { host: 'registry.example.com' }),
        L('registryMirrors.endpoints.moveUpAria', { n: 1 }), L('registryMirrors.endpoints.removeAria', { n: 1 }), L('registryMirrors.configs.createSecret'),
      ]) {
        await expect.count(tab(page).getByRole('button', { name, exact: true }), 0, `button "${ name }" in view mode`);
      }
      for (const label of [L('registryMirrors.mirrors.addLabel'), L('registryMirrors.endpoints.addLabel'), L('registryMirrors.configs.addLabel')]) {
        await expect.count(tab(page).getByRole('textbox', { name: label, exact: true }), 0, `field "${ label }" in view mode`);
      }
      // the values are shown, not editable
      const card = mirrorCard(page, '*');
      const ep = card.getByRole('textbox', { name: L('registryMirrors.endpoints.label', { n: 1 }), exact: true });

      await expect.value(ep, 'https://registry.example.com', 'Endpoint 1 shown');
      expect.ok(!(await ep.isEditable()), 'Endpoint 1 is editable in view mode');
      expect.ok(!(await card.getByRole('textbox', { name: L('registryMirrors.mirrors.key'), exact: true }).isEditable()), 'the mirror key is editable in view mode');

      // the preview is not an edit: it works in view mode
      await typeInto(routePreview(page).getByRole('textbox', { name: L('registryMirrors.preview.image'), exact: true }), 'quay.io/prometheus/prometheus:v3.0.0');
      await expect.poll(async() => {
        const got = (await routeAttempts(page)).map((a) => [a.host, a.kind, a.url]);

        expect.equal(got, [['registry.example.com', 'mirror', 'https://registry.example.com/v2/prometheus/prometheus/manifests/v3.0.0?ns=quay.io']], 'route of a quay.io image');
      });

      expect.equal(await readSpec(page), before, 'registries after looking around in view mode');
      await expectOtherFieldsUntouched(page);
    },
  },

  {
    name: 'flow: dark theme renders the tab dark and edits work',
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'edit', theme: 'dark' });
      const colours = await page.evaluate((sel) => {
        const lum = (c) => {
          const m = c.match(/[\d.]+/g).map(Number);
          const [r, g, b] = m.slice(0, 3).map((v) => {
            const s = v / 255;

            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });

          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const tabEl = document.querySelector(sel);
        const card = tabEl.querySelector('section.rm-card');

        return {
          bodyClass: document.body.className,
          body:      lum(getComputedStyle(document.body).backgroundColor),
          text:      lum(getComputedStyle(tabEl).color),
          card:      lum(getComputedStyle(card).backgroundColor),
        };
      }, TAB);

      expect.ok(/\btheme-dark\b/.test(colours.bodyClass), `body class is "${ colours.bodyClass }"`);
      expect.ok(colours.body < 0.05, `page background is not dark (relative luminance ${ colours.body.toFixed(3) })`);
      expect.ok(colours.card < 0.08, `mirror cards are not dark (relative luminance ${ colours.card.toFixed(3) })`);
      expect.ok(colours.text > 0.5, `tab text is not light (relative luminance ${ colours.text.toFixed(3) })`);

      // an edit in dark mode: give quay.io an endpoint
      const quay = mirrorCard(page, 'quay.io');

      await typeInto(quay.getByRole('textbox', { name: L('registryMirrors.endpoints.addLabel'), exact: true }), 'https://mirror.example.com:5000');
      await quay.getByRole('button', { name: L('registryMirrors.endpoints.add'), exact: true }).click();
      await typeInto(routePreview(page).getByRole('textbox', { name: L('registryMirrors.preview.image'), exact: true }), 'quay.io/team/app:1.0');
      await expect.poll(async() => {
        const got = (await routeAttempts(page)).map((a) => [a.host, a.kind]);

        expect.equal(got, [['127.0.0.1:6443', 'embedded'], ['mirror.example.com:5000', 'mirror'], ['quay.io', 'fallback']], 'route of a quay.io image');
      });
      await expectSpec(page, (s) => expect.equal(s.mirrors['quay.io'], { endpoint: ['https://mirror.example.com:5000'] }, 'quay.io mirror'));
      await expectOtherFieldsUntouched(page);
    },
  },
  {
    name:    'flow: every error and warning message in the tab has a contrast of at least 4.5:1 (light and dark)',
    timeout: 90_000,
    async fn({ page, harness }) {
      const problems = [];

      for (const theme of ['light', 'dark']) {
        await openHarness(page, harness, { sample: 'empty-new', mode: 'create', theme });
        const ids = await showEveryMessage(page);

        for (const id of ids) {
          await expect.visible(tab(page).locator(`[data-testid="${ id }"]`), `${ theme }: message ${ id }`);
        }
        await expect.visible(tab(page).locator('[data-testid^="rm-finding-"][data-severity="warning"]'), `${ theme }: a warning finding`);
        await expect.visible(tab(page).locator('.rm-ambiguous'), `${ theme }: the ambiguous-rewrites warning`);
        await expect.text(tab(page).locator('[data-testid="rm-rewrite-try-result-quay.io"]'), L('registryMirrors.rewrites.invalidImage'), `${ theme }: the invalid-image message`);

        const contrast = (await runAxe(page, { include: TAB })).filter((v) => v.id === 'color-contrast');

        if (contrast.length) {
          problems.push(`${ theme }:\n${ formatViolations(contrast, { maxNodes: 20 }) }`);
        }
      }
      if (problems.length) {
        throw new Error(`text below 4.5:1 in the tab:\n${ problems.join('\n') }`);
      }
    },
  },
];

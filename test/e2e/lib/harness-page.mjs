// The standalone harness page as the flows use it: open a sample in a theme and mode,
// find the tab's parts by role/label/text, and read the resulting
// spec.rkeConfig.registries both from the YAML panel the admin sees and from the
// harness's window hook (they must agree).
import YAML from 'yaml';
import { L } from './l10n.mjs';

export const TAB = '[data-testid="rm-tab"]';

/**
 * @param {string} base
 * @param {{ sample?: string, theme?: string, mode?: string, globalSdr?: string, locale?: string }} [opts]
 */
export function harnessUrl(base, {
  sample = 'airgap-rke2-v1.31.6', theme = 'light', mode = 'edit', globalSdr, locale
} = {}) {
  const u = new URL(base);

  u.searchParams.set('sample', sample);
  u.searchParams.set('theme', theme);
  u.searchParams.set('mode', mode);
  if (globalSdr) {
    u.searchParams.set('globalSdr', globalSdr);
  }
  if (locale && locale !== 'en-us') {
    u.searchParams.set('locale', locale);
  }

  return u.toString();
}

/** Go to the harness and wait until the tab has rendered with its fonts. */
export async function openHarness(page, base, opts = {}) {
  await page.goto(harnessUrl(base, opts), { waitUntil: 'load', timeout: opts.timeout ?? 90_000 });
  await page.locator(TAB).waitFor({ state: 'visible', timeout: opts.timeout ?? 90_000 });
  await page.waitForFunction(() => !!window.__harness, null, { timeout: 10_000 });
  await page.evaluate(() => document.fonts.ready);
  // the cluster as loaded, to check later that nothing outside the registries changed
  page.initialCluster = await page.evaluate(() => window.__harness.cluster());
}

function withoutRegistries(cluster) {
  const c = JSON.parse(JSON.stringify(cluster ?? null));

  if (c?.spec?.rkeConfig) {
    delete c.spec.rkeConfig.registries;
  }

  return c;
}

/**
 * Replace what a field holds as a person does: click it, select all, delete, then type key
 * by key (keyboard.type; never fill(), which sets the whole value in one go).
 */
export async function typeInto(locator, text) {
  const page = locator.page();

  await locator.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  if (text) {
    await page.keyboard.type(text, { delay: 5 });
  }
}

/**
 * Replace what a field holds with a paste: select all, then the text arrives at once as an
 * input event of its own, as a paste from the clipboard does (keyboard.insertText).
 */
export async function pasteInto(locator, text) {
  const page = locator.page();

  await locator.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
}

/** Poll `fn` until it returns without throwing (Vue renders asynchronously). */
export async function eventually(fn, { timeout = 5000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  let last;

  for (;;) {
    try {
      return await fn();
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw last;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/**
 * The resulting spec.rkeConfig.registries: the live cluster model, read through the
 * harness's window hook (window.__harness.registries()).
 */
export function readSpec(page) {
  return page.evaluate(() => {
    if (!window.__harness) {
      throw new Error('the harness has no window.__harness hook');
    }

    return window.__harness.registries();
  });
}

/**
 * What the harness's YAML panel ([data-testid="harness-yaml"]) shows, parsed;
 * `undefined` when it shows "(not set)".
 */
export async function readYamlPanel(page) {
  // the panel follows the model once typing pauses
  await page.locator('[data-testid="harness-changed"]:not([data-updating])').waitFor({ timeout: 10_000 });
  const text = await page.locator('[data-testid="harness-yaml"]').textContent();
  const trimmed = (text || '').trim();

  return trimmed === '' || trimmed.startsWith('(') ? undefined : YAML.parse(text);
}

/** Wait until the spec satisfies `check(spec)` (throwing assertion inside). */
export function expectSpec(page, check, timeout = 5000) {
  return eventually(async() => {
    const spec = await readSpec(page);

    await check(spec);

    return spec;
  }, { timeout });
}

/** Everything in the cluster object outside spec.rkeConfig.registries is as loaded. */
export async function expectOtherFieldsUntouched(page) {
  if (!page.initialCluster) {
    throw new Error('openHarness() did not record the cluster as loaded');
  }
  const now = await page.evaluate(() => window.__harness.cluster());
  const a = JSON.stringify(withoutRegistries(page.initialCluster));
  const b = JSON.stringify(withoutRegistries(now));

  if (a !== b) {
    throw new Error(`a field outside spec.rkeConfig.registries changed:\n  before ${ a }\n  after  ${ b }`);
  }
}

// ---- parts of the tab, found as an admin (or a screen reader) finds them ----

export function tab(page) {
  return page.locator(TAB);
}

/** The card of one mirror: a region named "Registry of mirror <key>". */
export function mirrorCard(page, key, locale = 'en-us') {
  return tab(page).getByRole('region', { name: L('registryMirrors.mirrors.keyAria', { key }, locale), exact: true });
}

/** The card of one registry config: a region named "Host of registry config <host>". */
export function configCard(page, host) {
  return tab(page).getByRole('region', { name: L('registryMirrors.configs.hostAria', { host }), exact: true });
}

export function routePreview(page) {
  return tab(page).locator('[data-testid="rm-preview"]');
}

/** The attempts of the workload route as {host, url, kind, repository, tls, auth}. */
export async function routeAttempts(page, which = 'workload') {
  const list = routePreview(page).locator(`[data-testid="rm-route-${ which }"] [data-testid^="rm-route-${ which }-attempt-"]`);

  return list.evaluateAll((els) => els.map((li) => ({
    host:       li.querySelector('[data-testid="rm-attempt-host"]')?.textContent.trim(),
    url:        li.querySelector('[data-testid="rm-attempt-url"]')?.textContent.trim(),
    kind:       li.getAttribute('data-kind'),
    repository: li.querySelector('[data-testid="rm-attempt-repository"]')?.textContent.trim(),
    text:       li.textContent.replace(/\s+/g, ' ').trim(),
  })));
}

/**
 * The status banner once the tab has checked the last edit (it says "Checking the change…",
 * data-status="updating", until typing pauses): {status: ok|warning|error, text}.
 */
export async function status(page) {
  const el = tab(page).locator('[data-testid="rm-status"]');

  await el.and(page.locator(':not([data-status="updating"])')).waitFor({ timeout: 10_000 });

  // the summary line (the list of findings below it links to each field)
  return { status: await el.getAttribute('data-status'), text: (await el.locator('[data-testid="rm-status-summary"]').innerText()).trim() };
}

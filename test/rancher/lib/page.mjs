// Driving the real dashboard as an admin: Cluster Management, a cluster's action menu,
// the cluster page's tabs, the built-in Registries tab and the page's Save button.
// Elements are found by what the admin sees (labels from the dashboard's and the
// extension's en-us strings), with the shell's data-testids where text is ambiguous.
import fs from 'node:fs';
import YAML from 'yaml';
import { L } from '../../e2e/lib/l10n.mjs';
import { eventually } from '../../e2e/lib/harness-page.mjs';
import * as expect from '../../e2e/lib/expect.mjs';

const SHELL_STRINGS = YAML.parse(fs.readFileSync(new URL('../../../node_modules/@rancher/shell/assets/translations/en-us.yaml', import.meta.url), 'utf8'));

/** a string of the dashboard itself (shell/assets/translations/en-us.yaml) */
export function S(key) {
  const v = key.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), SHELL_STRINGS);
  if (typeof v !== 'string') throw new Error(`shell l10n key ${key} not found`);
  return v;
}

export const OUR_TAB = 'registry-mirrors-routes';
export const LIST = '/c/_/manager/provisioning.cattle.io.cluster';

/** the page is done loading: no spinner, the main area is there */
export async function settled(page, timeout = 60_000) {
  await page.locator('main').first().waitFor({ state: 'visible', timeout });
  await eventually(async () => {
    if (await page.locator('.loading-indicator, .initial-load-spinner').count()) throw new Error('the dashboard is still loading');
  }, { timeout });
}

export async function openClusterManagement(page, base) {
  await page.goto(`${base}${LIST}`, { timeout: 120_000 });
  await settled(page);
  await expect.visible(page.getByRole('link', { name: 'airgap-prod', exact: true }), 'the cluster airgap-prod in Cluster Management', 60_000);
}

/** the row of a cluster in the list, by its name link */
export function clusterRow(page, name) {
  return page.locator('tr.main-row').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** ⋮ of the cluster's row → "Edit Config" */
export async function editConfigFromList(page, name) {
  await clusterRow(page, name).locator('[data-testid*="action-button"]').click();
  await page.getByText(S('action.edit'), { exact: true }).first().click();
  await page.waitForURL((u) => u.pathname.endsWith(`/fleet-default/${name}`) && u.searchParams.get('mode') === 'edit', { timeout: 30_000 });
  await settled(page);
  await tabLink(page, 'registry').waitFor({ state: 'visible', timeout: 60_000 });
}

/** a tab of the cluster page's tab strip (li[data-testid=name] a[role=tab]) */
export function tabLink(page, name) {
  return page.locator(`li[data-testid="${name}"] a[role="tab"]`);
}

export async function openTab(page, name) {
  await tabLink(page, name).click();
  await expect.attr(tabLink(page, name), 'aria-selected', 'true', `tab ${name} selected`);
}

/** the names of the tabs in the strip, in order */
export function tabNames(page) {
  return page.locator('ul[role="tablist"] > li[role="presentation"]').evaluateAll((els) => els.map((e) => e.id));
}

/** our tab's panel */
export function ourTab(page) {
  return page.locator(`section#${OUR_TAB}[role="tabpanel"]`);
}

/** the built-in Registries tab's panel */
export function registriesTab(page) {
  return page.locator('section#registry[role="tabpanel"]');
}

/** the rows of the built-in mirrors list as [{hostname, endpoints}] */
export async function builtinMirrors(page) {
  const panel = registriesTab(page);
  return panel.locator('.array-list-grouped > .box, .array-list-grouped .box').evaluateAll((boxes) => boxes.map((b) => {
    const inputs = [...b.querySelectorAll('input[type="text"], input:not([type])')];
    return { hostname: inputs[0]?.value ?? null, endpoints: inputs[1]?.value ?? null };
  }));
}

/** type like a user: click the field, select all, type the new text key by key */
export async function retype(locator, text) {
  await locator.click();
  await locator.press('ControlOrMeta+a');
  await locator.press('Backspace');
  await locator.pressSequentially(text, { delay: 5 });
}

/** the page's Save button (CruResource) */
export function saveButton(page) {
  return page.locator('[data-testid$="-save"]').filter({ hasText: /^\s*(Save|Create)\s*$/ }).first();
}

export { L, eventually, expect };

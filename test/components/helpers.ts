// Mount the real tab with the real shell components, i18n plugin and a small store.
import fs from 'node:fs';
import path from 'node:path';
import { reactive, nextTick } from 'vue';
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils';
import YAML from 'yaml';
import RegistryMirrorsTab from '@pkg/components/tab/RegistryMirrorsTab.vue';
import { createHarnessStore, type HarnessStoreOptions } from '../../harness/src/store';
import { shellGlobals } from '../../harness/src/install-shell';
import { routeFor, type Mode } from '../../harness/src/query';

export const SAMPLES_DIR = path.resolve(__dirname, '../../assets/samples');
export const SAMPLE_NAMES = ['empty-new', 'airgap-rke2-v1.31.6', 'k3s-rewrites-embedded'];

export function loadSample(name: string): any {
  return YAML.parse(fs.readFileSync(path.join(SAMPLES_DIR, `${ name }.yaml`), 'utf8'));
}

export function plain<T>(x: T): T {
  return x === undefined ? x : JSON.parse(JSON.stringify(x));
}

export interface MountOptions {
  mode?: Mode;
  route?: any;
  store?: HarnessStoreOptions;
  /** global mixins besides the shell's (e.g. one that counts re-renders) */
  mixins?: any[];
}

export async function mountTab(cluster: any, opts: MountOptions = {}) {
  const store = createHarnessStore(opts.store);
  const resource = reactive(cluster);
  const globals = shellGlobals(store);
  const wrapper = mount(RegistryMirrorsTab, {
    props:       { resource },
    attachTo:    document.body,
    global:      {
      ...globals,
      mixins: [...globals.mixins, ...(opts.mixins ?? [])],
      mocks:  { $route: opts.route ?? routeFor(opts.mode ?? 'edit') },
    },
  });

  await flushPromises();
  await nextTick();

  return {
    wrapper, resource, store
  };
}

/** the <input>/<textarea> of a LabeledInput (test ids land on the native element) */
export function field(w: VueWrapper<any>, testid: string) {
  return w.get(`[data-testid="${ testid }"]`);
}

/** enters a whole value and leaves the field (key fields commit on blur) */
export async function type(w: VueWrapper<any>, testid: string, value: string) {
  await field(w, testid).setValue(value);
  await flushPromises();
  if (w.find(`[data-testid="${ testid }"]`).exists()) {
    await field(w, testid).trigger('blur');
    await flushPromises();
  }
}

export async function click(w: VueWrapper<any>, testid: string) {
  await w.get(`[data-testid="${ testid }"]`).trigger('click');
  await flushPromises();
}

export function codes(w: VueWrapper<any>, within?: string): string[] {
  const root = within ? w.get(`[data-testid="${ within }"]`) : w;

  return root.findAll('[data-testid^="rm-finding-"]').map((x) => x.attributes('data-testid')!.replace('rm-finding-', ''));
}

export function registries(resource: any) {
  return plain(resource?.spec?.rkeConfig?.registries);
}

/** shell Checkbox: the test id is on its outer container, the click handler on the label */
export async function toggle(w: VueWrapper<any>, testid: string) {
  await w.get(`[data-testid="${ testid }"] .checkbox-container`).trigger('click');
  await flushPromises();
}

/** the cluster without spec.rkeConfig.registries, to check nothing else changed */
export function outsideRegistries(c: any) {
  const x = plain(c);

  if (x?.spec?.rkeConfig) {
    delete x.spec.rkeConfig.registries;
  }

  return x;
}

/**
 * Types as a person types: clears the field (unless `append`), then one setValue per
 * keystroke, each followed by a flush – every intermediate value reaches the tab.
 */
export async function typeKeys(w: VueWrapper<any>, testid: string, text: string, opts: { append?: boolean } = {}) {
  const el = field(w, testid);
  let value = opts.append ? (el.element as HTMLInputElement).value : '';

  if (!opts.append) {
    await el.setValue('');
    await flushPromises();
  }
  for (const ch of text) {
    value += ch;
    await el.setValue(value);
    await flushPromises();
  }
}

/** leaves a field (blur), as Tab or a click elsewhere does */
export async function blur(w: VueWrapper<any>, testid: string) {
  await field(w, testid).trigger('blur');
  await flushPromises();
}

export async function press(w: VueWrapper<any>, testid: string, key: string) {
  await field(w, testid).trigger('keydown', { key });
  await flushPromises();
}

/**
 * Whether the element is in the page and shown: the tab keeps some parts in place and only
 * hides them (class rm-invisible: visibility hidden, so showing them relayouts nothing).
 */
export function shown(w: VueWrapper<any>, selector: string): boolean {
  const el = w.find(selector);

  return el.exists() && !el.element.closest('.rm-invisible');
}

/** the text of an element as shown: without the parts kept in place but hidden */
export function shownText(el: Element): string {
  const copy = el.cloneNode(true) as Element;

  copy.querySelectorAll('.rm-invisible').forEach((hidden) => hidden.remove());

  return (copy.textContent ?? '').trim();
}

/** the status banner: its state and counts, and its text as shown */
export function status(w: VueWrapper<any>) {
  const b = w.get('[data-testid="rm-status"]');

  return { state: b.attributes('data-status'), errors: Number(b.attributes('data-errors')), warnings: Number(b.attributes('data-warnings')), text: shownText(b.element) };
}

// Shared steps of the tool-panel tests: open a section of the tab (its panel is an
// async component, loaded on first open) and wait until the panel has rendered.
import { vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { nextTick } from 'vue';

export async function openTool(w: VueWrapper<any>, section: 'node-files' | 'import-export' | 'save-diff' | 'image-check', ready: string) {
  await w.get(`[data-testid="rm-tool-${ section }-toggle"]`).trigger('click');
  await vi.waitFor(async() => {
    await flushPromises();
    if (!w.find(`[data-testid="${ ready }"]`).exists()) {
      throw new Error(`${ ready } did not render`);
    }
  }, { timeout: 10000, interval: 20 });
  await nextTick();

  return w.get(`[data-testid="${ ready }"]`);
}

/** Everything the page shows or holds as markup: text, attributes and form values. */
export function domDump(): string {
  const values = [...document.querySelectorAll('input, textarea, select')].map((el) => (el as HTMLInputElement).value);

  return `${ document.documentElement.outerHTML }\n${ document.body.textContent }\n${ values.join('\n') }`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

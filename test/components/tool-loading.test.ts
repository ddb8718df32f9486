// The tool panels load from their own chunks when a section opens: until the chunk is
// there the section says so (never an empty panel that looks done), and a chunk that
// cannot load is reported in the section.
import { describe, it, expect, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import { mountTab, loadSample } from './helpers';
import PanelLoading from '@pkg/components/tab/PanelLoading.vue';
import { createHarnessStore } from '../../harness/src/store';
import { shellGlobals } from '../../harness/src/install-shell';

describe('tool panels load on demand', () => {
  it('an opened section shows a loading status until its panel is there, then the panel alone', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const section = () => wrapper.get('[data-testid="rm-tool-save-diff"]');

    expect(section().find('[data-testid="rm-panel-loading"]').exists()).toBe(false);
    await wrapper.get('[data-testid="rm-tool-save-diff-toggle"]').trigger('click');
    await nextTick();
    const loading = section().find('[data-testid="rm-panel-loading"]');

    expect(loading.exists()).toBe(true);
    expect(loading.attributes('role')).toBe('status');
    expect(loading.text()).toBe('Loading…');
    expect(section().find('[data-testid="rm-save-diff"]').exists()).toBe(false);

    await vi.waitFor(async() => {
      await flushPromises();
      expect(section().find('[data-testid="rm-save-diff"]').exists()).toBe(true);
    }, { timeout: 10000, interval: 20 });
    expect(section().find('[data-testid="rm-panel-loading"]').exists()).toBe(false);
  });

  it('a panel whose chunk fails to load says why and what to do, as an alert', () => {
    const w = mount(PanelLoading, { props: { error: new Error('Loading chunk 587 failed') }, global: shellGlobals(createHarnessStore()) });
    const alert = w.get('[data-testid="rm-panel-load-error"]');

    expect(alert.attributes('role')).toBe('alert');
    expect(alert.text()).toBe('This panel could not be loaded (Loading chunk 587 failed). Reload the page to try again.');
    expect(w.find('[data-testid="rm-panel-loading"]').exists()).toBe(false);
  });
});

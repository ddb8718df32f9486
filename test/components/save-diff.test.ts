import { describe, it, expect, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import {
  mountTab, loadSample, type, click, registries
} from './helpers';
import { openTool, sleep } from './tools';

async function settled(w: any) {
  await vi.waitFor(async() => {
    await flushPromises();
    expect(w.get('[data-testid="rm-save-diff"]').attributes('data-pending')).toBe('false');
  }, { timeout: 5000, interval: 20 });
}

describe('save diff: changes since the tab opened', () => {
  it('says nothing changed until an edit, then names the sample images whose route changes', async() => {
    const { wrapper, resource } = await mountTab(loadSample('empty-new'), { mode: 'create' });
    const panel = await openTool(wrapper, 'save-diff', 'rm-save-diff');

    await settled(wrapper);
    expect(panel.find('[data-testid="rm-save-diff-none"]').exists()).toBe(true);

    await click(wrapper, 'rm-mirror-quick-docker.io');
    await type(wrapper, 'rm-endpoint-new-docker.io', 'https://mirror.example.com');
    await click(wrapper, 'rm-endpoint-add-docker.io');
    expect(registries(resource).mirrors['docker.io'].endpoint).toEqual(['https://mirror.example.com']);

    // debounced: not recomputed synchronously on the edit
    expect(wrapper.get('[data-testid="rm-save-diff"]').attributes('data-pending')).toBe('true');
    await settled(wrapper);
    const rows = wrapper.findAll('[data-testid="rm-save-diff-route"]');
    const nginx = rows.find((r) => r.attributes('data-image') === 'docker.io/library/nginx:latest')!;

    expect(nginx).toBeTruthy();
    expect(nginx.get('[data-testid="rm-save-diff-before"]').text()).toContain('https://registry-1.docker.io');
    expect(nginx.get('[data-testid="rm-save-diff-after"]').text()).toContain('https://mirror.example.com');
    expect(nginx.findAll('[data-testid="rm-save-diff-after"] li').map((l) => l.text())).toEqual(['https://mirror.example.com (differs)', 'https://registry-1.docker.io (differs)']);
    expect(wrapper.get('[data-testid="rm-save-diff-summary"]').text()).toMatch(/^\d+ of \d+ sample images changes? route\.$/);

    // the spec diff is collapsed until asked for
    expect(wrapper.find('[data-testid="rm-save-diff-spec"]').exists()).toBe(false);
    const toggle = wrapper.get('[data-testid="rm-save-diff-spec-toggle"]');

    expect(toggle.attributes('aria-expanded')).toBe('false');
    await toggle.trigger('click');
    const spec = wrapper.get('[data-testid="rm-save-diff-spec"]');

    expect(spec.findAll('.rm-diff-add').map((l) => l.text())).toEqual(expect.arrayContaining([expect.stringContaining('https://mirror.example.com')]));

    // undoing the edit: back to no changes
    await click(wrapper, 'rm-mirror-remove-docker.io');
    await settled(wrapper);
    expect(wrapper.findAll('[data-testid="rm-save-diff-route"]')).toHaveLength(0);
  });

  it('compares with the registries as they were at mount, not at opening the section', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    // edit first, open the section later
    await wrapper.get('[data-testid="rm-mirror-ghcr.io"] [data-testid="rm-endpoint-input-0"]').setValue('https://ghcr-mirror.example.com');
    await flushPromises();
    await sleep(10);
    await openTool(wrapper, 'save-diff', 'rm-save-diff');
    await settled(wrapper);
    const ghcr = wrapper.findAll('[data-testid="rm-save-diff-route"]').find((r) => r.attributes('data-image') === 'ghcr.io/library/app:1.0')!;

    // the embedded registry stays first; the mirror behind it changes
    expect(ghcr.findAll('[data-testid="rm-save-diff-before"] li').map((l) => l.text())).toEqual(['https://127.0.0.1:6443', 'https://mirror.example.com:5000 (differs)', 'https://ghcr.io']);
    expect(ghcr.findAll('[data-testid="rm-save-diff-after"] li').map((l) => l.text())).toEqual(['https://127.0.0.1:6443', 'https://ghcr-mirror.example.com (differs)', 'https://ghcr.io']);
    expect(ghcr.text()).toContain('ghcr.io/library/app:1.0');
    await wrapper.get('[data-testid="rm-save-diff-spec-toggle"]').trigger('click');
    const spec = wrapper.get('[data-testid="rm-save-diff-spec"]').text();

    expect(spec).toContain('https://ghcr-mirror.example.com');
    expect(spec).toContain('https://mirror.example.com:5000');
  });
});

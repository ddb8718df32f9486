// Issue 11 (latency): a keystroke only writes the field and re-renders what it concerns;
// findings and panels are derived once typing pauses, and are marked "updating…" until then
// (never stale data shown as current). Long lists render their first cards and grow.
import {
  describe, it, expect, beforeEach, afterEach
} from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { SETTLE } from '@pkg/utils/settle';
import {
  mountTab, loadSample, codes, typeKeys, registries, status, click, shown, shownText, field
} from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('derived state after a pause in typing', () => {
  beforeEach(() => {
    SETTLE.delayMs = 40;
  });
  afterEach(() => {
    SETTLE.delayMs = 0;
  });

  it('typing an endpoint: the spec has every key at once; banner and preview say "updating" until the pause, then the finding', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const card = () => wrapper.get('[data-testid="rm-mirror-ghcr.io"]');

    expect(status(wrapper).state).toBe('ok');
    await typeKeys(wrapper, 'rm-endpoint-input-0', 'ftp://m');
    // nothing typed is lost or waits: the spec has the value now
    expect(registries(resource).mirrors['docker.io'].endpoint[0]).toBe('ftp://m');
    // the derived state is not shown as current
    expect(status(wrapper).state).toBe('updating');
    expect(status(wrapper).text).toContain('Checking the change');
    expect(status(wrapper).text).not.toContain('No problems');
    expect(shown(wrapper, '[data-testid="rm-preview-updating"]')).toBe(true);
    expect(wrapper.get('.rm-aside').attributes('aria-busy')).toBe('true');

    await sleep(SETTLE.delayMs + 30);
    await flushPromises();
    expect(status(wrapper).state).toBe('error');
    expect(codes(wrapper, 'rm-mirror-docker.io')).toContain('ENDPOINT_SCHEME');
    expect(shown(wrapper, '[data-testid="rm-preview-updating"]')).toBe(false);
    expect(wrapper.get('.rm-aside').attributes('aria-busy')).toBe('false');
    // the other cards were not touched
    expect(codes(wrapper, 'rm-mirror-ghcr.io')).toEqual([]);
    expect(card().classes()).not.toContain('rm-card-error');
  });
});

function manyMirrors(n: number) {
  const c = loadSample('empty-new');
  const mirrors: Record<string, any> = {};

  for (let i = 0; i < n; i++) {
    mirrors[`registry-${ i }.example.com`] = { endpoint: [`https://cache-${ i }.example.net`] };
  }
  // the last one has an error the banner links to
  mirrors[`registry-${ n - 1 }.example.com`].endpoint = ['ftp://cache.example.net'];
  c.spec.rkeConfig.registries = { mirrors, configs: {} };

  return c;
}

describe('a long list of mirrors renders as it is reached', () => {
  it('100 mirrors: 40 cards, then 40 more on "Show more"; a banner link and a new mirror show their card', async() => {
    const { wrapper, resource } = await mountTab(manyMirrors(100));
    const cards = () => wrapper.findAll('section[data-testid^="rm-mirror-"]');

    expect(cards()).toHaveLength(40);
    expect(wrapper.get('[data-testid="rm-mirrors-more-button"]').text()).toBe('Show 40 more (40 of 100 shown)');
    await click(wrapper, 'rm-mirrors-more-button');
    expect(cards()).toHaveLength(80);
    expect(wrapper.get('[data-testid="rm-mirrors-more-button"]').text()).toBe('Show 20 more (80 of 100 shown)');

    // the banner's link to the error of mirror #99 renders that card and focuses its field
    expect(wrapper.find('[data-testid="rm-mirror-registry-99.example.com"]').exists()).toBe(false);
    await wrapper.get('[data-testid="rm-status-item-ENDPOINT_SCHEME"] a').trigger('click');
    await flushPromises();
    const last = wrapper.get('section[data-testid="rm-mirror-registry-99.example.com"]');

    expect(document.activeElement).toBe(last.get('[data-testid="rm-endpoint-input-0"]').element);

    // a mirror added at the end is rendered (its endpoint field takes the focus)
    await wrapper.get('[data-testid="rm-mirror-new"]').setValue('new.example.com');
    await click(wrapper, 'rm-mirror-add');
    expect(Object.keys(registries(resource).mirrors)).toHaveLength(101);
    expect(wrapper.find('section[data-testid="rm-mirror-new.example.com"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="rm-mirrors-more"]').exists()).toBe(false);
  });
});

describe('the status banner while an edit is being checked', () => {
  beforeEach(() => {
    SETTLE.delayMs = 40;
  });
  afterEach(() => {
    SETTLE.delayMs = 0;
  });

  it('keeps the list it showed, marked as from before the edit, so the page below does not jump; the new list replaces it after the pause', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const list = () => wrapper.find('[data-testid="rm-status-list"]');

    await typeKeys(wrapper, 'rm-endpoint-input-0', 'ftp://m');
    await sleep(SETTLE.delayMs + 30);
    await flushPromises();
    expect(status(wrapper).state).toBe('error');
    const before = list().findAll('li').map((li) => li.text());

    expect(before.some((t) => t.includes('ftp'))).toBe(true);
    expect(list().attributes('aria-busy')).toBe('false');
    expect(list().classes()).not.toContain('rm-status-stale');

    // the next keystroke: the summary says "checking", the list stays in place as it was,
    // marked busy (not presented as the result of the edit)
    await typeKeys(wrapper, 'rm-endpoint-input-0', 'x', { append: true });
    expect(status(wrapper).state).toBe('updating');
    expect(shownText(wrapper.get('[data-testid="rm-status-summary"]').element)).toBe('Checking the change…');
    expect(list().exists()).toBe(true);
    expect(list().findAll('li').map((li) => li.text())).toEqual(before);
    expect(list().attributes('aria-busy')).toBe('true');
    expect(list().classes()).toContain('rm-status-stale');

    // fixed: after the pause the list is the new one (empty: no list), not the kept one
    await typeKeys(wrapper, 'rm-endpoint-input-0', 'https://mirror.example.com');
    await sleep(SETTLE.delayMs + 30);
    await flushPromises();
    expect(status(wrapper).state).toBe('ok');
    expect(list().exists()).toBe(false);
  });
});

describe('the first keystroke of an edit', () => {
  beforeEach(() => {
    SETTLE.delayMs = 40;
  });
  afterEach(() => {
    SETTLE.delayMs = 0;
  });

  it('re-renders the edited card and what says "updating…", not the whole tab (the keystroke that follows a pause paints as fast as the rest)', async() => {
    const renders = new Map<string, number>();
    const countRenders = {
      updated(this: any) {
        const name = this.$options.name;

        renders.set(name, (renders.get(name) ?? 0) + 1);
      },
    };
    const { wrapper, resource } = await mountTab(manyMirrors(30), { mixins: [countRenders] });

    renders.clear();
    await typeKeys(wrapper, 'rm-endpoint-input-0', 'x', { append: true });
    // the edit is in the spec, and the page says it is being checked
    expect(registries(resource).mirrors['registry-0.example.com'].endpoint[0]).toBe('https://cache-0.example.netx');
    expect(status(wrapper).state).toBe('updating');
    expect(shown(wrapper, '[data-testid="rm-preview-updating"]')).toBe(true);
    expect(shown(wrapper, '[data-testid="rm-tools-updating"]')).toBe(true);
    expect(wrapper.get('[data-testid="rm-tools"]').attributes('aria-busy')).toBe('true');
    // the tab itself and the 29 other cards were not rendered again
    expect(renders.get('RegistryMirrorsTab') ?? 0).toBe(0);
    expect(renders.get('MirrorCard') ?? 0).toBeLessThanOrEqual(1);

    // after the pause the derived state is new and nothing says "updating…"
    await sleep(SETTLE.delayMs + 30);
    await flushPromises();
    expect(status(wrapper).state).toBe('error');
    expect(shown(wrapper, '[data-testid="rm-preview-updating"]')).toBe(false);
    expect(wrapper.get('[data-testid="rm-tools"]').attributes('aria-busy')).toBe('false');
  });

  it('shows what says "updating…" without adding or removing a node: the badges and both summaries stay in place, only shown or hidden (a repaint, nothing moves or is laid out again)', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const parts = () => ({
      preview: wrapper.get('[data-testid="rm-preview-updating"]').element,
      tools:   wrapper.get('[data-testid="rm-tools-updating"]').element,
      summary: [...wrapper.get('[data-testid="rm-status-summary"]').element.children],
    });
    const before = parts();

    expect(status(wrapper).text).toBe('No problems found in the registry settings.');
    expect(shown(wrapper, '[data-testid="rm-preview-updating"]')).toBe(false);
    expect(shown(wrapper, '[data-testid="rm-tools-updating"]')).toBe(false);

    await typeKeys(wrapper, 'rm-endpoint-input-0', 'x', { append: true });
    expect(status(wrapper).state).toBe('updating');
    expect(shownText(wrapper.get('[data-testid="rm-status-summary"]').element)).toBe('Checking the change…');
    expect(shown(wrapper, '[data-testid="rm-preview-updating"]')).toBe(true);
    expect(shown(wrapper, '[data-testid="rm-tools-updating"]')).toBe(true);
    // the same nodes: shown, not made
    const during = parts();

    expect(during.preview).toBe(before.preview);
    expect(during.tools).toBe(before.tools);
    during.summary.forEach((el, i) => expect(el).toBe(before.summary[i]));

    // Backspace: the endpoint as it was, and after the pause nothing says "updating…"
    await field(wrapper, 'rm-endpoint-input-0').setValue('https://mirror.example.com:5000');
    await flushPromises();
    await sleep(SETTLE.delayMs + 30);
    await flushPromises();
    expect(status(wrapper).state).toBe('ok');
    expect(status(wrapper).text).toBe('No problems found in the registry settings.');
    expect(shown(wrapper, '[data-testid="rm-preview-updating"]')).toBe(false);
    const after = parts();

    expect(after.preview).toBe(before.preview);
    after.summary.forEach((el, i) => expect(el).toBe(before.summary[i]));
  });
});

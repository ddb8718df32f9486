import { describe, it, expect, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { mountTab, loadSample, type, click } from './helpers';
import { openTool, sleep } from './tools';

const LIST = `# a few images
nginx:1.27
bitnami/redis:7.2
ghcr.io/fluxcd/source-controller:v1.4.1
quay.io/prometheus/prometheus:v3.0.0

Not An Image!
busybox
nginx:1.27
`;

/** docker.io not mirrored; ghcr.io mirrored with a rewrite and no fallback (disable-default-registry-endpoint) */
function cluster() {
  const c = loadSample('empty-new');

  c.spec.rkeConfig.machineGlobalConfig['disable-default-registry-endpoint'] = true;
  c.spec.rkeConfig.registries.mirrors['ghcr.io'] = { endpoint: ['https://ghcr-mirror.example.com'], rewrite: { '^(.*)$': 'ghcr/$1' } };

  return c;
}

async function rowsReady(w: any, n: number) {
  await vi.waitFor(async() => {
    await flushPromises();
    expect(w.get('[data-testid="rm-image-check"]').attributes('data-running')).toBe('false');
    expect(w.findAll('[data-testid="rm-image-check-row"]')).toHaveLength(n);
  }, { timeout: 10000, interval: 20 });
}

const shownImages = (w: any) => w.findAll('[data-testid="rm-image-check-row"]').map((r: any) => r.attributes('data-image'));

describe('many-image check', () => {
  it('checks a pasted list, filters and sorts the table', async() => {
    const { wrapper } = await mountTab(cluster());

    await openTool(wrapper, 'image-check', 'rm-image-check');
    await type(wrapper, 'rm-image-check-list', LIST);
    await rowsReady(wrapper, 6); // blank lines, comments and the duplicate skipped

    expect(shownImages(wrapper)).toEqual(['nginx:1.27', 'bitnami/redis:7.2', 'ghcr.io/fluxcd/source-controller:v1.4.1', 'quay.io/prometheus/prometheus:v3.0.0', 'Not An Image!', 'busybox']);
    const row = (img: string) => wrapper.findAll('[data-testid="rm-image-check-row"]').find((r: any) => r.attributes('data-image') === img)!;

    expect(row('nginx:1.27').get('[data-testid="rm-image-check-host"]').text()).toContain('https://registry-1.docker.io');
    expect(row('nginx:1.27').text()).toContain('= docker.io/library/nginx:1.27');
    // the reason, worded, not the finding code (#7)
    const reasons = (img: string) => row(img).get('[data-testid="rm-image-check-findings"]').text();

    expect(reasons('nginx:1.27')).toContain('This pull goes straight to Docker Hub, which rate-limits anonymous pulls');
    expect(reasons('nginx:1.27')).not.toContain('DOCKER_HUB_DIRECT');
    expect(reasons('Not An Image!')).toContain('"Not An Image!" is not a valid image reference');
    expect(reasons('Not An Image!')).not.toMatch(/IMAGE_INVALID|IMAGE_IN VALID/);
    expect(row('ghcr.io/fluxcd/source-controller:v1.4.1').get('[data-testid="rm-image-check-host"]').text()).toBe('https://ghcr-mirror.example.com');
    expect(row('ghcr.io/fluxcd/source-controller:v1.4.1').get('[data-testid="rm-image-check-fallback"]').text()).toBe('no');
    expect(row('quay.io/prometheus/prometheus:v3.0.0').get('[data-testid="rm-image-check-fallback"]').text()).toBe('yes');
    expect(row('Not An Image!').text()).toContain('invalid');
    expect(wrapper.get('[data-testid="rm-image-check-summary"]').text()).toBe('6 images: 3 straight to Docker Hub, 1 without fallback, 1 rewritten, 1 invalid.');

    // filters
    const filter = (f: string) => wrapper.get(`[data-testid="rm-image-check-filter-${ f }"]`);

    expect(filter('docker-hub-direct').text()).toBe('Goes straight to Docker Hub (3)');
    await filter('docker-hub-direct').trigger('click');
    expect(filter('docker-hub-direct').attributes('aria-pressed')).toBe('true');
    expect(filter('all').attributes('aria-pressed')).toBe('false');
    expect(shownImages(wrapper)).toEqual(['nginx:1.27', 'bitnami/redis:7.2', 'busybox']);
    await filter('no-fallback').trigger('click');
    expect(shownImages(wrapper)).toEqual(['ghcr.io/fluxcd/source-controller:v1.4.1']);
    await filter('rewritten').trigger('click');
    expect(shownImages(wrapper)).toEqual(['ghcr.io/fluxcd/source-controller:v1.4.1']);
    await filter('invalid').trigger('click');
    expect(shownImages(wrapper)).toEqual(['Not An Image!']);
    await filter('all').trigger('click');

    // sorting by column header buttons, with aria-sort on the header
    const th = (c: string) => wrapper.get(`[data-testid="rm-image-check-sort-${ c }"]`).element.parentElement!;

    expect(th('image').getAttribute('aria-sort')).toBe('none');
    await click(wrapper, 'rm-image-check-sort-image');
    expect(th('image').getAttribute('aria-sort')).toBe('ascending');
    // by the full name (docker.io/bitnami/... < docker.io/library/...); the invalid one by what was typed
    const asc = ['bitnami/redis:7.2', 'busybox', 'nginx:1.27', 'ghcr.io/fluxcd/source-controller:v1.4.1', 'Not An Image!', 'quay.io/prometheus/prometheus:v3.0.0'];

    expect(shownImages(wrapper)).toEqual(asc);
    await click(wrapper, 'rm-image-check-sort-image');
    expect(th('image').getAttribute('aria-sort')).toBe('descending');
    expect(shownImages(wrapper)).toEqual([...asc].reverse());

    await click(wrapper, 'rm-image-check-sort-fallback');
    expect(th('image').getAttribute('aria-sort')).toBe('none');
    expect(th('fallback').getAttribute('aria-sort')).toBe('ascending');
    const byFallback = shownImages(wrapper);

    expect(byFallback[0]).toBe('ghcr.io/fluxcd/source-controller:v1.4.1'); // no fallback first
    expect(byFallback[byFallback.length - 1]).toBe('Not An Image!'); // invalid last
  });

  it('words the reasons in the dashboard language (zh-hans)', async() => {
    const { wrapper } = await mountTab(cluster(), { store: { locale: 'zh-hans' } });

    await openTool(wrapper, 'image-check', 'rm-image-check');
    await type(wrapper, 'rm-image-check-list', 'nginx:1.27\nNot An Image!');
    await rowsReady(wrapper, 2);
    const cells = wrapper.findAll('[data-testid="rm-image-check-findings"]').map((c: any) => c.text());

    expect(cells[0]).toContain('此次拉取直接访问 Docker Hub');
    expect(cells[1]).toContain('“Not An Image!”不是有效的镜像引用');
    expect(cells.join()).not.toMatch(/[A-Z]{3,}_[A-Z_]+/);
  });

  it('shows progress on a long list, in slices, and a new input cancels the running check', async() => {
    const { wrapper } = await mountTab(loadSample('empty-new'), { mode: 'create' });
    const panel = await openTool(wrapper, 'image-check', 'rm-image-check');
    const seen: Array<{ now: number; max: number }> = [];
    const observer = new MutationObserver(() => {
      const bar = panel.element.querySelector('[role="progressbar"]');

      if (bar) {
        seen.push({ now: Number(bar.getAttribute('aria-valuenow')), max: Number(bar.getAttribute('aria-valuemax')) });
      }
    });

    observer.observe(panel.element, {
      subtree: true, childList: true, attributes: true, characterData: true
    });
    const long = Array.from({ length: 6000 }, (_, i) => `registry${ i % 40 }.example.com/team/app${ i }:1.0`).join('\n');

    await type(wrapper, 'rm-image-check-list', long);
    await vi.waitFor(async() => {
      await flushPromises();
      expect(seen.some((s) => s.max === 6000 && s.now > 0 && s.now < 6000)).toBe(true);
    }, { timeout: 10000, interval: 5 });
    // a new input while it runs: the long check is dropped, the short one wins
    await type(wrapper, 'rm-image-check-list', 'nginx:1.27\nquay.io/a/b:1');
    await rowsReady(wrapper, 2);
    await sleep(300);
    await flushPromises();
    observer.disconnect();
    expect(shownImages(wrapper)).toEqual(['nginx:1.27', 'quay.io/a/b:1']);
    expect(wrapper.find('[data-testid="rm-image-check-progress"]').exists()).toBe(false);
  });

  it('shows a page of rows at a time on a long result', async() => {
    const { wrapper } = await mountTab(loadSample('empty-new'), { mode: 'create' });

    await openTool(wrapper, 'image-check', 'rm-image-check');
    await type(wrapper, 'rm-image-check-list', Array.from({ length: 250 }, (_, i) => `app${ i }:1.0`).join('\n'));
    await rowsReady(wrapper, 100);
    expect(wrapper.get('[data-testid="rm-image-check-more"]').text()).toBe('Show 100 more (150 not shown)');
    await click(wrapper, 'rm-image-check-more');
    expect(wrapper.findAll('[data-testid="rm-image-check-row"]')).toHaveLength(200);
  });

  it('uses the images of the cluster\'s workloads when the cluster store has them', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    await openTool(wrapper, 'image-check', 'rm-image-check');
    await click(wrapper, 'rm-image-check-workloads');
    await rowsReady(wrapper, 6);
    expect(shownImages(wrapper)).toEqual(expect.arrayContaining(['nginx:1.27', 'busybox:1.36', 'bitnami/redis:7.2', 'ghcr.io/fluxcd/source-controller:v1.4.1']));
    expect(wrapper.get('[data-testid="rm-image-check-workloads-note"]').text()).toBe('6 images of the workloads.');
  });

  it('hides the workload button on a new cluster, or when the cluster store is not there', async() => {
    const a = await mountTab(loadSample('empty-new'), { mode: 'create' });

    await openTool(a.wrapper, 'image-check', 'rm-image-check');
    expect(a.wrapper.find('[data-testid="rm-image-check-workloads"]').exists()).toBe(false);

    const b = await mountTab(loadSample('k3s-rewrites-embedded'), { store: { downstream: null } });

    await openTool(b.wrapper, 'image-check', 'rm-image-check');
    expect(b.wrapper.find('[data-testid="rm-image-check-workloads"]').exists()).toBe(false);

    // a store for another cluster: not this cluster's workloads
    const c = await mountTab(loadSample('k3s-rewrites-embedded'), { store: { downstream: { clusterId: 'c-m-other', pods: [] } } });

    await openTool(c.wrapper, 'image-check', 'rm-image-check');
    expect(c.wrapper.find('[data-testid="rm-image-check-workloads"]').exists()).toBe(false);
  });
});

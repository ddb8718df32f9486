// The RE2 engine that rewrite patterns run on loads only when a cluster has a rewrite
// (src/containerd/re2.ts, pkg/registry-mirrors/utils/re2.ts). Until it is there nothing
// derived from a rewrite may be shown as current: a tab opened on such a cluster says it is
// loading, the first rewrite of an edit says so where its check would be and the banner says
// "updating", and an engine that cannot be loaded is said as an alert. Here the loading is
// held back by the test (a stand-in for utils/re2 with the same API), so each moment can be
// looked at; the real chunk loads in the browser suite (test/e2e/flows/bundle.mjs).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import * as re2 from '@pkg/utils/re2';
import { mountTab, loadSample, registries, type, click, status } from './helpers';

vi.mock('@pkg/utils/re2', async() => {
  const { reactive } = await import('vue');
  const state = reactive({ ready: false, error: undefined as Error | undefined });
  let held: { arrive: () => void; fail: (e: Error) => void } | undefined;
  let loading: Promise<void> | undefined;

  return {
    re2Loaded:    () => state.ready,
    re2LoadError: () => state.error,
    requestRe2:   vi.fn(() => {
      loading ??= new Promise<void>((resolve, reject) => {
        held = {
          arrive: () => {
            state.ready = true;
            resolve();
          },
          fail: (e) => {
            state.error = e;
            loading = undefined;
            reject(e);
          },
        };
      });

      return loading;
    }),
    arrive: () => held?.arrive(),
    fail:   (e: Error) => held?.fail(e),
    reset:  () => {
      state.ready = false;
      state.error = undefined;
      loading = undefined;
      held = undefined;
    },
  };
});

const control = re2 as unknown as typeof re2 & { arrive(): void; fail(e: Error): void; reset(): void };
const LOADING = 'Loading the Go RE2 engine that rewrite patterns run on…';

beforeEach(() => {
  control.reset();
  vi.mocked(re2.requestRe2).mockClear();
});

describe('the RE2 engine, loaded with the first rewrite', () => {
  it('a tab opened on a cluster with rewrites says it is loading, then shows the rewritten try image', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const loading = wrapper.get('[data-testid="rm-tab-loading"] [data-testid="rm-panel-loading"]');

    expect(loading.text()).toBe(LOADING);
    expect(loading.attributes('role')).toBe('status');
    expect(wrapper.find('[data-testid="rm-status"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="rm-route-preview"]').exists()).toBe(false);
    expect(re2.requestRe2).toHaveBeenCalled();

    control.arrive();
    await flushPromises();
    expect(wrapper.find('[data-testid="rm-tab-loading"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="rm-rewrite-try-result-docker.io"]').text()).toBe('On the mirror endpoints this image becomes dockerhub/library/nginx:1.27');
    expect(status(wrapper).state).not.toBe('updating');
  });

  it('an engine that cannot be loaded is said as an alert, with no route or check in its place', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    control.fail(new Error('Loading chunk 662 failed'));
    await flushPromises();
    const alert = wrapper.get('[data-testid="rm-panel-load-error"]');

    expect(alert.attributes('role')).toBe('alert');
    expect(alert.text()).toBe('The Go RE2 engine that rewrite patterns run on could not be loaded (Loading chunk 662 failed): no route or rewrite check is shown without it. Reload the page to try again.');
    expect(wrapper.find('[data-testid="rm-status"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="rm-rewrite-try-result-docker.io"]').exists()).toBe(false);
  });

  it('a cluster without rewrites opens at once without it; the first rewrite says "loading" where its check will be, and the banner "updating", until it is there', async() => {
    const { wrapper, resource } = await mountTab(loadSample('airgap-rke2-v1.31.6'));

    expect(wrapper.find('[data-testid="rm-tab-loading"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="rm-status"]').exists()).toBe(true);
    expect(re2.requestRe2).not.toHaveBeenCalled();

    await type(wrapper, 'rm-rewrite-new-pattern-*', '^(.*)$');
    await type(wrapper, 'rm-rewrite-new-replacement-*', 'proxy/$1');
    await click(wrapper, 'rm-rewrite-add-*');
    // the spec has the rewrite at once; what is derived from it waits for the engine
    expect(registries(resource).mirrors['*']).toEqual({ endpoint: ['https://registry.example.com'], rewrite: { '^(.*)$': 'proxy/$1' } });
    expect(re2.requestRe2).toHaveBeenCalled();
    expect(wrapper.get('[data-testid="rm-rewrite-try-result-*"]').text()).toBe(LOADING);
    expect(wrapper.get('[data-testid="rm-rewrite-0"]').find('[data-testid="rm-rewrite-check-0"]').exists()).toBe(false);
    expect(status(wrapper).state).toBe('updating');

    control.arrive();
    await flushPromises();
    expect(wrapper.get('[data-testid="rm-rewrite-try-result-*"]').text()).toBe('On the mirror endpoints this image becomes proxy/prometheus/node-exporter:v1.8.2');
    expect(wrapper.get('[data-testid="rm-rewrite-check-0"]').text()).toBe('prometheus/node-exporter becomes proxy/prometheus/node-exporter');
    expect(status(wrapper).state).not.toBe('updating');
  });
});

describe('the Registry Routes page on a fleet with a rewrite', () => {
  it('an engine that cannot be loaded is said as an alert, and the page stops "working" instead of showing a half-computed fleet', async() => {
    // a fresh copy of the page and the engine: the engine the test setup loaded is not there
    vi.resetModules();
    const { default: RegistryRoutes } = await import('@pkg/pages/RegistryRoutes.vue');
    const { CLUSTER_LINK_KEY } = await import('@pkg/components/fleet/FleetView.vue');
    const { mount } = await import('@vue/test-utils');
    const { createHarnessStore } = await import('../../harness/src/store');
    const { shellGlobals } = await import('../../harness/src/install-shell');
    const { fleetClusters } = await import('../../harness/src/fleet-sample');
    const store = createHarnessStore({ clusters: fleetClusters(), secrets: [], settings: [] });
    const globals = shellGlobals(store);
    const wrapper = mount(RegistryRoutes, {
      attachTo: document.body,
      global:   {
        ...globals,
        provide: { [CLUSTER_LINK_KEY]: () => '' },
        mocks:   { $route: { name: 'c-cluster-manager-registry-routes', params: { cluster: '_' }, query: {} } },
      },
    });

    await vi.waitFor(async() => {
      await flushPromises();
      expect(re2.requestRe2).toHaveBeenCalled();
    }, { timeout: 10000, interval: 20 });
    expect(wrapper.get('[data-testid="rm-fleet"]').attributes('data-busy')).toBe('true');
    control.fail(new Error('Loading chunk 662 failed'));
    await flushPromises();
    const alert = wrapper.get('[data-testid="rm-panel-load-error"]');

    expect(alert.attributes('role')).toBe('alert');
    expect(alert.text()).toContain('The Go RE2 engine that rewrite patterns run on could not be loaded (Loading chunk 662 failed)');
    expect(wrapper.get('[data-testid="rm-fleet"]').attributes('data-busy')).toBe('false');
    expect(wrapper.findAll('[data-testid^="rm-fleet-link-"]')).toHaveLength(0);
    expect(wrapper.get('[data-testid="rm-fleet-status"]').text()).toBe(''); // no summary of a fleet that was not computed
    wrapper.unmount();
  });
});

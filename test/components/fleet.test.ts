// The Registry Routes page on the sample fleet, mounted with the real shell components
// (SortableTable, LabeledInput) and the harness store, as the standalone page runs it.
import { describe, it, expect } from 'vitest';
import { mount, flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import RegistryRoutes from '@pkg/pages/RegistryRoutes.vue';
import { CLUSTER_LINK_KEY } from '@pkg/components/fleet/FleetView.vue';
import { createHarnessStore } from '../../harness/src/store';
import { shellGlobals } from '../../harness/src/install-shell';
import { fleetClusters, fleetSecrets } from '../../harness/src/fleet-sample';

async function settle(w: any) {
  for (let i = 0; i < 50 && w.find('[data-testid="rm-fleet"]').attributes('data-busy') !== 'false'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    await flushPromises();
  }
  await nextTick();
}

async function mountPage(opts: { globalSdr?: string; secrets?: boolean } = {}) {
  const store = createHarnessStore({
    clusters: fleetClusters(),
    secrets:  opts.secrets === false ? [] : fleetSecrets(),
    settings: [{ id: 'system-default-registry', value: opts.globalSdr || '' }],
  });
  const globals = shellGlobals(store);
  const wrapper = mount(RegistryRoutes, {
    attachTo: document.body,
    global:   {
      ...globals,
      provide: { [CLUSTER_LINK_KEY]: (c: any) => `?fleetCluster=${ c.namespace }/${ c.name }` },
      mocks:   { $route: { name: 'c-cluster-manager-registry-routes', params: { cluster: '_' }, query: {} } },
    },
  });

  await flushPromises();
  await settle(wrapper);

  return { wrapper, store };
}

const names = (w: any) => w.findAll('[data-testid^="rm-fleet-link-"]').map((a: any) => a.text());
const dh = (w: any, name: string) => w.get(`[data-testid="rm-fleet-dh-${ name }"]`).attributes('data-value');
const badges = (w: any, name: string) => w.get(`[data-testid="rm-fleet-posture-${ name }"]`).findAll('[data-badge]').map((b: any) => b.attributes('data-badge'));

describe('Registry Routes page', () => {
  it('one row per RKE2/K3s cluster, sorted by name, with the engine posture as badges', async() => {
    const { wrapper } = await mountPage();

    expect(names(wrapper)).toHaveLength(13);
    expect(names(wrapper)[0]).toBe('airgap-finance');
    expect(dh(wrapper, 'prod-eu-rke2')).toBe('mirrored-no-fallback');
    expect(badges(wrapper, 'prod-eu-rke2')).toEqual(['wildcard-no-fallback']);
    expect(dh(wrapper, 'dev-k3s-sdr')).toBe('direct');
    expect(badges(wrapper, 'dev-k3s-sdr')).toEqual(['sdr-only']);
    expect(badges(wrapper, 'airgap-finance')).toEqual(['no-fallback', 'ca-expired']);
    expect(badges(wrapper, 'ci-runners')).toEqual(['stale-secrets']);
    expect(wrapper.get('[data-testid="rm-fleet-findings-qa-broken-endpoint"]').text()).toBe('1 error');
    expect(wrapper.get('[data-testid="rm-fleet-status"]').text()).toBe('13 clusters: 4 direct to Docker Hub, 3 without fallback, 2 SDR only, 3 with errors');
    expect(wrapper.get('[data-testid="rm-fleet-link-dev-k3s-sdr"]').attributes('href')).toBe('?fleetCluster=fleet-default/dev-k3s-sdr');
    expect(wrapper.get('[data-testid="rm-fleet-skipped"]').text()).toContain('fleet-local/local');
  });

  it('filters: direct to Docker Hub, no fallback, SDR only, has errors', async() => {
    const { wrapper } = await mountPage();
    const cases: Array<[string, string[]]> = [
      ['direct', ['dev-k3s-sdr', 'edge-k3s-store-042', 'retail-rke2-sdr', 'staging-apps']],
      ['no-fallback', ['airgap-finance', 'lab-k3s-wildcard', 'prod-eu-rke2']],
      ['sdr-only', ['dev-k3s-sdr', 'retail-rke2-sdr']],
      ['errors', ['airgap-finance', 'ci-runners', 'qa-broken-endpoint']],
    ];

    for (const [filter, expected] of cases) {
      await wrapper.get(`[data-testid="rm-fleet-filter-${ filter }"]`).trigger('click');
      await flushPromises();
      expect(names(wrapper), filter).toEqual(expected);
      expect(wrapper.get(`[data-testid="rm-fleet-filter-${ filter }"]`).attributes('aria-pressed')).toBe('true');
    }
    await wrapper.get('[data-testid="rm-fleet-filter-all"]').trigger('click');
    await flushPromises();
    expect(names(wrapper)).toHaveLength(13);
  });

  it('the image box: every row shows the first host of that image and whether it falls back', async() => {
    const { wrapper } = await mountPage();

    await wrapper.get('[data-testid="rm-fleet-image"]').setValue('gitea/gitea');
    await flushPromises();
    const route = (name: string) => wrapper.get(`[data-testid="rm-fleet-route-${ name }"]`);

    expect(route('dev-k3s-sdr').text()).toContain('https://registry-1.docker.io/v2');
    expect(route('dev-k3s-sdr').attributes('data-fallback')).toBe('true');
    expect(route('prod-eu-rke2').text()).toContain('https://mirror.eu.example.com/v2');
    expect(route('prod-eu-rke2').text()).toContain('no fallback');
    expect(route('prod-eu-rke2').attributes('data-fallback')).toBe('false');
    expect(route('prod-eu-rke2-next').attributes('data-fallback')).toBe('true');

    await wrapper.get('[data-testid="rm-fleet-image"]').setValue('Not An Image');
    await flushPromises();
    expect(wrapper.get('[data-testid="rm-fleet-image-invalid"]').text()).toContain('"Not An Image" is not a valid image reference');
    expect(wrapper.find('[data-testid="rm-fleet-route-dev-k3s-sdr"]').exists()).toBe(false);
  });

  it('the global system-default-registry makes a cluster without its own SDR only', async() => {
    const { wrapper } = await mountPage({ globalSdr: 'registry.example.com' });

    expect(badges(wrapper, 'staging-apps')).toEqual(['sdr-only']);
    expect(badges(wrapper, 'edge-k3s-store-042')).toEqual(['sdr-only']);
  });

  it('lists auth-config Secrets of fleet-default that no cluster references, names only', async() => {
    const { wrapper } = await mountPage();
    const section = wrapper.get('[data-testid="rm-fleet-secrets"]');

    expect(section.findAll('li').map((li) => li.text())).toEqual(['registryconfig-auth-4xk2p', 'registryconfig-auth-qa-old']);
    expect(section.text()).not.toContain('git-repo-credentials');
  });
});

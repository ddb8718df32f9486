// The seed case in the tab: K3s with system-default-registry oci-mirror.dev.de and no
// mirrors. The tab must not say "No problems found"; one click adds the docker.io mirror.
import { describe, it, expect } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { mountTab, click, codes, registries } from './helpers';

function seedCluster(registriesValue?: unknown) {
  return {
    apiVersion: 'provisioning.cattle.io/v1',
    kind:       'Cluster',
    metadata:   { name: 'dev-k3s-sdr', namespace: 'fleet-default' },
    spec:       {
      kubernetesVersion: 'v1.32.5+k3s1',
      rkeConfig:         { machineGlobalConfig: { 'system-default-registry': 'oci-mirror.dev.de' }, ...(registriesValue ? { registries: registriesValue } : {}) },
    },
  };
}

describe('system-default-registry only (the seed case)', () => {
  it('warns instead of "No problems found", and the fix adds a docker.io mirror to the SDR in one click', async() => {
    const { wrapper, resource } = await mountTab(seedCluster());

    expect(wrapper.get('[data-testid="rm-status"]').attributes('data-status')).toBe('warning');
    expect(codes(wrapper, 'rm-general-findings')).toContain('SDR_ONLY');
    expect(wrapper.get('[data-testid="rm-sdr-fix"]').text()).toContain('oci-mirror.dev.de');
    expect(wrapper.get('[data-testid="rm-route-workload-col"]').text()).toContain('registry-1.docker.io');
    expect(registries(resource)).toBeUndefined(); // nothing written before the click

    await click(wrapper, 'rm-sdr-fix-apply');
    await flushPromises();

    expect(registries(resource)).toEqual({ mirrors: { 'docker.io': { endpoint: ['https://oci-mirror.dev.de'] } } });
    expect(wrapper.find('[data-testid="rm-sdr-fix"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="rm-status"]').attributes('data-status')).toBe('ok');
    expect(wrapper.get('[data-testid="rm-route-workload-col"]').text()).toContain('https://oci-mirror.dev.de/v2/library/');
    expect(resource.spec.rkeConfig.machineGlobalConfig).toEqual({ 'system-default-registry': 'oci-mirror.dev.de' });
  });

  it('a docker.io mirror without endpoints gets the endpoint; a path of the SDR becomes a rewrite', async() => {
    const c = seedCluster({ mirrors: { 'docker.io': { endpoint: [] } } });

    c.spec.rkeConfig.machineGlobalConfig['system-default-registry'] = 'harbor.example.com/proxy';
    const { wrapper, resource } = await mountTab(c);

    await click(wrapper, 'rm-sdr-fix-apply');
    expect(registries(resource)).toEqual({ mirrors: { 'docker.io': { endpoint: ['https://harbor.example.com'], rewrite: { '^(.*)$': 'proxy/$1' } } } });
  });

  it('is not offered in view mode, nor when Docker Hub is already mirrored', async() => {
    const view = await mountTab(seedCluster(), { mode: 'view' });

    expect(view.wrapper.find('[data-testid="rm-sdr-fix"]').exists()).toBe(false);
    const mirrored = await mountTab(seedCluster({ mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'] } } }));

    expect(mirrored.wrapper.find('[data-testid="rm-sdr-fix"]').exists()).toBe(false);
  });
});

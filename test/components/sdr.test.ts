import { describe, it, expect } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { mountTab, loadSample, plain, type } from './helpers';

function sdrOf(w: any) {
  return {
    value:  w.get('[data-testid="rm-sdr-value"]').text(),
    source: w.get('[data-testid="rm-sdr-source"]').attributes('data-source'),
  };
}

describe('system-default-registry: shown, explained, never written', () => {
  it('takes machineGlobalConfig first', async() => {
    const { wrapper } = await mountTab(loadSample('airgap-rke2-v1.31.6'), { store: { settings: [{ id: 'system-default-registry', value: 'global.example.com' }] } });

    expect(sdrOf(wrapper)).toEqual({ value: 'registry.example.com', source: 'machineGlobalConfig' });
    expect(wrapper.get('[data-testid="rm-sdr-source"]').text()).toContain('machineGlobalConfig');
    expect(wrapper.get('[data-testid="rm-sdr-example"]').text()).toContain('registry.example.com/rancher/rancher-agent:v2.13.0');
  });

  it('then the machineSelectorConfig entry without a label selector', async() => {
    const c = loadSample('empty-new');

    c.spec.rkeConfig.machineSelectorConfig = [
      { machineLabelSelector: { matchLabels: { a: 'b' } }, config: { 'system-default-registry': 'wrong.example.com' } },
      { config: { 'system-default-registry': 'agent.example.com' } },
    ];
    const { wrapper } = await mountTab(c, { store: { settings: [{ id: 'system-default-registry', value: 'global.example.com' }] } });

    expect(sdrOf(wrapper)).toEqual({ value: 'agent.example.com', source: 'machineSelectorConfig' });
  });

  it('then the global setting, else not set', async() => {
    const { wrapper } = await mountTab(loadSample('empty-new'), { store: { settings: [{ id: 'system-default-registry', value: 'global.example.com' }] } });

    expect(sdrOf(wrapper)).toEqual({ value: 'global.example.com', source: 'globalSetting' });
    const { wrapper: w2 } = await mountTab(loadSample('empty-new'));

    expect(sdrOf(w2)).toEqual({ value: 'Not set', source: 'none' });
  });

  it('the what-if value changes the preview only, and nothing writes SDR', async() => {
    const cluster = loadSample('airgap-rke2-v1.31.6');
    const { wrapper, resource } = await mountTab(cluster);
    const systemHosts = () => wrapper.get('[data-testid="rm-route-system"]').findAll('[data-testid="rm-attempt-host"]').map((h) => h.text());

    expect(systemHosts()).toEqual(['registry.example.com']);
    await type(wrapper, 'rm-sdr-whatif', 'other.example.com:5000');
    expect(wrapper.get('[data-testid="rm-route-system-rename"]').text()).toContain('other.example.com:5000/rancher/nginx:1.27');
    // * mirror on the buggy version: the mirror only
    expect(systemHosts()).toEqual(['registry.example.com']);
    expect(wrapper.get('[data-testid="rm-route-system"]').get('[data-testid="rm-attempt-url"]').text()).toBe('https://registry.example.com/v2/rancher/nginx/manifests/1.27?ns=other.example.com%3A5000');

    // edits elsewhere do not touch it either
    await wrapper.get('[data-testid="rm-endpoint-input-0"]').setValue('https://registry2.example.com');
    await flushPromises();
    const after = plain(resource);

    expect(after.spec.rkeConfig.machineGlobalConfig).toEqual(loadSample('airgap-rke2-v1.31.6').spec.rkeConfig.machineGlobalConfig);
    expect(after.spec.rkeConfig.machineSelectorConfig).toEqual(loadSample('airgap-rke2-v1.31.6').spec.rkeConfig.machineSelectorConfig);
    expect(JSON.stringify(after.spec.rkeConfig.registries)).not.toContain('other.example.com');
  });

  it('never creates SDR on a cluster that has none, in any mode', async() => {
    for (const mode of ['create', 'edit'] as const) {
      const { wrapper, resource } = await mountTab(loadSample('empty-new'), { mode, store: { settings: [{ id: 'system-default-registry', value: 'global.example.com' }] } });

      await type(wrapper, 'rm-sdr-whatif', 'x.example.com');
      await type(wrapper, 'rm-mirror-new', 'docker.io');
      await wrapper.get('[data-testid="rm-mirror-add"]').trigger('click');
      await flushPromises();
      expect(JSON.stringify(plain(resource))).not.toContain('system-default-registry');
    }
  });
});

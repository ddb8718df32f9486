// The tab speaks the dashboard's language (Rancher's i18n/selected), findings included,
// and follows a switch while it is open.
import { describe, it, expect } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { mountTab, loadSample, status } from './helpers';

describe('the tab follows the dashboard locale', () => {
  it('renders in zh-hans with translated findings, and switches back to English live', async() => {
    const { wrapper, store } = await mountTab(loadSample('airgap-rke2-v1.31.6'), { store: { locale: 'zh-hans' } });
    const card = () => wrapper.get('[data-testid="rm-mirror-*"]');

    // an endpoint the node reads as plain HTTP: the engine's finding, worded in Chinese
    await card().get('[data-testid="rm-endpoint-input-0"]').setValue('http://registry.example.com');
    await flushPromises();
    const finding = card().get('[data-testid="rm-finding-ENDPOINT_HTTP"]');

    expect(finding.text()).toContain('“http://registry.example.com”是纯 HTTP');
    expect(finding.text()).toContain('修复：使用 https://');
    expect(finding.text()).not.toMatch(/plain HTTP|Fix:/);
    expect(status(wrapper).text).toMatch(/个警告/);
    expect(wrapper.text()).toContain('镜像仓库配置');
    expect(wrapper.text()).not.toContain('Registry configs');
    // the wildcard release banner of v1.31.6 and its fix
    expect(wrapper.text()).toContain('没有回退');

    store.commit('i18n/setSelected', 'en-us');
    await flushPromises();
    expect(card().get('[data-testid="rm-finding-ENDPOINT_HTTP"]').text()).toContain('"http://registry.example.com" is plain HTTP');
    expect(wrapper.text()).toContain('Registry configs');
    expect(wrapper.text()).not.toContain('镜像仓库配置');
  });

  it('shows no untranslated key placeholder (%registryMirrors.…%) in zh-hans', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'), { store: { locale: 'zh-hans' } });

    expect(wrapper.text()).not.toMatch(/%registryMirrors\./);
  });
});

import { describe, it, expect } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import {
  mountTab, loadSample, codes, status
} from './helpers';

describe('validation from the engine findings', () => {
  it('shows an endpoint error next to the endpoint, with its fix, and clears it', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const card = () => wrapper.get('[data-testid="rm-mirror-ghcr.io"]');
    const row = () => card().get('[data-testid="rm-endpoint-0"]');

    expect(wrapper.get('[data-testid="rm-tab"]').attributes('data-errors')).toBe('0');
    expect(wrapper.get('[data-testid="rm-status"]').attributes('data-status')).toBe('ok');

    await card().get('[data-testid="rm-endpoint-input-0"]').setValue('ftp://mirror.example.com');
    await flushPromises();
    expect(codes(wrapper, 'rm-mirror-ghcr.io')).toContain('ENDPOINT_SCHEME');
    const finding = row().get('[data-testid="rm-finding-ENDPOINT_SCHEME"]');

    expect(finding.attributes('data-severity')).toBe('error');
    expect(finding.text()).toContain('Fix: Use https://');
    // the tab is in an error state
    expect(wrapper.get('[data-testid="rm-status"]').attributes('data-status')).toBe('error');
    expect(status(wrapper).text).toContain('1 error');
    expect(card().classes()).toContain('rm-card-error');

    await card().get('[data-testid="rm-endpoint-input-0"]').setValue('https://mirror.example.com:5000');
    await flushPromises();
    expect(row().find('[data-testid="rm-finding-ENDPOINT_SCHEME"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="rm-status"]').attributes('data-status')).toBe('ok');
  });

  it('flags a rewrite that would break hosts.toml and an invalid RE2 pattern on their rows', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const card = wrapper.get('[data-testid="rm-mirror-ghcr.io"]');

    await card.get('[data-testid="rm-rewrite-pattern-0"]').setValue('^(.*)\\.tgz$');
    await card.get('[data-testid="rm-rewrite-pattern-0"]').trigger('blur');
    await flushPromises();
    expect(codes(wrapper, 'rm-mirror-ghcr.io')).toContain('REWRITE_BREAKS_TOML');
    expect(card.get('[data-testid="rm-rewrite-0"]').find('[data-testid="rm-finding-REWRITE_BREAKS_TOML"]').exists()).toBe(true);

    await card.get('[data-testid="rm-rewrite-pattern-0"]').setValue('^(?=x)(.*)$');
    await card.get('[data-testid="rm-rewrite-pattern-0"]').trigger('blur');
    await flushPromises();
    expect(card.get('[data-testid="rm-rewrite-0"]').get('[data-testid="rm-finding-REWRITE_INVALID"]').text()).toContain('look-ahead');
    expect(card.get('[data-testid="rm-rewrite-check-0"]').text()).toContain('Invalid pattern');

    await card.get('[data-testid="rm-rewrite-pattern-0"]').setValue('^(.*)$');
    await card.get('[data-testid="rm-rewrite-pattern-0"]').trigger('blur');
    await flushPromises();
    expect(codes(wrapper, 'rm-mirror-ghcr.io').filter((c) => c.startsWith('REWRITE'))).toEqual([]);
  });

  it('flags a mirror key with a scheme, a config nobody uses and skip-verify', async() => {
    const cluster = loadSample('airgap-rke2-v1.31.6');

    cluster.spec.rkeConfig.registries.mirrors['https://docker.io'] = { endpoint: ['https://registry.example.com'] };
    cluster.spec.rkeConfig.registries.configs['registry.example.com:443'] = { insecureSkipVerify: true };
    const { wrapper } = await mountTab(cluster);

    expect(codes(wrapper, 'rm-mirror-https://docker.io')).toContain('MIRROR_KEY_INVALID');
    const cfg = wrapper.get('[data-testid="rm-config-registry.example.com:443"]');

    expect(codes(wrapper, 'rm-config-registry.example.com:443')).toEqual(expect.arrayContaining(['CONFIG_KEY_MISMATCH', 'SKIP_VERIFY']));
    expect(cfg.get('[data-testid="rm-finding-CONFIG_KEY_MISMATCH"]').text()).toContain('Rename the config key to registry.example.com');
    expect(wrapper.get('[data-testid="rm-status"]').attributes('data-status')).toBe('error');
  });

  it('reports a CA bundle stored as bare PEM and fixes it with one click', async() => {
    const cluster = loadSample('airgap-rke2-v1.31.6');
    const cfg = cluster.spec.rkeConfig.registries.configs['registry.example.com'];

    cfg.caBundle = atob(cfg.caBundle);
    const { wrapper, resource } = await mountTab(cluster);

    expect(codes(wrapper, 'rm-config-registry.example.com')).toContain('CA_BUNDLE_INVALID');
    await wrapper.get('[data-testid="rm-config-ca-encode"]').trigger('click');
    await flushPromises();
    expect(resource.spec.rkeConfig.registries.configs['registry.example.com'].caBundle).toBe(loadSample('airgap-rke2-v1.31.6').spec.rkeConfig.registries.configs['registry.example.com'].caBundle);
    expect(codes(wrapper, 'rm-config-registry.example.com')).not.toContain('CA_BUNDLE_INVALID');
  });

  it('warns about a Secret that does not exist (deleted) in the cluster namespace', async() => {
    const cluster = loadSample('airgap-rke2-v1.31.6');

    cluster.spec.rkeConfig.registries.configs['registry.example.com'].authConfigSecretName = 'deleted-secret';
    const { wrapper } = await mountTab(cluster);
    const auth = wrapper.get('[data-testid="rm-config-registry.example.com"]').get('[data-testid="rm-config-auth"]');

    expect(auth.get('[data-testid="rm-finding-SECRET_MISSING"]').text()).toContain('deleted-secret');
  });

  it('flags credentials in an endpoint URL and never shows the password outside the field', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const card = wrapper.get('[data-testid="rm-mirror-ghcr.io"]');

    await card.get('[data-testid="rm-endpoint-input-0"]').setValue('https://robot:hunter2@mirror.example.com:5000');
    await flushPromises();
    expect(card.get('[data-testid="rm-endpoint-0"]').find('[data-testid="rm-finding-ENDPOINT_CREDENTIALS"]').exists()).toBe(true);
    expect(wrapper.text()).not.toContain('hunter2');
    // the field itself holds what was typed; nothing else repeats it
    expect(wrapper.html().replace(/ value="[^"]*"/g, '')).not.toContain('hunter2');
  });
});

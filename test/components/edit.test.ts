import { describe, it, expect } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import {
  mountTab, loadSample, type, click, toggle, registries, field, outsideRegistries
} from './helpers';
import { TEST_CA_PEM as PEM } from '../fixtures/test-ca';
import SecretSelector from '@shell/components/form/SecretSelector.vue';

describe('editing writes the right spec', () => {
  it('adds a mirror from the input and from a quick pick, with endpoints', async() => {
    const { wrapper, resource } = await mountTab(loadSample('empty-new'), { mode: 'create' });

    await type(wrapper, 'rm-mirror-new', 'registry.example.com:5000');
    await click(wrapper, 'rm-mirror-add');
    await click(wrapper, 'rm-mirror-quick-docker.io');
    await type(wrapper, 'rm-endpoint-new-docker.io', 'https://mirror.example.com');
    await click(wrapper, 'rm-endpoint-add-docker.io');
    await type(wrapper, 'rm-endpoint-new-docker.io', 'https://mirror2.example.com/prefix');
    await field(wrapper, 'rm-endpoint-new-docker.io').trigger('keydown', { key: 'Enter' });
    await flushPromises();

    expect(registries(resource)).toEqual({
      configs: {},
      mirrors: {
        'registry.example.com:5000': { endpoint: [] },
        'docker.io':                 { endpoint: ['https://mirror.example.com', 'https://mirror2.example.com/prefix'] },
      },
    });
    // only registries changed
    expect(outsideRegistries(resource)).toEqual(outsideRegistries(loadSample('empty-new')));
  });

  it('refuses an empty or duplicate mirror key without writing', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);

    await click(wrapper, 'rm-mirror-add');
    expect(wrapper.get('[data-testid="rm-mirror-new-error"]').text()).toContain('Enter the registry host');
    await type(wrapper, 'rm-mirror-new', 'ghcr.io');
    await click(wrapper, 'rm-mirror-add');
    expect(wrapper.get('[data-testid="rm-mirror-new-error"]').text()).toContain('already a mirror');
    await type(wrapper, 'rm-mirror-key-docker.io', 'ghcr.io');
    expect(wrapper.get('[data-testid="rm-mirror-key-error"]').text()).toContain('already a mirror');
    await type(wrapper, 'rm-mirror-key-docker.io', '');
    expect(registries(resource)).toEqual(before);
  });

  it('edits, removes endpoints and removes a mirror', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));

    await type(wrapper, 'rm-mirror-key-ghcr.io', 'ghcr.io');
    const ghcr = wrapper.get('[data-testid="rm-mirror-ghcr.io"]');

    await ghcr.get('[data-testid="rm-endpoint-input-0"]').setValue('https://ghcr-mirror.example.com');
    await flushPromises();
    expect(registries(resource).mirrors['ghcr.io'].endpoint).toEqual(['https://ghcr-mirror.example.com']);
    await ghcr.get('[data-testid="rm-endpoint-remove-0"]').trigger('click');
    await flushPromises();
    expect(registries(resource).mirrors['ghcr.io'].endpoint).toEqual([]);
    await click(wrapper, 'rm-mirror-remove-quay.io');
    expect(Object.keys(registries(resource).mirrors)).toEqual(['docker.io', 'ghcr.io']);
  });

  it('edits rewrites: pattern, replacement, add, remove, with the live check', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const card = wrapper.get('[data-testid="rm-mirror-docker.io"]');

    // the default try image is nginx:1.27 -> library/nginx
    expect(card.get('[data-testid="rm-rewrite-try-result-docker.io"]').text()).toContain('dockerhub/library/nginx:1.27');
    expect(card.get('[data-testid="rm-rewrite-check-0"]').text()).toContain('library/nginx becomes dockerhub/library/nginx');
    expect(card.get('[data-testid="rm-rewrite-check-1"]').text()).toContain('Does not match');

    await card.get('[data-testid="rm-rewrite-try-docker.io"]').setValue('bitnami/redis:7');
    await flushPromises();
    expect(card.get('[data-testid="rm-rewrite-try-result-docker.io"]').text()).toContain('dockerhub/bitnami/redis:7');

    await card.get('[data-testid="rm-rewrite-replacement-1"]').setValue('hub/$1/$2');
    await card.get('[data-testid="rm-rewrite-pattern-0"]').setValue('^library/(.+)$');
    await card.get('[data-testid="rm-rewrite-pattern-0"]').trigger('blur');
    await flushPromises();
    expect(registries(resource).mirrors['docker.io'].rewrite).toEqual({ '^library/(.+)$': 'dockerhub/library/$1', '^(rancher|bitnami)/(.*)$': 'hub/$1/$2' });

    await card.get('[data-testid="rm-rewrite-new-pattern-docker.io"]').setValue('^prom/(.*)$');
    await card.get('[data-testid="rm-rewrite-new-replacement-docker.io"]').setValue('quay/prom/$1');
    await card.get('[data-testid="rm-rewrite-add-docker.io"]').trigger('click');
    await flushPromises();
    await card.get('[data-testid="rm-rewrite-remove-0"]').trigger('click');
    await flushPromises();
    expect(registries(resource).mirrors['docker.io'].rewrite).toEqual({ '^(rancher|bitnami)/(.*)$': 'hub/$1/$2', '^prom/(.*)$': 'quay/prom/$1' });

    // a duplicate pattern is held back as a draft with a message, not written
    await card.get('[data-testid="rm-rewrite-pattern-0"]').setValue('^prom/(.*)$');
    await flushPromises();
    expect(card.get('[data-testid="rm-rewrite-draft-error-0"]').text()).toContain('already exists');
    expect(Object.keys(registries(resource).mirrors['docker.io'].rewrite)).toEqual(['^(rancher|bitnami)/(.*)$', '^prom/(.*)$']);
  });

  it('adds rewrites to a mirror that had none (creates the map)', async() => {
    const { wrapper, resource } = await mountTab(loadSample('airgap-rke2-v1.31.6'));

    await type(wrapper, 'rm-rewrite-new-pattern-*', '^(.*)$');
    await type(wrapper, 'rm-rewrite-new-replacement-*', 'proxy/$1');
    await click(wrapper, 'rm-rewrite-add-*');
    expect(registries(resource).mirrors['*']).toEqual({ endpoint: ['https://registry.example.com'], rewrite: { '^(.*)$': 'proxy/$1' } });
  });

  it('edits a registry config: host, secrets, CA bundle, skip-verify', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const host = 'mirror.example.com:5000';

    await type(wrapper, `rm-config-host-${ host }`, 'mirror.example.com');
    const card = wrapper.get('[data-testid="rm-config-mirror.example.com"]');
    const selectors = card.findAllComponents(SecretSelector);

    expect(selectors).toHaveLength(2);
    selectors[0].vm.$emit('update:value', 'dockerhub-pull');
    selectors[1].vm.$emit('update:value', undefined); // None
    await flushPromises();

    await card.get('[data-testid="rm-config-ca-mirror.example.com"]').setValue(PEM);
    await flushPromises();
    expect(card.get('[data-testid="rm-config-certs"]').text()).toContain('CN=Example Registry CA, O=Example Org');
    expect(card.get('[data-testid="rm-config-certs"]').text()).toContain('2036-11-20');

    await toggle(wrapper, 'rm-config-skip-mirror.example.com');
    expect(wrapper.find('[data-testid="rm-config-skip-warning"]').exists()).toBe(true);

    const c = registries(resource).configs['mirror.example.com'];

    expect(c.authConfigSecretName).toBe('dockerhub-pull');
    expect('tlsSecretName' in c).toBe(false);
    expect(atob(c.caBundle)).toBe(PEM);
    expect(c.insecureSkipVerify).toBe(true);
    expect(Object.keys(registries(resource).configs)).toEqual(['mirror.example.com']);

    // base64 input is stored as is; clearing removes the field
    await card.get('[data-testid="rm-config-ca-mirror.example.com"]').setValue(btoa(PEM));
    await flushPromises();
    expect(registries(resource).configs['mirror.example.com'].caBundle).toBe(btoa(PEM));
    await card.get('[data-testid="rm-config-ca-mirror.example.com"]').setValue('');
    await flushPromises();
    expect('caBundle' in registries(resource).configs['mirror.example.com']).toBe(false);
  });

  it('offers configs for endpoint hosts without one, and flags configs nobody uses', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');

    cluster.spec.rkeConfig.registries.mirrors['docker.io'].endpoint.push('https://second.example.com');
    cluster.spec.rkeConfig.registries.configs['unused.example.com'] = { insecureSkipVerify: false };
    const { wrapper, resource } = await mountTab(cluster);

    expect(wrapper.get('[data-testid="rm-config-unused.example.com"]').find('[data-testid="rm-finding-CONFIG_UNUSED"]').exists()).toBe(true);
    await click(wrapper, 'rm-config-suggest-second.example.com');
    expect(registries(resource).configs['second.example.com']).toEqual({});
    expect(wrapper.find('[data-testid="rm-config-suggest-second.example.com"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="rm-config-second.example.com"]').get('[data-testid="rm-config-used-by"]').text()).toContain('docker.io → https://second.example.com');
  });

  it('a config card lists what the engine says uses it: registry-1.docker.io serves docker.io, no fallback with disable-default (#12)', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');
    const regs = cluster.spec.rkeConfig.registries;

    cluster.spec.kubernetesVersion = 'v1.31.11+k3s1';
    cluster.spec.rkeConfig.machineGlobalConfig = { ...cluster.spec.rkeConfig.machineGlobalConfig, 'disable-default-registry-endpoint': true };
    regs.mirrors = { 'docker.io': { endpoint: ['https://registry-1.docker.io', 'https://mirror.example.com'] } };
    regs.configs = { 'registry-1.docker.io': { insecureSkipVerify: true }, 'mirror.example.com': {} };
    const { wrapper } = await mountTab(cluster);

    // the endpoint registry-1.docker.io finds this config (K3s looks docker.io up under
    // registry-1.docker.io first); with disable-default the registry itself is not tried
    expect(wrapper.get('[data-testid="rm-config-registry-1.docker.io"]').get('[data-testid="rm-config-used-by"]').text()).toBe('Used by: docker.io → https://registry-1.docker.io');
    expect(wrapper.get('[data-testid="rm-config-mirror.example.com"]').get('[data-testid="rm-config-used-by"]').text()).toBe('Used by: docker.io → https://mirror.example.com');
    // every endpoint host has its config: nothing to suggest
    expect(wrapper.find('[data-testid="rm-config-suggestions"]').exists()).toBe(false);
  });

  it('creates an auth Secret in the cluster namespace and stores only its name', async() => {
    const { wrapper, resource, store } = await mountTab(loadSample('airgap-rke2-v1.31.6'));
    const card = wrapper.get('[data-testid="rm-config-registry.example.com"]');

    await card.get('[data-testid="rm-config-create-secret"]').trigger('click');
    await flushPromises();
    await card.get('[data-testid="rm-config-create-username"]').setValue('robot');
    await card.get('[data-testid="rm-config-create-password"]').setValue('s3cr3t-value');
    expect(card.get('[data-testid="rm-config-create-password"]').attributes('type')).toBe('password');
    await card.get('[data-testid="rm-config-create-submit"]').trigger('click');
    await flushPromises();

    const created = store.getters['management/all']('secret').filter((s: any) => s.metadata.name.startsWith('registryconfig-auth-'));

    expect(created).toHaveLength(1);
    expect(created[0].metadata.namespace).toBe('fleet-default');
    expect(created[0]._type).toBe('rke.cattle.io/auth-config');
    expect(registries(resource).configs['registry.example.com'].authConfigSecretName).toBe(created[0].metadata.name);
    expect(wrapper.find('[data-testid="rm-config-create-form"]').exists()).toBe(false);
    // the credential never reaches the page or the cluster
    expect(wrapper.html()).not.toContain('s3cr3t-value');
    expect(JSON.stringify(resource)).not.toContain('s3cr3t');
    expect(JSON.stringify(resource)).not.toContain(btoa('s3cr3t-value'));
  });
});

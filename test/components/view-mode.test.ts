import { describe, it, expect } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { mountTab, loadSample, plain } from './helpers';
import { modeFromRoute } from '@pkg/utils/mode';
import SecretSelector from '@shell/components/form/SecretSelector.vue';
import { LabeledInput } from '@components/Form/LabeledInput';
import { Checkbox } from '@components/Form/Checkbox';

describe('mode from the route', () => {
  it('reads create, edit and view like the cluster page does', () => {
    expect(modeFromRoute({ name: 'c-cluster-product-resource-create', query: {} })).toBe('create');
    expect(modeFromRoute({ name: 'c-cluster-product-resource-namespace-id', query: { mode: 'edit' } })).toBe('edit');
    expect(modeFromRoute({ name: 'c-cluster-product-resource-namespace-id', query: { mode: 'edit', as: 'config' } })).toBe('view');
    expect(modeFromRoute({ name: 'c-cluster-product-resource-namespace-id', query: { as: 'config' } })).toBe('view');
    expect(modeFromRoute({ name: 'c-cluster-product-resource-namespace-id', query: {} })).toBe('view');
    expect(modeFromRoute({ name: 'c-cluster-product-resource-namespace-id', query: { mode: 'clone' } })).toBe('create');
    expect(modeFromRoute(undefined)).toBe('view');
  });
});

describe('view mode is read-only', () => {
  for (const name of ['airgap-rke2-v1.31.6', 'k3s-rewrites-embedded']) {
    it(`${ name }: no edit controls, Secret names as text instead of pickers, fields disabled, forced events write nothing`, async() => {
      const cluster = loadSample(name);
      const before = plain(cluster);
      const { wrapper, resource } = await mountTab(cluster, { route: { name: 'c-cluster-product-resource-namespace-id', query: { as: 'config' } } });
      const tab = wrapper.get('[data-testid="rm-tab"]');

      expect(tab.attributes('data-mode')).toBe('view');
      expect(wrapper.find('[data-testid="rm-view-banner"]').exists()).toBe(true);
      // no add / remove / move / create controls
      for (const sel of ['rm-mirror-add', 'rm-mirror-new', 'rm-config-add', 'rm-config-create-secret']) {
        expect(wrapper.find(`[data-testid="${ sel }"]`).exists()).toBe(false);
      }
      expect(wrapper.findAll('[data-testid^="rm-endpoint-up-"]')).toHaveLength(0);
      expect(wrapper.findAll('[data-testid^="rm-endpoint-remove-"]')).toHaveLength(0);
      expect(wrapper.findAll('[data-testid^="rm-mirror-remove-"]')).toHaveLength(0);
      expect(wrapper.findAll('[data-testid^="rm-config-remove-"]')).toHaveLength(0);
      expect(wrapper.findAll('[draggable="true"]')).toHaveLength(0);

      // every form field of the registries is disabled; only the preview inputs are live
      const live = ['rm-preview-image', 'rm-sdr-whatif'];
      const enabled = wrapper.findAll('input:not([disabled]), textarea:not([disabled])')
        .filter((i) => i.attributes('type') !== 'checkbox')
        .map((i) => i.attributes('data-testid') || '')
        .filter((id) => !live.includes(id) && !id.startsWith('rm-rewrite-try-'));

      expect(enabled).toEqual([]);

      // view mode shows the Secret names as text: no picker at all
      expect(wrapper.findAllComponents(SecretSelector)).toHaveLength(0);
      const configs = cluster.spec.rkeConfig.registries.configs;
      const host = Object.keys(configs)[0];
      const inputs = wrapper.findAllComponents(LabeledInput);
      const byTestId = (id: string) => inputs.find((c) => c.attributes('data-testid') === id || c.find(`[data-testid="${ id }"]`).exists());
      const authName = byTestId('rm-config-auth-name');
      const tlsName = byTestId('rm-config-tls-name');

      expect(authName, 'the auth Secret name field').toBeDefined();
      expect(tlsName, 'the TLS Secret name field').toBeDefined();
      if (configs[host].authConfigSecretName) {
        expect(authName?.props('value')).toBe(configs[host].authConfigSecretName);
      }

      // even a forced event does not write: on the mirror key, every checkbox and both Secret name fields
      const key = Object.keys(cluster.spec.rkeConfig.registries.mirrors)[0];
      const keyInput = inputs.find((c) => c.attributes('data-testid') === `rm-mirror-key-${ key }` || c.find(`[data-testid="rm-mirror-key-${ key }"]`).exists());
      const checkboxes = wrapper.findAllComponents(Checkbox);

      expect(keyInput, `the mirror key field of ${ key }`).toBeDefined();
      expect(checkboxes.length).toBeGreaterThan(0);
      keyInput?.vm.$emit('update:value', 'changed.example.com');
      checkboxes.forEach((c) => c.vm.$emit('update:value', true));
      authName?.vm.$emit('update:value', 'other');
      tlsName?.vm.$emit('update:value', 'other');
      await flushPromises();
      expect(plain(resource)).toEqual(before);
    });
  }

  it('create and edit write', async() => {
    for (const mode of ['create', 'edit'] as const) {
      const { wrapper, resource } = await mountTab(loadSample('airgap-rke2-v1.31.6'), { mode });

      expect(wrapper.get('[data-testid="rm-tab"]').attributes('data-mode')).toBe(mode);
      await wrapper.get('[data-testid="rm-endpoint-input-0"]').setValue('https://other.example.com');
      await flushPromises();
      expect(resource.spec.rkeConfig.registries.mirrors['*'].endpoint).toEqual(['https://other.example.com']);
    }
  });
});

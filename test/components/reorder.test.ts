import { describe, it, expect } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { mountTab, loadSample, registries } from './helpers';

function clusterWith(endpoints: string[]) {
  const c = loadSample('k3s-rewrites-embedded');

  c.spec.rkeConfig.registries.mirrors['docker.io'].endpoint = endpoints;

  return c;
}

describe('endpoint order', () => {
  it('moves endpoints with the Move up/down buttons, which are labelled for screen readers', async() => {
    const { wrapper, resource } = await mountTab(clusterWith(['https://a.example.com', 'https://b.example.com', 'https://c.example.com']));
    const card = wrapper.get('[data-testid="rm-mirror-docker.io"]');
    const up = card.get('[data-testid="rm-endpoint-up-2"]');

    expect(up.attributes('aria-label')).toBe('Move up');
    expect(card.get('[data-testid="rm-endpoint-down-0"]').attributes('aria-label')).toBe('Move down');
    // which endpoint it moves is in the description
    expect(card.get(`#${ up.attributes('aria-describedby') }`).text()).toBe('Endpoint 3: https://c.example.com');
    expect(card.get('[data-testid="rm-endpoint-up-0"]').attributes('disabled')).toBeDefined();
    expect(card.get('[data-testid="rm-endpoint-down-2"]').attributes('disabled')).toBeDefined();

    await up.trigger('click');
    await flushPromises();
    expect(registries(resource).mirrors['docker.io'].endpoint).toEqual(['https://a.example.com', 'https://c.example.com', 'https://b.example.com']);
    // the keyboard stays on the moved endpoint
    expect(document.activeElement?.getAttribute('data-testid')).toBe('rm-endpoint-up-1');

    await card.get('[data-testid="rm-endpoint-down-0"]').trigger('click');
    await flushPromises();
    expect(registries(resource).mirrors['docker.io'].endpoint).toEqual(['https://c.example.com', 'https://a.example.com', 'https://b.example.com']);
    expect(wrapper.text()).toContain('Endpoint moved to position 2');
  });

  it('moves an endpoint by drag and drop', async() => {
    const { wrapper, resource } = await mountTab(clusterWith(['https://a.example.com', 'https://b.example.com', 'https://c.example.com']));
    const card = wrapper.get('[data-testid="rm-mirror-docker.io"]');

    await card.get('[data-testid="rm-endpoint-drag-0"]').trigger('dragstart');
    await card.get('[data-testid="rm-endpoint-2"]').trigger('dragover');
    await card.get('[data-testid="rm-endpoint-2"]').trigger('drop');
    await flushPromises();
    expect(registries(resource).mirrors['docker.io'].endpoint).toEqual(['https://b.example.com', 'https://c.example.com', 'https://a.example.com']);
  });

  it('the route preview follows the new order', async() => {
    const { wrapper } = await mountTab(clusterWith(['https://a.example.com', 'https://b.example.com']));
    const hosts = () => wrapper.get('[data-testid="rm-route-workload"]').findAll('[data-testid="rm-attempt-host"]').map((h) => h.text());

    expect(hosts()).toEqual(['127.0.0.1:6443', 'a.example.com', 'b.example.com', 'registry-1.docker.io']);
    await wrapper.get('[data-testid="rm-mirror-docker.io"]').get('[data-testid="rm-endpoint-down-0"]').trigger('click');
    await flushPromises();
    expect(hosts()).toEqual(['127.0.0.1:6443', 'b.example.com', 'a.example.com', 'registry-1.docker.io']);
  });
});

import { describe, it, expect } from 'vitest';
import {
  mountTab, loadSample, plain, type, toggle, registries, outsideRegistries, SAMPLE_NAMES
} from './helpers';

describe('the tab changes nothing it was not asked to', () => {
  for (const name of SAMPLE_NAMES) {
    for (const mode of ['create', 'edit', 'view'] as const) {
      it(`an untouched mount leaves ${ name } deep-equal (${ mode })`, async() => {
        const cluster = loadSample(name);
        const before = plain(cluster);
        const { wrapper, resource } = await mountTab(cluster, { mode });

        // interacting with what does not write (preview, what-if, try image) is still untouched
        await type(wrapper, 'rm-preview-image', 'quay.io/org/app:2');
        await type(wrapper, 'rm-sdr-whatif', 'other.example.com:5000');
        expect(plain(resource)).toEqual(before);
        wrapper.unmount();
        expect(plain(resource)).toEqual(before);
      });
    }
  }

  it('does not create rkeConfig.registries on a cluster without it', async() => {
    const cluster = loadSample('empty-new');

    delete cluster.spec.rkeConfig.registries;
    const before = plain(cluster);
    const { wrapper, resource } = await mountTab(cluster, { mode: 'create' });

    expect(wrapper.get('[data-testid="rm-mirrors-empty"]').text()).toContain('No mirrors');
    expect(plain(resource)).toEqual(before);
  });

  it('keeps unknown fields at every level through edits', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');
    const regs = cluster.spec.rkeConfig.registries;

    regs.futureField = { keep: ['me'] };
    regs.mirrors['docker.io'].futureMirrorField = 42;
    regs.configs['mirror.example.com:5000'].futureConfigField = 'x';
    cluster.spec.rkeConfig.someOtherRkeField = { a: 1 };
    const { wrapper, resource } = await mountTab(cluster);

    await type(wrapper, 'rm-endpoint-input-0', 'https://mirror2.example.com:5000');
    await type(wrapper, 'rm-mirror-key-docker.io', 'docker.io');
    await toggle(wrapper, 'rm-config-skip-mirror.example.com:5000');
    await type(wrapper, 'rm-config-host-mirror.example.com:5000', 'mirror.example.com:5443');

    const r = registries(resource);

    expect(r.futureField).toEqual({ keep: ['me'] });
    expect(r.mirrors['docker.io'].futureMirrorField).toBe(42);
    expect(r.mirrors['docker.io'].endpoint).toEqual(['https://mirror2.example.com:5000']);
    expect(r.configs['mirror.example.com:5443']).toEqual({
      authConfigSecretName: 'harbor-robot', tlsSecretName: 'registry-example-client-tls', futureConfigField: 'x', insecureSkipVerify: true
    });
    expect(Object.keys(r.configs)).toEqual(['mirror.example.com:5443']);
    expect(plain(resource).spec.rkeConfig.someOtherRkeField).toEqual({ a: 1 });
    // everything outside registries is exactly as it was
    const expected = outsideRegistries(loadSample('k3s-rewrites-embedded'));

    expected.spec.rkeConfig.someOtherRkeField = { a: 1 };
    expect(outsideRegistries(resource)).toEqual(expected);
  });

  it('keeps the order of mirror keys when one is renamed', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');
    const { wrapper, resource } = await mountTab(cluster);

    await type(wrapper, 'rm-mirror-key-ghcr.io', 'ghcr.example.com');
    expect(Object.keys(registries(resource).mirrors)).toEqual(['docker.io', 'ghcr.example.com', 'quay.io']);
    expect(registries(resource).mirrors['ghcr.example.com'].rewrite).toEqual({ '^(.*)$': 'ghcr/$1' });
  });
});

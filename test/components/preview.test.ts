import { describe, it, expect } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import {
  compile, settingsFromCluster, resolveRoute, sampleImages, WILDCARD_FIXED_VERSIONS
} from '../../src';
import { mountTab, loadSample, SAMPLE_NAMES, type } from './helpers';

const EXTRA_IMAGES = [
  'nginx:1.27',
  'rancher/mirrored-pause:3.6',
  'quay.io/prometheus/node-exporter:v1.8.2',
  'ghcr.io/org/tool@sha256:' + 'a'.repeat(64),
  'registry.example.com/team/app:1.0',
  'localhost:5000/dev/app',
];

function shown(w: any, which: 'workload' | 'system'): Array<{ url: string; repository: string; fallback: boolean }> {
  const root = w.get(`[data-testid="rm-route-${ which }"]`);

  return root.findAll('li.rm-attempt').map((li: any) => ({
    url:        li.get('[data-testid="rm-attempt-url"]').text(),
    repository: li.get('[data-testid="rm-attempt-repository"]').text().replace(/^Repository: /, ''),
    fallback:   li.attributes('data-kind') === 'fallback',
  }));
}

function expected(route: ReturnType<typeof resolveRoute>) {
  return route.attempts.map((a) => ({ url: a.url, repository: a.repository, fallback: a.default }));
}

describe('the route preview is the engine\'s route', () => {
  for (const name of SAMPLE_NAMES) {
    it(`${ name }: every quick pick and sample image, as workload and as system image`, async() => {
      const cluster = loadSample(name);
      const { settings, findings } = settingsFromCluster(cluster, {});
      const compiled = compile(settings, findings);
      const { wrapper } = await mountTab(cluster);
      const images = [...sampleImages(settings).map((s) => s.image), ...EXTRA_IMAGES];

      // the quick picks are the engine's sample images
      const pickTexts = wrapper.get('[data-testid="rm-preview"]').findAll('.rm-picks button');

      expect(pickTexts.length).toBe(sampleImages(settings).length);

      for (const image of images) {
        await type(wrapper, 'rm-preview-image', image);
        const workload = resolveRoute(compiled, image, { context: 'workload' });
        const system = resolveRoute(compiled, image, { context: 'system' });

        expect(shown(wrapper, 'workload'), `${ name } workload ${ image }`).toEqual(expected(workload));
        expect(shown(wrapper, 'system'), `${ name } system ${ image }`).toEqual(expected(system));
        if (workload.attempts.length) {
          expect(wrapper.get('[data-testid="rm-route-workload"]').get('[data-testid="rm-route-image"]').text()).toContain(workload.image);
        }
      }
    });
  }

  it('clicking a quick pick previews that image', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    await wrapper.get('[data-testid="rm-pick-ghcr.io"]').trigger('click');
    await flushPromises();
    const input = wrapper.get('[data-testid="rm-preview-image"]').element as HTMLInputElement;

    expect(input.value).toBe('ghcr.io/library/app:1.0');
    const urls = shown(wrapper, 'workload').map((a) => a.url);

    expect(urls).toEqual([
      'https://127.0.0.1:6443/v2/library/app/manifests/1.0?ns=ghcr.io',
      'https://mirror.example.com:5000/v2/ghcr/library/app/manifests/1.0?ns=ghcr.io',
      'https://ghcr.io/v2/library/app/manifests/1.0',
    ]);
    // secret names only: the auth of the mirror is named by its Secret
    const auth = wrapper.get('[data-testid="rm-route-workload-attempt-1"]').get('[data-testid="rm-attempt-auth"]').text();

    expect(auth).toBe('Auth: Secret harbor-robot (config mirror.example.com:5000)');
  });

  it('an invalid image shows the engine finding and no attempts', async() => {
    const { wrapper } = await mountTab(loadSample('empty-new'));

    await type(wrapper, 'rm-preview-image', 'UPPER/Case:tag');
    expect(wrapper.get('[data-testid="rm-route-workload"]').find('[data-testid="rm-finding-IMAGE_INVALID"]').exists()).toBe(true);
    expect(shown(wrapper, 'workload')).toEqual([]);
  });
});

describe('version behaviour', () => {
  it('v1.31.6 with a * mirror: banner naming the fixed versions, and no fallback in the route', async() => {
    const { wrapper } = await mountTab(loadSample('airgap-rke2-v1.31.6'));
    const banner = wrapper.get('[data-testid="rm-version-banner"]');

    expect(banner.text()).toContain('v1.31.6');
    expect(banner.text()).toContain(WILDCARD_FIXED_VERSIONS);
    expect(wrapper.get('[data-testid="rm-version"]').attributes('data-profile')).toBe('containerd-2.0-wildcard-bug');
    expect(wrapper.get('[data-testid="rm-mirror-*"]').find('[data-testid="rm-finding-WILDCARD_NO_FALLBACK"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="rm-route-workload"]').findAll('li.rm-attempt').map((l) => l.attributes('data-kind'))).toEqual(['mirror']);
    expect(wrapper.get('[data-testid="rm-route-workload"]').get('[data-testid="rm-route-all-fail"]').text()).toContain('No fallback to the registry itself');
    expect(wrapper.get('[data-testid="rm-route-workload"]').find('[data-testid="rm-finding-WILDCARD_NO_FALLBACK"]').exists()).toBe(true);
  });

  it('following spec.kubernetesVersion: v1.31.7 has the fallback and no banner', async() => {
    const cluster = loadSample('airgap-rke2-v1.31.6');
    const { wrapper, resource } = await mountTab(cluster);

    resource.spec.kubernetesVersion = 'v1.31.7+rke2r1';
    await flushPromises();
    expect(wrapper.find('[data-testid="rm-version-banner"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="rm-route-workload"]').findAll('li.rm-attempt').map((l) => l.attributes('data-kind'))).toEqual(['mirror', 'fallback']);
  });

  it('follows disable-default-registry-endpoint and embedded-registry', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');
    const { wrapper, resource } = await mountTab(cluster);
    const kinds = () => wrapper.get('[data-testid="rm-route-workload"]').findAll('li.rm-attempt').map((l) => l.attributes('data-kind'));

    expect(kinds()).toEqual(['embedded', 'mirror', 'fallback']);
    expect(wrapper.get('[data-testid="rm-cri-embedded"]').text()).toContain('https://127.0.0.1:6443/v2');
    resource.spec.rkeConfig.machineGlobalConfig['disable-default-registry-endpoint'] = true;
    await flushPromises();
    expect(kinds()).toEqual(['embedded', 'mirror']);
    resource.spec.rkeConfig.machineGlobalConfig['embedded-registry'] = false;
    await flushPromises();
    expect(kinds()).toEqual(['mirror']);
  });
});

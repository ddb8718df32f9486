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

function shown(w: any, which: 'workload' | 'system') {
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

// URLs written by hand from the spec (section 6, the samples' own comments), not
// computed by the engine: the engine-vs-page test below cannot see an engine bug,
// because both sides move together.
const H = 'sha256:' + 'a'.repeat(64);
const HAND: Record<string, Array<[string, string[], string[]]>> = {
  // v1.32.3+k3s1, embedded registry (Spegel first, never rewritten), rewrites on docker.io and ghcr.io
  'k3s-rewrites-embedded': [
    ['nginx:1.27', [
      'https://127.0.0.1:6443/v2/library/nginx/manifests/1.27?ns=docker.io',
      'https://mirror.example.com:5000/v2/dockerhub/library/nginx/manifests/1.27?ns=docker.io',
      'https://registry-1.docker.io/v2/library/nginx/manifests/1.27',
    ], [
      'https://127.0.0.1:6443/v2/library/nginx/manifests/1.27?ns=docker.io',
      'https://mirror.example.com:5000/v2/dockerhub/library/nginx/manifests/1.27?ns=docker.io',
      'https://registry-1.docker.io/v2/library/nginx/manifests/1.27',
    ]],
    [`ghcr.io/org/tool@${ H }`, [
      `https://127.0.0.1:6443/v2/org/tool/manifests/${ H }?ns=ghcr.io`,
      `https://mirror.example.com:5000/v2/ghcr/org/tool/manifests/${ H }?ns=ghcr.io`,
      `https://ghcr.io/v2/org/tool/manifests/${ H }`,
    ], [
      `https://127.0.0.1:6443/v2/org/tool/manifests/${ H }?ns=ghcr.io`,
      `https://mirror.example.com:5000/v2/ghcr/org/tool/manifests/${ H }?ns=ghcr.io`,
      `https://ghcr.io/v2/org/tool/manifests/${ H }`,
    ]],
    ['registry.example.com/team/app:1.0', ['https://registry.example.com/v2/team/app/manifests/1.0'], ['https://registry.example.com/v2/team/app/manifests/1.0']],
  ],
  // v1.31.6+rke2r1, SDR registry.example.com, a * mirror on registry.example.com: no fallback
  'airgap-rke2-v1.31.6': [
    ['nginx:1.27', ['https://registry.example.com/v2/library/nginx/manifests/1.27?ns=docker.io'], ['https://registry.example.com/v2/rancher/nginx/manifests/1.27']],
    ['rancher/mirrored-pause:3.6', ['https://registry.example.com/v2/rancher/mirrored-pause/manifests/3.6?ns=docker.io'], ['https://registry.example.com/v2/rancher/mirrored-pause/manifests/3.6']],
    ['quay.io/prometheus/node-exporter:v1.8.2', [
      'https://registry.example.com/v2/prometheus/node-exporter/manifests/v1.8.2?ns=quay.io',
    ], [
      'https://registry.example.com/v2/prometheus/node-exporter/manifests/v1.8.2?ns=quay.io',
    ]],
  ],
};

describe('the route preview shows the URLs containerd requests (hand-written)', () => {
  for (const [name, cases] of Object.entries(HAND)) {
    it(`${ name }: workload and system URLs of ${ cases.length } images`, async() => {
      const { wrapper } = await mountTab(loadSample(name));

      for (const [image, workload, system] of cases) {
        await type(wrapper, 'rm-preview-image', image);
        expect(shown(wrapper, 'workload').map((a) => a.url), `${ image } workload`).toEqual(workload);
        expect(shown(wrapper, 'system').map((a) => a.url), `${ image } system`).toEqual(system);
      }
    });
  }
});

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

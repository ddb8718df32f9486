// Sample images worth previewing for a set of registry settings: the quick
// picks of the tab and the images the save diff compares.
import type { RouteSettings } from '../types';

export interface SampleImage {
  image: string;
  context: 'workload' | 'system';
  /** why it is a sample, for labels */
  kind: 'docker-hub' | 'system' | 'registry';
  registry: string;
}

export function sampleImages(settings: RouteSettings, max = 12): SampleImage[] {
  const out: SampleImage[] = [
    { image: 'docker.io/library/nginx:latest', context: 'workload', kind: 'docker-hub', registry: 'docker.io' },
    { image: 'rancher/rancher-agent:v2.13.0', context: 'system', kind: 'system', registry: 'docker.io' },
  ];
  const keys = new Set([...Object.keys(settings.registries.mirrors), ...Object.keys(settings.registries.configs)]);
  for (const key of keys) {
    if (key === 'docker.io' || out.length >= max) continue;
    const registry = key === '*' ? 'quay.io' : key;
    if (!/^[a-z0-9.[\]:-]+$/i.test(registry)) continue;
    out.push({ image: `${registry}/library/app:1.0`, context: 'workload', kind: 'registry', registry });
  }
  return out;
}

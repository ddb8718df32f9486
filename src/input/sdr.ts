// The app layer: system-default-registry renames system images only (spec section 7).
import { splitDockerDomain } from './reference';

const SDR_RE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** What is wrong with a system-default-registry value (host[:port][/path]), if anything. */
export function checkSystemDefaultRegistry(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().replace(/\/+$/, '');
  if (v.length > 255) return SDR_PROBLEMS.tooLong;
  if (v.includes('://')) return SDR_PROBLEMS.scheme;
  if (v.includes('@')) return SDR_PROBLEMS.credentials;
  if (!SDR_RE.test(v)) return SDR_PROBLEMS.invalid;
  return undefined;
}

/** What can be wrong with a system-default-registry value, by id (a finding param). */
export const SDR_PROBLEMS = {
  tooLong: 'is too long',
  scheme: 'has a scheme; it is a registry name such as registry.example.com, not a URL',
  credentials: 'contains credentials; they belong in a registry config with an auth Secret',
  invalid: 'is not host[:port] or host[:port]/path',
} as const;

/**
 * The name a system image gets with a system-default-registry. Images that
 * already name a registry other than Docker Hub keep their name.
 */
export function applySystemDefaultRegistry(image: string, sdr: string | undefined): string {
  const registry = sdr?.trim().replace(/\/+$/, '');
  if (!registry) return image;
  const s = image.trim();
  const at = s.indexOf('@');
  const namePart = at === -1 ? s : s.slice(0, at);
  const { registry: current } = splitDockerDomain(namePart);
  if (current !== 'docker.io') return s;
  const firstSlash = namePart.indexOf('/');
  const first = firstSlash === -1 ? '' : namePart.slice(0, firstSlash);
  let rest = first === 'docker.io' || first === 'index.docker.io' ? s.slice(firstSlash + 1) : s;
  if (!rest.split('@')[0].includes('/')) rest = `rancher/${rest}`;
  return `${registry}/${rest}`;
}

export type SdrSource = 'machineGlobalConfig' | 'machineSelectorConfig' | 'globalSetting' | 'none';

/** Where Rancher reads the cluster's system-default-registry from, in order. */
export function effectiveSystemDefaultRegistry(
  cluster: unknown,
  globalSetting?: string,
): { value: string | undefined; source: SdrSource } {
  const rke = (cluster as { spec?: { rkeConfig?: Record<string, unknown> } })?.spec?.rkeConfig;
  const global = (rke?.machineGlobalConfig as Record<string, unknown> | undefined)?.['system-default-registry'];
  if (typeof global === 'string' && global.trim()) return { value: global.trim(), source: 'machineGlobalConfig' };
  const selectors = Array.isArray(rke?.machineSelectorConfig) ? (rke?.machineSelectorConfig as Array<Record<string, unknown>>) : [];
  for (const entry of selectors) {
    if (entry && !entry.machineLabelSelector) {
      const v = (entry.config as Record<string, unknown> | undefined)?.['system-default-registry'];
      if (typeof v === 'string' && v.trim()) return { value: v.trim(), source: 'machineSelectorConfig' };
    }
  }
  if (globalSetting && globalSetting.trim()) return { value: globalSetting.trim(), source: 'globalSetting' };
  return { value: undefined, source: 'none' };
}

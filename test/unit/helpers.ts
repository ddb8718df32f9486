import { compile, resolveRoute, settingsFromNodeValue, type RouteSettings } from '../../src';

/** Compile a node registries.yaml value with optional settings. */
export function compileNode(value: unknown, base: Partial<RouteSettings> = {}) {
  const { settings, findings } = settingsFromNodeValue(value, base);
  return compile({ ...settings, ...base, registries: settings.registries }, findings);
}

/** The ordered request URLs for an image. */
export function urls(value: unknown, image: string, base: Partial<RouteSettings> = {}, context: 'workload' | 'system' = 'workload') {
  return resolveRoute(compileNode(value, base), image, { context }).attempts.map((a) => a.url);
}

export function codes(value: unknown, base: Partial<RouteSettings> = {}) {
  return compileNode(value, base).findings.map((f) => f.code);
}

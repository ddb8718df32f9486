// Stale Secret references: Rancher's planner fails the whole plan when a
// referenced Secret is missing or of the wrong type, so flag them before save.
import type { Finding } from '../types';

export interface SecretInfo {
  name: string;
  namespace: string;
  type: string;
}

const AUTH_TYPES = ['rke.cattle.io/auth-config', 'kubernetes.io/basic-auth'];
const TLS_TYPES = ['kubernetes.io/tls'];

export function checkSecretRefs(specRegistries: unknown, namespace: string, secrets: SecretInfo[]): Finding[] {
  const out: Finding[] = [];
  const configs = (specRegistries as { configs?: Record<string, Record<string, unknown>> } | null)?.configs;
  if (!configs || typeof configs !== 'object') return out;
  const byName = new Map(secrets.filter((s) => s.namespace === namespace).map((s) => [s.name, s]));
  for (const [host, c] of Object.entries(configs)) {
    if (!c || typeof c !== 'object') continue;
    for (const [field, types, kind] of [
      ['authConfigSecretName', AUTH_TYPES, 'auth'],
      ['tlsSecretName', TLS_TYPES, 'TLS'],
    ] as const) {
      const name = c[field];
      if (typeof name !== 'string' || name === '') continue;
      const path = ['configs', host, field];
      if (name.includes('/')) {
        out.push({ code: 'SECRET_OTHER_NAMESPACE', severity: 'error', path, message: `"${name}" names a namespace; Rancher looks ${kind} Secrets up only in the cluster's namespace ${namespace}`, fix: `Create the Secret in ${namespace} and give its name only.`, params: { name, kind, namespace }, variant: 'slash' });
        continue;
      }
      const s = byName.get(name);
      if (!s) {
        const elsewhere = secrets.find((x) => x.name === name);
        out.push({
          code: elsewhere ? 'SECRET_OTHER_NAMESPACE' : 'SECRET_MISSING',
          severity: 'error',
          path,
          message: elsewhere
            ? `Secret "${name}" is in namespace ${elsewhere.namespace}, not in ${namespace}: provisioning fails`
            : `Secret "${name}" does not exist in ${namespace} (deleted?): provisioning fails until it exists`,
          fix: `Choose an existing ${kind} Secret in ${namespace}, or create "${name}" there.`,
          params: { name, kind, namespace, other: elsewhere?.namespace ?? '' },
          ...(elsewhere ? { variant: 'elsewhere' } : {}),
        });
      } else if (!(types as readonly string[]).includes(s.type)) {
        out.push({ code: 'SECRET_WRONG_TYPE', severity: 'error', path, message: `Secret "${name}" is of type ${s.type}; the ${kind} Secret must be ${types.join(' or ')}`, fix: `Choose a Secret of type ${types.join(' or ')}.`, params: { name, type: s.type, kind, types: types.join(' or ') } });
      }
    }
  }
  return out;
}

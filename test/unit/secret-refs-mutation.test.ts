// Stale Secret references as Rancher's planner sees them: it looks registry Secrets up
// by name in the cluster's own namespace only; an auth Secret must be of type
// rke.cattle.io/auth-config or kubernetes.io/basic-auth, a TLS Secret kubernetes.io/tls.
// Expected findings written by hand from those rules.
import { describe, expect, it } from 'vitest';
import { checkSecretRefs, type SecretInfo } from '../../src';

const NS = 'fleet-default';
const secrets: SecretInfo[] = [
  { name: 'creds', namespace: NS, type: 'kubernetes.io/tls' },
  { name: 'moved', namespace: 'other', type: 'rke.cattle.io/auth-config' },
];
const check = (config: unknown) => checkSecretRefs({ configs: { 'r.example.com': config } }, NS, secrets);

describe('checkSecretRefs', () => {
  it.each<[string, unknown]>([
    ['a null config', null],
    ['an empty Secret name (no Secret chosen)', { authConfigSecretName: '', tlsSecretName: '' }],
  ])('%s: nothing to report', (_, config) => {
    expect(check(config)).toEqual([]);
  });
  it('a name with a slash: names a namespace, which Rancher does not read', () => {
    const [f] = check({ authConfigSecretName: 'other/creds' });
    expect(f).toMatchObject({ code: 'SECRET_OTHER_NAMESPACE', severity: 'error', path: ['configs', 'r.example.com', 'authConfigSecretName'], variant: 'slash' });
    expect(f.params).toEqual({ name: 'other/creds', kind: 'auth', namespace: NS });
  });
  it('a Secret of another namespace: names where it is', () => {
    const [f] = check({ authConfigSecretName: 'moved' });
    expect(f).toMatchObject({ code: 'SECRET_OTHER_NAMESPACE', variant: 'elsewhere' });
    expect(f.params).toEqual({ name: 'moved', kind: 'auth', namespace: NS, other: 'other' });
  });
  it('a missing Secret: no other namespace, no variant', () => {
    const [f] = check({ tlsSecretName: 'gone' });
    expect(f.code).toBe('SECRET_MISSING');
    expect(f.variant).toBeUndefined();
    expect(f.params).toEqual({ name: 'gone', kind: 'TLS', namespace: NS, other: '' });
  });
  it('an auth Secret of the wrong type: names both accepted types', () => {
    const [f] = check({ authConfigSecretName: 'creds' });
    const both = 'rke.cattle.io/auth-config or kubernetes.io/basic-auth';
    expect(f.code).toBe('SECRET_WRONG_TYPE');
    expect(f.message).toContain(`must be ${both}`);
    expect(f.fix).toBe(`Choose a Secret of type ${both}.`);
    expect(f.params).toEqual({ name: 'creds', type: 'kubernetes.io/tls', kind: 'auth', types: both });
  });
});

// Small rules pinned exactly, expected values written by hand: redaction of one
// value (messages), the system-default-registry check (spec section 7: host[:port]
// or host[:port]/path, no scheme, no credentials), where Rancher reads SDR from, and
// how a version string names its distro and release.
import { describe, expect, it } from 'vitest';
import { distroOf, effectiveSystemDefaultRegistry, parseVersion, profileFor, redact } from '../../src';
import { hasUserInfo } from '../../src/lib/redact';
import { checkSystemDefaultRegistry } from '../../src/input/sdr';

describe('redact (one value, for messages)', () => {
  it.each([
    ['https://user:pw@host.example.com/v2', 'https://xxxxx@host.example.com/v2'],
    ['user:pw@host.example.com', 'xxxxx@host.example.com'],
    ['https://@host.example.com', 'https://xxxxx@host.example.com'],
    ['://u:p@h', '://xxxxx@h'],
    ['https://a@b@host.example.com', 'https://xxxxx@host.example.com'],
    ['https://host.example.com/v2?token=abc', 'https://host.example.com/v2?xxxxx'],
    ['https://u:p@host.example.com/v2?token=abc', 'https://xxxxx@host.example.com/v2?xxxxx'],
    ['host.example.com', 'host.example.com'],
    ['', ''],
  ])('%s → %s', (input, expected) => expect(redact(input)).toBe(expected));

  it('shortens past 200 characters and says how long the value was', () => {
    const x200 = 'a'.repeat(200);
    expect(redact(x200)).toBe(x200);
    expect(redact(`${x200}b`)).toBe(`${x200}… (201 characters)`);
  });

  it('hasUserInfo: any @', () => {
    expect([hasUserInfo('u@h'), hasUserInfo('h.example.com'), hasUserInfo('@')]).toEqual([true, false, true]);
  });
});

describe('system-default-registry check', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
    ['registry.example.com', undefined],
    ['registry.example.com:5000', undefined],
    ['registry.example.com/', undefined],
    ['registry.example.com:5000/mirror/rancher', undefined],
    ['[::1]:5000', undefined],
    ['localhost', undefined],
    [` ${'a'.repeat(63)}.example.com `, undefined],
    ['https://registry.example.com', 'has a scheme; it is a registry name such as registry.example.com, not a URL'],
    ['u:p@registry.example.com', 'contains credentials; they belong in a registry config with an auth Secret'],
    ['registry.example.com:port', 'is not host[:port] or host[:port]/path'],
    ['-bad.example.com', 'is not host[:port] or host[:port]/path'],
    ['registry.example.com/Upper', 'is not host[:port] or host[:port]/path'],
    ['registry.example.com:123456', 'is not host[:port] or host[:port]/path'],
    ['reg istry.example.com', 'is not host[:port] or host[:port]/path'],
    // a TCP port is 1..65535: the pattern takes any five digits, the port check the rest
    ['registry.example.com:1', undefined],
    ['registry.example.com:65535/rancher', undefined],
    ['[::1]:65535', undefined],
    ['registry.example.com:0', 'is not host[:port] or host[:port]/path'],
    ['registry.example.com:00000/rancher', 'is not host[:port] or host[:port]/path'],
    ['registry.example.com:65536', 'is not host[:port] or host[:port]/path'],
    ['registry.example.com:99999/rancher', 'is not host[:port] or host[:port]/path'],
    ['[::1]:0', 'is not host[:port] or host[:port]/path'],
    ['[::1]:65536/rancher', 'is not host[:port] or host[:port]/path'],
  ])('%j: %s', (value, problem) => expect(checkSystemDefaultRegistry(value)).toBe(problem));

  it('longer than 255 characters', () => {
    const long = `${'a'.repeat(60)}.`.repeat(4) + 'example.com.x'; // 257 characters
    expect(long.length).toBeGreaterThan(255);
    expect(checkSystemDefaultRegistry(long)).toBe('is too long');
    const exactly255 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}.com`.slice(0, 255);
    expect(exactly255).toHaveLength(255);
    expect(checkSystemDefaultRegistry(exactly255)).not.toBe('is too long');
  });
});

describe('where Rancher reads system-default-registry from (spec section 0)', () => {
  const rke = (r: Record<string, unknown>) => ({ spec: { rkeConfig: r } });
  it.each([
    [rke({ machineGlobalConfig: { 'system-default-registry': ' a.example.com ' } }), 'g.example.com', { value: 'a.example.com', source: 'machineGlobalConfig' }],
    [rke({ machineGlobalConfig: { 'system-default-registry': '  ' }, machineSelectorConfig: [{ config: { 'system-default-registry': 'b.example.com' } }] }), undefined, { value: 'b.example.com', source: 'machineSelectorConfig' }],
    [rke({ machineGlobalConfig: { 'system-default-registry': 5 }, machineSelectorConfig: [null, { config: {} }, { config: { 'system-default-registry': ' c.example.com' } }] }), undefined, { value: 'c.example.com', source: 'machineSelectorConfig' }],
    [rke({ machineSelectorConfig: [{ machineLabelSelector: { matchLabels: { a: 'b' } }, config: { 'system-default-registry': 'x.example.com' } }] }), ' g.example.com ', { value: 'g.example.com', source: 'globalSetting' }],
    [rke({ machineSelectorConfig: [{ config: { 'system-default-registry': ' ' } }] }), '  ', { value: undefined, source: 'none' }],
    [rke({ machineSelectorConfig: 'not a list' }), undefined, { value: undefined, source: 'none' }],
    [null, 'g.example.com', { value: 'g.example.com', source: 'globalSetting' }],
  ])('%j (global %j)', (cluster, global, expected) => expect(effectiveSystemDefaultRegistry(cluster, global)).toEqual(expected));
});

describe('versions', () => {
  it.each([
    ['v1.31.6+rke2r1', { distro: 'rke2', minor: 31, patch: 6, revision: 1 }],
    ['1.32.3+k3s1', { distro: 'k3s', minor: 32, patch: 3, revision: 1 }],
    [' v1.30.14-rc1+k3s2 ', { distro: 'k3s', minor: 30, patch: 14, revision: 2 }],
    ['v1.29.1', { distro: undefined, minor: 29, patch: 1, revision: 1 }],
    ['v2.0.0+rke2r1', undefined],
    ['v1.31', undefined],
    ['v1.31.6x', undefined],
    ['latest', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j', (v, expected) => expect(parseVersion(v)).toEqual(expected));

  it('distro of a version: k3s or rke2, rke2 when it does not say', () => {
    expect([distroOf('v1.32.3+k3s1'), distroOf('v1.32.3+rke2r1'), distroOf('v1.32.3'), distroOf(undefined)]).toEqual(['k3s', 'rke2', 'rke2', 'rke2']);
  });

  it('the runtime decides before the version; an unknown version is the newest fork (containerd 2.2)', () => {
    expect(profileFor({ runtime: 'upstream', version: 'v1.25.0+k3s1' }).id).toBe('upstream');
    expect(profileFor({ runtime: 'upstream-1.6', version: 'v1.33.0+k3s1' }).id).toBe('upstream-1.6');
    expect(profileFor({ runtime: 'k3s-fork', version: 'v1.25.0+k3s1' }).id).toBe('legacy-cri');
    expect(profileFor({ runtime: 'k3s-fork', version: 'nonsense' })).toMatchObject({ id: 'containerd-2.2', dockerIoAuthAlias: true });
    expect(profileFor({ runtime: 'k3s-fork' })).toMatchObject({ id: 'containerd-2.2', dockerIoAuthAlias: true });
  });
});

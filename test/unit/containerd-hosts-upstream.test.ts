// containerd's own tests of its hosts.toml reader (core/remotes/docker/config/hosts_test.go)
// replayed on the engine's reader: TestParseHostFile's file and expected hosts (the
// fields the engine models: scheme, host, path, ca, client pairs, skip_verify; the root
// host last), and TestHTTPFallback's scheme and HTTP fallback for a registry with no
// hosts.toml under default options. Expected values are containerd's, not the engine's.
import { describe, expect, it } from 'vitest';
import { PROFILES, parseHostsToml } from '../../src';
import { concreteHosts } from '../../src/containerd/read-hosts-toml';

const TESTTOML = `
server = "https://test-default.registry"
ca = "/etc/path/default"
[header]
  x-custom-1 = "custom header"

[host."https://mirror.registry"]
  capabilities = ["pull"]
  ca = "/etc/certs/mirror.pem"
  skip_verify = false
  [host."https://mirror.registry".header]
    x-custom-2 = ["value1", "value2"]

[host."https://mirror-bak.registry/us"]
  capabilities = ["pull"]
  skip_verify = true

[host."http://mirror.registry"]
  capabilities = ["pull"]

[host."https://test-1.registry"]
  capabilities = ["pull", "resolve", "push", "referrers"]
  ca = ["/etc/certs/test-1-ca.pem", "/etc/certs/special.pem"]
  client = [["/etc/certs/client.cert", "/etc/certs/client.key"],["/etc/certs/client.pem", ""]]

[host."https://test-2.registry"]
  client = "/etc/certs/client.pem"

[host."https://test-3.registry"]
  client = ["/etc/certs/client-1.pem", "/etc/certs/client-2.pem"]

[host."https://no-referrers.registry"]
  capabilities = ["pull", "resolve", "push"]
  client = ["/etc/certs/client-1.pem", "/etc/certs/client-2.pem"]

[host."https://noncompliantmirror.registry/v2/namespaceprefix"]
  capabilities = ["pull"]
  override_path = true

[host."https://noprefixnoncompliant.registry"]
  override_path = true

[host."https://onlyheader.registry".header]
  x-custom-1 = "justaheader"

[host."https://dial-timeout.registry"]
  dial_timeout = "3s"
`;

type Want = { scheme: string; host: string; path: string; ca?: string[]; client?: Array<[string, string]>; skipVerify?: boolean };

// TestParseHostFile's expected list, in its order
const EXPECTED: Want[] = [
  { scheme: 'https', host: 'mirror.registry', path: '/v2', ca: ['/etc/certs/mirror.pem'], skipVerify: false },
  { scheme: 'https', host: 'mirror-bak.registry', path: '/us/v2', skipVerify: true },
  { scheme: 'http', host: 'mirror.registry', path: '/v2' },
  {
    scheme: 'https',
    host: 'test-1.registry',
    path: '/v2',
    ca: ['/etc/certs/test-1-ca.pem', '/etc/certs/special.pem'],
    client: [['/etc/certs/client.cert', '/etc/certs/client.key'], ['/etc/certs/client.pem', '']],
  },
  { scheme: 'https', host: 'test-2.registry', path: '/v2', client: [['/etc/certs/client.pem', '']] },
  { scheme: 'https', host: 'test-3.registry', path: '/v2', client: [['/etc/certs/client-1.pem', ''], ['/etc/certs/client-2.pem', '']] },
  { scheme: 'https', host: 'no-referrers.registry', path: '/v2', client: [['/etc/certs/client-1.pem', ''], ['/etc/certs/client-2.pem', '']] },
  { scheme: 'https', host: 'noncompliantmirror.registry', path: '/v2/namespaceprefix' },
  { scheme: 'https', host: 'noprefixnoncompliant.registry', path: '' },
  { scheme: 'https', host: 'onlyheader.registry', path: '/v2' },
  { scheme: 'https', host: 'dial-timeout.registry', path: '/v2' },
  { scheme: 'https', host: 'test-default.registry', path: '/v2', ca: ['/etc/path/default'] },
];

describe("containerd's TestParseHostFile on the engine's hosts.toml reader", () => {
  it.each(['upstream', 'upstream-1.6', 'containerd-2.2'] as const)('%s reads the hosts, the root (server) last', (id) => {
    const parsed = parseHostsToml(TESTTOML, PROFILES[id]);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.hasServerKey).toBe(true);
    expect(parsed.hostTables).toBe(11);
    expect(
      parsed.hosts.map((h) => ({ scheme: h.scheme, host: h.host, path: h.path, ca: h.ca, client: h.client, skipVerify: h.skipVerify, isRoot: h.isRoot })),
    ).toEqual(EXPECTED.map((w, i) => ({ ca: [], client: [], skipVerify: undefined, ...w, isRoot: i === EXPECTED.length - 1 })));
  });
});

// TestHTTPFallback with HostOptions{} (no default scheme, no default TLS): the one host
// containerd tries for a registry without a hosts.toml
describe("containerd's TestHTTPFallback (default options) on the engine's default host", () => {
  it.each([
    ['localhost:8080', 'https', true],
    ['localhost:80', 'http', false],
    ['localhost:443', 'https', false],
    ['localhost', 'https', false],
    ['localhost:5000', 'https', true],
    ['example.com', 'https', false],
    ['example.com:5000', 'https', false],
    ['127.0.0.254:5000', 'https', true],
    ['127.0.0.254', 'https', false],
    ['[::1]:5000', 'https', true],
  ] as const)('%s: %s, HTTP fallback %s', (registry, scheme, fallback) => {
    const profile = PROFILES.upstream;
    const parsed = parseHostsToml('', profile);
    if (!parsed.ok) throw new Error(parsed.error);
    const hosts = concreteHosts(parsed.hosts, registry, profile);
    expect(hosts).toHaveLength(1);
    expect([hosts[0].scheme, hosts[0].host, hosts[0].path, hosts[0].httpFallback]).toEqual([scheme, registry, '/v2', fallback]);
  });

  it('docker.io: https://registry-1.docker.io/v2 (TestDefaultHosts)', () => {
    const parsed = parseHostsToml('', PROFILES.upstream);
    if (!parsed.ok) throw new Error(parsed.error);
    const [h] = concreteHosts(parsed.hosts, 'docker.io', PROFILES.upstream);
    expect([h.scheme, h.host, h.path, h.httpFallback, h.filledDefault]).toEqual(['https', 'registry-1.docker.io', '/v2', false, true]);
  });
});

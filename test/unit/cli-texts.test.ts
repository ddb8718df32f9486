// What registry-route says, as an admin reads it in a terminal or a CI log: each finding
// names a field that exists and gives a fix that fits the command line (issue 17, texts).
// The same texts in en-us and zh-hans are held by finding-texts.test.ts.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOnce, cli, scratch } from './cli-bin';

vi.setConfig({ testTimeout: 60_000 });
const { file } = scratch('rr-texts-');
beforeAll(buildOnce, 120_000);

const hub = (...endpoints: string[]) => file(`mirrors:\n  docker.io:\n    endpoint: [${endpoints.map((e) => JSON.stringify(e)).join(', ')}]\n`);
const json = (args: string[]) => JSON.parse(cli([...args, '--json']).stdout);

describe('finding texts through the CLI', () => {
  it('a registries file that is not a map: "Make the registries a map", not "Make The registries"', () => {
    const r = cli(['check', '--registries', file('- docker.io\n')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('The registries must be a map');
    expect(r.stdout).toContain('fix: Make the registries a map.');
  });

  it('a duplicate endpoint names the entry it repeats as endpoint[0], not #1', () => {
    const r = cli(['check', '--registries', hub('https://a.example.com', 'https://b.example.com', 'https://a.example.com')]);
    expect(r.stdout).toMatch(/ENDPOINT_DUPLICATE mirrors\.docker\.io\.endpoint\[2\]: Same endpoint as endpoint\[0\] \(https:\/\/a\.example\.com\/v2\)/);
    expect(r.stdout).not.toContain('#1');
  });

  it('localhost:5000 without scheme: the node uses http (as K3s does); the fix offers https, not http again', () => {
    const [f] = json(['check', '--registries', hub('localhost:5000', 'mirror.example.com:5000')]).findings.filter((x: { code: string }) => x.code === 'ENDPOINT_NO_SCHEME');
    expect(f.message).toBe('"localhost:5000" has no scheme: the node uses http://localhost:5000, as K3s assumes plain HTTP for localhost on a port other than 443');
    expect(f.fix).toBe('Write http://localhost:5000 explicitly, or https://localhost:5000 if the registry serves TLS.');
    // elsewhere https is assumed and plain HTTP is the alternative
    const other = cli(['check', '--registries', hub('mirror.example.com:5000')]).stdout;
    expect(other).toContain('the node uses https://mirror.example.com:5000');
    expect(other).toContain('fix: Write https://mirror.example.com:5000 explicitly, or http:// if the registry has no TLS.');
    // the route agrees with the finding
    expect(json(['--registries', hub('localhost:5000'), 'nginx'])[0].attempts[0].url).toMatch(/^http:\/\/localhost:5000\//);
  });

  it('a system image with an invalid system-default-registry: the finding points at the setting, not at the image', () => {
    const r = cli(['--system-default-registry', 'https://r.example.com', '--context', 'system', 'nginx']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^nginx: no system image name \(system-default-registry is invalid\)$/m);
    expect(r.stdout).toMatch(/IMAGE_INVALID systemDefaultRegistry: The system image name of "nginx" cannot be formed/);
    expect(r.stdout).toContain('fix: Correct the system-default-registry setting');
    expect(r.stdout).not.toMatch(/Enter a reference|nginx: invalid image/);
    // an image that is itself invalid is still the image's problem
    const bad = json(['--system-default-registry', 'https://r.example.com', '--context', 'system', 'NGINX:::'])[0].findings;
    expect(bad.find((x: { code: string }) => x.code === 'IMAGE_INVALID')).toMatchObject({ path: ['image'], fix: expect.stringMatching(/^Enter a reference/) });
    // a valid setting whose path makes the system name of a long image too long: not "invalid setting"
    const long = 'a'.repeat(231);
    const tooLong = cli(['--system-default-registry', 'r.example.com/abcdefghijklmnop', '--context', 'system', long]);
    expect(tooLong.code).toBe(1);
    expect(tooLong.stdout).toMatch(/: invalid system image name \(with system-default-registry in front\)$/m);
    expect(tooLong.stdout).toMatch(/fix: "a+… \(231 characters\)" is valid on its own: shorten the path of system-default-registry "r\.example\.com\/abcdefghijklmnop"/);
    expect(tooLong.stdout).not.toMatch(/SDR_INVALID|is invalid$/m);
  });

  it('Docker Hub direct names a field that exists, and with docker.io credentials says the account limit applies', () => {
    const plain = cli(['nginx']).stdout;
    expect(plain).toMatch(/DOCKER_HUB_DIRECT mirrors: This pull goes straight to Docker Hub, which rate-limits anonymous pulls/);
    expect(plain).not.toContain('mirrors.docker.io');
    const empty = json(['--registries', file('mirrors:\n  docker.io: {}\n'), 'nginx'])[0].findings.find((x: { code: string }) => x.code === 'DOCKER_HUB_DIRECT');
    expect(empty.path).toEqual(['mirrors', 'docker.io']);
    const authed = cli(['--registries', file('configs:\n  docker.io:\n    auth: {username: robot, password: S3cret}\n'), '--distro-version', 'v1.32.7+rke2r1', 'nginx']).stdout;
    expect(authed).toContain('auth: configs.docker.io');
    expect(authed).toContain('DOCKER_HUB_DIRECT mirrors: This pull goes straight to Docker Hub with the credentials of configs.docker.io: the pull rate limit of that Docker account applies');
    expect(authed).not.toMatch(/anonymous pulls|S3cret/);
  });

  it('no words of the tab (paste, the form, the row, the preview) in CLI output; the fixes fit files', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const long = `https://m.example.com/${'p'.repeat(2100)}`;
    const cluster = file(
      [
        'apiVersion: provisioning.cattle.io/v1',
        'kind: Cluster',
        'metadata: {name: c, namespace: fleet-default}',
        'spec:',
        '  kubernetesVersion: v1.32.3+rke2r1',
        '  rkeConfig:',
        '    registries:',
        '      mirrors:',
        `        docker.io: {endpoint: ["", ${JSON.stringify(long)}]}`,
        '      configs:',
        `        a.example.com: {caBundle: ${JSON.stringify(pem)}}`,
        '        b.example.com: {caBundle: "%%%"}',
        '',
      ].join('\n'),
    );
    const r = cli(['check', '--registries', cluster]);
    expect(r.stdout + r.stderr).not.toMatch(/paste|the form|the row|preview/i);
    expect(r.stdout).toMatch(/CA_BUNDLE_INVALID configs\.a\.example\.com\.caBundle: The CA bundle is PEM text.*\n\s+fix: Put the PEM base64-encoded in caBundle \(base64 -w0 ca\.pem\)\./);
    expect(r.stdout).toMatch(/CA_BUNDLE_INVALID configs\.b\.example\.com\.caBundle: The CA bundle is not valid base64\n\s+fix: Base64-encode the CA certificate/);
    expect(r.stdout).toMatch(/ENDPOINT_INVALID mirrors\.docker\.io\.endpoint\[0\]: The endpoint is empty; the node ignores it\n\s+fix: Give a URL such as https:\/\/mirror\.example\.com, or remove the empty entry from the list\./);
    expect(r.stdout).toMatch(/LIMIT_EXCEEDED mirrors\.docker\.io\.endpoint\[1\]: The endpoint is 2,?\d{3} characters long; the most is 2048\n/);
  });
});

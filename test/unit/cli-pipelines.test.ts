// registry-route as CI pipelines and admins run it: through the built bin/, as a
// process, with real files, pipes and exit codes (issue 17).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN, buildOnce, cli, scratch } from './cli-bin';

// each test starts several node processes; on a busy machine that takes seconds
vi.setConfig({ testTimeout: 60_000 });

const { dir, file } = scratch('rr-pipe-');
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .*[.:]\d+|internal error/);

beforeAll(buildOnce, 120_000);

const SECRET = 'S3cretPw9';

describe('convert never prints a credential (issue 17 item 1)', () => {
  it('credentials in endpoint URLs and mirror keys: an error at the field, left out of the spec, exit 1', () => {
    const f = file(`mirrors:\n  docker.io:\n    endpoint: ["https://bob:${SECRET}@mirror.example.com"]\n  admin:${SECRET}@quay.example.com:\n    endpoint: ["https://q.example.com"]\n`);
    const r = cli(['convert', '--to', 'cluster', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^registries:/m);
    expect(r.stdout).not.toMatch(/mirror\.example\.com|quay\.example\.com/);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stderr).toMatch(/ENDPOINT_CREDENTIALS mirrors\.docker\.io\.endpoint\[0\]/);
    expect(r.stderr).toMatch(/KEY_CREDENTIALS mirrors\.xxxxx@quay\.example\.com/);
  });
});

describe('convert round trip (issue 17 item 2)', () => {
  const node = `# mirrors for the air gap
mirrors:
  # Docker Hub through the corporate mirror
  docker.io:
    endpoint: ["https://mirror.example.com:5000"]
    rewrite:
      "^library/(.*)": "hub/$1"
  "*":
    endpoint: ["https://all.example.com"]
configs:
  # robot account
  mirror.example.com:5000:
    auth:
      username: robot
      password: ${SECRET}
  all.example.com:
    auth:
      identity_token: tok-${SECRET}
    tls:
      insecure_skip_verify: true
`;
  it('node → cluster → node keeps mirrors, rewrites, skip-verify, comments and the Secrets (as references with their own keys)', () => {
    const src = file(node);
    const secrets = join(dir, 'rt-secrets.yaml');
    const toCluster = cli(['convert', '--to', 'cluster', '--cluster-name', 'prod', '--secrets-out', secrets, src]);
    expect(toCluster.code).toBe(0);
    expect(toCluster.stdout).toMatch(/^registries:/m);
    expect(toCluster.stdout).toContain('# Docker Hub through the corporate mirror');
    expect(toCluster.stdout + toCluster.stderr).not.toContain(SECRET);
    const clusterFile = file(toCluster.stdout);
    const back = cli(['convert', '--to', 'node', '--secrets', secrets, clusterFile]);
    expect(back.code).toBe(0);
    expect(back.stdout).not.toContain(SECRET);
    expect(back.stdout).toContain('# Docker Hub through the corporate mirror');
    expect(back.stdout).toContain('# robot account');
    expect(back.stdout).toContain('identity_token: <from Secret fleet-default/prod-registry-auth-all-example-com key identityToken>');
    expect(back.stdout).not.toMatch(/all-example-com key (username|password)/);
    // the routes of the original and of the round-tripped file are the same
    const routes = (f: string) => JSON.parse(cli(['--registries', f, '--json', 'nginx', 'quay.io/a/b']).stdout).map((x: { attempts: unknown }) => x.attempts);
    expect(routes(file(back.stdout))).toEqual(routes(src));
    // and once more to the cluster: the same spec
    const again = cli(['convert', '--to', 'cluster', '--cluster-name', 'prod', file(back.stdout)]);
    expect(again.stdout.replace(/^#.*\n/gm, '')).toEqual(toCluster.stdout.replace(/^#.*\n/gm, ''));
  });
  it('the wrong input for a direction is refused, exit 2', () => {
    const nodeFile = file(node);
    const r1 = cli(['convert', '--to', 'node', nodeFile]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/node registries\.yaml already.*--to cluster/);
    const cluster = file('apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c}\nspec:\n  rkeConfig:\n    registries:\n      mirrors: {}\n');
    const r2 = cli(['convert', '--to', 'cluster', cluster]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/Cluster manifest.*--to node/);
    const wrapped = file('registries:\n  mirrors:\n    docker.io:\n      endpoint: [https://m.example.com]\n');
    expect(cli(['convert', '--to', 'cluster', wrapped]).code).toBe(2);
    expect(cli(['convert', '--to', 'node', wrapped]).stdout).toContain('- https://m.example.com');
  });
});

describe('hosts-dir writes safely (issue 17 item 3)', () => {
  const settings = 'mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n';
  it('refuses a non-empty directory without --replace, and changes nothing', () => {
    const out = join(dir, 'nonempty');
    mkdirSync(join(out, 'quay.io'), { recursive: true });
    writeFileSync(join(out, 'quay.io', 'hosts.toml'), '# File generated by rke2. DO NOT EDIT.\nserver = "https://quay.io"\n');
    const r = cli(['hosts-dir', '--registries', file(settings), out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not empty.*--replace/);
    expect(readdirSync(out)).toEqual(['quay.io']);
  });
  it('--replace removes the host directories the agent wrote before, keeps others, and never follows a symlink', () => {
    const out = join(dir, 'replace');
    mkdirSync(join(out, 'quay.io'), { recursive: true });
    writeFileSync(join(out, 'quay.io', 'hosts.toml'), '# File generated by rke2. DO NOT EDIT.\nserver = "https://quay.io"\n');
    mkdirSync(join(out, 'mine.example.com'));
    writeFileSync(join(out, 'mine.example.com', 'hosts.toml'), 'server = "https://mine.example.com"\n');
    const victim = file('do not touch\n', 'victim.txt');
    mkdirSync(join(out, 'docker.io'));
    symlinkSync(victim, join(out, 'docker.io', 'hosts.toml'));
    writeFileSync(join(out, 'docker.io', 'x'), '');
    const r = cli(['hosts-dir', '--replace', '--registries', file(settings), out]);
    // docker.io exists but was not written by the agent (a symlinked hosts.toml): refused, nothing changed
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/docker\.io was not written by the agent/);
    expect(readFileSync(victim, 'utf8')).toBe('do not touch\n');
    expect(existsSync(join(out, 'quay.io'))).toBe(true);
    // without the foreign docker.io directory, the stale quay.io goes and mine stays
    spawnSync('rm', ['-rf', join(out, 'docker.io')]);
    const ok = cli(['hosts-dir', '--replace', '--registries', file(settings), out]);
    expect(ok.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['docker.io', 'mine.example.com']);
    expect(ok.stderr).toMatch(/kept mine\.example\.com/);
    expect(lstatSync(join(out, 'docker.io', 'hosts.toml')).isFile()).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('do not touch\n');
  });
  it('a symlinked OUTDIR is refused', () => {
    const real = join(dir, 'real-out');
    mkdirSync(real);
    const link = join(dir, 'link-out');
    symlinkSync(real, link);
    const r = cli(['hosts-dir', '--registries', file(settings), link]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/symbolic link/);
    expect(readdirSync(real)).toEqual([]);
  });
  it('file-system errors name the path, exit 2, and leave nothing behind', () => {
    const parent = join(dir, 'readonly');
    mkdirSync(parent);
    chmodSync(parent, 0o500);
    const r = cli(['hosts-dir', '--registries', file(settings), join(parent, 'out')]);
    chmodSync(parent, 0o700);
    if (process.getuid?.() === 0) return; // root writes anyway
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(parent, 'out'));
    noStack(r.stderr);
    expect(readdirSync(parent)).toEqual([]);
  });
  it('credentials or query tokens in a URL: an error, and no placeholder file is written', () => {
    const out = join(dir, 'cred-out');
    for (const url of [`https://bob:${SECRET}@m.example.com`, `https://m.example.com/?token=${SECRET}`]) {
      const r = cli(['hosts-dir', '--registries', file(`mirrors:\n  docker.io:\n    endpoint: ["${url}"]\n`), out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/mirrors\.docker\.io\.endpoint\[0\].*nothing was written/);
      expect(r.stderr).not.toContain(SECRET);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('--secrets-out (issue 17 item 4)', () => {
  const creds = `configs:\n  r.example.com:\n    auth:\n      username: u\n      password: ${SECRET}\n`;
  it('refuses an existing file without --force; with --force the file is 0600', () => {
    const out = file('old\n', 'secrets-existing.yaml');
    chmodSync(out, 0o644);
    const r = cli(['convert', '--to', 'cluster', '--secrets-out', out, file(creds)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exists.*--force/);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    const f = cli(['convert', '--to', 'cluster', '--force', '--secrets-out', out, file(creds)]);
    expect(f.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toContain(SECRET);
  });
  it('never writes through a symlink', () => {
    const target = file('target\n', 'secrets-target.txt');
    const link = join(dir, 'secrets-link.yaml');
    symlinkSync(target, link);
    const r = cli(['convert', '--to', 'cluster', '--force', '--secrets-out', link, file(creds)]);
    expect(r.code).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('target\n');
  });
});

describe('YAML 1.1 as the node reads it (issue 17 item 5)', () => {
  it('insecure_skip_verify: yes is true on the node: verification is off in the route and a finding says so', () => {
    const f = file('mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\nconfigs:\n  m.example.com:\n    tls:\n      insecure_skip_verify: yes\n');
    const r = JSON.parse(cli(['--registries', f, '--json', 'nginx']).stdout)[0];
    expect(r.attempts[0].tls.skipVerify).toBe(true);
    expect(r.findings.map((x: { code: string }) => x.code)).toContain('SKIP_VERIFY');
    const c = JSON.parse(cli(['check', '--registries', f, '--json']).stdout);
    expect(c.findings.map((x: { code: string }) => x.code)).not.toContain('FIELD_TYPE');
    const on = file('configs:\n  m.example.com:\n    tls:\n      insecure_skip_verify: on\n');
    expect(cli(['hosts-dir', '--registries', on, join(dir, 'yaml11-out')]).code).toBe(0);
    expect(readFileSync(join(dir, 'yaml11-out', 'm.example.com', 'hosts.toml'), 'utf8')).toContain('skip_verify = true');
  });
  it('a password typed as yes or 0x1F stays that text, as the node reads it', () => {
    const f = file('mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\nconfigs:\n  m.example.com:\n    auth:\n      username: yes\n      password: 0x1F\n');
    const r = JSON.parse(cli(['--registries', f, '--json', 'nginx']).stdout)[0];
    expect(r.attempts[0].auth).toBe('m.example.com');
    expect(r.findings.map((x: { code: string }) => x.code)).not.toContain('FIELD_TYPE');
  });
  it('YAML errors keep file:line:column', () => {
    const r = cli(['check', '--registries', file('mirrors:\n  docker.io: {}\n  docker.io: {}\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/f\d+\.yaml:3:3: .*twice/);
  });
});

describe('every finding is shown, and check for pipelines', () => {
  const bad = `mirrors:
  "https://quay.io":
    endpoint: ["https://q.example.com"]
  "*":
    endpoint: ["https://all.example.com"]
configs:
  "https://registry.example.com":
    tls:
      ca_file: /etc/ca.pem
  "*":
    tls:
      insecure_skip_verify: true
    auth:
      username: u
      password: p
`;
  it('route output shows findings that are not on the route: text once, JSON in settingsFindings', () => {
    const f = file(bad);
    const text = cli(['--registries', f, 'nginx']);
    for (const code of ['CONFIG_KEY_INVALID', 'MIRROR_KEY_INVALID', 'WILDCARD_TLS_DROPPED', 'WILDCARD_AUTH_UNUSED']) {
      expect(text.stdout.split(code).length - 1, code).toBe(1);
    }
    const json = JSON.parse(cli(['--registries', f, '--json', 'nginx']).stdout)[0];
    const all = [...json.findings, ...json.settingsFindings].map((x: { code: string }) => x.code);
    expect(all).toEqual(expect.arrayContaining(['CONFIG_KEY_INVALID', 'MIRROR_KEY_INVALID', 'WILDCARD_TLS_DROPPED', 'WILDCARD_AUTH_UNUSED']));
  });
  it('--json on many images: every finding of the settings once, not once per image (output grows with the images, not images × findings)', () => {
    const f = file(bad);
    const images = Array.from({ length: 300 }, (_, i) => `registry-${i % 50}.example.com/team/app-${i}:1.0`);
    const r = cli(['--registries', f, '--json', '--images-file', '-'], images.join('\n'));
    const out = JSON.parse(r.stdout) as Array<{ findings: Array<{ code: string }>; settingsFindings: Array<{ code: string }> }>;
    expect(out).toHaveLength(300);
    const inSettings = out.flatMap((o) => o.settingsFindings.map((x) => x.code));
    for (const code of ['CONFIG_KEY_INVALID', 'MIRROR_KEY_INVALID', 'WILDCARD_TLS_DROPPED', 'WILDCARD_AUTH_UNUSED']) {
      expect(inSettings.filter((c) => c === code), code).toHaveLength(1);
    }
    expect(out[0].settingsFindings.length).toBeGreaterThan(0);
    expect(out.slice(1).every((o) => o.settingsFindings.length === 0)).toBe(true);
    // a route of one attempt is about 1 KB of JSON; each finding repeated per image would add 2 KB more
    expect(r.stdout.length).toBeLessThan(300 * 1500);
  });
  it('configs."*" with skip-verify and no * mirror warns', () => {
    const r = cli(['check', '--registries', file('configs:\n  "*":\n    tls:\n      insecure_skip_verify: true\n'), '--json']);
    expect(JSON.parse(r.stdout).findings.map((x: { code: string }) => x.code)).toContain('SKIP_VERIFY');
  });
  it('check: exit 1 at or above --fail-on, 0 below, 2 for bad input; --json carries profile and versions', () => {
    const f = file(bad);
    const r = cli(['check', '--registries', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CONFIG_KEY_INVALID/);
    expect(r.stdout).toMatch(/^FAIL: \d+ error/m);
    const warn = file('mirrors:\n  docker.io:\n    endpoint: ["http://m.example.com"]\n');
    expect(cli(['check', '--registries', warn]).code).toBe(0);
    expect(cli(['check', '--registries', warn, '--fail-on', 'warning']).code).toBe(1);
    const j = JSON.parse(cli(['check', '--registries', warn, '--json', '--distro-version', 'v1.32.2+k3s1']).stdout);
    expect(j).toMatchObject({ profile: 'containerd-2.0-wildcard-bug', distroVersion: 'v1.32.2+k3s1', distro: 'k3s', failed: false, toolVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(cli(['check', '--registries', join(dir, 'nope.yaml')]).code).toBe(2);
    expect(cli(['check', '--fail-on', 'fatal']).code).toBe(2);
    expect(cli(['check', '--registries', '-'], bad).code).toBe(1);
  });
});

describe('help, version, exit codes', () => {
  it('--version prints the version; help is help, not an image', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    expect(cli(['--version']).stdout.trim()).toBe(`registry-route ${pkg.version}`);
    const h = cli(['help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Usage:/);
    expect(h.stdout).not.toContain('docker.io/library/help');
    for (const s of ['check', 'hosts-dir', 'convert', "'-'", 'Exit codes', '--fail-on', '--version']) expect(h.stdout).toContain(s);
  });
  it('writing to a closed pipe or a full disk ends quietly, never with a stack', () => {
    const images = Array.from({ length: 3000 }, (_, i) => `img${i}`).join('\n');
    const list = file(images, 'many.txt');
    const r = spawnSync('bash', ['-c', `node ${BIN} --images-file ${list} | head -1; exit \${PIPESTATUS[0]}`], { encoding: 'utf8' });
    expect(r.stdout.split('\n')[0]).toMatch(/docker\.io\/library\/img0/);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    if (existsSync('/dev/full')) {
      const full = spawnSync('sh', ['-c', `node ${BIN} --json nginx > /dev/full`], { encoding: 'utf8' });
      expect(full.status).toBe(2);
      noStack(full.stderr);
      expect(full.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('stdout to a pipe, to a file, to /dev/null', () => {
  it('a file gets byte for byte what a pipe gets (--json and text), and the same exit code', () => {
    const reg = file('mirrors:\n  docker.io:\n    endpoint: ["https://mirror.example.com"]\n  "bad key!":\n    endpoint: ["https://x.example.com"]\nconfigs:\n  mirror.example.com:\n    tls:\n      insecure_skip_verify: true\n');
    // more images than one write holds, repeats, an invalid one, a non-ASCII one
    const images = Array.from({ length: 120 }, (_, i) => (i % 7 === 3 ? 'nginx' : `r${i % 11}.example.com/team/app-${i}:1.${i}`));
    images.push('BAD::x', 'ghcr.io/ünïcode/app:1');
    const list = file(images.join('\n'), 'out-list.txt');
    for (const args of [['--json'], []]) {
      const piped = cli(['--registries', reg, '--images-file', list, ...args]);
      const target = join(dir, `out${args.length}.txt`);
      const toFile = spawnSync('sh', ['-c', `node ${BIN} --registries ${reg} --images-file ${list} ${args.join(' ')} > ${target}`], { encoding: 'utf8' });
      expect(toFile.status).toBe(piped.code);
      expect(toFile.stderr).toBe(piped.stderr);
      expect(readFileSync(target, 'utf8')).toBe(piped.stdout);
      if (args.length) expect(JSON.parse(piped.stdout)).toHaveLength(images.length);
      const devNull = spawnSync('sh', ['-c', `node ${BIN} --registries ${reg} --images-file ${list} ${args.join(' ')} > /dev/null`], { encoding: 'utf8' });
      expect([devNull.status, devNull.stderr]).toEqual([piped.code, piped.stderr]);
    }
  });
});

describe('invalid option values are errors, not defaults', () => {
  it.each([
    [['--distro-version', '1.31', 'nginx'], /--distro-version must be a full RKE2\/K3s release such as v1\.31\.6\+rke2r1/],
    [['--distro-version', 'foo', 'nginx'], /not "foo"/],
    [['--registries=', 'nginx'], /--registries needs a file/],
    [['convert', '--to', 'node', '--context', 'system', 'x.yaml'], /--context does not apply to convert/],
    [['check', '--images-file', 'x'], /--images-file does not apply to check/],
    [['hosts-dir', '--system-default-registry', 'r.example.com', 'out'], /does not apply to hosts-dir/],
    [['--to', 'node', 'nginx'], /--to does not apply to routes/],
  ])('%j exits 2 with one line', (args, msg) => {
    const r = cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('--registries - with empty stdin says so', () => {
    const r = cli(['--registries', '-', 'nginx'], '');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/stdin is empty/);
  });
  it('an empty image list prints [] with --json and exits 0; lists may be separated by white space', () => {
    const empty = cli(['--images-file', '-', '--json'], '');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('[]\n');
    const spaced = JSON.parse(cli(['--images-file', '-', '--json'], 'nginx quay.io/a/b:1  busybox\n').stdout);
    expect(spaced.map((x: { image: string }) => x.image)).toEqual(['docker.io/library/nginx:latest', 'quay.io/a/b:1', 'docker.io/library/busybox:latest']);
  });
});

describe('fidelity of what the CLI reads and says', () => {
  const cluster = (rkeConfig: string) =>
    file(`apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c, namespace: fleet-default}\nspec:\n  kubernetesVersion: v1.32.3+rke2r1\n  rkeConfig:\n${rkeConfig}`);
  it('machineSelectorConfig without a selector applies to every node; with one, the route depends on labels', () => {
    const all = cluster(`    machineSelectorConfig:\n      - config:\n          disable-default-registry-endpoint: true\n    registries:\n      mirrors:\n        docker.io:\n          endpoint: ["https://m.example.com"]\n`);
    const r = JSON.parse(cli(['--registries', all, '--json', 'nginx']).stdout)[0];
    expect(r.attempts.map((a: { default: boolean }) => a.default)).toEqual([false]);
    const some = cluster(`    machinePools:\n      - name: edge\n        labels: {site: edge}\n    machineSelectorConfig:\n      - machineLabelSelector:\n          matchLabels: {site: edge}\n        config:\n          embedded-registry: true\n`);
    const c = cli(['check', '--registries', some]);
    expect(c.stdout).toMatch(/NODE_LABEL_DEPENDENT machineSelectorConfig\[0\]\.config\.embedded-registry: .*machine pools edge/);
  });
  it('typos and inline auth inside spec.rkeConfig.registries are findings', () => {
    const f = cluster(`    registries:\n      mirrors:\n        docker.io:\n          endpoints: ["https://m.example.com"]\n      configs:\n        m.example.com:\n          insecureSkipVerfy: true\n          auth: {username: u, password: ${SECRET}}\n`);
    const r = cli(['check', '--registries', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CLUSTER_UNKNOWN_KEY mirrors\.docker\.io\.endpoints.*\n.*Rename it to endpoint/);
    expect(r.stdout).toMatch(/Rename it to insecureSkipVerify/);
    expect(r.stdout).not.toContain(SECRET);
  });
  it('Spegel: an empty mirror entry with --embedded-registry is not advised away', () => {
    const f = file('mirrors:\n  docker.io: {}\n');
    const r = cli(['check', '--registries', f, '--embedded-registry']);
    expect(r.stdout).toMatch(/MIRROR_NO_ENDPOINTS .*embedded registry \(Spegel\)/);
    expect(r.stdout).not.toMatch(/no hosts\.toml is written|remove the mirror/);
    const route = JSON.parse(cli(['--registries', f, '--embedded-registry', '--json', 'nginx']).stdout)[0];
    expect(route.attempts[0].url).toMatch(/^https:\/\/127\.0\.0\.1:9345\//);
  });
  it('a config for a registry that * would mirror shadows the air-gap mirror: a finding says so', () => {
    const f = file('mirrors:\n  "*":\n    endpoint: ["https://airgap.example.com"]\nconfigs:\n  quay.io:\n    tls:\n      ca_file: /etc/quay.pem\n');
    const r = cli(['--registries', f, '--disable-default-endpoint', 'quay.io/a/b']);
    expect(r.stdout).toMatch(/CONFIG_SHADOWS_WILDCARD configs\.quay\.io/);
    expect(r.stdout).toMatch(/1\. https:\/\/quay\.io\//);
  });
  it('routing a file that still holds export placeholders warns', () => {
    const f = file('configs:\n  m.example.com:\n    auth:\n      username: "<from Secret fleet-default/s key username>"\n      password: "<from Secret fleet-default/s key password>"\n');
    expect(cli(['check', '--registries', f]).stdout).toMatch(/AUTH_PLACEHOLDER configs\.m\.example\.com\.auth\.username/);
  });
  it('2,500 mirrors and configs (over the 2,000 of the tab preview): check, routes and hosts-dir handle every entry', () => {
    const N = 2500;
    const many = `mirrors:\n${Array.from({ length: N }, (_, i) => `  r${i}.example.com:\n    endpoint: ["https://m${i}.example.com"]\n`).join('')}configs:\n${Array.from({ length: N }, (_, i) => `  m${i}.example.com:\n    tls: {ca_file: /etc/ca/${i}.pem}\n`).join('')}`;
    const f = file(many);
    const c = JSON.parse(cli(['check', '--registries', f, '--json']).stdout);
    expect(c.findings.map((x: { code: string }) => x.code)).not.toContain('LIMIT_EXCEEDED');
    const last = cli(['--registries', f, '--json', `r${N - 1}.example.com/app:1`]);
    expect(last.stderr).toBe('');
    const route = JSON.parse(last.stdout)[0];
    expect(route.attempts[0]).toMatchObject({ url: `https://m${N - 1}.example.com/v2/app/manifests/1?ns=r${N - 1}.example.com`, tls: { ca: [`/etc/ca/${N - 1}.pem`] } });
    const out = join(dir, 'many-out');
    const h = cli(['hosts-dir', '--registries', f, '--distro', 'rke2', out]);
    expect(h.code).toBe(0);
    // a directory per mirror, and one per config host (its TLS for direct pulls)
    expect(h.stdout).toContain(`wrote ${2 * N} hosts.toml file(s)`);
    expect(readdirSync(out)).toHaveLength(2 * N);
    expect(readFileSync(join(out, `r${N - 1}.example.com`, 'hosts.toml'), 'utf8')).toContain(`[host."https://m${N - 1}.example.com/v2"]`);
  });
});

describe('the distribution of the files written', () => {
  it('hosts-dir says which distribution it writes for, and --distro k3s writes the K3s header', () => {
    const f = file('mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n');
    const plain = cli(['hosts-dir', '--registries', f, join(dir, 'distro-default')]);
    expect(plain.stderr).toMatch(/add --distro k3s for K3s/);
    const k3s = cli(['hosts-dir', '--registries', f, '--distro', 'k3s', join(dir, 'distro-k3s')]);
    expect(k3s.code).toBe(0);
    expect(readFileSync(join(dir, 'distro-k3s', 'docker.io', 'hosts.toml'), 'utf8')).toMatch(/^# File generated by k3s/);
    expect(cli(['hosts-dir', '--registries', f, '--distro', 'k3s', '--distro-version', 'v1.32.3+rke2r1', join(dir, 'x')]).code).toBe(2);
  });
  it('convert --to node of a Cluster without kubernetesVersion says its TLS paths are RKE2 paths; --distro k3s writes K3s paths', () => {
    const c = file('apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata: {name: c, namespace: fleet-default}\nspec:\n  rkeConfig:\n    registries:\n      configs:\n        r.example.com: {tlsSecretName: r-tls}\n');
    const plain = cli(['convert', '--to', 'node', c]);
    expect(plain.stdout).toContain('cert_file: /var/lib/rancher/rke2/etc/tls/registries/r.example.com/tls.crt');
    expect(plain.stderr).toMatch(/note: no --distro, --distro-version or kubernetesVersion names the distribution.*add --distro k3s for K3s/);
    const k3s = cli(['convert', '--to', 'node', '--distro', 'k3s', c]);
    expect(k3s.stdout).toContain('cert_file: /var/lib/rancher/k3s/etc/tls/registries/r.example.com/tls.crt');
    expect(k3s.stderr).not.toContain('names the distribution');
  });
});

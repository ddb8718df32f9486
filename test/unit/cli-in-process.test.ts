// The CLI's `check` command and its text output, run in this process through main()
// (test/unit/cli-texts.test.ts and cli-pipelines.test.ts run the built bin/ as a child
// process, which mutation testing cannot see). Expected texts are written by hand from
// the README's CLI section (exit codes, the `check --json` keys, --fail-on) and from the
// request containerd sends (a mirror's URL carries ?ns=<registry>, the registry's own
// host does not).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './cli-run';
import { failsAt } from '../../src/cli/check';
import { at, formatPath } from '../../src/cli/format';

const dir = mkdtempSync(join(tmpdir(), 'rr-inproc-'));
let n = 0;
function file(text: string) {
  const p = join(dir, `f${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}

// a * mirror on v1.31.6: the release without the upstream fallback (a warning), nothing else
const wildcard = file('mirrors:\n  "*":\n    endpoint: ["https://all.example.com"]\n');
const clean = file('mirrors:\n  docker.io:\n    endpoint: ["https://mirror.example.com"]\n');

describe('registry-route check (in process)', () => {
  it('passes with a warning under the default --fail-on error, and fails at --fail-on warning', () => {
    const ok = run(['check', '--registries', wildcard, '--distro-version', 'v1.31.6+rke2r1']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('  warning WILDCARD_NO_FALLBACK mirrors.*: ');
    expect(ok.stdout.trimEnd().split('\n').at(-1)).toBe('ok: 0 error(s), 1 warning(s), 0 info · containerd-2.0-wildcard-bug (v1.31.6+rke2r1)');

    const fail = run(['check', '--registries', wildcard, '--distro-version', 'v1.31.6+rke2r1', '--fail-on', 'warning']);
    expect(fail.code).toBe(1);
    expect(fail.stdout.trimEnd().split('\n').at(-1)).toBe('FAIL: 0 error(s), 1 warning(s), 0 info · containerd-2.0-wildcard-bug (v1.31.6+rke2r1) · fails at --fail-on warning');
  });

  it('--json: the documented keys, the counts and the verdict', () => {
    const r = run(['check', '--registries', wildcard, '--distro-version', 'v1.31.6+rke2r1', '--fail-on', 'info', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['tool', 'toolVersion', 'profile', 'distroVersion', 'distro', 'failOn', 'failed', 'counts', 'findings']);
    expect([j.tool, j.profile, j.distroVersion, j.distro, j.failOn, j.failed, j.counts]).toEqual([
      'registry-route',
      'containerd-2.0-wildcard-bug',
      'v1.31.6+rke2r1',
      'rke2',
      'info',
      true,
      { error: 0, warning: 1, info: 0 },
    ]);
    expect(j.findings.map((f: { code: string }) => f.code)).toEqual(['WILDCARD_NO_FALLBACK']);
  });

  it('no findings: nothing but the summary line, exit 0; the fixed release has no warning', () => {
    const r = run(['check', '--registries', wildcard, '--distro-version', 'v1.31.7+rke2r1', '--fail-on', 'info']);
    expect([r.code, r.stdout]).toEqual([0, 'ok: 0 error(s), 0 warning(s), 0 info · containerd-2.0 (v1.31.7+rke2r1)\n']);
  });

  it('takes no IMAGE: exit 2 with a one-line usage error', () => {
    const r = run(['check', '--registries', clean, 'nginx']);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'registry-route: check takes no IMAGE or FILE (got "nginx"); give the settings with --registries FILE\n']);
  });

  it('failsAt: a finding at or above the threshold', () => {
    const fd = (severity: 'info' | 'warning' | 'error') => ({ severity }) as never;
    expect([failsAt([fd('warning')], 'error'), failsAt([fd('warning')], 'warning'), failsAt([fd('warning')], 'info'), failsAt([], 'info')]).toEqual([false, true, true, false]);
    expect([failsAt([fd('info')], 'warning'), failsAt([fd('error')], 'error')]).toEqual([false, true]);
  });
});

describe('route text output (in process)', () => {
  it('a Docker Hub mirror: the mirror with ?ns=docker.io, then Docker Hub itself as the fallback', () => {
    const r = run(['--registries', clean, '--distro-version', 'v1.33.1+k3s1', 'nginx']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'docker.io/library/nginx:latest (from nginx)',
        '  workload pull · certs.d/docker.io/hosts.toml · containerd-2.0',
        '  1. https://mirror.example.com/v2/library/nginx/manifests/latest?ns=docker.io',
        '     mirror · TLS: system CAs · auth: anonymous',
        '  2. https://registry-1.docker.io/v2/library/nginx/manifests/latest',
        '     registry itself (fallback) · TLS: system CAs · auth: anonymous',
        '  If every host fails, the pull fails.',
        '',
      ].join('\n'),
    );
  });

  it('TLS and auth of a mirror, plain HTTP, and an image with no hosts.toml', () => {
    const p = file(
      [
        'mirrors:',
        '  registry.example.com:',
        '    endpoint: ["https://m.example.com", "http://plain.example.com:5000"]',
        'configs:',
        '  m.example.com:',
        '    tls: {ca_file: /etc/ca.pem, cert_file: /etc/c.pem, key_file: /etc/k.pem, insecure_skip_verify: true}',
        '    auth: {username: u, password: p}',
        '',
      ].join('\n'),
    );
    const r = run(['--registries', p, '--distro-version', 'v1.33.1+k3s1', 'registry.example.com/team/app:1', 'quay.io/x:2']);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'registry.example.com/team/app:1',
      '  workload pull · certs.d/registry.example.com/hosts.toml · containerd-2.0',
      '  1. https://m.example.com/v2/team/app/manifests/1?ns=registry.example.com',
      '     mirror · TLS: CA /etc/ca.pem; client cert /etc/c.pem; skip verify · auth: configs.m.example.com',
      '  2. http://plain.example.com:5000/v2/team/app/manifests/1?ns=registry.example.com',
      '     mirror · TLS: plain HTTP · auth: anonymous',
      '  3. https://registry.example.com/v2/team/app/manifests/1',
      '     registry itself (fallback) · TLS: system CAs · auth: anonymous',
    ]);
    // the findings of these hosts follow the first route; the second route starts after them
    const quay = lines.indexOf('quay.io/x:2');
    expect(lines.slice(8, quay).filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(' ').slice(0, 2).join(' '))).toEqual([
      'If every',
      'warning ENDPOINT_HTTP',
      'warning SKIP_VERIFY',
    ]);
    expect(lines.slice(quay, quay + 4)).toEqual([
      'quay.io/x:2',
      '  workload pull · no hosts.toml · containerd-2.0',
      '  1. https://quay.io/v2/x/manifests/2',
      '     registry itself (fallback) · TLS: system CAs · auth: anonymous',
    ]);
  });

  it('an invalid image says so on its line, exit 1 (upper case in a Docker Hub path; UPPER/x would name a registry)', () => {
    const r = run(['--registries', clean, 'Nginx']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('Nginx: invalid image');
  });

  it('formatPath and at: the field path and the file position as printed', () => {
    expect(formatPath(['mirrors', 'docker.io', 'endpoint', 0])).toBe('mirrors.docker.io.endpoint[0]');
    expect(formatPath([])).toBe('');
    expect(at('r.yaml', { line: 3, column: 7, error: 'bad' })).toBe('r.yaml:3:7: bad');
    expect(at('r.yaml', { line: 3, error: 'bad' })).toBe('r.yaml:3:1: bad');
    expect(at('r.yaml', { error: 'bad' })).toBe('r.yaml: bad');
  });
});

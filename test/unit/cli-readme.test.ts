// README's CLI section says what the tool does: every command, option and exit code of
// `registry-route --help` is documented there, and every example line runs as printed
// (from a clone, through bin/; only those that need kubectl or the network are left out).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_OPTIONS, OPTIONS, USAGE } from '../../src/cli/args';
import { BIN, buildOnce, scratch } from './cli-bin';

vi.setConfig({ testTimeout: 120_000 });
beforeAll(buildOnce, 120_000);

const ROOT = join(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CLI = README.slice(README.indexOf('## The CLI: `registry-route`'), README.indexOf('\n## ', README.indexOf('## The CLI: `registry-route`') + 5));

describe('README: the CLI section', () => {
  it('documents every command, every option and every exit code of --help', () => {
    for (const cmd of Object.keys(COMMAND_OPTIONS).filter((c) => c !== 'route' && c !== 'version')) expect(CLI, cmd).toContain(`registry-route ${cmd}`);
    const options = [...Object.keys(OPTIONS), '--help', '--version'];
    expect(options.filter((opt) => !CLI.includes(opt)), 'options --help names that README does not').toEqual([]);
    expect(options.filter((opt) => !USAGE.includes(opt)), 'options --help does not name').toEqual([]);
    for (const code of [0, 1, 2, 3]) {
      expect(CLI).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
      expect(USAGE).toMatch(new RegExp(`^  ${code}  `, 'm'));
    }
    // probe and fleet exit 1 too: both texts say when
    for (const text of [CLI, USAGE]) expect(text).toMatch(/probe`?: an image no host has/);
  });

  it('never tells to run an npm package name that is not ours, and says how to run it from the repository', () => {
    expect(README).not.toMatch(/^\$ npx registry-route/m);
    expect(README).not.toMatch(/\| *npx registry-route/);
    expect(CLI).toContain('$ node bin/registry-route.mjs --version');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin['registry-route']).toBe('bin/registry-route.mjs');
  });

  it('every example runs as printed (kubectl and network probes aside)', () => {
    const { dir } = scratch('rr-readme-');
    // the files the examples name
    symlinkSync(join(ROOT, 'assets'), join(dir, 'assets'));
    copyFileSync(join(ROOT, 'assets/samples/airgap-rke2-v1.31.6.yaml'), join(dir, 'cluster.yaml'));
    writeFileSync(join(dir, 'registries.yaml'), 'mirrors:\n  docker.io:\n    endpoint: ["https://mirror.example.com"]\nconfigs:\n  mirror.example.com:\n    auth: {username: robot, password: pw}\n');
    // `npm link` puts this on the PATH; here a stand-in script for it
    writeFileSync(join(dir, 'registry-route'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(dir, 'registry-route'), 0o755);
    const lines = CLI.split('\n')
      .filter((l) => l.startsWith('$ '))
      .map((l) => l.slice(2).replace(/\s+#.*$/, ''))
      .filter((l) => !/kubectl|^npm | probe /.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) {
      // the README's /tmp/ paths first: the checkout itself may live under /tmp
      const cmd = line.replace(/\/tmp\//g, `${dir}/out-`).replace(/^node bin\/(\S+)/, (_m, f: string) => `"${process.execPath}" "${join(ROOT, 'bin', f)}"`);
      const r = spawnSync('bash', ['-c', cmd], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, timeout: 60_000 });
      expect([0, 1], `${line}\n${r.stderr}`).toContain(r.status);
      expect(r.stderr, line).not.toMatch(/^registry-route: |internal error/m);
      if (!/check|--context system/.test(line)) expect(r.status, `${line}\n${r.stderr}`).toBe(0);
    }
  });
});

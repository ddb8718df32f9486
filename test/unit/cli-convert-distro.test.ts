// registry-route convert --to cluster with --distro or --distro-version: a Cluster spec is
// the same for RKE2 and K3s (the distribution decides only the node paths --to node writes),
// so the option would change nothing. It is refused with the fix, as the other options of
// the other direction are (cli-convert-in-process.test.ts), instead of being taken without
// effect. Expected lines written by hand from `registry-route help` ("--distro rke2|k3s,
// --distro-version VERSION   --to node: whose node paths to write") and the README's exit codes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './cli-run';

const node = join(mkdtempSync(join(tmpdir(), 'rr-convert-distro-')), 'registries.yaml');
writeFileSync(node, 'mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n');

describe('convert --to cluster: the options of --to node are refused (exit 2, nothing written)', () => {
  it.each([
    ['--distro k3s', ['--distro', 'k3s'], '--distro applies to --to node (the node paths it writes); a Cluster spec is the same for RKE2 and K3s'],
    ['--distro-version', ['--distro-version', 'v1.32.3+k3s1'], '--distro-version applies to --to node (the node paths it writes); a Cluster spec is the same for RKE2 and K3s'],
  ])('%s', (_what, args, message) => {
    const r = run(['convert', '--to', 'cluster', ...args, node]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `registry-route: ${message}\n`]);
  });
});

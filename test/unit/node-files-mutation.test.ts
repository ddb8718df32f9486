// What every node receives: the planner writes an auth section only for a named auth
// Secret, and a finding is marked only in the hosts.toml of its own mirror and only on
// a line it belongs to. Expected values written by hand from the planner's rules.
import { describe, expect, it } from 'vitest';
import { compile, nodeFiles, plannerRegistriesYaml, settingsFromNodeValue } from '../../src';

describe('plannerRegistriesYaml', () => {
  it.each<[string, unknown]>([
    ['an empty Secret name', ''],
    ['a Secret name that is no string', 5],
  ])('%s: no auth section', (_, name) => {
    const y = plannerRegistriesYaml({ configs: { 'r.example.com': { authConfigSecretName: name } } }, 'fleet-default', 'rke2');
    expect(y).not.toContain('auth');
    expect(y).not.toContain('<Secret');
  });
});

describe('marks on hosts.toml files', () => {
  const files = (node: unknown) => {
    const s = settingsFromNodeValue(node);
    return nodeFiles(compile(s.settings, s.findings), node, 'ns');
  };
  it('a broken file of one mirror marks nothing in the file of another', () => {
    const node = { mirrors: { 'docker.io': { endpoint: ['https://m.example.com'], rewrite: { '^a\\.b/(.*)$': 'x/$1' } }, 'quay.io': { endpoint: ['https://q.example.com'] } } };
    const quay = files(node).find((x) => x.path.endsWith('/quay.io/hosts.toml'))!;
    expect(quay.marks).toEqual([]);
    const hub = files(node).find((x) => x.path.endsWith('/docker.io/hosts.toml'))!;
    expect(hub.marks.map((m) => m.finding.code).sort()).toEqual(['HOSTS_TOML_UNPARSABLE', 'REWRITE_BREAKS_TOML']);
  });
  it('an endpoint finding is not marked on a rewrite line', () => {
    const node = { mirrors: { 'docker.io': { endpoint: ['ftp://m.example.com'], rewrite: { 0: 'x' } } } };
    const hub = files(node).find((x) => x.path.endsWith('/docker.io/hosts.toml'))!;
    expect(hub.marks).toEqual([]);
  });
});

// objectYaml (src/lib/yaml-text.ts): the YAML text of a Kubernetes object keeps the keys in
// the order they were written unless sorting is asked for (the save diff sorts both sides so
// that only changed values show; the scenario link and exports keep the admin's order).
import { describe, expect, it } from 'vitest';
import { objectYaml } from '../../src/lib/yaml-text';

const spec = { mirrors: { 'quay.io': { endpoint: ['https://q.example.com'] }, 'docker.io': { endpoint: ['https://m.example.com'] } }, configs: {} };

describe('objectYaml key order', () => {
  it.each([
    ['no options', undefined],
    ['sortKeys: false', { sortKeys: false }],
    ['sortKeys left out', {}],
  ])('%s: the keys in the order written', (_, opts) => {
    expect(objectYaml(spec, opts)).toBe('mirrors:\n  quay.io:\n    endpoint:\n      - https://q.example.com\n  docker.io:\n    endpoint:\n      - https://m.example.com\nconfigs: {}\n');
  });

  it('sortKeys: true: every map sorted by key', () => {
    expect(objectYaml(spec, { sortKeys: true })).toBe('configs: {}\nmirrors:\n  docker.io:\n    endpoint:\n      - https://m.example.com\n  quay.io:\n    endpoint:\n      - https://q.example.com\n');
  });
});

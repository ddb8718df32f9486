// What changes on save: a minimal line diff of the spec (keys sorted, so a reordering
// is no change) and the routes of sample images before and after. Diffs below are the
// shortest edit scripts, worked out by hand (longest common subsequence).
import { describe, expect, it } from 'vitest';
import { lineDiff, saveDiff } from '../../src';
import { compileNode } from './helpers';

describe('lineDiff', () => {
  it.each<[string, string, string, Array<[string, string]>]>([
    ['a line added on top', 'a\nb', 'c\na\nb', [['+', 'c'], [' ', 'a'], [' ', 'b']]],
    ['a line removed at the end', 'a\nb', 'a', [[' ', 'a'], ['-', 'b']]],
    ['two lines removed at the end', 'a\nb\nc', 'a', [[' ', 'a'], ['-', 'b'], ['-', 'c']]],
    ['a line changed in the middle', 'a\nb\nc', 'a\nx\nc', [[' ', 'a'], ['-', 'b'], ['+', 'x'], [' ', 'c']]],
    ['a line moved from the end to the top', 'a\nb\nc', 'c\na\nb', [['+', 'c'], [' ', 'a'], [' ', 'b'], ['-', 'c']]],
  ])('%s', (_, a, b, expected) => {
    expect(lineDiff(a, b).map((c) => [c.op, c.text])).toEqual(expected);
  });
});

describe('saveDiff', () => {
  const plain = compileNode({});
  it.each([
    [{ b: 1, a: 1 }, { a: 1, b: 1 }],
    [{ a: 1, b: 1 }, { b: 1, a: 1 }],
  ])('keys in another order are no change to the spec (%j → %j)', (before, after) => {
    const d = saveDiff(before, after, plain, plain);
    expect(d.specChanged).toBe(false);
    expect(d.spec.every((c) => c.op === ' ')).toBe(true);
  });
  it('a new system-default-registry moves the system image, not the workload image', () => {
    const sdr = compileNode({}, { systemDefaultRegistry: 'sdr.example.com:5000' });
    const d = saveDiff({}, {}, plain, sdr);
    const system = d.routes.find((r) => r.context === 'system')!;
    expect(system.before).toEqual(['https://registry-1.docker.io/v2/rancher/rancher-agent/manifests/v2.13.0']);
    expect(system.after).toEqual(['https://sdr.example.com:5000/v2/rancher/rancher-agent/manifests/v2.13.0']);
    expect(d.routes.filter((r) => r.changed).map((r) => r.context)).toEqual(['system']);
  });
  it('removing the system-default-registry moves the system image back to Docker Hub', () => {
    const sdr = compileNode({}, { systemDefaultRegistry: 'sdr.example.com:5000' });
    const system = saveDiff({}, {}, sdr, plain).routes.find((r) => r.context === 'system')!;
    expect(system).toMatchObject({ changed: true, before: ['https://sdr.example.com:5000/v2/rancher/rancher-agent/manifests/v2.13.0'] });
  });
  it('without extra images only the sample images are routed', () => {
    expect(saveDiff({}, {}, plain, plain).routes.map((r) => r.image)).toEqual(['docker.io/library/nginx:latest', 'rancher/rancher-agent:v2.13.0']);
  });
});

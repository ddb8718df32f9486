// The many-image check's edges: the fallback flag, the finding codes of a row, the
// system context (system-default-registry prefix, as Rancher applies it to its own
// images), when the check yields to the page, and which workload images are read.
// Expected values written by hand from containerd's hosts.toml semantics (a mirror
// first, then the registry itself unless the default endpoint is disabled) and from
// the Kubernetes pod spec (containers, initContainers, ephemeralContainers).
import { describe, expect, it } from 'vitest';
import { checkImages, filterRows, imagesOfWorkloads } from '../../src';
import { compileNode } from './helpers';

const mirrored = compileNode({ mirrors: { 'docker.io': { endpoint: ['https://m.example.com'] } } });

describe('a row of the image check', () => {
  it('a mirror with the registry behind it has a fallback', async() => {
    const [row] = await checkImages(mirrored, ['nginx']);
    expect(row).toMatchObject({ firstHost: 'https://m.example.com', attempts: 2, fallback: true });
  });
  it('an invalid image lists its finding code', async() => {
    const [row] = await checkImages(mirrored, ['Bad/Ref']);
    expect(row).toMatchObject({ invalid: true, findings: ['IMAGE_INVALID'] });
  });
  it('in the system context the image goes to the system-default-registry', async() => {
    const c = compileNode({}, { systemDefaultRegistry: 'sdr.example.com:5000' });
    const [row] = await checkImages(c, ['rancher/rke2-runtime:v1'], { context: 'system' });
    expect(row.firstHost).toBe('https://sdr.example.com:5000');
  });
  it('"all" keeps every row', async() => {
    const rows = await checkImages(mirrored, ['nginx', 'Bad/Ref']);
    expect(filterRows(rows, 'all')).toEqual(rows);
  });
});

describe('checkImages yields to the page between slices, not after the last', () => {
  it.each([
    [4, 2, [false, true]],
    [5, 2, [false, true, true]],
    [2, 2, [false]],
    [1, 2, [false]],
  ])('%i images in slices of %i', async(n, slice, expected) => {
    let timerRan = false;
    let late = false;
    setTimeout(() => { timerRan = true; }, 0);
    const seen: boolean[] = [];
    const images = Array.from({ length: n }, (_, i) => `img${i}`);
    const rows = await checkImages(mirrored, images, {
      slice,
      onProgress: (done, total) => {
        seen.push(timerRan);
        if (done === total) setTimeout(() => { late = true; }, 0);
      },
    });
    expect(rows).toHaveLength(n);
    expect(seen).toEqual(expected);
    // nothing waits after the last slice: a timer set then has not run yet
    expect(late).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  it('runs without a progress callback', async() => {
    expect(await checkImages(mirrored, ['nginx', 'busybox'], { slice: 1 })).toHaveLength(2);
  });
});

describe('imagesOfWorkloads', () => {
  it('skips containers without a usable image', () => {
    const pod = { kind: 'Pod', spec: { containers: [null, {}, { image: '' }, { image: 5 }, { image: 'nginx:1.27' }] } };
    expect(imagesOfWorkloads([pod])).toEqual(['nginx:1.27']);
  });
  it.each<[string, unknown]>([
    ['a resource without spec', { kind: 'Namespace' }],
    ['a CronJob with an empty jobTemplate', { kind: 'CronJob', spec: { jobTemplate: {} } }],
    ['a CronJob whose job has no template', { kind: 'CronJob', spec: { jobTemplate: { spec: {} } } }],
    ['a Deployment whose template has no spec', { kind: 'Deployment', spec: { template: {} } }],
  ])('%s has no images (and no error)', (_, r) => {
    expect(imagesOfWorkloads([r])).toEqual([]);
  });
});

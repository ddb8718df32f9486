import { describe, expect, it } from 'vitest';
import { checkImages, filterRows, imagesOfWorkloads, parseImageList } from '../../src';
import { compileNode } from './helpers';

describe('many-image check', () => {
  const c = compileNode(
    { mirrors: { 'quay.io': { endpoint: ['https://q.example.com'], rewrite: { '^prometheus/(.*)': 'prom/$1' } } } },
    { disableDefaultEndpoint: true },
  );
  it('summarises each image and filters as the table does', async() => {
    const progress: number[] = [];
    const rows = await checkImages(c, ['nginx', 'quay.io/prometheus/node-exporter:v1', 'quay.io/a/b', 'Bad/Ref'], { slice: 2, onProgress: (d) => progress.push(d) });
    expect(progress).toEqual([2, 4]);
    expect(rows.map((r) => r.firstHost)).toEqual(['https://registry-1.docker.io', 'https://q.example.com', 'https://q.example.com', '']);
    expect(filterRows(rows, 'docker-hub-direct').map((r) => r.input)).toEqual(['nginx']);
    expect(filterRows(rows, 'no-fallback').map((r) => r.input)).toEqual(['quay.io/prometheus/node-exporter:v1', 'quay.io/a/b']);
    expect(filterRows(rows, 'rewritten').map((r) => r.input)).toEqual(['quay.io/prometheus/node-exporter:v1']);
    expect(filterRows(rows, 'invalid').map((r) => r.input)).toEqual(['Bad/Ref']);
  });
  it('stops when aborted', async() => {
    const ac = new AbortController();
    const rows = await checkImages(c, Array.from({ length: 100 }, (_, i) => `img${i}`), { slice: 10, onProgress: (d) => d >= 20 && ac.abort(), signal: ac.signal });
    expect(rows).toHaveLength(20);
  });
  it('reads image lists and workload images', () => {
    expect(parseImageList('nginx\n# x\n\nnginx\n redis:7 # cache\n')).toEqual(['nginx', 'redis:7']);
    expect(
      imagesOfWorkloads([
        { kind: 'Pod', spec: { containers: [{ image: 'a' }], initContainers: [{ image: 'b' }] } },
        { kind: 'Deployment', spec: { template: { spec: { containers: [{ image: 'c' }, { image: 'a' }] } } } },
        { kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: { containers: [{ image: 'd' }] } } } } } },
        null,
      ]),
    ).toEqual(['a', 'b', 'c', 'd']);
  });
});

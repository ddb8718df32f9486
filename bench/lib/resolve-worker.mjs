// One resolve throughput figure in a worker thread of its own: its own V8 isolate, so its
// own JIT feedback and heap. Measured in the bench's main thread after the other sizes and
// variants, resolve.200.rw fell from ≈ 337,000/s (alone) to ≈ 292,000/s: the figure then
// measured the bench's history, not the engine. The CLI, too, resolves against one
// compiled config per process.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { makeImages, makeRegistries, registriesYaml } from './fixtures.mjs';
import { measure, sink } from './measure.mjs';

/** @type {{ engineFile: string, n: number, rewrites: boolean, pool: 'unique' | 'hot', poolSize: number, batch: number, opts: any }} */
const { engineFile, n, rewrites, pool, poolSize, batch, opts } = workerData;
const E = await import(pathToFileURL(engineFile).href);
const y = E.parseYaml(registriesYaml(makeRegistries(n, { rewrites })));
if (!y.ok) throw new Error(`fixture ${n} does not parse: ${y.error}`);
const s = E.settingsFromNodeValue(y.value);
const compiled = E.compile(s.settings, s.findings);
// the same references as the fixtures of bench/run.mjs
const images = pool === 'unique' ? makeImages(poolSize, n, { unique: true, seed: 5 }) : makeImages(4096, n);
const mask = images.length - 1;
let k = 0;
const m = measure(`resolve.${n}`, () => {
  let x = 0;
  for (let i = 0; i < batch; i++) x += E.resolveRoute(compiled, images[k++ & mask]).attempts.length;
  sink.n += x;
}, { ...opts, batch });
parentPort?.postMessage({ m, sink: sink.n, pool: images.length });

// Child-process entry for hostile inputs that are known to hang or to abort Node
// (a V8 fatal error cannot be caught, and a synchronous hang cannot be timed out
// from inside the process). hostile-corpus.test.ts bundles this file with esbuild
// at test time, runs it with a kill timeout and checks the JSON it prints exactly
// like an in-process result.
//
//   node runner.mjs '{"file": "/path/to/input.yaml", "requests": [{"image": "nginx"}]}'
import { readFileSync } from 'node:fs';
import { runPipeline, type RouteRequest } from './pipeline';

const arg = JSON.parse(process.argv[2] ?? '{}') as { file: string; requests: RouteRequest[] };
const text = readFileSync(arg.file).toString('utf8');
// the engine and one CLI run: two parses of the same text, which is what it takes
// to bring down Node with the deep-nesting input, at half the cost of all four runs
const result = runPipeline(text, arg.file, arg.requests, { cli: ['json'] });
process.stdout.write(JSON.stringify(result));

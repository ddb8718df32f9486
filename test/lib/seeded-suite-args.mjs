// The options every seeded suite (conformance, real registries) reads the same way:
// --seed (or an environment variable, else random), --count, --only, --keep, -v/--verbose,
// plus the suite's own. Unknown options are refused (node:util parseArgs, strict).
import { parseArgs } from 'node:util';

/**
 * @param {string[]} argv
 * @param {{ seedEnv: string, count: number, options?: import('node:util').ParseArgsConfig['options'] }} suite
 * @returns {{ o: { seed: number, count: number, only: Set<string> | null, keep: boolean, verbose: boolean }, values: Record<string, string | boolean | undefined> }}
 *   the common options, checked, and the parsed values of the suite's own
 */
export function seededSuiteArgs(argv, { seedEnv, count, options = {} }) {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      seed: { type: 'string' },
      count: { type: 'string' },
      only: { type: 'string' },
      keep: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      ...options,
    },
  });
  const o = {
    seed: v.seed !== undefined ? Number(v.seed) : process.env[seedEnv] ? Number(process.env[seedEnv]) : Math.floor(Math.random() * 2 ** 32),
    count: v.count !== undefined ? Number(v.count) : count,
    only: v.only !== undefined ? new Set(String(v.only).split(',')) : null,
    keep: v.keep === true,
    verbose: v.verbose === true,
  };
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed >= 2 ** 32) throw new Error('--seed must be an integer in [0, 2^32)');
  if (!Number.isInteger(o.count) || o.count < 0) throw new Error('--count must be a non-negative integer');
  return { o, values: v };
}

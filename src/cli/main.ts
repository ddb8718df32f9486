// registry-route: the engine on the command line. One table of commands; each
// parses nothing itself (args.ts does) and returns its exit code.
import { COMMAND_OPTIONS, parseArgs, UsageError, USAGE, type CliOptions } from './args';
import { checkCommand } from './check';
import { convertCommand } from './convert';
import { fleet } from './fleet';
import { formatFinding } from './format';
import { hostsDirCommand } from './hosts-dir';
import { outputOf, readInput, resetStdin, type Io, type Out } from './io';
import { routeCommand } from './routes';
import { VERSION } from './version';
import { loadRe2 } from '../containerd/re2';

export type Command = (o: CliOptions, io: Io) => number;

/** Every command; its options are listed in args.ts COMMAND_OPTIONS. */
export const COMMANDS: Record<string, Command> = {
  route: routeCommand,
  check: checkCommand,
  'hosts-dir': hostsDirCommand,
  convert: convertCommand,
  fleet: (o, io) => {
    const file = o.positional[0] ?? '';
    return fleet(o, o.positional.length === 1 ? readInput(file, 'fleet file') : '', file, o.secrets ? readInput(o.secrets, 'Secrets file') : undefined, io.out);
  },
  help: (_o, io) => {
    io.out.write(USAGE);
    return 0;
  },
  version: (_o, io) => {
    io.out.write(`registry-route ${VERSION}\n`);
    return 0;
  },
};

/** Output errors that end the run quietly: a reader that went away, a full disk. */
export function outputFailure(e: unknown): number | undefined {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return 0;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO') return 2;
  return undefined;
}

export function main(argv: string[], stdout: Out = process.stdout, err: Out = process.stderr): number {
  resetStdin();
  const out = outputOf(stdout);
  try {
    const o = parseArgs(argv);
    if (o.version) return COMMANDS.version(o, { out, err });
    if (o.help) return COMMANDS.help(o, { out, err });
    const run = Object.hasOwn(COMMANDS, o.command) && Object.hasOwn(COMMAND_OPTIONS, o.command) ? COMMANDS[o.command] : undefined;
    if (!run) throw new UsageError(`unknown command ${o.command}`);
    return run(o, { out, err });
  } catch (e) {
    return failed(e, err);
  }
}

/** The exit code of a failed run, with its one-line message: 2 for bad input, quiet output failures, 3 for a bug. */
export function failed(e: unknown, err: Out): number {
  if (e instanceof UsageError) {
    safeWrite(err, `registry-route: ${e.message}\n`);
    return 2;
  }
  const quiet = outputFailure(e);
  if (quiet !== undefined) {
    if (quiet) safeWrite(err, `registry-route: cannot write the output: ${(e as Error).message.split('\n')[0]}\n`);
    return quiet;
  }
  safeWrite(err, `registry-route: internal error: ${(e as Error)?.message ?? String(e)}\n`);
  return 3;
}

function safeWrite(s: Out, text: string): void {
  try {
    s.write(text);
  } catch {
    // stderr is gone too: nothing left to tell
  }
}

export { formatFinding };
export { relevantFindings, images } from './routes';
export { readInput };
export { loadSettings } from './load';

// Rewrite patterns run on the RE2 engine, which the engine loads on first need (see
// containerd/re2.ts): whatever runs the CLI – bin/, the conformance and registry suites,
// the bench – has it loaded once this module is.
await loadRe2();

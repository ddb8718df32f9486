import { main, outputFailure } from './main';
import { probeMain } from './probe';

// Writing to a closed pipe (`| head -1`) or a full disk ends the run quietly, never with a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    const code = outputFailure(e);
    if (code === undefined) {
      process.exitCode = 3;
      return;
    }
    if (code !== 0 && stream === process.stdout) {
      try {
        process.stderr.write(`registry-route: cannot write the output: ${e.message}\n`);
      } catch {
        // nothing left to tell
      }
    }
    process.exit(code || (process.exitCode as number | undefined) || 0);
  });
}

const argv = process.argv.slice(2);
// eslint-disable-next-line no-void -- the exit code is set in .then(); nothing awaits this promise
void Promise.resolve(argv[0] === 'probe' ? probeMain(argv) : main(argv)).then((code) => {
  process.exitCode = code;
});

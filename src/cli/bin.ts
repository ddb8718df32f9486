import { main } from './main';
import { probeMain } from './probe';

const argv = process.argv.slice(2);
// eslint-disable-next-line no-void -- the exit code is set in .then(); nothing awaits this promise
void Promise.resolve(argv[0] === 'probe' ? probeMain(argv) : main(argv)).then((code) => {
  process.exitCode = code;
});

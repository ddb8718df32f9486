import { main } from './main';
import { probeMain } from './probe';

const argv = process.argv.slice(2);
void Promise.resolve(argv[0] === 'probe' ? probeMain(argv) : main(argv)).then((code) => {
  process.exitCode = code;
});

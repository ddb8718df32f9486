// Runs the CLI in this process through main() with captured output: what the admin would
// see on stdout and stderr, and the exit code. (A run of the built bin/ is a child process,
// which mutation testing cannot see.)
import { main } from '../../src/cli/main';

export function runCli(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const writer = (add: (s: string) => void) => ({
    write: (s: string) => {
      add(s);

      return true;
    },
  }) as never;
  const code = main(args, writer((s) => (stdout += s)), writer((s) => (stderr += s)));

  return { code, stdout, stderr };
}

// registry-route's option parsing, called in this process (parseArgs), so that mutation
// testing sees it: test/unit/cli-texts.test.ts and cli-pipelines.test.ts check the same
// rules through the built bin/ in a child process, which Stryker cannot see.
// Expected values are written by hand from the CLI's usage text (USAGE in src/cli/args.ts,
// the README's CLI section): the values each option takes, its default, the commands it
// applies to, and the one-line usage error an admin sees (exit 2) when it is wrong.
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args';

/** The usage error parseArgs throws for these words (fails the test when it throws none). */
function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`no usage error for ${JSON.stringify(argv)}`);
}

describe('parseArgs: defaults (README: --context workload, --fail-on error, --namespace fleet-default)', () => {
  it('no words: the routes command with every documented default and nothing given', () => {
    expect(parseArgs([])).toEqual({
      command: 'route',
      disableDefaultEndpoint: false,
      embeddedRegistry: false,
      context: 'workload',
      json: false,
      help: false,
      version: false,
      force: false,
      replace: false,
      failOn: 'error',
      positional: [],
      images: [],
      given: [],
      namespace: 'fleet-default',
    });
  });
});

describe('parseArgs: the command word', () => {
  it.each([
    [['check'], 'check', []],
    [['convert', 'f.yaml'], 'convert', ['f.yaml']],
    [['route', 'nginx'], 'route', ['nginx']],
    [['nginx', 'check'], 'route', ['nginx', 'check']],
  ])('%j: command %s, positional %j', (argv, command, positional) => {
    const o = parseArgs(argv as string[]);
    expect([o.command, o.positional]).toEqual([command, positional]);
  });
});

describe('parseArgs: help and version take precedence over option checks', () => {
  it.each([['-h'], ['--help']])('%s sets help', (w) => {
    const o = parseArgs([w]);
    expect([o.help, o.version, o.positional, o.given]).toEqual([true, false, [], []]);
  });

  it.each([['-V'], ['--version']])('%s sets version', (w) => {
    const o = parseArgs([w]);
    expect([o.help, o.version, o.positional, o.given]).toEqual([false, true, [], []]);
  });

  it.each([
    [['check', '--help', '--context', 'system']],
    [['check', '--context', 'system', '-h']],
    [['check', '--version', '--context', 'system']],
    [['fleet', '-V', '--timeout', '5']],
  ])('%j: an option of another command is no error with help or version', (argv) => {
    expect(() => parseArgs(argv)).not.toThrow();
  });

  it('-h=x is no help: an unknown option (only --long options carry =VALUE)', () => {
    expect(usageError(['-h=x'])).toBe('unknown option -h=x (see registry-route --help)');
  });
});

describe('parseArgs: words after -- are images, even when they look like options', () => {
  it('-- stops option parsing', () => {
    const o = parseArgs(['--json', '--', '--json', '-x', 'nginx']);
    expect([o.json, o.positional, o.given]).toEqual([true, ['--json', '-x', 'nginx'], ['--json']]);
  });

  it("a lone '-' is a word (stdin), not an option", () => {
    expect(parseArgs(['convert', '--to', 'node', '-']).positional).toEqual(['-']);
  });

  it('an unknown option names itself and --help', () => {
    expect(usageError(['--bogus', 'nginx'])).toBe('unknown option --bogus (see registry-route --help)');
    expect(usageError(['--bogus=1'])).toBe('unknown option --bogus (see registry-route --help)');
  });

  it('a word with = that is no option stays whole', () => {
    expect(parseArgs(['a=b']).positional).toEqual(['a=b']);
  });
});

describe('parseArgs: --option VALUE and --option=VALUE', () => {
  it.each([
    [['--registries', 'r.yaml'], 'r.yaml'],
    [['--registries=r.yaml'], 'r.yaml'],
    [['--registries=a=b.yaml'], 'a=b.yaml'],
    [['--registries', '-'], '-'],
    [['--registries', 'r--'], 'r--'],
    // "--" alone is no option name: a value
    [['--registries', '--'], '--'],
  ])('%j: registries %s', (argv, file) => {
    expect(parseArgs(argv).registries).toBe(file);
  });

  it.each([
    [['--registries']],
    [['--registries', '--json']],
    [['--timeout', '--all']],
  ])('%j: the option needs a value', (argv) => {
    expect(usageError(argv)).toBe(`${argv[0]} needs a value`);
  });

  it.each([['--json=true'], ['--all=1'], ['--force=yes'], ['--json=']])('%s: a flag takes no value', (w) => {
    expect(usageError(['probe', w])).toBe(`${w.split('=')[0]} takes no value`);
  });

  it('the options given are listed as typed', () => {
    expect(parseArgs(['--registries=r.yaml', '--json', 'nginx']).given).toEqual(['--registries', '--json']);
  });
});

describe('parseArgs: flags', () => {
  it.each([
    [['--disable-default-endpoint'], 'disableDefaultEndpoint'],
    [['--embedded-registry'], 'embeddedRegistry'],
    [['--json'], 'json'],
    [['convert', '--force'], 'force'],
    [['hosts-dir', '--replace'], 'replace'],
    [['probe', '--all'], 'all'],
  ])('%j sets %s', (argv, key) => {
    expect((parseArgs(argv) as unknown as Record<string, unknown>)[key]).toBe(true);
  });
});

describe('parseArgs: values that are checked', () => {
  it.each([
    [['--distro', 'rke2'], 'distro', 'rke2'],
    [['--distro', 'k3s'], 'distro', 'k3s'],
    [['--runtime', 'k3s-fork'], 'runtime', 'k3s-fork'],
    [['--runtime', 'upstream'], 'runtime', 'upstream'],
    [['--runtime', 'upstream-1.6'], 'runtime', 'upstream-1.6'],
    [['--context', 'workload'], 'context', 'workload'],
    [['--context', 'system'], 'context', 'system'],
    [['convert', '--to', 'cluster'], 'to', 'cluster'],
    [['convert', '--to', 'node'], 'to', 'node'],
    [['check', '--fail-on', 'error'], 'failOn', 'error'],
    [['check', '--fail-on', 'warning'], 'failOn', 'warning'],
    [['check', '--fail-on', 'info'], 'failOn', 'info'],
    [['probe', '--timeout', '1'], 'timeoutMs', 1],
    [['probe', '--timeout', '5000'], 'timeoutMs', 5000],
    [['probe', '--timeout', '600000'], 'timeoutMs', 600000],
    [['--system-default-registry', 'reg.example.com:5000'], 'systemDefaultRegistry', 'reg.example.com:5000'],
    [['--system-default-registry', ''], 'systemDefaultRegistry', ''],
    [['convert', '--namespace', 'fleet-local'], 'namespace', 'fleet-local'],
    [['convert', '--cluster-name', 'prod'], 'clusterName', 'prod'],
    [['convert', '--secrets-out', 's.yaml'], 'secretsOut', 's.yaml'],
    [['convert', '--secrets', 's.yaml'], 'secrets', 's.yaml'],
    [['--images-file', 'i.txt'], 'imagesFile', 'i.txt'],
    [['fleet', '--image', 'nginx', '--image', 'quay.io/x'], 'images', ['nginx', 'quay.io/x']],
  ])('%j: %s = %j', (argv, key, value) => {
    expect((parseArgs(argv as string[]) as unknown as Record<string, unknown>)[key]).toEqual(value);
  });

  it.each([
    [['--distro', 'RKE2'], '--distro must be rke2 or k3s, not "RKE2"'],
    [['--distro', 'rancher'], '--distro must be rke2 or k3s, not "rancher"'],
    [['--runtime', 'containerd'], '--runtime must be one of k3s-fork, upstream, upstream-1.6, not "containerd"'],
    [['--runtime', ''], '--runtime must be one of k3s-fork, upstream, upstream-1.6, not ""'],
    [['--context', 'node'], '--context must be workload or system, not "node"'],
    [['--context', ''], '--context must be workload or system, not ""'],
    [['convert', '--to', 'yaml'], '--to must be cluster or node, not "yaml"'],
    [['convert', '--to', ''], '--to must be cluster or node, not ""'],
    [['check', '--fail-on', 'fatal'], '--fail-on must be error, warning or info, not "fatal"'],
    [['check', '--fail-on', ''], '--fail-on must be error, warning or info, not ""'],
    [['probe', '--timeout', '0'], '--timeout is in milliseconds, 1 to 600000, not "0"'],
    [['probe', '--timeout', '600001'], '--timeout is in milliseconds, 1 to 600000, not "600001"'],
    [['probe', '--timeout', '5s'], '--timeout is in milliseconds, 1 to 600000, not "5s"'],
    [['probe', '--timeout', 'x5'], '--timeout is in milliseconds, 1 to 600000, not "x5"'],
    [['probe', '--timeout', '-5'], '--timeout is in milliseconds, 1 to 600000, not "-5"'],
    [['probe', '--timeout', '1.5'], '--timeout is in milliseconds, 1 to 600000, not "1.5"'],
  ])('%j: %s', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});

describe('parseArgs: a file or name option needs a non-empty value', () => {
  it.each([
    ['--registries', "a file ('-' for stdin)"],
    ['--images-file', "a file ('-' for stdin)"],
    ['--namespace', 'a namespace'],
    ['--cluster-name', 'a name'],
    ['--secrets-out', 'a file'],
    ['--secrets', 'a file of Secret manifests'],
    ['--image', 'an image'],
  ])('%s "" and "  ": needs %s', (name, what) => {
    expect(usageError([name, ''])).toBe(`${name} needs ${what}, not an empty value`);
    expect(usageError([`${name}=  `])).toBe(`${name} needs ${what}, not an empty value`);
  });
});

describe('parseArgs: --distro-version is a full RKE2/K3s release', () => {
  it.each([
    ['v1.31.6+rke2r1', 'v1.31.6+rke2r1'],
    ['v1.31.6+k3s1', 'v1.31.6+k3s1'],
    // without the leading v, as `rke2 --version` prints it
    ['1.31.6+rke2r1', '1.31.6+rke2r1'],
    ['v1.31.6', 'v1.31.6'],
    ['v1.31.10+rke2r1', 'v1.31.10+rke2r1'],
    ['v1.30.4-rc1+rke2r2', 'v1.30.4-rc1+rke2r2'],
    // pasted with blanks around it: kept without them
    [' v1.31.6+rke2r1 ', 'v1.31.6+rke2r1'],
  ])('%j is taken as %s', (v, kept) => {
    expect(parseArgs(['--distro-version', v]).distroVersion).toBe(kept);
  });

  it.each([['v1.31'], ['1.31'], ['v2.0.0'], ['latest'], ['v1.31.6+rke2r1 oops'], ['v1.31.6+k3s1$'], ['xv1.31.6'], ['']])('%j is refused with an example', (v) => {
    expect(usageError(['--distro-version', v])).toBe(`--distro-version must be a full RKE2/K3s release such as v1.31.6+rke2r1 or v1.31.6+k3s1, not "${v}"`);
  });

  it('--distro that contradicts the release: both named', () => {
    expect(usageError(['--distro', 'k3s', '--distro-version', 'v1.31.6+rke2r1'])).toBe('--distro k3s contradicts --distro-version v1.31.6+rke2r1');
    expect(usageError(['--distro-version', 'v1.32.2+k3s1', '--distro', 'rke2'])).toBe('--distro rke2 contradicts --distro-version v1.32.2+k3s1');
  });

  it('--distro that agrees with the release, or a release that names no distro: no error', () => {
    expect(parseArgs(['--distro', 'rke2', '--distro-version', 'v1.31.6+rke2r1'])).toMatchObject({ distro: 'rke2', distroVersion: 'v1.31.6+rke2r1' });
    expect(parseArgs(['--distro', 'k3s', '--distro-version', 'v1.31.6+k3s1'])).toMatchObject({ distro: 'k3s', distroVersion: 'v1.31.6+k3s1' });
    expect(parseArgs(['--distro', 'k3s', '--distro-version', 'v1.31.6'])).toMatchObject({ distro: 'k3s', distroVersion: 'v1.31.6' });
  });
});

describe('parseArgs: each command takes only its own options (README usage)', () => {
  it.each([
    [['--fail-on', 'info', 'nginx'], '--fail-on does not apply to routes (see registry-route --help)'],
    [['route', '--to', 'node', 'nginx'], '--to does not apply to routes (see registry-route --help)'],
    [['check', '--context', 'system'], '--context does not apply to check (see registry-route --help)'],
    [['hosts-dir', '--system-default-registry', 'r.example.com', 'out'], '--system-default-registry does not apply to hosts-dir (see registry-route --help)'],
    [['convert', '--json', 'f.yaml'], '--json does not apply to convert (see registry-route --help)'],
    [['fleet', '--registries', 'r.yaml', 'f.yaml'], '--registries does not apply to fleet (see registry-route --help)'],
    [['version', '--json'], '--json does not apply to version (see registry-route --help)'],
  ])('%j: %s', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });

  it.each([
    [['--registries', 'r.yaml', '--context', 'system', '--images-file', 'i.txt', '--json', 'nginx']],
    [['check', '--registries', 'r.yaml', '--distro-version', 'v1.31.6+rke2r1', '--runtime', 'upstream', '--fail-on', 'warning', '--json']],
    [['hosts-dir', '--registries', 'r.yaml', '--distro', 'k3s', '--embedded-registry', '--disable-default-endpoint', '--replace', 'out']],
    [['convert', '--to', 'cluster', '--namespace', 'ns', '--cluster-name', 'c', '--secrets-out', 's.yaml', '--force', 'f.yaml']],
    [['fleet', '--system-default-registry', 'r.example.com', '--secrets', 's.yaml', '--image', 'nginx', '--json', 'f.yaml']],
    [['probe', '--registries', 'r.yaml', '--secrets', 's.yaml', '--timeout', '100', '--all', '--json', 'nginx']],
  ])('%j: accepted', (argv) => {
    expect(() => parseArgs(argv)).not.toThrow();
  });
});

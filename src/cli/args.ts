// Command-line parsing for registry-route: strict, with one-line errors.
// Each command names the options it takes; any other option is an error.
import { parseVersion } from '../input/profiles';
import type { Distro, Runtime, Severity } from '../types';

export class UsageError extends Error {}

export interface CliOptions {
  command: string;
  registries?: string;
  distroVersion?: string;
  distro?: Distro;
  runtime?: Runtime;
  disableDefaultEndpoint: boolean;
  embeddedRegistry: boolean;
  systemDefaultRegistry?: string;
  context: 'workload' | 'system';
  json: boolean;
  imagesFile?: string;
  to?: 'cluster' | 'node';
  namespace: string;
  clusterName?: string;
  secretsOut?: string;
  /** convert --to node: Secret manifests (as --secrets-out writes them) that tell which keys each Secret holds; fleet: the Secrets of the clusters' namespace */
  secrets?: string;
  /** probe: per-host timeout in ms */
  timeoutMs?: number;
  /** probe: ask every host, not only up to the first that has the image */
  all?: boolean;
  /** fleet: each --image */
  images: string[];
  force: boolean;
  replace: boolean;
  failOn: Severity;
  help: boolean;
  version: boolean;
  positional: string[];
  /** the options given, as typed (for "does not apply to" errors) */
  given: string[];
}

const RUNTIMES: Runtime[] = ['k3s-fork', 'upstream', 'upstream-1.6'];

interface OptionSpec {
  /** takes a value; `parse` checks it and stores it */
  value?: (o: CliOptions, v: string, name: string) => void;
  flag?: (o: CliOptions) => void;
}

const nonEmpty = (name: string, v: string, what: string): string => {
  if (v.trim() === '') throw new UsageError(`${name} needs ${what}, not an empty value`);
  return v;
};

export const OPTIONS: Record<string, OptionSpec> = {
  '--registries': { value: (o, v, n) => (o.registries = nonEmpty(n, v, "a file ('-' for stdin)")) },
  '--distro-version': {
    value: (o, v, n) => {
      if (!/^v?1\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.test(v.trim()) || !parseVersion(v)) {
        throw new UsageError(`${n} must be a full RKE2/K3s release such as v1.31.6+rke2r1 or v1.31.6+k3s1, not "${v}"`);
      }
      o.distroVersion = v.trim();
    },
  },
  '--distro': {
    value: (o, v, n) => {
      if (v !== 'rke2' && v !== 'k3s') throw new UsageError(`${n} must be rke2 or k3s, not "${v}"`);
      o.distro = v;
    },
  },
  '--runtime': {
    value: (o, v, n) => {
      if (!RUNTIMES.includes(v as Runtime)) throw new UsageError(`${n} must be one of ${RUNTIMES.join(', ')}, not "${v}"`);
      o.runtime = v as Runtime;
    },
  },
  '--disable-default-endpoint': { flag: (o) => (o.disableDefaultEndpoint = true) },
  '--embedded-registry': { flag: (o) => (o.embeddedRegistry = true) },
  '--system-default-registry': { value: (o, v) => (o.systemDefaultRegistry = v) },
  '--context': {
    value: (o, v, n) => {
      if (v !== 'workload' && v !== 'system') throw new UsageError(`${n} must be workload or system, not "${v}"`);
      o.context = v;
    },
  },
  '--images-file': { value: (o, v, n) => (o.imagesFile = nonEmpty(n, v, "a file ('-' for stdin)")) },
  '--to': {
    value: (o, v, n) => {
      if (v !== 'cluster' && v !== 'node') throw new UsageError(`${n} must be cluster or node, not "${v}"`);
      o.to = v;
    },
  },
  '--namespace': { value: (o, v, n) => (o.namespace = nonEmpty(n, v, 'a namespace')) },
  '--cluster-name': { value: (o, v, n) => (o.clusterName = nonEmpty(n, v, 'a name')) },
  '--secrets-out': { value: (o, v, n) => (o.secretsOut = nonEmpty(n, v, 'a file')) },
  '--secrets': { value: (o, v, n) => (o.secrets = nonEmpty(n, v, 'a file of Secret manifests')) },
  '--image': { value: (o, v, n) => o.images.push(nonEmpty(n, v, 'an image')) },
  '--force': { flag: (o) => (o.force = true) },
  '--replace': { flag: (o) => (o.replace = true) },
  '--fail-on': {
    value: (o, v, n) => {
      if (v !== 'error' && v !== 'warning' && v !== 'info') throw new UsageError(`${n} must be error, warning or info, not "${v}"`);
      o.failOn = v;
    },
  },
  '--timeout': {
    value: (o, v, n) => {
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 600000) throw new UsageError(`${n} is in milliseconds, 1 to 600000, not "${v}"`);
      o.timeoutMs = Number(v);
    },
  },
  '--all': { flag: (o) => (o.all = true) },
  '--json': { flag: (o) => (o.json = true) },
};

const SETTINGS = ['--registries', '--distro', '--distro-version', '--runtime', '--disable-default-endpoint', '--embedded-registry', '--system-default-registry'];

/** The options each command takes (besides --help). Add a command here and in main.ts COMMANDS. */
export const COMMAND_OPTIONS: Record<string, string[]> = {
  route: [...SETTINGS, '--context', '--images-file', '--json'],
  check: [...SETTINGS, '--fail-on', '--json'],
  'hosts-dir': [...SETTINGS.filter((s) => s !== '--system-default-registry'), '--replace', '--json'],
  convert: ['--to', '--namespace', '--cluster-name', '--secrets-out', '--secrets', '--force', '--distro', '--distro-version'],
  fleet: ['--system-default-registry', '--secrets', '--image', '--json'],
  probe: [...SETTINGS, '--context', '--images-file', '--secrets', '--timeout', '--all', '--json'],
  help: [],
  version: [],
};

export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = {
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
  };
  const args = [...argv];
  // the first word names the command when it is one; otherwise the words are images
  if (args.length && Object.hasOwn(COMMAND_OPTIONS, args[0]) && args[0] !== 'route') o.command = args.shift() as string;
  else if (args[0] === 'route') args.shift();
  while (args.length) {
    const a = args.shift() as string;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name === '-h' || name === '--help') {
      o.help = true;
      continue;
    }
    if (name === '--version' || name === '-V') {
      o.version = true;
      continue;
    }
    if (name === '--') {
      o.positional.push(...args.splice(0));
      continue;
    }
    const spec = OPTIONS[name];
    if (!spec) {
      if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${name} (see registry-route --help)`);
      o.positional.push(a);
      continue;
    }
    o.given.push(name);
    if (spec.flag) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      spec.flag(o);
      continue;
    }
    let v: string | undefined;
    if (eq > 0) v = a.slice(eq + 1);
    else {
      v = args.shift();
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${name} needs a value`);
    }
    spec.value?.(o, v, name);
  }
  if (o.distro && o.distroVersion && parseVersion(o.distroVersion)?.distro && parseVersion(o.distroVersion)?.distro !== o.distro) {
    throw new UsageError(`--distro ${o.distro} contradicts --distro-version ${o.distroVersion}`);
  }
  if (!o.help && !o.version) {
    const allowed = COMMAND_OPTIONS[o.command] ?? [];
    const wrong = o.given.find((g) => !allowed.includes(g));
    if (wrong) throw new UsageError(`${wrong} does not apply to ${o.command === 'route' ? 'routes' : o.command} (see registry-route --help)`);
  }
  return o;
}

export const USAGE = `Usage:
  registry-route [options] IMAGE...            the hosts containerd tries for each image, in order
  registry-route check [options]               every finding of the settings, for pipelines
  registry-route hosts-dir [options] OUTDIR    write OUTDIR/<dir>/hosts.toml as the node agent does
  registry-route convert --to cluster|node [options] FILE
                                               registries.yaml <-> spec.rkeConfig.registries
  registry-route fleet [--system-default-registry R] [--secrets FILE] [--image IMAGE]...
                 [--json] FILE                 the registry posture of every cluster in FILE
                                               (kubectl get clusters.provisioning.cattle.io -A -o yaml)
  registry-route probe [options] [--secrets FILE] [--timeout MS] [--all] IMAGE...
                                               ask each host of the route, as containerd does,
                                               which has the image (exit 1 when one has none)
  registry-route help | --help | --version

Settings (routes, check, hosts-dir):
  --registries FILE            a node registries.yaml or a provisioning.cattle.io Cluster manifest
                               ('-' reads stdin)
  --distro-version VERSION     RKE2/K3s release, e.g. v1.31.6+rke2r1 or v1.31.6+k3s1
                               (default: newest behaviour)
  --distro rke2|k3s            whose paths and file headers to write, when no version says
                               it (default rke2)
  --runtime RUNTIME            k3s-fork (default) | upstream | upstream-1.6
  --disable-default-endpoint   as disable-default-registry-endpoint
  --embedded-registry          as embedded-registry (Spegel)
  --system-default-registry R  the app-layer rename for system images (not for hosts-dir)

Routes:
  --context workload|system    pull as a workload (default) or as a system image
  --images-file FILE           images separated by lines or spaces ('-' for stdin; # comments),
                               in addition to IMAGE...
  --json                       a JSON array, one object per image, each with the profile and
                               version applied

check:
  --fail-on error|warning|info exit 1 when a finding is at or above this severity (default error)
  --json                       {profile, version, findings: [...]}

hosts-dir:
  OUTDIR must be new or empty; --replace replaces the host directories of an existing certs.d
  (as the agent does at start) and refuses anything else in it. Written atomically; symlinks
  are never followed.

convert:
  --to cluster                 a node registries.yaml to {registries: ...} for spec.rkeConfig
  --to node                    a Cluster manifest or {registries: ...} back to registries.yaml
  --namespace NS               the cluster namespace for Secrets (default fleet-default)
  --cluster-name NAME          prefix for the Secret names
  --secrets-out FILE           --to cluster: write the auth Secrets to create (mode 0600; an
                               existing FILE only with --force); credentials are never printed
  --secrets FILE               --to node: Secret manifests, so placeholders name their real keys
  --distro rke2|k3s, --distro-version VERSION   --to node: whose node paths to write (default rke2)

fleet:
  --secrets FILE               kubectl get secrets -n fleet-default -o yaml (names and types are
                               read, never data): stale references, unused Secrets
  --image IMAGE                where IMAGE comes from on each cluster (repeatable)
  --system-default-registry R  the global setting, for clusters that do not set their own

probe (takes the settings options, --context and --images-file too):
  --secrets FILE               the auth-config and TLS Secrets a Cluster manifest names
  --timeout MS                 per-host timeout (default 5000)
  --all                        ask every host, not only up to the first that has the image
  --json                       [{input, image, attempts: [{url, status, httpStatus, ms}], servedBy}]

  -h, --help                   this text        --version   the tool's version

Exit codes:
  0  done; routes: every image resolved; check: no finding at or above --fail-on
  1  routes: an image is invalid; check: a finding at or above --fail-on;
     convert: the settings hold an error (credentials in a URL or key are left out);
     probe: an image no host has; fleet: an --image is invalid
  2  bad input or options, or a file that cannot be read or written (nothing was written)
  3  internal error (a bug: please report it)
`;

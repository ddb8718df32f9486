// Command-line parsing for registry-route: strict, with one-line errors.
import type { Runtime } from '../types';

export class UsageError extends Error {}

export interface CliOptions {
  command: 'route' | 'hosts-dir' | 'convert' | 'fleet';
  registries?: string;
  distroVersion?: string;
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
  help: boolean;
  positional: string[];
  /** fleet: --secrets FILE and each --image */
  secrets?: string;
  images: string[];
}

const RUNTIMES: Runtime[] = ['k3s-fork', 'upstream', 'upstream-1.6'];

export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { command: 'route', disableDefaultEndpoint: false, embeddedRegistry: false, context: 'workload', json: false, help: false, positional: [], namespace: 'fleet-default', images: [] };
  const args = [...argv];
  if (args[0] === 'hosts-dir' || args[0] === 'convert' || args[0] === 'fleet') o.command = args.shift() as CliOptions['command'];
  const value = (name: string): string => {
    const v = args.shift();
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${name} needs a value`);
    return v;
  };
  while (args.length) {
    const a = args.shift() as string;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) {
      args.unshift(a.slice(eq + 1));
      args.unshift(a.slice(0, eq));
      continue;
    }
    switch (a) {
      case '--registries': o.registries = value(a); break;
      case '--distro-version': o.distroVersion = value(a); break;
      case '--runtime': {
        const r = value(a);
        if (!RUNTIMES.includes(r as Runtime)) throw new UsageError(`--runtime must be one of ${RUNTIMES.join(', ')}, not "${r}"`);
        o.runtime = r as Runtime;
        break;
      }
      case '--disable-default-endpoint': o.disableDefaultEndpoint = true; break;
      case '--embedded-registry': o.embeddedRegistry = true; break;
      case '--system-default-registry': o.systemDefaultRegistry = value(a); break;
      case '--context': {
        const c = value(a);
        if (c !== 'workload' && c !== 'system') throw new UsageError(`--context must be workload or system, not "${c}"`);
        o.context = c;
        break;
      }
      case '--images-file': o.imagesFile = value(a); break;
      case '--to': {
        const t = value(a);
        if (t !== 'cluster' && t !== 'node') throw new UsageError(`--to must be cluster or node, not "${t}"`);
        o.to = t;
        break;
      }
      case '--namespace': o.namespace = value(a); break;
      case '--cluster-name': o.clusterName = value(a); break;
      case '--secrets-out': o.secretsOut = value(a); break;
      case '--secrets': o.secrets = value(a); break;
      case '--image': o.images.push(value(a)); break;
      case '--json': o.json = true; break;
      case '-h': case '--help': o.help = true; break;
      case '--': o.positional.push(...args.splice(0)); break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a} (see registry-route --help)`);
        o.positional.push(a);
    }
  }
  return o;
}

export const USAGE = `Usage:
  registry-route [options] IMAGE...            the hosts containerd tries for each image, in order
  registry-route hosts-dir [options] OUTDIR    write OUTDIR/<dir>/hosts.toml as the node agent does
  registry-route convert --to cluster|node [--namespace NS] [--cluster-name NAME]
                 [--secrets-out FILE] FILE     registries.yaml <-> spec.rkeConfig.registries
  registry-route fleet [--system-default-registry R] [--secrets FILE] [--image IMAGE]...
                 [--json] FILE                 the registry posture of every cluster in FILE
                                               (kubectl get clusters.provisioning.cattle.io -A -o yaml)

Options:
  --registries FILE            a node registries.yaml or a provisioning.cattle.io Cluster manifest
  --distro-version VERSION     RKE2/K3s version, e.g. v1.31.6+rke2r1 (default: newest behaviour)
  --runtime RUNTIME            k3s-fork (default) | upstream | upstream-1.6
  --disable-default-endpoint   as disable-default-registry-endpoint
  --embedded-registry          as embedded-registry (Spegel)
  --system-default-registry R  the app-layer rename for system images
  --context workload|system    pull as a workload (default) or as a system image
  --images-file FILE           one image per line ('-' for stdin), in addition to IMAGE...
  --json                       print a JSON array, one object per image
  --to cluster|node            convert: a node registries.yaml to the Cluster spec, or back
  --namespace NS               convert: the cluster namespace for Secrets (default fleet-default)
  --secrets-out FILE           convert --to cluster: write the auth Secrets to create (mode 0600);
                               credential values are never printed
  --secrets FILE               fleet: kubectl get secrets -n fleet-default -o yaml (names and
                               types are read, never data): stale references, unused Secrets
  --image IMAGE                fleet: where IMAGE comes from on each cluster (repeatable)
  -h, --help                   this text
`;

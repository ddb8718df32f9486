// Shared shapes of the domain core. Everything here is plain data so that the
// CLI, the tab and the tests can all hold and compare it.

export type Distro = 'rke2' | 'k3s';

/** Which containerd decides the route (CLI `--runtime`). */
export type Runtime = 'k3s-fork' | 'upstream' | 'upstream-1.6';

/**
 * Who shows the findings: the tab previews the first LIMITS entries to stay responsive
 * and words its fixes for the form; the CLI handles every entry and words its fixes for
 * files and the command line (variant `<variant>.cli` or `cli`).
 */
export type Surface = 'tab' | 'cli';

/** A TLS block as the node's registries.yaml has it (file paths on the node). */
export interface NodeTls {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipVerify?: boolean;
}

/**
 * Where the credentials for a registry come from. Never the credential itself:
 * `secret` names a Kubernetes Secret, `inline` only says which fields a node file
 * had set (the values are not kept in the engine).
 */
export type AuthSource =
  | { kind: 'secret'; name: string }
  | { kind: 'inline'; fields: string[] };

export interface RegistryConfigEntry {
  auth?: AuthSource;
  tls?: NodeTls;
}

export interface MirrorEntry {
  endpoints: string[];
  /** pattern → replacement, in the order the user wrote them */
  rewrites: Array<[string, string]>;
}

/** The registry settings in the shape the node agent sees them (registries.yaml). */
export interface Registries {
  mirrors: Record<string, MirrorEntry>;
  configs: Record<string, RegistryConfigEntry>;
}

/** Everything the route depends on. */
export interface RouteSettings {
  distro: Distro;
  /** RKE2/K3s version, e.g. v1.31.6+rke2r1; undefined = newest behaviour */
  version?: string;
  runtime: Runtime;
  disableDefaultEndpoint: boolean;
  embeddedRegistry: boolean;
  systemDefaultRegistry?: string;
  registries: Registries;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** stable code, e.g. WILDCARD_NO_FALLBACK */
  code: string;
  severity: Severity;
  /** path of the field in spec.rkeConfig.registries (or the flag), e.g. ['mirrors','docker.io','endpoint',1] */
  path: Array<string | number>;
  message: string;
  /** the fix, in one line */
  fix: string;
  /**
   * For translated views: the values of the message's placeholders (already redacted,
   * exactly as they appear in `message`), and the variant of the code when one code has
   * several texts. The words live in the UI's l10n under
   * registryMirrors.finding.<code>[.<variant>].message / .fix; `message` and `fix` are the
   * English texts (CLI, logs), equal to the en-us strings with these params.
   */
  params?: FindingParams;
  variant?: string;
}

export type FindingParams = Record<string, string | number>;

export interface AttemptTls {
  ca: string[];
  client: Array<[string, string]>;
  skipVerify: boolean;
}

export interface Attempt {
  /** the first request containerd sends to this host for the image */
  url: string;
  /** the host URL as in hosts.toml (scheme://host/path) */
  endpoint: string;
  /** repository after rewrites */
  repository: string;
  /** true for the root/server host (the fallback) */
  default: boolean;
  overridePath: boolean;
  tls: AttemptTls;
  /** configs key whose auth applies, or null */
  auth: string | null;
  /** http host with TLS settings tried over https first (current releases) */
  httpFallback?: boolean;
  /** the rewrite pattern that changed the repository, if any */
  rewrite?: { pattern: string; replacement: string };
}

export interface Route {
  input: string;
  /** normalised reference after the app layer */
  image: string;
  registry: string;
  repository: string;
  reference: string;
  hostsDir: string | null;
  attempts: Attempt[];
  findings: Finding[];
}

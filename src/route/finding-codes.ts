// Every finding code the engine can report, with its severity: the stable
// contract the tab, the CLI and the docs rely on.
import type { Finding, FindingParams, Severity } from '../types';

/**
 * One finding: what goes wrong, where (field path), and the fix in one line (English),
 * with the placeholder values and the text variant the translated views use
 * (l10n registryMirrors.finding.<code>[.<variant>].message / .fix).
 */
export function finding(code: string, severity: Severity, path: Array<string | number>, message: string, fix: string, params?: FindingParams, variant?: string): Finding {
  const out: Finding = { code, severity, path, message, fix };
  if (params) out.params = params;
  if (variant) out.variant = variant;
  return out;
}

export const FINDING_CODES: Record<string, { severity: Severity; summary: string }> = {
  FIELD_TYPE: { severity: 'error', summary: 'a field has the wrong type; the node ignores it' },
  NODE_UNKNOWN_KEY: { severity: 'warning', summary: 'a registries.yaml key RKE2/K3s ignore silently (e.g. auth.token)' },
  CA_BUNDLE_INVALID: { severity: 'error', summary: 'caBundle is not base64 of a PEM certificate' },
  MIRROR_KEY_INVALID: { severity: 'error', summary: 'a mirror key is not a registry host[:port] or *' },
  MIRROR_KEY_NEVER_MATCHES: { severity: 'warning', summary: 'a mirror key images never name (registry-1.docker.io)' },
  MIRROR_NO_ENDPOINTS: { severity: 'info', summary: 'a mirror with no endpoints writes no file' },
  ENDPOINT_INVALID: { severity: 'error', summary: 'an endpoint that is not a URL; the node ignores it' },
  ENDPOINT_SCHEME: { severity: 'error', summary: 'an endpoint scheme other than http/https' },
  ENDPOINT_CREDENTIALS: { severity: 'error', summary: 'credentials inside an endpoint URL' },
  NODE_LABEL_DEPENDENT: { severity: 'warning', summary: 'machineSelectorConfig sets a route option only on some nodes' },
  CLUSTER_UNKNOWN_KEY: { severity: 'warning', summary: 'a key spec.rkeConfig.registries does not have (the API drops it)' },
  AUTH_PLACEHOLDER: { severity: 'warning', summary: 'an auth value is still an export placeholder' },
  CONFIG_SHADOWS_WILDCARD: { severity: 'warning', summary: 'a config makes its registry bypass the * mirror' },
  KEY_CREDENTIALS: { severity: 'error', summary: 'credentials inside a mirror or config key; not imported' },
  ENDPOINT_QUERY: { severity: 'warning', summary: 'a query or fragment containerd drops' },
  ENDPOINT_NO_SCHEME: { severity: 'warning', summary: 'an endpoint without scheme (https assumed, http for localhost ports)' },
  ENDPOINT_HTTP: { severity: 'warning', summary: 'a plain-HTTP endpoint off the node' },
  ENDPOINT_PATH_EMPTY_SEGMENT: { severity: 'warning', summary: 'an endpoint path with an empty segment (https://host//): kept with override_path, no /v2' },
  ENDPOINT_DUPLICATE: { severity: 'warning', summary: 'the same endpoint twice; the node skips it' },
  ENDPOINT_DEFAULT_NOT_LAST: { severity: 'warning', summary: "the registry's own address, not last: tried twice" },
  REWRITE_INVALID: { severity: 'error', summary: 'a rewrite pattern that is not Go RE2 syntax' },
  REWRITE_BREAKS_TOML: { severity: 'error', summary: 'a rewrite with \\ or " that breaks hosts.toml' },
  REWRITE_WITHOUT_ENDPOINT: { severity: 'warning', summary: 'rewrites on a mirror with no endpoints do nothing' },
  REWRITE_EMPTY_REPLACEMENT: { severity: 'warning', summary: 'an empty replacement removes what the pattern matches' },
  REWRITE_GROUP_MISSING: { severity: 'error', summary: 'a replacement uses $N or $name the pattern does not have' },
  REWRITE_EMPTY_RESULT: { severity: 'error', summary: 'a rewrite leaves no repository (or an empty path segment) for an image' },
  REWRITE_AMBIGUOUS: { severity: 'warning', summary: 'two rewrites match one image: unpredictable order' },
  DISABLE_DEFAULT_NO_EFFECT: { severity: 'warning', summary: 'disable-default-registry-endpoint silently does nothing' },
  WILDCARD_NO_FALLBACK: { severity: 'warning', summary: 'the v1.31.6/v1.32.2 * mirror without fallback' },
  WILDCARD_TLS_DROPPED: { severity: 'warning', summary: 'configs["*"] TLS dropped by a * mirror' },
  WILDCARD_AUTH_UNUSED: { severity: 'warning', summary: 'configs["*"] auth is never used' },
  CONFIG_KEY_INVALID: { severity: 'error', summary: 'a config key that is not host[:port]' },
  CONFIG_KEY_MISMATCH: { severity: 'warning', summary: 'a config keyed by a near miss of an endpoint host' },
  CONFIG_UNUSED: { severity: 'info', summary: 'a config no mirror endpoint uses' },
  CONFIG_ON_MIRROR_KEY: { severity: 'warning', summary: 'a config on the mirror key does not reach its endpoints' },
  SKIP_VERIFY: { severity: 'warning', summary: 'TLS verification turned off' },
  HOSTS_TOML_UNPARSABLE: { severity: 'error', summary: 'a rendered hosts.toml containerd cannot parse' },
  NO_FALLBACK: { severity: 'info', summary: 'no fallback to the registry itself' },
  DOCKER_HUB_DIRECT: { severity: 'info', summary: 'the pull goes straight to Docker Hub (rate limits)' },
  LIMIT_EXCEEDED: { severity: 'error', summary: 'more entries or longer text than the preview handles' },
  SECRET_MISSING: { severity: 'error', summary: 'a referenced Secret does not exist in the cluster namespace' },
  SECRET_WRONG_TYPE: { severity: 'error', summary: 'a referenced Secret has a type the planner rejects' },
  SECRET_OTHER_NAMESPACE: { severity: 'error', summary: 'a Secret reference that names another namespace' },
  SDR_INVALID: { severity: 'error', summary: 'a system-default-registry that is not host[:port][/path]' },
  SDR_ONLY: { severity: 'warning', summary: 'a system-default-registry while Docker Hub workload images still go straight to Docker Hub' },
  DOCKER_HUB_NO_FALLBACK: { severity: 'info', summary: 'Docker Hub images come from mirrors only (disable-default-registry-endpoint)' },
  CA_EXPIRED: { severity: 'error', summary: 'a CA bundle certificate has expired' },
  CA_EXPIRING: { severity: 'warning', summary: 'a CA bundle certificate expires within 30 days' },
  IMAGE_INVALID: { severity: 'error', summary: 'the sample image is not a valid reference' },
};

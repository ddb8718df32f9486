// How Docker Hub workload images are pulled on one cluster, read off the route the
// engine resolves (never re-derived): direct, mirrored with fallback, or mirrors only.
// Also the findings this posture calls for: SDR_ONLY, and DOCKER_HUB_NO_FALLBACK (the
// * bug, the other way to lose the fallback, is WILDCARD_NO_FALLBACK of validate).
import { DOCKER_HUB, DOCKER_HUB_HOST } from '../agent/endpoint';
import { checkSystemDefaultRegistry } from '../input/sdr';
import { redact } from '../lib/redact';
import { finding as f } from './finding-codes';
import { resolveRoute } from './route';
import type { Compiled } from './plan';
import type { Finding, Route } from '../types';

export type DockerHubPosture = 'direct' | 'mirrored' | 'mirrored-no-fallback';

/** A Docker Hub workload image: its route is the route of every Docker Hub image without rewrites. */
export const DOCKER_HUB_PROBE = 'docker.io/library/busybox:latest';

export interface DockerHubRoute {
  posture: DockerHubPosture;
  /** scheme://host of the first host tried */
  firstHost: string;
  route: Route;
}

function origin(endpoint: string): string {
  return endpoint.replace(/^(\w+:\/\/[^/]+).*$/, '$1');
}

/** The route of a Docker Hub workload image and what it amounts to. */
export function dockerHubRoute(compiled: Compiled): DockerHubRoute {
  const route = resolveRoute(compiled, DOCKER_HUB_PROBE, { context: 'workload' });
  const firstHost = route.attempts[0] ? origin(route.attempts[0].endpoint) : '';
  const posture: DockerHubPosture = firstHost.endsWith(`//${DOCKER_HUB_HOST}`)
    ? 'direct'
    : route.attempts.some((a) => a.default)
      ? 'mirrored'
      : 'mirrored-no-fallback';
  return { posture, firstHost, route };
}

/** The system-default-registry renames system images only; true when workloads still pull from Docker Hub. */
export function isSdrOnly(compiled: Compiled, dockerHub: DockerHubPosture): boolean {
  return !!compiled.settings.systemDefaultRegistry?.trim() && dockerHub === 'direct';
}

export interface MirrorSuggestion {
  key: string;
  endpoint: string;
  /** a rewrite that puts the system-default-registry's path in front of every repository */
  rewrite?: [string, string];
}

/**
 * The fix the seed recommends for an SDR-only cluster: a docker.io mirror whose
 * endpoint is the system-default-registry (host[:port]; a path becomes a rewrite).
 * Undefined when the system-default-registry is unset or invalid.
 */
export function sdrMirrorSuggestion(sdr: string | undefined): MirrorSuggestion | undefined {
  const v = sdr?.trim().replace(/\/+$/, '');
  if (!v || checkSystemDefaultRegistry(v)) return undefined;
  const slash = v.indexOf('/');
  const host = slash === -1 ? v : v.slice(0, slash);
  const path = slash === -1 ? '' : v.slice(slash + 1);
  return { key: DOCKER_HUB, endpoint: `https://${host}`, ...(path ? { rewrite: ['^(.*)$', `${path}/$1`] as [string, string] } : {}) };
}

/** SDR_ONLY and DOCKER_HUB_NO_FALLBACK, from the Docker Hub route of the compiled settings. */
export function postureFindings(compiled: Compiled): Finding[] {
  const { settings, profile } = compiled;
  const dh = dockerHubRoute(compiled);
  const out: Finding[] = [];
  if (isSdrOnly(compiled, dh.posture)) {
    const sdr = redact(settings.systemDefaultRegistry!.trim());
    const s = sdrMirrorSuggestion(settings.systemDefaultRegistry);
    out.push(
      f(
        'SDR_ONLY',
        'warning',
        ['mirrors', DOCKER_HUB],
        `system-default-registry ${sdr} renames Rancher's system images only: workload images from Docker Hub (and crictl pull) still go straight to Docker Hub, which rate-limits anonymous pulls`,
        s ? `Add a docker.io mirror with endpoint ${s.endpoint}${s.rewrite ? ` and rewrite ${s.rewrite[0]} → ${s.rewrite[1]}` : ''}, if ${sdr} serves Docker Hub images.` : 'Add a docker.io mirror whose endpoint is your registry.',
        { sdr, hasSuggestion: s ? 'yes' : 'no', endpoint: s?.endpoint ?? '', hasRewrite: s?.rewrite ? 'yes' : 'no', pattern: s?.rewrite?.[0] ?? '', replacement: s?.rewrite?.[1] ?? '' },
      ),
    );
  }
  // the * bug has its own finding (WILDCARD_NO_FALLBACK, with the release fix): said once
  const wildcardBug = dh.route.hostsDir === '_default' && !profile.wildcardFallback && !settings.disableDefaultEndpoint;
  if (dh.posture === 'mirrored-no-fallback' && !wildcardBug) {
    out.push(f('DOCKER_HUB_NO_FALLBACK', 'info', ['mirrors', DOCKER_HUB], 'Docker Hub images come from mirrors only (disable-default-registry-endpoint): a pull fails when no mirror has the image', 'Intended for air-gapped clusters; otherwise turn off disable-default-registry-endpoint.'));
  }
  return out;
}

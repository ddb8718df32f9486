// Findings that depend on the route of an image, not only on the settings:
// the fallback of one registry, Docker Hub direct, ambiguous rewrites.
import { DOCKER_HUB, DOCKER_HUB_HOST } from '../agent/endpoint';
import { compilePattern, replaceAll } from '../containerd/rewrite';
import { WILDCARD_FIXED_VERSIONS } from '../input/profiles';
import { redact } from '../lib/redact';
import { finding as f } from './finding-codes';
import type { Compiled, RoutePlan } from './plan';
import type { ImageRef } from '../input/reference';
import type { Attempt, Finding } from '../types';

/** Findings that hold for every image of one registry: fallback, parse failure, Docker Hub. */
export function planFindings(compiled: Compiled, plan: RoutePlan, registry: string): Finding[] {
  const out: Finding[] = [];
  const file = plan.hostsDir ? compiled.byDir.get(plan.hostsDir) : undefined;
  if (file && !file.parsed.ok) {
    out.push(f('HOSTS_TOML_UNPARSABLE', 'error', ['mirrors', file.key], `certs.d/${file.dir}/hosts.toml does not parse: only the registry itself is tried`, 'Fix the rewrite patterns or endpoints of this mirror.', { dir: file.dir }, 'route'));
  }
  if (plan.steps.length > 0 && !plan.steps.some((s) => s.isDefault)) {
    const bug = plan.hostsDir === '_default' && !compiled.profile.wildcardFallback && !compiled.settings.disableDefaultEndpoint;
    out.push(
      bug
        ? f('WILDCARD_NO_FALLBACK', 'warning', ['mirrors', '*'], `No fallback to ${registry} on ${compiled.settings.version ?? 'this version'}: if the mirrors lack this image, the pull fails`, `Upgrade to ${WILDCARD_FIXED_VERSIONS}, or add a mirror key for ${registry}.`, { registry, hasVersion: compiled.settings.version === undefined ? 'no' : 'yes', version: compiled.settings.version ?? '', fixed: WILDCARD_FIXED_VERSIONS }, 'route')
        : f('NO_FALLBACK', 'info', ['mirrors', plan.hostsDir === '_default' ? '*' : registry], `No fallback to ${registry}: if every mirror fails, the pull fails`, 'Intended for air-gapped clusters; otherwise turn off disable-default-registry-endpoint.', { registry }),
    );
  }
  const first = plan.steps[0];
  if (first && registry === DOCKER_HUB && first.origin.endsWith(`//${DOCKER_HUB_HOST}`)) {
    // the field a fix goes to: the docker.io mirror when there is one, else the mirrors
    const path = Object.hasOwn(compiled.settings.registries.mirrors, DOCKER_HUB) ? ['mirrors', DOCKER_HUB] : ['mirrors'];
    out.push(
      first.auth
        ? f('DOCKER_HUB_DIRECT', 'info', path, `This pull goes straight to Docker Hub with the credentials of configs.${redact(first.auth)}: the pull rate limit of that Docker account applies`, 'Nothing to fix if the account allows enough pulls; otherwise add a docker.io (or *) mirror.', { config: redact(first.auth) }, 'auth')
        : f('DOCKER_HUB_DIRECT', 'info', path, 'This pull goes straight to Docker Hub, which rate-limits anonymous pulls', 'Add a docker.io (or *) mirror.'),
    );
  }
  return Object.freeze(out) as unknown as Finding[];
}

/** Two rewrites of one host that both match this image: containerd's order is random. */
export function rewriteFindings(compiled: Compiled, plan: RoutePlan, ref: ImageRef): Finding[] {
  for (const s of plan.steps) {
    if (s.rewrites.length < 2) continue;
    const hits = s.rewrites.filter(([p, r]) => {
      const c = compilePattern(p);
      return c.ok && replaceAll(c.re, ref.repository, r) !== ref.repository;
    });
    if (hits.length > 1) {
      const key = plan.hostsDir ? compiled.byDir.get(plan.hostsDir)?.key ?? ref.registry : ref.registry;
      return [f('REWRITE_AMBIGUOUS', 'warning', ['mirrors', key, 'rewrite', hits[1][0]], `${hits.length} rewrites match ${ref.repository} (${hits.map(([p]) => p).join(', ')}); containerd tries them in random order, so the result is unpredictable`, 'Anchor the patterns so that at most one matches each image.', { count: String(hits.length), repository: ref.repository, patterns: hits.map(([p]) => p).join(', ') })];
    }
  }
  return [];
}

/** a rewritten repository with no empty, . or .. segments (else the request path is wrong) */
export const CLEAN_REPO = /^(?!\.\.?(?:\/|$))(?:[^/]+(?:\/(?!\.\.?(?:\/|$))[^/]+)*)$/;

/** A rewrite that leaves this image no repository, or an empty path segment. */
export function rewriteResultFindings(compiled: Compiled, plan: RoutePlan, ref: ImageRef, attempts: Attempt[]): Finding[] {
  const a = attempts.find((x) => x.rewrite && !CLEAN_REPO.test(x.repository));
  if (!a || !a.rewrite) return [];
  const key = plan.hostsDir ? compiled.byDir.get(plan.hostsDir)?.key ?? ref.registry : ref.registry;
  return [f('REWRITE_EMPTY_RESULT', 'error', ['mirrors', key, 'rewrite', a.rewrite.pattern], `The rewrite turns ${ref.repository} into "${a.repository}": the request ${a.url} names no repository (or an empty part of one), so the mirror cannot serve it`, 'Give the replacement the repository path, e.g. mirror/$1, and keep the group that holds the image name.', { repository: ref.repository, result: a.repository, url: a.url })];
}

// "Where will all my images come from?": many images against one compiled
// configuration, summarised per image, in slices so a page never freezes.
import { DOCKER_HUB_HOST } from '../agent/endpoint';
import { resolveRoute, type PullContext } from '../route/route';
import type { Compiled } from '../route/compile';
import type { Finding, Route } from '../types';

export interface ImageCheckRow {
  input: string;
  image: string;
  /** origin of the first host tried, e.g. https://mirror.example.com */
  firstHost: string;
  attempts: number;
  /** the registry itself is tried when the mirrors fail */
  fallback: boolean;
  /** the first host is Docker Hub itself */
  dockerHubDirect: boolean;
  rewritten: boolean;
  invalid: boolean;
  /** the codes of the route's findings */
  findings: string[];
  /** the route's findings themselves (code, variant, params): what the table words as reasons */
  reasons: readonly Finding[];
}

export function summarise(route: Route): ImageCheckRow {
  const first = route.attempts[0];
  const firstHost = first ? first.endpoint.replace(/^(\w+:\/\/[^/]+).*$/, '$1') : '';
  return {
    input: route.input,
    image: route.image,
    firstHost,
    attempts: route.attempts.length,
    fallback: route.attempts.some((a) => a.default),
    dockerHubDirect: firstHost.endsWith(`//${DOCKER_HUB_HOST}`),
    rewritten: route.attempts.some((a) => a.rewrite !== undefined),
    invalid: route.registry === '',
    findings: route.findings.map((f) => f.code),
    reasons: route.findings,
  };
}

/** One image per line; blank lines and # comments are skipped, duplicates kept once. */
export function parseImageList(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const t = line.replace(/#.*$/, '').trim();
    if (t) seen.add(t);
  }
  return [...seen];
}

export interface CheckOptions {
  context?: PullContext;
  /** images per slice before yielding to the event loop */
  slice?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Checks images in slices, yielding between them; resolves with every row. */
export async function checkImages(compiled: Compiled, images: string[], opts: CheckOptions = {}): Promise<ImageCheckRow[]> {
  const slice = opts.slice ?? 500;
  const rows: ImageCheckRow[] = [];
  for (let i = 0; i < images.length; i += slice) {
    if (opts.signal?.aborted) break;
    for (const image of images.slice(i, i + slice)) rows.push(summarise(resolveRoute(compiled, image, { context: opts.context })));
    opts.onProgress?.(rows.length, images.length);
    if (i + slice < images.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return rows;
}

export type ImageFilter = 'all' | 'docker-hub-direct' | 'no-fallback' | 'rewritten' | 'invalid';

export function filterRows(rows: ImageCheckRow[], filter: ImageFilter): ImageCheckRow[] {
  switch (filter) {
    case 'docker-hub-direct': return rows.filter((r) => r.dockerHubDirect);
    case 'no-fallback': return rows.filter((r) => !r.invalid && !r.fallback);
    case 'rewritten': return rows.filter((r) => r.rewritten);
    case 'invalid': return rows.filter((r) => r.invalid);
    default: return rows;
  }
}

/** Images of a cluster's workloads (Pods, or the pod templates of workloads). */
export function imagesOfWorkloads(resources: unknown[]): string[] {
  const out = new Set<string>();
  const visit = (spec: unknown) => {
    const s = spec as { containers?: Array<{ image?: unknown }>; initContainers?: Array<{ image?: unknown }>; ephemeralContainers?: Array<{ image?: unknown }> } | undefined;
    for (const list of [s?.containers, s?.initContainers, s?.ephemeralContainers]) {
      if (Array.isArray(list)) for (const c of list) if (typeof c?.image === 'string' && c.image) out.add(c.image);
    }
  };
  for (const r of resources) {
    const o = r as { spec?: { template?: { spec?: unknown }; jobTemplate?: { spec?: { template?: { spec?: unknown } } } } };
    visit(o?.spec);
    visit(o?.spec?.template?.spec);
    visit(o?.spec?.jobTemplate?.spec?.template?.spec);
  }
  return [...out];
}

// Findings carry a path into spec.rkeConfig.registries, e.g. ['mirrors','docker.io',
// 'endpoint',1]. The form shows each next to the field it concerns; this indexes them.
import type { Finding, Severity } from './engine';

export type Path = Array<string | number>;

/**
 * Provided by the tab: for a finding whose fix is stated in full elsewhere (the
 * release banner), the line to show instead ("Fix: see ... above"); else undefined.
 */
export type FixRef = (f: Finding) => string | undefined;
export const FIX_REF_KEY = 'registryMirrorsFixRef';

const ORDER: Record<Severity, number> = {
  error: 0, warning: 1, info: 2
};

export function pathKey(path: Path): string {
  return JSON.stringify(path);
}

export function bySeverity(a: Finding, b: Finding): number {
  return ORDER[a.severity] - ORDER[b.severity];
}

/** Same code, path and message once only (route and settings findings can repeat). */
export function dedupe(list: Finding[]): Finding[] {
  const seen = new Set<string>();

  return list.filter((f) => {
    const k = `${ f.code }|${ pathKey(f.path) }|${ f.message }`;

    if (seen.has(k)) {
      return false;
    }
    seen.add(k);

    return true;
  });
}

function push<K>(map: Map<K, Finding[]>, k: K, f: Finding) {
  const list = map.get(k);

  if (list) {
    list.push(f);
  } else {
    map.set(k, [f]);
  }
}

export class FindingIndex {
  private exact = new Map<string, Finding[]>();
  /** by the first two steps of the path (['mirrors', key]): `under` a card reads one bucket */
  private entry = new Map<string, Finding[]>();
  readonly all: Finding[];

  constructor(findings: Finding[]) {
    this.all = dedupe(findings).sort(bySeverity);
    for (const f of this.all) {
      push(this.exact, pathKey(f.path), f);
      if (f.path.length >= 2) {
        push(this.entry, pathKey(f.path.slice(0, 2)), f);
      }
    }
  }

  /** findings whose path is exactly `path` */
  at(path: Path): Finding[] {
    return this.exact.get(pathKey(path)) || [];
  }

  /** findings whose path starts with `path` (the path itself included) */
  under(path: Path): Finding[] {
    const from = path.length >= 2 ? this.entry.get(pathKey(path.slice(0, 2))) || [] : this.all;

    return path.length === 2 ? from.slice() : from.filter((f) => path.every((p, i) => f.path[i] === p));
  }

  get errors(): number {
    return this.all.filter((f) => f.severity === 'error').length;
  }

  get warnings(): number {
    return this.all.filter((f) => f.severity === 'warning').length;
  }
}

// The RE2 engine rewrite patterns run on (re2js: Go's regexp syntax and matching), loaded
// the first time it is needed. Most clusters have no rewrites, and in the browser the
// engine is the largest library the tab would load (≈ 44 KB gzip): the tab, the Registry
// Routes page and the standalone page await loadRe2() before they compile settings that
// have a rewrite (needsRe2), and show "loading" meanwhile. Node entry points (the CLI,
// the test setups, the bench) load it once at start. Compiling a rewrite without it is a
// programming error, said as such: a route is never computed without Go's semantics.
import type { RE2JS } from 're2js';
import type { RouteSettings } from '../types';

export type { RE2JS };

let engine: typeof RE2JS | undefined;
let loading: Promise<void> | undefined;

/** Loads the RE2 engine (once; later calls share the first load). */
export function loadRe2(): Promise<void> {
  // (its own chunk in the extension build, named for the bundle figures: bench/lib/bundle-chunks.mjs)
  loading ??= import(/* webpackChunkName: "registry-mirrors-re2" */ 're2js').then((m) => {
    engine = m.RE2JS;
  }, (e: unknown) => {
    loading = undefined; // a failed chunk load may be retried
    throw e;
  });
  return loading;
}

/** Whether the RE2 engine is loaded. */
export function re2Ready(): boolean {
  return engine !== undefined;
}

/** The RE2 engine; throws when loadRe2() has not finished. */
export function re2(): typeof RE2JS {
  if (!engine) throw notLoaded();
  return engine;
}

/** What compiling a rewrite before loadRe2() has finished throws. */
export function notLoaded(): Error {
  return new Error('The RE2 engine is not loaded: await loadRe2() before compiling rewrite patterns');
}

/** Whether compiling these settings runs a rewrite pattern, so needs the RE2 engine. */
export function needsRe2(settings: Pick<RouteSettings, 'registries'>): boolean {
  return Object.values(settings.registries.mirrors).some((m) => m.rewrites.length > 0);
}

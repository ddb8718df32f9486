// The RE2 engine that rewrite patterns run on, as the tab's parts see it. The engine loads it
// on first need (src/containerd/re2.ts: ≈ 44 KB that a cluster without rewrites never
// loads); this keeps its arrival, or why it cannot arrive, in one reactive object, so that
// what waited for it renders once it is there. Every part of the package asks for it here.
import { reactive } from 'vue';
import { loadRe2, re2Ready } from './engine';

const state = reactive({ ready: false, error: undefined as Error | undefined });

/** Whether the RE2 engine is loaded; read in a computed or a render, its arrival re-runs it. */
export function re2Loaded(): boolean {
  return state.ready || re2Ready();
}

/** Why the RE2 engine could not be loaded (the chunk failed: a network error, or the extension was upgraded under the page). */
export function re2LoadError(): Error | undefined {
  return state.error;
}

/** Loads the RE2 engine unless it is there; resolves once it is, rejects when it cannot be loaded. */
export function requestRe2(): Promise<void> {
  return loadRe2().then(() => {
    state.ready = true;
    state.error = undefined;
  }, (e: unknown) => {
    state.error = e instanceof Error ? e : new Error(String(e));
    throw state.error;
  });
}

// Work derived from the whole spec (the engine's compile, the findings, the panels) kept off
// the keystroke path. `settled(read, fresh, stale)` runs `read` now and hands its value to
// `fresh`; Vue tracks everything `read` touched. When any of it changes, nothing is read or
// computed on that keystroke: `stale()` is called (the page marks what is derived as
// "updating…") and, once the changes have paused for SETTLE.delayMs, `read` runs again and
// `fresh` gets the new value. With SETTLE.delayMs <= 0 the value is refreshed at once, in the
// change itself (component tests, which read the page right after an edit).
import { ReactiveEffect } from 'vue';

export const SETTLE = {
  /** quiet time after the last change before the derived state is recomputed */
  delayMs: 150,
};

export interface Settled {
  /** recompute now if a change is pending (e.g. before acting on the derived state) */
  flush(): void;
  /** whether a change has not been derived yet */
  readonly pending: boolean;
  stop(): void;
}

/**
 * `opts.delayMs`: this one's quiet time, when it is not SETTLE.delayMs (still at once when
 * that is <= 0); `opts.prepare(value)`: costly work on the new value, run in a task of its
 * own between reading it and handing it to `fresh`.
 */
export function settled<T>(read: () => T, fresh: (value: T) => void, stale?: () => void, opts: { delayMs?: number; prepare?: (value: T) => void } = {}): Settled {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  let stopped = false;
  const reader = new ReactiveEffect(read);

  reader.scheduler = () => {
    if (stopped) {
      return;
    }
    if (!pending) {
      pending = true;
      stale?.();
    }
    if (SETTLE.delayMs <= 0) {
      flush();

      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => derive(true), opts.delayMs ?? SETTLE.delayMs);
  };

  let generation = 0;

  /**
   * Read the new value and hand it over: at once (`inSteps` false: an explicit flush, or no
   * delay), or – after the quiet time – in three tasks (read, prepare, hand over), so that a
   * key pressed meanwhile is handled between them (and the rest is dropped: that key starts
   * it over).
   */
  function derive(inSteps: boolean) {
    clearTimeout(timer);
    timer = undefined;
    if (stopped || !pending) {
      return;
    }
    pending = false;
    const gen = ++generation;
    const value = reader.run();

    if (!inSteps) {
      opts.prepare?.(value);
      fresh(value);

      return;
    }
    const live = () => gen === generation && !pending && !stopped;

    setTimeout(() => {
      if (!live()) {
        return;
      }
      opts.prepare?.(value);
      setTimeout(() => {
        if (live()) {
          fresh(value);
        }
      }, 0);
    }, 0);
  }

  function flush() {
    derive(false);
  }

  const first = reader.run();

  opts.prepare?.(first);
  fresh(first);

  return {
    flush,
    get pending() {
      return pending;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      reader.stop();
    },
  };
}

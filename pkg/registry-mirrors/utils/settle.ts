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

/** `opts.delayMs`: this one's quiet time, when it is not SETTLE.delayMs (still at once when that is <= 0) */
export function settled<T>(read: () => T, fresh: (value: T) => void, stale?: () => void, opts: { delayMs?: number } = {}): Settled {
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
    timer = setTimeout(flush, opts.delayMs ?? SETTLE.delayMs);
  };

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    if (stopped || !pending) {
      return;
    }
    pending = false;
    fresh(reader.run());
  }

  fresh(reader.run());

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

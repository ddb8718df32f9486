// settled(): what the page derives from the spec is read once the changes pause, handed over
// in steps after the pause (a change between the steps drops the rest), and at once on
// flush() or with no delay.
import {
  describe, it, expect, beforeEach, afterEach, vi
} from 'vitest';
import { ref } from 'vue';
import { SETTLE, settled } from '@pkg/utils/settle';

describe('settled()', () => {
  beforeEach(() => {
    SETTLE.delayMs = 40;
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    SETTLE.delayMs = 0;
  });

  function watchSpec() {
    const spec = ref('a');
    const got: string[] = [];
    const prepared: string[] = [];
    let stale = 0;
    const s = settled(() => spec.value, (v) => got.push(v), () => stale++, { prepare: (v) => prepared.push(v) });

    return {
      spec, got, prepared, s, stale: () => stale
    };
  }

  it('a change marks the value stale at once and hands over the new value only after the pause', async() => {
    const w = watchSpec();

    expect(w.got).toEqual(['a']);
    w.spec.value = 'ab';
    expect(w.stale()).toBe(1);
    expect(w.s.pending).toBe(true);
    w.spec.value = 'abc';
    expect(w.stale()).toBe(1);
    await vi.advanceTimersByTimeAsync(39);
    expect(w.got).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(10);
    expect(w.got).toEqual(['a', 'abc']);
    expect(w.prepared).toEqual(['a', 'abc']);
    expect(w.s.pending).toBe(false);
    w.s.stop();
  });

  it('a change between reading and handing over drops the old value; the next pause hands over the new one', async() => {
    const w = watchSpec();

    w.spec.value = 'ab';
    await vi.advanceTimersByTimeAsync(40); // read 'ab'; prepare and hand over are still to come
    w.spec.value = 'abc';
    await vi.advanceTimersByTimeAsync(1);
    expect(w.got).toEqual(['a']);
    expect(w.prepared).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(45);
    expect(w.got).toEqual(['a', 'abc']);
    w.s.stop();
  });

  it('flush() hands over a pending change at once, in one go; stop() ends it', async() => {
    const w = watchSpec();

    w.spec.value = 'ab';
    w.s.flush();
    expect(w.got).toEqual(['a', 'ab']);
    expect(w.prepared).toEqual(['a', 'ab']);
    await vi.advanceTimersByTimeAsync(100);
    expect(w.got).toEqual(['a', 'ab']);
    w.s.stop();
    w.spec.value = 'abc';
    await vi.advanceTimersByTimeAsync(100);
    expect(w.got).toEqual(['a', 'ab']);
    expect(w.stale()).toBe(1);
  });
});

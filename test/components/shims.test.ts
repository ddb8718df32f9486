// The stand-ins the extension build uses for libraries of the bundled shell components
// (pkg/registry-mirrors/shims, aliased in vue.config.js): they behave as the bundled
// code needs, and the tab works with them in place of the real ones.
import {
  describe, it, expect, vi
} from 'vitest';
import { flushPromises } from '@vue/test-utils';
import realCloneDeep from 'lodash/cloneDeep';
import cloneDeep from '@pkg/shims/lodash-cloneDeep.js';
import { mapGetters } from '@pkg/shims/vuex.js';
import * as lodashShim from '@pkg/shims/lodash.js';
import { JSONPath } from '@pkg/shims/jsonpath-plus.js';
import cronstrue from '@pkg/shims/cronstrue.js';
import { isValidCron } from '@pkg/shims/cron-validator.js';
import { mountTab, loadSample, toggle, registries } from './helpers';

// the tab below runs on the shims, as in the extension build
vi.mock('lodash', async() => await import('@pkg/shims/lodash.js'));
vi.mock('lodash/cloneDeep', async() => await import('@pkg/shims/lodash-cloneDeep.js'));
vi.mock('vuex', async(importOriginal) => ({ ...(await importOriginal<any>()), mapGetters: (await import('@pkg/shims/vuex.js')).mapGetters }));

describe('shims/lodash-cloneDeep', () => {
  it('copies plain data deeply, as lodash does', () => {
    const date = new Date('2026-01-02T03:04:05Z');
    const src: any = {
      a: [1, { b: 'x' }], d: date, m: new Map([['k', { v: 1 }]]), s: new Set([1, 2]), r: /a+b/gi, n: null, u: undefined, t: true,
    };
    const out = cloneDeep(src);

    expect(out).toEqual(realCloneDeep(src));
    expect(out).toEqual(src);
    expect(out.a).not.toBe(src.a);
    expect(out.a[1]).not.toBe(src.a[1]);
    expect(out.d).not.toBe(date);
    expect(out.m.get('k')).not.toBe(src.m.get('k'));
    for (const v of [true, false, 0, 'x', null, undefined]) {
      expect(cloneDeep(v)).toBe(v);
    }
  });

  it('keeps cycles and prototypes', () => {
    class Box {
      v = 1;
    }
    const src: any = { box: new Box(), list: [] as any[] };

    src.list.push(src);
    const out = cloneDeep(src);

    expect(out.list[0]).toBe(out);
    expect(out.box).toBeInstanceOf(Box);
    expect(out.box).not.toBe(src.box);
  });
});

describe('shims/vuex mapGetters', () => {
  const vm = { $store: { getters: { 'i18n/t': 'T', a: 'A', 'ns/b': 'B' } } };

  it('object, array and namespaced forms read this.$store.getters', () => {
    expect(mapGetters({ t: 'i18n/t' }).t.call(vm)).toBe('T');
    expect(mapGetters(['a']).a.call(vm)).toBe('A');
    expect(mapGetters('ns', ['b']).b.call(vm)).toBe('B');
    expect(mapGetters('ns/', { c: 'b' }).c.call(vm)).toBe('B');
  });
});

describe('the other stand-ins', () => {
  it('lodash exports the debounce and sum the shell imports', () => {
    expect(Object.keys(lodashShim).sort()).toEqual(['debounce', 'sum']);
    expect((lodashShim as any).sum([1, 2, 3])).toBe(6);
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = lodashShim.debounce(fn, 100);

    d(1);
    d(2);
    vi.advanceTimersByTime(150);
    expect(fn.mock.calls).toEqual([[2]]);
    vi.useRealTimers();
  });

  it('JSONPath says it is not there; cron descriptions are empty', () => {
    expect(() => JSONPath({ path: '$.a' })).toThrow(/not available in the registry-mirrors extension/);
    expect(isValidCron()).toBe(true);
    expect(cronstrue.toString()).toBe('');
  });
});

describe('the tab on the shims', () => {
  it('a Checkbox (cloneDeep) and the Secret pickers (mapGetters) work', async() => {
    const { wrapper, resource } = await mountTab(loadSample('airgap-rke2-v1.31.6'));

    await toggle(wrapper, 'rm-config-skip-registry.example.com');
    expect(registries(resource).configs['registry.example.com'].insecureSkipVerify).toBe(true);
    await new Promise((r) => setTimeout(r, 250)); // the shell's fetch delay
    await flushPromises();
    // LabeledSelect's t() comes from mapGetters({ t: 'i18n/t' })
    expect(wrapper.get('[data-testid="rm-config-auth-picker"]').attributes('data-loading')).toBe('false');
    expect(wrapper.get('[data-testid="rm-config-tls-picker"]').text()).toContain('None');
  });
});

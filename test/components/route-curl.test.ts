// The curl command beside each attempt of the route: the engine's request, to run
// on a node, with a copy button; anonymous, with a note where credentials apply.
import { describe, it, expect } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import {
  compile, settingsFromCluster, resolveRoute, curlCommand
} from '../../src';
import { mountTab, loadSample, type } from './helpers';

describe('the curl command beside each attempt', () => {
  it('is the engine\'s curl for that attempt, copied by its button; a note where credentials apply', async() => {
    const cluster = loadSample('airgap-rke2-v1.31.6');
    const { settings, findings } = settingsFromCluster(cluster, {});
    const compiled = compile(settings, findings);
    const { wrapper } = await mountTab(cluster);
    let notes = 0;

    for (const [k, image] of ['nginx:1.27', 'registry.example.com/team/app:1.0'].entries()) {
      await type(wrapper, 'rm-preview-image', image);
      const route = resolveRoute(compiled, image, { context: 'workload' });
      const items = wrapper.get('[data-testid="rm-route-workload"]').findAll('li.rm-attempt');

      expect(items.length).toBe(route.attempts.length);
      for (const [i, li] of items.entries()) {
        const want = curlCommand(route.attempts[i]);
        const details = li.get('[data-testid="rm-attempt-curl"]');

        // closed until asked for (the preview stays short); stays open while the image changes
        if (k === 0) {
          expect(details.attributes('open')).toBeUndefined();
          await details.get('summary').trigger('click');
        }
        expect(details.attributes('open')).toBeDefined();
        expect(li.get('[data-testid="rm-attempt-curl-command"]').text()).toBe(want.command);
        expect(want.command).toContain(route.attempts[i].url.split('?')[0]);
        const note = li.get('[data-testid="rm-attempt-curl-note"]').text();

        if (want.authFrom) {
          expect(note).toContain(`config ${ want.authFrom }`);
          expect(note).toContain('401');
          notes++;
        } else {
          expect(note).toContain('404');
        }
        await li.get('[data-testid="rm-attempt-curl-copy"]').trigger('click');
        await flushPromises();
        // happy-dom's clipboard, which the shell's copyTextToClipboard writes to
        expect(await navigator.clipboard.readText()).toBe(want.command);
        expect(li.get('[data-testid="rm-attempt-curl-copy"]').text()).toContain('Copied');
      }
    }
    // the sample's mirror has an auth-config Secret: its note was shown
    expect(notes).toBeGreaterThan(0);
  });
});

// Hooks for assistive technology and tests: error state and description on the fields
// with an error, unique names for the rewrite rows, named Secret pickers that say when
// they are loading, read-only Secret names in view mode, and a fix that the tab says
// once (in the release banner) and refers to elsewhere.
import { describe, it, expect } from 'vitest';
import { reactive, nextTick } from 'vue';
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils';
import RegistryMirrorsTab from '@pkg/components/tab/RegistryMirrorsTab.vue';
import { createHarnessStore } from '../../harness/src/store';
import { shellGlobals } from '../../harness/src/install-shell';
import { routeFor } from '../../harness/src/query';
import { mountTab, loadSample } from './helpers';
import SecretSelector from '@shell/components/form/SecretSelector.vue';

/** The text of the elements a field's aria-describedby names ('' when none). */
function described(w: VueWrapper<any>, testid: string): string {
  const el = w.get(`[data-testid="${ testid }"]`).element as HTMLElement;
  const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);

  return ids.map((id) => {
    const target = document.getElementById(id);

    expect(target, `#${ id } named by aria-describedby of ${ testid }`).not.toBeNull();

    return target!.textContent || '';
  }).join(' ').replace(/\s+/g, ' ');
}

function invalid(w: VueWrapper<any>, testid: string): string | undefined {
  return w.get(`[data-testid="${ testid }"]`).attributes('aria-invalid');
}

/** the LabeledInput around a native field is in its error state */
function errorState(w: VueWrapper<any>, testid: string): boolean {
  return (w.get(`[data-testid="${ testid }"]`).element as HTMLElement).closest('.labeled-input')!.classList.contains('error');
}

describe('fields with an error are invalid and described by the message', () => {
  it('endpoint: aria-invalid, and aria-describedby names the finding', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const card = () => wrapper.get('[data-testid="rm-mirror-ghcr.io"]');

    expect(invalid(wrapper, 'rm-endpoint-input-0')).toBeUndefined();
    expect(card().get('[data-testid="rm-endpoint-input-0"]').attributes('aria-describedby')).toBeUndefined();

    await card().get('[data-testid="rm-endpoint-input-0"]').setValue('ftp://mirror.example.com');
    await flushPromises();
    const input = 'rm-endpoint-input-0';
    const message = card().get('[data-testid="rm-finding-ENDPOINT_SCHEME"] .rm-finding-message').text();

    expect(card().get(`[data-testid="${ input }"]`).attributes('aria-invalid')).toBe('true');
    const el = card().get(`[data-testid="${ input }"]`).element as HTMLElement;

    expect(document.getElementById(el.getAttribute('aria-describedby')!)?.textContent).toContain(message);
  });

  it('mirror key: a key the engine rejects, and a refused rename', async() => {
    const cluster = loadSample('airgap-rke2-v1.31.6');

    cluster.spec.rkeConfig.registries.mirrors['https://docker.io'] = { endpoint: ['https://registry.example.com'] };
    const { wrapper } = await mountTab(cluster);
    const key = 'rm-mirror-key-https://docker.io';

    expect(invalid(wrapper, key)).toBe('true');
    expect(errorState(wrapper, key)).toBe(true);
    expect(described(wrapper, key)).toContain(wrapper.get('[data-testid="rm-mirror-https://docker.io"] [data-testid="rm-finding-MIRROR_KEY_INVALID"] .rm-finding-message').text());

    // the valid key: refused rename to an existing key
    await wrapper.get('[data-testid="rm-mirror-key-*"]').setValue('https://docker.io');
    await flushPromises();
    expect(invalid(wrapper, 'rm-mirror-key-*')).toBe('true');
    expect(described(wrapper, 'rm-mirror-key-*')).toContain('There is already a mirror for this registry.');
    // the message says it is an error to a screen reader, not only by its icon
    expect(wrapper.get('[data-testid="rm-mirror-key-error"]').text()).toMatch(/^Error:/);
  });

  it('rewrite pattern: in its error state for REWRITE_INVALID from the engine, not only for a refused draft', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');

    cluster.spec.rkeConfig.registries.mirrors['ghcr.io'].rewrite = { '^(library/.*$': 'x/$1' };
    const { wrapper } = await mountTab(cluster);
    const card = wrapper.get('[data-testid="rm-mirror-ghcr.io"]');
    const pattern = card.get('[data-testid="rm-rewrite-pattern-0"]');

    expect(card.find('[data-testid="rm-rewrite-draft-error-0"]').exists()).toBe(false);
    expect(pattern.attributes('aria-invalid')).toBe('true');
    expect((pattern.element as HTMLElement).closest('.labeled-input')!.classList.contains('error')).toBe(true);
    expect(document.getElementById(pattern.attributes('aria-describedby')!)?.textContent).toContain(card.get('[data-testid="rm-finding-REWRITE_INVALID"] .rm-finding-message').text());
    // the replacement is fine
    expect(card.get('[data-testid="rm-rewrite-replacement-0"]').attributes('aria-invalid')).toBeUndefined();

    // fixed: no longer invalid
    await pattern.setValue('^library/(.*)$');
    await pattern.trigger('blur');
    await flushPromises();
    const fixed = card.get('[data-testid="rm-rewrite-pattern-0"]');

    expect(fixed.attributes('aria-invalid')).toBeUndefined();
    expect((fixed.element as HTMLElement).closest('.labeled-input')!.classList.contains('error')).toBe(false);
  });

  it('config host and CA bundle', async() => {
    const cluster = loadSample('airgap-rke2-v1.31.6');
    const cfg = cluster.spec.rkeConfig.registries.configs;

    cfg['https://bad.example.com'] = {};
    cfg['registry.example.com'].caBundle = 'not a certificate';
    const { wrapper } = await mountTab(cluster);
    const host = 'rm-config-host-https://bad.example.com';

    expect(invalid(wrapper, host)).toBe('true');
    expect(described(wrapper, host)).toContain(wrapper.get('[data-testid="rm-config-https://bad.example.com"] [data-testid="rm-finding-CONFIG_KEY_INVALID"] .rm-finding-message').text());

    const ca = 'rm-config-ca-registry.example.com';

    expect(invalid(wrapper, ca)).toBe('true');
    expect(errorState(wrapper, ca)).toBe(true);
    expect(described(wrapper, ca)).toContain(wrapper.get('[data-testid="rm-config-registry.example.com"] [data-testid="rm-finding-CA_BUNDLE_INVALID"] .rm-finding-message').text());

    // a refused rename of a host
    await wrapper.get('[data-testid="rm-config-host-https://bad.example.com"]').setValue('registry.example.com');
    await flushPromises();
    expect(described(wrapper, host)).toContain('There is already a config for this host.');
  });
});

describe('names and hooks', () => {
  it('each rewrite row has fields of its own name', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const card = wrapper.get('[data-testid="rm-mirror-docker.io"]');
    const names = (testid: string) => {
      const ids = (card.get(`[data-testid="${ testid }"]`).attributes('aria-labelledby') || '').split(/\s+/).filter(Boolean);

      return ids.map((id) => document.getElementById(id)?.textContent?.trim()).join(' ');
    };

    expect(names('rm-rewrite-pattern-0')).toBe('Pattern of rewrite 1');
    expect(names('rm-rewrite-replacement-0')).toBe('Replacement of rewrite 1');
    expect(names('rm-rewrite-pattern-1')).toBe('Pattern of rewrite 2');
    expect(names('rm-rewrite-replacement-1')).toBe('Replacement of rewrite 2');
  });

  it('the route preview columns have test ids', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    expect(wrapper.get('[data-testid="rm-route-workload-col"]').find('[data-testid="rm-route-workload"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="rm-route-system-col"]').find('[data-testid="rm-route-system"]').exists()).toBe(true);
  });

  it('no move buttons when there is nothing to reorder', async() => {
    const { wrapper } = await mountTab(loadSample('airgap-rke2-v1.31.6'));
    const card = wrapper.get('[data-testid="rm-mirror-*"]');

    expect(card.findAll('[data-testid^="rm-endpoint-up-"], [data-testid^="rm-endpoint-down-"]')).toHaveLength(0);
    expect(card.find('[data-testid="rm-endpoint-remove-0"]').exists()).toBe(true);
  });

  it('the Secret pickers are named and say when they are loading', async() => {
    const store = createHarnessStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Vuex keeps registered actions in _actions (no public API to wrap one)
    const actions = (store as unknown as { _actions: Record<string, Array<(payload: unknown) => Promise<unknown>>> })._actions;
    const findAll = actions['management/findAll'];

    // the Secrets arrive when the test says so
    actions['management/findAll'] = [async(payload: unknown) => {
      await gate;

      return findAll[0](payload);
    }];
    const wrapper = mount(RegistryMirrorsTab, {
      props:    { resource: reactive(loadSample('airgap-rke2-v1.31.6')) },
      attachTo: document.body,
      global:   { ...shellGlobals(store), mocks: { $route: routeFor('edit') } },
    });

    await flushPromises();
    await nextTick();
    const auth = () => wrapper.get('[data-testid="rm-config-auth-picker"]');
    const tls = () => wrapper.get('[data-testid="rm-config-tls-picker"]');

    expect(auth().attributes('data-loading')).toBe('true');
    expect(tls().attributes('data-loading')).toBe('true');

    // still loading after the shell's fetch delay (200 ms) while the store has not answered
    await new Promise((resolve) => setTimeout(resolve, 250));
    await flushPromises();
    expect(auth().attributes('data-loading')).toBe('true');

    release();
    await new Promise((resolve) => setTimeout(resolve, 250));
    await flushPromises();
    await nextTick();
    expect(auth().attributes('data-loading')).toBe('false');
    expect(tls().attributes('data-loading')).toBe('false');

    // the combobox itself has the field's name (the shell's <label for> cannot name a div)
    expect(auth().get('.labeled-select[role="combobox"]').attributes('aria-label')).toBe('Authentication Secret');
    expect(tls().get('.labeled-select[role="combobox"]').attributes('aria-label')).toBe('Client certificate Secret (mTLS)');
    wrapper.unmount();
  });
});

describe('view mode shows Secret names as read-only text fields', () => {
  it('no Secret picker; the names (or None) in disabled inputs with their labels', async() => {
    const { wrapper } = await mountTab(loadSample('airgap-rke2-v1.31.6'), { mode: 'view' });
    const card = wrapper.get('[data-testid="rm-config-registry.example.com"]');

    expect(card.findAllComponents(SecretSelector)).toHaveLength(0);
    const auth = card.get('[data-testid="rm-config-auth-name"]');
    const tls = card.get('[data-testid="rm-config-tls-name"]');

    expect((auth.element as HTMLInputElement).value).toBe('registry-example-auth');
    expect(auth.attributes('disabled')).toBeDefined();
    expect((tls.element as HTMLInputElement).value).toBe('None');
    expect((auth.element as HTMLElement).closest('.labeled-input')!.querySelector('label')!.textContent).toContain('Authentication Secret');
  });
});

describe('the * mirror fix is said once', () => {
  it('in full in the release banner; the * card and the route refer to it', async() => {
    const { wrapper } = await mountTab(loadSample('airgap-rke2-v1.31.6'));
    const full = 'Upgrade to v1.31.7 / v1.32.3 or later';
    const text = wrapper.get('[data-testid="rm-tab"]').text();

    expect(wrapper.get('[data-testid="rm-version-banner"]').text()).toContain(full);
    expect(text.split(full)).toHaveLength(2); // exactly once
    const ref = 'Fix: see the warning about v1.31.6+rke2r1 at the top of this tab.';

    expect(wrapper.get('[data-testid="rm-mirror-*"] [data-testid="rm-finding-WILDCARD_NO_FALLBACK"]').text()).toContain(ref);
    expect(wrapper.get('[data-testid="rm-route-workload"] [data-testid="rm-finding-WILDCARD_NO_FALLBACK"]').text()).toContain(ref);
  });

  it('without the banner (a fixed release), findings keep their own fix', async() => {
    const cluster = loadSample('airgap-rke2-v1.31.6');

    cluster.spec.kubernetesVersion = 'v1.31.7+rke2r1';
    const { wrapper } = await mountTab(cluster);

    expect(wrapper.find('[data-testid="rm-version-banner"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('at the top of this tab');
  });
});

describe('long names wrap at sensible points', () => {
  it('route URLs break after a path segment, and the text is the URL', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const url = wrapper.get('[data-testid="rm-route-workload"] [data-testid="rm-attempt-url"]');

    expect(url.text()).toBe('https://127.0.0.1:6443/v2/library/nginx/manifests/1.27?ns=docker.io');
    expect(url.findAll('wbr').length).toBeGreaterThan(3);
    expect(url.html().replace(/<!--.*?-->/g, '').replace(/ data-v-\w+=""/g, '')).toContain('manifests/<wbr>1.27<wbr>?ns=docker.io');
  });

  it('the system-default-registry example names both images as code', async() => {
    const { wrapper } = await mountTab(loadSample('airgap-rke2-v1.31.6'));
    const example = wrapper.get('[data-testid="rm-sdr-example"]');

    expect(example.findAll('code').map((c) => c.text())).toEqual(['rancher/rancher-agent:v2.13.0', 'registry.example.com/rancher/rancher-agent:v2.13.0']);
    expect(example.text().replace(/\s+/g, ' ')).toBe('rancher/rancher-agent:v2.13.0 becomes registry.example.com/rancher/rancher-agent:v2.13.0');
  });
});

describe('element ids (useId)', () => {
  it('every id on the tab is unique, and every aria reference names an element of the tab', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    await wrapper.get('[data-testid="rm-tool-node-files-toggle"]').trigger('click');
    await flushPromises();
    const root = wrapper.element as HTMLElement;
    const ids = [...root.querySelectorAll('[id]')].map((el) => el.id);

    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
      for (const el of root.querySelectorAll(`[${ attr }]`)) {
        for (const id of el.getAttribute(attr)!.split(/\s+/).filter(Boolean)) {
          expect(root.querySelector(`[id="${ id }"]`), `#${ id } named by ${ attr }`).not.toBeNull();
        }
      }
    }
    wrapper.unmount();
  });
});

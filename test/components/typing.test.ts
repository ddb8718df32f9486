// Issue 11: the tab as an admin types it – keystroke by keystroke, checking after each
// step what the page shows and the spec it would save.
import { describe, it, expect } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import {
  mountTab, loadSample, typeKeys, blur, press, registries, status, field, click, toggle
} from './helpers';
import { TEST_CA_PEM as PEM } from '../fixtures/test-ca';

describe('a refused key never reaches the spec (#2)', () => {
  it('renaming ghcr.io to docker.io (taken), typed: the spec keeps ghcr.io, the banner counts the error', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);

    expect(status(wrapper).state).not.toBe('error');
    await typeKeys(wrapper, 'rm-mirror-key-ghcr.io', 'docker.io');
    // every keystroke only drafts: nothing of "d", "do", … "docker.i" is in the spec
    expect(registries(resource)).toEqual(before);
    expect(wrapper.get('[data-testid="rm-mirror-key-error"]').text()).toContain('already a mirror');
    expect(status(wrapper)).toMatchObject({ state: 'error', errors: 1 });
    expect(wrapper.find('[data-testid="rm-status-item-DRAFT_NOT_APPLIED"]').exists()).toBe(true);
    await blur(wrapper, 'rm-mirror-key-ghcr.io');
    expect(registries(resource)).toEqual(before);
    expect(wrapper.get('[data-testid="rm-mirror-key-error"]').text()).toContain('keep “ghcr.io”');
    // Escape restores the key, the error goes
    await press(wrapper, 'rm-mirror-key-ghcr.io', 'Escape');
    expect((field(wrapper, 'rm-mirror-key-ghcr.io').element as HTMLInputElement).value).toBe('ghcr.io');
    expect(wrapper.find('[data-testid="rm-mirror-key-error"]').exists()).toBe(false);
    expect(status(wrapper).state).not.toBe('error');
  });

  it('a valid rename is applied on blur or Enter, keeping the entry', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const ghcr = registries(resource).mirrors['ghcr.io'];

    await typeKeys(wrapper, 'rm-mirror-key-ghcr.io', 'ghcr.example.com');
    expect(Object.keys(registries(resource).mirrors)).toEqual(['docker.io', 'ghcr.io', 'quay.io']);
    await press(wrapper, 'rm-mirror-key-ghcr.io', 'Enter');
    expect(Object.keys(registries(resource).mirrors)).toEqual(['docker.io', 'ghcr.example.com', 'quay.io']);
    expect(registries(resource).mirrors['ghcr.example.com']).toEqual(ghcr);
  });

  it('clearing a mirror key leaves the key in the spec and says so', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);

    await typeKeys(wrapper, 'rm-mirror-key-quay.io', '');
    await blur(wrapper, 'rm-mirror-key-quay.io');
    expect(registries(resource)).toEqual(before);
    expect(wrapper.get('[data-testid="rm-mirror-key-error"]').text()).toContain('Enter the registry host');
    expect(status(wrapper).errors).toBeGreaterThanOrEqual(1);
    // a valid value afterwards: no stale message (#7)
    await typeKeys(wrapper, 'rm-mirror-key-quay.io', 'quay.example.com');
    expect(wrapper.find('[data-testid="rm-mirror-key-error"]').exists()).toBe(false);
  });

  it('uppercase and invalid keys are refused with a reason (#7)', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);

    await typeKeys(wrapper, 'rm-mirror-key-quay.io', 'Quay.IO');
    await blur(wrapper, 'rm-mirror-key-quay.io');
    expect(wrapper.get('[data-testid="rm-mirror-key-error"]').text()).toContain('quay.io');
    await typeKeys(wrapper, 'rm-mirror-key-quay.io', 'https://quay.io');
    await blur(wrapper, 'rm-mirror-key-quay.io');
    expect(wrapper.get('[data-testid="rm-mirror-key-error"]').text()).toContain('scheme');
    expect(registries(resource)).toEqual(before);
  });

  it('renaming a config host to a taken or half-typed host: refused while invalid', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');

    cluster.spec.rkeConfig.registries.configs['registry.example.com:5000'] = { insecureSkipVerify: true };
    const { wrapper, resource } = await mountTab(cluster);
    const before = registries(resource);

    await typeKeys(wrapper, 'rm-config-host-registry.example.com:5000', 'mirror.example.com:5000');
    expect(registries(resource)).toEqual(before);
    expect(wrapper.get('[data-testid="rm-config-host-error"]').text()).toContain('already a config');
    expect(status(wrapper).state).toBe('error');
    await blur(wrapper, 'rm-config-host-registry.example.com:5000');
    expect(registries(resource)).toEqual(before);
    await typeKeys(wrapper, 'rm-config-host-registry.example.com:5000', 'registry.example.com:');
    await blur(wrapper, 'rm-config-host-registry.example.com:5000');
    expect(registries(resource)).toEqual(before);
    await typeKeys(wrapper, 'rm-config-host-registry.example.com:5000', 'registry.example.com:5443');
    await blur(wrapper, 'rm-config-host-registry.example.com:5000');
    expect(Object.keys(registries(resource).configs)).toEqual(['mirror.example.com:5000', 'registry.example.com:5443']);
  });

  it('a rewrite pattern typed over a taken one, or left empty, keeps the old pattern', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);
    const card = wrapper.get('[data-testid="rm-mirror-docker.io"]');
    const pattern1 = card.get('[data-testid="rm-rewrite-pattern-1"]');

    await pattern1.setValue('');
    for (const prefix of ['^', '^l', '^li', '^lib', '^library/(.*)$']) {
      await pattern1.setValue(prefix);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(registries(resource)).toEqual(before);
    expect(card.get('[data-testid="rm-rewrite-draft-error-1"]').text()).toContain('already exists');
    expect(status(wrapper).state).toBe('error');
    await pattern1.trigger('blur');
    expect(registries(resource)).toEqual(before);
    await pattern1.setValue('^(rancher|suse)/(.*)$ ');
    await pattern1.trigger('blur');
    expect(registries(resource)).toEqual(before);
    expect(card.get('[data-testid="rm-rewrite-draft-error-1"]').text()).toContain('white space');
    await pattern1.setValue('^(rancher|suse)/(.*)$');
    await pattern1.trigger('keydown', { key: 'Enter' });
    expect(Object.keys(registries(resource).mirrors['docker.io'].rewrite)).toEqual(['^library/(.*)$', '^(rancher|suse)/(.*)$']);
  });
});

describe('the CA box keeps what is typed (#1)', () => {
  const CA = 'rm-config-ca-mirror.example.com:5000';
  const shown = (w: any) => (field(w, CA).element as HTMLTextAreaElement).value;

  it('typing -----BEGIN keystroke by keystroke shows exactly that, and stores it encoded once', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));

    await typeKeys(wrapper, CA, '-----BEGIN');
    expect(shown(wrapper)).toBe('-----BEGIN');
    expect(registries(resource).configs['mirror.example.com:5000'].caBundle).toBe(btoa('-----BEGIN'));
    await typeKeys(wrapper, CA, ' CERTIFICATE-----\nMIIB', { append: true });
    expect(shown(wrapper)).toBe('-----BEGIN CERTIFICATE-----\nMIIB');
    expect(atob(registries(resource).configs['mirror.example.com:5000'].caBundle)).toBe('-----BEGIN CERTIFICATE-----\nMIIB');
  });

  it('a pasted PEM, then base64 of a PEM, then base64 of something else: shown as entered, never encoded twice', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const stored = () => registries(resource).configs['mirror.example.com:5000'].caBundle;

    await field(wrapper, CA).setValue(PEM);
    expect(shown(wrapper)).toBe(PEM);
    expect(atob(stored())).toBe(PEM);
    expect(wrapper.get('[data-testid="rm-config-certs"]').text()).toContain('Example Registry CA');

    await field(wrapper, CA).setValue(btoa(PEM));
    expect(shown(wrapper)).toBe(btoa(PEM));
    expect(stored()).toBe(btoa(PEM));

    await typeKeys(wrapper, CA, 'aGVsbG8=');
    expect(shown(wrapper)).toBe('aGVsbG8=');
    expect(stored()).toBe('aGVsbG8=');
    expect(status(wrapper).state).toBe('error'); // CA_BUNDLE_INVALID: not a certificate
  });

  it('URL-safe base64 of a PEM is flagged by the engine, and the card does not list it as a certificate (#8)', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');
    const text = `# ??>??~\n${ PEM }`;

    cluster.spec.rkeConfig.registries.configs['mirror.example.com:5000'].caBundle = Buffer.from(text).toString('base64url');
    const { wrapper } = await mountTab(cluster);
    const card = wrapper.get('[data-testid="rm-config-mirror.example.com:5000"]');

    expect(card.find('[data-testid="rm-finding-CA_BUNDLE_INVALID"]').exists()).toBe(true);
    expect(card.find('[data-testid="rm-config-certs"]').exists()).toBe(false);
  });
});

describe('a new rewrite, typed (#3)', () => {
  it('Enter in "New pattern" moves to Replacement and adds nothing; Enter there adds the pair', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);

    await typeKeys(wrapper, 'rm-rewrite-new-pattern-ghcr.io', '^x/(.*)$');
    await press(wrapper, 'rm-rewrite-new-pattern-ghcr.io', 'Enter');
    expect(registries(resource)).toEqual(before);
    expect(document.activeElement).toBe(field(wrapper, 'rm-rewrite-new-replacement-ghcr.io').element);
    await typeKeys(wrapper, 'rm-rewrite-new-replacement-ghcr.io', 'mirror/x/$1');
    await press(wrapper, 'rm-rewrite-new-replacement-ghcr.io', 'Enter');
    expect(registries(resource).mirrors['ghcr.io'].rewrite).toEqual({ '^(.*)$': 'ghcr/$1', '^x/(.*)$': 'mirror/x/$1' });
  });

  it('an empty replacement and $2 with one group are findings on the row, counted by the banner', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const card = () => wrapper.get('[data-testid="rm-mirror-ghcr.io"]');

    await typeKeys(wrapper, 'rm-rewrite-new-pattern-ghcr.io', '^x/(.*)$');
    await wrapper.get('[data-testid="rm-rewrite-add-ghcr.io"]').trigger('click');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(card().get('[data-testid="rm-rewrite-1"]').find('[data-testid="rm-finding-REWRITE_EMPTY_REPLACEMENT"]').exists()).toBe(true);
    expect(status(wrapper).warnings).toBeGreaterThanOrEqual(1);
    // eslint-disable-next-line no-restricted-syntax -- typeKeys takes any mounted wrapper
    await typeKeys(card() as any, 'rm-rewrite-replacement-1', 'mirror/$2');
    expect(card().get('[data-testid="rm-rewrite-1"]').find('[data-testid="rm-finding-REWRITE_GROUP_MISSING"]').exists()).toBe(true);
    expect(status(wrapper).state).toBe('error');
  });
});

describe('the banner counts every error and warning on the page (#4)', () => {
  it('a card\'s ambiguous try image and the preview agree on the rewrite, and the banner counts the warning', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');

    // in the spec ^library/ comes first; the node writes (and applies) them sorted: ^(.*)$ first
    cluster.spec.rkeConfig.registries.mirrors['docker.io'].rewrite = { '^library/(.*)$': 'lib/$1', '^(.*)$': 'all/$1' };
    const { wrapper } = await mountTab(cluster);
    const card = wrapper.get('[data-testid="rm-mirror-docker.io"]');

    expect(card.get('[data-testid="rm-rewrite-try-result-docker.io"]').text()).toContain('all/library/nginx:1.27');
    expect(wrapper.get('[data-testid="rm-preview"]').text()).toContain('/v2/all/library/nginx/manifests/1.27');
    expect(card.get('[data-testid="rm-rewrite-1"]').attributes('data-applied')).toBe('true');
    expect(card.find('.rm-ambiguous').exists()).toBe(true);
    expect(status(wrapper).state).toBe('warning');
    expect(wrapper.find('[data-testid="rm-status-item-REWRITE_AMBIGUOUS"]').exists()).toBe(true);
  });

  it('an invalid what-if system-default-registry shown in the preview is counted; the banner is a live region with links', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    expect(status(wrapper).state).toBe('ok');
    await typeKeys(wrapper, 'rm-sdr-whatif', 'https://reg');
    expect(wrapper.get('[data-testid="rm-preview"]').find('[data-testid="rm-finding-SDR_INVALID"]').exists()).toBe(true);
    expect(status(wrapper)).toMatchObject({ state: 'error' });
    expect(wrapper.get('[data-testid="rm-status"]').element.closest('[aria-live="polite"]')).not.toBeNull();
    await wrapper.get('[data-testid="rm-status-item-SDR_INVALID"] a').trigger('click');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('rm-sdr-whatif');
  });
});

describe('an endpoint typed with a trailing // (#7)', () => {
  it('https://m.example.com// is kept in the spec as typed and said at the field: no /v2 on the node', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const card = () => wrapper.get('[data-testid="rm-mirror-ghcr.io"]');
    const input = () => card().get('[data-testid="rm-endpoint-input-0"]');
    const finding = () => card().get('[data-testid="rm-endpoint-0"]').find('[data-testid="rm-finding-ENDPOINT_PATH_EMPTY_SEGMENT"]');
    let value = '';

    await input().setValue('');
    for (const ch of 'https://m.example.com//') {
      value += ch;
      await input().setValue(value);
      await flushPromises();
      expect(registries(resource).mirrors['ghcr.io'].endpoint[0]).toBe(value);
      // https://m.example.com/ is fine (the node uses /v2); the second slash is not
      expect(finding().exists(), value).toBe(value.endsWith('.com//'));
    }
    expect(finding().text()).toContain('https://m.example.com/<repository>/manifests/<tag>, without /v2');
    expect(finding().attributes('data-severity')).toBe('warning');
    expect(status(wrapper).warnings).toBeGreaterThanOrEqual(1);
    expect(wrapper.find('[data-testid="rm-status-item-ENDPOINT_PATH_EMPTY_SEGMENT"]').exists()).toBe(true);
    // Backspace once: the finding goes, the spec follows
    await input().setValue('https://m.example.com/');
    await flushPromises();
    expect(finding().exists()).toBe(false);
    expect(registries(resource).mirrors['ghcr.io'].endpoint[0]).toBe('https://m.example.com/');
  });
});

describe('the what-if system-default-registry, typed (#7)', () => {
  for (const bad of ['https://registry.example.com', 'registry.example.com:0', '<b>x</b>']) {
    it(`says at the field what is wrong with ${ bad } and shows no example built from it`, async() => {
      const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

      await typeKeys(wrapper, 'rm-sdr-whatif', bad);
      expect(wrapper.get('[data-testid="rm-sdr-whatif-error"]').text()).toMatch(/scheme|port|host\[:port\]/);
      expect(field(wrapper, 'rm-sdr-whatif').attributes('aria-invalid')).toBe('true');
      expect(wrapper.find('[data-testid="rm-sdr-example"]').exists()).toBe(false);
      const suggestions = wrapper.find('[data-testid="rm-config-suggestions"]');

      expect(suggestions.exists() ? suggestions.text() : '').not.toContain(bad.split('/')[0]);
    });
  }
});

describe('the tab shows what the engine says (#8)', () => {
  it('legacy CRI (v1.26.5) with disable-default: the card\'s fallback line is the registry, as the route', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');

    cluster.spec.kubernetesVersion = 'v1.26.5+k3s1';
    cluster.spec.rkeConfig.machineGlobalConfig['disable-default-registry-endpoint'] = true;
    cluster.spec.rkeConfig.machineGlobalConfig['embedded-registry'] = false;
    const { wrapper } = await mountTab(cluster);
    const line = wrapper.get('[data-testid="rm-mirror-docker.io"] [data-testid="rm-endpoint-fallback"]').text();

    expect(line).toContain('https://registry-1.docker.io/v2');
    expect(line).not.toContain('No fallback');
    expect(wrapper.get('[data-testid="rm-preview"]').text()).toContain('registry-1.docker.io');
  });
});

describe('removing a card (#6)', () => {
  it('offers Undo, which puts the mirror back where it was; focus never falls to <body>', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);

    await wrapper.get('[data-testid="rm-mirror-remove-ghcr.io"]').trigger('click');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(Object.keys(registries(resource).mirrors)).toEqual(['docker.io', 'quay.io']);
    expect(wrapper.get('[data-testid="rm-undo-bar"]').text()).toContain('ghcr.io');
    expect(document.activeElement).toBe(wrapper.get('[data-testid="rm-undo-remove"]').element);
    await wrapper.get('[data-testid="rm-undo-remove"]').trigger('click');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(registries(resource)).toEqual(before);
    expect(document.activeElement?.getAttribute('data-testid')).toBe('rm-mirror-key-ghcr.io');
  });

  it('a config too', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);

    await wrapper.get('[data-testid="rm-config-remove-mirror.example.com:5000"]').trigger('click');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(registries(resource).configs).toEqual({});
    await wrapper.get('[data-testid="rm-undo-remove"]').trigger('click');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(registries(resource)).toEqual(before);
  });
});

describe('an edit undone by hand leaves the spec as it was (#7)', () => {
  it('add a mirror then remove it, on a cluster without registries: no registries: {mirrors: {}} left', async() => {
    const cluster = loadSample('empty-new');

    delete cluster.spec.rkeConfig.registries;
    const { wrapper, resource } = await mountTab(cluster);

    await typeKeys(wrapper, 'rm-mirror-new', 'docker.io');
    await click(wrapper, 'rm-mirror-add');
    expect(registries(resource)).toEqual({ mirrors: { 'docker.io': { endpoint: [] } } });
    await click(wrapper, 'rm-mirror-remove-docker.io');
    expect('registries' in resource.spec.rkeConfig).toBe(false);
    // Undo brings it back; the page's own maps stay where the cluster had them
    await click(wrapper, 'rm-undo-remove');
    expect(registries(resource)).toEqual({ mirrors: { 'docker.io': { endpoint: [] } } });
  });

  it('a cluster that had empty maps keeps them', async() => {
    const { wrapper, resource } = await mountTab(loadSample('empty-new'));

    await typeKeys(wrapper, 'rm-config-new', 'r.example.com');
    await click(wrapper, 'rm-config-add');
    await click(wrapper, 'rm-config-remove-r.example.com');
    expect(registries(resource)).toEqual({ configs: {}, mirrors: {} });
  });

  it('Skip TLS on then off removes the key again; a config that had insecureSkipVerify: false keeps it', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');
    const { wrapper, resource } = await mountTab(cluster);
    const host = 'mirror.example.com:5000';
    const before = registries(resource).configs[host];

    expect('insecureSkipVerify' in before).toBe(false);
    await toggle(wrapper, `rm-config-skip-${ host }`);
    expect(registries(resource).configs[host].insecureSkipVerify).toBe(true);
    await toggle(wrapper, `rm-config-skip-${ host }`);
    expect(registries(resource).configs[host]).toEqual(before);

    const airgap = await mountTab(loadSample('airgap-rke2-v1.31.6'));
    const had = registries(airgap.resource).configs['registry.example.com'];

    expect(had.insecureSkipVerify).toBe(false);
    await toggle(airgap.wrapper, 'rm-config-skip-registry.example.com');
    await toggle(airgap.wrapper, 'rm-config-skip-registry.example.com');
    expect(registries(airgap.resource).configs['registry.example.com']).toEqual(had);
  });
});

describe('the add rows refuse what a rename refuses, and say why (#7)', () => {
  it('"__proto__" typed as a new mirror: refused at the field, kept there, nothing vanishes into the spec', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);

    await typeKeys(wrapper, 'rm-mirror-new', '__proto__');
    await click(wrapper, 'rm-mirror-add');
    expect(registries(resource)).toEqual(before);
    expect(wrapper.get('[data-testid="rm-mirror-new-error"]').text()).toContain('not a registry host[:port]');
    expect((field(wrapper, 'rm-mirror-new').element as HTMLInputElement).value).toBe('__proto__');
    // the message goes as soon as the text changes; a valid host is added
    await typeKeys(wrapper, 'rm-mirror-new', 'proto.example.com');
    expect(wrapper.find('[data-testid="rm-mirror-new-error"]').exists()).toBe(false);
    await click(wrapper, 'rm-mirror-add');
    expect(Object.keys(registries(resource).mirrors)).toContain('proto.example.com');
  });

  it('a 5,000-character host pasted as a new config, and Docker.IO as a mirror: refused with the reason', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);

    await field(wrapper, 'rm-config-new').setValue(`${ 'a'.repeat(5000) }.example.com`);
    await click(wrapper, 'rm-config-add');
    expect(wrapper.get('[data-testid="rm-config-new-error"]').text()).toContain('longer than a host name can be');
    await typeKeys(wrapper, 'rm-mirror-new', 'Docker.IO');
    await click(wrapper, 'rm-mirror-add');
    expect(wrapper.get('[data-testid="rm-mirror-new-error"]').text()).toContain('Use docker.io');
    expect(registries(resource)).toEqual(before);
  });
});

describe('"Create a Secret" while the cluster is being created (#7)', () => {
  it('says the Secret is made before the cluster, and offers to delete it again', async() => {
    const { wrapper, resource, store } = await mountTab(loadSample('airgap-rke2-v1.31.6'), { mode: 'create' });
    const card = () => wrapper.get('[data-testid="rm-config-registry.example.com"]');
    const made = () => store.getters['management/all']('secret').filter((s: any) => s.metadata.name.startsWith('registryconfig-auth-'));

    await click(wrapper, 'rm-config-create-secret');
    expect(card().get('[data-testid="rm-config-create-note"]').text()).toContain('does not exist yet');
    await typeKeys(wrapper, 'rm-config-create-username', 'robot');
    await typeKeys(wrapper, 'rm-config-create-password', 'pw');
    await click(wrapper, 'rm-config-create-submit');
    expect(made()).toHaveLength(1);
    const name = made()[0].metadata.name;

    expect(registries(resource).configs['registry.example.com'].authConfigSecretName).toBe(name);
    expect(card().get('[data-testid="rm-config-made-secret"]').text()).toContain(`${ name } was created in fleet-default before the cluster`);
    await click(wrapper, 'rm-config-made-secret-delete');
    expect(made()).toHaveLength(0);
    expect('authConfigSecretName' in registries(resource).configs['registry.example.com']).toBe(false);
    expect(wrapper.find('[data-testid="rm-config-made-secret"]').exists()).toBe(false);
  });

  it('in edit mode the cluster exists: no such notice', async() => {
    const { wrapper } = await mountTab(loadSample('airgap-rke2-v1.31.6'));

    await click(wrapper, 'rm-config-create-secret');
    expect(wrapper.get('[data-testid="rm-config-create-note"]').text()).not.toContain('does not exist yet');
    await typeKeys(wrapper, 'rm-config-create-username', 'robot');
    await typeKeys(wrapper, 'rm-config-create-password', 'pw');
    await click(wrapper, 'rm-config-create-submit');
    expect(wrapper.find('[data-testid="rm-config-made-secret"]').exists()).toBe(false);
  });
});

describe('the two-layers explainer (layout)', () => {
  it('is open until closed once, then stays closed with a one-line summary', async() => {
    localStorage.removeItem('registry-mirrors.layers.closed');
    const first = await mountTab(loadSample('k3s-rewrites-embedded'));
    const toggle = () => first.wrapper.get('[data-testid="rm-layers-toggle"]');

    expect(toggle().attributes('aria-expanded')).toBe('true');
    expect(first.wrapper.find('[data-testid="rm-layers-summary"]').exists()).toBe(false);
    await click(first.wrapper, 'rm-layers-toggle');
    expect(toggle().attributes('aria-expanded')).toBe('false');
    expect((first.wrapper.get('#rm-layers-body').element as HTMLElement).style.display).toBe('none');
    expect(first.wrapper.get('[data-testid="rm-layers-summary"]').text()).toBe('App layer: system-default-registry Not set. CRI layer: 3 mirrors, 1 registry config.');
    first.wrapper.unmount();

    const again = await mountTab(loadSample('k3s-rewrites-embedded'));

    expect(again.wrapper.get('[data-testid="rm-layers-toggle"]').attributes('aria-expanded')).toBe('false');
    await click(again.wrapper, 'rm-layers-toggle');
    expect(localStorage.getItem('registry-mirrors.layers.closed')).toBe('0');
    again.wrapper.unmount();
  });
});

describe('a banner link to a system-default-registry finding (layout)', () => {
  it('opens the closed explainer and focuses the what-if field, typed or from the cluster', async() => {
    localStorage.setItem('registry-mirrors.layers.closed', '1');
    const typed = await mountTab(loadSample('k3s-rewrites-embedded'));
    const open = (w: typeof typed.wrapper) => w.get('[data-testid="rm-layers-toggle"]').attributes('aria-expanded');

    await click(typed.wrapper, 'rm-layers-toggle');
    await typeKeys(typed.wrapper, 'rm-sdr-whatif', 'https://reg');
    await click(typed.wrapper, 'rm-layers-toggle');
    expect(open(typed.wrapper)).toBe('false');
    await typed.wrapper.get('[data-testid="rm-status-item-SDR_INVALID"] a').trigger('click');
    await flushPromises();
    expect(open(typed.wrapper)).toBe('true');
    expect((typed.wrapper.get('#rm-layers-body').element as HTMLElement).style.display).not.toBe('none');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('rm-sdr-whatif');
    // what was typed is still there
    expect((field(typed.wrapper, 'rm-sdr-whatif').element as HTMLInputElement).value).toBe('https://reg');
    typed.wrapper.unmount();

    const cluster = loadSample('k3s-rewrites-embedded');

    localStorage.setItem('registry-mirrors.layers.closed', '1');
    cluster.spec.rkeConfig.machineGlobalConfig = { ...cluster.spec.rkeConfig.machineGlobalConfig, 'system-default-registry': 'https://registry.example.com' };
    const fromCluster = await mountTab(cluster);

    expect(open(fromCluster.wrapper)).toBe('false');
    await fromCluster.wrapper.get('[data-testid="rm-status-item-SDR_INVALID"] a').trigger('click');
    await flushPromises();
    expect(open(fromCluster.wrapper)).toBe('true');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('rm-sdr-whatif');
    fromCluster.wrapper.unmount();
    localStorage.removeItem('registry-mirrors.layers.closed');
  });
});

describe('the rewrite help (layout)', () => {
  it('is said once above the mirrors, not again in every card', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const help = 'Pattern (Go RE2 regular expression) matched against the repository path';

    expect(wrapper.findAll('section[data-testid^="rm-mirror-"]')).toHaveLength(3);
    expect(wrapper.text().split(help)).toHaveLength(2);
    expect(wrapper.get('[data-testid="rm-rewrites-help"]').text()).toContain(help);
  });
});

describe('the per-endpoint config line (layout)', () => {
  it('names the host once (in the URL), the button says which host by its name', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');

    cluster.spec.rkeConfig.registries.mirrors['docker.io'].endpoint.push('https://second.example.com');
    const { wrapper } = await mountTab(cluster);
    const row = wrapper.get('[data-testid="rm-mirror-docker.io"] [data-testid="rm-endpoint-1"] .rm-endpoint-meta');

    expect(row.text().split('second.example.com')).toHaveLength(2);
    expect(row.text()).toContain('No config: no credentials, system CAs');
    expect(row.get('[data-testid="rm-endpoint-add-config-1"]').attributes('aria-label')).toBe('Add config for second.example.com');
  });
});

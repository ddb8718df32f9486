import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, vi, afterEach } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { toRaw } from 'vue';
import {
  mountTab, loadSample, registries, outsideRegistries, plain, click, type
} from './helpers';
import { openTool, domDump } from './tools';

const fixture = (n: string) => fs.readFileSync(path.resolve(__dirname, '../fixtures/registries', n), 'utf8');
const PLANTED = ['Pl4nted-Passw0rd-7781', 'Pl4nted-Token-9912', 'cm9ib3Q6UGw0bnRlZC1QYXNzdzByZC03Nzgx'];
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function expectNoSecretValues() {
  const dom = domDump();

  for (const p of PLANTED) {
    expect(dom).not.toContain(p);
    expect(dom).not.toContain(b64(p));
  }
}

async function openImport(w: any) {
  const panel = await openTool(w, 'import-export', 'rm-import-export');

  await click(w, 'rm-import-open');

  return panel;
}

async function paste(w: any, text: string) {
  await type(w, 'rm-import-text', text);
}

/** shell RadioGroup: the click handler is on the option's label */
async function choose(w: any, group: string, value: string) {
  const label = w.get(`[data-testid="${ group }"]`).findAll('label.radio-container').find((l: any) => l.find(`input[value="${ value }"]`).exists());

  await label.trigger('click');
  await flushPromises();
}

function secretsIn(store: any, ns = 'fleet-default') {
  return store.getters['management/all']('secret').filter((s: any) => s.metadata.namespace === ns);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('import a node registries.yaml', () => {
  it('previews the result without changing anything; Cancel changes nothing', async() => {
    const { wrapper, resource, store } = await mountTab(loadSample('airgap-rke2-v1.31.6'));
    const before = registries(resource);
    const secretsBefore = secretsIn(store).length;

    await openImport(wrapper);
    await paste(wrapper, fixture('inline-credentials.yaml'));
    await click(wrapper, 'rm-import-preview');
    const dialog = wrapper.get('[data-testid="rm-import-dialog"]');

    expect(dialog.attributes('data-step')).toBe('preview');
    const added = dialog.findAll('[data-testid="rm-import-change-added"]').map((x) => x.attributes('data-key'));

    expect(added).toEqual(expect.arrayContaining(['mirrors.docker.io', 'mirrors.harbor.corp.example.com', 'configs.harbor.corp.example.com', 'configs.quay.io', 'configs.ghcr.io']));
    const secrets = dialog.findAll('[data-testid="rm-import-secret"]');

    expect(secrets.map((s) => s.attributes('data-name'))).toEqual([
      'airgap-prod-registry-auth-harbor-corp-example-com', 'airgap-prod-registry-auth-quay-io', 'airgap-prod-registry-auth-ghcr-io',
    ]);
    expect(secrets[0].text()).toContain('rke.cattle.io/auth-config');
    expect(secrets[0].text()).toContain('username, password');
    expect(secrets[2].text()).toContain('identityToken');
    // nothing changed yet, no Secret created, and no value on the page
    expect(registries(resource)).toEqual(before);
    expect(secretsIn(store)).toHaveLength(secretsBefore);
    expectNoSecretValues();

    // merge → replace: the preview follows and lists what would go
    await choose(wrapper, 'rm-import-mode-preview', 'replace');
    expect(dialog.findAll('[data-testid="rm-import-change-removed"]').map((x) => x.attributes('data-key'))).toEqual(['mirrors.*', 'configs.registry.example.com']);
    expect(registries(resource)).toEqual(before);

    await click(wrapper, 'rm-import-cancel');
    expect(wrapper.find('[data-testid="rm-import-dialog"]').exists()).toBe(false);
    expect(registries(resource)).toEqual(before);
    expect(secretsIn(store)).toHaveLength(secretsBefore);
    expectNoSecretValues();
  });

  it('a YAML error shows its line and column and changes nothing', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const before = registries(resource);

    await openImport(wrapper);
    await paste(wrapper, fixture('yaml-error.yaml'));
    await click(wrapper, 'rm-import-preview');
    const err = wrapper.get('[data-testid="rm-import-error"]');

    expect(err.text()).toMatch(/YAML error at line \d+, column \d+: .+Nothing was changed\./);
    expect(wrapper.get('[data-testid="rm-import-dialog"]').attributes('data-step')).toBe('source');
    expect(wrapper.find('[data-testid="rm-import-apply"]').exists()).toBe(false);
    expect(registries(resource)).toEqual(before);
  });

  it('Apply creates the auth Secrets and writes the spec in place; the password never reaches the page', async() => {
    const cluster = loadSample('k3s-rewrites-embedded');

    cluster.spec.rkeConfig.registries.futureField = { keep: true };
    cluster.spec.rkeConfig.registries.mirrors['docker.io'].futureMirrorField = 1;
    const { wrapper, resource, store } = await mountTab(cluster);
    const regsObj = toRaw(resource.spec.rkeConfig.registries);
    const mirrorsObj = toRaw(regsObj.mirrors);
    const hubObj = toRaw(mirrorsObj['docker.io']);
    const ghcrObj = toRaw(mirrorsObj['ghcr.io']);
    const outside = outsideRegistries(plain(resource));

    await openImport(wrapper);
    await paste(wrapper, fixture('inline-credentials.yaml'));
    await click(wrapper, 'rm-import-preview');
    expectNoSecretValues();
    const changed = wrapper.findAll('[data-testid="rm-import-change-changed"]').map((x) => x.attributes('data-key'));

    expect(changed).toEqual(['mirrors.docker.io']);
    await click(wrapper, 'rm-import-apply');
    await flushPromises();

    const r = registries(resource);

    // merge: imported entries added, docker.io updated with its unknown field kept, the rest as it was
    expect(r.futureField).toEqual({ keep: true });
    expect(r.mirrors['docker.io']).toEqual({
      endpoint: ['https://harbor.corp.example.com/v2/dockerhub-proxy'], rewrite: cluster.spec.rkeConfig.registries.mirrors['docker.io'].rewrite, futureMirrorField: 1
    });
    expect(r.mirrors['ghcr.io']).toEqual(cluster.spec.rkeConfig.registries.mirrors['ghcr.io']);
    expect(r.mirrors['harbor.corp.example.com']).toEqual({ endpoint: ['https://harbor.corp.example.com'] });
    expect(r.configs).toEqual({
      'mirror.example.com:5000': { authConfigSecretName: 'harbor-robot', tlsSecretName: 'registry-example-client-tls' },
      'harbor.corp.example.com': { authConfigSecretName: 'edge-k3s-registry-auth-harbor-corp-example-com' },
      'quay.io':                 { authConfigSecretName: 'edge-k3s-registry-auth-quay-io' },
      'ghcr.io':                 { authConfigSecretName: 'edge-k3s-registry-auth-ghcr-io' },
    });
    // same objects, edited in place; nothing outside the registries touched
    expect(toRaw(resource.spec.rkeConfig.registries)).toBe(regsObj);
    expect(toRaw(resource.spec.rkeConfig.registries.mirrors)).toBe(mirrorsObj);
    expect(toRaw(resource.spec.rkeConfig.registries.mirrors['docker.io'])).toBe(hubObj);
    expect(toRaw(resource.spec.rkeConfig.registries.mirrors['ghcr.io'])).toBe(ghcrObj);
    expect(outsideRegistries(plain(resource))).toEqual(outside);
    // the spec holds no credential
    for (const p of PLANTED) {
      expect(JSON.stringify(r)).not.toContain(p);
    }

    // the Secrets, in the cluster's namespace, with the values base64-encoded
    const created = secretsIn(store).filter((s: any) => s.metadata.name.startsWith('edge-k3s-registry-auth-'));

    expect(created.map((s: any) => [s.metadata.name, s._type, Object.keys(s.data)])).toEqual([
      ['edge-k3s-registry-auth-harbor-corp-example-com', 'rke.cattle.io/auth-config', ['username', 'password']],
      ['edge-k3s-registry-auth-quay-io', 'rke.cattle.io/auth-config', ['auth']],
      ['edge-k3s-registry-auth-ghcr-io', 'rke.cattle.io/auth-config', ['identityToken']],
    ]);
    expect(created[0].data).toEqual({ username: b64('robot$pull'), password: b64('Pl4nted-Passw0rd-7781') });

    // the dialog is gone, the summary names the Secrets, and no value is on the page
    expect(wrapper.find('[data-testid="rm-import-dialog"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="rm-import-export-status"]').text()).toContain('edge-k3s-registry-auth-quay-io');
    expectNoSecretValues();
    // the new configs' cards show the Secret names
    expect(wrapper.find('[data-testid="rm-config-quay.io"]').exists()).toBe(true);
  });

  it('replace mode removes what the file does not have; unknown keys and node-only files are reported', async() => {
    const { wrapper, resource } = await mountTab(loadSample('k3s-rewrites-embedded'));
    const text = `${ fixture('tls-paths.yaml') }\n`;

    await openImport(wrapper);
    await paste(wrapper, text);
    await choose(wrapper, 'rm-import-mode', 'replace');
    await click(wrapper, 'rm-import-preview');
    const dialog = wrapper.get('[data-testid="rm-import-dialog"]');

    expect(dialog.findAll('[data-testid="rm-import-change-removed"]').map((x) => x.attributes('data-key'))).toEqual([
      'mirrors.docker.io', 'mirrors.ghcr.io', 'mirrors.quay.io', 'configs.mirror.example.com:5000',
    ]);
    const missing = dialog.get('[data-testid="rm-import-missing"]').text();

    expect(missing).toContain('/etc/rancher/certs/internal-ca.pem');
    expect(missing).toContain('kubernetes.io/tls');
    expect(dialog.find('[data-testid="rm-import-no-secrets"]').exists()).toBe(true);
    await click(wrapper, 'rm-import-apply');
    expect(registries(resource).mirrors).toEqual({ 'registry.internal:5443': { endpoint: ['https://registry.internal:5443'] } });
    expect(registries(resource).configs).toEqual({ 'registry.internal:5443': {} });
  });

  it('reports unknown keys as findings, by name only', async() => {
    const { wrapper } = await mountTab(loadSample('empty-new'), { mode: 'create' });

    await openImport(wrapper);
    await paste(wrapper, fixture('unknown-keys.yaml'));
    await click(wrapper, 'rm-import-preview');
    const findings = wrapper.get('[data-testid="rm-import-findings"]');

    expect(findings.findAll('[data-testid="rm-finding-NODE_UNKNOWN_KEY"]').length).toBeGreaterThan(2);
    expect(domDump()).not.toContain('Pl4nted-Token-3344');
  });

  it('is not offered in view mode', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'), { mode: 'view' });

    await openTool(wrapper, 'import-export', 'rm-import-export');
    expect(wrapper.find('[data-testid="rm-import-open"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="rm-import-view-mode"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="rm-export-registries"]').exists()).toBe(true);
  });
});

describe('export', () => {
  function captureDownloads() {
    const blobs: Blob[] = [];
    const names: string[] = [];

    vi.spyOn(URL, 'createObjectURL').mockImplementation((b: any) => {
      blobs.push(b);

      return `blob:test/${ blobs.length }`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function(this: HTMLAnchorElement) {
      names.push(this.download);
    });

    return { blobs, names };
  }

  it('downloads registries.yaml with marked placeholders instead of credentials', async() => {
    const dl = captureDownloads();
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    await openTool(wrapper, 'import-export', 'rm-import-export');
    await click(wrapper, 'rm-export-registries');
    expect(dl.names).toEqual(['edge-k3s-registries.yaml']);
    const text = await dl.blobs[0].text();

    expect(text).toContain('<from Secret fleet-default/harbor-robot key password>');
    expect(text).toContain('# registry-mirrors: authConfigSecretName harbor-robot');
    expect(text).toContain('cert_file: /var/lib/rancher/k3s/etc/tls/registries/mirror.example.com:5000/tls.crt');
    expect(text).toMatch(/^# registries.yaml exported by registry-mirrors/);
    expect(wrapper.get('[data-testid="rm-import-export-status"]').text()).toContain('edge-k3s-registries.yaml');
  });

  it('downloads the hosts.toml set as one text file, each under its certs.d header', async() => {
    const dl = captureDownloads();
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    await openTool(wrapper, 'import-export', 'rm-import-export');
    await click(wrapper, 'rm-export-hosts');
    expect(dl.names).toEqual(['edge-k3s-hosts.toml.txt']);
    const text = await dl.blobs[0].text();

    expect(text).toMatch(/^# hosts.toml files rendered by the k3s agent/);
    expect(text).toContain('# certs.d/docker.io/hosts.toml\n# File generated by k3s. DO NOT EDIT.\nserver = "https://registry-1.docker.io/v2"');
    expect(text).toContain('# certs.d/ghcr.io/hosts.toml');
    expect(text).toContain('[host."https://mirror.example.com:5000/v2"]');
  });
});

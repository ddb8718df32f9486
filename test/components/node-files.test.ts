import { describe, it, expect } from 'vitest';
import { mountTab, loadSample, type } from './helpers';
import { openTool } from './tools';

describe('node files: what the nodes receive', () => {
  it('shows registries.yaml with Secret references (never values) and every hosts.toml, collapsed until opened', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    // closed: the panel is not even rendered
    expect(wrapper.find('[data-testid="rm-node-files"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="rm-tool-node-files-toggle"]').attributes('aria-expanded')).toBe('false');

    const panel = await openTool(wrapper, 'node-files', 'rm-node-files');

    expect(wrapper.get('[data-testid="rm-tool-node-files-toggle"]').attributes('aria-expanded')).toBe('true');
    const files = panel.findAll('[data-testid^="rm-node-file-"][data-path]');
    const paths = files.map((f) => f.attributes('data-path'));

    expect(paths[0]).toBe('/etc/rancher/k3s/registries.yaml');
    expect(paths).toContain('/var/lib/rancher/k3s/agent/etc/containerd/certs.d/docker.io/hosts.toml');
    expect(paths).toContain('/var/lib/rancher/k3s/agent/etc/containerd/certs.d/ghcr.io/hosts.toml');

    const yaml = files[0];

    expect(yaml.text()).toContain('<Secret fleet-default/harbor-robot password>');
    expect(yaml.text()).toContain('cert_file: /var/lib/rancher/k3s/etc/tls/registries/mirror.example.com:5000/tls.crt');
    expect(yaml.get('[data-testid="rm-node-file-used-by"]').text()).toContain('K3s agent');
    // line numbers
    expect(yaml.findAll('.rm-code-line')[0].attributes('data-line')).toBe('1');

    const hub = files.find((f) => f.attributes('data-path')!.endsWith('/docker.io/hosts.toml'))!;

    expect(hub.get('[data-testid="rm-node-file-used-by"]').text()).toContain('Docker Hub images');
    expect(hub.text()).toContain('[host."https://mirror.example.com:5000/v2"]');
    // no marks on a clean configuration
    expect(panel.findAll('[data-testid="rm-node-file-marked-line"]')).toHaveLength(0);

    // each block collapses on its own
    await hub.get('button[aria-expanded]').trigger('click');
    expect(hub.find('pre').exists()).toBe(false);
    expect(hub.get('button[aria-expanded]').attributes('aria-expanded')).toBe('false');
  });

  it('marks the hosts.toml line a breaking rewrite produces, with the message and the fix next to it', async() => {
    const c = loadSample('airgap-rke2-v1.31.6');

    c.spec.rkeConfig.registries.mirrors['docker.io'] = { endpoint: ['https://m.example.com'], rewrite: { '^a\\.b': 'c' } };
    const { wrapper } = await mountTab(c);
    const panel = await openTool(wrapper, 'node-files', 'rm-node-files');
    const hub = panel.findAll('[data-path]').find((f) => f.attributes('data-path')!.endsWith('/certs.d/docker.io/hosts.toml'))!;
    const marked = hub.findAll('[data-testid="rm-node-file-marked-line"]');

    expect(marked.length).toBeGreaterThan(0);
    const breaking = marked.find((l) => l.find('[data-testid="rm-node-file-mark-REWRITE_BREAKS_TOML"]').exists())!;

    expect(breaking.get('.rm-lt').text()).toContain('"^a\\.b"');
    expect(breaking.classes()).toContain('rm-code-error');
    const mark = breaking.get('[data-testid="rm-node-file-mark-REWRITE_BREAKS_TOML"]');

    expect(mark.text()).toMatch(/^Error: Line \d+: /);
    expect(mark.text()).toContain('Fix: ');
    expect(hub.get('[data-testid="rm-node-file-badge"]').text()).toMatch(/\d+ findings?/);
  });

  it('follows the form: a new mirror gets its own hosts.toml at once', async() => {
    const { wrapper } = await mountTab(loadSample('empty-new'), { mode: 'create' });
    const panel = await openTool(wrapper, 'node-files', 'rm-node-files');

    expect(panel.findAll('[data-path]').map((f) => f.attributes('data-path'))).toEqual(['/etc/rancher/rke2/registries.yaml']);
    await type(wrapper, 'rm-mirror-new', 'registry.example.com:5000');
    await wrapper.get('[data-testid="rm-mirror-add"]').trigger('click');
    await type(wrapper, 'rm-endpoint-new-registry.example.com:5000', 'https://mirror.example.com');
    await wrapper.get('[data-testid="rm-endpoint-add-registry.example.com:5000"]').trigger('click');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(wrapper.get('[data-testid="rm-node-files"]').findAll('[data-path]').map((f) => f.attributes('data-path'))).toContain('/var/lib/rancher/rke2/agent/etc/containerd/certs.d/registry.example.com:5000/hosts.toml');
  });
});

// Issue 11 #5: a password planted in every field that can hold a URL or host never
// reaches anything the tab produces: the page, the previews, and every file it downloads.
import { describe, it, expect, vi, afterEach } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { mountTab, loadSample, typeKeys, click } from './helpers';
import { openTool } from './tools';

const PW = 'S3cretPw';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('no credentials in anything the tab produces (#5)', () => {
  it('scans the page, the node files, the save diff and every download', async() => {
    const blobs: Blob[] = [];

    vi.spyOn(URL, 'createObjectURL').mockImplementation((b: any) => {
      blobs.push(b);

      return `blob:test/${ blobs.length }`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});

    const cluster = loadSample('k3s-rewrites-embedded');
    const regs = cluster.spec.rkeConfig.registries;

    regs.mirrors['docker.io'].endpoint = [`https://admin:${ PW }@mirror.example.com:5000`, `admin:${ PW }@plain.example.com`];
    regs.mirrors[`admin:${ PW }@registry.example.com`] = { endpoint: [`http://u:${ PW }@r2.example.com/v2?token=${ PW }`] };
    regs.configs[`admin:${ PW }@mirror.example.com`] = { insecureSkipVerify: true };
    const { wrapper } = await mountTab(cluster);

    // typed, too: an endpoint and the what-if system-default-registry
    await typeKeys(wrapper, 'rm-endpoint-new-ghcr.io', `https://bob:${ PW }@ghcr-mirror.example.com`);
    await click(wrapper, 'rm-endpoint-add-ghcr.io');
    await typeKeys(wrapper, 'rm-sdr-whatif', `bob:${ PW }@sdr.example.com`);

    await openTool(wrapper, 'node-files', 'rm-node-files');
    await openTool(wrapper, 'save-diff', 'rm-save-diff');
    await openTool(wrapper, 'import-export', 'rm-import-export');
    await click(wrapper, 'rm-export-registries');
    await click(wrapper, 'rm-export-hosts');
    await flushPromises();

    expect(blobs).toHaveLength(2);
    for (const b of blobs) {
      const text = await b.text();

      expect(text.length).toBeGreaterThan(50);
      expect(text).not.toContain(PW);
    }
    // the markup and text of the whole page (field values are what the admin typed, not output)
    // (field values are what the admin typed; test ids are hooks for tests, never shown)
    const page = document.body.outerHTML.replace(/(<input\b[^>]*?\svalue=")[^"]*"/g, '$1"').replace(/data-testid="[^"]*"/g, '');

    const leak = page.indexOf(PW);

    expect(page).toContain('xxxxx@');
    expect(leak === -1 ? '' : page.slice(Math.max(0, leak - 300), leak + 40)).toBe('');
  });

  it('an image digest is shown as it is (not mistaken for a credential)', async() => {
    const { wrapper } = await mountTab(loadSample('k3s-rewrites-embedded'));

    await typeKeys(wrapper, 'rm-preview-image', 'nginx@sha256:abc');
    expect(wrapper.get('[data-testid="rm-preview"]').text()).not.toContain('xxxxx@sha256');
  });
});

// SDR_ONLY for a system-default-registry that is a bare host[:port]: Rancher renames its
// system images only (app layer), so Docker Hub workload images still go straight to
// registry-1.docker.io (docs/pull-route-semantics.md). The suggested fix is a docker.io
// mirror whose endpoint is that host; with no path there is nothing to rewrite, so the fix
// names the endpoint alone. Expected text written out by hand from the setting.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src';
import { compileNode } from './helpers';

const sdrOnly = (sdr: string) => compileNode({}, { systemDefaultRegistry: sdr }).findings.filter((x: Finding) => x.code === 'SDR_ONLY');

describe('SDR_ONLY with a system-default-registry without a path', () => {
  it.each([
    ['registry.example.com:5000', 'https://registry.example.com:5000'],
    ['registry.example.com', 'https://registry.example.com'],
    // trailing slashes are no path (the message keeps the setting as typed)
    ['registry.example.com:5000//', 'https://registry.example.com:5000'],
  ])('%s: the fix names the docker.io mirror endpoint %s and no rewrite', (sdr, endpoint) => {
    const found = sdrOnly(sdr);
    expect(found.map((x) => [x.severity, x.path])).toEqual([['warning', ['mirrors', 'docker.io']]]);
    expect(found[0].fix).toBe(`Add a docker.io mirror with endpoint ${endpoint}, if ${sdr} serves Docker Hub images.`);
    expect(found[0].params).toEqual({ sdr, hasSuggestion: 'yes', endpoint, hasRewrite: 'no', pattern: '', replacement: '' });
  });
});

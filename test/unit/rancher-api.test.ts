// The stand-in Rancher API the dashboard suite (npm run test:rancher) runs against:
// it must answer like Rancher where the page depends on it – collections and resources
// in Steve's shapes, writes recorded and answered with a new resourceVersion, a stale
// resourceVersion refused, unknown requests logged and answered empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RancherApi } from '../rancher-api/server.mjs';

let api: RancherApi;
let base: string;
const logged: string[] = [];

beforeAll(async() => {
  api = new RancherApi({ log: (m) => logged.push(m) });
  base = await api.listen(0);
});
afterAll(() => api.close());

const get = async(path: string) => (await fetch(base + path)).json();
const send = async(method: string, path: string, body: unknown) => {
  const r = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
};

describe('stand-in Rancher API', () => {
  it('lists the three sample clusters as provisioning clusters in fleet-default, with a management cluster each', async() => {
    const prov = await get('/v1/provisioning.cattle.io.clusters');
    expect(prov.type).toBe('collection');
    expect(prov.data.map((c: any) => c.id).sort()).toEqual(['fleet-default/airgap-prod', 'fleet-default/edge-k3s', 'fleet-default/new-cluster']);
    const airgap = prov.data.find((c: any) => c.id === 'fleet-default/airgap-prod');
    expect(airgap.spec.rkeConfig.registries.mirrors['*'].endpoint).toEqual(['https://registry.example.com']);
    expect(airgap.spec.futureTopLevelField).toEqual({ keep: true });
    const mgmt = await get('/v1/management.cattle.io.clusters');
    expect(mgmt.data.map((c: any) => c.id)).toContain(airgap.status.clusterName);
  });

  it('announces the features Cluster Management needs as on, as Rancher does (lockedValue null, not missing)', async() => {
    // the dashboard's feature model reads `status.lockedValue !== null` first: a missing
    // lockedValue is "locked to undefined", multi-cluster-management counts as off and
    // Cluster Management stays an empty page
    const features = await get('/v1/management.cattle.io.features');
    const mcm = features.data.find((f: any) => f.id === 'multi-cluster-management');
    expect(mcm.status.lockedValue).toBeNull();
    expect(mcm.spec.value ?? mcm.status.default).toBe(true);
  });

  it('gives every Steve object the state Rancher computes for it (an active cluster shows as Active)', async() => {
    const prov = await get('/v1/provisioning.cattle.io.clusters');
    expect(prov.data.map((c: any) => c.metadata.state?.name)).toEqual(['active', 'active', 'active']);
  });

  it('answers a PUT with the saved object and a new resourceVersion, records it, and refuses a stale one', async() => {
    api.reset();
    const path = '/v1/provisioning.cattle.io.clusters/fleet-default/edge-k3s';
    const cur = await get(path);
    const next = structuredClone(cur);
    next.spec.rkeConfig.registries.mirrors['docker.io'].endpoint = ['https://other.example.com'];
    const ok = await send('PUT', path, next);
    expect(ok.status).toBe(200);
    expect(Number(ok.body.metadata.resourceVersion)).toBeGreaterThan(Number(cur.metadata.resourceVersion));
    expect(ok.body.spec.rkeConfig.registries.mirrors['docker.io'].endpoint).toEqual(['https://other.example.com']);
    expect(api.writes.map((w) => [w.method, w.path])).toEqual([['PUT', path]]);
    expect(api.writes[0].body.spec.rkeConfig.registries.mirrors['docker.io'].endpoint).toEqual(['https://other.example.com']);

    const stale = await send('PUT', path, next); // still carries the old resourceVersion
    expect(stale.status).toBe(409);
  });

  it('creates with POST (201, a resourceVersion) and refuses an existing name', async() => {
    api.reset();
    const body = { metadata: { name: 'c1', namespace: 'fleet-default' }, spec: { rkeConfig: { registries: { mirrors: {}, configs: {} } } } };
    const created = await send('POST', '/v1/provisioning.cattle.io.clusters', body);
    expect(created.status).toBe(201);
    expect(created.body.id).toBe('fleet-default/c1');
    expect(created.body.metadata.resourceVersion).toMatch(/^\d+$/);
    expect((await send('POST', '/v1/provisioning.cattle.io.clusters', body)).status).toBe(409);
  });

  it('logs a request it has no fixture for and answers it with an empty collection', async() => {
    const r = await get('/v1/example.io.widgets?exclude=metadata.managedFields');
    expect(r.data).toEqual([]);
    expect(api.unknown).toContain('GET /v1/example.io.widgets?exclude=metadata.managedFields');
    expect(logged.some((l) => l.includes('/v1/example.io.widgets'))).toBe(true);
  });

  it('serves the global system-default-registry setting as set', async() => {
    api.setSetting('system-default-registry', 'registry.example.com');
    const s = await get('/v1/management.cattle.io.settings/system-default-registry');
    expect(s.value).toBe('registry.example.com');
  });
});

// A stand-in for the Rancher API, enough for the dashboard to show Cluster Management and
// an RKE2/K3s cluster's create/edit/view page as a logged-in admin. Rancher itself cannot
// run here; the dev server (`API=http://127.0.0.1:<port> npm run dev`) or the static
// dashboard server (test/rancher/serve-dist.mjs) proxies the API paths to this server.
//
// - Responses come from the JSON fixtures in ./fixtures and the sample clusters in
//   assets/samples (as provisioning clusters in fleet-default, with overlay.json's extra
//   fields, and a management cluster each).
// - Steve (/v1) and Norman (/v3) collections and resources in the shapes Rancher uses.
// - Every write (POST/PUT/PATCH/DELETE) is recorded for the tests and answered as Rancher
//   does: the saved object back, with a new metadata.resourceVersion.
// - A request it has no answer for is logged and answered with an empty collection
//   (GET) so the page carries on; `unknown` lists them.
// - Websocket subscriptions (/v1/subscribe, /v3/subscribe) are accepted and kept quiet.
//
// Test controls (not under a proxied path): GET /__standin/writes, /__standin/unknown,
// POST /__standin/reset, PUT /__standin/setting/<id> (body: the value as text).
//
//   node test/rancher-api/server.mjs [--port 8989]
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const fixture = (name) => JSON.parse(readFileSync(join(HERE, 'fixtures', name), 'utf8'));

/** deep merge of plain objects (overlay wins; arrays replaced) */
function merge(base, extra) {
  if (!isObj(base) || !isObj(extra)) return structuredClone(extra);
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) out[k] = k in base ? merge(base[k], v) : structuredClone(v);
  return out;
}
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseTypes() {
  const t = fixture('types.json');
  const steve = {};
  for (const [id, spec] of Object.entries(t.steve)) {
    const [gv, kind, resource, ns] = spec.split(' ');
    const [group, version] = gv.split('/');
    steve[id] = { group, version, kind, resource, namespaced: ns === 'namespaced' };
  }
  const norman = {};
  for (const [id, spec] of Object.entries(t.norman)) {
    const [kind, plural] = spec.split(' ');
    norman[id] = { kind, plural };
  }
  return { steve, norman };
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export class RancherApi {
  constructor({ log = (m) => process.stderr.write(`[rancher-api] ${m}\n`) } = {}) {
    this.log = log;
    this.types = parseTypes();
    this.sockets = new Set();
    this.reset();
  }

  /** fresh state from the fixtures: collections, writes and unknown requests */
  reset() {
    this.rv = 1000;
    this.writes = [];
    this.unknown = [];
    this.store = new Map(); // steve type -> Map(id -> object)
    for (const id of Object.keys(this.types.steve)) this.store.set(id, new Map());
    this.seed();
  }

  nextRv() { return String(++this.rv); }

  /** a global setting's value (as an admin would set it under Global Settings) */
  setSetting(id, value) {
    const s = this.store.get('management.cattle.io.setting').get(id);
    if (!s) throw new Error(`no setting ${id} in the fixtures`);
    s.value = value;
    return s;
  }

  /** one of the admin's preferences (theme: 'ui-light' | 'ui-dark'), stored JSON-encoded as Rancher does */
  setPreference(key, value) {
    const u = this.store.get('userpreference').get('user-admin');
    u.data[key] = JSON.stringify(value);
    return u;
  }

  put(type, obj) {
    const ns = obj.metadata?.namespace;
    const id = ns ? `${ns}/${obj.metadata.name}` : obj.metadata.name;
    const full = this.decorate(type, { ...obj, id });
    this.store.get(type).set(id, full);
    return full;
  }

  decorate(type, obj) {
    const t = this.types.steve[type];
    const self = `/v1/${type}s/${obj.id}`;
    obj.type = type;
    obj.apiVersion ??= t.group ? `${t.group}/${t.version}` : t.version;
    obj.kind ??= t.kind;
    obj.links = { self, update: self, remove: self, view: `/api${t.group ? `s/${t.group}` : ''}/${t.version}/${obj.metadata?.namespace ? `namespaces/${obj.metadata.namespace}/` : ''}${t.resource}/${obj.metadata?.name}` };
    // a chart repository's links: its index and a chart version's info (values, questions)
    if (type === 'catalog.cattle.io.clusterrepo') Object.assign(obj.links, { index: `${self}?link=index`, info: `${self}?link=info` });
    // Steve adds the state it computes from the conditions; the fixtures are all healthy
    obj.metadata = {
      creationTimestamp: '2026-11-20T09:00:00Z', resourceVersion: this.nextRv(), uid: uid(obj.id), state: { name: 'active', error: false, transitioning: false, message: '' }, ...obj.metadata,
    };
    return obj;
  }

  seed() {
    const S = (type, obj) => this.put(type, obj);
    for (const s of fixture('settings.json')) {
      S('management.cattle.io.setting', { metadata: { name: s.id }, value: s.value, default: s.default, customized: false, source: '' });
    }
    for (const ns of ['default', 'fleet-default', 'fleet-local', 'cattle-system', 'local']) {
      S('namespace', { metadata: { name: ns }, spec: {}, status: { phase: 'Active' } });
    }
    for (const ws of ['fleet-default', 'fleet-local']) S('management.cattle.io.fleetworkspace', { metadata: { name: ws } });
    for (const f of ['multi-cluster-management', 'rke2', 'embedded-cluster-api', 'fleet', 'provisioningv2', 'ui-extension', 'token-hashing']) {
      S('management.cattle.io.feature', { metadata: { name: f }, spec: { value: null }, status: { default: true, dynamic: false, lockedValue: null, description: f } });
    }
    const user = fixture('user.json');
    S('userpreference', { metadata: { name: user.user.id }, data: { ...user.preferences } });
    S('management.cattle.io.user', { metadata: { name: user.user.id }, username: user.user.username, displayName: user.user.name, principalIds: user.user.principalIds });
    for (const s of fixture('secrets.json')) {
      S('secret', { metadata: { name: s.name, namespace: s.namespace, annotations: s.annotations ?? {} }, _type: s.type, data: {} });
    }
    S('management.cattle.io.cluster', mgmtCluster('local', 'local', 'k3s', 'v1.33.5+k3s1'));

    // the repository of RKE2's add-on charts (the cluster page reads the CNI chart's info)
    S('catalog.cattle.io.clusterrepo', {
      metadata: { name: 'rancher-rke2-charts' }, spec: { gitRepo: 'https://git.rancher.io/rke2-charts', gitBranch: 'main' },
      status: { conditions: [{ type: 'Downloaded', status: 'True' }], observedGeneration: 1 },
    });

    const overlay = fixture('overlay.json');
    const samples = readdirSync(join(ROOT, 'assets/samples')).filter((f) => f.endsWith('.yaml')).sort();
    samples.forEach((f, i) => {
      const doc = yaml.load(readFileSync(join(ROOT, 'assets/samples', f), 'utf8'));
      const key = `${doc.metadata.namespace}/${doc.metadata.name}`;
      const clusterName = `c-m-${(i + 1).toString().padStart(2, '0')}${doc.metadata.name.replace(/[^a-z0-9]/g, '').slice(0, 6)}`;
      const k8s = doc.spec.kubernetesVersion;
      const obj = merge(merge(doc, CREATED_BY_RANCHER), overlay[key] ?? {});
      obj.status = {
        clusterName, ready: true, observedGeneration: 1, fleetWorkspaceName: 'fleet-default',
        conditions: [{ type: 'Ready', status: 'True' }, { type: 'Provisioned', status: 'True' }, { type: 'Updated', status: 'True' }],
      };
      S('provisioning.cattle.io.cluster', obj);
      S('management.cattle.io.cluster', mgmtCluster(clusterName, doc.metadata.name, k8s.includes('k3s') ? 'k3s' : 'rke2', k8s));
    });
    this.counts();
  }

  counts() {
    const counts = {};
    for (const [type, m] of this.store) {
      if (type === 'count') continue;
      counts[type] = { summary: { count: m.size }, namespaces: {} };
    }
    this.store.get('count').set('count', { id: 'count', type: 'count', metadata: { name: 'count' }, counts });
  }

  // ---- HTTP -------------------------------------------------------------------------------

  async handle(req, res) {
    const url = new URL(req.url, 'http://x');
    // a downstream cluster's Steve API (/k8s/clusters/<id>/v1/...) answers from the same store
    const p = url.pathname.replace(/\/+$/, '').replace(/^\/k8s\/clusters\/[^/]+(?=\/v1(\/|$))/, '') || '/';
    const body = ['POST', 'PUT', 'PATCH'].includes(req.method) ? await readBody(req) : undefined;
    const send = (status, data, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };

    if (p.startsWith('/__standin/')) return this.control(req, p, body, send);

    const v = fixture('version.json');
    if (p === '/rancherversion') return send(200, v.rancherversion);
    if (p === '/version') return send(200, v.version);
    if (p === '/v1/uiplugins') return send(200, { apiVersion: 'v1', kind: 'UIPluginList', entries: {} });

    const rel = fixture('releases.json');
    for (const k of ['rke2', 'k3s']) {
      if (p === `/v1-${k}-release/releases`) return send(200, releases(k, rel[k], k === 'rke2' ? rel.rke2Charts : {}));
      if (p === `/v1-${k}-release/channels`) return send(200, channels(k, rel.channels[k]));
    }
    const user = fixture('user.json');
    if (p === '/v3-public/authProviders' || p === '/v1-public/authproviders') {
      return send(200, normanCollection('authProvider', user.authProviders));
    }
    if (p.startsWith('/v1-public')) return this.unknownReq(req, send, {});
    if (p === '/v3/users' && url.searchParams.get('me') === 'true') return send(200, normanCollection('user', [normanUser(user.user)]));
    if (p === '/v3/principals') return send(200, normanCollection('principal', [user.principal]));
    if (p === '/v3/principals/local:%2F%2Fuser-admin' || p === '/v3/principals/local://user-admin') return send(200, user.principal);
    if (p === '/v1/ext.cattle.io.selfusers' && req.method === 'POST') {
      return send(201, { apiVersion: 'ext.cattle.io/v1', kind: 'SelfUser', status: { userID: user.user.id } });
    }

    if (p === '/v1/schemas' || p === '/v1') return send(200, this.steveSchemas());
    if (p.startsWith('/v1/schemas/')) {
      const s = this.steveSchemas().data.find((x) => x.id === decodeURIComponent(p.slice(12)));
      return s ? send(200, s) : this.unknownReq(req, send);
    }
    if (p === '/v3/schemas' || p === '/v3') return send(200, this.normanSchemas());
    if (p.startsWith('/v3/schemas/')) {
      const s = this.normanSchemas().data.find((x) => x.id === p.slice(12));
      return s ? send(200, s) : this.unknownReq(req, send);
    }

    // Norman: what the pages read from /v3 (the admin's own things); writes are recorded
    const norman = /^\/v3\/([a-zA-Z]+?)s?(?:\/(.+))?$/.exec(p);
    if (norman && this.types.norman[norman[1]]) {
      if (req.method === 'GET') {
        if (norman[1] === 'setting') {
          const settings = [...this.store.get('management.cattle.io.setting').values()]
            .map((s) => ({ id: s.id, type: 'setting', name: s.id, value: s.value, default: s.default, links: { self: `/v3/settings/${s.id}` } }));
          if (norman[2]) {
            const s = settings.find((x) => x.id === norman[2]);
            return s ? send(200, s) : send(404, notFound(norman[2]));
          }
          return send(200, normanCollection('setting', settings));
        }
        if (norman[1] === 'user') return send(200, normanCollection('user', [normanUser(user.user)]));
        return send(200, normanCollection(norman[1], []));
      }
      return this.recordWrite(req, p, body, send, body ? { ...body, id: body.id ?? `${norman[1]}-standin` } : {});
    }

    const steve = /^\/v1\/([^/]+?)s(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(p);
    if (steve) {
      const [, type, a, b] = steve;
      const coll = this.store.get(type);
      const id = b ? `${a}/${b}` : a;
      if (!coll) {
        if (req.method === 'GET' && !a) return this.unknownReq(req, send, steveCollection(type, []));
        return this.unknownReq(req, send);
      }
      if (req.method === 'GET') {
        if (!a) return send(200, steveCollection(type, [...coll.values()], this.rv));
        if (!b && this.types.steve[type].namespaced) {
          return send(200, steveCollection(type, [...coll.values()].filter((o) => o.metadata.namespace === a), this.rv));
        }
        const o = coll.get(id);
        if (o && type === 'catalog.cattle.io.clusterrepo' && url.searchParams.get('link') === 'info') {
          const chart = { name: url.searchParams.get('chartName'), version: url.searchParams.get('version'), apiVersion: 'v2' };
          return send(200, { chart, values: {}, questions: { questions: [] }, readme: '', appReadme: '' });
        }
        if (o && type === 'catalog.cattle.io.clusterrepo' && url.searchParams.get('link') === 'index') return send(200, { apiVersion: 'v1', entries: {} });
        return o ? send(200, o) : send(404, notFound(id));
      }
      if (req.method === 'DELETE') {
        this.writes.push({ method: 'DELETE', path: p, body: null });
        const o = coll.get(id);
        coll.delete(id);
        return o ? send(200, o) : send(404, notFound(id));
      }
      if (req.method === 'POST' && !b && !(a && this.types.steve[type].namespaced)) {
        const obj = structuredClone(body ?? {});
        obj.metadata = { ...(obj.metadata ?? {}) };
        if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = `${obj.metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
        delete obj.metadata.resourceVersion;
        if (coll.has(obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name)) {
          this.writes.push({ method: 'POST', path: p, body });
          return send(409, { type: 'error', status: 409, code: 'AlreadyExists', message: `${type} "${obj.metadata.name}" already exists` });
        }
        delete obj.id; delete obj.links;
        const saved = this.put(type, obj);
        this.writes.push({ method: 'POST', path: p, body, resourceVersion: saved.metadata.resourceVersion });
        this.counts();
        return send(201, saved);
      }
      if (req.method === 'PUT' || req.method === 'PATCH') {
        const cur = coll.get(id);
        if (!cur) { this.writes.push({ method: req.method, path: p, body }); return send(404, notFound(id)); }
        const sent = body ?? {};
        if (req.method === 'PUT' && type !== 'userpreference' && sent.metadata?.resourceVersion && sent.metadata.resourceVersion !== cur.metadata.resourceVersion) {
          this.writes.push({ method: 'PUT', path: p, body, conflict: true });
          return send(409, { type: 'error', status: 409, code: 'Conflict', message: `the object has been modified; please apply your changes to the latest version and try again` });
        }
        const next = req.method === 'PUT' ? structuredClone(sent) : merge(cur, sent);
        next.metadata = { ...(next.metadata ?? {}) };
        delete next.metadata.resourceVersion;
        delete next.links;
        if (req.method === 'PUT' && cur.status && !next.status) next.status = cur.status;
        const saved = this.decorate(type, { ...next, id });
        saved.metadata.resourceVersion = this.nextRv();
        coll.set(id, saved);
        this.writes.push({ method: req.method, path: p, body, resourceVersion: saved.metadata.resourceVersion });
        return send(200, saved);
      }
    }
    return this.unknownReq(req, send);
  }

  recordWrite(req, p, body, send, answer) {
    this.writes.push({ method: req.method, path: p, body });
    return send(req.method === 'POST' ? 201 : 200, answer);
  }

  unknownReq(req, send, answer) {
    const line = `${req.method} ${req.url}`;
    this.unknown.push(line);
    this.log(`unknown request: ${line}`);
    if (answer) return send(200, answer);
    if (req.method === 'GET') return send(200, { type: 'collection', data: [] });
    this.writes.push({ method: req.method, path: req.url, body: null, unknown: true });
    return send(404, notFound(req.url));
  }

  control(req, p, body, send) {
    if (p === '/__standin/writes') return send(200, this.writes);
    if (p === '/__standin/unknown') return send(200, this.unknown);
    if (p === '/__standin/reset' && req.method === 'POST') { this.reset(); return send(200, { ok: true }); }
    const m = /^\/__standin\/(setting|preference)\/(.+)$/.exec(p);
    if (m && req.method === 'PUT') {
      const value = typeof body === 'string' ? body : String(body ?? '');
      try {
        return send(200, m[1] === 'setting' ? this.setSetting(m[2], value) : this.setPreference(m[2], value));
      } catch (e) {
        return send(404, notFound(e.message));
      }
    }
    return send(404, notFound(p));
  }

  steveSchemas() {
    const data = Object.entries(this.types.steve).map(([id, t]) => ({
      id, type: 'schema', pluralName: `${id}s`,
      links: { self: `/v1/schemas/${id}`, collection: `/v1/${id}s` },
      collectionMethods: ['GET', 'POST'], resourceMethods: ['GET', 'DELETE', 'PUT', 'PATCH'],
      resourceFields: {},
      attributes: { group: t.group, version: t.version, kind: t.kind, namespaced: t.namespaced, resource: t.resource, verbs: VERBS },
    }));
    return { type: 'collection', resourceType: 'schema', links: { self: '/v1/schemas' }, revision: String(this.rv), data };
  }

  normanSchemas() {
    const data = Object.entries(this.types.norman).map(([id, t]) => ({
      id, type: 'schema', pluralName: t.plural,
      links: { self: `/v3/schemas/${id}`, collection: `/v3/${t.plural}` },
      collectionMethods: ['GET', 'POST'], resourceMethods: ['GET', 'DELETE', 'PUT'], resourceFields: {},
    }));
    return { type: 'collection', resourceType: 'schema', links: { self: '/v3/schemas' }, data };
  }

  /** http.Server with websocket subscriptions accepted and kept open */
  listen(port = 0, host = '127.0.0.1') {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        this.log(`error answering ${req.method} ${req.url}: ${e.stack}`);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', status: 500, message: String(e.message) }));
      });
    });
    this.attachWebsockets(server);
    return new Promise((resolve) => server.listen(port, host, () => {
      this.server = server;
      resolve(`http://${host}:${server.address().port}`);
    }));
  }

  /** accepts the dashboard's websocket subscriptions and keeps them open, quiet */
  attachWebsockets(server) {
    server.on('upgrade', (req, socket) => {
      const key = req.headers['sec-websocket-key'];
      if (!key || !/^(\/k8s\/clusters\/[^/]+)?\/v[13]\/subscribe/.test(req.url)) { socket.destroy(); return; }
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      this.sockets.add(socket);
      socket.on('data', () => {});
      socket.on('error', () => {});
      socket.on('end', () => socket.destroy());
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** ends the websockets: the HTTP server's close waits for them, and they no longer belong to it */
  closeSockets() {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  close() {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.closeSockets();
      this.server.closeAllConnections?.();
      this.server.close(() => resolve());
    });
  }
}

function mgmtCluster(id, displayName, provider, k8s) {
  return {
    metadata: { name: id, labels: { 'provider.cattle.io': provider } },
    spec: { displayName, fleetWorkspaceName: id === 'local' ? 'fleet-local' : 'fleet-default', internal: id === 'local' },
    status: {
      provider, driver: id === 'local' ? 'k3s' : 'imported',
      version: { gitVersion: k8s },
      conditions: [{ type: 'Ready', status: 'True' }, { type: 'Connected', status: 'True' }],
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      nodeCount: 1,
    },
  };
}

function steveCollection(type, data, revision = 1) {
  return { type: 'collection', links: { self: `/v1/${type}s` }, createTypes: { [type]: `/v1/${type}s` }, actions: {}, resourceType: type, revision: String(revision), count: data.length, data };
}

function normanCollection(type, data) {
  return { type: 'collection', resourceType: type, links: { self: `/v3/${type}s` }, createTypes: {}, actions: {}, pagination: { limit: 1000, total: data.length }, sort: {}, filters: {}, data };
}

function normanUser(u) {
  return { ...u, links: { self: `/v3/users/${u.id}` }, actions: { setpassword: `/v3/users/${u.id}?action=setpassword` } };
}

function releases(kind, versions, charts) {
  const chartRefs = Object.fromEntries(Object.entries(charts).map(([name, version]) => [name, { repo: 'rancher-rke2-charts', version }]));
  return {
    type: 'collection', resourceType: 'release', links: { self: `/v1-${kind}-release/releases` },
    data: versions.map((v) => ({ id: v, type: 'release', version: v, minChannelServerVersion: 'v2.10.0-alpha1', maxChannelServerVersion: 'v2.13.99', serverArgs: {}, agentArgs: {}, charts: chartRefs, featureVersions: {} })),
  };
}

/** what every cluster Rancher's UI created carries (the upgrade tab reads the drain options) */
const DRAIN = {
  enabled: false, force: false, ignoreDaemonSets: true, ignoreErrors: false, deleteEmptyDirData: true, disableEviction: false, gracePeriod: -1, timeout: 120, skipWaitForDeleteTimeoutSeconds: 0,
};
const CREATED_BY_RANCHER = { spec: { rkeConfig: { upgradeStrategy: { controlPlaneDrainOptions: DRAIN, workerDrainOptions: DRAIN } } } };

function channels(kind, ch) {
  return {
    type: 'collection', resourceType: 'channels', links: { self: `/v1-${kind}-release/channels` },
    data: Object.entries(ch).map(([name, latest]) => ({ id: name, type: 'channel', name, latest })),
  };
}

const notFound = (what) => ({ type: 'error', status: 404, code: 'NotFound', message: `${what} not found` });
const uid = (s) => createHash('sha1').update(s).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5');

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve(undefined);
      try { resolve(JSON.parse(text)); } catch { resolve(text); }
    });
    req.on('error', reject);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT || 8989);
  const api = new RancherApi();
  const url = await api.listen(port);
  console.log(`stand-in Rancher API on ${url} (API=${url} npm run dev)`);
}

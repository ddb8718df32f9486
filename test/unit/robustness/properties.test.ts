// Property-based tests over the engine: whatever an admin pastes (random YAML
// text, registry objects full of wrong types, unicode, long strings, nesting),
// the engine answers with findings, never with an exception; it does not mutate
// its input, it is deterministic, its findings are the documented ones, and it
// never echoes a credential.
//
// Every property runs with a fixed seed, so a run is reproducible. On failure
// fast-check prints the seed and the shrunk counterexample; rerun one with
//   FC_SEED=<seed> npx vitest run test/unit/robustness/properties.test.ts -t '<name>'
// and search wider with FC_RUNS=<multiplier> (e.g. FC_RUNS=20 with a new FC_SEED).
import fc from 'fast-check';
import { toYaml } from '../../../src/features/registries-yaml';
import { describe, expect, it } from 'vitest';
import {
  compile,
  compilePattern,
  applyRewrites,
  FINDING_CODES,
  parseReference,
  parseYaml,
  resolveRoute,
  settingsFromCluster,
  settingsFromNodeValue,
  type Compiled,
  type Finding,
  type Route,
} from '../../../src';
import { stillUsable } from './pipeline';

const SEED = process.env.FC_SEED !== undefined && process.env.FC_SEED !== '' ? Number(process.env.FC_SEED) : 20261123;
const RUNS = Math.max(1, Number(process.env.FC_RUNS ?? 1));

/** fc.assert with the fixed (or FC_SEED) seed; the failure says how to replay it. */
function assertProperty<T>(name: string, prop: fc.IProperty<T>, numRuns: number): void {
  try {
    fc.assert(prop, { seed: SEED, numRuns: numRuns * RUNS });
  } catch (e) {
    (e as Error).message += `\n\nReplay: FC_SEED=${SEED} npx vitest run test/unit/robustness/properties.test.ts -t '${name}'`;
    throw e;
  }
}

// ------------------------------------------------------------------ arbitraries

/** Strings admins really paste, and strings made to hurt. */
const HOSTILE_STRINGS = [
  '', ' ', '\t', '\n', '\u0000', '\uFEFF', '\u200b', '\u202e', '\u00a0', '~', 'null', 'true', 'yes', 'no', '0x1F', '1e999', '2024-01-01',
  '*', '_default', '..', '../../x', '/', '//', ':', '@', '#', '?', '%', '%zz', '"', "'", '\\', '\\u0041', '${1}', '$1', '<<',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf',
  'docker.io', 'registry-1.docker.io', 'index.docker.io', 'quay.io', 'localhost', 'localhost:5000', '127.0.0.1:5000', '[::1]:5000', 'r.example.com:99999',
  'https://mirror.example.com', 'http://mirror.example.com:5000/v2', 'https://mirror.example.com/prefix/', 'mirror.example.com:5000', 'https://[::1', 'https://зеркало.example.com',
  'javascript:alert(1)', 'javascript://x.example.com/%0aalert(1)', 'file:///etc/passwd', 'data:text/html,<b>',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>',
  '(a+)+$', '^(?=library)(.*)$', '^library/(.*)$', '^(.*)$', '\\d+', '[z-a]', 'x{1001}', 'a{1000}{1000}',
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t',
  'v1.31.6+rke2r1', 'v1.32.2+k3s1', 'v1.25.0+rke2r1', 'v9.99.99', 'v1.31.6+<script>',
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'a:', ' ', '/', '@', '9'), fc.integer({ min: 200, max: 3000 })).map(([u, n]) => u.repeat(n)) },
);

/** Any JSON-ish value, hostile strings included, with bounded nesting. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, anyValue);

const mirrorArb = maybe(
  fc.record(
    {
      endpoint: maybe(fc.array(maybe(hostileString), { maxLength: 5 })),
      rewrite: maybe(fc.dictionary(hostileString, maybe(hostileString), { maxKeys: 4 })),
      extra: anyValue,
    },
    { requiredKeys: [] },
  ),
);

const nodeConfigArb = maybe(
  fc.record(
    {
      auth: maybe(fc.record({ username: maybe(hostileString), password: maybe(hostileString), auth: maybe(hostileString), identity_token: maybe(hostileString), token: anyValue }, { requiredKeys: [] })),
      tls: maybe(fc.record({ ca_file: maybe(hostileString), cert_file: maybe(hostileString), key_file: maybe(hostileString), insecure_skip_verify: anyValue }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  ),
);

const clusterConfigArb = maybe(
  fc.record(
    { authConfigSecretName: maybe(hostileString), tlsSecretName: maybe(hostileString), caBundle: maybe(hostileString), insecureSkipVerify: anyValue },
    { requiredKeys: [] },
  ),
);

const nodeRegistriesArb = maybe(
  fc.record(
    { mirrors: maybe(fc.dictionary(hostileString, mirrorArb, { maxKeys: 5 })), configs: maybe(fc.dictionary(hostileString, nodeConfigArb, { maxKeys: 4 })), other: anyValue },
    { requiredKeys: [] },
  ),
);

const clusterArb = maybe(
  fc.record(
    {
      apiVersion: maybe(fc.constant('provisioning.cattle.io/v1')),
      kind: maybe(fc.constant('Cluster')),
      metadata: anyValue,
      spec: maybe(
        fc.record(
          {
            kubernetesVersion: maybe(hostileString),
            rkeConfig: maybe(
              fc.record(
                {
                  machineGlobalConfig: maybe(fc.dictionary(fc.constantFrom('system-default-registry', 'disable-default-registry-endpoint', 'embedded-registry', 'x'), anyValue, { maxKeys: 3 })),
                  machineSelectorConfig: maybe(fc.array(maybe(fc.record({ config: anyValue, machineLabelSelector: anyValue }, { requiredKeys: [] })), { maxLength: 3 })),
                  registries: maybe(fc.record({ mirrors: maybe(fc.dictionary(hostileString, mirrorArb, { maxKeys: 5 })), configs: maybe(fc.dictionary(hostileString, clusterConfigArb, { maxKeys: 4 })) }, { requiredKeys: [] })),
                },
                { requiredKeys: [] },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);

/** Images: valid ones, near misses and garbage. */
const imageArb = fc.oneof(
  fc.constantFrom('nginx', 'library/nginx:1.27', 'docker.io/rancher/rancher-agent:v2.13.0', 'quay.io/a/b:1', 'localhost:5000/x', `r.example.com:5000/a@sha256:${'c'.repeat(64)}`, '[::1]:5000/a', 'Registry.Example.COM/a'),
  hostileString,
  fc.stringMatching(/^[a-z0-9]{1,8}(\.[a-z]{2,5})?(:[0-9]{1,5})?\/[a-z0-9._-]{1,20}(:[A-Za-z0-9_.-]{1,10})?$/),
);

// ------------------------------------------------------------------ checks

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Reflect.ownKeys(v as object)) deepFreeze((v as Record<string | symbol, unknown>)[k]);
  }
  return v;
}

function findingProblems(findings: Finding[]): string[] {
  const out: string[] = [];
  for (const f of findings) {
    const known = FINDING_CODES[f.code];
    if (!known) out.push(`unknown code ${f.code}`);
    else if (known.severity !== f.severity) out.push(`${f.code}: severity ${f.severity}, documented ${known.severity}`);
    if (typeof f.message !== 'string' || f.message === '' || typeof f.fix !== 'string' || f.fix === '') out.push(`${f.code}: empty message or fix`);
    if (!Array.isArray(f.path) || f.path.some((p) => typeof p !== 'string' && typeof p !== 'number')) out.push(`${f.code}: path ${JSON.stringify(f.path)} is not a list of strings and numbers`);
  }
  return out;
}

const IMAGES = ['nginx', 'quay.io/a/b:1', 'localhost:5000/x:1', `r.example.com:5000/a@sha256:${'c'.repeat(64)}`];

/** The CLI path on a parsed value; throws whatever the engine throws. */
function pipeline(value: unknown, images = IMAGES, system = false): { compiled: Compiled; routes: Route[]; findings: Finding[] } {
  const cluster = !!value && typeof value === 'object' && ((value as { kind?: unknown }).kind === 'Cluster' || 'spec' in (value as object));
  const s = cluster ? settingsFromCluster(value) : settingsFromNodeValue(value);
  const compiled = compile(s.settings, s.findings);
  const routes = images.map((i) => resolveRoute(compiled, i));
  if (system) routes.push(resolveRoute(compiled, 'rancher/rancher-agent:v2.13.0', { context: 'system' }));
  return { compiled, routes, findings: [...compiled.findings, ...routes.flatMap((r) => r.findings)] };
}

function routeProblems(c: Compiled, routes: Route[]): string[] {
  const out: string[] = [];
  for (const r of routes) {
    if (r.registry === '') {
      if (r.attempts.length !== 0 || !r.findings.some((f) => f.code === 'IMAGE_INVALID')) out.push(`${r.input}: invalid image without IMAGE_INVALID`);
      continue;
    }
    for (const a of r.attempts) if (!/^https?:\/\//.test(a.url)) out.push(`${r.input}: attempt URL ${a.url} is not http(s)`);
    if (!c.profile.legacyCri) {
      const defaults = r.attempts.filter((a) => a.default);
      if (defaults.length > 1) out.push(`${r.input}: ${defaults.length} attempts marked as the registry itself`);
      if (defaults.length === 1 && !r.attempts[r.attempts.length - 1].default) out.push(`${r.input}: the registry itself is not the last attempt`);
    }
  }
  for (const f of c.hostsFiles) {
    if (!f.parsed.ok && !c.findings.some((x) => x.code === 'HOSTS_TOML_UNPARSABLE' && x.path[1] === f.key)) out.push(`certs.d/${f.dir}/hosts.toml does not parse, but no HOSTS_TOML_UNPARSABLE finding names ${f.key}`);
  }
  return out;
}

// ------------------------------------------------------------------ properties

describe('robustness properties (fast-check, seed ' + SEED + ')', () => {
  it('parseYaml never throws on any text, and its errors carry a message and a real position', () => {
    const token = fc.constantFrom(
      'mirrors:', 'configs:', 'docker.io:', '"*":', 'endpoint:', 'rewrite:', 'auth:', 'password: S3cret', '\n', '\n  ', '\n    ', '\r\n', '\t', ' ', '- ', '[', ']', '{', '}', ':', ': ', ',', '"', "'",
      '\\', '#', '&a ', '*a', '&b [*a, *a]', '<<: *a', '---\n', '...\n', '? ', '|', '>-', '!!str ', '!!binary ', '!custom ', '%YAML 1.1\n', '\uFEFF', '\u0085', '\u2028', '~', 'null', 'yes', '0x1F', '1e999',
      '2024-01-01', '__proto__:', 'https://mirror.example.com', '"^library/(.*)$": "x/$1"', '\\x00', '\\u0000', '@', '`', '%',
    );
    const text = fc.oneof(fc.array(token, { maxLength: 60 }).map((t) => t.join('')), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));
    assertProperty(
      'parseYaml never throws',
      fc.property(text, (t) => {
        const r = parseYaml(t);
        if (r.ok) return true;
        expect(typeof r.error).toBe('string');
        expect(r.error.length).toBeGreaterThan(0);
        if (r.line !== undefined) expect(r.line).toBeGreaterThanOrEqual(1);
        return true;
      }),
      1000,
    );
  });

  it('the whole CLI path (parse, settings, compile, routes) never throws on random YAML text', () => {
    const text = nodeRegistriesArb.map((v) => {
      try {
        return toYaml(v);
      } catch {
        return '';
      }
    });
    assertProperty(
      'whole path on random YAML',
      fc.property(text, (t) => {
        const y = parseYaml(t);
        if (!y.ok) return true;
        const { findings } = pipeline(y.value);
        expect(findingProblems(findings)).toEqual([]);
        return true;
      }),
      400,
    );
  }, 60_000);

  it('registry objects of the wrong types (node shape) give documented findings, never an exception, and are not mutated', () => {
    assertProperty(
      'node shape',
      fc.property(nodeRegistriesArb, (v) => {
        const before = JSON.stringify(v);
        const { compiled, routes, findings } = pipeline(deepFreeze(v));
        expect(JSON.stringify(v)).toBe(before);
        expect(findingProblems(findings)).toEqual([]);
        expect(routeProblems(compiled, routes)).toEqual([]);
        return true;
      }),
      800,
    );
  });

  it('Cluster objects of the wrong types give documented findings, never an exception, and are not mutated', () => {
    assertProperty(
      'cluster shape',
      fc.property(clusterArb, (v) => {
        const before = JSON.stringify(v);
        const { compiled, routes, findings } = pipeline(deepFreeze(v), IMAGES, true);
        expect(JSON.stringify(v)).toBe(before);
        expect(findingProblems(findings)).toEqual([]);
        expect(routeProblems(compiled, routes)).toEqual([]);
        return true;
      }),
      800,
    );
  });

  it('any value at all (fc.anything) as a node file or a Cluster never throws', () => {
    assertProperty(
      'fc.anything',
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBigInt: true, withDate: true }), (v) => {
        pipeline(v);
        pipeline({ kind: 'Cluster', spec: { rkeConfig: { registries: v, machineGlobalConfig: v } } }, IMAGES, true);
        pipeline({ mirrors: v, configs: v });
        pipeline({ mirrors: { 'docker.io': v }, configs: { 'mirror.example.com': v } });
        return true;
      }),
      300,
    );
  });

  it('compile and resolveRoute are deterministic: the same settings give the same findings, files and routes', () => {
    assertProperty(
      'deterministic',
      fc.property(nodeRegistriesArb, fc.array(imageArb, { maxLength: 3 }), (v, imgs) => {
        const a = pipeline(v, [...IMAGES, ...imgs]);
        const b = pipeline(v, [...IMAGES, ...imgs]);
        const snap = (p: typeof a) => JSON.stringify({ f: p.compiled.findings, h: p.compiled.hostsFiles.map((x) => [x.dir, x.text]), r: p.routes });
        expect(snap(b)).toBe(snap(a));
        return true;
      }),
      150,
    );
  });

  it('the order of mirror and config keys does not change any route or the set of findings', () => {
    const host = fc.constantFrom('docker.io', 'quay.io', 'ghcr.io', 'r.example.com:5000', 'localhost:5000', '*', 'mirror.example.com', 'mirror.example.com:5000');
    const endpoint = fc.constantFrom('https://mirror.example.com', 'mirror.example.com:5000', 'http://localhost:5000', 'https://mirror.example.com/prefix', 'https://r.example.com:5000', 'https://registry-1.docker.io');
    const realistic = fc.record({
      mirrors: fc.dictionary(host, fc.record({ endpoint: fc.array(endpoint, { maxLength: 3 }), rewrite: fc.dictionary(fc.constantFrom('^library/(.*)$', '^(.*)$', '^a/(.*)$'), fc.constantFrom('x/$1', 'hub/$1'), { maxKeys: 2 }) }), { maxKeys: 4 }),
      configs: fc.dictionary(host, fc.record({ tls: fc.record({ ca_file: fc.constant('/etc/ca.pem'), insecure_skip_verify: fc.boolean() }) }), { maxKeys: 3 }),
    });
    const reverse = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    assertProperty(
      'key order',
      fc.property(realistic, (v) => {
        const imgs = [...IMAGES, 'ghcr.io/a/b:1', 'r.example.com:5000/a/b:1', 'library/a:1', 'a/b:1'];
        const a = pipeline(v, imgs);
        const b = pipeline({ mirrors: reverse(v.mirrors), configs: reverse(v.configs) }, imgs);
        const set = (p: typeof a) => p.findings.map((f) => `${f.code} ${JSON.stringify(f.path)}`).sort();
        expect(b.routes.map((r) => r.attempts)).toEqual(a.routes.map((r) => r.attempts));
        expect(set(b)).toEqual(set(a));
        return true;
      }),
      200,
    );
  });

  // one property per place a credential can be pasted, so that each reports its own counterexample
  const secret = fc
    .array(fc.oneof(fc.stringMatching(/^[QZJK0-9]{6,10}$/), fc.constantFrom('@', '/', ':', '#', '?', '%', '!', '$', '&', '+', '=', ';', ',', '%40', '%2F')), { minLength: 1, maxLength: 5 })
    .map((parts) => `S3cret${parts.join('')}`);
  const places: Record<string, (pw: string) => unknown> = {
    'auth.password': (pw) => ({ mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'] } }, configs: { 'mirror.example.com': { auth: { username: 'admin', password: pw } } } }),
    'auth.auth': (pw) => ({ mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'] } }, configs: { 'mirror.example.com': { auth: { auth: pw } } } }),
    'auth.identity_token': (pw) => ({ mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'] } }, configs: { 'mirror.example.com': { auth: { identity_token: pw } } } }),
    'https://user:PASSWORD@host endpoint': (pw) => ({ mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com', `https://admin:${pw}@mirror2.example.com`] } } }),
    'user:PASSWORD@host:port endpoint without scheme': (pw) => ({ mirrors: { 'docker.io': { endpoint: [`admin:${pw}@mirror2.example.com:5000`] } } }),
    'https://TOKEN@host endpoint': (pw) => ({ mirrors: { 'docker.io': { endpoint: [`https://${pw}@mirror2.example.com`] } } }),
    'user:PASSWORD@host mirror key': (pw) => ({ mirrors: { [`admin:${pw}@mirror2.example.com`]: { endpoint: ['https://mirror.example.com'] } } }),
    'https://user:PASSWORD@host configs key': (pw) => ({ configs: { [`https://admin:${pw}@mirror2.example.com`]: { tls: { ca_file: '/etc/ca.pem' } } } }),
    'system-default-registry with user:PASSWORD@': (pw) => ({ kind: 'Cluster', spec: { rkeConfig: { machineGlobalConfig: { 'system-default-registry': `https://admin:${pw}@registry.example.com` } } } }),
  };
  for (const [where, make] of Object.entries(places)) {
    it(`a credential in ${where} is never echoed (findings, hosts.toml, routes)`, () => {
      assertProperty(
        `credential in ${where}`,
        fc.property(secret, (pw) => {
          const { compiled, routes } = pipeline(make(pw), IMAGES, true);
          const shown = [
            ...compiled.findings.map((f) => `${f.message}\n${f.fix}`),
            ...compiled.hostsFiles.map((f) => f.text),
            JSON.stringify(routes.map((r) => ({ ...r, findings: r.findings.map((f) => [f.message, f.fix]) }))),
          ].join('\n');
          // the marker, and every long run of the password's own characters
          const pieces = ['S3cret', ...(pw.match(/[QZJK0-9]{6,}/g) ?? [])];
          expect(pieces.filter((p) => shown.includes(p)), `password ${pw} leaks`).toEqual([]);
          return true;
        }),
        60,
      );
    });
  }

  it('any image string gives a route or IMAGE_INVALID, never an exception; valid references are stable', () => {
    const { settings, findings } = settingsFromNodeValue({ mirrors: { 'docker.io': { endpoint: ['https://mirror.example.com'], rewrite: { '^library/(.*)$': 'hub/$1' } }, '*': { endpoint: ['https://all.example.com'] } } });
    const compiled = compile(settings, findings);
    assertProperty(
      'images',
      fc.property(imageArb, fc.constantFrom<'workload' | 'system'>('workload', 'system'), (img, context) => {
        const r = resolveRoute(compiled, img, { context, systemDefaultRegistry: context === 'system' ? 'registry.example.com' : undefined });
        expect(routeProblems(compiled, [r])).toEqual([]);
        const p = parseReference(img);
        if (p.ok) {
          const again = parseReference(p.ref.name);
          expect(again.ok && again.ref.name).toBe(p.ref.name);
        }
        return true;
      }),
      1000,
    );
  });

  it('rewrite patterns: compiling never throws, and matching stays fast on long repositories (RE2, no backtracking)', () => {
    const piece = fc.constantFrom('(', ')', '(?:', '(?=', '(?P<n>', '+', '*', '?', '+?', '|', '.', '.*', 'a', 'a+', '(a+)+', '(a|aa)+', '[a-z]', '[^/]', '\\d', '\\1', '{2,}', '{1000}', '{1001}', '^', '$', '\\b', '/', 'library');
    const pattern = fc.oneof(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), hostileString);
    const repository = fc.oneof(
      fc.constantFrom('library/nginx', `library/${'a'.repeat(247)}`, `${'a'.repeat(120)}/${'a'.repeat(120)}!`, `${'ab'.repeat(127)}`),
      fc.stringMatching(/^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*){0,3}$/),
    );
    let slowest = 0;
    assertProperty(
      'rewrites',
      fc.property(pattern, fc.constantFrom('x/$1', '$0', '${n}', '$$', ''), repository, (p, repl, repo) => {
        const c = compilePattern(p);
        expect(typeof c.ok).toBe('boolean');
        const t0 = performance.now();
        const r = applyRewrites([[p, repl], ['^(.*)$', 'fallback/$1']], repo);
        const ms = performance.now() - t0;
        slowest = Math.max(slowest, ms);
        expect(typeof r.repository).toBe('string');
        if (!process.env.RR_MUTATION) expect(ms, `pattern ${p} on ${repo.length} chars`).toBeLessThan(250);
        return true;
      }),
      400,
    );
    console.log(`rewrites: slowest single match ${slowest.toFixed(1)} ms`);
  });

  const scalarLike = fc.constantFrom('2024-01-01', '2001-12-14t21:59:43.10-05:00', '1e3', '0x1F', '0o17', '017', '1_000', '12:30:00', '+12', '.inf', '.nan', '~', 'null', 'true', 'True', 'yes', 'no', 'on', 'off', 'y', '<<', '=', '!', '&a', '*a', '- a', '? a', '|', '>', '#x', '"', "'", ' lead', 'trail ', 'a: b', '%TAG');

  it('YAML written by the project writer (toYaml, as the export does) reads back as the node reads it through parseYaml', () => {
    const str = fc.oneof(scalarLike, fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 }));
    const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      // registries files hold strings and booleans only (numbers are read as the text typed, as yaml.v2 does)
      v: fc.oneof({ depthSize: 'small' }, str, fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(str, tie('v'), { maxKeys: 4 })),
    })).v;
    assertProperty(
      'yaml round trip',
      fc.property(fc.dictionary(str, value, { maxKeys: 5 }), (v) => {
        const text = toYaml(v);
        const y = parseYaml(text);
        expect(y.ok, `parse error ${!y.ok && y.error} on\n${text}`).toBe(true);
        // yaml.v2 gives a string field the text of a boolean; only bool fields keep true/false
        const asNode = (x: unknown, key?: string): unknown =>
          typeof x === 'boolean' ? (key === 'insecure_skip_verify' || key === 'insecureSkipVerify' ? x : String(x))
            : Array.isArray(x) ? x.map((i) => asNode(i))
              : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, i]) => [k, asNode(i, k)]))
                : x;
        if (y.ok) expect(y.value, `read back differently:\n${text}`).toEqual(asNode(v));
        return true;
      }),
      500,
    );
  });

  it('a plain scalar typed by hand into a string field is either read as that text or reported at that field, never dropped silently', () => {
    // the node reads registries.yaml with gopkg.in/yaml.v2 into string fields, which keeps the text of any plain scalar
    const plain = fc.oneof(scalarLike.filter((x) => /^[0-9A-Za-z.+:_-]+$/.test(x) && !['~', 'null'].includes(x)), fc.integer().map(String), fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/));
    const fields: Array<[string, (x: string) => string, (c: Compiled, x: string) => boolean, Array<string | number>]> = [
      ['auth.password', (x) => `configs:\n  m.example.com:\n    auth:\n      username: admin\n      password: ${x}\n`, (c) => (c.settings.registries.configs['m.example.com']?.auth as { fields?: string[] } | undefined)?.fields?.includes('password') === true, ['configs', 'm.example.com', 'auth', 'password']],
      ['rewrite replacement', (x) => `mirrors:\n  docker.io:\n    endpoint: ["https://m.example.com"]\n    rewrite:\n      "^(.*)$": ${x}\n`, (c, x) => c.settings.registries.mirrors['docker.io']?.rewrites.some(([, r]) => r === x) === true, ['mirrors', 'docker.io', 'rewrite', '^(.*)$']],
      ['authConfigSecretName', (x) => `kind: Cluster\nspec:\n  rkeConfig:\n    registries:\n      configs:\n        m.example.com:\n          authConfigSecretName: ${x}\n`, (c, x) => JSON.stringify(c.settings.registries.configs['m.example.com']?.auth ?? null).includes(JSON.stringify(x)), ['configs', 'm.example.com', 'authConfigSecretName']],
    ];
    assertProperty(
      'plain scalars in string fields',
      fc.property(plain, fc.constantFrom(...fields), (x, [, text, kept, path]) => {
        const y = parseYaml(text(x));
        expect(y.ok).toBe(true);
        if (!y.ok) return true;
        const { compiled } = pipeline(y.value);
        const reported = compiled.findings.some((f) => f.path.length === path.length && f.path.every((p, i) => String(p) === String(path[i])));
        expect(kept(compiled, x) || reported, `${x} vanished without a finding`).toBe(true);
        return true;
      }),
      300,
    );
  });

  it('after all of the above the engine still routes a fixed configuration exactly as before', () => {
    expect(stillUsable()).toEqual({ ok: true });
  });
});

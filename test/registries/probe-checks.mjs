// `registry-route probe` against the lab's real registries: every status, the
// credentials paths, --all, --secrets, exit codes, and no credential in any output.
import path from 'node:path';
import { readFileSync } from 'node:fs';

export async function probeChecks(ctx) {
  const { lab, cli, report, writeYaml, USER, PASSWORD } = ctx;
  const R = lab.registries;
  const dir = path.join(lab.tmp, 'probe');
  const caPem = readFileSync(lab.pki.ca, 'utf8');
  const b64 = (s) => Buffer.from(s).toString('base64');
  const man = (origin, repo, ref, ns = 'docker.io') => `${origin}/v2/${repo}/manifests/${ref}${ns ? `?ns=${encodeURIComponent(ns)}` : ''}`;
  const tiny = (origin) => man(origin, 'library/tiny', '1');
  const hub = (repo, ref) => `https://registry-1.docker.io/v2/${repo}/manifests/${ref}`;

  let n = 0;
  /**
   * Run `registry-route probe --json` and compare: exit code, per image the
   * [url, status] of each attempt (httpStatus where given), servedBy.
   * @param {string} id
   * @param {{ registries?: any, args?: string[], images: string[], exit: number, expect?: any[], secrets?: any, also?: (r: any, res: any, registriesFile: string) => Promise<string[]> }} c
   */
  async function check(id, { registries, args = [], images, exit, expect, secrets, also }) {
    const d = path.join(dir, `${String(++n).padStart(2, '0')}-${id}`);
    const argv = ['probe', '--json', ...args];
    const registriesFile = registries ? writeYaml(d, 'registries.yaml', registries) : undefined;
    if (registriesFile) argv.push('--registries', registriesFile);
    if (secrets) argv.push('--secrets', writeYaml(d, 'secrets.yaml', secrets));
    const r = await cli([...argv, ...images]);
    const errs = [];
    if (r.code !== exit) errs.push(`exit ${r.code}, expected ${exit}; stderr: ${r.stderr.trim()}`);
    if (`${r.stdout}${r.stderr}`.includes(PASSWORD)) errs.push('the output holds the password');
    let results = null;
    if (expect) {
      try {
        results = JSON.parse(r.stdout);
      } catch {
        errs.push(`stdout is not JSON: ${r.stdout.slice(0, 300)}`);
      }
      if (results) {
        if (results.length !== expect.length) errs.push(`${results.length} results for ${expect.length} images`);
        expect.forEach((want, i) => {
          const got = results[i];
          if (!got) return;
          const gotA = got.attempts.map((a) => [a.url, a.status, a.httpStatus]);
          want.attempts.forEach((w, j) => {
            const g = gotA[j];
            if (!g || g[0] !== w[0] || g[1] !== w[1] || (w[2] !== undefined && g[2] !== w[2])) errs.push(`image ${i} attempt ${j + 1}: got ${JSON.stringify(g ?? null)}, expected ${JSON.stringify(w)}`);
          });
          if (gotA.length !== want.attempts.length) errs.push(`image ${i}: ${gotA.length} attempts, expected ${want.attempts.length}`);
          if (got.servedBy !== want.servedBy) errs.push(`image ${i}: servedBy ${got.servedBy}, expected ${want.servedBy}`);
          for (const a of got.attempts) {
            if (typeof a.ms !== 'number' || a.ms < 0) errs.push(`attempt ${a.url}: ms ${a.ms}`);
            if (a.status !== 'found' && a.status !== 'not-found' && !a.error) errs.push(`attempt ${a.url}: ${a.status} without an error message`);
          }
        });
      }
    }
    if (also) errs.push(...(await also(r, results, registriesFile)));
    report(`probe ${id}`, errs, errs.length ? [`registry-route ${argv.join(' ')} ${images.join(' ')}`, ...r.stdout.trimEnd().split('\n').slice(0, 40)] : []);
  }

  const mirrors = (...endpoints) => ({ mirrors: { 'docker.io': { endpoint: endpoints } } });

  await check('found after a mirror without the image and a dead endpoint', {
    registries: mirrors(R.empty.origin, lab.dead.origin, R.upstream.origin),
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(R.empty.origin), 'not-found', 404], [tiny(lab.dead.origin), 'unreachable', null], [tiny(R.upstream.origin), 'found', 200]], servedBy: tiny(R.upstream.origin) }],
    also: async() => {
      // the registry saw containerd's request: HEAD, the same URI with ?ns=
      const seen = R.upstream.log.filter((e) => e.ua === 'registry-route-probe' && e.uri === '/v2/library/tiny/manifests/1?ns=docker.io');
      return seen.length === 1 && seen[0].method === 'HEAD' ? [] : [`upstream access log: ${JSON.stringify(seen)}`];
    },
  });

  await check('not-found everywhere: exit 1, the registry itself asked last', {
    registries: mirrors(R.empty.origin, R.upstream.origin),
    images: ['missing:1'],
    exit: 1,
    expect: [{ attempts: [[man(R.empty.origin, 'library/missing', '1'), 'not-found', 404], [man(R.upstream.origin, 'library/missing', '1'), 'not-found', 404], [hub('library/missing', '1'), 'unreachable', null]], servedBy: null }],
  });

  await check('timeout: a host that accepts and never answers', {
    registries: mirrors(lab.hole.origin, R.upstream.origin),
    args: ['--timeout', '700'],
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(lab.hole.origin), 'timeout', null], [tiny(R.upstream.origin), 'found', 200]], servedBy: tiny(R.upstream.origin) }],
    also: async(r, res) => {
      const ms = res?.[0]?.attempts[0]?.ms;
      return ms >= 650 && ms < 3000 ? [] : [`timeout after ${ms} ms, expected about 700`];
    },
  });

  await check('tls-error: self-signed CA not configured', {
    registries: mirrors(R.tls.origin),
    images: ['tiny:1'],
    exit: 1,
    expect: [{ attempts: [[tiny(R.tls.origin), 'tls-error', null], [hub('library/tiny', '1'), 'unreachable', null]], servedBy: null }],
  });

  await check('tls-error: a CA that did not sign the certificate', {
    registries: { ...mirrors(R.tls.origin), configs: { [R.tls.host]: { tls: { ca_file: lab.pki.otherCa } } } },
    images: ['tiny:1'],
    exit: 1,
    expect: [{ attempts: [[tiny(R.tls.origin), 'tls-error', null], [hub('library/tiny', '1'), 'unreachable', null]], servedBy: null }],
  });

  await check('found over TLS with configs.tls.ca_file', {
    registries: { ...mirrors(R.tls.origin), configs: { [R.tls.host]: { tls: { ca_file: lab.pki.ca } } } },
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(R.tls.origin), 'found', 200]], servedBy: tiny(R.tls.origin) }],
  });

  await check('found over TLS with insecure_skip_verify', {
    registries: { ...mirrors(R.tls.origin), configs: { [R.tls.host]: { tls: { insecure_skip_verify: true } } } },
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(R.tls.origin), 'found', 200]], servedBy: tiny(R.tls.origin) }],
  });

  const authTls = { tls: { ca_file: lab.pki.ca } };
  await check('unauthorized: htpasswd registry, no credentials', {
    registries: { ...mirrors(R.auth.origin, R.upstream.origin), configs: { [R.auth.host]: authTls } },
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(R.auth.origin), 'unauthorized', 401], [tiny(R.upstream.origin), 'found', 200]], servedBy: tiny(R.upstream.origin) }],
  });

  await check('unauthorized: htpasswd registry, wrong password', {
    registries: { ...mirrors(R.auth.origin), configs: { [R.auth.host]: { ...authTls, auth: { username: USER, password: `${PASSWORD}-wrong` } } } },
    images: ['tiny:1'],
    exit: 1,
    expect: [{ attempts: [[tiny(R.auth.origin), 'unauthorized', 401], [hub('library/tiny', '1'), 'unreachable', null]], servedBy: null }],
    also: async(r) => (`${r.stdout}${r.stderr}`.includes(`${PASSWORD}-wrong`) ? ['the output holds the wrong password'] : []),
  });

  await check('found: htpasswd registry with username and password (basic auth)', {
    registries: { ...mirrors(R.auth.origin), configs: { [R.auth.host]: { ...authTls, auth: { username: USER, password: PASSWORD } } } },
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(R.auth.origin), 'found', 200]], servedBy: tiny(R.auth.origin) }],
  });

  await check('found: htpasswd registry with auth (base64 user:password), text output', {
    registries: { ...mirrors(R.auth.origin), configs: { [R.auth.host]: { ...authTls, auth: { auth: b64(`${USER}:${PASSWORD}`) } } } },
    images: ['tiny:1'],
    exit: 0,
    also: async(_r, _res, file) => {
      const r = await cli(['probe', '--registries', file, 'tiny:1']);
      const errs = [];
      if (r.code !== 0) errs.push(`text mode exit ${r.code}: ${r.stderr}`);
      if (!r.stdout.includes(`served by ${tiny(R.auth.origin)}`)) errs.push(`text output lacks "served by": ${r.stdout}`);
      if (`${r.stdout}${r.stderr}`.includes(PASSWORD) || `${r.stdout}${r.stderr}`.includes(b64(`${USER}:${PASSWORD}`))) errs.push('text output holds the credential');
      return errs;
    },
  });

  const tokenReqs = () => lab.token.requests.length;
  let before = tokenReqs();
  await check('unauthorized: token registry, anonymous token has no access (Bearer flow)', {
    registries: mirrors(R.token.origin),
    images: ['tiny:1'],
    exit: 1,
    expect: [{ attempts: [[tiny(R.token.origin), 'unauthorized', 401], [hub('library/tiny', '1'), 'unreachable', null]], servedBy: null }],
    also: async() => {
      const reqs = lab.token.requests.slice(before);
      return reqs.length === 1 && reqs[0].user === null && reqs[0].scope === 'repository:library/tiny:pull' ? [] : [`token service requests: ${JSON.stringify(reqs)}`];
    },
  });

  before = tokenReqs();
  await check('found: token registry with credentials (Bearer flow, scope from the challenge)', {
    registries: { ...mirrors(R.token.origin), configs: { [R.token.host]: { auth: { username: USER, password: PASSWORD } } } },
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(R.token.origin), 'found', 200]], servedBy: tiny(R.token.origin) }],
    also: async() => {
      const reqs = lab.token.requests.slice(before);
      return reqs.length === 1 && reqs[0].user === USER ? [] : [`token service requests: ${JSON.stringify(reqs)}`];
    },
  });

  await check('unauthorized: token service refuses a wrong password', {
    registries: { ...mirrors(R.token.origin, R.upstream.origin), configs: { [R.token.host]: { auth: { username: USER, password: 'not-the-password' } } } },
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(R.token.origin), 'unauthorized', 401], [tiny(R.upstream.origin), 'found', 200]], servedBy: tiny(R.upstream.origin) }],
    also: async(r) => (`${r.stdout}${r.stderr}`.includes('not-the-password') ? ['the output holds the password'] : []),
  });

  await check('error: plain HTTP to a TLS registry', {
    registries: mirrors(`http://${R.auth.host}`, R.upstream.origin),
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(`http://${R.auth.host}`), 'error'], [tiny(R.upstream.origin), 'found', 200]], servedBy: tiny(R.upstream.origin) }],
    also: async(r, res) => (/https port/.test(res?.[0]?.attempts[0]?.error ?? '') ? [] : [`error text: ${res?.[0]?.attempts[0]?.error}`]),
  });

  await check('error: a redirect off the registry is not followed', {
    registries: mirrors(lab.redirect.origin, R.upstream.origin),
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(lab.redirect.origin), 'error', 307], [tiny(R.upstream.origin), 'found', 200]], servedBy: tiny(R.upstream.origin) }],
    also: async(r, res) => (/not followed/.test(res?.[0]?.attempts[0]?.error ?? '') ? [] : [`error text: ${res?.[0]?.attempts[0]?.error}`]),
  });

  await check('found: pull-through cache of the upstream', {
    registries: mirrors(R.cache.origin),
    images: ['only-up:1'],
    exit: 0,
    expect: [{ attempts: [[man(R.cache.origin, 'library/only-up', '1'), 'found', 200]], servedBy: man(R.cache.origin, 'library/only-up', '1') }],
  });

  await check('--all asks every host; servedBy stays the first that has it', {
    registries: mirrors(R.second.origin, R.upstream.origin, R.empty.origin),
    args: ['--all'],
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(R.second.origin), 'found', 200], [tiny(R.upstream.origin), 'found', 200], [tiny(R.empty.origin), 'not-found', 404], [hub('library/tiny', '1'), 'unreachable', null]], servedBy: tiny(R.second.origin) }],
  });

  const dTiny = lab.img.tinyUp.manifestDigest;
  await check('digest reference: the host with that digest serves, not the one with the same tag', {
    registries: mirrors(R.second.origin, R.upstream.origin),
    images: [`tiny@${dTiny}`],
    exit: 0,
    expect: [{ attempts: [[man(R.second.origin, 'library/tiny', dTiny), 'not-found', 404], [man(R.upstream.origin, 'library/tiny', dTiny), 'found', 200]], servedBy: man(R.upstream.origin, 'library/tiny', dTiny) }],
  });

  await check('override path and a registry of its own (no ?ns= on the registry itself)', {
    registries: { mirrors: { [R.second.host]: { endpoint: [`${R.upstream.origin}/v2/prefix`] } } },
    args: ['--runtime', 'upstream-1.6'],
    images: [`${R.second.host}/library/only-up:1`, `${R.second.host}/team/app:1`],
    exit: 0,
    expect: [
      { attempts: [[`${R.upstream.origin}/v2/prefix/library/only-up/manifests/1?ns=${encodeURIComponent(R.second.host)}`, 'found', 200]], servedBy: `${R.upstream.origin}/v2/prefix/library/only-up/manifests/1?ns=${encodeURIComponent(R.second.host)}` },
      { attempts: [[`${R.upstream.origin}/v2/prefix/team/app/manifests/1?ns=${encodeURIComponent(R.second.host)}`, 'not-found', 404], [man(R.second.origin, 'team/app', '1', ''), 'found', 200]], servedBy: man(R.second.origin, 'team/app', '1', '') },
    ],
  });

  // a Cluster manifest: credentials from the auth-config Secret, the CA from caBundle
  const cluster = {
    apiVersion: 'provisioning.cattle.io/v1', kind: 'Cluster', metadata: { name: 'c1', namespace: 'fleet-default' },
    spec: { kubernetesVersion: 'v1.33.1+rke2r1', rkeConfig: { registries: { mirrors: { 'docker.io': { endpoint: [R.auth.origin] } }, configs: { [R.auth.host]: { authConfigSecretName: 'lab-auth', caBundle: b64(caPem) } } } } },
  };
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'lab-auth', namespace: 'fleet-default' }, type: 'rke.cattle.io/auth-config', data: { username: b64(USER), password: b64(PASSWORD) } };
  await check('Cluster manifest: auth-config Secret from --secrets, CA from caBundle', {
    registries: cluster, secrets: { apiVersion: 'v1', kind: 'List', items: [secret] },
    images: ['tiny:1'],
    exit: 0,
    expect: [{ attempts: [[tiny(R.auth.origin), 'found', 200]], servedBy: tiny(R.auth.origin) }],
  });

  await check('Cluster manifest without --secrets: exit 2 naming the field', {
    registries: cluster,
    images: ['tiny:1'],
    exit: 2,
    also: async(r) => (/authConfigSecretName/.test(r.stderr) && /--secrets/.test(r.stderr) ? [] : [`stderr: ${r.stderr}`]),
  });

  await check('bad input: an invalid image is exit 2', {
    images: ['Not/Valid:tag'],
    exit: 2,
    also: async(r) => (/not a valid image reference/.test(r.stderr) ? [] : [`stderr: ${r.stderr}`]),
  });

  await check('bad input: --timeout must be milliseconds', {
    args: ['--timeout', 'soon'],
    images: ['tiny:1'],
    exit: 2,
    also: async(r) => (/--timeout/.test(r.stderr) ? [] : [`stderr: ${r.stderr}`]),
  });

  await check('two images, one missing: exit 1, each image its own result', {
    registries: mirrors(R.upstream.origin),
    images: ['tiny:1', 'decoy:1'],
    exit: 1,
    expect: [
      { attempts: [[tiny(R.upstream.origin), 'found', 200]], servedBy: tiny(R.upstream.origin) },
      { attempts: [[man(R.upstream.origin, 'library/decoy', '1'), 'not-found', 404], [hub('library/decoy', '1'), 'unreachable', null]], servedBy: null },
    ],
  });
}

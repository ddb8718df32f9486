// The standalone page on the user's own cluster and on links: "Open your cluster" by
// typing, pasting, choosing a file and dropping one; the CLI's own error for bad input;
// "Share link" that carries no credential and reopens the same scenario; nothing is
// sent anywhere; and the page in Chinese with ?locale=zh-hans and the language switch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import YAML from 'yaml';
import { openHarness, readSpec, readYamlPanel, tab, mirrorCard, TAB } from '../lib/harness-page.mjs';
import { L } from '../lib/l10n.mjs';
import { ROOT } from '../lib/paths.mjs';
import * as expect from '../lib/expect.mjs';
import { ensureStandalone, serveStandalone } from '../lib/standalone.mjs';

const PLANTED = 'Pl4nted-Share-Pw-8830';
const PLANTED_B64 = Buffer.from(PLANTED).toString('base64');
const SAMPLE = path.join(ROOT, 'assets', 'samples', 'k3s-rewrites-embedded.yaml');

/** What `registry-route --registries FILE nginx` says about this file on stderr. */
function cliError(name, bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rm-e2e-'));
  const file = path.join(dir, name);

  fs.writeFileSync(file, bytes);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'registry-route.mjs'), '--registries', file, 'nginx'], { encoding: 'utf8' });

  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status === 0) {
    throw new Error(`the CLI accepted ${ name }`);
  }

  return r.stderr.split('\n').find((l) => l.includes(name)).replace(/^registry-route: (error: )?/, '').replace(file, name)
    .trim();
}

/** Every request the page makes from now on (only the page's own server may be asked). */
function recordRequests(page) {
  const seen = [];

  page.on('request', (r) => seen.push({ url: r.url(), method: r.method(), body: r.postData() || '' }));

  return () => {
    const out = seen.filter((r) => new URL(r.url).hostname !== '127.0.0.1' || r.method !== 'GET' || r.body);

    expect.equal(out, [], 'requests that send anything, or go anywhere but the page\'s own server');
  };
}

async function openPanel(page) {
  await page.locator('[data-testid="harness-open-toggle"]').click();
  await expect.visible(page.locator('[data-testid="harness-open-panel"]'), 'the "Open your cluster" panel');
}

/** Share, and return the link and its decoded text (decoded here with zlib: a standard link). */
async function share(page) {
  await page.locator('[data-testid="harness-share"]').click();
  const input = page.locator('[data-testid="harness-share-link"]');

  await expect.visible(input, 'the share link');
  const url = await input.inputValue();

  expect.equal(await page.evaluate(() => window.location.href), url, 'the address bar holds the link');
  const value = new URL(url).hash.replace(/^#cluster=/, '');

  return { url, text: zlib.inflateRawSync(Buffer.from(value, 'base64url')).toString('utf8') };
}

export default [
  {
    name:    'open your cluster: a registries.yaml typed key by key, inline password to a Secret; the share link carries no credential and reopens the scenario',
    timeout: 120_000,
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'empty-new', mode: 'edit' });
      const check = recordRequests(page);

      await openPanel(page);
      const yaml = [
        'mirrors:',
        '  docker.io:',
        '    endpoint:',
        `      - "https://robot:${ PLANTED }@mirror.example.com:5000"`,
        '      - "https://backup.example.com"',
        'configs:',
        '  "backup.example.com":',
        '    auth:',
        '      username: robot',
        `      password: ${ PLANTED }`,
        '',
      ].join('\n');

      await page.locator('[data-testid="harness-open-text"]').click();
      await page.keyboard.type(yaml);
      await page.locator('[data-testid="harness-open-submit"]').click();

      await expect.attr(page.locator('[data-testid="harness-source"]'), 'data-kind', 'node', 'the page says it shows a registries.yaml');
      await expect.poll(async() => expect.equal((await readSpec(page)).mirrors['docker.io'].endpoint, ['https://backup.example.com'], 'the endpoint with a password in its URL is not imported; the other is'));
      const spec = await readSpec(page);
      const secretName = spec.configs['backup.example.com'].authConfigSecretName;

      expect.ok(/^[a-z0-9-]+$/.test(secretName), `config references a Secret by name (${ secretName })`);
      // the endpoint with user:password@ is left out (an import error says so); the auth password went to the Secret
      expect.ok(!JSON.stringify(spec.configs).includes(PLANTED), 'the auth password is not in the configs');
      const secrets = await page.evaluate(() => window.__harness.secrets());

      expect.ok(secrets.some((s) => s.name === secretName), 'the Secret exists in the page\'s store');
      await expect.visible(mirrorCard(page, 'docker.io'), 'the docker.io mirror card');
      expect.ok(!(await tab(page).innerText()).includes(PLANTED), 'the tab shows no password');

      const { url, text } = await share(page);

      expect.ok(!url.includes(PLANTED) && !text.includes(PLANTED) && !text.includes(PLANTED_B64), 'the link carries no password');
      const shared = YAML.parse(text);

      expect.equal(shared.spec.rkeConfig.registries.mirrors['docker.io'].endpoint, ['https://backup.example.com'], 'endpoints in the link: the one with user info was never imported');
      expect.equal(shared.spec.rkeConfig.registries.configs['backup.example.com'].authConfigSecretName, secretName, 'the Secret is referenced by name');
      const notice = await page.locator('[data-testid="harness-share-notice"]').innerText();

      // nothing to strip: the endpoint with user info never reached the spec; the notice still says how Secrets travel
      expect.ok(!notice.includes(L('registryMirrorsHarness.share.userInfo', { count: 1 })) && notice.trim().length > 0 && !notice.includes(PLANTED), `the notice has nothing of user info to report and no password (${ notice })`);
      check();

      // the link opens the same scenario in a fresh page
      const other = await page.context().newPage();

      try {
        await other.goto(url, { waitUntil: 'load' });
        await other.locator(TAB).waitFor({ state: 'visible', timeout: 60_000 });
        await expect.attr(other.locator('[data-testid="harness-source"]'), 'data-kind', 'cluster', 'the link opens as a Cluster');
        await expect.poll(async() => expect.equal(await readSpec(other), shared.spec.rkeConfig.registries, 'the reopened spec is the shared one'));
        expect.equal(await readYamlPanel(other), shared.spec.rkeConfig.registries, 'the YAML panel shows it too');
      } finally {
        await other.close();
      }
    },
  },

  {
    name:    'open your cluster: paste a Cluster manifest (Ctrl+V), choose a file, drop a file',
    timeout: 120_000,
    async fn({ page, harness }) {
      const text = fs.readFileSync(SAMPLE, 'utf8');
      const want = YAML.parse(text).spec.rkeConfig.registries;

      await openHarness(page, harness, { sample: 'empty-new', mode: 'edit' });
      const check = recordRequests(page);

      // paste through the clipboard
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(harness).origin });
      await openPanel(page);
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      await page.locator('[data-testid="harness-open-text"]').focus();
      await page.keyboard.press('Control+V');
      await expect.value(page.locator('[data-testid="harness-open-text"]'), text, 'the pasted manifest');
      await page.keyboard.press('Tab');
      await page.locator('[data-testid="harness-open-submit"]').click();
      await expect.attr(page.locator('[data-testid="harness-source"]'), 'data-kind', 'cluster', 'pasted: a Cluster manifest');
      await expect.poll(async() => expect.equal(await readSpec(page), want, 'spec of the pasted manifest'));

      // choose a file: a registries.yaml
      await page.locator('[data-testid="harness-reload"]').click();
      await openPanel(page);
      await page.locator('[data-testid="harness-open-file"]').setInputFiles({ name: 'registries.yaml', mimeType: 'application/yaml', buffer: Buffer.from('mirrors:\n  quay.io:\n    endpoint: ["https://quay-mirror.example.com"]\n') });
      await expect.text(page.locator('[data-testid="harness-source"]'), 'registries.yaml', 'the file name is shown');
      await expect.poll(async() => expect.equal(await readSpec(page), { mirrors: { 'quay.io': { endpoint: ['https://quay-mirror.example.com'] } }, configs: {} }, 'spec of the chosen file'));

      // drop a file on the panel
      await openPanel(page);
      await page.evaluate((t) => {
        const dt = new DataTransfer();

        dt.items.add(new File([t], 'cluster.yaml', { type: 'application/yaml' }));
        const zone = document.querySelector('[data-testid="harness-open-drop"]');

        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, text);
      await expect.attr(page.locator('[data-testid="harness-source"]'), 'data-kind', 'cluster', 'dropped: a Cluster manifest');
      await expect.poll(async() => expect.equal(await readSpec(page), want, 'spec of the dropped manifest'));
      check();
    },
  },

  {
    name:    'open your cluster: bad input shows the CLI\'s own error and changes nothing; a damaged link too',
    timeout: 90_000,
    async fn({ page, harness }) {
      await openHarness(page, harness, { sample: 'k3s-rewrites-embedded', mode: 'edit' });
      const before = await readSpec(page);

      await openPanel(page);
      const cases = [
        ['bad-indent.yaml', Buffer.from('mirrors:\n  docker.io:\n    endpoint:\n  - https://m.example.com\n   x: 1\n')],
        ['latin1.yaml', Buffer.from([0x6d, 0x69, 0x72, 0x72, 0x6f, 0x72, 0x73, 0x3a, 0x20, 0xe9, 0x0a])],
        ['rke1.yaml', Buffer.from('apiVersion: management.cattle.io/v3\nkind: Cluster\nspec: {}\n')],
      ];

      for (const [name, buffer] of cases) {
        const want = cliError(name, buffer);

        await page.locator('[data-testid="harness-open-file"]').setInputFiles({ name, mimeType: 'application/yaml', buffer });
        await expect.text(page.locator('[data-testid="harness-open-error"]'), want, `the CLI's error for ${ name }`);
        expect.equal(await readSpec(page), before, `nothing changed after ${ name }`);
      }

      // typed text: the error names the pasted text and the line, as the CLI names the file
      await page.locator('[data-testid="harness-open-text"]').click();
      await page.keyboard.type('mirrors: [unclosed\n');
      await page.locator('[data-testid="harness-open-submit"]').click();
      await expect.text(page.locator('[data-testid="harness-open-error"]'), cliError(L('registryMirrorsHarness.open.pasted'), 'mirrors: [unclosed\n'), 'the CLI\'s error for the typed text');
      expect.equal(await readSpec(page), before, 'nothing changed after the typed text');

      // a damaged link
      await page.goto(`${ harness }?sample=empty-new#cluster=AAAA`, { waitUntil: 'load' });
      await expect.text(page.locator('[data-testid="harness-open-error"]'), L('registryMirrorsHarness.open.linkDamaged', { reason: L('registryMirrorsHarness.open.linkReasons.not-deflate') }), 'a damaged link is reported');
    },
  },

  {
    name:    'zh-hans: ?locale=zh-hans shows the page, the tab and the findings in Chinese; the language switch goes back to English',
    timeout: 90_000,
    async fn({ page, harness }) {
      await page.goto(`${ harness }?sample=airgap-rke2-v1.31.6&mode=edit&locale=zh-hans`, { waitUntil: 'load' });
      await page.locator(TAB).waitFor({ state: 'visible', timeout: 60_000 });
      expect.equal(await page.evaluate(() => document.documentElement.lang), 'zh-hans', '<html lang>');
      await expect.text(page.locator('.harness-tab-header'), L('registryMirrors.tab.label', {}, 'zh-hans'), 'the tab heading in Chinese');
      await expect.text(page.locator('[data-testid="harness-share"]'), L('registryMirrorsHarness.share.button', {}, 'zh-hans'), 'the page\'s own button in Chinese');
      // the * mirror of v1.31.6: the engine's finding, worded in Chinese
      const card = tab(page).getByRole('region', { name: L('registryMirrors.mirrors.keyAria', { key: '*' }, 'zh-hans'), exact: true });
      const endpoint = card.getByRole('textbox', { name: L('registryMirrors.endpoints.label', { n: 1 }, 'zh-hans'), exact: true });

      await endpoint.click();
      await endpoint.press('Control+A');
      await page.keyboard.type('http://registry.example.com');
      await expect.poll(async() => expect.equal((await readSpec(page)).mirrors['*'].endpoint, ['http://registry.example.com'], 'the spec follows the typing'));
      await expect.text(card.locator('[data-testid="rm-finding-ENDPOINT_HTTP"]'), L('registryMirrors.finding.ENDPOINT_HTTP.message', { shown: 'http://registry.example.com' }, 'zh-hans'), 'ENDPOINT_HTTP in Chinese');

      await page.getByRole('radio', { name: 'English', exact: true }).check();
      await expect.text(mirrorCard(page, '*').locator('[data-testid="rm-finding-ENDPOINT_HTTP"]'), L('registryMirrors.finding.ENDPOINT_HTTP.message', { shown: 'http://registry.example.com' }), 'ENDPOINT_HTTP in English after the switch');
      await expect.poll(async() => expect.ok(!(await page.evaluate(() => window.location.search)).includes('locale='), 'the URL drops ?locale for English'));
    },
  },

  {
    name:    'standalone build (npm run build:standalone): the static site under a sub-path opens a #cluster= link in Chinese, with no request beyond its own files',
    needs:   ['browser'],
    axe:     false,
    timeout: 400_000,
    async fn({ page }, t) {
      t.note(`dist-standalone: ${ ensureStandalone({ noBuild: process.argv.includes('--no-build') && !process.env.E2E_BUILD_STANDALONE }) }`);
      const site = await serveStandalone();

      try {
        const text = fs.readFileSync(SAMPLE, 'utf8');
        const value = zlib.deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url');
        const check = recordRequests(page);

        await page.goto(`${ site.url }index.html?locale=zh-hans#cluster=${ value }`, { waitUntil: 'load' });
        await page.locator(TAB).waitFor({ state: 'visible', timeout: 60_000 });
        await expect.attr(page.locator('[data-testid="harness-source"]'), 'data-kind', 'cluster', 'the link opens as a Cluster');
        await expect.text(page.locator('.harness-tab-header'), L('registryMirrors.tab.label', {}, 'zh-hans'), 'in Chinese');
        await expect.poll(async() => expect.equal(await readSpec(page), YAML.parse(text).spec.rkeConfig.registries, 'the spec of the link'));
        check();
      } finally {
        await site.stop();
      }
    },
  },
];

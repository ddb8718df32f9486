// Flow: the curl command beside each attempt of the route. Typed image, the
// disclosure opened with the keyboard, the command checked against what the
// route shows (HEAD, containerd's Accept header, the URL, the host's CA file),
// copied with its button, and the spec untouched.
import {
  openHarness, readSpec, expectSpec, routePreview, routeAttempts
} from '../lib/harness-page.mjs';
import { L } from '../lib/l10n.mjs';
import * as expect from '../lib/expect.mjs';

const ACCEPT = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, */*';

export default [
  {
    name: 'flow: curl from a node beside each attempt (keyboard, copy, note where credentials apply)',
    async fn({ page, harness }) {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await openHarness(page, harness, { sample: 'airgap-rke2-v1.31.6', mode: 'edit' });
      const before = await readSpec(page);
      const box = routePreview(page).getByRole('textbox', { name: L('registryMirrors.preview.image'), exact: true });

      await box.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('nginx:1.27');
      const attempts = await routeAttempts(page);

      expect.ok(attempts.length >= 1, `the route of nginx:1.27 has attempts (${ attempts.length })`);
      const first = routePreview(page).locator('[data-testid="rm-route-workload"] [data-testid="rm-route-workload-attempt-0"]');
      const details = first.locator('[data-testid="rm-attempt-curl"]');
      const summary = details.locator('summary');

      await expect.text(summary, L('registryMirrors.preview.curlSummary'), 'the disclosure names what it holds');
      await expect.hidden(details.locator('[data-testid="rm-attempt-curl-command"]'), 'closed until asked for');
      await summary.focus();
      await page.keyboard.press('Enter');
      const cmd = details.locator('[data-testid="rm-attempt-curl-command"]');

      await expect.visible(cmd, 'the curl command after Enter on the disclosure');
      const command = (await cmd.textContent()).trim();
      const url = attempts[0].url;

      expect.ok(command.startsWith('curl -sS -I '), `HEAD, as containerd: ${ command }`);
      expect.ok(command.includes(`'Accept: ${ ACCEPT }'`), 'the Accept header of a containerd manifest request');
      expect.ok(command.endsWith(`'${ url }'`) || command.endsWith(` ${ url }`), `the URL the route shows (${ url })`);
      expect.ok(/--cacert \S*registry\.example\.com\/ca\.crt/.test(command), 'the CA file the node has for this host');
      // this mirror has an auth-config Secret: the command is anonymous and says so
      await expect.text(details.locator('[data-testid="rm-attempt-curl-note"]'), L('registryMirrors.preview.curlAuthNote', { host: 'registry.example.com' }), 'the credentials note');
      expect.ok(!/ -u |--user/.test(command), 'no credential in the command');

      // Tab reaches the copy button; Enter copies
      await page.keyboard.press('Tab');
      const copy = details.locator('[data-testid="rm-attempt-curl-copy"]');

      expect.ok(await copy.evaluate((el) => el === document.activeElement), 'Tab from the disclosure reaches its copy button');
      await page.keyboard.press('Enter');
      await expect.text(copy, L('registryMirrors.preview.curlCopied'), 'the button says it copied');
      expect.equal(await page.evaluate(() => navigator.clipboard.readText()), command, 'the clipboard holds the command');

      await expectSpec(page, (s) => expect.equal(s, before, 'the spec is unchanged by looking at curl commands'));
    },
  },
];

// Debian's Chromium (never a downloaded browser) for the dashboard suite: the e2e suite's
// flags, plus a context that accepts the dev server's self-signed certificate
// (`npm run dev` serves https://127.0.0.1:<port>).
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, VIEWPORT } from '../../e2e/lib/browser.mjs';

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
  const context = await browser.newContext({
    viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC', colorScheme: 'light',
    reducedMotion: 'reduce', ignoreHTTPSErrors: true,
  });
  // The dashboard asks the internet for Rancher's update feed (shell/utils/dynamic-content,
  // https://updates.rancher.io/...); this machine has no internet, as an air-gapped Rancher.
  // Such requests get an empty JSON answer and are listed in `external`.
  const external = [];
  await context.route((url) => !/^(127\.0\.0\.1|localhost)$/.test(url.hostname) && /^(https?|wss?):$/.test(url.protocol), (route) => {
    external.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'application/json', body: '{}' });
  });
  return { context, external, version: browser.version(), close: () => browser.close() };
}

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
  return { context, version: browser.version(), close: () => browser.close() };
}

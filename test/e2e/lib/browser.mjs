// Debian's Chromium driven by playwright-core. Never downloads a browser: a missing
// /usr/bin/chromium is an error (the suite counts it as a failure, not a skip).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // deterministic rendering for the screenshots
  '--font-render-hinting=none',
  '--force-color-profile=srgb',
  '--hide-scrollbars',
];

export const VIEWPORT = { width: 1440, height: 900 };

/**
 * Launch Chromium with a fresh --user-data-dir (removed by close()).
 * @returns {Promise<{context: import('playwright-core').BrowserContext, version: string, close: () => Promise<void>}>}
 */
export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${ CHROMIUM }. Install it with: apt-get update && apt-get install -y chromium`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-mirrors-e2e-'));
  let context;

  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath:    CHROMIUM,
      headless:          true,
      args:              CHROMIUM_FLAGS,
      viewport:          VIEWPORT,
      deviceScaleFactor: 1,
      locale:            'en-US',
      timezoneId:        'UTC',
      colorScheme:       'light',
      reducedMotion:     'reduce',
      timeout:           60_000,
    });
  } catch (e) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`Chromium (${ CHROMIUM }) did not start: ${ e.message }`);
  }
  const version = context.browser()?.version() || (await versionFromPage(context));

  return {
    context,
    version,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function versionFromPage(context) {
  const page = await context.newPage();

  try {
    return (await page.evaluate(() => navigator.userAgent)).match(/Chrome\/(\S+)/)?.[1] || 'unknown';
  } finally {
    await page.close();
  }
}

/**
 * A new page that records console errors, uncaught exceptions and failed requests.
 * `page.problems()` lists them; `page.assertNoProblems()` throws if any.
 */
export async function newPage(context, { ignore = [] } = {}) {
  const page = await context.newPage();
  const problems = [];
  const ignored = (text) => ignore.some((re) => re.test(text));

  page.on('console', (msg) => {
    if (msg.type() === 'error' && !ignored(msg.text())) {
      problems.push(`console.error: ${ msg.text() }`);
    }
  });
  page.on('pageerror', (err) => {
    if (!ignored(err.message)) {
      problems.push(`uncaught: ${ err.message }`);
    }
  });
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText || '';

    // aborted navigations/prefetches are not errors of the page
    if (why !== 'net::ERR_ABORTED' && !ignored(req.url())) {
      problems.push(`request failed: ${ req.url() } ${ why }`);
    }
  });
  page.problems = () => [...problems];
  page.assertNoProblems = () => {
    if (problems.length) {
      throw new Error(`the page reported problems:\n  ${ problems.join('\n  ') }`);
    }
  };

  return page;
}

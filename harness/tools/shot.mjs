// Dev helper: screenshot the harness with Debian chromium + playwright-core.
//   node harness/tools/shot.mjs <url> <out.png> [width] [fullPage=1] [css selector to clip to]
// Prints console errors and page errors of the page.
import { chromium } from 'playwright-core';

const [url, out, width = '1600', full = '1', selector] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args:           ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 1000 } });
const problems = [];

page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') {
    problems.push(`[console.${ m.type() }] ${ m.text() }`);
  }
});
page.on('response', (r) => { if (r.status() >= 400) problems.push(`[http ${ r.status() }] ${ r.url() }`); });
page.on('pageerror', (e) => problems.push(`[pageerror] ${ e.message }`));
await page.goto(url, { waitUntil: 'networkidle', timeout: 240000 });
await page.waitForSelector(process.env.WAIT_FOR || '[data-testid="rm-tab"]', { timeout: 60000 }).catch(() => problems.push('no rm-tab'));
await page.waitForTimeout(500);
if (selector) {
  await page.locator(selector).first().screenshot({ path: out });
} else {
  await page.screenshot({ path: out, fullPage: full === '1' });
}
console.log(problems.slice(0, 30).join('\n') || 'no console problems');
await browser.close();

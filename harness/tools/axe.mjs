// Dev helper: run axe-core on the harness tab (scoped to the tab) in Debian chromium.
//   node harness/tools/axe.mjs <url>
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const url = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args:           ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });

await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForSelector('[data-testid="rm-tab"]');
await page.addScriptTag({ content: axeSource });
const result = await page.evaluate(async() => {
  // eslint-disable-next-line no-undef
  const r = await axe.run(document.querySelector('[data-testid="rm-tab"]'), { resultTypes: ['violations'] });

  return r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 6).map((n) => `${ n.target.join(' ') } :: ${ (n.failureSummary || '').split('\n').slice(1, 2).join(' ') }`)
  }));
});

console.log(JSON.stringify(result, null, 2));
await browser.close();
process.exit(result.length ? 1 : 0);

#!/usr/bin/env node
// npm run test:rancher [-- --grep REGEX] [--build | --no-build] [--dev]
//                       [--attach https://127.0.0.1:8005 --api-port 8989]  (a running `npm run dev`)
//
// The tab inside the real Rancher dashboard (node_modules/@rancher/shell with
// pkg/registry-mirrors built in), in front of the stand-in Rancher API (test/rancher-api),
// driven by playwright-core with Debian's Chromium (/usr/bin/chromium; never a downloaded
// browser). By default the dashboard is the build in dist/dashboard, made here by
// `npm run build:dashboard` when missing or older than pkg/, src/ and vue.config.js, and
// served statically with the stand-in on one port: one compile serves this suite, the
// in-Rancher screenshots and every later run (the dev server compiles again on each start;
// --dev uses it anyway). A missing Chromium, a build or compile failure, and a request the
// stand-in cannot answer during a flow are failures.
// Ends with `N passed, M failed`; exit code 1 on any failure.
import { parseArgs } from 'node:util';
import { test, runTests, fmtMs } from '../e2e/lib/runner.mjs';
import { newPage, CHROMIUM } from '../e2e/lib/browser.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { startDashboard, buildReason, buildDashboard } from './lib/dashboard.mjs';
import fs from 'node:fs';
import path from 'node:path';
import flows from './flows.mjs';
import { SCENES, THEMES, renderScene, sceneFile } from './scenes.mjs';
import { RESULTS } from '../e2e/lib/paths.mjs';

const { values: args } = parseArgs({
  options: {
    grep: { type: 'string', short: 'g' }, dev: { type: 'boolean' }, attach: { type: 'string' }, 'api-port': { type: 'string' }, build: { type: 'boolean' }, 'no-build': { type: 'boolean' },
  },
});
const started = Date.now();
const filter = args.grep ? new RegExp(args.grep, 'i') : undefined;
const log = (m) => console.log(m);
let dash = null;
let browser = null;

async function stop() {
  await browser?.close().catch(() => {});
  await dash?.close().catch(() => {});
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async() => { await stop(); process.exit(130); });

// set-up is a test of its own: when it fails, every flow fails with it (never skipped)
let setupError = null;
test('set-up: dashboard build, stand-in Rancher API, Chromium', async(t) => {
  try {
    if (!args.dev && !args.attach) {
      const why = args.build ? 'asked for (--build)' : (args['no-build'] ? null : buildReason());
      if (why) {
        log(`building the dashboard into dist/dashboard (${why}) ...`);
        t.note(`dashboard build (npm run build:dashboard): ${fmtMs(await buildDashboard(log))}`);
      }
    }
    dash = await startDashboard({
      mode: args.dev ? 'dev' : 'static', log, attach: args.attach ? { url: args.attach, apiPort: Number(args['api-port'] || 8989) } : undefined,
    });
    if (dash.compileMs) t.note(`dev server first compile: ${fmtMs(dash.compileMs)}`);
    t.note(`dashboard at ${dash.url} (${args.attach ? 'attached' : (args.dev ? 'dev server' : 'static build')})`);
    browser = await launchBrowser();
    if (process.env.RM_HIDE_OVERLAY) { // iterating on a running dev server whose compile reported errors
      await browser.context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
        const st = document.createElement('style');
        st.textContent = '#webpack-dev-server-client-overlay{display:none !important}';
        document.head.appendChild(st);
      }));
    }
    t.note(`Chromium ${browser.version} (${CHROMIUM})`);
  } catch (e) {
    setupError = e;
    throw e;
  }
}, { timeout: 30 * 60_000 });

for (const f of flows) {
  test(f.name, async(t) => {
    if (setupError) throw new Error(`set-up failed: ${setupError.message.split('\n')[0]}`);
    dash.api.reset();
    const page = await newPage(browser.context, { ignore: f.ignore ?? [] });
    t.defer(() => page.close());
    const unknownBefore = dash.api.unknown.length;
    // flows take what they need of the context; the test handle is there for all
    const fn = /** @type {(ctx: { page: any, base: string, api: any, t: any }) => Promise<void>} */ (f.fn);
    try {
      await fn({ page, base: dash.url, api: dash.api, t });
    } catch (e) {
      fs.mkdirSync(path.join(RESULTS, 'rancher'), { recursive: true });
      const shot = path.join(RESULTS, 'rancher', `FAILED-${flows.indexOf(f) + 1}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      t.note(`page at failure: ${page.url()} (screenshot ${path.relative(process.cwd(), shot)})`);
      if (page.problems().length) t.note(`page problems: ${page.problems().join(' | ').slice(0, 1500)}`);
      throw e;
    }
    const unknown = dash.api.unknown.slice(unknownBefore);
    if (unknown.length) t.note(`requests the stand-in has no fixture for (answered empty): ${[...new Set(unknown)].join(', ')}`);
    page.assertNoProblems();
  }, { timeout: f.timeout ?? 120_000 });
}

// the in-Rancher screenshots (npm run screenshots) still render, light and dark, with no
// console error; written to test-results/rancher/ for a look
const SHOTS = path.join(RESULTS, 'rancher');
for (const scene of SCENES) {
  test(`scene ${scene.name} renders in the dashboard (light, dark): ${scene.title}`, async(t) => {
    if (setupError) throw new Error(`set-up failed: ${setupError.message.split('\n')[0]}`);
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const theme of THEMES) {
      const page = await newPage(browser.context);
      try {
        const png = await renderScene(page, dash.url, dash.api, scene, theme);
        const dark = await page.evaluate(() => document.body.classList.contains('theme-dark'));
        if (dark !== (theme === 'dark')) throw new Error(`the page is not in the ${theme} theme`);
        page.assertNoProblems();
        fs.writeFileSync(path.join(SHOTS, sceneFile(scene, theme)), png);
      } finally {
        await page.close();
      }
    }
  }, { timeout: 180_000 });
}

const { passed, failed } = await runTests({ filter: filter ? new RegExp(`set-up|${filter.source}`, 'i') : undefined, log });
await stop();
console.log(`\n${passed} passed, ${failed} failed (${fmtMs(Date.now() - started)})`);
process.exit(failed ? 1 : 0);

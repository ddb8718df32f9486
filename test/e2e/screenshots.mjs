#!/usr/bin/env node
// npm run screenshots [-- --only NAME[,NAME]]
// Render every scene of test/e2e/lib/scenes.mjs in light and dark into
// assets/screenshots/NAME-THEME.png, and in Chinese (light) into
// assets/screenshots/zh-hans/NAME-light.png (fixed viewport, bundled fonts, no animations).
// The browser suite (npm run test:e2e) fails when these no longer match the page.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, newPage } from './lib/browser.mjs';
import { startHarness } from './lib/harness-server.mjs';
import { openHarness } from './lib/harness-page.mjs';
import {
  SCENES, LOCALES, THEMES_OF, renderScene, sceneFile
} from './lib/scenes.mjs';
import { SCREENSHOTS, ROOT } from './lib/paths.mjs';
import { PNG } from 'pngjs';

const { values: args } = parseArgs({ options: { only: { type: 'string' } } });
const only = args.only ? new Set(args.only.split(',')) : null;
const scenes = SCENES.filter((s) => !only || only.has(s.name));

if (!scenes.length) {
  console.error(`no scene named ${ args.only }; scenes: ${ SCENES.map((s) => s.name).join(', ') }`);
  process.exit(2);
}

const started = Date.now();
let harness;
let browser;
let failed = 0;

try {
  browser = await launchChromium();
  harness = await startHarness();
  console.log(`Chromium ${ browser.version }, harness ${ harness.url }`);
  const warm = await newPage(browser.context);

  await openHarness(warm, harness.url, { timeout: 120_000 });
  await warm.close();
  for (const locale of LOCALES) {
    fs.mkdirSync(path.dirname(path.join(SCREENSHOTS, sceneFile(SCENES[0], 'light', locale))), { recursive: true });
  }

  for (const scene of scenes) {
    for (const [locale, theme] of LOCALES.flatMap((l) => THEMES_OF[l].map((t) => [l, t]))) {
      const page = await newPage(browser.context, { ignore: [/\[vite\]/] });
      const file = path.join(SCREENSHOTS, sceneFile(scene, theme, locale));

      try {
        const png = await renderScene(page, harness.url, scene, theme, locale);

        page.assertNoProblems();
        fs.writeFileSync(file, png);
        const { width, height } = PNG.sync.read(png);

        console.log(`wrote ${ path.relative(ROOT, file) } (${ width }x${ height })`);
      } catch (e) {
        failed++;
        console.error(`FAILED ${ scene.name } (${ locale }, ${ theme }): ${ e.message }`);
      } finally {
        await page.close();
      }
    }
  }
} finally {
  await browser?.close();
  await harness?.stop();
}
console.log(`${ ((Date.now() - started) / 1000).toFixed(1) }s`);
process.exit(failed ? 1 : 0);

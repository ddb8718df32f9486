#!/usr/bin/env node
// Part of `npm run screenshots`: the scenes of test/rancher/scenes.mjs rendered inside the
// real Rancher dashboard (dist/dashboard, built when missing or stale) on the stand-in
// Rancher API, light and dark, into assets/screenshots/rancher/NAME-THEME.png.
//   node test/rancher/screenshots.mjs [--only NAME[,NAME]] [--no-build]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newPage } from '../e2e/lib/browser.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { ROOT, SCREENSHOTS } from '../e2e/lib/paths.mjs';
import { startDashboard, buildReason, buildDashboard } from './lib/dashboard.mjs';
import { SCENES, THEMES, renderScene, sceneFile } from './scenes.mjs';

const { values: args } = parseArgs({ options: { only: { type: 'string' }, 'no-build': { type: 'boolean' } } });
const only = args.only ? new Set(args.only.split(',')) : null;
const scenes = SCENES.filter((s) => !only || only.has(s.name));
const OUT = path.join(SCREENSHOTS, 'rancher');
let failed = 0;
let dash;
let browser;

try {
  const why = args['no-build'] ? null : buildReason();
  if (why) {
    console.log(`building the dashboard (${why}) ...`);
    await buildDashboard(console.log);
  }
  dash = await startDashboard({ log: console.log });
  browser = await launchBrowser();
  fs.mkdirSync(OUT, { recursive: true });
  for (const scene of scenes) {
    for (const theme of THEMES) {
      const page = await newPage(browser.context);
      try {
        const png = await renderScene(page, dash.url, dash.api, scene, theme);
        page.assertNoProblems();
        const file = path.join(OUT, sceneFile(scene, theme));
        fs.writeFileSync(file, png);
        console.log(`wrote ${path.relative(ROOT, file)}`);
      } catch (e) {
        failed++;
        console.error(`FAILED ${scene.name} (${theme}): ${e.message}`);
      } finally {
        await page.close();
      }
    }
  }
} catch (e) {
  failed++;
  console.error(e.message);
} finally {
  await browser?.close();
  await dash?.close();
}
process.exit(failed ? 1 : 0);

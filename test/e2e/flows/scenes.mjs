// Every screenshot scene, light and dark: the route texts a scene names are shown
// exactly, the committed PNG in assets/screenshots/ still matches what the scene renders (pixelmatch, small tolerance; diff image in
// test-results/screenshots/), and axe-core finds no moderate, serious or critical violation
// in the tab in that state.
// (moderate fails too; exceptions are named with a reason in lib/axe.mjs)
import fs from 'node:fs';
import path from 'node:path';
import {
  SCENES, LOCALES, THEMES_OF, renderScene, sceneFile
} from '../lib/scenes.mjs';
import { compareWithCommitted } from '../lib/visual.mjs';
import { runAxe, blocking, formatViolations } from '../lib/axe.mjs';
import { SCREENSHOTS, RESULTS } from '../lib/paths.mjs';
import { TAB } from '../lib/harness-page.mjs';

const PLANTED_PASSWORD = 'Pl4nted-Harness-Pw-5521'; // harness/src/store.ts

/** All axe violations seen, for the summary at the end of the run. */
export const axeLog = [];

export default SCENES.flatMap((scene) => LOCALES.flatMap((locale) => THEMES_OF[locale].map((theme) => ({
  name: `scene ${ scene.name } (${ locale === 'en-us' ? '' : `${ locale }, ` }${ theme }): matches assets/screenshots/${ sceneFile(scene, theme, locale) }, no moderate/serious/critical axe violations`,
  async fn({ page, harness }, t) {
    const png = await renderScene(page, harness, scene, theme, locale);
    const problems = [];
    const cmp = compareWithCommitted(png, path.join(SCREENSHOTS, sceneFile(scene, theme, locale)), `${ locale === 'en-us' ? '' : `${ locale }-` }${ scene.name }-${ theme }`);

    if (!cmp.ok) {
      problems.push(`screenshot: ${ cmp.message }`);
    } else {
      t.note(`screenshot: ${ cmp.message }`);
    }

    for (const { selector, expected } of scene.texts || []) {
      const actual = (await page.locator(selector).allTextContents()).map((x) => x.trim());

      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        problems.push(`text of ${ selector }:\n  shown    ${ JSON.stringify(actual) }\n  expected ${ JSON.stringify(expected) }`);
      }
    }

    // the harness's fake Secrets hold a planted password: it must never reach the page
    const rendered = await page.evaluate(() => document.documentElement.outerHTML + [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\n'));
    for (const secret of [PLANTED_PASSWORD, Buffer.from(PLANTED_PASSWORD).toString('base64')]) {
      if (rendered.includes(secret)) problems.push(`a Secret value (${ secret.slice(0, 6) }…) is in the page`);
    }

    const violations = await runAxe(page, { include: TAB });
    const bad = blocking(violations);

    axeLog.push({ scene: `${ sceneFile(scene, theme, locale) }`, violations });
    if (violations.length) {
      const minor = violations.filter((v) => !bad.some((b) => b.id === v.id));

      if (minor.length) {
        t.note(`axe (minor or a named exception, not failing): ${ minor.map((v) => `${ v.id } x${ v.nodes.length }`).join(', ') }`);
      }
    }
    if (bad.length) {
      fs.mkdirSync(RESULTS, { recursive: true });
      fs.writeFileSync(path.join(RESULTS, `axe-${ locale }-${ scene.name }-${ theme }.json`), JSON.stringify(violations, null, 2));
      problems.push(`axe: ${ bad.length } moderate/serious/critical violation(s) in the tab:\n${ formatViolations(bad) }`);
    }
    page.assertNoProblems();
    if (problems.length) {
      throw new Error(problems.join('\n'));
    }
  },
}))));

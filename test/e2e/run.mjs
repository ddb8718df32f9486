#!/usr/bin/env node
// npm run test:e2e [-- --grep REGEX] [--no-build | --build]
//
// The browser suite: playwright-core driving Debian's Chromium (/usr/bin/chromium,
// never a downloaded browser) against
//   - the standalone harness page (scripts/start.mjs on a free 127.0.0.1 port, started
//     and stopped here): user flows, screenshot comparison, axe-core;
//   - the real build-pkg output loaded the way Rancher loads an extension (built here
//     when dist-pkg is missing or older than pkg/ or src/).
// A missing Chromium, a harness that does not start or a failed build are failures.
// The output ends with `N passed, M failed`; the exit code is 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { test, runTests, fmtMs } from './lib/runner.mjs';
import { launchChromium, newPage, CHROMIUM } from './lib/browser.mjs';
import { startHarness } from './lib/harness-server.mjs';
import { openHarness, TAB } from './lib/harness-page.mjs';
import {
  buildReason, buildPkg, startBundleHost, MAIN_FILE
} from './lib/bundle.mjs';
import { runAxe, blocking, formatViolations } from './lib/axe.mjs';
import { ROOT, RESULTS } from './lib/paths.mjs';
import mirrorFlows from './flows/mirrors.mjs';
import configFlows from './flows/configs.mjs';
import modeFlows from './flows/modes.mjs';
import toolFlows from './flows/tools.mjs';
import harnessTests from './flows/harness.mjs';
import openShareFlows from './flows/open-share.mjs';
import bundleTests from './flows/bundle.mjs';
import sceneTests, { axeLog } from './flows/scenes.mjs';

const { values: args } = parseArgs({
  options: {
    grep:       { type: 'string', short: 'g' },
    'no-build': { type: 'boolean' },
    build:      { type: 'boolean' },
    help:       { type: 'boolean', short: 'h' },
  },
});

if (args.help) {
  console.log('Usage: npm run test:e2e -- [--grep REGEX] [--no-build | --build]');
  console.log('  --grep REGEX  run only the tests whose name matches (set-up always runs)');
  console.log('  --no-build    use dist-pkg as it is, even if older than pkg/ or src/');
  console.log('  --build       rebuild dist-pkg even if it is up to date');
  process.exit(0);
}

const started = Date.now();
const filter = args.grep ? new RegExp(args.grep, 'i') : undefined;
const env = {
  harness: null, bundleHost: null, browser: null, failed: {},
};
const stops = [];
let buildPromise = null;

fs.mkdirSync(RESULTS, { recursive: true });

async function stopAll() {
  for (const s of stops.splice(0).reverse()) {
    try {
      await s();
    } catch { /* best effort */ }
  }
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async() => {
    await stopAll();
    process.exit(130);
  });
}

const wanted = (name) => !filter || filter.test(name);
const flows = [...harnessTests, ...openShareFlows, ...mirrorFlows, ...configFlows, ...modeFlows, ...toolFlows];
const allNames = [...flows, ...sceneTests, ...bundleTests].map((t) => t.name);

// a --grep that selects nothing would pass on the set-up tests alone: a typo must fail
if (filter && !allNames.some(wanted)) {
  console.error(`--grep ${ args.grep } matches no test; the tests are:\n  ${ allNames.join('\n  ') }`);
  process.exit(1);
}
const needBundle = bundleTests.some((b) => wanted(b.name));
const needHarness = [...flows, ...sceneTests].some((f) => wanted(f.name));

// The bundle build (≈1 min) runs while the harness warms up and the flows run.
if (needBundle) {
  const reason = args.build ? 'rebuild requested (--build)' : buildReason();

  if (reason && !args['no-build']) {
    console.log(`building the extension: ${ reason } (npm run build-pkg registry-mirrors)`);
    const t0 = Date.now();

    buildPromise = buildPkg({ log: (s) => console.log(s) }).then(() => Date.now() - t0);
    buildPromise.catch(() => {}); // reported by the setup test
  } else {
    buildPromise = Promise.resolve(reason ? `not rebuilt (--no-build): ${ reason }` : 0);
  }
}

/** Register a test that needs set-up parts; it fails (not skips) when one is missing. */
function suiteTest(def, needs = ['browser', 'harness']) {
  test(def.name, async(t) => {
    for (const n of def.needs || needs) {
      if (env.failed[n] || !env[n === 'bundle' ? 'bundleHost' : n]) {
        throw new Error(`not run: ${ n } is unavailable (${ env.failed[n] || 'set-up did not run' })`);
      }
    }
    const page = await newPage(env.browser.context, {
      // the Vite client's own messages are not the page's
      ignore: [/\[vite\] (connecting|connected)/],
    });

    t.defer(() => page.close());
    await def.fn({ page, harness: env.harness?.url, bundleHost: env.bundleHost?.url }, t);
    page.assertNoProblems();
    if (def.axe !== false) {
      // the state the flow left the tab in is a scene too
      const violations = await runAxe(page, { include: TAB });
      const bad = blocking(violations);

      axeLog.push({ scene: def.name, violations });
      if (bad.length) {
        throw new Error(`axe: ${ bad.length } moderate/serious/critical violation(s) in the tab at the end of the flow:\n${ formatViolations(bad) }`);
      }
    }
  }, { timeout: def.timeout ?? 60_000 });
}

// ---- set-up, as tests: a failure here is counted, never skipped ----

test(`setup: Chromium (${ CHROMIUM }) starts with a fresh profile`, async(t) => {
  try {
    env.browser = await launchChromium();
    stops.push(() => env.browser.close());
    t.note(`Chromium ${ env.browser.version }`);
  } catch (e) {
    env.failed.browser = e.message;
    throw e;
  }
}, { timeout: 90_000 });

if (needHarness) {
  test('setup: the harness starts on a free 127.0.0.1 port and renders the tab', async(t) => {
    try {
      if (env.failed.browser) {
        throw new Error('no browser');
      }
      env.harness = await startHarness();
      stops.push(() => env.harness.stop());
      t.note(`${ env.harness.url } (pid ${ env.harness.pid })`);
      // the first load makes Vite optimise dependencies (and may reload once)
      const page = await newPage(env.browser.context, { ignore: [/\[vite\]/] });

      try {
        await openHarness(page, env.harness.url, { timeout: 120_000 });
      } finally {
        await page.close();
      }
    } catch (e) {
      env.failed.harness = e.message;
      throw e;
    }
  }, { timeout: 180_000 });
}

for (const f of flows) {
  if (wanted(f.name)) {
    suiteTest(f);
  }
}
for (const s of sceneTests) {
  if (wanted(s.name)) {
    suiteTest({ ...s, axe: false }); // scenes run axe themselves
  }
}

if (needBundle) {
  test('setup: the extension bundle is built (dist-pkg) and its host page is served', async(t) => {
    try {
      const r = await buildPromise;

      t.note(typeof r === 'number' ? (r ? `built in ${ fmtMs(r) }` : `up to date: ${ path.relative(ROOT, MAIN_FILE) }`) : r);
      env.bundleHost = await startBundleHost();
      stops.push(() => env.bundleHost.stop());
    } catch (e) {
      env.failed.bundle = e.message;
      throw e;
    }
  }, { timeout: 240_000 });
  for (const b of bundleTests) {
    if (wanted(b.name)) {
      suiteTest({ axe: false, ...b }, ['browser', 'bundle']);
    }
  }
}

let result;

try {
  result = await runTests();
} finally {
  await stopAll();
}

// accessibility summary: every rule and node seen, with the scenes/flows it appeared in
const byRule = new Map();

for (const { scene, violations } of axeLog) {
  for (const v of violations) {
    const e = byRule.get(v.id) || {
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: new Map(),
    };

    for (const n of v.nodes) {
      // generated ids (ls-label-id-xxxx) differ per page: key by the markup without them
      const key = n.html.replace(/(id|for)="[^"]*"/g, '');
      const node = e.nodes.get(key) || { ...n, scenes: [] };

      node.scenes.push(scene);
      e.nodes.set(key, node);
    }
    byRule.set(v.id, e);
  }
}
const axeSummary = [...byRule.values()].map((e) => ({ ...e, nodes: [...e.nodes.values()] }));

if (axeSummary.length) {
  console.log('\naxe-core violations in the tab, in the scenes and at the end of every flow (moderate/serious/critical fail):');
  for (const v of axeSummary) {
    console.log(`[${ v.impact }] ${ v.id }: ${ v.help }`);
    for (const n of v.nodes) {
      console.log(`    ${ n.target }\n      ${ n.html }\n      ${ n.summary.replace(/^Fix any of the following: /, '') }\n      in: ${ n.scenes.join('; ') }`);
    }
  }
}
fs.writeFileSync(path.join(RESULTS, 'e2e-results.json'), JSON.stringify({
  passed:  result.passed,
  failed:  result.failed,
  ms:      Date.now() - started,
  tests:   result.results.map((r) => ({ name: r.name, ok: r.ok, ms: r.ms, error: r.error ? String(r.error.message || r.error) : undefined, notes: r.notes })),
  axe:     axeSummary,
}, null, 2));

console.log(`\ntotal ${ fmtMs(Date.now() - started) }`);
console.log(`${ result.passed } passed, ${ result.failed } failed`);
process.exit(result.failed || !result.passed ? 1 : 0);

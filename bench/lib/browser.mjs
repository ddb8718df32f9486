// Keystroke latency of the tab as the admin feels it: Chromium (Debian's /usr/bin/chromium
// through playwright-core) on the production build of the standalone page (dist-standalone/),
// typing into an endpoint of a cluster with N mirrors.
//
// Measure of one keystroke: keydown → next paint. A capture-phase keydown listener takes the
// event's timeStamp (when the key reached the page: any wait behind earlier work counts),
// then requestAnimationFrame + a user-blocking task (scheduler.postTask) marks the first
// moment after the frame that follows it was produced (rendering, layout, paint and commit
// included). Not a MessageChannel message: that is an ordinary task, and Chromium queues
// ordinary work of its own on a text change (its autofill form tracker, 1–3 ms at 200
// mirrors, 10 ms at 12) that runs after the frame is committed but before such a message,
// so the message counted it as paint time (seen in a trace: the message's figure minus the
// user-blocking task's is that task's length, key by key). The Event
// Timing API's durations (PerformanceObserver 'event', 8 ms granularity, ≥ 16 ms only) are
// collected too, as a cross-check.
//
// Each key also gives its work: the same span less the time the browser waited for the
// display's next frame (from the end of the key's keydown, keypress and input handlers to the
// frame's requestAnimationFrame). A key after a pause in typing lands at any point of the
// display's 16.7 ms frame, and the frame that shows it starts at the next tick: a bare <input>
// waits 0–17 ms there (keydown → paint p95 ≈ 17 ms with no page at all), which no page can
// change. The work is what the page adds to that: handling the key, then rendering its frame.
//
// Keys are pressed one at a time (page.keyboard.press, real key events through CDP) with a
// fixed gap between two keydowns (a fast typist), so work a keystroke schedules after its
// paint delays the next keystroke when it is not done in time – as it would for a person.
import { launchChromium, newPage } from '../../test/e2e/lib/browser.mjs';
import { serveStandalone, STANDALONE_DIR } from '../../test/e2e/lib/standalone.mjs';
import { registryKey } from './fixtures.mjs';
import { cpuTimes, stealSince } from './steal.mjs';

/** A Cluster (provisioning.cattle.io/v1) whose spec.rkeConfig.registries has `n` mirrors. */
export function clusterWithMirrors(n) {
  const mirrors = {};
  const configs = {};

  for (let i = 0; i < n; i++) {
    const key = i === 0 ? 'docker.io' : i === 1 ? '*' : registryKey(i);
    const endpoint = [`https://cache-${ i }.mirrors.example.net`];

    if (i % 3 === 0) {
      endpoint.push(`https://cache-${ i }-b.mirrors.example.net:8443`);
    }
    mirrors[key] = { endpoint };
    if (i % 5 === 0) {
      mirrors[key].rewrite = { '^([a-z0-9-]+)/(.*)$': `proxy-${ i }/$1/$2` };
    }
    if (i % 4 === 0) {
      configs[`cache-${ i }.mirrors.example.net`] = { authConfigSecretName: `cache-${ i }-auth` };
    }
  }

  return {
    apiVersion: 'provisioning.cattle.io/v1',
    kind:       'Cluster',
    metadata:   { name: `bench-${ n }`, namespace: 'fleet-default' },
    spec:       {
      // a release with a fallback for * (not the containerd 2.0 banner case)
      kubernetesVersion: 'v1.32.5+rke2r1',
      rkeConfig:         { registries: { mirrors, configs } },
    },
  };
}

function quantile(sorted, q) {
  if (!sorted.length) {
    return NaN;
  }
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));

  return sorted[i];
}

export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);

  return {
    n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1], min: s[0]
  };
}

/** Installed in the page before the keystrokes. */
export function instrument() {
  const w = /** @type {any} */ (window);

  if (typeof w.scheduler?.postTask !== 'function') {
    throw new Error('this Chromium has no scheduler.postTask: the keystroke figures need it');
  }
  w.__lat = { samples: [], waits: [], events: [] };
  // the end of the key's handlers: after the page's own (bubble phase, on window) and what they
  // queued as microtasks (Vue's re-render). Not keyup: it comes when the key is let go, often
  // before the frame, and the time until then is no work of the page's (the tab has no keyup
  // handler)
  let handled = 0;

  for (const type of ['keydown', 'keypress', 'input']) {
    window.addEventListener(type, () => queueMicrotask(() => {
      handled = performance.now();
    }));
  }
  document.addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;

    w.__lat.lastKey = t0;
    handled = 0;
    requestAnimationFrame(() => {
      const frame = performance.now();
      // no end seen (a handler stopped the event): no wait, the whole span counts as work
      const wait = handled ? Math.max(0, frame - handled) : 0;

      w.scheduler.postTask(() => {
        w.__lat.samples.push(performance.now() - t0);
        w.__lat.waits.push(wait);
      }, { priority: 'user-blocking' });
    });
  }, { capture: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'keydown' || e.name === 'keypress' || e.name === 'input' || e.name === 'keyup') {
          w.__lat.events.push({ name: e.name, duration: e.duration, id: /** @type {any} */ (e).interactionId });
        }
      }
    }).observe(/** @type {any} */ ({ type: 'event', durationThreshold: 16, buffered: false }));
  } catch { /* no Event Timing: only the rAF figures */ }
}

/** Event Timing: the longest entry of each interaction (keydown, keypress, input, keyup of one key) */
function longestPerInteraction(events) {
  const byId = new Map();

  for (const e of events) {
    if (e.id) {
      byId.set(e.id, Math.max(byId.get(e.id) || 0, e.duration));
    }
  }

  return [...byId.values()];
}

/** Each key's work: its keydown → paint less the wait for the display's frame. */
export function workOf({ samples, waits }) {
  return samples.map((x, i) => x - waits[i]);
}

/** What the keys typed into one page give: their samples and summary, Event Timing per key, and the keys after pauses with their work. */
function typingResult(samples, events, paused) {
  const work = paused.samples.length ? workOf(paused) : [];

  return {
    samples,
    eventTiming: longestPerInteraction(events),
    summary:     summarize(samples),
    afterPauses: work.length ? {
      samples: paused.samples, summary: summarize(paused.samples), work, workSummary: summarize(work)
    } : undefined,
  };
}

/** One key at a time, `gapMs` from one keydown to the next; each waits for its sample. */
export async function typeMeasured(page, keys, gapMs) {
  for (let i = 0; i < keys.length; i++) {
    const started = Date.now();

    await page.keyboard.press(keys[i]);
    await page.waitForFunction((k) => /** @type {any} */ (window).__lat.samples.length > k, i, { polling: 5, timeout: 30_000 });
    const rest = gapMs - (Date.now() - started);

    if (rest > 0) {
      await page.waitForTimeout(rest);
    }
  }
}

/**
 * The first key after each pause in typing: each key is pressed once the derived state of the
 * one before is fresh again (where the page has a status banner) and a further `pauseMs` has
 * passed (an admin who stops to read, then types on), lengthened by 0–16 ms in turn so that
 * the keys fall at every point of the display's 16.7 ms frame, as a person's do. Returns the
 * keydown → paint samples of these keys and the wait for the frame in each.
 * @returns {Promise<{ samples: number[], waits: number[] }>}
 */
export async function typeAfterPauses(page, keys, pauseMs) {
  await page.evaluate(() => {
    Object.assign(/** @type {any} */ (window).__lat, { samples: [], waits: [] });
  });
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i]);
    await page.waitForFunction((k) => /** @type {any} */ (window).__lat.samples.length > k && document.querySelector('[data-testid="rm-status"]')?.getAttribute('data-status') !== 'updating', i, { polling: 5, timeout: 30_000 });
    await page.waitForTimeout(pauseMs + (i * 7) % 17);
  }

  return page.evaluate(() => {
    const { samples, waits } = /** @type {any} */ (window).__lat;

    return { samples, waits };
  });
}

/** The field the bench types into: the first endpoint of the third mirror (`registryKey(2)`). */
export function endpointInput(page) {
  return page.locator(`[data-testid="rm-mirror-${ registryKey(2) }"] input[data-testid="rm-endpoint-input-0"]`);
}

/**
 * The endpoint field as an admin types into it: clicked, the caret at the end of its value,
 * and in the middle of the screen. A click scrolls a field only just into view: with 200
 * mirrors that left it at the viewport's bottom edge (0.45 px below it), where Chromium's
 * Event Timing reported erasing keys presented together 150–390 ms late although a frame with
 * each change was drawn 12–29 ms after the key (trace and screencast).
 */
export async function focusEndpoint(page, input) {
  await input.click();
  await page.keyboard.press('End');
  await input.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(500);
}

/** "/team-proxy" typed, then erased again, over and over: every key changes the value */
export function keySequence(count) {
  const word = '/team-proxy';
  const keys = [];

  while (keys.length < count) {
    keys.push(...word.split(''), ...word.split('').map(() => 'Backspace'));
  }
  keys.length = count;

  return keys;
}

/**
 * Launch Chromium, serve dist-standalone/, and measure typing into an endpoint for each size;
 * `floor`: the same measure on a bare <input> first (what the browser and machine cost alone);
 * `afterPauses`: then that many keys, each the first after a pause of `pauseMs` once the
 * derived state is fresh.
 * @param {{ sizes: number[], keystrokes: number, gapMs?: number, floor?: boolean, afterPauses?: number, pauseMs?: number, log?: (s: string) => void }} opts
 * @returns {Promise<{ chromium: string, dir: string, results: Record<string, { samples: number[], eventTiming: number[], summary: any, renderMs: number, settledMs?: number, stealPct?: number, afterPauses?: { samples: number[], summary: any, work: number[], workSummary: any } }> }>}
 */
export async function measureTyping({
  sizes, keystrokes, gapMs = 120, floor = false, afterPauses = 0, pauseMs = 500, log = (/** @type {string} */ _s) => undefined
}) {
  const server = await serveStandalone('/try/');
  const browser = await launchChromium();
  /** @type {Record<string, any>} */
  const results = {};

  try {
    if (floor) {
      const page = await newPage(browser.context);

      try {
        await page.setContent('<label>Endpoint <input id="i"></label>');
        await page.click('#i');
        await page.evaluate(instrument);
        const cpu = cpuTimes();

        await typeMeasured(page, keySequence(keystrokes), gapMs);
        const { samples, events } = await page.evaluate(() => /** @type {any} */ (window).__lat);
        // the same keys after pauses: what a key costs the browser and machine after idling
        const paused = afterPauses ? await typeAfterPauses(page, keySequence(afterPauses), pauseMs) : { samples: [], waits: [] };

        results.floor = { ...typingResult(samples, events, paused), renderMs: 0, stealPct: stealSince(cpu) };
      } finally {
        await page.close();
      }
    }
    for (const n of sizes) {
      const page = await newPage(browser.context);

      try {
        await page.goto(`${ server.url }?sample=empty-new&mode=edit&theme=light`, { waitUntil: 'load', timeout: 120_000 });
        await page.waitForFunction(() => !!window.__harness, null, { timeout: 60_000 });
        const cluster = clusterWithMirrors(n);
        const key = registryKey(2);
        const t0 = Date.now();

        await page.evaluate((c) => window.__harness.setCluster(c), cluster);
        const input = endpointInput(page);

        await input.waitFor({ state: 'visible', timeout: 120_000 });
        const renderMs = Date.now() - t0;

        await page.evaluate(() => document.fonts.ready);
        await focusEndpoint(page, input);
        await page.evaluate(instrument);
        const cpu = cpuTimes();

        await typeMeasured(page, keySequence(keystrokes), gapMs);
        // the derived panels (findings, route preview, tools) are fresh again: last keydown → then
        await page.waitForFunction(() => document.querySelector('[data-testid="rm-status"]')?.getAttribute('data-status') !== 'updating', null, { polling: 5, timeout: 60_000 });
        const settledMs = await page.evaluate(() => performance.now() - /** @type {any} */ (window).__lat.lastKey);
        const { samples, events } = await page.evaluate(() => /** @type {any} */ (window).__lat);
        const typed = await input.inputValue();
        const spec = await page.evaluate((k) => window.__harness.registries()?.mirrors?.[k]?.endpoint?.[0], key);

        if (spec !== typed) {
          throw new Error(`${ n } mirrors: the spec has ${ JSON.stringify(spec) } but the field shows ${ JSON.stringify(typed) }`);
        }
        page.assertNoProblems();
        // then the first key after each of `afterPauses` pauses (it also marks the derived
        // panels "updating…", which the keys of a burst find already marked)
        const paused = afterPauses ? await typeAfterPauses(page, keySequence(afterPauses), pauseMs) : { samples: [], waits: [] };

        results[n] = {
          ...typingResult(samples, events, paused), renderMs, settledMs, stealPct: stealSince(cpu)
        };
        log(`    ${ n } mirrors: ${ samples.length } keystrokes, first render ${ renderMs } ms`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  return { chromium: browser.version, dir: STANDALONE_DIR, results };
}

// Named scenes of the tab for the screenshots in assets/screenshots/ (README,
// docs/user-guide.md), the pixel comparison and the accessibility scan. Every scene is
// a sample cluster, a mode, optional steps an admin takes, and the parts of the page
// to capture. Data is deterministic: bundled samples, fixed viewport, fonts shipped by
// the shell, no animations, no caret, nothing focused or hovered.
import { PNG } from 'pngjs';
import { openHarness, mirrorCard, TAB } from './harness-page.mjs';
import { VIEWPORT } from './browser.mjs';
import { L } from './l10n.mjs';

export const THEMES = ['light', 'dark'];
/** The languages the scenes are rendered in: zh-hans (light only) for docs/user-guide.zh-hans.md. */
export const LOCALES = ['en-us', 'zh-hans'];
export const THEMES_OF = { 'en-us': THEMES, 'zh-hans': ['light'] };

const STABLE_CSS = `
*, *::before, *::after {
  transition: none !important;
  animation: none !important;
  caret-color: transparent !important;
  scroll-behavior: auto !important;
}
`;

/** Add a docker.io mirror with a bad endpoint, a scheme-less one and an invalid rewrite. */
async function makeValidationErrors(page, locale = 'en-us') {
  await page.getByRole('textbox', { name: L('registryMirrors.mirrors.addLabel', {}, locale), exact: true }).fill('docker.io');
  await page.getByRole('button', { name: L('registryMirrors.mirrors.add', {}, locale), exact: true }).click();
  const card = mirrorCard(page, 'docker.io', locale);
  const newEndpoint = card.getByRole('textbox', { name: L('registryMirrors.endpoints.addLabel', {}, locale), exact: true });

  await newEndpoint.fill('ftp://mirror.example.com');
  await newEndpoint.press('Enter');
  await newEndpoint.fill('mirror.example.com:5000');
  await newEndpoint.press('Enter');
  await card.getByRole('textbox', { name: L('registryMirrors.rewrites.addPattern', {}, locale), exact: true }).fill('^(library/.*$');
  await card.getByRole('textbox', { name: L('registryMirrors.rewrites.addReplacement', {}, locale), exact: true }).fill('dockerhub/$1');
  await card.getByRole('button', { name: L('registryMirrors.rewrites.add', {}, locale), exact: true }).click();
  await page.locator(`${ TAB } [data-testid="rm-status"][data-status="error"]`).waitFor();
}

/**
 * Add a rewrite whose pattern escapes a dot (\\.): K3s writes it unescaped into
 * hosts.toml, which breaks the file; then open "What the nodes receive".
 */
async function nodeFilesWithBreakingRewrite(page, locale = 'en-us') {
  const card = mirrorCard(page, 'docker.io', locale);

  await card.getByRole('textbox', { name: L('registryMirrors.rewrites.addPattern', {}, locale), exact: true }).fill('^team\\.a/(.*)$');
  await card.getByRole('textbox', { name: L('registryMirrors.rewrites.addReplacement', {}, locale), exact: true }).fill('team-a/$1');
  await card.getByRole('button', { name: L('registryMirrors.rewrites.add', {}, locale), exact: true }).click();
  await page.locator(`${ TAB } [data-testid="rm-status"][data-status="error"]`).waitFor();
  await page.locator(`${ TAB } [data-testid="rm-tool-node-files-toggle"]`).click();
  await page.locator(`${ TAB } [data-testid="rm-node-file-marked-line"]`).first().waitFor();
}

/**
 * A scene: sample, mode, optional setup steps, and `parts` – each part is a list of
 * selectors whose union is cropped; several parts are stacked vertically (real crops
 * of the same page, separated by a thin gap) so that a scene can show two places of
 * the tab without what lies between. `viewport` overrides the default 1440x900;
 * `maxHeight` cuts a part at that height (the top of the tab for the overview).
 * `texts` are asserted as text (the picture alone tolerates a changed URL): the
 * trimmed text of every element the selector matches, in order, exactly.
 * @type {Array<{name: string, title: string, sample: string, mode?: string, setup?: (page) => Promise<void>, parts: string[][], viewport?: {width: number, height: number}, maxHeight?: number, texts?: Array<{selector: string, expected: string[]}>}>}
 */
export const SCENES = [
  {
    name:      'overview',
    title:     'The tab on a K3s cluster with rewrites and the embedded registry (wide screen: the route preview beside the form)',
    sample:    'k3s-rewrites-embedded',
    viewport:  { width: 1760, height: 1100 },
    parts:     [[TAB]],
    maxHeight: 1500,
  },
  {
    name:    'mirrors-form',
    title:   'Mirrors: endpoints in order, rewrites with a live check',
    sample:  'k3s-rewrites-embedded',
    parts:   [[`${ TAB } [data-testid="rm-mirrors"]`]],
  },
  {
    name:    'route-preview',
    title:   'Route preview: every host containerd tries, in order',
    sample:  'k3s-rewrites-embedded',
    // the preview image is nginx:1.27; the URLs containerd requests, written from the spec (Spegel first and never
    // rewritten, then the rewritten mirror path, then the registry itself), not from
    // the engine: a picture tolerates a changed URL, this does not
    texts:   [
      {
        selector: `${ TAB } [data-testid="rm-route-workload"] [data-testid="rm-attempt-url"]`,
        expected: [
          'https://127.0.0.1:6443/v2/library/nginx/manifests/1.27?ns=docker.io',
          'https://mirror.example.com:5000/v2/dockerhub/library/nginx/manifests/1.27?ns=docker.io',
          'https://registry-1.docker.io/v2/library/nginx/manifests/1.27',
        ],
      },
      {
        selector: `${ TAB } [data-testid="rm-route-system"] [data-testid="rm-attempt-url"]`,
        expected: [
          // no system-default-registry: the system pull of nginx:1.27 is the same
          'https://127.0.0.1:6443/v2/library/nginx/manifests/1.27?ns=docker.io',
          'https://mirror.example.com:5000/v2/dockerhub/library/nginx/manifests/1.27?ns=docker.io',
          'https://registry-1.docker.io/v2/library/nginx/manifests/1.27',
        ],
      },
    ],
    parts:   [[`${ TAB } [data-testid="rm-preview"]`]],
  },
  {
    name:    'sdr-vs-mirrors',
    title:   'system-default-registry (app layer) vs. registry mirrors (node layer)',
    sample:  'airgap-rke2-v1.31.6',
    parts:   [[`${ TAB } [data-testid="rm-layers"]`]],
  },
  {
    name:    'wildcard-bug-banner',
    title:   'The * mirror on v1.31.6: no fallback to the original registry',
    sample:  'airgap-rke2-v1.31.6',
    // nginx:1.27 on v1.31.6: the * mirror only, no fallback to docker.io; as a system image
    // renamed by system-default-registry to registry.example.com/rancher/nginx:1.27 it
    // goes to registry.example.com itself (no ?ns=: not a proxy)
    texts:   [
      { selector: `${ TAB } [data-testid="rm-route-workload"] [data-testid="rm-attempt-url"]`, expected: ['https://registry.example.com/v2/library/nginx/manifests/1.27?ns=docker.io'] },
      { selector: `${ TAB } [data-testid="rm-route-system"] [data-testid="rm-attempt-url"]`, expected: ['https://registry.example.com/v2/rancher/nginx/manifests/1.27'] },
    ],
    parts:   [
      [`${ TAB } [data-testid="rm-version"]`, `${ TAB } [data-testid="rm-version-banner"]`, `${ TAB } [data-testid="rm-status"]`],
      [`${ TAB } [data-testid="rm-mirrors"] section.rm-card`],
      // the workload column of the route preview
      [`${ TAB } [data-testid="rm-route-workload-col"]`],
    ],
  },
  {
    name:    'validation-errors',
    title:   'Validation: errors and warnings at the field they concern',
    sample:  'empty-new',
    mode:    'create',
    setup:   makeValidationErrors,
    parts:   [
      [`${ TAB } [data-testid="rm-status"]`],
      [`${ TAB } [data-testid="rm-mirrors"] section.rm-card`],
    ],
  },
  {
    name:    'node-files-preview',
    title:   'What the nodes receive: registries.yaml with Secret references, and a hosts.toml line a rewrite breaks',
    sample:  'k3s-rewrites-embedded',
    setup:   nodeFilesWithBreakingRewrite,
    parts:   [
      [`${ TAB } [data-testid="rm-tool-node-files"] .rm-tool-title`, `${ TAB } [data-testid="rm-node-file-0"]`],
      [`${ TAB } [data-testid="rm-node-files"] [data-path$="/certs.d/docker.io/hosts.toml"]`],
    ],
  },
  {
    name:    'registry-configs',
    title:   'Registry configs: credentials, client certificate and CA bundle per host',
    sample:  'airgap-rke2-v1.31.6',
    parts:   [[`${ TAB } [data-testid="rm-configs"]`]],
  },
];

/** Bring the page into a state that renders the same every time. */
export async function stabilize(page) {
  await page.addStyleTag({ content: STABLE_CSS });
  // the last edit of a setup derived: no "updating…" badge over a panel in the picture
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 15_000 });
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) {
      /** @type {HTMLElement} */ (document.activeElement).blur();
    }
    window.scrollTo(0, 0);
  });
  // The tab renders a mirror card only near the viewport (content-visibility: auto). A crop
  // that reaches below the viewport is captured beyond it, and on a busy machine Chromium
  // captured a card there before it had painted it: a blank card, 2.4 % of the pixels (the
  // CI run of 2026-12-06; here 1 of 32 renders with two busy cores). Render such parts as they are
  // on screen once scrolled to: visible, with the containment that `auto` implies.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('*')) {
      if (getComputedStyle(el).contentVisibility === 'auto') {
        /** @type {HTMLElement} */ (el).style.setProperty('content-visibility', 'visible', 'important');
        /** @type {HTMLElement} */ (el).style.setProperty('contain', 'layout style paint', 'important');
      }
    }
  });
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  // two frames: layout and paint after the last change
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** The union of the targets' boxes in document coordinates, with a margin. */
export async function sceneClip(page, targets, margin = 8) {
  const boxes = await page.evaluate((sels) => sels.map((sel) => {
    const els = [...document.querySelectorAll(sel)];

    if (!els.length) {
      return { sel, missing: true };
    }
    const rs = els.map((e) => e.getBoundingClientRect());

    return {
      sel,
      x1: Math.min(...rs.map((r) => r.left)) + window.scrollX,
      y1: Math.min(...rs.map((r) => r.top)) + window.scrollY,
      x2: Math.max(...rs.map((r) => r.right)) + window.scrollX,
      y2: Math.max(...rs.map((r) => r.bottom)) + window.scrollY,
    };
  }), targets);
  const missing = boxes.filter((b) => b.missing).map((b) => b.sel);

  if (missing.length) {
    throw new Error(`scene targets not on the page: ${ missing.join(', ') }`);
  }
  const doc = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
  const x = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.x1)) - margin));
  const y = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.y1)) - margin));
  const x2 = Math.min(doc.w, Math.ceil(Math.max(...boxes.map((b) => b.x2)) + margin));
  const y2 = Math.min(doc.h, Math.ceil(Math.max(...boxes.map((b) => b.y2)) + margin));

  return { x, y, width: x2 - x, height: y2 - y };
}

/**
 * Open the scene in `theme` on `page` and return its PNG.
 * @returns {Promise<Buffer>}
 */
export async function renderScene(page, base, scene, theme, locale = 'en-us') {
  await page.setViewportSize(scene.viewport || VIEWPORT);
  await openHarness(page, base, {
    sample: scene.sample, mode: scene.mode || 'edit', theme, locale
  });
  if (scene.setup) {
    await scene.setup(page, locale);
  }
  await stabilize(page);
  const shots = [];

  for (const part of scene.parts) {
    const clip = await sceneClip(page, part);

    if (scene.maxHeight && clip.height > scene.maxHeight) {
      clip.height = scene.maxHeight;
    }
    shots.push(await page.screenshot({
      clip, fullPage: true, animations: 'disabled', caret: 'hide', scale: 'css', type: 'png'
    }));
  }

  return shots.length === 1 ? shots[0] : stack(shots);
}

/** Stack PNGs vertically, left-aligned, separated by a gap in the page's background colour. */
function stack(buffers, gap = 12) {
  const imgs = buffers.map((b) => PNG.sync.read(b));
  const width = Math.max(...imgs.map((i) => i.width));
  const height = imgs.reduce((h, i) => h + i.height, 0) + gap * (imgs.length - 1);
  const out = new PNG({ width, height });
  const bg = imgs[0].data.subarray(0, 4); // top-left pixel: the page background (crops have a margin)

  for (let p = 0; p < width * height; p++) {
    out.data.set(bg, p * 4);
  }
  let y = 0;

  for (const img of imgs) {
    PNG.bitblt(img, out, 0, 0, img.width, img.height, 0, y);
    y += img.height + gap;
  }

  return PNG.sync.write(out);
}

/** assets/screenshots/NAME-THEME.png, and zh-hans/NAME-THEME.png for Chinese */
export function sceneFile(scene, theme, locale = 'en-us') {
  return `${ locale === 'en-us' ? '' : `${ locale }/` }${ scene.name }-${ theme }.png`;
}

// Pixel comparison of a rendered scene with its committed screenshot (pixelmatch),
// writing the actual image and a diff image to test-results/screenshots/ on a mismatch.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { RESULTS } from './paths.mjs';

/** Per-pixel colour threshold of pixelmatch (0..1) and the share of pixels allowed to differ. */
export const PIXEL_THRESHOLD = 0.1;
export const MAX_DIFF_RATIO = Number(process.env.E2E_MAX_DIFF_RATIO || 0.002);

export const DIFF_DIR = path.join(RESULTS, 'screenshots');

/**
 * @param {Buffer} actualPng the scene as rendered now
 * @param {string} expectedFile the committed PNG
 * @returns {{ok: boolean, message: string, diffPixels?: number, ratio?: number, diffFile?: string}}
 */
export function compareWithCommitted(actualPng, expectedFile, name) {
  if (!fs.existsSync(expectedFile)) {
    writeResult(name, 'actual', actualPng);

    return { ok: false, message: `no committed screenshot ${ path.basename(expectedFile) }: run npm run screenshots` };
  }
  const expected = PNG.sync.read(fs.readFileSync(expectedFile));
  const actual = PNG.sync.read(actualPng);

  if (expected.width !== actual.width || expected.height !== actual.height) {
    const actualFile = writeResult(name, 'actual', actualPng);

    return {
      ok:      false,
      message: `size changed: committed ${ expected.width }x${ expected.height }, now ${ actual.width }x${ actual.height } (actual image: ${ actualFile }); if the change is intended, run npm run screenshots`,
    };
  }
  const { width, height } = expected;
  const diff = new PNG({ width, height });
  const diffPixels = pixelmatch(expected.data, actual.data, diff.data, width, height, { threshold: PIXEL_THRESHOLD });
  const ratio = diffPixels / (width * height);

  if (ratio > MAX_DIFF_RATIO) {
    const diffFile = writeResult(name, 'diff', PNG.sync.write(diff));

    writeResult(name, 'actual', actualPng);

    return {
      ok:      false,
      diffPixels,
      ratio,
      diffFile,
      message: `${ diffPixels } pixels differ (${ (ratio * 100).toFixed(3) }% > ${ (MAX_DIFF_RATIO * 100).toFixed(3) }%): diff image ${ diffFile }; if the change is intended, run npm run screenshots`,
    };
  }

  return { ok: true, diffPixels, ratio, message: `${ diffPixels } pixels differ (${ (ratio * 100).toFixed(3) }%)` };
}

function writeResult(name, kind, buf) {
  fs.mkdirSync(DIFF_DIR, { recursive: true });
  const file = path.join(DIFF_DIR, `${ name }.${ kind }.png`);

  fs.writeFileSync(file, buf);

  return path.relative(process.cwd(), file);
}

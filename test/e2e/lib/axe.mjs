// axe-core in the page (node_modules/axe-core/axe.min.js injected as a script), with
// the result reduced to what a report needs: rule, impact, help, and the selectors of
// the offending nodes.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.mjs';

const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Impacts that fail a test; `minor` is reported in the summary only. */
export const BLOCKING_IMPACTS = ['moderate', 'serious', 'critical'];

/**
 * Violations that do not fail, each with its reason: rule id, a regex on the node's
 * target selector, and why it is accepted. Empty: every moderate, serious or
 * critical violation in the tab fails the test that found it.
 * @type {Array<{id: string, target: RegExp, reason: string}>}
 */
export const AXE_EXCEPTIONS = [];

/**
 * Run axe on the page, limited to `include` (a CSS selector) when given.
 * @returns {Promise<Array<{id: string, impact: string, help: string, helpUrl: string, nodes: Array<{target: string, summary: string, html: string}>}>>}
 */
export async function runAxe(page, { include, exclude } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');

  if (!loaded) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const result = await page.evaluate(async({ include, exclude }) => {
    const context = {};

    if (include) {
      context.include = [include];
    }
    if (exclude) {
      context.exclude = [exclude];
    }

    return window.axe.run(include || exclude ? context : document, {
      resultTypes: ['violations'],
      // every rule axe runs by default (WCAG 2.0/2.1/2.2 A and AA + best practices)
    });
  }, { include, exclude });

  return result.violations.map((v) => ({
    id:      v.id,
    impact:  v.impact,
    help:    v.help,
    helpUrl: v.helpUrl,
    nodes:   v.nodes.map((n) => ({
      target:  n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | '),
      summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim(),
      html:    n.html.length > 160 ? `${ n.html.slice(0, 157) }...` : n.html,
    })),
  }));
}

const excepted = (v, n) => AXE_EXCEPTIONS.some((e) => e.id === v.id && e.target.test(n.target));

/** The violations that fail: blocking impact, minus the nodes of a named exception. */
export function blocking(violations) {
  return violations
    .filter((v) => BLOCKING_IMPACTS.includes(v.impact))
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !excepted(v, n)) }))
    .filter((v) => v.nodes.length);
}

export function formatViolations(violations, { maxNodes = 4 } = {}) {
  const lines = [];

  for (const v of violations) {
    lines.push(`[${ v.impact }] ${ v.id }: ${ v.help } (${ v.nodes.length } node${ v.nodes.length === 1 ? '' : 's' })`);
    for (const n of v.nodes.slice(0, maxNodes)) {
      lines.push(`    ${ n.target }`);
      lines.push(`      ${ n.html }`);
    }
    if (v.nodes.length > maxNodes) {
      lines.push(`    ... and ${ v.nodes.length - maxNodes } more`);
    }
  }

  return lines.join('\n');
}

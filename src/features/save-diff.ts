// Before/after of a save: the spec lines that change and, more usefully, the
// sample images whose route changes.
import { objectYaml } from '../lib/yaml-text';
import { resolveRoute } from '../route/route';
import { redactText } from '../lib/redact';
import { sampleImages } from './samples';
import type { Compiled } from '../route/compile';

export interface LineChange {
  op: ' ' | '+' | '-';
  text: string;
}

/** A line diff (LCS) of two texts; unchanged runs are kept for context. */
export function lineDiff(a: string, b: string): LineChange[] {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length * y.length > 4_000_000) {
    return [...x.map((t) => ({ op: '-' as const, text: t })), ...y.map((t) => ({ op: '+' as const, text: t }))];
  }
  const dp = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) dp[i][j] = x[i] === y[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      out.push({ op: ' ', text: x[i] });
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) out.push({ op: '-', text: x[i++] });
    else out.push({ op: '+', text: y[j++] });
  }
  while (i < x.length) out.push({ op: '-', text: x[i++] });
  while (j < y.length) out.push({ op: '+', text: y[j++] });
  return out;
}

export interface RouteChange {
  image: string;
  context: 'workload' | 'system';
  before: string[];
  after: string[];
  changed: boolean;
}

export interface SaveDiff {
  spec: LineChange[];
  specChanged: boolean;
  routes: RouteChange[];
}

export function saveDiff(beforeSpec: unknown, afterSpec: unknown, before: Compiled, after: Compiled, extraImages: string[] = []): SaveDiff {
  const a = redactText(objectYaml(beforeSpec ?? {}, { sortKeys: true }));
  const b = redactText(objectYaml(afterSpec ?? {}, { sortKeys: true }));
  const spec = lineDiff(a, b);
  const samples = new Map<string, { image: string; context: 'workload' | 'system' }>();
  for (const s of [...sampleImages(before.settings), ...sampleImages(after.settings), ...extraImages.map((image) => ({ image, context: 'workload' as const }))]) {
    samples.set(`${s.context}|${s.image}`, { image: s.image, context: s.context });
  }
  const routes = [...samples.values()].map(({ image, context }) => {
    const b4 = resolveRoute(before, image, { context }).attempts.map((x) => x.url);
    const af = resolveRoute(after, image, { context }).attempts.map((x) => x.url);
    return { image, context, before: b4, after: af, changed: JSON.stringify(b4) !== JSON.stringify(af) };
  });
  return { spec, specChanged: a !== b, routes };
}

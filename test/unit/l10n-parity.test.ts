// Every string of the extension (and of the standalone page) exists in English and in
// Simplified Chinese with the same placeholders, and parses with the message format
// Rancher's shell uses. The key lists are read from the files, so a key added to an
// en-us file later without its zh-hans twin fails here.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
export const L10N_PAIRS: Array<[string, string]> = [
  ['pkg/registry-mirrors/l10n/en-us.yaml', 'pkg/registry-mirrors/l10n/zh-hans.yaml'],
  ['harness/src/l10n/en-us.yaml', 'harness/src/l10n/zh-hans.yaml'],
];

type Leaves = Map<string, string>;

function leaves(file: string): Leaves {
  const out: Leaves = new Map();
  const walk = (node: unknown, prefix: string) => {
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else {
      out.set(prefix, String(node));
    }
  };
  walk(yaml.load(fs.readFileSync(path.join(ROOT, file), 'utf8')), '');
  return out;
}

/** Argument names used by a message (nested plural/select branches included), plus '#' for plural counts. */
export function placeholders(msg: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: any[]) => {
    for (const n of nodes) {
      if (n.type === 7) names.add('#');
      if (typeof n.value === 'string' && n.type !== 0) names.add(n.value);
      if (n.options) for (const o of Object.values<any>(n.options)) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(msg, locale).getAst() as any[]);
  return [...names].sort();
}

describe.each(L10N_PAIRS)('%s and %s', (enFile, zhFile) => {
  const en = leaves(enFile);
  const zh = leaves(zhFile);

  it('have the same keys', () => {
    expect([...en.keys()].filter((k) => !zh.has(k)), `keys of ${enFile} missing in ${zhFile}`).toEqual([]);
    expect([...zh.keys()].filter((k) => !en.has(k)), `keys of ${zhFile} not in ${enFile}`).toEqual([]);
  });

  it('use the same placeholders in every message, and every message formats', () => {
    const differ: string[] = [];
    for (const [key, enMsg] of en) {
      const zhMsg = zh.get(key);
      if (zhMsg === undefined) continue;
      const a = placeholders(enMsg, 'en-us');
      const b = placeholders(zhMsg, 'zh-hans');
      if (a.join(',') !== b.join(',')) differ.push(`${key}: en {${a}} zh {${b}}`);
      const args = Object.fromEntries(a.filter((n) => n !== '#').map((n) => [n, 2]));
      expect(() => new IntlMessageFormat(zhMsg, 'zh-hans').format(args), key).not.toThrow();
    }
    expect(differ).toEqual([]);
  });

  it('zh-hans is translated: no message is left identical to a long English one', () => {
    const untranslated = [...en].filter(([k, v]) => zh.get(k) === v && /[a-z]{3,} [a-z]{3,} [a-z]{3,}/i.test(v.replace(/\{[^}]*\}/g, '')));
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });
});

describe('placeholders()', () => {
  it('catches a renamed or missing placeholder', () => {
    expect(placeholders('{count, plural, one {# error} other {# errors}} in {file}', 'en-us')).toEqual(['#', 'count', 'file']);
    expect(placeholders('{count, plural, other {# 个错误}}', 'zh-hans')).toEqual(['#', 'count']);
  });
});

// The extension's strings, formatted like the shell's i18n store does
// (intl-messageformat over pkg/registry-mirrors/l10n/en-us.yaml): the flows find
// elements by the text and labels an admin sees, so a reworded string is followed
// here without touching the tests.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import * as imf from 'intl-messageformat';
import { ROOT, PKG_NAME } from './paths.mjs';

const IntlMessageFormat = imf.IntlMessageFormat || imf.default;
const FILE = path.join(ROOT, 'pkg', PKG_NAME, 'l10n', 'en-us.yaml');
let strings;

function load() {
  if (!strings) {
    strings = YAML.parse(fs.readFileSync(FILE, 'utf8'));
  }

  return strings;
}

/** The raw message of `key` (throws on a key that does not exist: the test is out of date). */
export function raw(key) {
  const v = key.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), load());

  if (typeof v !== 'string') {
    throw new Error(`l10n key ${ key } not found in ${ path.relative(ROOT, FILE) }`);
  }

  return v;
}

/** t(key, args) as the tab renders it (raw, not HTML-escaped). */
export function L(key, args = {}) {
  const msg = raw(key);

  return Object.keys(args).length || /[{}]/.test(msg) ? String(new IntlMessageFormat(msg, 'en-us').format(args)) : msg;
}

/** A RegExp that matches the formatted text exactly (for getByText/getByRole names). */
export function exact(key, args) {
  return new RegExp(`^\\s*${ escapeRe(L(key, args)) }\\s*$`);
}

export function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

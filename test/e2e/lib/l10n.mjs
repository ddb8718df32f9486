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
// the extension's strings and the standalone page's own (registryMirrorsHarness.*)
const files = (locale) => [path.join(ROOT, 'pkg', PKG_NAME, 'l10n', `${ locale }.yaml`), path.join(ROOT, 'harness', 'src', 'l10n', `${ locale }.yaml`)];
const strings = {};

function load(locale = 'en-us') {
  if (!strings[locale]) {
    strings[locale] = Object.assign({}, ...files(locale).map((f) => YAML.parse(fs.readFileSync(f, 'utf8'))));
  }

  return strings[locale];
}

/** The raw message of `key` (throws on a key that does not exist: the test is out of date). */
export function raw(key, locale = 'en-us') {
  const v = key.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), load(locale));

  if (typeof v !== 'string') {
    throw new Error(`l10n key ${ key } not found in ${ files(locale).map((f) => path.relative(ROOT, f)).join(' or ') }`);
  }

  return v;
}

/** t(key, args) as the tab renders it (raw, not HTML-escaped), in `locale` (en-us by default). */
export function L(key, args = {}, locale = 'en-us') {
  const msg = raw(key, locale);

  return Object.keys(args).length || /[{}]/.test(msg) ? String(new IntlMessageFormat(msg, locale).format(args)) : msg;
}

/** A RegExp that matches the formatted text exactly (for getByText/getByRole names). */
export function exact(key, args) {
  return new RegExp(`^\\s*${ escapeRe(L(key, args)) }\\s*$`);
}

export function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

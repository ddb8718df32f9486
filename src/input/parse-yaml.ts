// A registries file (or a Cluster manifest) as text, parsed as the node parses it: RKE2/K3s
// read registries.yaml with Go yaml.v2 (YAML 1.1), kubectl reads manifests as YAML 1.1 too.
// Kept apart from settings.ts (the settings of a Cluster resource) so that what reads a
// resource does not need the YAML parser: the tab loads it only when a tool panel opens.
import { LineCounter, parseAllDocuments, parseDocument, visit, isMap, isPair, isScalar, type Document, YAMLError } from 'yaml';
import { LIMITS } from '../lib/limits';
import { seal } from '../lib/memo';
import { redact } from '../lib/redact';
import { detectDocument } from './settings';
import { countAliases, RegionParser } from './yaml-regions';

export type YamlResult =
  | { ok: true; value: unknown; extraDocuments?: number }
  | { ok: false; error: string; line?: number; column?: number };

/** More aliases than a registries file ever needs: an alias bomb. */
const MAX_ALIASES = 100;
/** Values after expanding aliases; a registries file of the largest allowed size has far fewer. */
const MAX_EXPANDED_WITH_ALIASES = 20_000;

/** The YAML the node reads: RKE2/K3s parse registries.yaml with Go yaml.v2, which is YAML 1.1. */
// (duplicate keys are checked by duplicateKey below: the library's own check is quadratic)
export const NODE_YAML_OPTIONS = { version: '1.1', uniqueKeys: false, merge: true } as const;
/** Flow collections nested deeper than this are refused before parsing (the parser recurses). */
const MAX_FLOW_DEPTH = 500;

/** The first key repeated within one map (RKE2/K3s refuse such a file), in linear time. */
function duplicateKey(doc: Document): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const k = typeof pair.key.value === 'string' ? pair.key.value : String(pair.key.source ?? pair.key.value);
        if (k === '<<') continue;
        if (seen.has(k)) {
          found = { key: k, offset: pair.key.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(k);
      }
      return undefined;
    },
  });
  return found;
}

/** JavaScript's \s as a character code test. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** How deep [ and { nest outside quotes and comments: a cheap guard before the recursive parser. */
function flowDepth(text: string): number {
  if (!/[[{]/.test(text)) return 0;
  let depth = 0;
  let max = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 92 && quote === 34) i++; // \ in "…"
      else if (c === 39 && quote === 39 && text.charCodeAt(i + 1) === 39) i++; // '' in '…'
      else if (c === quote) quote = 0;
      continue;
    }
    const before = i === 0 ? 32 : text.charCodeAt(i - 1);
    if (c === 35 && (i === 0 || isSpace(before))) {
      // # comment
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if ((c === 34 || c === 39) && (depth > 0 || isSpace(before) || before === 58 || before === 91 || before === 123 || before === 44 || before === 45)) quote = c;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/**
 * Aliases are bounded here, as yaml.v2 bounds them: at most MAX_ALIASES in the text, and
 * the expanded document at most MAX_EXPANDED_WITH_ALIASES values. The library's own
 * count (100 uses of one anchor, weighed by its size) would refuse a file with 100
 * harmless aliases that the node reads.
 */
const TO_JS = { maxAliasCount: -1 } as const;

/** Fields of bool type in the node's Go structs (and in the Cluster API). */
const BOOL_FIELDS = new Set(['insecure_skip_verify', 'insecureSkipVerify']);

/**
 * A node registries.yaml as yaml.v2 decodes it into the agent's structs: a bool field
 * takes YAML 1.1 booleans (yes, on, y, true …), a string field or map key takes the
 * scalar's text as written (0x1F, 1e999, 2024-01-01, yes), null is "not set".
 */
function nodeView(doc: Document): unknown {
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value !== null && typeof pair.key.value !== 'string' && typeof pair.key.source === 'string') pair.key.value = pair.key.source;
    },
    Scalar(_, node, path) {
      if (node.value === null || typeof node.value === 'string' || typeof node.source !== 'string') return;
      const parent = path[path.length - 1];
      const boolField = isPair(parent) && isScalar(parent.key) && BOOL_FIELDS.has(String(parent.key.value)) && parent.value === node;
      if (typeof node.value === 'boolean' && boolField) return;
      node.value = node.source;
    },
  });
  return doc.toJS(TO_JS);
}

/** Root keys that make a document a Kubernetes object rather than a node file. */
const MANIFEST_KEYS = ['apiVersion', 'kind', 'spec', 'items'];

/**
 * One entry of a block map parsed alone, as parseYaml reads the whole file: in the node's
 * view ('node') or as plain YAML 1.1 ('js'); undefined on any error (the whole text is
 * then parsed, for the error's line and column).
 */
function parseEntry(text: string, mode: string): unknown {
  try {
    const doc = parseDocument(text, NODE_YAML_OPTIONS);
    if (doc.errors.length || duplicateKey(doc)) return undefined;
    return mode === 'node' ? nodeView(doc) : doc.toJS(TO_JS);
  } catch {
    return undefined;
  }
}

/** Registries files are parsed entry by entry, each entry memoised by its text (see yaml-regions.ts). */
const regions = new RegionParser(parseEntry);

/** Counts values as a consumer walking the document would see them (aliases expanded). */
function expandedSize(v: unknown, budget: { left: number }): void {
  if (--budget.left < 0) return;
  if (Array.isArray(v)) for (const x of v) expandedSize(x, budget);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) expandedSize(x, budget);
}

function yamlError(e: YAMLError): { ok: false; error: string; line?: number; column?: number } {
  const pos = e.linePos?.[0];
  return { ok: false, error: e.message.split(/ at line \d+, column \d+/)[0] || 'invalid YAML', line: pos?.line, column: pos?.col };
}

/**
 * Parses the first YAML document (as RKE2/K3s do), reporting errors with line:column.
 * YAML 1.1, as the node's yaml.v2 and kubectl's sigs.k8s.io/yaml read it: a node file
 * as the agent's structs take it (nodeView), a Cluster manifest with the YAML 1.1 types
 * (as kubectl turns it into JSON for the API). The value is read-only (sealed, deep-
 * frozen): the entries an edit left unchanged are the objects of the last parse, and
 * the settings read from them are memoised by their identity. Copy it to change it.
 */
export function parseYaml(text: string): YamlResult {
  return parse(text, true);
}

/** parseYaml without the entry memo: the whole text through the parser every time (the reference for tests). */
export function parseYamlWhole(text: string): YamlResult {
  return parse(text, false);
}

function parse(text: string, byEntry: boolean): YamlResult {
  if (text.length > LIMITS.fileBytes) {
    return { ok: false, error: `the file is ${(text.length / 1048576).toFixed(1)} MiB; registries.yaml files over ${LIMITS.fileBytes / 1048576} MiB are refused` };
  }
  if (text.includes('\u0000')) return { ok: false, error: 'the file contains NUL bytes: it is not a text YAML file' };
  const aliases = countAliases(text);
  if (aliases > MAX_ALIASES) return { ok: false, error: `the file uses ${aliases} YAML aliases (*name); more than ${MAX_ALIASES} is refused, as in an alias bomb` };
  const longKey = hasLongLine(text, 1024) && /^[ \t-]*([^\s#'"{[][^:\n]{1024,}):(?:[ \t]|$)/m.exec(text);
  if (longKey) {
    return { ok: false, error: 'an implicit key is longer than the 1024 characters YAML allows (RKE2/K3s refuse the file)', ...positionAt(text, longKey.index + longKey[0].indexOf(longKey[1])) };
  }
  if (flowDepth(text) > MAX_FLOW_DEPTH) return { ok: false, error: `the YAML is nested too deeply (more than ${MAX_FLOW_DEPTH} levels of [ or {) to be a registries file` };
  if (byEntry && aliases === 0) {
    // the common case, a text being edited: unchanged entries come from the last parse
    let mode = 'node';
    let value = regions.parse(text, (keys) => (mode = keys.some((k) => MANIFEST_KEYS.includes(k)) ? 'js' : 'node'));
    if (value !== undefined && mode === 'js' && detectDocument(value).kind === 'node') value = regions.parse(text, () => 'node');
    if (value !== undefined) return { ok: true, value };
  }
  let value: unknown;
  try {
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { ...NODE_YAML_OPTIONS, lineCounter });
    const list = Array.isArray(docs) ? docs : [];
    for (const d of list) {
      const e = d.errors[0];
      if (e) return yamlError(e);
      // duplicate keys are rejected, as RKE2/K3s do
      const dup = duplicateKey(d);
      if (dup) {
        const pos = lineCounter.linePos(dup.offset);
        return { ok: false, error: `duplicate key "${redact(dup.key.length > 80 ? `${dup.key.slice(0, 80)}…` : dup.key)}": a key appears twice in one map (RKE2/K3s refuse the file)`, line: pos.line, column: pos.col };
      }
    }
    const nonEmpty = list.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.value === null));
    if (nonEmpty.length > 1) {
      // the node would read the first only and silently ignore the rest: refuse instead
      return { ok: false, error: `the file holds ${nonEmpty.length} YAML documents; a registries file holds one (split it at ---)`, ...lineOf(text, /^---/m, /^\s*(#.*\n\s*)*---/.test(text) ? 1 : 0) };
    }
    const doc = nonEmpty[0];
    // a map without the keys of a Kubernetes object is a node file: read it once, as the node does
    const manifestKeys = isMap(doc?.contents) && doc.contents.items.some((p) => isScalar(p.key) && MANIFEST_KEYS.includes(String(p.key.value)));
    if (!doc) value = null;
    else if (!manifestKeys && isMap(doc.contents)) value = nodeView(doc);
    else {
      value = doc.toJS(TO_JS);
      if (detectDocument(value).kind === 'node') value = nodeView(doc);
    }
  } catch (e) {
    if (e instanceof YAMLError) return yamlError(e);
    if (e instanceof RangeError) return { ok: false, error: 'the YAML is nested too deeply to be a registries file' };
    return { ok: false, error: (e as Error).message };
  }
  // like yaml.v2's alias ratio check: aliases may not multiply the document
  const budget = { left: aliases > 0 ? MAX_EXPANDED_WITH_ALIASES : Infinity };
  if (aliases > 0) expandedSize(value, budget);
  if (budget.left < 0) {
    return { ok: false, error: `the document expands to more than ${MAX_EXPANDED_WITH_ALIASES.toLocaleString('en')} values through aliases (an alias bomb); RKE2/K3s refuse it too`, ...lineOf(text, FIRST_ALIAS, 0) };
  }
  return { ok: true, value: seal(value ?? null) };
}

/** An alias (*name) where YAML reads one; the match starts at the `*`. */
const FIRST_ALIAS = /(?<=^|[\s,[{:-])\*[^\s,\]}]+/m;

function hasLongLine(text: string, min: number): boolean {
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start >= min) return true;
    start = end + 1;
  }
  return false;
}

/** Line and column of the (nth+1) match of a pattern, for error messages. */
function lineOf(text: string, re: RegExp, nth: number): { line?: number; column?: number } {
  const g = new RegExp(re.source, 'gm');
  let m: RegExpExecArray | null = null;
  for (let i = 0; i <= nth; i++) {
    m = g.exec(text);
    if (!m) return {};
  }
  return positionAt(text, (m as RegExpExecArray).index);
}

/** Line and column (from 1) of an offset. */
function positionAt(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

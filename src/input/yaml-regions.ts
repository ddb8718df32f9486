// Incremental YAML: a block map split into its entries, each parsed on its own and
// memoised by its text. Between two keystrokes one entry of a registries file changes;
// the others are taken from the previous parse instead of being parsed again.
//
// Splitting is exact only where YAML's structure is plain to see from indentation, so it
// is tried only on such texts, and every doubt falls back to parsing the whole text:
// - no tabs in indentation, no CR, no BOM, no directives or document markers (--- ...),
//   no explicit keys (`? `, `: ` lines), no aliases and no merge keys (they join entries),
//   no `__proto__` key;
// - a block map's entries are the lines at its indentation that are neither blank, nor a
//   comment, nor a `- ` item (a sequence may sit at its key's indentation), and none may
//   start with `{` or `[` (a flow collection, or a complex key); a multi-line
//   scalar or flow collection cannot continue on such a line without a parse error, so
//   an entry that does so fails to parse on its own and the whole text is parsed instead;
// - every entry must parse without error to a map of exactly one key, and no key may
//   repeat within a map (the whole parse then reports the duplicate at its line).
// Errors therefore always come from the whole parse, with their line and column.
import { memoGeneration, seal } from '../lib/memo';

/** Entries smaller than this are parsed whole; larger ones with a nested block map are split again. */
const SPLIT_BYTES = 1024;
const MAX_DEPTH = 6;
/** Small entries per group, on average. */
const GROUP = 8;

/** A string hash of text[from, to) (FNV-1a). */
function hash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
/** Entries kept for reuse: some documents' worth. */
const MAX_MEMO = 20_000;

/** What a line is, for splitting: blank, a comment, a `- ` item, or anything else. */
const Kind = { Blank: 0, Comment: 1, Item: 2, Content: 3 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

interface Lines {
  text: string;
  start: number[];
  indent: number[];
  kind: Kind[];
}

function scanLines(text: string): Lines {
  const start: number[] = [];
  const indent: number[] = [];
  const kind: Kind[] = [];
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    let i = at;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const c = text[i];
    start.push(at);
    indent.push(i - at);
    if (i === end) kind.push(Kind.Blank);
    else if (c === '#') kind.push(Kind.Comment);
    else if (c === '-' && (i + 1 === end || text[i + 1] === ' ')) kind.push(Kind.Item);
    else kind.push(Kind.Content);
    at = end + 1;
  }
  start.push(text.length);
  return { text, start, indent, kind };
}

const PLAIN_FIRST = /[^\s#'"{}[\],&*!|>%@`?:-]/;
const AFTER_COLON = /^(?: +#.*)? *$/;

/** `key:` with nothing after the colon but a comment: its value is on the next lines. (No regex backtracking on long lines.) */
function isNestedKeyLine(line: string): boolean {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  const q = line[i];
  let colon: number;
  if (q === '"' || q === "'") {
    const close = line.indexOf(q, i + 1);
    if (close === -1 || (q === '"' && line.slice(i + 1, close).includes('\\')) || line[close + 1] === q) return false;
    colon = close + 1;
    while (line.charCodeAt(colon) === 32) colon++;
    if (line[colon] !== ':') return false;
  } else {
    if (!PLAIN_FIRST.test(q ?? '')) return false;
    colon = i;
    for (;;) {
      colon = line.indexOf(':', colon + 1);
      if (colon === -1) return false;
      if (colon + 1 === line.length || line[colon + 1] === ' ') break;
    }
    if (line.slice(i, colon).includes(' #')) return false;
  }
  return AFTER_COLON.test(line.slice(colon + 1));
}

/** Texts whose entries may depend on each other or on the document: parsed whole. */
function unsplittable(text: string): boolean {
  return text.includes('\t') || text.includes('\r') || text.includes('\uFEFF') || text.includes('<<') || /^(?:---|\.\.\.|%| *[?:](?: |$))/m.test(text) || countAliases(text) > 0;
}

const ALIAS_BEFORE = /[\s,[{:-]/;
const ALIAS_END = /[\s,\]}]/;

/** How many YAML aliases (*name) a text uses, as a quick scan (quotes and comments not excluded). */
export function countAliases(text: string): number {
  let n = 0;
  for (let i = text.indexOf('*'); i !== -1; ) {
    const before = i === 0 ? '\n' : text[i - 1];
    let end = i + 1;
    while (end < text.length && !ALIAS_END.test(text[end])) end++;
    if (end > i + 1 && (before === '\n' || ALIAS_BEFORE.test(before))) {
      n++;
      i = text.indexOf('*', end);
    } else i = text.indexOf('*', i + 1);
  }
  return n;
}

class Fail extends Error {}

/** Whether b is a's text with a small part changed: the common prefix and suffix cover most of it. */
function isEdit(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  if (n < Math.max(a.length, b.length) / 2) return false;
  let p = 0;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let q = 0;
  while (q < n - p && a.charCodeAt(a.length - 1 - q) === b.charCodeAt(b.length - 1 - q)) q++;
  return p + q >= n / 2;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Parses texts entry by entry, memoising each entry by its text. The memo keeps the
 * entries of the last parse only (two generations), so it never holds more than about
 * two documents, and successive edits of one document reuse all unchanged entries.
 * Values are sealed (deep-frozen, src/lib/memo.ts): an unchanged entry is the same
 * object as in the last parse, so what is derived from it downstream is memoised by
 * its identity.
 */
export class RegionParser {
  /** view → entry text → value: the entries of the last parse, and of this one */
  private prev = new Map<string, Map<string, unknown>>();
  private cur = new Map<string, Map<string, unknown>>();
  private lastText = '';
  private lastMode = '';
  /** the text of the last call, split or not */
  private seen = '';
  private lastValue: unknown = undefined;
  /** the maps split into entries in the last parse, by view and key path: reused when their entries are */
  private maps = new Map<string, Record<string, unknown>>();
  private nextMaps = new Map<string, Record<string, unknown>>();
  /** memoGeneration() of the last parse: forgetMemos() empties this parser's tables too */
  private generation = memoGeneration();

  /** chunk(text) parses one piece in a given view; modeFor picks the view from the root keys. */
  constructor(private readonly chunk: (text: string, mode: string) => unknown) {}

  /**
   * The value of the whole text, or undefined when it cannot be split exactly (then
   * parse the whole text). minBytes: shorter texts are not worth splitting.
   */
  parse(text: string, modeFor: (rootKeys: string[]) => string, minBytes = 4096): unknown {
    if (text.length < minBytes || unsplittable(text)) return undefined;
    if (this.generation !== memoGeneration()) this.forget();
    // a text that is not an edit of the last one (a file read once, another document), or
    // the same text again after a whole parse: parsing it whole is cheaper than parsing
    // each entry on its own
    const seen = this.seen;
    this.seen = text;
    if (!isEdit(seen, text) || (text === seen && text !== this.lastText)) {
      this.prev = new Map();
      return undefined;
    }
    const lines = scanLines(text);
    this.cur = new Map();
    let value: unknown;
    try {
      const root = this.entries(lines, 0, lines.kind.length, 0);
      const mode = modeFor(root.map((e) => this.key(lines, e.line, 'js')));
      if (text === this.lastText && mode === this.lastMode) value = this.lastValue;
      else {
        this.nextMaps = new Map();
        value = this.map(lines, root, mode, 0, mode);
        this.maps = this.nextMaps;
        this.lastText = text;
        this.lastMode = mode;
        this.lastValue = value;
      }
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      value = undefined;
    }
    // the entries of this parse are the ones the next may reuse; after a failure (a text
    // being typed) the previous entries stay too, within a bound
    const size = (m: Map<string, Map<string, unknown>>) => [...m.values()].reduce((n, x) => n + x.size, 0);
    if (value === undefined && size(this.prev) + size(this.cur) <= MAX_MEMO) {
      for (const [mode, entries] of this.cur) for (const [k, v] of entries) this.table(this.prev, mode).set(k, v);
    } else this.prev = this.cur;
    this.cur = new Map();
    return value;
  }

  private forget(): void {
    this.prev = new Map();
    this.cur = new Map();
    this.maps = new Map();
    this.lastText = this.lastMode = this.seen = '';
    this.lastValue = undefined;
    this.generation = memoGeneration();
  }

  /** The entries of the block map whose entries sit at `indent` in lines [from, to). */
  private entries(l: Lines, from: number, to: number, indent: number): Array<{ line: number; end: number }> {
    const out: Array<{ line: number; end: number }> = [];
    for (let i = from; i < to; i++) {
      const k = l.kind[i];
      if (k === Kind.Blank || k === Kind.Comment) continue;
      if (l.indent[i] < indent) throw new Fail();
      if (l.indent[i] > indent || k === Kind.Item) {
        if (out.length === 0) throw new Fail();
        continue;
      }
      // a line that starts a flow collection is no `key:` entry (or its key is one): a
      // single-key `{k: v}` would parse alone to a map of one key, as an entry does
      const c = l.text[l.start[i] + indent];
      if (c === '{' || c === '[') throw new Fail();
      if (out.length) out[out.length - 1].end = i;
      out.push({ line: i, end: to });
    }
    if (out.length === 0) throw new Fail();
    return out;
  }

  /** `path`: the view and the keys down to this map (a map with the same entries as there in the last parse is that map again). */
  private map(l: Lines, entries: Array<{ line: number; end: number }>, mode: string, depth: number, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    const put = (key: string, value: unknown) => {
      if (seen.has(key) || key === '__proto__') throw new Fail();
      seen.add(key);
      out[key] = value;
    };
    // small entries are parsed in groups (a parse has a fixed cost); a group ends after an
    // entry whose key line hashes to 0 mod GROUP, so inserting or editing an entry leaves
    // the other groups as they were
    let from = -1;
    let count = 0;
    const flush = (to: number) => {
      if (from === -1) return;
      const v = this.parsed(l.text.slice(l.start[entries[from].line], l.start[entries[to - 1].end]), mode);
      if (!isPlainObject(v)) throw new Fail();
      const ks = Object.keys(v);
      if (ks.length !== count) throw new Fail();
      for (const k of ks) put(k, v[k]);
      from = -1;
      count = 0;
    };
    entries.forEach((e, i) => {
      const nested = depth < MAX_DEPTH && l.start[e.end] - l.start[e.line] > SPLIT_BYTES ? this.nested(l, e) : undefined;
      if (nested) {
        flush(i);
        const key = this.key(l, e.line, mode);
        put(key, this.map(l, this.entries(l, e.line + 1, e.end, nested), mode, depth + 1, `${path}\u0000${key}`));
        return;
      }
      if (from === -1) from = i;
      count++;
      if (hash(l.text, l.start[e.line], l.start[e.line + 1]) % GROUP === 0 || l.start[e.end] - l.start[entries[from].line] > SPLIT_BYTES) flush(i + 1);
    });
    flush(entries.length);
    // the same keys in the same order with the same (sealed) values as last time: the same object again
    const last = this.maps.get(path);
    const keys = Object.keys(out);
    const lastKeys = last ? Object.keys(last) : [];
    const value = last && lastKeys.length === keys.length && keys.every((k, i) => lastKeys[i] === k && last[k] === out[k]) ? last : seal(out);
    this.nextMaps.set(path, value);
    return value;
  }

  /** The indentation of an entry's nested block map, if its key line is `key:` followed by one. */
  private nested(l: Lines, e: { line: number; end: number }): number | undefined {
    const line = l.text.slice(l.start[e.line], l.start[e.line + 1]).replace(/\n$/, '');
    if (!isNestedKeyLine(line)) return undefined;
    for (let i = e.line + 1; i < e.end; i++) {
      const k = l.kind[i];
      if (k === Kind.Blank || k === Kind.Comment) continue;
      return k === Kind.Content && l.indent[i] > l.indent[e.line] ? l.indent[i] : undefined;
    }
    return undefined;
  }

  /** The key of an entry, read by parsing its key line alone (`key:` → {key: null}). */
  private key(l: Lines, line: number, mode: string): string {
    const v = this.parsed(l.text.slice(l.start[line], l.start[line + 1]), mode);
    if (!isPlainObject(v)) throw new Fail();
    const ks = Object.keys(v);
    if (ks.length !== 1) throw new Fail();
    return ks[0];
  }

  private table(gen: Map<string, Map<string, unknown>>, mode: string): Map<string, unknown> {
    let t = gen.get(mode);
    if (!t) gen.set(mode, (t = new Map()));
    return t;
  }

  private parsed(text: string, mode: string): unknown {
    const cur = this.table(this.cur, mode);
    let v = cur.get(text);
    if (v === undefined) {
      v = this.prev.get(mode)?.get(text);
      if (v === undefined) {
        // a copy, so that the value holds the entry and not the whole text it was cut from
        v = this.chunk(` ${text}`.slice(1), mode);
        if (v === undefined) throw new Fail();
        seal(v);
      }
      cur.set(text, v);
    }
    return v;
  }
}

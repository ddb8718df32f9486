import { Memo } from '../lib/memo';
// Repository rewrites as the K3s containerd fork applies them: Go RE2 syntax,
// regexp.ReplaceAllString with Go's Expand rules for the replacement.
import { re2, type RE2JS } from './re2';

export type CompiledPattern = { ok: true; re: RE2JS } | { ok: false; error: string };

const compiled = new Memo<string, CompiledPattern>(5001);
/** the groups of each name, leftmost first (Go allows a name more than once) */
const groupsByName = new WeakMap<RE2JS, ReadonlyMap<string, readonly number[]>>();

/** Compiles a pattern with Go's syntax (RE2); the result is cached. */
export function compilePattern(pattern: string): CompiledPattern {
  return compiled.get(pattern, () => compileGo(re2(), pattern));
}

const parseError = (e: unknown) => (e as Error).message.replace(/^error parsing regexp: /, '');

function compileGo(engine: typeof RE2JS, pattern: string): CompiledPattern {
  try {
    return { ok: true, re: engine.compile(pattern) };
  } catch (e) {
    const error = parseError(e);
    // Go's regexp/syntax has no duplicate-name check (RE2, and so RE2JS, has): give each
    // named group a name of its own for RE2JS and keep Go's names beside the pattern
    if (!error.startsWith('duplicate capture group name')) return { ok: false, error };
    const names = captureNames(pattern);
    const taken = new Set(names.map((n) => n.name));
    let prefix = 'g';
    while ([...taken].some((t) => t.startsWith(prefix))) prefix += '_';
    let renamed = '';
    let last = 0;
    names.forEach((n, k) => {
      renamed += `${pattern.slice(last, n.start)}${prefix}${k}`;
      last = n.end;
    });
    renamed += pattern.slice(last);
    const goName = (own: string) => names[Number(own.slice(prefix.length))]?.name ?? own;
    try {
      const re = engine.compile(renamed);
      const byName = new Map<string, number[]>();
      const own = Object.entries(re.namedGroups() as Record<string, number>).sort((a, b) => a[1] - b[1]);
      for (const [name, index] of own) {
        const list = byName.get(goName(name)) ?? [];
        list.push(index);
        byName.set(goName(name), list);
      }
      groupsByName.set(re, byName);
      return { ok: true, re };
    } catch (e2) {
      // another error further on: said with the pattern's own names
      return { ok: false, error: parseError(e2).replace(new RegExp(`<${prefix}(\\d+)>`, 'g'), (_, k: string) => `<${goName(prefix + k)}>`) };
    }
  }
}

/**
 * Where the names of the named groups, (?P<name> and (?<name>, stand in a pattern, read as
 * Go's parser reads it: not after a backslash, nor inside \Q…\E or a [ ] class.
 */
function captureNames(pattern: string): Array<{ name: string; start: number; end: number }> {
  const out: Array<{ name: string; start: number; end: number }> = [];
  const named = /\(\?P?<([A-Za-z0-9_]+)>/y;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\' && pattern[i + 1] === 'Q') {
      const e = pattern.indexOf('\\E', i + 2);
      i = e === -1 ? pattern.length : e + 2;
    } else if (c === '\\') {
      i += 2;
    } else if (c === '[') {
      i = classEnd(pattern, i);
    } else {
      named.lastIndex = i;
      const m = named.exec(pattern);
      if (m) {
        const end = i + m[0].length - 1;
        out.push({ name: m[1], start: end - m[1].length, end });
        i = end + 1;
      } else {
        i++;
      }
    }
  }
  return out;
}

/** The index after the ] that closes the class opening at `start` (Go's parseClass). */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  let first = true; // a ] first in the class is a character of it
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    first = false;
    const posix = pattern.startsWith('[:', i) ? pattern.indexOf(':]', i + 2) : -1;
    if (posix !== -1) i = posix + 2;
    else i += pattern[i] === '\\' ? 2 : 1;
  }
  return i + 1;
}

/** The groups of each name of a compiled pattern, leftmost first. */
export function namedGroupIndexes(re: RE2JS): ReadonlyMap<string, readonly number[]> {
  let byName = groupsByName.get(re);
  if (!byName) {
    byName = new Map(Object.entries(re.namedGroups() as Record<string, number>).map(([name, index]) => [name, [index]]));
    groupsByName.set(re, byName);
  }
  return byName;
}

function isNameChar(c: string): boolean {
  return /[\p{L}\p{Nd}_]/u.test(c);
}

/** Go's regexp.extract: a $name or ${name} at the start of `t`. */
function extract(t: string): { name: string; num: number; rest: string } | null {
  let brace = false;
  if (t[0] === '{') {
    brace = true;
    t = t.slice(1);
  }
  let i = 0;
  while (i < t.length && isNameChar(t[i])) i++;
  if (i === 0) return null;
  const name = t.slice(0, i);
  if (brace) {
    if (t[i] !== '}') return null; // also at the end of t
    i++;
  }
  let num = 0;
  for (const ch of name) {
    if (ch < '0' || ch > '9' || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + Number(ch);
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: t.slice(i) };
}

function expand(template: string, groups: Array<string | null>, named: ReadonlyMap<string, readonly number[]>): string {
  let out = '';
  let t = template;
  for (;;) {
    const i = t.indexOf('$');
    if (i === -1) break;
    out += t.slice(0, i);
    t = t.slice(i + 1);
    if (t[0] === '$') {
      out += '$';
      t = t.slice(1);
      continue;
    }
    const x = extract(t);
    if (!x) {
      out += '$';
      continue;
    }
    t = x.rest;
    if (x.num >= 0) {
      out += groups[x.num] ?? '';
    } else {
      // Go's Expand: the leftmost group of that name that took part in the match
      const g = named.get(x.name)?.find((k) => groups[k] !== null);
      if (g !== undefined) out += groups[g];
    }
  }
  return out + t;
}

/** The groups a replacement refers to ($1, ${2}, $name), read as Go's Expand reads them. */
export function replacementRefs(template: string): Array<{ name: string; num: number }> {
  const out: Array<{ name: string; num: number }> = [];
  let t = template;
  for (;;) {
    const i = t.indexOf('$');
    if (i === -1) return out;
    t = t.slice(i + 1);
    if (t[0] === '$') {
      t = t.slice(1);
      continue;
    }
    const x = extract(t);
    if (!x) continue;
    out.push({ name: x.name, num: x.num });
    t = x.rest;
  }
}

/** regexp.ReplaceAllString(src, repl) with Go's semantics. */
export function replaceAll(re: RE2JS, src: string, repl: string): string {
  const m = re.matcher(src);
  const named = namedGroupIndexes(re);
  const n = re.groupCount();
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length && m.find(searchPos)) {
    const a0 = m.start();
    const a1 = m.end();
    out += src.slice(lastMatchEnd, a0);
    // Go skips an empty match right after the previous match.
    if (a1 > lastMatchEnd || a0 === 0) {
      const groups: Array<string | null> = [];
      for (let g = 0; g <= n; g++) groups.push(m.group(g));
      out += expand(repl, groups, named);
    }
    lastMatchEnd = a1;
    if (searchPos + 1 > a1) searchPos++;
    else searchPos = a1;
  }
  return out + src.slice(lastMatchEnd);
}

export type RewriteResult = { repository: string; pattern?: string; replacement?: string };
const applied = new WeakMap<Array<[string, string]>, Memo<string, RewriteResult>>();

/** applyRewrites memoised per rewrite list (the list must not be mutated afterwards). */
export function applyRewritesCached(rewrites: Array<[string, string]>, repository: string): RewriteResult {
  let m = applied.get(rewrites);
  if (!m) applied.set(rewrites, (m = new Memo(10_000)));
  return m.get(repository, () => applyRewrites(rewrites, repository));
}

/** The first rewrite (in the given order) that changes the repository. */
export function applyRewrites(
  rewrites: Array<[string, string]>,
  repository: string,
): RewriteResult {
  for (const [pattern, replacement] of rewrites) {
    const c = compilePattern(pattern);
    if (!c.ok) continue;
    const r = replaceAll(c.re, repository, replacement);
    if (r !== repository) return { repository: r, pattern, replacement };
  }
  return { repository };
}

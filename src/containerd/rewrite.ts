import { Memo } from '../lib/memo';
// Repository rewrites as the K3s containerd fork applies them: Go RE2 syntax,
// regexp.ReplaceAllString with Go's Expand rules for the replacement.
import { RE2JS } from 're2js';

export type CompiledPattern = { ok: true; re: RE2JS } | { ok: false; error: string };

const compiled = new Memo<string, CompiledPattern>(5001);

/** Compiles a pattern with Go's syntax (RE2); the result is cached. */
export function compilePattern(pattern: string): CompiledPattern {
  return compiled.get(pattern, () => {
    try {
      return { ok: true, re: RE2JS.compile(pattern) };
    } catch (e) {
      return { ok: false, error: (e as Error).message.replace(/^error parsing regexp: /, '') };
    }
  });
}

function isNameChar(c: string): boolean {
  return /[\p{L}\p{Nd}_]/u.test(c);
}

/** Go's regexp.extract: a $name or ${name} at the start of `t`. */
function extract(t: string): { name: string; num: number; rest: string } | null {
  if (t === '') return null;
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
    if (i >= t.length || t[i] !== '}') return null;
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

function expand(template: string, groups: Array<string | null>, named: Record<string, number>): string {
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
    } else if (x.name in named) {
      out += groups[named[x.name]] ?? '';
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
  const named = re.namedGroups();
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

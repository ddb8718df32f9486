// The TOML dialects containerd reads hosts.toml with differ from smol-toml's
// (TOML 1.1) in the escapes of basic strings and raw newlines in keys. This
// pass rejects what the node's parser rejects and rewrites what it accepts
// into the equivalent TOML 1.1, before smol-toml sees the text.
//
// - go-toml v1 (containerd 1.6 and 1.7): escapes \b \t \n \f \r \" \\ \/ \uXXXX
//   \UXXXXXXXX; a raw newline inside a quoted key is accepted. (measured with ctr 1.6)
// - TOML 1.0 (go-toml v2, containerd 2.x): the same without \/; no \e, no \xHH.

export type TomlDialect = 'go-toml-v1' | 'toml-1.0';

export type DialectResult = { ok: true; text: string } | { ok: false; error: string };

const COMMON = new Set(['b', 't', 'n', 'f', 'r', '"', '\\', 'u', 'U']);

export function toToml11(text: string, dialect: TomlDialect): DialectResult {
  if (text.includes('"""')) return { ok: true, text };
  let out = '';
  let i = 0;
  let lineHasContent = false;
  let prev = '';
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      const end = nl === -1 ? text.length : nl;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '\n') {
      out += c;
      lineHasContent = false; // prev counts only once the line has content
      i++;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end === -1 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop;
      lineHasContent = true;
      prev = "'";
      continue;
    }
    if (c !== '"') {
      out += c;
      if (c !== ' ' && c !== '\t') {
        lineHasContent = true;
        prev = c;
      }
      i++;
      continue;
    }
    // a basic string: a key when it starts a line or follows a dot
    const isKey = !lineHasContent || prev === '.';
    out += '"';
    i++;
    for (;;) {
      if (i >= text.length) return { ok: true, text: out };
      const s = text[i];
      if (s === '"') {
        out += '"';
        i++;
        break;
      }
      if (s === '\n') {
        if (dialect === 'go-toml-v1' && isKey) {
          out += '\\n';
          i++;
          continue;
        }
        return { ok: false, error: 'unescaped control character U+000A in a string' };
      }
      if (s === '\\') {
        const n = text[i + 1] ?? '';
        if (COMMON.has(n)) out += `\\${n}`;
        else if (n === '/' && dialect === 'go-toml-v1') out += '/';
        else return { ok: false, error: `invalid escape sequence: \\${n}` };
        i += 2;
        continue;
      }
      out += s;
      i++;
    }
    lineHasContent = true;
    prev = '"';
  }
  return { ok: true, text: out };
}

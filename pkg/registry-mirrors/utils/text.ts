// Small helpers to render long technical strings (URLs, image names) readably.

/**
 * A URL or image name cut where a line may break: after each `/` (not inside `//`),
 * and before `?` and `&`. Render the pieces with <wbr> between them, so a long URL
 * wraps at a path boundary instead of mid-word ("…/mani|fests").
 */
export function wrapParts(s: string): string[] {
  const out: string[] = [];
  let cur = '';

  for (let i = 0; i < s.length; i++) {
    const ch = s[i];

    if ((ch === '?' || ch === '&') && cur) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
    if (ch === '/' && s[i + 1] !== '/') {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) {
    out.push(cur);
  }

  return out;
}

export interface MessagePart {
  text: string;
  /** the argument's name when this part is an argument's value */
  arg?: string;
}

const MARK = '\u0001';

/**
 * A translated message split around its arguments, so that they can be styled (as
 * code, say) without splitting the sentence into separately translated pieces.
 * `format` is the component's tr(); the arguments must be plain strings.
 */
export function messageParts(format: (key: string, args: Record<string, unknown>) => string, key: string, args: Record<string, string>): MessagePart[] {
  const marked: Record<string, string> = {};

  for (const name of Object.keys(args)) {
    marked[name] = `${ MARK }${ name }${ MARK }`;
  }
  const pieces = format(key, marked).split(MARK);

  return pieces
    .map((p, i) => (i % 2 ? { text: args[p] ?? '', arg: p } : { text: p }))
    .filter((p) => p.arg || p.text);
}

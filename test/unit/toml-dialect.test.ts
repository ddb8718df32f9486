// toToml11 on its own: what the node's TOML parser accepts in a basic string, and the
// TOML 1.1 text smol-toml is given instead. Expected values worked out by hand from
// the TOML 1.0 spec (basic-string escapes: \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX;
// literal strings and comments are taken as written) and go-toml v1's extra rules as
// measured with containerd 1.6's ctr (test/conformance/FINDINGS.md): \/ is accepted
// as "/", and a raw newline inside a quoted key is accepted as a newline.
import { describe, expect, it } from 'vitest';
import { toToml11 } from '../../src/containerd/toml-dialect';

const ok = (text: string) => ({ ok: true, text });
const both = ['go-toml-v1', 'toml-1.0'] as const;

describe('toToml11: basic-string escapes', () => {
  it.each(both)('%s keeps every TOML 1.0 escape as written', (dialect) => {
    const text = 'a = "\\b\\t\\n\\f\\r\\"\\\\\\u00e9\\U0001F600"\n';
    expect(toToml11(text, dialect)).toEqual(ok(text));
  });

  it('go-toml v1 reads \\/ as "/"; TOML 1.0 refuses it', () => {
    expect(toToml11('[host."https://m"]\n  rewrite = { "^a\\/(.*)" = "b/$1" }\n', 'go-toml-v1')).toEqual(
      ok('[host."https://m"]\n  rewrite = { "^a/(.*)" = "b/$1" }\n'),
    );
    expect(toToml11('a = "x\\/y"', 'toml-1.0')).toEqual({ ok: false, error: 'invalid escape sequence: \\/' });
  });

  it.each(both)('%s refuses the TOML 1.1 escapes \\e and \\xHH, and a lone backslash at the end', (dialect) => {
    expect(toToml11('a = "\\e"', dialect)).toEqual({ ok: false, error: 'invalid escape sequence: \\e' });
    expect(toToml11('a = "\\x41"', dialect)).toEqual({ ok: false, error: 'invalid escape sequence: \\x' });
    expect(toToml11('a = "\\', dialect)).toEqual({ ok: false, error: 'invalid escape sequence: \\' });
  });

  it('the escape after an escaped quote is still checked (the quote does not end the string)', () => {
    expect(toToml11('a = "\\"\\e"', 'go-toml-v1')).toEqual({ ok: false, error: 'invalid escape sequence: \\e' });
  });
});

describe('toToml11: what is not a basic string is taken as written', () => {
  it.each(both)('%s: literal strings keep their backslashes, even \\e', (dialect) => {
    const text = "a = 'x\\e\\/y'\nb = 'it''s'\n";
    expect(toToml11(text, dialect)).toEqual(ok(text));
  });

  it.each(both)('%s: a comment may hold anything, a quote or a bad escape', (dialect) => {
    const text = 'a = 1 # "\\e \' unclosed\nb = "\\t"\n';
    expect(toToml11(text, dialect)).toEqual(ok(text));
  });

  it.each(both)('%s: a comment on the last line, with no newline after it, ends the text', (dialect) => {
    const text = 'a = "\\t" # the end, a " and \\e included';
    expect(toToml11(text, dialect)).toEqual(ok(text));
  });

  it.each(both)('%s: a multi-line string is left to the TOML parser', (dialect) => {
    const text = 'a = """\n\\e\n"""\n';
    expect(toToml11(text, dialect)).toEqual(ok(text));
  });

  it.each(both)('%s: an unclosed literal string runs to the end of the text', (dialect) => {
    expect(toToml11("a = 'x\"\\e", dialect)).toEqual(ok("a = 'x\"\\e"));
  });

  it.each(both)('%s: an unclosed basic string is handed on as far as it goes', (dialect) => {
    expect(toToml11('a = "xy', dialect)).toEqual(ok('a = "xy'));
  });
});

describe('toToml11: a raw newline inside a quoted string', () => {
  it('go-toml v1 accepts it in a key at the start of a line (after indentation too)', () => {
    expect(toToml11('"a\nb" = 1\n', 'go-toml-v1')).toEqual(ok('"a\\nb" = 1\n'));
    expect(toToml11(' \t"a\nb" = 1\n', 'go-toml-v1')).toEqual(ok(' \t"a\\nb" = 1\n'));
  });

  it('go-toml v1 accepts it in a dotted key part, after the dot', () => {
    expect(toToml11('x."a\nb" = 1\n', 'go-toml-v1')).toEqual(ok('x."a\\nb" = 1\n'));
    expect(toToml11('[host."a\nb"]\n', 'go-toml-v1')).toEqual(ok('[host."a\\nb"]\n'));
  });

  it('go-toml v1 refuses it in a value, and in a key that follows a value on the line', () => {
    const error = { ok: false, error: 'unescaped control character U+000A in a string' };
    expect(toToml11('a = "x\ny"\n', 'go-toml-v1')).toEqual(error);
    expect(toToml11('r = { "k" = "x\ny" }\n', 'go-toml-v1')).toEqual(error);
    expect(toToml11("a = 'v' \"x\ny\"\n", 'go-toml-v1')).toEqual(error);
  });

  it('a new line starts a new key position: the value of one line does not make the next key a value', () => {
    expect(toToml11('a = "v"\n"k\ney" = 1\n', 'go-toml-v1')).toEqual(ok('a = "v"\n"k\\ney" = 1\n'));
    expect(toToml11('a = 1 # c\n"k\ney" = 1\n', 'go-toml-v1')).toEqual(ok('a = 1 # c\n"k\\ney" = 1\n'));
  });

  it('TOML 1.0 refuses it everywhere, keys included', () => {
    expect(toToml11('"a\nb" = 1\n', 'toml-1.0')).toEqual({ ok: false, error: 'unescaped control character U+000A in a string' });
  });
});

// What the user typed may hold credentials (user:password@ in a URL, tokens in a
// query). Everything the engine shows or writes goes through here. Linear time.

const MAX_SHOWN = 200;

/** name@sha256:… – an image digest, not the end of a credential */
const DIGEST_AFTER_AT = /^(?:sha256|sha384|sha512|blake3)(?:[+._-][A-Za-z0-9]+)*:/i;

/** the last @ that may end a credential (an @ that starts a digest does not) */
function credentialAt(s: string): number {
  let at = s.lastIndexOf('@');
  while (at !== -1 && DIGEST_AFTER_AT.test(s.slice(at + 1, at + 80))) at = s.lastIndexOf('@', at - 1);
  return at;
}

/** Hides user info and query values of a URL-ish string, and shortens it for messages. */
export function redact(s: string): string {
  let out = s;
  const start = out.indexOf('://') >= 0 ? out.indexOf('://') + 3 : 0;
  // any @ may end a credential, even one a URL parser would not read as user info
  const at = credentialAt(out);
  if (at >= start) out = `${out.slice(0, start)}xxxxx${out.slice(at)}`;
  const q = out.indexOf('?');
  if (q !== -1) out = `${out.slice(0, q)}?xxxxx`;
  return out.length > MAX_SHOWN ? `${out.slice(0, MAX_SHOWN)}… (${s.length} characters)` : out;
}

/** True when a host or URL may carry user info (any @). */
export function hasUserInfo(s: string): boolean {
  return s.includes('@');
}

/**
 * Hides credentials everywhere in a multi-line text (YAML of a spec, a file):
 * user info after a scheme (//user:password@host), user info at the start of a
 * value or key without a scheme (user:password@host, as containerd reads an
 * endpoint without scheme), and the query of a URL (?token=…), as redact() does.
 */
export function redactText(text: string): string {
  return (
    text
      .replace(/\/\/[^\s/@"']*@/g, '//xxxxx@')
      .replace(/(^|[\s"'[{,/(=])[^\s/@"'[\]{},#?]+@(?!(?:sha256|sha384|sha512|blake3)(?:[+._-][A-Za-z0-9]+)*:)/gim, '$1xxxxx@')
      // per token, not one regex: a scan from every // to a ? would be quadratic
      .replace(/[^\s"']+/g, (token) => {
        const slashes = token.indexOf('//');
        const q = slashes === -1 ? -1 : token.indexOf('?', slashes + 2);
        return q === -1 ? token : `${token.slice(0, q)}?xxxxx`;
      })
  );
}

/** True when a URL (with or without scheme) has user info before its host: scheme://user[:password]@host. */
export function urlHasUserInfo(s: string): boolean {
  return /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^/?#@\s]+@/.test(s.trim());
}

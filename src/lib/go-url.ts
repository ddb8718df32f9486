// The parts of Go's net/url that decide how K3s and containerd read an
// endpoint: what parses, which host and port come out, and how it prints.

export interface GoUrl {
  scheme: string;
  user?: { username: string; password?: string };
  /** host[:port] as written (IPv6 in brackets) */
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
  hasFragment: boolean;
  forceQuery: boolean;
}

export class GoUrlError extends Error {}

function getScheme(raw: string): { scheme: string; rest: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new GoUrlError('missing protocol scheme');
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

// Characters Go accepts unescaped in a host (net/url shouldEscape, encodeHost).
function validHostChars(host: string): string | undefined {
  for (const ch of host) {
    const code = ch.codePointAt(0) as number;
    if (code >= 0x80) continue;
    if (/[A-Za-z0-9\-._~!$&'()*+,;=:\[\]<>"%]/.test(ch)) continue;
    return ch;
  }
  return undefined;
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new GoUrlError('missing \']\' in host');
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new GoUrlError(`invalid port "${colonPort}" after host`);
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new GoUrlError(`invalid port "${colonPort}" after host`);
    }
  }
  const bad = validHostChars(host);
  if (bad !== undefined) throw new GoUrlError(`invalid character ${JSON.stringify(bad)} in host name`);
  return host;
}

/** net/url unescape: every % must start a two-digit hex escape. */
function checkEscapes(s: string): void {
  const m = /%(?![0-9a-fA-F]{2})(.{0,2})/.exec(s);
  if (m) throw new GoUrlError(`invalid URL escape "%${m[1]}"`);
}

export function parseGoUrl(rawIn: string): GoUrl {
  // eslint-disable-next-line no-control-regex -- Go's url.Parse rejects ASCII control characters
  if (/[\x00-\x1f\x7f]/.test(rawIn)) throw new GoUrlError('invalid control character in URL');
  let raw = rawIn;
  let fragment = '';
  let hasFragment = false;
  const hash = raw.indexOf('#');
  if (hash !== -1) {
    fragment = raw.slice(hash + 1);
    hasFragment = true;
    raw = raw.slice(0, hash);
  }
  const { scheme, rest: afterScheme } = getScheme(raw);
  let rest = afterScheme;
  let rawQuery = '';
  let forceQuery = false;
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q !== -1) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  const u: GoUrl = { scheme: scheme.toLowerCase(), host: '', path: '', rawQuery, fragment, hasFragment, forceQuery };
  if (!rest.startsWith('/')) {
    if (scheme !== '') {
      // opaque URL such as "mirror.example.com:5000" read as scheme "mirror.example.com"
      throw new GoUrlError('not a hierarchical URL');
    }
    const colon = rest.indexOf(':');
    const slash = rest.indexOf('/');
    if (colon !== -1 && (slash === -1 || colon < slash)) throw new GoUrlError('first path segment in URL cannot contain colon');
  }
  if ((scheme !== '' || true) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    let path = '';
    if (slash !== -1) {
      path = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf('@');
    let host = authority;
    if (at !== -1) {
      const userinfo = authority.slice(0, at);
      host = authority.slice(at + 1);
      // Go's validUserinfo: unreserved, sub-delims, ':', '%' and '@' (the split is at the last @)
      if (!/^[A-Za-z0-9\-._~!$&'()*+,;=:%@]*$/.test(userinfo)) throw new GoUrlError('net/url: invalid userinfo');
      checkEscapes(userinfo);
      const colon = userinfo.indexOf(':');
      u.user = colon === -1 ? { username: userinfo } : { username: userinfo.slice(0, colon), password: userinfo.slice(colon + 1) };
    }
    checkEscapes(host);
    u.host = parseHost(host);
    u.path = path;
  } else {
    u.path = rest;
  }
  checkEscapes(u.path);
  checkEscapes(u.fragment);
  return u;
}

/** Port of a host[:port] (net/url Port()). */
export function hostPort(host: string): string {
  const colon = host.lastIndexOf(':');
  if (colon === -1) return '';
  const port = host.slice(colon + 1);
  if (host.startsWith('[') && !host.slice(0, colon).endsWith(']')) return '';
  return /^[0-9]*$/.test(port) ? port : '';
}

/** Host name without port and brackets (net/url Hostname()). */
export function hostName(host: string): string {
  if (host.startsWith('[')) {
    const i = host.indexOf(']');
    return i === -1 ? host.slice(1) : host.slice(1, i);
  }
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

// net/url validEncoded(s, encodePath): bytes a path may hold as written
const PATH_AS_WRITTEN = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/[\]%]*$/;
// net/url shouldEscape(c, encodePath) is false for these
const PATH_UNESCAPED = /^[A-Za-z0-9\-._~$&+,;=:@/]$/;

/**
 * URL.EscapedPath() of a parsed path: the path as written when every byte of it may
 * stand there, else the decoded path escaped again (escapes were checked by the parse).
 */
function escapePath(path: string): string {
  if (PATH_AS_WRITTEN.test(path)) return path;
  const bytes: number[] = [];
  for (let i = 0; i < path.length; ) {
    if (path[i] === '%') {
      bytes.push(parseInt(path.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const ch = String.fromCodePoint(path.codePointAt(i) as number);
      bytes.push(...new TextEncoder().encode(ch));
      i += ch.length;
    }
  }
  return bytes.map((b) => (PATH_UNESCAPED.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** URL.String(), with a password shown as xxxxx (URL.Redacted()) so it never leaks. */
export function formatGoUrl(u: GoUrl): string {
  let s = '';
  if (u.scheme) s += `${u.scheme}:`;
  if (u.scheme || u.host || u.user) {
    s += '//';
    // user info never leaves the engine (containerd ignores it anyway)
    if (u.user) s += 'xxxxx@';
    s += u.host;
  }
  let p = escapePath(u.path);
  if (p !== '' && p[0] !== '/' && u.host !== '') p = `/${p}`;
  s += p;
  // containerd uses scheme, host and path only; a query may hold a token
  if (u.forceQuery || u.rawQuery !== '') s += u.rawQuery === '' ? '?' : '?xxxxx';
  if (u.hasFragment) s += `#${u.fragment}`;
  return s;
}

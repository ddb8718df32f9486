// CA bundles (src/input/pem.ts): caBundle is stored base64-encoded (it is []byte in Rancher's Go API, so
// encoding/json decodes it with base64.StdEncoding: no URL-safe alphabet). Admins paste
// PEM. The one reader of caBundle for the engine and the tab: its form, what is wrong
// with it, what to store for what was typed, and from each certificate just what the
// form and the fleet posture show (subject, issuer, validity) with a tiny DER reader.

const PEM_RE = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';

  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }

  return btoa(bin);
}

/**
 * Standard base64 as Go's base64.StdEncoding reads it (how encoding/json reads caBundle,
 * a []byte): "\r" and "\n" are ignored, any other white space is an error, the padding is
 * required and "=" may only end it. null if it is not such base64.
 */
export function base64ToBytes(b64: string): Uint8Array | null {
  const clean = b64.replace(/[\r\n]/g, '');

  if (!clean || clean.length % 4 !== 0 || !isStdBase64(clean)) {
    return null;
  }
  try {
    const bin = atob(clean);
    const out = new Uint8Array(bin.length);

    for (let i = 0; i < bin.length; i++) {
      out[i] = bin.charCodeAt(i);
    }

    return out;
  } catch {
    return null;
  }
}

/** the standard alphabet only, padding at the end only */
function isStdBase64(compact: string): boolean {
  return !/[^A-Za-z0-9+/=]/.test(compact) && !/=[^=]/.test(compact);
}

export function base64ToUtf8(b64: string): string | null {
  const bytes = base64ToBytes(b64);

  if (!bytes) {
    return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export type CaBundleForm = 'empty' | 'base64-pem' | 'raw-pem' | 'invalid';

export interface CaBundleRead {
  form: CaBundleForm;
  /** what the form shows: the PEM text when it can be read, else the stored value */
  text: string;
}

/** Reads a stored caBundle: base64 of PEM (correct), bare PEM (wrong but common), or neither. */
export function readCaBundle(stored: unknown): CaBundleRead {
  if (typeof stored !== 'string' || stored.trim() === '') {
    return { form: 'empty', text: '' };
  }
  if (stored.includes('-----BEGIN')) {
    return { form: 'raw-pem', text: stored };
  }
  const decoded = base64ToUtf8(stored);

  if (decoded !== null && decoded.includes('-----BEGIN')) {
    return { form: 'base64-pem', text: decoded };
  }

  return { form: 'invalid', text: stored };
}

/**
 * What to store for what the admin entered: PEM is encoded; anything else is stored as
 * typed (base64 of PEM is right; other text is reported as CA_BUNDLE_INVALID, never
 * encoded into something that hides it). '' means: remove the field.
 */
export function caBundleToStore(input: string): string {
  if (input.trim() === '') {
    return '';
  }
  if (input.includes('-----BEGIN')) {
    return utf8ToBase64(input);
  }

  return input;
}

// ---- a minimal DER reader --------------------------------------------------------

interface Tlv {
  tag: number;
  start: number; // first content byte
  end: number; // one past the last content byte
}

function readTlv(b: Uint8Array, pos: number, limit: number): Tlv {
  if (pos + 2 > limit) {
    throw new Error('truncated');
  }
  const tag = b[pos];
  let len = b[pos + 1];
  let p = pos + 2;

  if (len & 0x80) {
    const n = len & 0x7f;

    if (n === 0 || n > 4 || p + n > limit) {
      throw new Error('bad length');
    }
    len = 0;
    for (let i = 0; i < n; i++) {
      len = (len * 256) + b[p + i];
    }
    p += n;
  }
  if (p + len > limit) {
    throw new Error('truncated');
  }

  return { tag, start: p, end: p + len };
}

function children(b: Uint8Array, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let p = t.start;

  while (p < t.end) {
    const c = readTlv(b, p, t.end);

    out.push(c);
    p = c.end;
  }

  return out;
}

function oid(b: Uint8Array, t: Tlv): string {
  const bytes = b.subarray(t.start, t.end);
  const parts: number[] = [];
  let v = 0;

  bytes.forEach((x, i) => {
    v = (v * 128) + (x & 0x7f);
    if (!(x & 0x80)) {
      if (parts.length === 0 && i >= 0) {
        parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      } else {
        parts.push(v);
      }
      v = 0;
    }
  });

  return parts.join('.');
}

function str(b: Uint8Array, t: Tlv): string {
  const bytes = b.subarray(t.start, t.end);

  if (t.tag === 0x1e) { // BMPString
    let s = '';

    for (let i = 0; i + 1 < bytes.length; i += 2) {
      s += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    }

    return s;
  }

  return new TextDecoder('utf-8').decode(bytes);
}

const NAME_OIDS: Record<string, string> = {
  '2.5.4.3':  'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6':  'C',
  '2.5.4.7':  'L',
  '2.5.4.8':  'ST',
};

function name(b: Uint8Array, t: Tlv): string {
  const parts: string[] = [];

  for (const set of children(b, t)) {
    for (const atv of children(b, set)) {
      const [o, v] = children(b, atv);
      const label = NAME_OIDS[oid(b, o)];

      if (label && v) {
        parts.push(`${ label }=${ str(b, v) }`);
      }
    }
  }

  return parts.reverse().join(', ');
}

function time(b: Uint8Array, t: Tlv): Date {
  const s = str(b, t);
  let m: RegExpExecArray | null;

  if (t.tag === 0x17 && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s))) {
    const yy = Number(m[1]);

    return new Date(Date.UTC(yy >= 50 ? 1900 + yy : 2000 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] || 0)));
  }
  if (t.tag === 0x18 && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s))) {
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] || 0)));
  }
  throw new Error('bad time');
}

export interface CertInfo {
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  selfSigned: boolean;
}

export type CertRead = { ok: true; cert: CertInfo } | { ok: false; error: string };

export function readCertificate(der: Uint8Array): CertRead {
  try {
    const certTlv = readTlv(der, 0, der.length);
    const [tbs] = children(der, certTlv);

    if (!tbs) {
      throw new Error('not a certificate');
    }
    const f = children(der, tbs);
    let i = 0;

    if (f[0]?.tag === 0xa0) {
      i++; // [0] version
    }
    const issuer = f[i + 2];
    const validity = f[i + 3];
    const subject = f[i + 4];

    if (!issuer || !validity || !subject) {
      throw new Error('not a certificate');
    }
    const [nb, na] = children(der, validity);
    const cert: CertInfo = {
      subject:    name(der, subject),
      issuer:     name(der, issuer),
      notBefore:  time(der, nb),
      notAfter:   time(der, na),
      selfSigned: false,
    };

    cert.selfSigned = cert.subject === cert.issuer;

    return { ok: true, cert };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Every certificate block of a PEM text; blocks that do not parse are reported as such. */
export function readPemCertificates(pem: string): CertRead[] {
  const out: CertRead[] = [];

  for (const m of pem.matchAll(PEM_RE)) {
    // encoding/pem drops spaces and tabs from a block's body before decoding it
    const bytes = base64ToBytes(m[1].replace(/[ \t]/g, ''));

    out.push(bytes ? readCertificate(bytes) : { ok: false, error: 'bad base64' });
  }

  return out;
}

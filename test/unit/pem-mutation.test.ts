// src/input/pem.ts, the one reader of CA bundles, at the edges the other tests leave open
// (found by mutation testing). Expected values written by hand:
// - caBundle is []byte in Rancher's Go API: encoding/json decodes it with
//   base64.StdEncoding, which ignores only "\r" and "\n", needs the padding and takes the
//   standard alphabet only (Go encoding/base64 docs); a PEM block's body is read by
//   encoding/pem, which drops spaces and tabs first (removeSpacesAndTabs), then the same;
// - utf8ToBase64 against Node's Buffer (an independent encoder);
// - the DER reader against certificates built here byte by byte (X.509 / RFC 5280 layout:
//   UTCTime years 50–99 are 19xx, 00–49 are 20xx; GeneralizedTime four digits) and the test
//   CA, whose fields are read off its DER (header of test/fixtures/test-ca.ts).
import { describe, expect, it } from 'vitest';
import { base64ToUtf8, caBundleProblem, caBundleToStore, readCaBundle, readCertificate, readPemCertificates, utf8ToBase64 } from '../../src';
import { TEST_CA_PEM } from '../fixtures/test-ca';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('base64 as Rancher\'s Go API reads caBundle (base64.StdEncoding)', () => {
  it('utf8ToBase64 encodes as Buffer does: empty, non-ASCII, and longer than one 32 KiB chunk', () => {
    for (const s of ['', 'a', 'ü€😀', `${'x'.repeat(0x8000)}é${'y'.repeat(40_000)}`]) expect(utf8ToBase64(s)).toBe(b64(s));
  });

  it.each([
    ['YWJj', 'abc'],
    ['YQ==', 'a'],
    ['YW\nJj', 'abc'],
    ['YW\r\nJj\n', 'abc'],
  ])('%j decodes to %j', (value, text) => {
    expect(base64ToUtf8(value)).toBe(text);
  });

  it.each([
    ['a space inside', 'YW Jj'],
    ['a tab inside', 'YWJ\tj'],
    ['missing padding', 'YQ'],
    ['padding in the middle', 'YQ==YQ=='],
    ['the URL-safe alphabet', '-_8='],
    ['nothing', ''],
    ['only line breaks', '\n\r\n'],
    ['bytes that are no UTF-8', '/w=='],
    ['a space in a group of four', 'Y Jj'],
    ['three "=" of padding', 'A==='],
  ])('%s: not readable (null)', (_what, value) => {
    expect(base64ToUtf8(value)).toBeNull();
  });

  it('caBundle with a space or without padding is the "not valid base64" error the API would give', () => {
    const good = b64(TEST_CA_PEM);

    expect(caBundleProblem(good)).toBeUndefined();
    expect(caBundleProblem(good.replace(/(.{64})/g, '$1\n'))).toBeUndefined();
    expect(caBundleProblem(`${good.slice(0, 40)} ${good.slice(40)}`)?.variant).toBe('base64');
    const padded = [TEST_CA_PEM, `${TEST_CA_PEM}\n`, `${TEST_CA_PEM}\n\n`].map(b64).find((x) => x.endsWith('=')) as string;

    expect(caBundleProblem(padded)).toBeUndefined();
    expect(caBundleProblem(padded.replace(/=+$/, ''))?.variant).toBe('base64');
  });
});

describe('readCaBundle and caBundleToStore', () => {
  it.each([
    ['not text', 5],
    ['absent', undefined],
    ['blank', ' \n '],
  ])('%s: empty', (_what, v) => {
    expect(readCaBundle(v)).toEqual({ form: 'empty', text: '' });
  });

  it('PEM stored as it is, base64 of PEM, base64 of something else', () => {
    expect(readCaBundle(TEST_CA_PEM)).toEqual({ form: 'raw-pem', text: TEST_CA_PEM });
    expect(readCaBundle(b64(TEST_CA_PEM))).toEqual({ form: 'base64-pem', text: TEST_CA_PEM });
    expect(readCaBundle(b64('hello'))).toEqual({ form: 'invalid', text: b64('hello') });
  });

  it('what is stored for what was typed: nothing, PEM encoded, anything else as typed', () => {
    expect(caBundleToStore('')).toBe('');
    expect(caBundleToStore(' \n\t')).toBe('');
    expect(caBundleToStore(TEST_CA_PEM)).toBe(b64(TEST_CA_PEM));
    expect(caBundleToStore(` ${TEST_CA_PEM}`)).toBe(b64(` ${TEST_CA_PEM}`));
    expect(caBundleToStore(b64(TEST_CA_PEM))).toBe(b64(TEST_CA_PEM));
    expect(caBundleToStore('not a certificate')).toBe('not a certificate');
  });
});

// ---- DER, byte by byte -------------------------------------------------------------
const len = (n: number) => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);
const tlv = (tag: number, ...parts: number[][]) => {
  const c = parts.flat();

  return [tag, ...len(c.length), ...c];
};
const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const bmp = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]);
const OID = { CN: [0x55, 4, 3], O: [0x55, 4, 10], OU: [0x55, 4, 11], C: [0x55, 4, 6], L: [0x55, 4, 7], ST: [0x55, 4, 8], serialNumber: [0x55, 4, 5], email: [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 9, 1] };
const atv = (oid: number[], value: number[], tag = 0x0c) => tlv(0x30, tlv(0x06, oid), tlv(tag, value));
const dn = (...rdns: number[][][]) => tlv(0x30, ...rdns.map((atvs) => tlv(0x31, ...atvs)));
const utc = (s: string) => tlv(0x17, ascii(s));
const gen = (s: string) => tlv(0x18, ascii(s));
const ecdsa = tlv(0x30, tlv(0x06, [0x2a, 0x86, 0x48, 0xce, 0x3d, 4, 3, 2]));

function cert({ version = true, issuer, subject, notBefore, notAfter }: { version?: boolean; issuer: number[]; subject: number[]; notBefore: number[]; notAfter: number[] }) {
  const tbs = tlv(0x30, ...(version ? [tlv(0xa0, tlv(0x02, [2]))] : []), tlv(0x02, [1]), ecdsa, issuer, tlv(0x30, notBefore, notAfter), subject, tlv(0x30, ecdsa, tlv(0x03, [0])));

  return new Uint8Array(tlv(0x30, tbs, ecdsa, tlv(0x03, [0])));
}
const read = (der: Uint8Array) => {
  const r = readCertificate(der);

  return r.ok ? { ...r.cert, notBefore: r.cert.notBefore.toISOString(), notAfter: r.cert.notAfter.toISOString() } : r.error;
};

describe('readCertificate: what the form and the fleet posture show', () => {
  const ca = dn([atv(OID.C, ascii('DE'), 0x13)], [atv(OID.O, utf8('Example Org'))], [atv(OID.CN, utf8('Example CA'))]);

  it('names in the order people read them, the two kinds of time, self-signed', () => {
    expect(read(cert({ issuer: ca, subject: ca, notBefore: utc('491231235959Z'), notAfter: gen('20500101000000Z') }))).toEqual({
      subject: 'CN=Example CA, O=Example Org, C=DE', issuer: 'CN=Example CA, O=Example Org, C=DE', notBefore: '2049-12-31T23:59:59.000Z', notAfter: '2050-01-01T00:00:00.000Z', selfSigned: true,
    });
  });

  it('a leaf signed by the CA; every attribute the reader names, BMPString, others left out; UTCTime 1950; no seconds; fractions', () => {
    const subject = dn([atv(OID.ST, utf8('Bayern')), atv(OID.L, bmp('München'), 0x1e)], [atv(OID.OU, utf8('Ops'))], [atv(OID.serialNumber, ascii('42'), 0x13)], [atv(OID.email, ascii('a@b.c'), 0x16)], [atv([0x55, 0x84, 0x03], utf8('not a CN'))], [atv(OID.CN, utf8('registry.example.com'))]);

    expect(read(cert({ issuer: ca, subject, notBefore: utc('5001010000Z'), notAfter: gen('20991231235959.123Z') }))).toEqual({
      subject: 'CN=registry.example.com, OU=Ops, L=München, ST=Bayern', issuer: 'CN=Example CA, O=Example Org, C=DE', notBefore: '1950-01-01T00:00:00.000Z', notAfter: '2099-12-31T23:59:59.000Z', selfSigned: false,
    });
  });

  it('a version 1 certificate (no [0] version field)', () => {
    expect(read(cert({ version: false, issuer: ca, subject: ca, notBefore: utc('260101000000Z'), notAfter: utc('360101000000Z') }))).toMatchObject({ subject: 'CN=Example CA, O=Example Org, C=DE', notAfter: '2036-01-01T00:00:00.000Z' });
  });

  it.each([
    ['empty', [], 'truncated'],
    ['one byte', [0x30], 'truncated'],
    ['content shorter than its length', [0x30, 0x05, 0x02, 0x01], 'truncated'],
    ['long form with no length bytes', [0x30, 0x80], 'bad length'],
    ['long form with five length bytes', [0x30, 0x85, 0, 0, 0, 0, 1, 0], 'bad length'],
    ['long form cut short', [0x30, 0x82, 0x01], 'bad length'],
    ['long form past the end', [0x30, 0x81, 0x03, 0x02, 0x01], 'truncated'],
    ['long form with four length bytes, past the end', [0x30, 0x84, 0, 0, 0, 1], 'truncated'],
    ['long form whose length bytes end the input', [0x30, 0x82, 0x00, 0x00], 'not a certificate'],
    ['an empty to-be-signed part', [0x30, 0x02, 0x30, 0x00], 'not a certificate'],
    ['no subject', tlv(0x30, tlv(0x30, tlv(0xa0, tlv(0x02, [2])), tlv(0x02, [1]), ecdsa, dn(), tlv(0x30, utc('260101000000Z'), utc('360101000000Z')))), 'not a certificate'],
    ['a sequence with too few fields', tlv(0x30, tlv(0x30, tlv(0x02, [1]), ecdsa, dn(), tlv(0x30))), 'not a certificate'],
  ])('%s: refused (%s)', (_what, bytes, error) => {
    expect(read(new Uint8Array(bytes))).toBe(error);
  });

  it('a BMPString of odd length drops its last byte', () => {
    const subject = dn([atv(OID.CN, [...bmp('ab'), 0x63], 0x1e)]);

    expect(read(cert({ issuer: subject, subject, notBefore: utc('260101000000Z'), notAfter: utc('360101000000Z') }))).toMatchObject({ subject: 'CN=ab' });
  });

  it('times with text before or after them are bad times', () => {
    for (const [nb, na] of [[utc('x260101000000Z'), utc('360101000000Z')], [utc('260101000000Zx'), utc('360101000000Z')], [utc('260101000000Z'), gen('x20360101000000Z')], [utc('260101000000Z'), gen('20360101000000Zx')]]) {
      expect(read(cert({ issuer: dn(), subject: dn(), notBefore: nb, notAfter: na }))).toBe('bad time');
    }
  });

  it('a UTCTime written as GeneralizedTime (and the reverse) is a bad time', () => {
    expect(read(cert({ issuer: ca, subject: ca, notBefore: utc('20260101000000Z'), notAfter: gen('20360101000000Z') }))).toBe('bad time');
    expect(read(cert({ issuer: ca, subject: ca, notBefore: utc('260101000000Z'), notAfter: gen('3601010000Z') }))).toBe('bad time');
  });

  it('the test CA, read off its DER', () => {
    expect(readPemCertificates(TEST_CA_PEM).map((r) => (r.ok ? { ...r.cert, notBefore: r.cert.notBefore.toISOString(), notAfter: r.cert.notAfter.toISOString() } : r))).toEqual([{
      subject: 'CN=Example Registry CA, O=Example Org', issuer: 'CN=Example Registry CA, O=Example Org', notBefore: '2026-11-23T20:21:01.000Z', notAfter: '2036-11-20T20:21:01.000Z', selfSigned: true,
    }]);
  });

  it('every PEM block, in order; a block whose body is no base64 says so; a body indented with spaces and tabs reads (encoding/pem)', () => {
    const body = TEST_CA_PEM.split('\n').slice(1, -2);
    const indented = `-----BEGIN CERTIFICATE-----\n${body.map((l) => `  \t${l}`).join('\r\n')}\n-----END CERTIFICATE-----\n`;
    const r = readPemCertificates(`${indented}-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n${TEST_CA_PEM}`);

    expect(r.map((x) => (x.ok ? x.cert.subject : x.error))).toEqual(['CN=Example Registry CA, O=Example Org', 'bad base64', 'CN=Example Registry CA, O=Example Org']);
  });
});

// CA bundles that expired or expire soon. The test CA (test/fixtures/test-ca.ts) is
// valid until 2036-11-20T20:21:01Z (its notAfter, as `openssl x509 -noout -enddate` prints it: Nov 20 20:21:01 2036 GMT).
// RFC 5280 4.1.2.5: the validity period includes notAfter, so the certificate is still
// valid at that very second. Expected values written by hand from those dates.
import { describe, expect, it } from 'vitest';
import { caExpiryFindings } from '../../src';
import { TEST_CA_PEM } from '../fixtures/test-ca';

const NOT_AFTER = Date.UTC(2036, 10, 20, 20, 21, 1);
const DAY = 24 * 3600 * 1000;
const spec = (caBundle: unknown) => ({ configs: { 'r.example.com': { caBundle } } });
const codes = (caBundle: unknown, now: number) => caExpiryFindings(spec(caBundle), now).map((f) => f.code);

describe('caExpiryFindings', () => {
  it('a bare PEM bundle (not base64) is read too', () => {
    expect(codes(TEST_CA_PEM, NOT_AFTER + 1000)).toEqual(['CA_EXPIRED']);
  });
  it('a base64 bundle is read', () => {
    expect(codes(btoa(TEST_CA_PEM), NOT_AFTER + 1000)).toEqual(['CA_EXPIRED']);
  });
  it('at the notAfter second the certificate is still valid (expiring, not expired)', () => {
    expect(codes(TEST_CA_PEM, NOT_AFTER)).toEqual(['CA_EXPIRING']);
  });
  it('exactly 30 days before notAfter is not yet "expiring within 30 days"', () => {
    expect(codes(TEST_CA_PEM, NOT_AFTER - 30 * DAY)).toEqual([]);
    expect(codes(TEST_CA_PEM, NOT_AFTER - 30 * DAY + 1000)).toEqual(['CA_EXPIRING']);
  });
  it('an expired CA names its subject, the day and the host', () => {
    const [f] = caExpiryFindings(spec(TEST_CA_PEM), NOT_AFTER + DAY);
    expect(f).toMatchObject({ code: 'CA_EXPIRED', severity: 'error', path: ['configs', 'r.example.com', 'caBundle'] });
    expect(f.params).toMatchObject({ date: '2036-11-20', host: 'r.example.com' });
    expect(f.params!.subject).toContain('Example Registry CA');
    expect(f.message).toContain('expired on 2036-11-20: nodes cannot verify r.example.com');
  });
  it('an expiring CA names its subject and the day', () => {
    const [f] = caExpiryFindings(spec(TEST_CA_PEM), NOT_AFTER - DAY);
    expect(f).toMatchObject({ code: 'CA_EXPIRING', severity: 'warning' });
    expect(f.params).toMatchObject({ date: '2036-11-20' });
    expect(f.params!.subject).toContain('Example Registry CA');
  });
  it('a broken certificate next to a good one: the good one is still checked', () => {
    const broken = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(codes(broken + TEST_CA_PEM, NOT_AFTER + DAY)).toEqual(['CA_EXPIRED']);
  });
  it('a null config is skipped', () => {
    expect(caExpiryFindings({ configs: { 'a.example.com': null, 'r.example.com': { caBundle: TEST_CA_PEM } } }, NOT_AFTER + DAY).map((f) => f.code)).toEqual(['CA_EXPIRED']);
  });
});

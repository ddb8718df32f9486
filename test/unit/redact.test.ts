import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../src';
import { urlHasUserInfo } from '../../src/lib/redact';

describe('one redaction for everything the tab shows or writes', () => {
  it('hides user info with and without a scheme, anywhere in a text', () => {
    const text = [
      'endpoint: ["https://admin:S3cretPw@mirror.example.com"]',
      '- admin:S3cretPw@mirror.example.com:5000',
      '"admin:S3cretPw@registry.example.com": {}',
      'server = "http://u:S3cretPw@m.example.com/v2"',
      '- http://m.example.com/v2?token=S3cretPw',
    ].join('\n');
    const out = redactText(text);
    expect(out).not.toContain('S3cretPw');
    expect(out).toContain('xxxxx@mirror.example.com:5000');
  });
  it('an image digest is not a credential', () => {
    expect(redact('nginx@sha256:abc')).toBe('nginx@sha256:abc');
    expect(redactText('image: registry.example.com:5000/app@sha256:0123abcd')).toBe('image: registry.example.com:5000/app@sha256:0123abcd');
    expect(redact('https://u:p@host/app@sha256:ab')).toBe('https://xxxxx@host/app@sha256:ab');
  });

  it('a digest right at the start, or after a one-letter name, stays as written', () => {
    expect(redact('a@sha256:abc')).toBe('a@sha256:abc');
    expect(redact('sha256:ab@sha256:cd')).toBe('sha256:ab@sha256:cd');
    expect(redact('u:p@a@sha256:cd')).toBe('xxxxx@a@sha256:cd');
  });

  it('a digest algorithm with a suffix (OCI: algorithm-component [+._-] algorithm-component) is still a digest', () => {
    expect(redactText('image: app@sha256+b64u:AbC')).toBe('image: app@sha256+b64u:AbC');
    expect(redactText('image: app@sha256.x1:AbC')).toBe('image: app@sha256.x1:AbC');
    // not a digest: the component after the separator is empty, so the @ may end a credential
    expect(redactText('image: app@sha256+:AbC')).toBe('image: xxxxx@sha256+:AbC');
    expect(redactText('image: app@sha256+-x:AbC')).toBe('image: xxxxx@sha256+-x:AbC');
  });

  it('user info after a scheme is hidden whatever characters the password holds', () => {
    expect(redactText('endpoint: https://user:p#s{s@m.example.com')).toBe('endpoint: https://xxxxx@m.example.com');
    expect(redactText('- "http://u:p,w]@m.example.com"')).toBe('- "http://xxxxx@m.example.com"');
  });

  it('only a ? after the // of a URL starts a query', () => {
    expect(redactText('see a?//b and http://m.example.com/v2?token=x')).toBe('see a?//b and http://m.example.com/v2?xxxxx');
  });

  it('urlHasUserInfo: user info before the host only, surrounding spaces ignored', () => {
    expect(urlHasUserInfo('  user:pw@registry.example.com')).toBe(true);
    expect(urlHasUserInfo('https://u@registry.example.com')).toBe(true);
    expect(urlHasUserInfo('https://registry.example.com/team@x')).toBe(false);
    expect(urlHasUserInfo('registry.example.com/v2?x=a@b')).toBe(false);
  });
});

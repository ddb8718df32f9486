import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../src';

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
});

// CA bundles that expired or expire soon: a node with an expired CA cannot verify its
// mirror, and every pull through it fails TLS. Read from spec.rkeConfig.registries.
import { readCaBundle, readPemCertificates } from '../input/pem';
import { finding as f } from '../route/finding-codes';
import type { Finding } from '../types';

export const CA_EXPIRY_WARNING_DAYS = 30;

/** CA_EXPIRED / CA_EXPIRING for every certificate of every configs.<host>.caBundle. */
export function caExpiryFindings(specRegistries: unknown, now = Date.now(), warnDays = CA_EXPIRY_WARNING_DAYS): Finding[] {
  const out: Finding[] = [];
  const configs = (specRegistries as { configs?: unknown } | null)?.configs;
  if (!configs || typeof configs !== 'object' || Array.isArray(configs)) return out;
  const soon = now + warnDays * 24 * 3600 * 1000;
  for (const [host, c] of Object.entries(configs as Record<string, unknown>)) {
    if (!c || typeof c !== 'object') continue;
    const ca = readCaBundle((c as { caBundle?: unknown }).caBundle);
    if (ca.form !== 'raw-pem' && ca.form !== 'base64-pem') continue;
    const path = ['configs', host, 'caBundle'];
    for (const r of readPemCertificates(ca.text)) {
      if (!r.ok) continue;
      const date = r.cert.notAfter.toISOString().slice(0, 10);
      const t = r.cert.notAfter.getTime();
      if (t < now) out.push(f('CA_EXPIRED', 'error', path, `The CA certificate ${r.cert.subject} expired on ${date}: nodes cannot verify ${host}`, 'Replace the CA bundle with a current certificate.', { subject: r.cert.subject, date, host }));
      else if (t < soon) out.push(f('CA_EXPIRING', 'warning', path, `The CA certificate ${r.cert.subject} expires on ${date}`, 'Renew the CA bundle before it expires.', { subject: r.cert.subject, date }));
    }
  }
  return out;
}

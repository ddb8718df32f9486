// Human-readable output of routes and findings.
import type { Compiled } from '../route/compile';
import { hasUserInfo, redact } from '../lib/redact';
import type { Finding, Route } from '../types';

/** A finding as the CLI prints it: a key in its path that holds credentials is redacted. */
export function publicFinding(fd: Finding): Finding {
  if (!fd.path.some((p) => typeof p === 'string' && (hasUserInfo(p) || p.includes('?')))) return fd;
  return { ...fd, path: fd.path.map((p) => (typeof p === 'string' && (hasUserInfo(p) || p.includes('?')) ? redact(p) : p)) };
}

export function formatPath(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function formatFinding(finding: Finding): string {
  const fd = publicFinding(finding);
  const where = fd.path.length ? ` ${formatPath(fd.path)}` : '';
  return `  ${fd.severity.padEnd(7)} ${fd.code}${where}: ${fd.message}\n          fix: ${fd.fix}`;
}

function tlsText(a: Route['attempts'][number]): string {
  const parts: string[] = [];
  if (a.tls.ca.length) parts.push(`CA ${a.tls.ca.join(', ')}`);
  if (a.tls.client.length) parts.push(`client cert ${a.tls.client.map((c) => c[0]).join(', ')}`);
  if (a.tls.skipVerify) parts.push('skip verify');
  if (a.url.startsWith('http://')) return 'plain HTTP';
  return parts.length ? parts.join('; ') : 'system CAs';
}

export function formatRoute(compiled: Compiled, route: Route, context: string): string {
  const lines: string[] = [];
  if (route.attempts.length === 0 && route.registry === '') {
    const variant = route.findings.find((fd) => fd.code === 'IMAGE_INVALID')?.variant;
    const why = variant === 'sdr' ? 'no system image name (system-default-registry is invalid)' : variant === 'systemName' ? 'invalid system image name (with system-default-registry in front)' : 'invalid image';
    lines.push(`${route.input}: ${why}`);
  } else {
    const dir = compiled.profile.legacyCri ? 'CRI mirrors in config.toml' : route.hostsDir ? `certs.d/${route.hostsDir}/hosts.toml` : 'no hosts.toml';
    const renamed = route.image !== route.input ? ` (from ${route.input})` : '';
    lines.push(`${route.image}${renamed}`);
    lines.push(`  ${context} pull · ${dir} · ${compiled.profile.id}`);
    route.attempts.forEach((a, i) => {
      const role = a.default ? 'registry itself (fallback)' : 'mirror';
      lines.push(`  ${i + 1}. ${a.url}`);
      const extra = [role, `TLS: ${tlsText(a)}`, `auth: ${a.auth ? `configs.${a.auth}` : 'anonymous'}`];
      if (a.rewrite) extra.push(`rewritten by ${a.rewrite.pattern}`);
      if (a.httpFallback) extra.push('https first, then http');
      lines.push(`     ${extra.join(' · ')}`);
    });
    lines.push(`  If every host fails, the pull fails.`);
  }
  if (route.findings.length) lines.push(...route.findings.map(formatFinding));
  return lines.join('\n');
}

/** file:line:column: message, or file: message when the position is unknown. */
export function at(file: string, y: { line?: number; column?: number; error: string }): string {
  return y.line ? `${file}:${y.line}:${y.column ?? 1}: ${y.error}` : `${file}: ${y.error}`;
}

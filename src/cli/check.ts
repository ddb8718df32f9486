// registry-route check: every finding of the settings, and an exit code for pipelines.
import type { Finding, Severity } from '../types';
import { UsageError, type CliOptions } from './args';
import { formatFinding, publicFinding } from './format';
import type { Io } from './io';
import { applied, loadCompiled } from './load';
import { VERSION } from './version';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function failsAt(findings: Finding[], threshold: Severity): boolean {
  return findings.some((fd) => RANK[fd.severity] >= RANK[threshold]);
}

export function checkCommand(o: CliOptions, io: Io): number {
  if (o.positional.length) throw new UsageError(`check takes no IMAGE or FILE (got "${o.positional[0]}"); give the settings with --registries FILE`);
  const compiled = loadCompiled(o, io);
  const findings = compiled.findings;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const fd of findings) counts[fd.severity]++;
  const failed = failsAt(findings, o.failOn);
  if (o.json) {
    io.out.write(`${JSON.stringify({ tool: 'registry-route', toolVersion: VERSION, ...applied(compiled), failOn: o.failOn, failed, counts, findings: findings.map(publicFinding) }, null, 2)}\n`);
  } else {
    if (findings.length) io.out.write(`${findings.map(formatFinding).join('\n')}\n`);
    const what = `${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info · ${compiled.profile.id}${compiled.settings.version ? ` (${compiled.settings.version})` : ''}`;
    io.out.write(`${failed ? 'FAIL' : 'ok'}: ${what}${failed ? ` · fails at --fail-on ${o.failOn}` : ''}\n`);
  }
  return failed ? 1 : 0;
}

// The settings a command works on: --registries FILE (node file or Cluster
// manifest) with the command-line options applied on top. The CLI reads every
// entry (the tab's preview limits are not its limits) and words fixes for files.
import { compile, type Compiled } from '../route/compile';
import { detectDocument, distroOf, settingsFromCluster, settingsFromNodeValue } from '../input/settings';
import { parseYaml } from '../input/parse-yaml';
import { UsageError, type CliOptions } from './args';
import { at } from './format';
import { readInput, type Io } from './io';
import type { Finding, RouteSettings } from '../types';

export function loadSettings(o: CliOptions, io?: Io): { settings: RouteSettings; findings: Finding[] } {
  let settings: RouteSettings;
  let findings: Finding[] = [];
  if (o.registries) {
    const text = readInput(o.registries, '--registries file');
    if (text.trim() === '' && io) io.err.write(`note: ${o.registries === '-' ? 'stdin' : o.registries} is empty: no registry settings (the defaults apply)\n`);
    const y = parseYaml(text);
    if (!y.ok) throw new UsageError(at(o.registries === '-' ? 'stdin' : o.registries, y));
    const doc = detectDocument(y.value);
    if (doc.kind === 'unsupported') throw new UsageError(`${o.registries}: ${doc.error}`);
    if (doc.kind === 'cluster') {
      const c = settingsFromCluster(doc.cluster, { runtime: o.runtime, surface: 'cli' });
      settings = c.settings;
      findings = c.findings;
    } else {
      const n = settingsFromNodeValue(y.value, {}, { surface: 'cli' });
      settings = n.settings;
      findings = n.findings;
    }
  } else {
    settings = settingsFromNodeValue({}, {}, { surface: 'cli' }).settings;
  }
  if (o.distroVersion) settings = { ...settings, version: o.distroVersion, distro: o.distro ?? distroOf(o.distroVersion) };
  else if (o.distro) settings = { ...settings, distro: o.distro };
  if (o.runtime) settings = { ...settings, runtime: o.runtime };
  if (o.disableDefaultEndpoint) settings = { ...settings, disableDefaultEndpoint: true };
  if (o.embeddedRegistry) settings = { ...settings, embeddedRegistry: true };
  if (o.systemDefaultRegistry !== undefined) settings = { ...settings, systemDefaultRegistry: o.systemDefaultRegistry };
  return { settings, findings };
}

export function loadCompiled(o: CliOptions, io?: Io): Compiled {
  const { settings, findings } = loadSettings(o, io);
  return compile(settings, findings, { surface: 'cli' });
}

/** What --json objects say about the behaviour applied. */
export function applied(compiled: Compiled): { profile: string; distroVersion: string | null; distro: string } {
  return { profile: compiled.profile.id, distroVersion: compiled.settings.version ?? null, distro: compiled.settings.distro };
}

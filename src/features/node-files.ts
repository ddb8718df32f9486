// What every node receives: the registries.yaml Rancher's planner writes and
// the certs.d/<dir>/hosts.toml files the agent renders from it.
import { plannerTlsPath, setOwn } from '../input/schemas';
import { toYaml } from './registries-yaml';
import { redact, redactText } from '../lib/redact';
import type { Compiled } from '../route/compile';
import type { Finding } from '../types';

export interface FileMark {
  line: number;
  finding: Finding;
}

export interface NodeFile {
  path: string;
  text: string;
  /** which images use this file */
  usedBy: string;
  marks: FileMark[];
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The planner's registries.yaml, with Secret values shown as references. */
export function plannerRegistriesYaml(specRegistries: unknown, namespace: string, distro: 'rke2' | 'k3s'): string {
  const spec = isRecord(specRegistries) ? specRegistries : {};
  const configs: Json = {};
  for (const [host, c] of Object.entries(isRecord(spec.configs) ? spec.configs : {})) {
    if (!isRecord(c)) continue;
    const out: Json = {};
    if (typeof c.authConfigSecretName === 'string' && c.authConfigSecretName) {
      const ref = `<Secret ${namespace}/${c.authConfigSecretName}`;
      out.auth = { username: `${ref} username>`, password: `${ref} password>`, auth: `${ref} auth>`, identity_token: `${ref} identityToken>` };
    }
    if (c.insecureSkipVerify === true || c.tlsSecretName || c.caBundle) {
      out.tls = {
        ca_file: c.caBundle ? plannerTlsPath(distro, host, 'ca.crt') : '',
        cert_file: c.tlsSecretName ? plannerTlsPath(distro, host, 'tls.crt') : '',
        key_file: c.tlsSecretName ? plannerTlsPath(distro, host, 'tls.key') : '',
        insecure_skip_verify: c.insecureSkipVerify === true,
      };
    }
    setOwn(configs, host, out);
  }
  const mirrors: Json = {};
  for (const [k, m] of Object.entries(isRecord(spec.mirrors) ? spec.mirrors : {})) {
    mirrors[k] = isRecord(m) ? { ...(Array.isArray(m.endpoint) ? { endpoint: m.endpoint } : {}), ...(isRecord(m.rewrite) ? { rewrite: m.rewrite } : {}) } : {};
  }
  return redactText(toYaml({ mirrors, configs }));
}

function usedBy(dir: string, key: string): string {
  if (dir === '_default') return 'images from every registry that has no directory of its own';
  if (key === 'docker.io') return 'Docker Hub images (docker.io/…, including names without a registry such as nginx)';
  return `images from ${redact(key)}`;
}

function marksFor(text: string, key: string, findings: Finding[]): FileMark[] {
  const lines = text.split('\n');
  const marks: FileMark[] = [];
  for (const f of findings) {
    if (f.path[0] !== 'mirrors' || f.path[1] !== key) continue;
    let line = -1;
    if (f.path[2] === 'rewrite' && typeof f.path[3] === 'string') line = lines.findIndex((l) => l.trimStart().startsWith(`"${f.path[3]}" =`));
    if (f.code === 'HOSTS_TOML_UNPARSABLE' && line === -1) line = 0;
    if (line >= 0) marks.push({ line: line + 1, finding: f });
  }
  return marks;
}

export function nodeFiles(compiled: Compiled, specRegistries: unknown, namespace: string): NodeFile[] {
  const distro = compiled.settings.distro;
  const base = `/var/lib/rancher/${distro}/agent/etc/containerd/certs.d`;
  const files: NodeFile[] = [
    {
      path: `/etc/rancher/${distro}/registries.yaml`,
      text: plannerRegistriesYaml(specRegistries, namespace, distro),
      usedBy: `read by the ${distro} agent, which renders the hosts.toml files below`,
      marks: [],
    },
  ];
  for (const f of compiled.hostsFiles) {
    files.push({ path: `${base}/${redact(f.dir)}/hosts.toml`, text: f.text, usedBy: usedBy(f.dir, f.key), marks: marksFor(f.text, f.key, compiled.findings) });
  }
  return files;
}

// Image reference normalisation as github.com/distribution/reference does it
// (ParseDockerRef), which is what the CRI applies to every image it pulls.

export interface ImageRef {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** the tag or digest that is requested from the registry */
  reference: string;
  /** the full normalised reference */
  name: string;
}

export type ParseResult = { ok: true; ref: ImageRef } | { ok: false; error: string };

const NAME_MAX = 255;
const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const repositoryRe = new RegExp(`^${component}(?:/${component})*$`);
const domainRe = new RegExp(`^${domain}$`);
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;
const hex64Re = /^[a-f0-9]{64}$/;
// the common case, checked first: lower-case labels that neither start nor end with '-'
const SIMPLE_DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]+)?$/;

function checkDigest(d: string): string | undefined {
  if (!digestRe.test(d)) return `invalid digest "${d}": expected algorithm:hex, e.g. sha256:<64 hex digits>`;
  const [alg, hex] = d.split(':');
  if (alg === 'sha256' && !/^[a-f0-9]{64}$/.test(hex)) return `invalid digest "${d}": sha256 needs 64 lower-case hex digits`;
  if (alg === 'sha384' && !/^[a-f0-9]{96}$/.test(hex)) return `invalid digest "${d}": sha384 needs 96 lower-case hex digits`;
  if (alg === 'sha512' && !/^[a-f0-9]{128}$/.test(hex)) return `invalid digest "${d}": sha512 needs 128 lower-case hex digits`;
  if (!['sha256', 'sha384', 'sha512'].includes(alg)) return `unsupported digest algorithm "${alg}": use sha256`;
  return undefined;
}

/** The registry a name starts with, or docker.io, as distribution/reference splits it. */
export function splitDockerDomain(name: string): { registry: string; remainder: string } {
  const i = name.indexOf('/');
  let registry: string;
  let remainder: string;
  const first = i === -1 ? '' : name.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    registry = 'docker.io';
    remainder = name;
  } else {
    registry = first;
    remainder = name.slice(i + 1);
  }
  if (registry === 'index.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  return { registry, remainder };
}

export function parseReference(input: string): ParseResult {
  if (input.length > 4096) return { ok: false, error: `the image reference is ${input.length} characters long; the most is 4096` };
  const s = input.trim();
  if (s === '') return { ok: false, error: 'the image reference is empty' };
  if (/\s/.test(s)) return { ok: false, error: `"${s}" contains white space` };
  if (s.length === 64 && hex64Re.test(s)) {
    return { ok: false, error: 'a bare 64-digit hex string is an image ID, not a reference: give a name such as nginx@sha256:…' };
  }
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const bad = checkDigest(digest);
    if (bad) return { ok: false, error: bad };
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon !== -1 && !rest.slice(lastColon + 1).includes('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!tagRe.test(tag)) return { ok: false, error: `invalid tag "${tag}": use letters, digits, _ . - (at most 128, not starting with . or -)` };
  }
  if (rest === '') return { ok: false, error: `"${s}" has no repository name` };
  const { registry, remainder } = splitDockerDomain(rest);
  if (remainder.toLowerCase() !== remainder) {
    return { ok: false, error: `repository name must be lower case: "${remainder}"` };
  }
  if (registry !== 'docker.io' && !SIMPLE_DOMAIN.test(registry) && !domainRe.test(registry)) {
    return { ok: false, error: `invalid registry host "${registry}"` };
  }
  if (!repositoryRe.test(remainder)) {
    return { ok: false, error: `invalid repository name "${remainder}": use lower-case letters, digits and separators (. _ __ -) between path components` };
  }
  const fullName = `${registry}/${remainder}`;
  if (remainder.length > NAME_MAX) return { ok: false, error: `repository name is longer than ${NAME_MAX} characters` };
  // A digest wins over a tag; no tag and no digest means latest.
  if (digest) tag = undefined;
  else if (!tag) tag = 'latest';
  const reference = digest ?? (tag as string);
  const name = digest ? `${fullName}@${digest}` : `${fullName}:${tag}`;
  return { ok: true, ref: { registry, repository: remainder, tag, digest, reference, name } };
}

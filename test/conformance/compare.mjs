// Compare one image's route from the engine with what ctr did.
import path from 'node:path';

/** Strip the blobs phase to its manifests equivalent, to check ctr's own consistency. */
const asManifest = (u) => u.replace(/\/blobs\/(sha256:[0-9a-f]+)(\?|$)/, '/manifests/$1$2');

/**
 * @returns {string[]} disagreements (empty = agreement)
 */
export function compareImage(im, route, ctr, pins = []) {
  const errs = [];
  const log = ctr.log;
  // the oracle must have run isolated and fully
  if (ctr.timedOut) errs.push(`ctr timed out after ${Math.round(ctr.ms)} ms`);
  if (ctr.code !== 1) errs.push(`ctr exit code ${ctr.code} (expected 1: every host unreachable)`);
  for (const p of log.problems) errs.push(`oracle: ${p}`);
  const isDigest = im.reference.startsWith('sha256:');
  if (isDigest) {
    const b = log.blobs.map(asManifest);
    if (JSON.stringify(b) !== JSON.stringify(log.manifests)) errs.push('oracle: blobs phase does not repeat the manifests order');
  } else if (log.blobs.length) errs.push('oracle: blobs requested for a tag');

  if (!route) {
    errs.push('engine: no route for this image');
    return errs;
  }
  for (const k of ['registry', 'repository', 'reference']) {
    if (route[k] !== im[k]) errs.push(`${k}: expected ${JSON.stringify(im[k])}, engine ${JSON.stringify(route[k])}`);
  }
  const invalid = (route.findings || []).find((f) => f.code === 'IMAGE_INVALID');
  if (invalid) errs.push(`engine: IMAGE_INVALID (${invalid.message})`);

  const got = (route.attempts || []).map((a) => a.url);
  const want = log.manifests;
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    let i = 0;
    while (i < got.length && i < want.length && got[i] === want[i]) i++;
    errs.push(`attempts differ at #${i + 1} (ctr ${want.length}, engine ${got.length})`);
  }
  const engineDir = route.hostsDir === null || route.hostsDir === undefined ? null : path.basename(route.hostsDir);
  if (engineDir !== log.dir) errs.push(`hostsDir: ctr ${JSON.stringify(log.dir)}, engine ${JSON.stringify(route.hostsDir)}`);

  for (const pin of pins) {
    if (pin.input !== im.input) continue;
    if ('dir' in pin && pin.dir !== log.dir) errs.push(`pin: expected ctr dir ${JSON.stringify(pin.dir)}, got ${JSON.stringify(log.dir)}`);
    if ('decodeError' in pin && pin.decodeError !== Boolean(log.decodeError)) errs.push(`pin: expected ctr ${pin.decodeError ? 'to reject' : 'to accept'} the hosts.toml (${log.decodeError || 'accepted'})`);
    if (pin.urls && JSON.stringify(pin.urls) !== JSON.stringify(want)) errs.push(`pin: expected ctr URLs\n${pin.urls.map((u) => `        ${u}`).join('\n')}`);
  }
  return errs;
}

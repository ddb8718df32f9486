// Small helpers around the engine's endpoint normalisation.
import { normalizeEndpoint } from './engine';

export { redact as redactUrl } from './engine';

/** host[:port] an endpoint looks its registry config up by (null if unusable) */
export function endpointConfigKey(endpoint: string): string | null {
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    return null;
  }
  const n = normalizeEndpoint(endpoint);

  return n.ok ? n.ep.registryName : null;
}

/** scheme://host/path as the node writes it into hosts.toml (null if unusable) */
export function endpointUrl(endpoint: string): string | null {
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    return null;
  }
  const n = normalizeEndpoint(endpoint);

  // the engine prints user info as xxxxx@ already
  return n.ok ? n.ep.urlString : null;
}

/** an example image of a registry, for previews */
export function exampleImageFor(registry: string): string {
  if (registry === 'docker.io') {
    return 'nginx:1.27';
  }
  if (registry === '*') {
    return 'quay.io/prometheus/node-exporter:v1.8.2';
  }

  return `${ registry }/team/app:1.0`;
}

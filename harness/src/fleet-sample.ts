// The bundled sample fleet (assets/samples/fleet/): the clusters of the Registry Routes
// page, its auth Secrets (names and types only), and one cluster to open in the tab.
import YAML from 'yaml';
import clustersText from '../../assets/samples/fleet/clusters.yaml?raw';
import secretsText from '../../assets/samples/fleet/secrets.yaml?raw';
import type { FakeSecretInit } from './store';

export const PROVISIONING_CLUSTER = 'provisioning.cattle.io.cluster';

export function fleetClusters(): any[] {
  return YAML.parse(clustersText).items.map((c: any) => ({
    ...c, type: PROVISIONING_CLUSTER, id: `${ c.metadata.namespace }/${ c.metadata.name }`
  }));
}

export function fleetSecrets(): FakeSecretInit[] {
  return YAML.parse(secretsText).items.map((s: any) => ({
    name: s.metadata.name, namespace: s.metadata.namespace, type: s.type
  }));
}

/** One cluster of the sample fleet by namespace/name, as a plain object (undefined if none). */
export function fleetCluster(id: string): any {
  const c = YAML.parse(clustersText).items.find((x: any) => `${ x.metadata.namespace }/${ x.metadata.name }` === id);

  return c;
}

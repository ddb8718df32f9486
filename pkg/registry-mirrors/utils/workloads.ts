// The images of the downstream cluster's workloads, read through the dashboard's
// `cluster` store – only when that store is the one of this cluster (Rancher loads it
// for the cluster the user is in) and lists Pods. Anything else: not available, and
// the button that uses it stays hidden.
import { findAllPods, podsListable, type DashboardStore } from './store';
import { imagesOfWorkloads } from './engine';

/** The management cluster id of a provisioning cluster (absent on a new cluster). */
export function downstreamClusterId(resource: any): string | undefined {
  const id = resource?.status?.clusterName;

  return typeof id === 'string' && id ? id : undefined;
}

/** True when the `cluster` store is loaded for `clusterId` and can list Pods. */
export function workloadsReachable(store: DashboardStore | null | undefined, clusterId: string | undefined): boolean {
  if (!clusterId) {
    return false;
  }
  try {
    return podsListable(store, clusterId);
  } catch {
    return false;
  }
}

/** The images of every Pod of the cluster, or null when they cannot be read. */
export async function workloadImages(store: DashboardStore, clusterId: string | undefined): Promise<string[] | null> {
  if (!workloadsReachable(store, clusterId)) {
    return null;
  }
  try {
    const pods = await findAllPods(store);

    return Array.isArray(pods) ? imagesOfWorkloads(pods) : null;
  } catch {
    return null;
  }
}

import type { Condition, Node } from '../../api/types';

/** Zones and disruption states (node_lifecycle_controller.go ComputeZoneState, setLimiterInZone). */

export const ZoneState = {
  Initial: 'Initial',
  Normal: 'Normal',
  PartialDisruption: 'PartialDisruption',
  FullDisruption: 'FullDisruption',
} as const;
export type ZoneState = (typeof ZoneState)[keyof typeof ZoneState];

/** --node-eviction-rate, --secondary-node-eviction-rate, --large-cluster-size-threshold, --unhealthy-zone-threshold. */
export const EVICTION_QPS = 0.1;
export const SECONDARY_EVICTION_QPS = 0.01;
export const LARGE_CLUSTER_THRESHOLD = 50;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;

/** GetZoneKey: region and zone labels; nodes without them share the zone "". */
export function zoneKey(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/** Nodes labelled node.kubernetes.io/exclude-disruption do not count towards zone health. */
export function excludedFromDisruption(node: Node): boolean {
  return node.metadata.labels?.['node.kubernetes.io/exclude-disruption'] !== undefined;
}

export function computeZoneState(readyConditions: readonly (Condition | undefined)[]): ZoneState {
  let ready = 0;
  let notReady = 0;
  for (const c of readyConditions) {
    if (c?.status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return ZoneState.FullDisruption;
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return ZoneState.PartialDisruption;
  return ZoneState.Normal;
}

/** The tainting rate for a zone in a state (ReducedQPSFunc for partial, HealthyQPSFunc for full). */
export function zoneQps(state: ZoneState, zoneSize: number): number {
  if (state === ZoneState.PartialDisruption) return zoneSize > LARGE_CLUSTER_THRESHOLD ? SECONDARY_EVICTION_QPS : 0;
  return EVICTION_QPS;
}

import type { Endpoint, EndpointSlice } from '../../api/types';
import { deepEqual } from '../../util/clone';
import { portsKeyOf, type PortGroup } from './desired';
import { compareStrings } from '../shared/owner-refs';

/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SliceDraft {
  /** Set when the draft updates an existing slice. */
  existing?: EndpointSlice;
  ports: NonNullable<EndpointSlice['ports']>;
  endpoints: Endpoint[];
}

export interface SlicePlan {
  create: SliceDraft[];
  update: SliceDraft[];
  delete: EndpointSlice[];
}

export function endpointKey(ep: Endpoint): string {
  return ep.targetRef?.uid ?? ep.addresses[0] ?? '';
}

export function slicePortsKey(slice: EndpointSlice): string {
  return portsKeyOf(slice.ports ?? []);
}

/**
 * reconciler.reconcileByPortMapping: keep endpoints where they are, drop stale ones, top
 * up slices already being changed, then fit the rest into one unchanged slice with room or
 * new slices — so that churn (and watch traffic) stays small.
 */
function reconcileGroup(group: PortGroup, slices: readonly EndpointSlice[], max: number, plan: SlicePlan): void {
  const placed = new Set<string>();
  const updating: SliceDraft[] = [];
  const unchanged: EndpointSlice[] = [];
  for (const slice of [...slices].sort((a, b) => compareStrings(a.metadata.name, b.metadata.name))) {
    const kept: Endpoint[] = [];
    for (const ep of slice.endpoints ?? []) {
      const key = endpointKey(ep);
      const want = group.endpoints.get(key);
      if (!want || placed.has(key)) continue;
      placed.add(key);
      kept.push(want.endpoint);
    }
    if (kept.length === 0) plan.delete.push(slice);
    else if (!deepEqual(kept, slice.endpoints)) updating.push({ existing: slice, ports: group.ports, endpoints: kept });
    else unchanged.push(slice);
  }
  const rest = [...group.endpoints.values()].filter((d) => !placed.has(d.key)).sort((a, b) => compareStrings(a.order, b.order)).map((d) => d.endpoint);
  for (const draft of updating) while (draft.endpoints.length < max && rest.length > 0) draft.endpoints.push(rest.shift()!);
  while (rest.length > 0) {
    let target: SliceDraft | undefined;
    if (rest.length < max) {
      const fits = unchanged.filter((s) => (s.endpoints?.length ?? 0) + rest.length <= max).sort((a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0));
      const slice = fits[0];
      if (slice) {
        unchanged.splice(unchanged.indexOf(slice), 1);
        target = { existing: slice, ports: group.ports, endpoints: [...(slice.endpoints ?? [])] };
        updating.push(target);
      }
    }
    if (!target) {
      target = { ports: group.ports, endpoints: [] };
      plan.create.push(target);
    }
    while (target.endpoints.length < max && rest.length > 0) target.endpoints.push(rest.shift()!);
  }
  plan.update.push(...updating);
}

/** reconciler.reconcile for one address type: slices to create, update and delete. */
export function planSlices(groups: ReadonlyMap<string, PortGroup>, existing: readonly EndpointSlice[], maxPerSlice = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const max = Math.max(1, Math.floor(maxPerSlice));
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const byPorts = new Map<string, EndpointSlice[]>();
  for (const s of existing) {
    const k = slicePortsKey(s);
    if (!groups.has(k)) plan.delete.push(s);
    else byPorts.set(k, [...(byPorts.get(k) ?? []), s]);
  }
  for (const key of [...groups.keys()].sort()) reconcileGroup(groups.get(key)!, byPorts.get(key) ?? [], max, plan);
  if (plan.delete.length === existing.length && plan.create.length === 0) {
    // A Service with no endpoints keeps one empty placeholder slice.
    const placeholder = plan.delete.find((s) => (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0);
    if (plan.delete.length === 1 && placeholder) plan.delete = [];
    else plan.create.push({ ports: [], endpoints: [] });
  }
  // Reuse slices about to be deleted for slices about to be created (fewer objects churned).
  while (plan.delete.length > 0 && plan.create.length > 0) {
    const reuse = plan.delete.shift()!;
    plan.update.push({ ...plan.create.shift()!, existing: reuse });
  }
  return plan;
}

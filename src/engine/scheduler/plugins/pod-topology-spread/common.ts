import type { LabelSelector, LabelSelectorRequirement, Pod } from '../../../api/types';
import type { Listers } from '../../framework/interfaces';
import type { NodeInfo } from '../../cache/node-info';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

export type WhenUnsatisfiable = 'DoNotSchedule' | 'ScheduleAnyway';

export interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  /** undefined matches nothing (a constraint without labelSelector counts no pods). */
  readonly selector: LabelSelector | undefined;
  readonly minDomains: number;
}

/** Applied when a pod has no constraints of its own (upstream systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly { topologyKey: string; maxSkew: number; whenUnsatisfiable: WhenUnsatisfiable }[] = [
  { topologyKey: LABEL_HOSTNAME, maxSkew: 3, whenUnsatisfiable: 'ScheduleAnyway' },
  { topologyKey: LABEL_ZONE, maxSkew: 5, whenUnsatisfiable: 'ScheduleAnyway' },
];

/** The pod's own constraints with the given action. */
export function podConstraints(pod: Pod, action: WhenUnsatisfiable): Constraint[] {
  return (pod.spec.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => ({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector: c.labelSelector, minDomains: c.minDomains ?? 1 }));
}

function equals(key: string, value: string): LabelSelectorRequirement {
  return { key, operator: 'In', values: [value] };
}

/**
 * upstream helper.DefaultSelector: the selectors of the Services selecting the pod and of
 * its controlling ReplicaSet / StatefulSet, ANDed. undefined when there are none.
 */
export function defaultSelector(pod: Pod, listers: Listers): LabelSelector | undefined {
  const services = listers.servicesSelecting(pod);
  const owner = (pod.metadata.ownerReferences ?? []).find((o) => o.controller === true);
  if (services.length === 0 && owner?.kind !== 'ReplicaSet' && owner?.kind !== 'StatefulSet') return undefined;
  const reqs: LabelSelectorRequirement[] = [];
  const fromServices = new Map<string, string>();
  for (const svc of services) {
    for (const [k, v] of Object.entries(svc.spec.selector ?? {})) fromServices.set(k, v);
  }
  for (const [k, v] of [...fromServices].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) reqs.push(equals(k, v));
  const ns = pod.metadata.namespace ?? 'default';
  let ownerSelector: LabelSelector | undefined;
  if (owner?.kind === 'ReplicaSet' && owner.apiVersion.startsWith('apps/')) ownerSelector = listers.replicaSet(ns, owner.name)?.spec.selector;
  if (owner?.kind === 'StatefulSet' && owner.apiVersion.startsWith('apps/')) ownerSelector = listers.statefulSet(ns, owner.name)?.spec.selector;
  if (ownerSelector) {
    for (const [k, v] of Object.entries(ownerSelector.matchLabels ?? {})) reqs.push(equals(k, v));
    reqs.push(...(ownerSelector.matchExpressions ?? []));
  }
  return reqs.length === 0 ? undefined : { matchExpressions: reqs };
}

/**
 * Default constraints of pods no Service selects, by their owner (ReplicaSet / StatefulSet
 * object, immutable): the pods of one owner share one selector object, so the selector
 * counts find it without serializing it pod after pod.
 */
const byOwner = new WeakMap<object, Map<WhenUnsatisfiable, Constraint[]>>();

/** System default constraints with the pod's default selector; empty when the selector is. */
const WANTED: Readonly<Record<WhenUnsatisfiable, readonly (typeof SYSTEM_DEFAULT_CONSTRAINTS)[number][]>> = {
  DoNotSchedule: SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === 'DoNotSchedule'),
  ScheduleAnyway: SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway'),
};

export function defaultConstraints(pod: Pod, listers: Listers, action: WhenUnsatisfiable): Constraint[] {
  const wanted = WANTED[action];
  if (wanted.length === 0) return [];
  const owner = listers.servicesSelecting(pod).length === 0 ? ownerObject(pod, listers) : undefined;
  const cached = owner ? byOwner.get(owner)?.get(action) : undefined;
  if (cached) return cached;
  const selector = defaultSelector(pod, listers);
  const out = selector ? wanted.map((c) => ({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector, minDomains: 1 })) : [];
  if (owner) {
    let m = byOwner.get(owner);
    if (!m) byOwner.set(owner, (m = new Map()));
    m.set(action, out);
  }
  return out;
}

/** The pod's controlling ReplicaSet / StatefulSet as the listers hold it, if any. */
function ownerObject(pod: Pod, listers: Listers): object | undefined {
  const owner = controllerOf(pod);
  if (!owner || !owner.apiVersion.startsWith('apps/')) return undefined;
  const ns = pod.metadata.namespace ?? 'default';
  if (owner.kind === 'ReplicaSet') return listers.replicaSet(ns, owner.name);
  if (owner.kind === 'StatefulSet') return listers.statefulSet(ns, owner.name);
  return undefined;
}

function controllerOf(pod: Pod): NonNullable<Pod['metadata']['ownerReferences']>[number] | undefined {
  for (const o of pod.metadata.ownerReferences ?? []) if (o.controller === true) return o;
  return undefined;
}

/** node.labels[key], with the two well-known keys read from the NodeInfo's cached values. */
export function topologyValue(node: NodeInfo, key: string): string | undefined {
  if (key === LABEL_HOSTNAME) return node.hostnameLabel;
  if (key === LABEL_ZONE) return node.zoneLabel;
  return node.labels[key];
}

export function hasAllTopologyKeys(labels: Readonly<Record<string, string>>, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return false;
  return true;
}

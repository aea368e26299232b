import type { ApiServer } from '../api/apiserver';
import { Informer } from '../client/informer';
import type { NodeInfo } from '../scheduler/cache/node-info';
import type { PodInfo } from '../scheduler/cache/pod-info';
import { StateKey, type CycleState } from '../scheduler/framework/cycle-state';
import type { FilterPlugin, FrameworkHandle, PreFilterOutcome, PreFilterPlugin, ReservePlugin } from '../scheduler/framework/interfaces';
import { asError, SKIP, Status, Code, unresolvable } from '../scheduler/framework/status';
import { deepClone } from '../util/clone';
import { NO_PROVISIONER, StorageAnnotation, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from './types';
import { bindingMode, claimClass, claimKey, findMatchingVolume, podClaimNames, pvTerms, volumeFitsNode } from './volume-util';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** The scheduler's VolumeBinding plugin (upstream plugins/volumebinding), with its real messages. */

export const VOLUME_BINDING = 'VolumeBinding';

export const VolumeBindingReason = {
  /** A bound claim's volume has node affinity the node does not match (local volumes). */
  NodeConflict: 'node(s) had volume node affinity conflict',
  /** No free volume on the node matches a WaitForFirstConsumer claim, and none can be provisioned there. */
  BindConflict: "node(s) didn't find available persistent volumes to bind",
  PVNotExist: 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)',
  UnboundImmediate: 'pod has unbound immediate PersistentVolumeClaims',
} as const;

/** What the plugin reads: claims, volumes and classes, as the scheduler's informers hold them. */
export interface VolumeListers {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  volumes(): Iterable<PersistentVolume>;
  storageClass(name: string): StorageClass | undefined;
}

/** Listers over informers of the scheduler's own (kube-scheduler starts them before it leads). */
export function informerVolumeListers(api: ApiServer, component: string): VolumeListers {
  const ctx = { component };
  const claims = new Informer<PersistentVolumeClaim>(api, ctx, 'persistentvolumeclaims');
  const volumes = new Informer<PersistentVolume>(api, ctx, 'persistentvolumes');
  const classes = new Informer<StorageClass>(api, ctx, 'storageclasses');
  for (const inf of [claims, volumes, classes]) inf.start();
  return {
    claim: (ns, name) => claims.get(ns, name),
    volume: (name) => volumes.get(undefined, name),
    volumes: () => volumes.list(),
    storageClass: (name) => classes.get(undefined, name),
  };
}

interface PodVolumes {
  /** Volumes of the pod's bound claims: their node affinity must match. */
  readonly bound: PersistentVolume[];
  /** WaitForFirstConsumer claims still unbound: bind or provision them on the chosen node. */
  readonly delayed: PersistentVolumeClaim[];
  missingVolume: boolean;
  /** node → claim key → the free static volume Filter picked there (for Reserve). */
  readonly matches: Map<string, Map<string, PersistentVolume>>;
}

const STATE = new StateKey<PodVolumes>('VolumeBinding/preFilter');
const OK: PreFilterOutcome = { status: null };
const SKIPPED: PreFilterOutcome = { status: SKIP };

function preFilter(listers: VolumeListers, state: CycleState, pod: PodInfo): PreFilterOutcome {
  const names = podClaimNames(pod.pod);
  if (names.length === 0) return SKIPPED;
  const s: PodVolumes = { bound: [], delayed: [], missingVolume: false, matches: new Map() };
  let immediateUnbound = false;
  for (const name of names) {
    const pvc = listers.claim(pod.namespace, name);
    if (!pvc) return { status: unresolvable(`persistentvolumeclaim "${name}" not found`) };
    if (pvc.metadata.deletionTimestamp) return { status: unresolvable(`persistentvolumeclaim "${name}" is being deleted`) };
    if (pvc.spec.volumeName) {
      const pv = listers.volume(pvc.spec.volumeName);
      if (pv) s.bound.push(pv);
      else s.missingVolume = true;
    } else if (bindingMode(listers.storageClass(claimClass(pvc))) === 'WaitForFirstConsumer') s.delayed.push(pvc);
    else immediateUnbound = true;
  }
  if (immediateUnbound) return { status: unresolvable(VolumeBindingReason.UnboundImmediate) };
  state.write(STATE, s);
  // upstream GetEligibleNodes: bound local volumes narrow the nodes worth filtering, so the
  // others print "node(s) didn't satisfy plugin(s) [VolumeBinding]" rather than a conflict.
  const eligible = s.missingVolume ? undefined : eligibleNodes(s.bound);
  return eligible ? { status: null, nodeNames: eligible } : OK;
}

/**
 * upstream GetLocalPersistentVolumeNodeNames: the union over the volume's node selector terms
 * of the `kubernetes.io/hostname In [...]` values (intersected within a term); empty when no
 * term pins hostnames.
 */
export function localVolumeNodeNames(pv: PersistentVolume): Set<string> {
  const out = new Set<string>();
  for (const term of pvTerms(pv) ?? []) {
    let nodes: Set<string> | undefined;
    for (const e of term.matchExpressions ?? []) {
      if (e.key !== HOSTNAME_LABEL || e.operator !== 'In') continue;
      const values = new Set(e.values ?? []);
      nodes = nodes ? new Set([...nodes].filter((n) => values.has(n))) : values;
    }
    for (const n of nodes ?? []) out.add(n);
  }
  return out;
}

/** upstream GetEligibleNodes: the intersection of the bound local volumes' nodes; undefined = no narrowing. */
function eligibleNodes(bound: readonly PersistentVolume[]): Set<string> | undefined {
  let eligible: Set<string> | undefined;
  for (const pv of bound) {
    const names = localVolumeNodeNames(pv);
    if (names.size === 0) continue;
    eligible = eligible ? new Set([...eligible].filter((n) => names.has(n))) : names;
  }
  return eligible;
}

/** Can every delayed claim be bound (a free static volume here) or provisioned on this node? */
function delayedFit(listers: VolumeListers, s: PodVolumes, node: NodeInfo): boolean {
  let chosen: Map<string, PersistentVolume> | undefined;
  for (const pvc of s.delayed) {
    const match = findMatchingVolume(pvc, listers.volumes(), (pv) => volumeFitsNode(pv, node.labels, node.name));
    const key = claimKey(pvc.metadata.namespace ?? 'default', pvc.metadata.name);
    if (match) {
      chosen ??= new Map();
      chosen.set(key, match);
      continue;
    }
    const cls = listers.storageClass(claimClass(pvc));
    if (!cls || cls.provisioner === NO_PROVISIONER) return false;
    const selected = pvc.metadata.annotations?.[StorageAnnotation.selectedNode];
    if (selected !== undefined && selected !== node.name) return false;
  }
  if (chosen) s.matches.set(node.name, chosen);
  return true;
}

function filter(listers: VolumeListers, state: CycleState, node: NodeInfo): Status | null {
  const s = state.read(STATE);
  if (!s) return null;
  if (s.missingVolume) return unresolvable(VolumeBindingReason.PVNotExist);
  const reasons: string[] = [];
  if (s.bound.some((pv) => !volumeFitsNode(pv, node.labels, node.name))) reasons.push(VolumeBindingReason.NodeConflict);
  if (s.delayed.length > 0 && !delayedFit(listers, s, node)) reasons.push(VolumeBindingReason.BindConflict);
  return reasons.length === 0 ? null : new Status(Code.UnschedulableAndUnresolvable, reasons);
}

/**
 * Upstream assumes the bindings in Reserve and writes them in PreBind; this framework has no
 * PreBind, so Reserve writes them: a chosen static volume gets the claim's claimRef, a claim
 * to provision gets `volume.kubernetes.io/selected-node`. The PV controller and the
 * provisioner finish the binding asynchronously (the pod is bound without waiting for it).
 */
function reserve(handle: FrameworkHandle, state: CycleState, nodeName: string): Status | null {
  const s = state.read(STATE);
  if (!s || s.delayed.length === 0) return null;
  const ctx = { component: handle.component, opId: state.opId };
  const chosen = s.matches.get(nodeName);
  for (const pvc of s.delayed) {
    const ns = pvc.metadata.namespace ?? 'default';
    const pv = chosen?.get(claimKey(ns, pvc.metadata.name));
    if (pv) {
      if (pv.spec.claimRef) continue;
      const next = deepClone(pv);
      next.spec.claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: ns, name: pvc.metadata.name, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion };
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [StorageAnnotation.boundByController]: 'yes' };
      const res = handle.api.update(ctx, 'persistentvolumes', next);
      if (!res.ok) return asError(`binding volumes: ${res.status.message}`);
      continue;
    }
    if (pvc.metadata.annotations?.[StorageAnnotation.selectedNode] === nodeName) continue;
    const res = handle.api.patch(ctx, 'persistentvolumeclaims', ns, pvc.metadata.name, { metadata: { annotations: { [StorageAnnotation.selectedNode]: nodeName } } });
    if (!res.ok) return asError(`binding volumes: ${res.status.message}`);
  }
  return null;
}

/**
 * PreFilter (claims exist, immediate claims bound), Filter (bound volumes' node affinity;
 * delayed claims bindable or provisionable on the node), Reserve (the bindings).
 * `listers` defaults to informers the plugin starts on the scheduler's API connection.
 */
export function newVolumeBinding(handle: FrameworkHandle, listers?: VolumeListers): PreFilterPlugin & FilterPlugin & ReservePlugin {
  const l = listers ?? informerVolumeListers(handle.api, handle.component);
  return {
    name: VOLUME_BINDING,
    preFilter: (state, pod) => preFilter(l, state, pod),
    filter: (state, _pod, node) => filter(l, state, node),
    reserve: (state, _pod, nodeName) => reserve(handle, state, nodeName),
    unreserve: () => undefined,
  } satisfies PreFilterPlugin & FilterPlugin & ReservePlugin;
}

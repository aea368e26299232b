import type { ApiServer, RequestContext } from '../api/apiserver';
import type { Pod } from '../api/types';
import { StorageAnnotation, type PersistentVolume, type PersistentVolumeClaim } from './types';
import { volumeFitsNode } from './volume-util';

/**
 * What the kubelet's volume manager says (Warning `FailedMount`) when a pod's claims cannot
 * be mounted on its node: a missing or unbound claim, or a volume whose node affinity
 * excludes the node (a pod placed with spec.nodeName, bypassing the scheduler). undefined =
 * every claim can be mounted. For the kubelet to call before it starts the pod's containers.
 */
export interface MountLookups {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  /** Why the claim could not be fetched when it was not simply missing (the API server's error). */
  claimError?(namespace: string, name: string): string | undefined;
}

/** The node as the kubelet knows itself: name and labels (for the volume's node affinity). */
export interface MountNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export function failedMountMessage(pod: Pod, node: MountNode, lookups: MountLookups): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const failed: string[] = [];
  let detail = '';
  for (const v of pod.spec.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const pvc = lookups.claim(ns, name);
    const pv = pvc?.spec.volumeName ? lookups.volume(pvc.spec.volumeName) : undefined;
    if (pv && !volumeFitsNode(pv, node.labels, node.name)) {
      return `MountVolume.NodeAffinity check failed for volume "${pv.metadata.name}" : no matching NodeSelectorTerms`;
    }
    if (pv && pvc?.status?.phase === 'Bound') continue;
    failed.push(v.name);
    detail ||= !pvc
      ? `error processing PVC ${ns}/${name}: failed to fetch PVC from API server: ${lookups.claimError?.(ns, name) ?? `persistentvolumeclaims "${name}" not found`}`
      : `error processing PVC ${ns}/${name}: PVC is not bound`;
  }
  if (failed.length === 0) return undefined;
  return `Unable to attach or mount volumes: unmounted volumes=[${failed.join(' ')}], unattached volumes=[], failed to process volumes=[${failed.join(' ')}]: ${detail}`;
}

/** What the kubelet does about a pod's volumes before its sandbox. */
export type MountCheck =
  | { readonly kind: 'ready' }
  /** A claim this node's pod triggered is still being provisioned (upstream's PreBind would have waited for it). */
  | { readonly kind: 'provisioning' }
  | { readonly kind: 'failed'; readonly message: string };

/** How long the pod worker waits before checking again: kubelet's sync back-off after a FailedMount, WaitForAttachAndMount's poll otherwise. */
export function mountRetryMs(c: MountCheck): number {
  return c.kind === 'failed' ? 10_000 : 300;
}

const READY: MountCheck = { kind: 'ready' };
const PROVISIONING: MountCheck = { kind: 'provisioning' };

/**
 * The kubelet's volume manager before a pod's sandbox: GETs each claim and its volume from
 * the API server (as the desired-state populator does) and answers the FailedMount message.
 * No request for pods without claims.
 */
export function kubeletMountCheck(api: ApiServer, ctx: RequestContext, pod: Pod, node: MountNode): MountCheck {
  if (!(pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName)) return READY;
  const claims = new Map<string, PersistentVolumeClaim | undefined>();
  const errors = new Map<string, string>();
  const message = failedMountMessage(pod, node, {
    claim: (ns, name) => {
      const r = api.get<PersistentVolumeClaim>(ctx, 'persistentvolumeclaims', ns, name);
      if (!r.ok && r.status.code !== 404) errors.set(name, r.status.message);
      const pvc = r.ok ? r.value : undefined;
      claims.set(name, pvc);
      return pvc;
    },
    claimError: (_ns, name) => errors.get(name),
    volume: (name) => {
      const r = api.get<PersistentVolume>(ctx, 'persistentvolumes', undefined, name);
      return r.ok ? r.value : undefined;
    },
  });
  if (message === undefined) return READY;
  // Upstream binds the pod only once its WaitForFirstConsumer claims are bound; this engine
  // binds first, so a claim still being provisioned for this node is waited for quietly.
  const inFlight = [...claims.values()].every((c) => c !== undefined && (c.status?.phase === 'Bound' || c.metadata.annotations?.[StorageAnnotation.selectedNode] === node.name));
  return inFlight && !message.startsWith('MountVolume.') ? PROVISIONING : { kind: 'failed', message };
}

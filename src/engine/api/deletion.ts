import { rfc3339 } from '../sim/time';
import { deepEqual } from '../util/clone';
import type { KubeObject, Namespace, Pod } from './types';
import type { ResourceInfo } from './resources';
import { conflict, forbidden, type Status } from './status';
import type { DeleteOptions } from './api-options';
import type { Draft } from './update-meta';

/**
 * What a DELETE does to a stored object: the preconditions and protected namespaces that
 * refuse it, then whether the object goes at once, stays as it is (a repeated delete), or is
 * written back marked for deletion (a grace period, finalizers, a namespace's content); and
 * when an update that removes the last finalizer finishes the deletion.
 */

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** The preconditions' and protected namespaces' refusal, checked before admission. */
export function deleteRefusal(r: ResourceInfo, old: KubeObject, name: string, opts: DeleteOptions): Status | undefined {
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== old.metadata.uid) {
    return conflict(r, name);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) return conflict(r, name);
  if (r.kind === 'Namespace' && PROTECTED_NAMESPACES.has(name)) {
    return forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`, r, name);
  }
  return undefined;
}

/** 'remove': delete from etcd; 'unchanged': nothing to write; an object: the marked copy to write. */
export type Deletion = 'remove' | 'unchanged' | KubeObject;

/** The deletion of `old` at `now` (ms); `resourceVersion`: that of the write, if it marks. */
export function deletionOf(r: ResourceInfo, old: KubeObject, opts: DeleteOptions, now: number, resourceVersion: string): Deletion {
  const obj = { ...old, metadata: { ...old.metadata } } as Draft;
  const m = obj.metadata;
  const finalizers = [...(m.finalizers ?? [])];
  const policy = opts.propagationPolicy ?? 'Background';
  if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
  if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
  if (r.kind === 'Namespace') {
    (obj as Namespace).status = { phase: 'Terminating' };
    const specFin = (obj as Namespace).spec?.finalizers ?? [];
    if (specFin.length > 0 || finalizers.length > 0) return markDeleting(r, obj, finalizers, now, 0, resourceVersion);
  }
  if (r.kind === 'Pod') {
    const pod = obj as Pod;
    const grace = opts.gracePeriodSeconds ?? m.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    const graceful = grace > 0 && !!pod.spec.nodeName && !terminal;
    if (graceful || finalizers.length > 0) {
      if (m.deletionTimestamp && m.deletionGracePeriodSeconds !== undefined && grace >= m.deletionGracePeriodSeconds && finalizers.length === (m.finalizers ?? []).length) {
        return 'unchanged';
      }
      if (graceful) return markDeleting(r, obj, finalizers, now, grace, resourceVersion);
    }
  }
  if (finalizers.length > 0) {
    if (m.deletionTimestamp && deepEqual(finalizers, m.finalizers ?? [])) return 'unchanged';
    return markDeleting(r, obj, finalizers, now, 0, resourceVersion);
  }
  return 'remove';
}

function markDeleting(r: ResourceInfo, obj: Draft, finalizers: string[], now: number, graceSeconds: number, resourceVersion: string): KubeObject {
  const m = obj.metadata;
  if (!m.deletionTimestamp || graceSeconds < (m.deletionGracePeriodSeconds ?? Infinity)) {
    m.deletionTimestamp = rfc3339(now + graceSeconds * 1000);
    m.deletionGracePeriodSeconds = graceSeconds;
  }
  if (finalizers.length > 0) m.finalizers = finalizers;
  if (r.hasGeneration) m.generation = (m.generation ?? 1) + 1;
  m.resourceVersion = resourceVersion;
  return obj;
}

/**
 * Whether an update of an object being deleted finishes the deletion. As the registry's
 * shouldDeleteDuringUpdate: only an object whose grace period is over (0 / unset) goes away
 * when its last finalizer is removed; a pod still in its grace period stays until the kubelet deletes it.
 */
export function finishesDeletion(obj: KubeObject, old: KubeObject): boolean {
  return !!obj.metadata.deletionTimestamp && finalizersOf(obj).length === 0 && !((old.metadata.deletionGracePeriodSeconds ?? 0) > 0);
}

function finalizersOf(obj: KubeObject): string[] {
  const meta = obj.metadata.finalizers ?? [];
  const spec = obj.kind === 'Namespace' ? ((obj as Namespace).spec?.finalizers ?? []) : [];
  return [...meta, ...spec];
}

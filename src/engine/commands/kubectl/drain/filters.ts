import type { Pod } from '../../../api/types';
import { parseTimestamp } from '../../../sim/time';

/** kubectl's pkg/drain/filters.go messages. */
export const DAEMONSET_FATAL = 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
export const LOCAL_STORAGE_FATAL = 'cannot delete Pods with local storage (use --delete-emptydir-data to override)';
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
export const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

export interface DrainOptions {
  readonly ignoreDaemonSets: boolean;
  readonly deleteEmptyDirData: boolean;
  readonly force: boolean;
  readonly skipWaitForDeleteTimeoutSeconds: number;
  readonly nowMs: number;
  /** Whether the DaemonSet named by a pod's controller reference still exists. */
  daemonSetExists(namespace: string, name: string): boolean;
}

export type PodVerdict =
  | { kind: 'delete'; warning?: string }
  | { kind: 'skip'; warning?: string }
  | { kind: 'error'; message: string };

function finished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function controllerOf(pod: Pod): { kind: string; name: string } | undefined {
  return (pod.metadata.ownerReferences ?? []).find((o) => o.controller);
}

type Filter = (pod: Pod, o: DrainOptions) => PodVerdict;

const skipDeleted: Filter = (pod, o) => {
  const t = parseTimestamp(pod.metadata.deletionTimestamp);
  if (o.skipWaitForDeleteTimeoutSeconds > 0 && t !== undefined && Math.floor((o.nowMs - t) / 1000) > o.skipWaitForDeleteTimeoutSeconds) return { kind: 'skip' };
  return { kind: 'delete' };
};

const daemonSet: Filter = (pod, o) => {
  const ref = controllerOf(pod);
  if (!ref || ref.kind !== 'DaemonSet' || finished(pod)) return { kind: 'delete' };
  if (!o.daemonSetExists(pod.metadata.namespace ?? 'default', ref.name)) {
    const message = `daemonsets.apps "${ref.name}" not found`;
    return o.force ? { kind: 'delete', warning: message } : { kind: 'error', message };
  }
  return o.ignoreDaemonSets ? { kind: 'skip', warning: DAEMONSET_WARNING } : { kind: 'error', message: DAEMONSET_FATAL };
};

const mirror: Filter = (pod) => (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { kind: 'skip' } : { kind: 'delete' });

const localStorage: Filter = (pod, o) => {
  if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir) || finished(pod)) return { kind: 'delete' };
  return o.deleteEmptyDirData ? { kind: 'delete', warning: LOCAL_STORAGE_WARNING } : { kind: 'error', message: LOCAL_STORAGE_FATAL };
};

const unreplicated: Filter = (pod, o) => {
  if (finished(pod) || controllerOf(pod)) return { kind: 'delete' };
  return o.force ? { kind: 'delete', warning: UNMANAGED_WARNING } : { kind: 'error', message: UNMANAGED_FATAL };
};

const FILTERS: readonly Filter[] = [skipDeleted, daemonSet, mirror, localStorage, unreplicated];

/** Runs the filters in kubectl's order; the first that keeps a pod from deletion decides. */
export function filterPod(pod: Pod, o: DrainOptions): PodVerdict {
  let verdict: PodVerdict = { kind: 'delete' };
  for (const f of FILTERS) {
    verdict = f(pod, o);
    if (verdict.kind !== 'delete') break;
  }
  return verdict;
}

/** `msg: ns/a, ns/b` per message, in first-seen order (kubectl's map order is random; ours is stable). */
export function groupByMessage(items: readonly { message: string; pod: Pod }[]): string[] {
  const groups = new Map<string, string[]>();
  for (const { message, pod } of items) {
    const list = groups.get(message) ?? [];
    list.push(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
    groups.set(message, list);
  }
  return [...groups].map(([m, pods]) => `${m}: ${pods.join(', ')}`);
}

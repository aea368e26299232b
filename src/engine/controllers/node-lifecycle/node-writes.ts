import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { ApiResult } from '../../api/status';
import type { Condition, Node, Pod, Taint } from '../../api/types';
import type { EventRecorder } from '../../client/event-recorder';

/**
 * The node controller's writes, each with the optimistic-concurrency retry the real helpers
 * do: work from the informer's copy, and on a conflict re-read the object and try once more.
 */

/** Replaces the node's taints with compute(node) unless it returns undefined (no change). True if written. */
export function patchNodeTaints(api: ApiServer, ctx: RequestContext, node: Node, compute: (n: Node) => Taint[] | undefined): boolean {
  let cur: Node | undefined = node;
  for (let attempt = 0; attempt < 2 && cur; attempt++) {
    const taints = compute(cur);
    if (!taints) return true;
    const res = api.patch<Node>(ctx, 'nodes', undefined, cur.metadata.name, {
      metadata: { resourceVersion: cur.metadata.resourceVersion },
      spec: { taints: taints.length > 0 ? taints : null },
    });
    if (res.ok) return true;
    if (res.status.code !== 409) return false;
    const fresh: ApiResult<Node> = api.get<Node>(ctx, 'nodes', undefined, cur.metadata.name);
    cur = fresh.ok ? fresh.value : undefined;
  }
  return false;
}

/**
 * UpdateStatus with the conditions rewritten by the health check; returns the stored node.
 * `compute` returns undefined to give up (on a re-read node that turned out to be alive).
 */
export function writeNodeConditions(api: ApiServer, ctx: RequestContext, node: Node, compute: (n: Node) => Condition[] | undefined): Node | undefined {
  let cur: Node | undefined = node;
  for (let attempt = 0; attempt < 2 && cur; attempt++) {
    const conditions = compute(cur);
    if (!conditions) return undefined;
    const res = api.update<Node>(ctx, 'nodes', { ...cur, status: { ...cur.status, conditions } }, 'status');
    if (res.ok) return res.value;
    if (res.status.code !== 409) return undefined;
    const fresh: ApiResult<Node> = api.get<Node>(ctx, 'nodes', undefined, cur.metadata.name);
    cur = fresh.ok ? fresh.value : undefined;
  }
  return undefined;
}

/**
 * MarkPodsNotReady (controller_utils.go): every pod on the node whose Ready condition is
 * not already False gets Ready=False, then a Warning `NodeNotReady` event.
 */
export function markPodsNotReady(api: ApiServer, recorder: EventRecorder, ctx: RequestContext, pods: readonly Pod[], nodeName: string, now: string): void {
  for (const pod of pods) {
    if (pod.spec.nodeName !== nodeName) continue;
    let cur: Pod | undefined = pod;
    for (let attempt = 0; attempt < 2 && cur; attempt++) {
      const conditions = cur.status?.conditions ?? [];
      const readyCond = conditions.find((c) => c.type === 'Ready');
      if (!readyCond || readyCond.status === 'False') break;
      const next = conditions.map((c) => (c === readyCond ? { ...c, status: 'False' as const, lastTransitionTime: now } : c));
      const res = api.update<Pod>(ctx, 'pods', { ...cur, status: { ...cur.status, conditions: next } }, 'status');
      if (res.ok) {
        recorder.record(ctx, res.value, 'Warning', 'NodeNotReady', 'Node is not ready');
        break;
      }
      if (res.status.code !== 409) break;
      const fresh: ApiResult<Pod> = api.get<Pod>(ctx, 'pods', cur.metadata.namespace, cur.metadata.name);
      cur = fresh.ok && fresh.value.metadata.uid === pod.metadata.uid ? fresh.value : undefined;
    }
  }
}

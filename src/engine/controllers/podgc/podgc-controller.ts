import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { Node, Pod } from '../../api/types';
import { Component } from '../../client/component';
import type { Informer } from '../../client/informer';
import { PodsByNode } from '../node-lifecycle/pods-by-node';
import type { SimEnv } from '../../sim/env';
import { parseTimestamp } from '../../sim/time';
import { isPodTerminal } from '../shared/pod-util';
import { compareStrings } from '../shared/owner-refs';

/** --terminated-pod-gc-threshold default. */
export const TERMINATED_POD_GC_THRESHOLD = 12_500;
/** gcCheckPeriod. */
export const POD_GC_PERIOD_MS = 20_000;
/** quarantineTime: how long a node must stay missing before its pods are force-deleted. */
export const NODE_QUARANTINE_MS = 40_000;

const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';

/**
 * PodGC: every 20 s force-deletes pods bound to nodes that no longer exist (after a 40 s
 * quarantine and a fresh read of the node), terminated pods above the threshold (oldest
 * first), terminating pods on out-of-service nodes, and terminating pods never scheduled.
 */
export class PodGcController extends Component {
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private readonly terminated = new Set<string>();
  /** Pod keys by spec.nodeName: the index the node lifecycle controllers share on the same cache. */
  private readonly byNode = new PodsByNode();
  private readonly quarantine = new Map<string, number>();

  constructor(env: SimEnv, api: ApiServer, private readonly threshold = TERMINATED_POD_GC_THRESHOLD) {
    super(env, api, 'kcm/pod-garbage-collector-controller');
  }

  protected onStart(): void {
    this.nodes = this.informer<Node>('nodes');
    this.pods = this.informer<Pod>('pods');
    this.byNode.attach(this.pods);
    this.pods.on({
      add: (p, _opId, key) => this.index(undefined, p, key),
      update: (old, p, _opId, key) => this.index(old, p, key),
      delete: (_p, _opId, key) => this.unindex(key),
    });
    this.every(POD_GC_PERIOD_MS, 'gc', () => this.gc());
  }

  /** `key`: objectKey(pod) (an update keeps it). */
  private index(old: Pod | undefined, pod: Pod, key: string): void {
    if (old && old.spec.nodeName === pod.spec.nodeName && isPodTerminal(old) === isPodTerminal(pod)) return;
    if (old) this.unindex(key);
    if (isPodTerminal(pod)) this.terminated.add(key);
  }

  private unindex(key: string): void {
    this.terminated.delete(key);
  }

  private gc(): void {
    const ctx = this.ctx();
    if (this.threshold > 0) this.gcTerminated(ctx);
    this.gcOutOfService(ctx);
    this.gcOrphaned(ctx);
  }

  private gcTerminated(ctx: RequestContext): void {
    const excess = this.terminated.size - this.threshold;
    if (excess <= 0) return;
    const pods = [...this.terminated].map((k) => this.pods.getByKey(k)).filter((p): p is Pod => p !== undefined);
    const evicted = (p: Pod): number => (p.status?.reason === 'Evicted' ? 0 : 1);
    pods.sort((a, b) => evicted(a) - evicted(b) || (parseTimestamp(a.metadata.creationTimestamp) ?? 0) - (parseTimestamp(b.metadata.creationTimestamp) ?? 0) || compareStrings(a.metadata.name, b.metadata.name));
    for (const pod of pods.slice(0, excess)) this.forceDelete(ctx, pod, undefined);
  }

  private gcOutOfService(ctx: RequestContext): void {
    for (const node of this.nodes.list()) {
      if (!node.spec.taints?.some((t) => t.key === OUT_OF_SERVICE_TAINT)) continue;
      if (node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
      for (const pod of this.podsOn(node.metadata.name)) if (pod.metadata.deletionTimestamp) this.forceDelete(ctx, pod, undefined);
    }
  }

  private gcOrphaned(ctx: RequestContext): void {
    const now = this.env.now();
    for (const name of [...this.byNode.nodes()].sort()) {
      if (this.nodes.get(undefined, name)) {
        this.quarantine.delete(name);
        continue;
      }
      const since = this.quarantine.get(name);
      if (since === undefined) {
        this.quarantine.set(name, now);
        continue;
      }
      if (now - since < NODE_QUARANTINE_MS) continue;
      this.quarantine.delete(name);
      const fresh = this.api.get(ctx, 'nodes', undefined, name);
      if (fresh.ok || fresh.status.code !== 404) continue;
      const condition = { type: 'DisruptionTarget', status: 'True' as const, reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };
      for (const pod of this.podsOn(name)) this.forceDelete(ctx, pod, condition);
    }
    for (const name of [...this.quarantine.keys()]) if (!this.byNode.hasPods(name)) this.quarantine.delete(name);
  }

  private podsOn(node: string): Pod[] {
    return this.byNode.on(node);
  }

  /** markFailedAndDeletePodWithCondition: phase Failed (+ DisruptionTarget), then DELETE with grace 0. */
  private forceDelete(ctx: RequestContext, pod: Pod, condition: { type: string; status: 'True'; reason: string; message: string } | undefined): void {
    if (!isPodTerminal(pod)) {
      const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== condition?.type), ...(condition ? [condition] : [])];
      this.api.patch(ctx, 'pods', pod.metadata.namespace, pod.metadata.name, { status: { phase: 'Failed', conditions } }, 'status');
    }
    this.api.delete(ctx, 'pods', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
  }
}

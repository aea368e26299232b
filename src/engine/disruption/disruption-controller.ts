import type { ApiServer, RequestContext } from '../api/apiserver';
import type { Condition, Deployment, Pod, ReplicaSet, StatefulSet } from '../api/types';
import type { Informer } from '../client/informer';
import { objectKey } from '../client/informer';
import { QueueController, type SyncResult } from '../controllers/shared/controller-base';
import { NamespaceIndex } from '../controllers/shared/namespace-index';
import { writeStatus } from '../controllers/shared/status-util';
import type { SimEnv } from '../sim/env';
import { parseTimestamp, rfc3339 } from '../sim/time';
import { deepEqual } from '../util/clone';
import { selectorMatches } from '../util/labels';
import { expectedPodCount, type ScaleLookup } from './expected-pods';
import { countsHealthy, DISRUPTED_POD_TIMEOUT_MS, type PodDisruptionBudget, type PodDisruptionBudgetStatus } from './types';

/**
 * kube-controller-manager's disruption controller: keeps each PodDisruptionBudget's status
 * (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, the DisruptionAllowed
 * condition) from the pods its selector matches and their controllers' scale, and forgets
 * evicted pods once they are gone or after 2 minutes. The eviction API reads the status.
 */
export class DisruptionController extends QueueController {
  private pdbs!: Informer<PodDisruptionBudget>;
  private readonly pdbsByNs = new NamespaceIndex<PodDisruptionBudget>();
  private readonly podsByNs = new NamespaceIndex<Pod>();
  private scales!: ScaleLookup;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'disruption-controller', 'controllermanager');
  }

  protected setup(): void {
    this.pdbs = this.informer<PodDisruptionBudget>('poddisruptionbudgets');
    this.pdbsByNs.attach(this.pdbs);
    this.pdbs.on({ add: (p, opId) => this.enqueue(objectKey(p), opId), update: (_o, p, opId) => this.enqueue(objectKey(p), opId) });
    const pods = this.informer<Pod>('pods');
    this.podsByNs.attach(pods);
    pods.on({
      add: (p, opId) => this.onPod(p, opId),
      update: (o, p, opId) => this.onPod(p, opId, o),
      delete: (p, opId) => this.onPod(p, opId),
    });
    const rs = this.informer<ReplicaSet>('replicasets');
    const deployments = this.informer<Deployment>('deployments');
    const sets = this.informer<StatefulSet>('statefulsets');
    for (const inf of [rs, deployments, sets]) {
      inf.on({ update: (o, n, opId) => this.onScale(o.spec, n.spec, n.metadata.namespace, opId) });
    }
    this.scales = {
      replicaSet: (ns, name) => rs.get(ns, name),
      deployment: (ns, name) => deployments.get(ns, name),
      statefulSet: (ns, name) => sets.get(ns, name),
    };
  }

  /** Only budgets in the pod's namespace whose selector matches it (cheap when there are none). */
  private onPod(pod: Pod, opId: number | undefined, old?: Pod): void {
    for (const pdb of this.pdbsByNs.in(pod.metadata.namespace)) {
      const labels = pod.metadata.labels ?? {};
      if (selectorMatches(pdb.spec.selector, labels) || (old && selectorMatches(pdb.spec.selector, old.metadata.labels ?? {}))) this.enqueue(objectKey(pdb), opId);
    }
  }

  private onScale(oldSpec: { replicas?: number }, spec: { replicas?: number }, namespace: string | undefined, opId: number | undefined): void {
    if (oldSpec.replicas === spec.replicas) return;
    for (const pdb of this.pdbsByNs.in(namespace)) this.enqueue(objectKey(pdb), opId);
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    const [ns, name] = key.split('/') as [string, string];
    const pdb = this.pdbs.get(ns, name);
    if (!pdb || pdb.metadata.deletionTimestamp) return 'done';
    const now = this.env.now();
    const pods = this.podsByNs.in(ns).filter((p) => selectorMatches(pdb.spec.selector, p.metadata.labels ?? {}));
    if (pods.length === 0) this.recorder.record(ctx, pdb, 'Normal', 'NoPods', 'No matching pods found');
    const count = expectedPodCount(pdb, pods, this.scales);
    const disrupted = this.liveDisruptions(pdb, pods, now, key);
    if (!count.ok) {
      this.recorder.record(ctx, pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${count.error}`);
      return this.write(ctx, pdb, { current: 0, desired: 0, expected: 0, disrupted, reason: 'SyncFailed', message: count.error });
    }
    let current = 0;
    for (const p of pods) if (countsHealthy(p, disrupted, now)) current++;
    return this.write(ctx, pdb, { current, desired: count.desired, expected: count.expected, disrupted });
  }

  /** disruptedPods still pending: the pod exists, is not being deleted, and was evicted < 2 min ago. */
  private liveDisruptions(pdb: PodDisruptionBudget, pods: readonly Pod[], now: number, key: string): Record<string, string> {
    const out: Record<string, string> = {};
    const byName = new Map(pods.map((p) => [p.metadata.name, p]));
    let nextExpiry = Infinity;
    for (const [name, at] of Object.entries(pdb.status?.disruptedPods ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const pod = byName.get(name);
      const t = parseTimestamp(at) ?? 0;
      if (!pod || pod.metadata.deletionTimestamp || t + DISRUPTED_POD_TIMEOUT_MS <= now) continue;
      out[name] = at;
      nextExpiry = Math.min(nextExpiry, t + DISRUPTED_POD_TIMEOUT_MS);
    }
    if (Number.isFinite(nextExpiry)) this.enqueueAfter(key, nextExpiry - now);
    return out;
  }

  private write(
    ctx: RequestContext,
    pdb: PodDisruptionBudget,
    s: { current: number; desired: number; expected: number; disrupted: Record<string, string>; reason?: string; message?: string },
  ): SyncResult {
    const allowed = s.reason || s.expected <= 0 ? 0 : Math.max(0, s.current - s.desired);
    const reason = s.reason ?? (allowed > 0 ? 'SufficientPods' : 'InsufficientPods');
    const cond = this.condition(pdb, allowed > 0 ? 'True' : 'False', reason, s.message ?? '');
    const status: PodDisruptionBudgetStatus = {
      observedGeneration: pdb.metadata.generation ?? 1,
      ...(Object.keys(s.disrupted).length > 0 ? { disruptedPods: s.disrupted } : {}),
      disruptionsAllowed: allowed,
      currentHealthy: s.current,
      desiredHealthy: s.desired,
      expectedPods: s.expected,
      conditions: [cond],
    };
    if (deepEqual(pdb.status, status)) return 'done';
    return writeStatus(this.api, ctx, 'poddisruptionbudgets', pdb, status) ? 'done' : 'retry';
  }

  private condition(pdb: PodDisruptionBudget, status: 'True' | 'False', reason: string, message: string): Condition {
    const old = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const same = old?.status === status && old.reason === reason && old.message === message;
    const since = same && typeof old.lastTransitionTime === 'string' ? old.lastTransitionTime : rfc3339(this.env.now());
    return { type: 'DisruptionAllowed', status, reason, message, lastTransitionTime: since };
  }
}

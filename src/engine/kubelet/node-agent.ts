import type { Condition, InvolvedObject, Lease, Node, NodeStatus } from '../api/types';
import { InteractionKind } from '../log/interaction-log';
import { rfc3339, rfc3339Micro } from '../sim/time';
import type { KubeletRuntime } from './kubelet-runtime';
import { conditionEventReason, conditionsChanged, nodeConditions, registrationObject, reportedImages, staticNodeStatus, withConditionsAndImages } from './node-status';

/** nodeLeaseDurationSeconds and the renew interval (0.25 × duration). */
export const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_MS = 10_000;
/** nodeStatusUpdateFrequency and nodeStatusReportFrequency. */
export const STATUS_UPDATE_MS = 10_000;
export const STATUS_REPORT_MS = 300_000;
/** wait.JitterUntil factor the kubelet uses for both loops. */
const JITTER = 0.04;
const LEASE_NAMESPACE = 'kube-node-lease';

/**
 * The kubelet's node-level duties: register the Node (or reconcile it after a restart),
 * renew its Lease every 10 s, recompute node status every 10 s and PATCH it only when it
 * changed or 5 minutes passed.
 */
export class NodeAgent {
  private lease: Lease | undefined;
  private node: Node | undefined;
  private lastPosted: NodeStatus | undefined;
  private lastReportMs = 0;
  /**
   * A heartbeat failed (API unreachable, etcd without quorum): the node controller may have
   * marked the node Unknown meanwhile, so the next sync posts status even if nothing changed
   * (upstream compares against the Node it GETs; this kubelet remembers what it posted).
   */
  private heartbeatFailed = false;
  private readonly fixed: NodeStatus;
  /** status.images, recomputed only when the node's image cache grows. */
  private images: { count: number; list: NonNullable<NodeStatus['images']> } = { count: -1, list: [] };

  constructor(
    private readonly rt: KubeletRuntime,
    private readonly bootID: string,
  ) {
    this.fixed = staticNodeStatus(rt.machine.config, bootID);
  }

  private reportedImages(): NonNullable<NodeStatus['images']> {
    const cache = this.rt.machine.images;
    if (cache.size !== this.images.count) this.images = { count: cache.size, list: reportedImages(cache) };
    return this.images.list;
  }

  private buildStatus(before: readonly Condition[] | undefined): NodeStatus {
    return withConditionsAndImages(this.fixed, nodeConditions(before, rfc3339(this.rt.env.now())), this.reportedImages());
  }

  get nodeUid(): string | undefined {
    return this.node?.metadata.uid;
  }

  private get name(): string {
    return this.rt.nodeName;
  }

  private nodeRef(): InvolvedObject {
    return { apiVersion: 'v1', kind: 'Node', name: this.name, uid: this.name };
  }

  private heartbeat(label: string): void {
    this.rt.env.log.append({ kind: InteractionKind.Heartbeat, from: this.rt.id, to: 'apiserver', label, ref: { kind: 'Node', name: this.name } });
  }

  private jittered(periodMs: number): number {
    return Math.round(periodMs * (1 + JITTER * this.rt.env.rng.next()));
  }

  /** Registration, first status and lease, then the two background loops. */
  start(): void {
    this.register();
    this.renewLease();
    const leaseLoop = (): void => {
      this.renewLease();
      this.rt.schedule(this.jittered(LEASE_RENEW_MS), 'lease', leaseLoop, true);
    };
    const statusLoop = (): void => {
      this.syncStatus();
      this.rt.schedule(this.jittered(STATUS_UPDATE_MS), 'node status', statusLoop, true);
    };
    this.rt.schedule(this.jittered(LEASE_RENEW_MS), 'lease', leaseLoop, true);
    this.rt.schedule(this.jittered(STATUS_UPDATE_MS), 'node status', statusLoop, true);
  }

  private register(): void {
    const { api, machine } = this.rt;
    const ctx = this.rt.ctx();
    const existing = api.get<Node>(ctx, 'nodes', undefined, this.name);
    this.event('Normal', 'Starting', 'Starting kubelet.');
    this.event('Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    if (!existing.ok) {
      const status = this.buildStatus(undefined);
      const created = api.create<Node>(ctx, 'nodes', undefined, registrationObject(machine.config, status));
      if (created.ok) this.node = created.value;
      this.posted(status, undefined);
      return;
    }
    this.node = existing.value;
    const oldBoot = existing.value.status?.nodeInfo?.bootID;
    const labels = { ...existing.value.metadata.labels, ...registrationObject(machine.config, {}).metadata.labels };
    if (JSON.stringify(labels) !== JSON.stringify(existing.value.metadata.labels ?? {})) {
      const patched = api.patch<Node>(ctx, 'nodes', undefined, this.name, { metadata: { labels } });
      if (patched.ok) this.node = patched.value;
    }
    if (oldBoot && oldBoot !== this.bootID) this.event('Warning', 'Rebooted', `Node ${this.name} has been rebooted, boot id: ${this.bootID}`);
    this.postStatus(existing.value.status?.conditions);
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.rt.recorder.record(this.rt.ctx(), this.nodeRef(), type, reason, message);
  }

  /** Records the kubelet's events for condition transitions (NodeHasSufficientMemory, NodeReady, …). */
  private posted(status: NodeStatus, before: readonly Condition[] | undefined): void {
    for (const c of status.conditions ?? []) {
      const old = before?.find((b) => b.type === c.type);
      if (old && old.status === c.status) continue;
      const reason = conditionEventReason(c.type, c.status);
      if (reason) this.event('Normal', reason, `Node ${this.name} status is now: ${reason}`);
    }
    this.lastPosted = status;
    this.lastReportMs = this.rt.env.now();
    this.heartbeat(`node status ${this.name}`);
  }

  private postStatus(before: readonly Condition[] | undefined): void {
    const status = this.buildStatus(before);
    const res = this.rt.api.patch<Node>(this.rt.ctx(), 'nodes', undefined, this.name, { status: { ...status } }, 'status');
    if (!res.ok) {
      this.heartbeatFailed = true;
      return;
    }
    this.heartbeatFailed = false;
    this.node = res.value;
    this.posted(status, before);
  }

  /** Every 10 s: recompute; PATCH when something changed or the 5-minute report is due. */
  syncStatus(): void {
    const before = this.lastPosted?.conditions;
    const due = this.rt.env.now() - this.lastReportMs >= STATUS_REPORT_MS;
    const imagesChanged = this.reportedImages() !== this.lastPosted?.images;
    if (!due && !imagesChanged && !this.heartbeatFailed && !conditionsChanged(before, nodeConditions(before, rfc3339(this.rt.env.now())))) return;
    this.postStatus(before);
  }

  /** Renews (or creates) kube-node-lease/<node>. */
  renewLease(): void {
    const { api } = this.rt;
    const ctx = this.rt.ctx();
    const renewTime = rfc3339Micro(this.rt.env.now());
    if (this.lease) {
      const res = api.update<Lease>(ctx, 'leases', { ...this.lease, spec: { ...this.lease.spec, renewTime } });
      if (res.ok) {
        this.lease = res.value;
        this.heartbeat(`renew lease ${this.name}`);
        return;
      }
    }
    const got = api.get<Lease>(ctx, 'leases', LEASE_NAMESPACE, this.name);
    if (got.ok) {
      const res = api.update<Lease>(ctx, 'leases', { ...got.value, spec: { ...got.value.spec, holderIdentity: this.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime } });
      this.lease = res.ok ? res.value : undefined;
    } else {
      const owner = this.node?.metadata.uid ? [{ apiVersion: 'v1', kind: 'Node', name: this.name, uid: this.node.metadata.uid }] : undefined;
      const res = api.create<Lease>(ctx, 'leases', LEASE_NAMESPACE, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.name, namespace: LEASE_NAMESPACE, ...(owner ? { ownerReferences: owner } : {}) },
        spec: { holderIdentity: this.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
      });
      this.lease = res.ok ? res.value : undefined;
    }
    if (this.lease) this.heartbeat(`renew lease ${this.name}`);
    else this.heartbeatFailed = true;
  }
}

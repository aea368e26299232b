import type { ApiServer } from '../api/apiserver';
import type { Lease } from '../api/types';
import { Component } from '../client/component';
import { EventRecorder } from '../client/event-recorder';
import { InteractionKind } from '../log/interaction-log';
import type { SimEnv } from '../sim/env';
import type { ScheduledEvent } from '../sim/event-queue';
import { Rng } from '../sim/rng';
import { rfc3339Micro } from '../sim/time';
import { stableStringify } from '../util/clone';

/**
 * client-go's leaderelection with a `leases` lock, as kube-scheduler and
 * kube-controller-manager run it: try to acquire every retryPeriod (jittered ×1.2 while a
 * standby), renew every retryPeriod while leading (optimistic update first, then get +
 * update), give up when no renewal succeeded within renewDeadline, and take over a lease
 * only once its record has not changed for leaseDuration *by this process's own clock of
 * observation*. Losing the lease ends the process (kube-scheduler exits); the kubelet
 * restarts it as a new candidate with a new identity.
 */

export const LEADER_ELECTION_DEFAULTS = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
  /** client-go's JitterFactor for the acquire loop. */
  jitterFactor: 1.2,
} as const;

export interface LeaderCallbacks {
  onStartedLeading(): void;
  /** Called when a process that was leading stops (lease lost, or the process was killed). */
  onStoppedLeading(): void;
  /** The observed holder changed (including the first one seen). */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  /** Lease name in the namespace: `kube-scheduler`, `kube-controller-manager`. */
  readonly lockName: string;
  readonly namespace?: string;
  /** Node the process runs on; the identity is `<hostname>_<uuid>`. */
  readonly hostname: string;
  /** Source of the LeaderElection events: kube-scheduler records them as its first profile's scheduler name (`default-scheduler`), kube-controller-manager as `kube-controller-manager`. */
  readonly eventSource: string;
  /** Interaction-log id of its requests; default `<lockName>/<hostname>`. Route it to the node's API server. */
  readonly id?: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  readonly jitterFactor?: number;
  /** Losing the lease ends the process; the kubelet starts it again (default true) after restartDelayMs (default 1 s). */
  readonly restartOnLoss?: boolean;
  readonly restartDelayMs?: number;
  readonly callbacks: LeaderCallbacks;
}

/** The lock record as client-go's LeaderElectionRecord holds it (times are MicroTime strings). */
interface LeaseRecord {
  readonly holderIdentity: string;
  readonly leaseDurationSeconds: number;
  readonly acquireTime: string;
  readonly renewTime: string;
  readonly leaseTransitions: number;
}

function recordOf(lease: Lease): LeaseRecord {
  const s = lease.spec ?? {};
  return {
    holderIdentity: s.holderIdentity ?? '',
    leaseDurationSeconds: s.leaseDurationSeconds ?? 0,
    acquireTime: s.acquireTime ?? '',
    renewTime: s.renewTime ?? '',
    leaseTransitions: s.leaseTransitions ?? 0,
  };
}

export class LeaderElector extends Component {
  /** `<hostname>_<uuid>`, new for every process start. */
  identity = '';
  leading = false;
  readonly namespace: string;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly jitterFactor: number;
  private readonly jitterRng: Rng;
  private readonly recorder: EventRecorder;
  private observed: LeaseRecord | undefined;
  private observedRaw = '';
  private observedTimeMs = 0;
  /** Last Lease read or written: its resourceVersion makes updates optimistic. */
  private lease: Lease | undefined;
  private reportedLeader = '';
  private windowDeadlineMs = 0;
  private restartTimer: ScheduledEvent | undefined;

  constructor(
    env: SimEnv,
    api: ApiServer,
    readonly config: LeaderElectionConfig,
  ) {
    super(env, api, config.id ?? `${config.lockName}/${config.hostname}`);
    this.namespace = config.namespace ?? 'kube-system';
    this.leaseDurationMs = config.leaseDurationMs ?? LEADER_ELECTION_DEFAULTS.leaseDurationMs;
    this.renewDeadlineMs = config.renewDeadlineMs ?? LEADER_ELECTION_DEFAULTS.renewDeadlineMs;
    this.retryPeriodMs = config.retryPeriodMs ?? LEADER_ELECTION_DEFAULTS.retryPeriodMs;
    this.jitterFactor = config.jitterFactor ?? LEADER_ELECTION_DEFAULTS.jitterFactor;
    this.jitterRng = new Rng(env.rng.nextUint32());
    this.recorder = new EventRecorder(env, api, config.eventSource);
  }

  /** `kube-system/kube-scheduler`, as client-go describes the lock. */
  get lockDescription(): string {
    return `${this.namespace}/${this.config.lockName}`;
  }

  /** The process is killed (its node died): no callbacks beyond onStoppedLeading, no restart. */
  override stop(): void {
    this.env.queue.cancel(this.restartTimer);
    this.restartTimer = undefined;
    super.stop();
  }

  protected onStart(): void {
    this.identity = `${this.config.hostname}_${this.env.rng.uuid()}`;
    this.observed = undefined;
    this.observedRaw = '';
    this.lease = undefined;
    this.reportedLeader = '';
    this.acquireAttempt();
  }

  protected override onStop(): void {
    if (!this.leading) return;
    this.leading = false;
    this.config.callbacks.onStoppedLeading();
  }

  // ------------------------------------------------------------------ loops

  private acquireAttempt(): void {
    if (this.tryAcquireOrRenew()) return this.startLeading();
    const waitMs = this.retryPeriodMs + Math.floor(this.jitterRng.next() * this.jitterFactor * this.retryPeriodMs);
    this.after(waitMs, 'acquire', () => this.acquireAttempt(), true);
  }

  private startLeading(): void {
    this.leading = true;
    this.note(`successfully acquired lease ${this.lockDescription}`);
    this.recordEvent('became leader');
    this.config.callbacks.onStartedLeading();
    this.after(this.retryPeriodMs, 'renew', () => this.renewWindow(), true);
  }

  /** One wait.PollImmediateUntil(retryPeriod) bounded by renewDeadline. */
  private renewWindow(): void {
    this.windowDeadlineMs = this.env.now() + this.renewDeadlineMs;
    this.renewAttempt();
  }

  private renewAttempt(): void {
    if (this.tryAcquireOrRenew()) {
      this.after(this.retryPeriodMs, 'renew', () => this.renewWindow(), true);
      return;
    }
    const now = this.env.now();
    if (now + this.retryPeriodMs < this.windowDeadlineMs) this.after(this.retryPeriodMs, 'renew', () => this.renewAttempt(), true);
    else this.after(this.windowDeadlineMs - now, 'renew-deadline', () => this.loseLease(), true);
  }

  private loseLease(): void {
    this.note(`failed to renew lease ${this.lockDescription}: timed out waiting for the condition`);
    this.recordEvent('stopped leading');
    super.stop();
    if (this.config.restartOnLoss === false) return;
    this.restartTimer = this.env.queue.after(this.config.restartDelayMs ?? 1_000, `${this.id}:restart`, () => {
      this.restartTimer = undefined;
      this.start();
    }, true);
  }

  // ------------------------------------------------------------------ the lock

  private isLeader(): boolean {
    return this.observed !== undefined && this.observed.holderIdentity === this.identity;
  }

  private isLeaseValid(now: number): boolean {
    return this.observed !== undefined && this.observedTimeMs + this.observed.leaseDurationSeconds * 1000 > now;
  }

  /** client-go's tryAcquireOrRenew, request for request. */
  private tryAcquireOrRenew(): boolean {
    const now = this.env.now();
    const stamp = rfc3339Micro(now);
    const desired: LeaseRecord = { holderIdentity: this.identity, leaseDurationSeconds: Math.floor(this.leaseDurationMs / 1000), acquireTime: stamp, renewTime: stamp, leaseTransitions: 0 };
    if (this.isLeader() && this.isLeaseValid(now) && this.lease && this.observed) {
      const fast = { ...desired, acquireTime: this.observed.acquireTime, leaseTransitions: this.observed.leaseTransitions };
      if (this.writeLease(this.lease, fast)) return true;
    }
    const got = this.api.get<Lease>(this.ctx(), 'leases', this.namespace, this.config.lockName);
    if (!got.ok) {
      if (got.status.code !== 404) return false;
      const created = this.api.create<Lease>(this.ctx(), 'leases', this.namespace, this.leaseObject(desired));
      if (!created.ok) return false;
      this.lease = created.value;
      this.setObserved(desired);
      return true;
    }
    this.lease = got.value;
    const old = recordOf(got.value);
    const raw = stableStringify(old);
    if (raw !== this.observedRaw) {
      this.setObserved(old);
      this.observedRaw = raw;
    }
    if (old.holderIdentity !== '' && this.isLeaseValid(now) && !this.isLeader()) return false;
    const next = this.isLeader()
      ? { ...desired, acquireTime: old.acquireTime, leaseTransitions: old.leaseTransitions }
      : { ...desired, leaseTransitions: old.leaseTransitions + 1 };
    return this.writeLease(got.value, next);
  }

  private writeLease(base: Lease, rec: LeaseRecord): boolean {
    // The API server copies what it is given: a shallow copy with the new spec is enough here.
    const next: Lease = { ...base, spec: { ...rec } };
    const res = this.api.update<Lease>(this.ctx(), 'leases', next);
    if (!res.ok) return false;
    this.lease = res.value;
    this.setObserved(rec);
    return true;
  }

  private leaseObject(rec: LeaseRecord): Lease {
    return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: this.config.lockName, namespace: this.namespace }, spec: { ...rec } };
  }

  private setObserved(rec: LeaseRecord): void {
    this.observed = rec;
    this.observedTimeMs = this.env.now();
    if (rec.holderIdentity === this.reportedLeader) return;
    this.reportedLeader = rec.holderIdentity;
    this.config.callbacks.onNewLeader?.(rec.holderIdentity);
  }

  // ------------------------------------------------------------------ reporting

  /** `LeaderElection` event on the Lease: `<identity> became leader` / `stopped leading`. */
  private recordEvent(what: string): void {
    if (this.lease) this.recorder.record(this.ctx(), this.lease, 'Normal', 'LeaderElection', `${this.identity} ${what}`);
  }

  private note(label: string): void {
    this.env.log.append({
      kind: InteractionKind.Election,
      from: this.id,
      to: this.id,
      label,
      ref: { kind: 'Lease', namespace: this.namespace, name: this.config.lockName },
    });
  }
}

import type { Pod, PodStatus } from '../api/types';
import type { ScheduledEvent } from '../sim/event-queue';
import { rfc3339 } from '../sim/time';
import { ContainerRunner } from './container-runner';
import { logKubelet, logKubeletJoined, logRuntime, logRuntimeJoined, recordEvent, type KubeletRuntime } from './kubelet-runtime';
import type { PodContext } from './pod-context';
import { podRequests, qosClass, sharedRequests, type Rejection, type Requests } from './pod-resources';
import { buildPodStatus, computePhase, type PodRuntimeView } from './pod-status';
import { StatusWriter } from './status-writer';
import { readMisbehaviour, type Misbehaviour } from './sim-annotations';
import { kubeletMountCheck, mountRetryMs } from '../storage/mount-check';

/** How long the CNI waits before retrying a sandbox whose IP range was exhausted. */
const SANDBOX_RETRY_MS = 10_000;

const NO_RUNNERS: readonly ContainerRunner[] = Object.freeze([]);

export function isTerminalPhase(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * One pod on this node, from admission to the kubelet's final DELETE: sandbox and IP, init
 * containers in order, app containers, status writes (batched: one transition, one write),
 * and graceful termination.
 */
export class PodWorker implements PodContext {
  readonly uid: string;
  readonly misbehaviour: Misbehaviour;
  readonly probeOriginMs: number;
  /** Effective pod request, counted against the node's allocatable while the pod is active. */
  readonly requests: Readonly<Requests>;
  readonly inits: readonly ContainerRunner[];
  readonly apps: readonly ContainerRunner[];
  private current: Pod;
  private op: number | undefined;
  private ip: string | undefined;
  private ipAllocated = false;
  private sandboxReady = false;
  private startTime: string | undefined;
  private isTerminating = false;
  private deadlineMs = 0;
  /** No container will run any more (finished, rejected, or terminated). */
  finished = false;
  /** The pod object is gone from the API. */
  gone = false;
  private waitingInit = -1;
  private flushEv: ScheduledEvent | undefined;
  private readonly writer: StatusWriter;
  /** Pending steps, created with the first one (with zero latencies a pod starts at once and keeps none). */
  private timers: Set<ScheduledEvent> | undefined;
  private readonly qos: NonNullable<PodStatus['qosClass']>;

  constructor(
    readonly rt: KubeletRuntime,
    pod: Pod,
    opId: number | undefined,
    private readonly rejection?: Rejection,
    /** podRequests(pod), when the caller has it already (admission computed it). */
    requests?: Requests,
  ) {
    this.current = pod;
    this.op = opId;
    this.uid = pod.metadata.uid ?? '';
    this.misbehaviour = readMisbehaviour(pod);
    this.probeOriginMs = rt.env.now();
    this.qos = qosClass(pod);
    this.requests = sharedRequests(requests ?? podRequests(pod));
    this.writer = new StatusWriter(rt, this.uid);
    const adopt = isTerminalPhase(pod);
    const initStatuses = pod.status?.initContainerStatuses ?? [];
    const statuses = pod.status?.containerStatuses ?? [];
    const initSpecs = pod.spec.initContainers;
    // Most pods have no init containers: they share one empty list.
    this.inits = initSpecs === undefined || initSpecs.length === 0 ? NO_RUNNERS : initSpecs.map((c) => new ContainerRunner(this, c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', initStatuses.find((s) => s.name === c.name), adopt));
    this.apps = pod.spec.containers.map((c) => new ContainerRunner(this, c, 'app', statuses.find((s) => s.name === c.name), adopt));
    this.finished = adopt;
  }

  // ------------------------------------------------------------------ PodContext

  pod(): Pod {
    return this.current;
  }

  opId(): number | undefined {
    return this.op;
  }

  podIP(): string | undefined {
    return this.ip;
  }

  terminating(): boolean {
    return this.isTerminating || this.gone;
  }

  changed(): void {
    if (this.gone || this.flushEv) return;
    this.flushEv = this.rt.defer('status', () => {
      this.flushEv = undefined;
      this.flush();
    });
  }

  containerStarted(name: string): void {
    const r = this.inits[this.waitingInit];
    if (r?.kind === 'sidecar' && r.name === name) this.nextInit(this.waitingInit + 1);
  }

  containerExited(name: string, exitCode: number): void {
    if (this.isTerminating) return;
    const r = this.inits[this.waitingInit];
    if (r?.kind === 'init' && r.name === name && exitCode === 0) {
      this.nextInit(this.waitingInit + 1);
      return;
    }
    const phase = computePhase(this.current.spec, this.inits.map((x) => x.status), this.apps.map((x) => x.status), false);
    if (phase === 'Succeeded' || phase === 'Failed') this.complete();
  }

  // ------------------------------------------------------------------ lifecycle

  /** The log records' object reference: only a kept (or heard) record carries one. */
  private get ref(): { kind: string; namespace?: string; name: string } | undefined {
    if (!this.rt.env.log.recording) return undefined;
    return { kind: 'Pod', namespace: this.current.metadata.namespace, name: this.current.metadata.name };
  }

  private step(delayMs: number, label: string, fn: () => void, background = false): void {
    const box: { ev?: ScheduledEvent } = {};
    box.ev = this.rt.schedule(delayMs, label, () => {
      if (box.ev) this.timers?.delete(box.ev);
      fn();
    }, background);
    if (box.ev) (this.timers ??= new Set()).add(box.ev);
  }

  /** Admitted (or rejected) pod: start it; a restarted kubelet finalizes pods already being deleted. */
  start(): void {
    const pod = this.current;
    if (pod.metadata.deletionTimestamp) {
      this.terminate();
      return;
    }
    if (this.finished) return;
    if (this.rejection) {
      this.finished = true;
      recordEvent(this.rt, this.op, pod, 'Warning', this.rejection.reason, this.rejection.message);
      logKubelet(this.rt, `reject pod ${pod.metadata.name}: ${this.rejection.reason}`, this.op, this.ref);
      this.changed();
      return;
    }
    this.startTime = pod.status?.startTime ?? rfc3339(this.rt.env.now());
    logKubeletJoined(this.rt, 'admit pod ', pod.metadata.name, this.op, this.ref);
    this.changed();
    this.step(this.rt.env.config.containerStartMs, 'sandbox', () => this.createSandbox());
  }

  private createSandbox(): void {
    if (this.isTerminating) return;
    const pod = this.current;
    // WaitForAttachAndMount comes before the sandbox: the pod stays ContainerCreating meanwhile.
    const mount = kubeletMountCheck(this.rt.api, this.rt.ctx(this.op), pod, { name: this.rt.nodeName, labels: this.rt.machine.config.labels });
    if (mount.kind !== 'ready') {
      if (mount.kind === 'failed') recordEvent(this.rt, this.op, pod, 'Warning', 'FailedMount', mount.message);
      this.step(mountRetryMs(mount), 'volumes retry', () => this.createSandbox(), true);
      return;
    }
    let ip: string | undefined = this.rt.machine.config.internalIP;
    if (!pod.spec.hostNetwork) {
      ip = this.rt.ips.allocate();
      if (!ip) {
        const msg = `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="host-local" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${this.rt.ips.describe()}`;
        recordEvent(this.rt, this.op, pod, 'Warning', 'FailedCreatePodSandBox', msg);
        this.step(SANDBOX_RETRY_MS, 'sandbox retry', () => this.createSandbox(), true);
        return;
      }
      this.ipAllocated = true;
    }
    logRuntimeJoined(this.rt, 'run sandbox ', pod.metadata.name, this.op, this.ref);
    this.ip = ip;
    this.sandboxReady = true;
    this.changed();
    this.nextInit(0);
  }

  private nextInit(from: number): void {
    for (let i = from; i < this.inits.length; i++) {
      const r = this.inits[i]!;
      if (!r.needsRun && (r.kind === 'init' || r.isRunning)) continue;
      this.waitingInit = i;
      r.run();
      return;
    }
    this.waitingInit = this.inits.length;
    for (const r of this.apps) if (r.needsRun) r.run();
  }

  /** Every app container has exited for good (Job-style pods): stop sidecars, tear the sandbox down. */
  private complete(): void {
    if (this.finished) return;
    this.finished = true;
    const sidecars = this.inits.filter((r) => r.kind === 'sidecar');
    this.stopAll(sidecars, (this.current.spec.terminationGracePeriodSeconds ?? 30) * 1000, () => {
      this.teardownSandbox();
      this.changed();
    });
  }

  private teardownSandbox(): void {
    if (this.sandboxReady) logRuntime(this.rt, `stop sandbox ${this.current.metadata.name}`, this.op, this.ref);
    this.sandboxReady = false;
    if (this.ipAllocated) this.rt.ips.release(this.ip);
    this.ipAllocated = false;
  }

  private stopAll(runners: readonly ContainerRunner[], graceMs: number, then: () => void): void {
    let pending = runners.length + 1;
    const one = (): void => {
      if (--pending === 0) then();
    };
    for (const r of runners) r.stop(graceMs, one);
    one();
  }

  /** deletionTimestamp seen: stop app containers, then sidecars (reverse order), then finalize. */
  terminate(): void {
    const pod = this.current;
    const graceMs = Math.max(0, pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    const deadline = this.rt.env.now() + graceMs;
    if (this.isTerminating) {
      if (deadline < this.deadlineMs) {
        this.deadlineMs = deadline;
        for (const r of [...this.inits, ...this.apps]) r.shortenStop(deadline);
      }
      return;
    }
    this.isTerminating = true;
    this.deadlineMs = deadline;
    this.cancelTimers();
    logKubelet(this.rt, `kill pod ${pod.metadata.name}`, this.op, this.ref);
    const regular = [...this.inits.filter((r) => r.kind === 'init'), ...this.apps];
    const sidecars = this.inits.filter((r) => r.kind === 'sidecar').reverse();
    this.stopAll(regular, graceMs, () => this.stopAll(sidecars, Math.max(0, this.deadlineMs - this.rt.env.now()), () => this.finalize()));
  }

  /** All containers stopped: report the terminal phase, then delete the object for good. */
  private finalize(): void {
    if (this.gone) return;
    this.finished = true;
    this.teardownSandbox();
    this.rt.unschedule(this.flushEv);
    this.flushEv = undefined;
    this.flush();
    const m = this.current.metadata;
    logKubelet(this.rt, `delete pod ${m.name}`, this.op, this.ref);
    this.rt.api.delete(this.rt.ctx(this.op), 'pods', m.namespace, m.name, { gracePeriodSeconds: 0, preconditions: { uid: this.uid } });
  }

  /** A newer version of the pod arrived through the watch. */
  update(pod: Pod, opId: number | undefined): void {
    // Our own writes may be newer than what the watch is still delivering.
    if (Number(pod.metadata.resourceVersion) < Number(this.current.metadata.resourceVersion)) return;
    const before = this.current;
    this.current = pod;
    if (opId !== undefined) this.op = opId;
    if (before.spec !== pod.spec && !this.finished && !this.isTerminating) this.respec(pod);
    if (pod.metadata.deletionTimestamp) {
      this.terminate();
      return;
    }
    if (!this.writer.upToDate(pod.status)) this.changed();
  }

  private respec(pod: Pod): void {
    for (const c of pod.spec.containers) this.apps.find((r) => r.name === c.name)?.respec(c);
    for (const c of pod.spec.initContainers ?? []) this.inits.find((r) => r.name === c.name)?.respec(c);
  }

  private cancelTimers(): void {
    if (!this.timers) return;
    for (const ev of this.timers) this.rt.unschedule(ev);
    this.timers.clear();
  }

  /** The object is gone (force delete or our own final DELETE): drop everything. */
  deleted(): void {
    this.gone = true;
    this.rt.unschedule(this.flushEv);
    this.flushEv = undefined;
    this.cancelTimers();
    for (const r of [...this.inits, ...this.apps]) r.abort();
    this.teardownSandbox();
  }

  /** Counts against the node's allocatable (admitted and not finished). */
  get active(): boolean {
    return !this.finished && !this.rejection && !this.gone;
  }

  view(): PodRuntimeView {
    return {
      pod: this.current,
      hostIP: this.rt.machine.config.internalIP,
      podIP: this.ip,
      startTime: this.startTime,
      sandboxReady: this.sandboxReady,
      initStatuses: this.inits.map((r) => r.status),
      statuses: this.apps.map((r) => r.status),
      podIsTerminal: this.finished,
      qosClass: this.qos,
      ...(this.rejection ? { rejection: this.rejection } : {}),
    };
  }

  private flush(): void {
    if (this.gone) return;
    const desired = buildPodStatus(this.view(), this.writer.previous ?? this.current.status, rfc3339(this.rt.env.now()));
    const stored = this.writer.write(this.current, desired, this.op);
    if (!stored) return;
    this.current = stored;
    logKubeletJoined(this.rt, 'status ', desired.phase ?? 'Pending', this.op, this.ref);
  }
}

import type { Container, ContainerState, ContainerStateTerminated, ContainerStatus } from '../api/types';
import { InteractionKind } from '../log/interaction-log';
import type { ScheduledEvent } from '../sim/event-queue';
import { rfc3339 } from '../sim/time';
import { deepClone, fnv32a } from '../util/clone';
import { formatGoDuration, imageID, type ImageRef } from './images';
import { ensureImage, type ImageStepHost } from './container-image';
import { logRuntime, logRuntimeJoined, PLEG_RELIST_MS, recordEvent, runtimeId64 } from './kubelet-runtime';
import type { PodContext } from './pod-context';
import { startProbing, type ProbeHost } from './container-probes';
import { plannedExit } from './sim-annotations';
import { restoredState } from './container-restore';
import { fieldPathOf, hasFreshKeys, processKey, type ContainerKind } from './container-keys';

/** A container that never terminated before: one frozen empty state shared by every status (states are replaced, never changed in place). */
const NO_LAST_STATE: ContainerState = Object.freeze({});

/** One run of a container process, kept for logs and usage. */
export interface ContainerRun {
  readonly containerID: string;
  readonly startedMs: number;
  readonly seed: number;
  finishedMs?: number;
  exitCode?: number;
  reason?: string;
}

const CONTAINERD_PREFIX_LENGTH = 'containerd://'.length;

/** How long a regular init container runs, in units of the runtime's create/start time. */
const INIT_RUN_FACTOR = 3;

/** How long a process the sandbox keeps down lives after each start before it exits with an error. */
const FAILED_START_MS = 1000;

const CONTAINER_STATUS_UNKNOWN: ContainerStateTerminated = {
  exitCode: 137,
  reason: 'ContainerStatusUnknown',
  message: 'The container could not be located when the pod was terminated',
};

/**
 * One container of a pod on this node: image, create/start, probes, planned exits, restarts
 * with CrashLoopBackOff, and stopping on termination. Its `status` is the API-shaped
 * ContainerStatus the pod worker reports.
 */
export class ContainerRunner implements ImageStepHost, ProbeHost {
  private statusValue: ContainerStatus;
  current: ContainerRun | undefined;
  /** The most recent finished run, and the one before it (for `kubectl logs --previous`). */
  previous: ContainerRun | undefined;
  older: ContainerRun | undefined;
  /** Seed for this run's synthetic resource usage. */
  usageSeed = 0;
  /** Pending steps, created with the first one (most containers start at once and keep none). */
  private timers: Set<ScheduledEvent> | undefined;
  private cancelPull: (() => void) | undefined;
  private everCreated = false;
  /** run() was called: it is (or was) this container's turn. */
  private attempted = false;
  private lastTerminated: ContainerStateTerminated | undefined;
  private stopTimer: ScheduledEvent | undefined;
  private stopDueMs = 0;
  private stopDone: (() => void) | undefined;

  private specValue: Container;
  /** Every event of this container carries it: one flat string per container, not one per event. */
  private readonly fieldPathValue: string;

  constructor(
    readonly pc: PodContext,
    spec: Container,
    readonly kind: ContainerKind,
    /** This container's status as the API last held it (a restarted kubelet picks up from there). */
    restored: ContainerStatus | undefined,
    /** Adopt the restored status as is (the pod is finished; nothing will run). */
    adopt = false,
  ) {
    this.specValue = spec;
    this.fieldPathValue = fieldPathOf(kind, spec.name);
    const waitingReason = kind === 'app' && !(pc.pod().spec.initContainers?.length) ? 'ContainerCreating' : 'PodInitializing';
    this.statusValue = adopt && restored
      ? deepClone(restored)
      : { name: spec.name, image: spec.image, imageID: '', lastState: NO_LAST_STATE, ready: false, restartCount: 0, started: false, state: { waiting: { reason: waitingReason } } };
    if (!adopt && restored?.containerID) this.restore(restored);
  }

  get spec(): Container {
    return this.specValue;
  }

  /** The API-shaped status, changed in place (see started for the one time it is replaced). */
  get status(): ContainerStatus {
    return this.statusValue;
  }

  get name(): string {
    return this.spec.name;
  }

  /**
   * The container's image was changed on the live pod (the one mutable field): the kubelet
   * restarts it with the new image, or retries at once if it was stuck on the old one.
   */
  respec(spec: Container): void {
    if (spec.image === this.spec.image) return;
    this.specValue = spec;
    // Not its turn yet (init containers still running), or finished for good: the new image is used if it ever runs.
    const doneForGood = this.status.state.terminated !== undefined && !this.current && (this.timers?.size ?? 0) === 0;
    if (!this.attempted || doneForGood) {
      if (!this.everCreated) this.status.image = spec.image;
      return;
    }
    this.clearTimers();
    if (this.current) {
      this.event('Normal', 'Killing', `Container ${this.name} definition changed, will be restarted`);
      logRuntime(this.pc.rt, `stop container ${this.name}`, this.pc.opId(), this.podRef());
      this.finishRun(0, 'Completed');
    }
    this.status.image = spec.image;
    this.run();
  }

  get fieldPath(): string {
    return this.fieldPathValue;
  }

  get isRunning(): boolean {
    return this.current !== undefined;
  }

  /** After a kubelet restart: containers that ran before count a restart and remember how they ended. */
  private restore(old: ContainerStatus): void {
    const r = restoredState(old, this.kind, this.pc.pod().spec.restartPolicy ?? 'Always', rfc3339(this.pc.rt.env.now()));
    this.everCreated = true;
    this.lastTerminated = r.lastTerminated;
    Object.assign(this.status, { restartCount: old.restartCount, containerID: old.containerID, ready: r.ready });
    if (r.lastTerminated) this.statusValue.lastState = { terminated: r.lastTerminated };
    if (r.state) this.statusValue.state = r.state;
  }

  /** Whether this container still has to be started (false for finished init containers and non-restartable exits). */
  get needsRun(): boolean {
    return !this.status.state.terminated && !this.current;
  }

  setWaiting(reason: string, message?: string): void {
    this.statusValue.state = { waiting: message ? { reason, message } : { reason } };
  }

  setCancelPull(cancel: (() => void) | undefined): void {
    this.cancelPull = cancel;
  }

  later(delayMs: number, label: string, fn: () => void, background: boolean): ScheduledEvent | undefined {
    // A zero-delay step runs inside schedule(), before it returns: hence the box.
    const box: { ev?: ScheduledEvent } = {};
    box.ev = this.pc.rt.schedule(Math.max(0, delayMs), label, () => {
      if (box.ev) this.timers?.delete(box.ev);
      fn();
    }, background);
    if (box.ev) (this.timers ??= new Set()).add(box.ev);
    return box.ev;
  }

  private clearTimers(): void {
    for (const ev of this.timers ?? []) this.pc.rt.unschedule(ev);
    this.timers?.clear();
    this.cancelPull?.();
    this.cancelPull = undefined;
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    recordEvent(this.pc.rt, this.pc.opId(), this.pc.pod(), type, reason, message, this.fieldPath);
  }

  /** The log record's object reference: only kept or heard records carry one. */
  private podRef(): { kind: string; namespace?: string; name: string } | undefined {
    if (!this.pc.rt.env.log.recording) return undefined;
    const m = this.pc.pod().metadata;
    return { kind: 'Pod', namespace: m.namespace, name: m.name };
  }

  /** Pull (as the policy says), create and start. */
  run(): void {
    if (this.pc.terminating()) return;
    this.attempted = true;
    ensureImage(this, (ref) => this.later(this.pc.rt.env.config.containerStartMs, `start ${this.name}`, () => this.started(ref), false));
  }

  private started(ref: ImageRef): void {
    const { rt } = this.pc;
    if (this.pc.terminating()) return;
    if (this.everCreated) this.status.restartCount++;
    this.everCreated = true;
    // The run's id is the tail of the status's containerID: one string kept per run, not two.
    const fullId = ['containerd://', runtimeId64(rt)].join('');
    const id = fullId.slice(CONTAINERD_PREFIX_LENGTH);
    const now = rt.env.now();
    this.current = { containerID: id, startedMs: now, seed: fnv32a(id) };
    this.usageSeed = rt.env.rng.nextUint32();
    const st = this.status;
    const state: ContainerState = { running: { startedAt: rfc3339(now) } };
    const lastState = this.lastTerminated ? { terminated: this.lastTerminated } : NO_LAST_STATE;
    if (hasFreshKeys(st)) {
      // The first start of a status still shaped as the constructor built it: the same keys in
      // the same order with containerID last, as one literal (adding containerID to the old
      // object would give it an out-of-object property store, kept for the pod's life).
      this.statusValue = { name: st.name, image: ref.full, imageID: imageID(ref), lastState, ready: false, restartCount: st.restartCount, started: false, state, containerID: fullId };
    } else {
      // Assigned one by one, in Object.assign's order (the keys keep their order), without a temporary object.
      st.image = ref.full;
      st.imageID = imageID(ref);
      st.containerID = fullId;
      st.ready = false;
      st.started = false;
      st.state = state;
      st.lastState = lastState;
    }
    logRuntimeJoined(rt, 'create container ', this.name, this.pc.opId(), this.podRef());
    this.event('Normal', 'Created', 'Container created');
    logRuntimeJoined(rt, 'start container ', this.name, this.pc.opId(), this.podRef());
    this.event('Normal', 'Started', 'Container started');
    this.onRunning(now);
    this.pc.changed();
  }

  private onRunning(now: number): void {
    if (this.stopped()) {
      // The sandbox keeps this process down: it dies as it starts (the restart policy and its back-off apply).
      this.later(FAILED_START_MS, `exit ${this.name}`, () => this.exit(1, 'Error'), false);
      return;
    }
    if (this.kind === 'init') {
      this.status.started = true;
      this.later(INIT_RUN_FACTOR * this.pc.rt.env.config.containerStartMs, `init ${this.name}`, () => this.exit(0, 'Completed'), false);
      return;
    }
    startProbing(this, now);
    const planned = this.kind === 'app' ? plannedExit(this.pc.misbehaviour) : undefined;
    if (planned) this.later(planned.afterMs, `exit ${this.name}`, () => this.exit(planned.exitCode, planned.reason), planned.reason !== 'Completed');
  }

  /** Whether the sandbox keeps this container's process from running (Machine.stoppedProcesses). */
  private stopped(): boolean {
    const { rt } = this.pc;
    if (rt.machine.stoppedProcesses.size === 0) return false;
    const m = this.pc.pod().metadata;
    return rt.machine.stoppedProcesses.has(processKey(m.namespace ?? 'default', m.name, this.name));
  }

  /**
   * The process was killed from outside (SIGKILL: exit code 137, reason Error); the kubelet
   * restarts it as its restart policy says. Nothing happens if it was not running.
   */
  killProcess(): void {
    if (this.current) this.exit(137, 'Error');
  }

  /**
   * The process may run again: a container waiting out its back-off (or about to be restarted)
   * starts now, as if its operator had restarted it by hand.
   */
  startProcess(): void {
    if (this.current || !this.everCreated || this.pc.terminating() || !this.shouldRestart(1)) return;
    this.clearTimers();
    this.run();
  }

  /** The process ended by itself (exit code, OOM, completion). */
  private exit(exitCode: number, reason: string): void {
    const finished = this.finishRun(exitCode, reason);
    if (!finished) return;
    const { rt } = this.pc;
    rt.env.log.append({ kind: InteractionKind.Runtime, from: rt.runtimeId, to: rt.id, label: `container ${this.name} exited (${exitCode})`, opId: this.pc.opId(), ref: this.podRef() });
    this.pc.changed();
    this.pc.containerExited(this.name, exitCode);
    if (this.shouldRestart(exitCode)) {
      const finishedMs = rt.env.now();
      this.later(PLEG_RELIST_MS, `sync ${this.name}`, () => this.restartOrBackOff(finishedMs), true);
    }
  }

  private finishRun(exitCode: number, reason: string): ContainerStateTerminated | undefined {
    const run = this.current;
    if (!run) return undefined;
    this.clearTimers();
    const now = this.pc.rt.env.now();
    Object.assign(run, { finishedMs: now, exitCode, reason });
    this.older = this.previous;
    this.previous = run;
    this.current = undefined;
    const term: ContainerStateTerminated = { exitCode, reason, startedAt: rfc3339(run.startedMs), finishedAt: rfc3339(now) };
    this.lastTerminated = term;
    this.statusValue.state = { terminated: term };
    this.status.ready = this.kind === 'init' && exitCode === 0;
    this.status.started = false;
    return term;
  }

  private shouldRestart(exitCode: number): boolean {
    if (this.pc.terminating()) return false;
    if (this.kind === 'sidecar') return true;
    const policy = this.pc.pod().spec.restartPolicy ?? 'Always';
    if (this.kind === 'init') return exitCode !== 0 && policy !== 'Never';
    return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
  }

  /** doBackOff: restart at once unless still inside the back-off window of a recent restart. */
  private restartOrBackOff(finishedMs: number): void {
    if (this.pc.terminating()) return;
    const { rt } = this.pc;
    const key = `${this.pc.uid}_${this.name}`;
    const backoff = rt.containerBackoff;
    const now = rt.env.now();
    if (!backoff.isInBackOffSince(key, finishedMs, now)) {
      backoff.next(key, now);
      this.run();
      return;
    }
    const m = this.pc.pod().metadata;
    const podDesc = `${m.name}_${m.namespace}(${this.pc.uid})`;
    this.setWaiting('CrashLoopBackOff', `back-off ${formatGoDuration(backoff.get(key))} restarting failed container=${this.name} pod=${podDesc}`);
    if (this.lastTerminated) this.statusValue.lastState = { terminated: this.lastTerminated };
    this.event('Warning', 'BackOff', `Back-off restarting failed container ${this.name} in pod ${podDesc}`);
    this.pc.changed();
    this.later(backoff.until(key, finishedMs) - now, `back-off ${this.name}`, () => {
      backoff.next(key, rt.env.now());
      this.run();
    }, true);
  }

  /**
   * Termination: SIGTERM, then the container exits after a short time (or is SIGKILLed when
   * the grace period ends, if it ignores SIGTERM). `done` runs once it is no longer running.
   */
  stop(graceMs: number, done: () => void): void {
    this.clearTimers();
    const { rt } = this.pc;
    if (!this.current) {
      this.settle();
      done();
      return;
    }
    this.event('Normal', 'Killing', `Stopping container ${this.name}`);
    logRuntime(rt, `stop container ${this.name}`, this.pc.opId(), this.podRef());
    const ignores = this.pc.misbehaviour.ignoreSigterm;
    const ms = ignores ? graceMs : Math.min(graceMs, rt.env.config.containerStartMs);
    this.stopDone = done;
    this.armStop(ms, ignores || graceMs < rt.env.config.containerStartMs);
  }

  private armStop(ms: number, killed: boolean): void {
    this.stopDueMs = this.pc.rt.env.now() + ms;
    this.stopTimer = undefined;
    this.stopTimer = this.later(ms, `stop ${this.name}`, () => {
      this.stopTimer = undefined;
      this.finishRun(killed ? 137 : 0, killed ? 'Error' : 'Completed');
      const done = this.stopDone;
      this.stopDone = undefined;
      done?.();
    }, false);
  }

  /** A second DELETE with a shorter grace period moves the SIGKILL earlier. */
  shortenStop(deadlineMs: number): void {
    if (!this.stopTimer || this.stopDueMs <= deadlineMs) return;
    this.pc.rt.unschedule(this.stopTimer);
    this.timers?.delete(this.stopTimer);
    this.armStop(deadlineMs - this.pc.rt.env.now(), true);
  }

  /** A container that is not running when the pod terminates: its last exit, or unknown. */
  private settle(): void {
    if (this.status.state.terminated) return;
    this.statusValue.state = { terminated: this.lastTerminated ?? CONTAINER_STATUS_UNKNOWN };
    this.status.ready = false;
    this.status.started = false;
  }

  /** The pod object is gone (force delete): drop everything at once. */
  abort(): void {
    this.clearTimers();
    if (this.current) logRuntime(this.pc.rt, `stop container ${this.name}`, this.pc.opId(), this.podRef());
    this.current = undefined;
  }
}

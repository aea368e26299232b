import type { Condition, ContainerStatus, Pod, PodPhase, PodSpec, PodStatus } from '../api/types';
import { deepEqual } from '../util/clone';

/**
 * The kubelet's status generation (pkg/kubelet/kubelet_pods.go getPhase, pkg/kubelet/status
 * generate.go), as pure functions from the kubelet's private view of a pod to `pod.status`.
 */

const isSidecar = (spec: PodSpec, name: string): boolean => spec.initContainers?.find((c) => c.name === name)?.restartPolicy === 'Always';

/** The last status named `name` (a pod has a few containers: a scan beats building a map per call). */
function statusNamed(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  for (let i = statuses.length - 1; i >= 0; i--) if (statuses[i]!.name === name) return statuses[i];
  return undefined;
}

/** getPhase: the pod phase from its container statuses (podIsTerminal: no restart will happen any more). */
export function computePhase(spec: PodSpec, initStatuses: readonly ContainerStatus[], statuses: readonly ContainerStatus[], podIsTerminal: boolean): PodPhase {
  let pendingInit = 0;
  let pendingSidecars = 0;
  let failedInit = 0;
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.initContainers ?? []) {
    const s = statusNamed(initStatuses, c.name);
    if (c.restartPolicy === 'Always') {
      if (!s) unknown++;
      else if (s.state.running) {
        if (!s.started) pendingSidecars++;
        running++;
      } else if (s.state.waiting && !s.lastState?.terminated) {
        pendingSidecars++;
        waiting++;
      } else if (!s.state.terminated && !s.state.waiting) {
        pendingSidecars++;
        unknown++;
      }
      continue;
    }
    if (!s || s.state.running) pendingInit++;
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  let anyRegularStarted = false;
  for (const c of spec.containers) {
    const s = statusNamed(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state.running || s.state.terminated || s.lastState?.terminated) anyRegularStarted = true;
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const policy = spec.restartPolicy ?? 'Always';
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 || (pendingSidecars > 0 && !anyRegularStarted) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return policy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}

type BareCondition = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;

function list(names: string[]): string {
  return `[${names.join(' ')}]`;
}

function initializedCondition(spec: PodSpec, initStatuses: readonly ContainerStatus[], statuses: readonly ContainerStatus[], phase: PodPhase): BareCondition {
  const incomplete: string[] = [];
  for (const c of spec.initContainers ?? []) {
    const s = initStatuses.find((x) => x.name === c.name);
    if (c.restartPolicy === 'Always') {
      if (!s?.started) incomplete.push(c.name);
    } else if (!s?.state.terminated || s.state.terminated.exitCode !== 0) incomplete.push(c.name);
  }
  if (phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  const regularStarted = statuses.some((s) => s.state.running || s.state.terminated || s.lastState?.terminated);
  if (regularStarted || incomplete.length === 0) return { type: 'Initialized', status: 'True' };
  return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${list(incomplete)}` };
}

function containersReadyCondition(spec: PodSpec, initStatuses: readonly ContainerStatus[], statuses: readonly ContainerStatus[], phase: PodPhase): BareCondition {
  if (phase === 'Succeeded') return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const unready: string[] = [];
  for (const s of initStatuses) if (isSidecar(spec, s.name) && !s.ready) unready.push(s.name);
  for (const s of statuses) if (!s.ready) unready.push(s.name);
  if (unready.length === 0) return { type: 'ContainersReady', status: 'True' };
  return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: ${list(unready)}` };
}

/** What the kubelet knows about one pod, enough to write its status. */
export interface PodRuntimeView {
  readonly pod: Pod;
  readonly hostIP: string;
  readonly podIP: string | undefined;
  readonly startTime: string | undefined;
  readonly sandboxReady: boolean;
  readonly initStatuses: readonly ContainerStatus[];
  readonly statuses: readonly ContainerStatus[];
  /** No container will be (re)started any more: the pod is being deleted or has finished. */
  readonly podIsTerminal: boolean;
  readonly qosClass: NonNullable<PodStatus['qosClass']>;
  /** Admission refused the pod. */
  readonly rejection?: { reason: string; message: string };
}

const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'];

/** Keeps lastTransitionTime from `previous` when a condition's status did not change. */
export function withTransitionTimes(conditions: readonly BareCondition[], previous: readonly Condition[] | undefined, now: string): Condition[] {
  return conditions.map((c) => {
    const old = findCondition(previous, c.type);
    const since = old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now;
    // The previous condition saying the same (in the same key order) is kept: stored objects are immutable.
    return old && sameCondition(old, c, since) ? old : stampedCondition(c, since);
  });
}

function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  if (!conditions) return undefined;
  for (let i = 0; i < conditions.length; i++) if (conditions[i]!.type === type) return conditions[i];
  return undefined;
}

/** `{ type, status, lastProbeTime: null, lastTransitionTime, reason?, message? }`, one literal per shape (no spreads). */
function stampedCondition(c: BareCondition, since: string): Condition {
  const { type, status, reason, message } = c;
  if (reason) {
    return message
      ? { type, status, lastProbeTime: null, lastTransitionTime: since, reason, message }
      : { type, status, lastProbeTime: null, lastTransitionTime: since, reason };
  }
  return message ? { type, status, lastProbeTime: null, lastTransitionTime: since, message } : { type, status, lastProbeTime: null, lastTransitionTime: since };
}

/** The keys stampedCondition writes, in order, by whether there is a reason and a message. */
const STAMPED = ['type', 'status', 'lastProbeTime', 'lastTransitionTime'];
const STAMPED_KEYS = { none: STAMPED, reason: [...STAMPED, 'reason'], message: [...STAMPED, 'message'], both: [...STAMPED, 'reason', 'message'] } as const;

/** Whether `old` is exactly what stampedCondition(c, since) would build: the same values under the same keys, in order. */
function sameCondition(old: Condition, c: BareCondition, since: string): boolean {
  if (old.status !== c.status || old.lastTransitionTime !== since || old.lastProbeTime !== null || old.reason !== c.reason || old.message !== c.message) return false;
  const keys: readonly string[] = STAMPED_KEYS[c.reason ? (c.message ? 'both' : 'reason') : c.message ? 'message' : 'none'];
  const fields = old as unknown as Readonly<Record<string, unknown>>;
  let i = 0;
  for (const k in fields) {
    if (k !== keys[i] || fields[k] === undefined) return false;
    i++;
  }
  return i === keys.length;
}

/**
 * A copy of a runner's status as deepClone makes it (same keys in the same order, undefined
 * ones left out), sharing its state objects: the runners keep mutating their own status
 * objects, but only ever replace the states in them (never change one in place).
 */
function copyContainerStatus(s: ContainerStatus): ContainerStatus {
  const src = s as unknown as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const k in src) {
    const v = src[k];
    if (v !== undefined) out[k] = v;
  }
  return out as unknown as ContainerStatus;
}

/** The status the kubelet wants the API to hold (kubelet-owned fields only), given the previous one. */
export function buildPodStatus(view: PodRuntimeView, previous: PodStatus | undefined, now: string): PodStatus {
  if (view.rejection) {
    return { phase: 'Failed', reason: view.rejection.reason, message: `Pod was rejected: ${view.rejection.message}`, ...(view.startTime ? { startTime: view.startTime } : {}) };
  }
  const { spec } = view.pod;
  let phase = computePhase(spec, view.initStatuses, view.statuses, view.podIsTerminal);
  const old = previous?.phase;
  if ((old === 'Succeeded' || old === 'Failed') && phase !== old) phase = old;
  const containersReady = containersReadyCondition(spec, view.initStatuses, view.statuses, phase);
  const ready: BareCondition = { ...containersReady, type: 'Ready' };
  const bare: BareCondition[] = [
    { type: 'PodReadyToStartContainers', status: view.sandboxReady ? 'True' : 'False' },
    initializedCondition(spec, view.initStatuses, view.statuses, phase),
    ready,
    containersReady,
  ];
  const status: PodStatus = {
    phase,
    conditions: withTransitionTimes(bare, previous?.conditions, now),
    hostIP: view.hostIP,
    ...(view.podIP ? { podIP: view.podIP, podIPs: [{ ip: view.podIP }] } : {}),
    ...(view.startTime ? { startTime: view.startTime } : {}),
    // Copies: the runners keep mutating their own status objects.
    ...(view.initStatuses.length > 0 ? { initContainerStatuses: view.initStatuses.map(copyContainerStatus) } : {}),
    containerStatuses: view.statuses.map(copyContainerStatus),
    qosClass: view.qosClass,
  };
  return status;
}

/**
 * The status to PUT: the kubelet's fields replace the API's, while conditions other
 * components own (PodScheduled, DisruptionTarget, readiness gates) are kept after them.
 */
export function mergePodStatus(api: PodStatus | undefined, mine: PodStatus): PodStatus {
  const others = (api?.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  // concat sizes the stored array exactly (a spread literal grows it to 17 slots for 5 conditions).
  const merged: PodStatus = { ...mine, conditions: (mine.conditions ?? []).concat(others) };
  if (api?.nominatedNodeName) merged.nominatedNodeName = api.nominatedNodeName;
  return merged;
}

/**
 * `mine` back from mergePodStatus(api, mine), for a `mine` without nominatedNodeName: its keys
 * in order, its own conditions (the first `conditions` of the merge's; -1: it had none), and
 * not the API's nominatedNodeName the merge added.
 */
export function unmergePodStatus(merged: PodStatus, conditions: number): PodStatus {
  const src = merged as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const k in src) {
    if (k === 'nominatedNodeName') continue;
    if (k !== 'conditions') out[k] = src[k];
    else if (conditions >= 0) out[k] = (merged.conditions ?? []).slice(0, conditions);
  }
  return out as PodStatus;
}

/**
 * Whether statusUpToDate(mergePodStatus(x, mine), mine) holds for every x: the merge puts
 * `mine`'s fields and conditions first, so it does when `mine` has kubelet conditions only.
 */
export function mergeKeepsUpToDate(mine: PodStatus): boolean {
  return (mine.conditions ?? []).every((c) => KUBELET_CONDITIONS.includes(c.type));
}

/**
 * Whether the API's status already says what the kubelet would write:
 * deepEqual(mergePodStatus(api, mine), api ?? {}), without building the merge (the kubelet
 * asks on every pod update it hears).
 */
export function statusUpToDate(api: PodStatus | undefined, mine: PodStatus): boolean {
  const a: PodStatus = api ?? {};
  const av = a as Readonly<Record<string, unknown>>;
  const m = mine as Readonly<Record<string, unknown>>;
  const keepsNominated = !!a.nominatedNodeName;
  // The merge's `conditions` are always there; its nominatedNodeName is the API's when set.
  let merged = keepsNominated ? 2 : 1;
  for (const k in m) {
    if (k === 'conditions' || (k === 'nominatedNodeName' && keepsNominated)) continue;
    const v = m[k];
    if (v === undefined) continue;
    merged++;
    if (!deepEqual(v, av[k])) return false;
  }
  if (!conditionsUpToDate(a.conditions, mine.conditions ?? [])) return false;
  let present = 0;
  for (const k in av) if (av[k] !== undefined) present++;
  return merged === present;
}

/** `api` equals the merge's conditions: `mine`, then the API's conditions the kubelet does not own, in order. */
function conditionsUpToDate(api: readonly Condition[] | undefined, mine: readonly Condition[]): boolean {
  if (!Array.isArray(api)) return false;
  let at = mine.length;
  for (const c of api) {
    if (KUBELET_CONDITIONS.includes(c.type)) continue;
    if (at >= api.length || !deepEqual(c, api[at])) return false;
    at++;
  }
  if (at !== api.length) return false;
  for (let i = 0; i < mine.length; i++) if (!deepEqual(mine[i], api[i])) return false;
  return true;
}

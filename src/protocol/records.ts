/**
 * Compact records the page draws from. The worker derives them from engine objects and
 * streams them as put / patch / remove changes keyed by `key` (the object uid where there
 * is one). Records are plain JSON data: no engine types leak into the page.
 */

export interface Resources {
  cpuMillis: number;
  memoryBytes: number;
  pods: number;
}

export type ConditionState = 'True' | 'False' | 'Unknown' | 'None';

export interface NodeRecord {
  key: string;
  name: string;
  role: 'control-plane' | 'worker';
  /** The Ready condition's status ('None' when the node never reported one). */
  ready: ConditionState;
  /** `kubectl get nodes` STATUS: Ready, NotReady, Unknown, with `,SchedulingDisabled`. */
  status: string;
  unschedulable: boolean;
  /** `key=value:Effect`, as `kubectl describe node` lists them. */
  taints: string[];
  allocatable: Resources;
  /** Sum of the requests of pods bound to the node that are not terminal. */
  requested: Resources;
  /** The simulated machine is powered on (sandbox kill / restore). */
  machineUp: boolean;
  /** kube-proxy pod on this node is Running and ready. */
  proxyReady: boolean;
}

export type PodTone = 'pending' | 'creating' | 'running' | 'notready' | 'failing' | 'terminating' | 'succeeded' | 'failed' | 'unknown';

export interface PodRecord {
  key: string;
  namespace: string;
  name: string;
  node: string | null;
  phase: string;
  /** `kubectl get pods` STATUS column, computed as kubectl's printer does. */
  status: string;
  /** READY column, e.g. `1/1`. */
  readyText: string;
  ready: boolean;
  restarts: number;
  tone: PodTone;
  ownerKind: string | null;
  ownerName: string | null;
  /** Top-level workload, e.g. Deployment `web` for a pod owned by ReplicaSet `web-5d…`. */
  workloadKind: string | null;
  workloadName: string | null;
  /** Simulated ms (engine clock) at which the taint manager evicts the pod, if scheduled. */
  evictAtMs: number | null;
  /** Simulated ms of deletionTimestamp (graceful deletion deadline), when Terminating. */
  deleteAtMs: number | null;
  /** Pods the page may hide by default (control-plane static pods, add-ons). */
  system: boolean;
  createdMs: number;
}

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'DaemonSet' | 'StatefulSet' | 'Job';

export interface WorkloadRecord {
  key: string;
  kind: WorkloadKind;
  namespace: string;
  name: string;
  desired: number;
  current: number;
  ready: number;
  /** Owner (e.g. the Deployment of a ReplicaSet), as `Kind/name`. */
  owner: string | null;
  system: boolean;
}

export type ControlPlaneKind = 'apiserver' | 'etcd' | 'scheduler' | 'controller-manager';

export interface ComponentRecord {
  /** `<kind>/<control-plane node>` */
  key: string;
  kind: ControlPlaneKind;
  node: string;
  up: boolean;
  /** Holds the leader lease (scheduler, controller manager); always true for a single replica. */
  leader: boolean;
  /**
   * On the `etcd` component only, when the cluster's state is not in etcd: `kine-sqlite` for a
   * single k3s server (SQLite behind kine, an etcd-API shim in the k3s process). Absent: etcd.
   */
  datastore?: DatastoreKind;
}

/** What keeps the cluster's state, as the page names it. */
export type DatastoreKind = 'etcd' | 'kine-sqlite';

export type FlowKind = 'request' | 'watch' | 'etcd' | 'bind' | 'heartbeat' | 'image' | 'runtime' | 'sandbox';

/** Traffic on one canvas edge, from the interaction log. Endpoints are canvas ids. */
export interface FlowRecord {
  /** `<from>><to>` */
  key: string;
  from: string;
  to: string;
  /** Interactions on this edge during the last frame (0 = idle). */
  recent: number;
  /** Dominant kind of the last frame's traffic. */
  kind: FlowKind;
  total: number;
}

export type TrafficKind = 'request' | 'span' | 'export' | 'denied';

/**
 * Application traffic on one canvas edge (requests, OpenTelemetry spans, exports to the
 * observability backend), aggregated from the engine's flow buckets per canvas endpoint pair
 * and workload pair. Endpoints: `users`, `backend`, `node/<name>`; `from === to` is a hop
 * inside one node (a pod to the collector agent on its own node).
 */
export interface TrafficRecord {
  /** `<kind>|<from>|<to>|<fromLabel>|<toLabel>` */
  key: string;
  kind: TrafficKind;
  from: string;
  to: string;
  /** Who sends (workload, traffic entry, `agent`), and who receives. */
  fromLabel: string;
  toLabel: string;
  /** Attempts per simulated second over the last buckets (one decimal). */
  rate: number;
  /** Failed attempts (or dropped spans) per simulated second. */
  failRate: number;
  /** Why they failed, when they did (`denied by taskmaster/postgres-allow-backend`, `no agent on the node`). */
  reason: string | null;
}

/** Cumulative traffic counters (one record, key `totals`). */
export interface TrafficTotalsRecord {
  key: string;
  requests: number;
  failedRequests: number;
  /** Failed requests per simulated second over the last buckets. */
  failedPerSec: number;
  spansGenerated: number;
  spansExported: number;
  spansDropped: number;
  droppedPerSec: number;
  /** Dropped spans by reason (`no-agent`, `agent-down`, `queue-full`, …), non-zero only. */
  droppedBy: Record<string, number>;
  /** The observability backend's display name ('' when the scenario exports nowhere). */
  backend: string;
  backendReachable: boolean;
}

/** A Kubernetes Event, as `kubectl get events` lists it. */
export interface EventRecord {
  key: string;
  namespace: string;
  type: 'Normal' | 'Warning';
  reason: string;
  /** `pod/web-…`, `node/worker-2`, as `kubectl get events` prints OBJECT. */
  object: string;
  message: string;
  count: number;
  firstMs: number;
  lastMs: number;
  /** Ordering key: engine sequence of the last change. */
  order: number;
}

/** Output kept per command: long-running ones (`get -w`) keep only their newest lines. */
export const COMMAND_TAIL_LINES = 30;

/**
 * A command that ran in the cluster's command language: a page action (Kill node, Drain…)
 * or a scenario step. Long-running commands (drain, rollout status, get -w) keep streaming
 * lines into it as simulated time passes.
 */
export interface CommandRecord {
  /** `cmd-<n>` */
  key: string;
  source: 'user' | 'step';
  command: string;
  /** The scenario step's note, shown above the command. */
  note: string | null;
  /** The newest COMMAND_TAIL_LINES lines of output. */
  lines: string[];
  /** Lines written so far (more than `lines.length` once the tail is cut). */
  lineCount: number;
  running: boolean;
  /** Exit code once the command finished; null while it runs. */
  exitCode: number | null;
  /** Engine clock when it started. */
  startMs: number;
  /** Ordering key shared with events (engine revision when it started). */
  order: number;
}

export interface RecordMap {
  nodes: NodeRecord;
  pods: PodRecord;
  workloads: WorkloadRecord;
  components: ComponentRecord;
  flows: FlowRecord;
  events: EventRecord;
  commands: CommandRecord;
  traffic: TrafficRecord;
  trafficTotals: TrafficTotalsRecord;
}

export type Collection = keyof RecordMap;

export const COLLECTIONS: readonly Collection[] = ['nodes', 'pods', 'workloads', 'components', 'flows', 'events', 'commands', 'traffic', 'trafficTotals'];

export type RecordSets = { [C in Collection]: RecordMap[C][] };

export interface Clock {
  /** Engine clock (ms since the simulated machine booted): countdowns subtract from it. */
  nowMs: number;
  /** Scenario clock shown as `Simulation time` (0 = bootstrap finished). */
  simTimeMs: number;
  speed: Speed;
  paused: boolean;
}

export type Speed = 1 | 10 | 60 | 'max';
export const SPEEDS: readonly Speed[] = [1, 10, 60, 'max'];

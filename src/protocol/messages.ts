import type { SchedulingDecision } from '../engine/scheduler/decisions';
import type { ConsoleReply, ConsoleRequest, RecordedActions } from './console';
import type { Clock, Collection, EventRecord, RecordMap, RecordSets, Speed } from './records';
import type { InteractionRecord, OperationRecord } from './sequence';
import type { TraceDetail, TraceSummary } from './traffic';
import type { OpenRequest, OpenResult, SessionInfo, SessionText } from './session';

/** One record change. `patch.set` carries changed fields; an `undefined` value removes the field. */
export type Change = {
  [C in Collection]:
    | { op: 'put'; c: C; rec: RecordMap[C] }
    | { op: 'patch'; c: C; key: string; set: Partial<RecordMap[C]> }
    | { op: 'remove'; c: C; key: string };
}[Collection];

export interface ScenarioInfo {
  name: string;
  title: string;
  description: string;
}

// ---------------------------------------------------------------- worker → page

export interface SnapshotMessage {
  type: 'snapshot';
  v: number;
  /** Batches that follow continue at seq + 1. */
  seq: number;
  clock: Clock;
  scenario: ScenarioInfo;
  records: RecordSets;
}

export interface BatchMessage {
  type: 'batch';
  v: number;
  seq: number;
  clock: Clock;
  changes: Change[];
}

export type ObjectRef = { kind: string; namespace?: string; name: string };

export type ReplyBody =
  | { kind: 'object'; ref: ObjectRef; found: boolean; yaml: string; conditions: ConditionRow[]; labels: Record<string, string> }
  | { kind: 'events'; ref: ObjectRef; events: EventRecord[] }
  | { kind: 'decision'; namespace: string; pod: string; decision: SchedulingDecision | null; podMessage: string | null }
  /** `commandKey` names the CommandRecord that keeps streaming the command's later output. */
  | { kind: 'action'; ok: boolean; command: string; output: string[]; running: boolean; commandKey: string | null }
  /** User operations (commands, page actions, scenario steps), oldest first. */
  | { kind: 'operations'; operations: OperationRecord[] }
  /** The interaction records carrying one operation's id (noise the panel never draws left out). */
  | { kind: 'interactions'; opId: number; operation: OperationRecord | null; records: InteractionRecord[]; truncated: boolean }
  /** Answer to a ConsoleMessage. */
  | { kind: 'console'; reply: ConsoleReply }
  /** What the user did in the page so far (console, editor, page actions), as scenario steps. */
  | ({ kind: 'recorded' } & RecordedActions)
  /** Recent sampled traces, newest first. */
  | { kind: 'traces'; traces: TraceSummary[] }
  /** One trace's spans (null once it left the engine's ring). */
  | { kind: 'trace'; id: string; trace: TraceDetail | null }
  /** The open scenario's steps and the user's actions (timeline, share, export). */
  | ({ kind: 'session' } & SessionInfo)
  /** Answer to an `open` query: the new scenario is running (a snapshot came first), or why not. */
  | ({ kind: 'opened' } & OpenResult);

export interface ConditionRow {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export interface ReplyMessage {
  type: 'reply';
  v: number;
  id: number;
  body: ReplyBody;
}

export interface ErrorMessage {
  type: 'error';
  v: number;
  message: string;
  /** The engine can no longer go on: the page offers a restart. */
  fatal: boolean;
  /** Request the error answers, if any. */
  id?: number;
}

export interface HeartbeatMessage {
  type: 'heartbeat';
  v: number;
  seq: number;
  clock: Clock;
  /** A seek is being replayed in slices: where it goes and how far it got (absent when none). */
  rewind?: RewindProgress;
}

/** A seek in progress: the target's scenario time and the share of the replay done (0..1). */
export interface RewindProgress {
  targetMs: number;
  fraction: number;
}

export type WorkerMessage = SnapshotMessage | BatchMessage | ReplyMessage | ErrorMessage | HeartbeatMessage;

// ---------------------------------------------------------------- page → worker

/** A large generated cluster (benchmarks): no engine, records churn at `churnPerSec`. */
export interface SyntheticSpec {
  nodes: number;
  podsPerNode: number;
  churnPerSec: number;
  /** Animated traffic edges between nodes (the U3-flows benchmark). */
  traffic?: number;
}

export interface HelloMessage {
  type: 'hello';
  v: number;
  scenario?: string;
  synthetic?: SyntheticSpec;
  /** Test hook: the worker throws (`throw`) or stops answering (`hang`) about a second in. */
  fault?: 'throw' | 'hang';
  /** A share link's fragment to open instead of `scenario` (untrusted; checked by the worker). */
  link?: string;
  /** Starting speed (default 10×), and whether the clock starts stopped. */
  speed?: Speed;
  paused?: boolean;
}

export type ControlCommand =
  | { kind: 'play' }
  | { kind: 'pause' }
  /** Advances simulated time by `ms` while paused. */
  | { kind: 'step'; ms: number }
  | { kind: 'speed'; speed: Speed }
  /** Moves the scenario clock to `ms` (back = rebuilt from the start, deterministically) and pauses. */
  | { kind: 'seek'; ms: number };

export interface ControlMessage {
  type: 'control';
  v: number;
  command: ControlCommand;
}

export type Action =
  | { kind: 'killNode'; node: string }
  | { kind: 'restoreNode'; node: string }
  | { kind: 'cordon'; node: string }
  | { kind: 'uncordon'; node: string }
  | { kind: 'drain'; node: string }
  | { kind: 'deletePod'; namespace: string; pod: string }
  | { kind: 'scale'; namespace: string; deployment: string; replicas: number };

export interface ActionMessage {
  type: 'action';
  v: number;
  id: number;
  action: Action;
}

export interface ResyncMessage {
  type: 'resync';
  v: number;
  /** Last sequence the page applied, for the worker's diagnostics. */
  lastSeq: number;
}

export type Query =
  | { kind: 'object'; ref: ObjectRef }
  | { kind: 'events'; ref: ObjectRef }
  | { kind: 'decision'; namespace: string; pod: string }
  | { kind: 'operations' }
  | { kind: 'interactions'; opId: number }
  /** The user's actions recorded for the timeline and share link (reply `recorded`). */
  | { kind: 'recorded' }
  /** Recent sampled traces (reply `traces`), and one trace's spans (reply `trace`). */
  | { kind: 'traces' }
  | { kind: 'trace'; id: string }
  /** The timeline's content; `text` adds the scenario YAML (reply `session`). */
  | { kind: 'session'; text?: SessionText }
  /** Replaces the running scenario (reply `opened`); handled by the host, not the source. */
  | { kind: 'open'; open: OpenRequest };

export interface RequestMessage {
  type: 'request';
  v: number;
  id: number;
  query: Query;
}

/** The console, YAML editor, inspector edit and export (see ./console.ts); answered by a `console` reply. */
export interface ConsoleMessage {
  type: 'console';
  v: number;
  id: number;
  request: ConsoleRequest;
}

export type PageMessage = HelloMessage | ControlMessage | ActionMessage | ResyncMessage | RequestMessage | ConsoleMessage;

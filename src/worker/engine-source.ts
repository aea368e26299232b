import { stringify } from 'yaml';
import { resourceForKind } from '../engine/api/resources';
import type { KubeEvent, KubeObject, Pod } from '../engine/api/types';
import type { Cluster } from '../engine/cluster/cluster';
import type { ScenarioRunner } from '../engine/scenario';
import { actionCommand } from '../protocol/actions';
import type { Action, Change, ConditionRow, ObjectRef, Query, ReplyBody, ScenarioInfo } from '../protocol/messages';
import type { RecordSets } from '../protocol/records';
import { assertNever } from '../protocol/version';
import type { ConsoleReply, ConsoleRequest, RecordedStep } from '../protocol/console';
import { ConsoleSession } from './console/console-session';
import { CommandLog } from './projection/command-log';
import { FlowAccumulator } from './projection/flows';
import { Projector } from './projection/projector';
import { eventRecord } from './projection/records';
import { interactionsReply, operationsReply } from './projection/sequence-query';
import { TrafficProjection } from './projection/traffic';
import { traceReply, tracesReply } from './projection/traffic-query';
import { openParsed } from './scenario';
import { ActionReplayer } from './replay';
import { planSeek } from './seek';
import { sessionInfo } from './session-info';
import { builtinSession, scenarioWithFiles, type SessionSpec } from './session-spec';
import { RunToJob, type Runnable } from './rewind';
import type { SeekJob, Source, Standby } from './source';
import { Checkpoints } from './checkpoints';

/** Largest simulated step taken at once at "max" speed, so a frame's budget is respected. */
const MAX_CHUNK_MS = 1000;
/** The resources that hold most of a cluster's objects (footprint's estimate). */
const FOOTPRINT_BUCKETS = ['pods', 'events', 'nodes', 'leases', 'replicasets', 'deployments', 'endpointslices', 'services', 'daemonsets', 'statefulsets', 'jobs'];

/**
 * The engine behind the page: a scenario played by the ScenarioRunner (its steps run on the
 * timeline as the CLI runs them), projected into records, with every command (page action
 * or step) followed by a CommandLog so long-running output keeps streaming.
 */
export class EngineSource implements Source {
  readonly info: ScenarioInfo;
  readonly warning: string | undefined;
  readonly cluster: Cluster;
  private readonly runner: ScenarioRunner;
  private readonly projector: Projector;
  private readonly flows = new FlowAccumulator();
  private readonly machineUp = new Map<string, boolean>();
  private readonly commands: CommandLog;
  private readonly unsubscribeLog: () => void;
  private readonly consoleSession: ConsoleSession;
  private readonly traffic: TrafficProjection;
  /** How to build this session again (seek back, share); see restore.ts. */
  readonly spec: SessionSpec;
  private readonly replayer: ActionReplayer;

  /** A built-in by name (default: node-failure), or a full session spec (import, link, seek). */
  constructor(scenario: string | SessionSpec | undefined, warning?: string) {
    let clusterRef: Cluster | undefined;
    const commands = new CommandLog({ now: () => clusterRef?.now ?? 0, revision: () => clusterRef?.api.etcd.revision ?? 0 });
    const opened = typeof scenario === 'object' ? { spec: scenario, warning } : builtinSession(scenario);
    this.spec = opened.spec;
    const loaded = openParsed(scenarioWithFiles(opened.spec), (cluster, command, note) => {
      clusterRef = cluster;
      return commands.run(() => cluster.run(command, 'step'), 'step', note).proc;
    });
    this.commands = commands;
    this.runner = loaded.runner;
    this.info = loaded.info;
    this.warning = opened.warning ?? warning;
    const c = (this.cluster = clusterRef = loaded.runner.cluster);
    this.projector = new Projector({
      objects: (r) => c.objects(r),
      subscribe: (l) => c.api.etcd.subscribe(l),
      machineUp: (n) => c.machines.get(n)?.alive ?? false,
      role: (n) => (c.machines.get(n)?.config.role === 'control-plane' ? 'control-plane' : 'worker'),
      controlPlaneNodes: () => [...c.machines.values()].filter((m) => m.config.role === 'control-plane').map((m) => m.config.name),
      etcdLeaderHost: () => c.ha.etcd.raft.leader()?.host,
      etcdMemberUp: (host) => c.ha.etcd.members.find((m) => m.host === host)?.alive,
      datastore: () => c.datastore,
      now: () => c.now,
    });
    this.unsubscribeLog = c.log.subscribe((i) => this.flows.add(i));
    this.consoleSession = new ConsoleSession(c, commands);
    this.traffic = new TrafficProjection(c);
    // The user's recorded actions play again as a user would have run them, and are recorded again.
    this.replayer = new ActionReplayer(opened.spec.actions, this.runner, (run) => this.consoleSession.replay(run));
  }

  advance(simMs: number): void {
    if (simMs > 0) this.replayer.runUntil(this.cluster.simTimeMs + Math.round(simMs));
  }

  runFor(budgetMs: number, wallNow: () => number): void {
    const start = wallNow();
    let chunk = 100;
    // Bounded: at most 10,000 chunks per frame even if the clock stands still.
    for (let i = 0; i < 10_000 && wallNow() - start < budgetMs; i++) {
      this.replayer.runUntil(this.cluster.simTimeMs + chunk);
      chunk = Math.min(MAX_CHUNK_MS, chunk * 2);
    }
  }

  flush(): Change[] {
    for (const [name, m] of this.cluster.machines) {
      if (this.machineUp.get(name) !== m.alive) {
        this.machineUp.set(name, m.alive);
        this.projector.markNode(name);
      }
    }
    const out = this.projector.flush();
    for (const f of this.flows.frame()) this.projector.emit(out, 'flows', f.key, f);
    for (const [key, rec] of this.commands.drain()) this.projector.emit(out, 'commands', key, rec);
    this.flushTraffic(out);
    return out;
  }

  /** Traffic records when a flow bucket closed: changed edges patched, idle ones removed. */
  private flushTraffic(out: Change[]): void {
    const frame = this.traffic.frame();
    if (!frame) return;
    const keep = new Set(frame.traffic.map((r) => r.key));
    for (const key of [...this.projector.sent.traffic.keys()]) if (!keep.has(key)) this.projector.emit(out, 'traffic', key, undefined);
    for (const r of frame.traffic) this.projector.emit(out, 'traffic', r.key, r);
    this.projector.emit(out, 'trafficTotals', frame.totals.key, frame.totals);
  }

  snapshot(): RecordSets {
    return this.projector.snapshot();
  }

  podCount(): number {
    return this.projector.sent.pods.size;
  }

  clock(): { nowMs: number; simTimeMs: number } {
    return { nowMs: this.cluster.now, simTimeMs: this.cluster.simTimeMs };
  }

  /**
   * Moves to scenario time `ms`: forward keeps running; back rebuilds this session from the
   * start (same scenario, seed and actions) and runs it there. Returns the source to use.
   */
  seek(ms: number): EngineSource {
    const plan = planSeek(this.cluster.simTimeMs, ms);
    if (plan.kind === 'stay') return this;
    if (plan.kind === 'advance') {
      this.replayer.runUntil(plan.toMs);
      return this;
    }
    const next = this.rebuild();
    next.seek(plan.toMs);
    return next;
  }

  /** The same move as `seek`, run by the host in slices of wall time (rewind.ts). */
  startSeek(ms: number): SeekJob {
    const plan = planSeek(this.cluster.simTimeMs, ms);
    const target = plan.kind === 'stay' ? this.cluster.simTimeMs : plan.toMs;
    const src = plan.kind === 'rebuild' ? this.rebuild() : this;
    return new RunToJob(src, src !== this, target, src.runnable());
  }

  /** This session built again from the start, with the user's actions so far (and those pending). */
  private rebuild(): EngineSource {
    return new EngineSource(this.history());
  }

  /** What a rebuild of this session starts from: its scenario, the user's files and actions (done and pending). */
  history(): SessionSpec {
    const recorded = this.consoleSession.recorded();
    return {
      ...this.spec,
      extraFiles: { ...this.spec.extraFiles, ...recorded.files },
      actions: [...recorded.steps, ...this.replayer.pending()],
    };
  }

  /** The recorded actions this source has played so far (a checkpoint's past, checkpoints.ts). */
  played(): RecordedStep[] {
    return this.replayer.played();
  }

  /** A parked checkpoint takes over the live session's future: `ahead` replaces its own pending actions. */
  replaceAhead(ahead: readonly RecordedStep[]): void {
    this.replayer.replaceAhead(ahead);
  }

  /** Engines of this session parked behind the live moment, so seeks land quickly (checkpoints.ts). */
  standby(): Standby {
    return new Checkpoints((history) => new EngineSource(history));
  }

  /**
   * Heap this engine holds, roughly (bytes): fitted to measured 20- and 100-node engines (T1
   * bench): mostly its interaction log (capped at 100,000 entries) and the stored objects.
   */
  footprint(): number {
    const etcd = this.cluster.api.etcd;
    const objects = FOOTPRINT_BUCKETS.reduce((n, b) => n + etcd.count(b), 0);
    return 3_300_000 + 234 * this.cluster.log.size + 5_000 * objects;
  }

  /** This source's way forward for a RunToJob (actions replayed on the way). */
  runnable(): Runnable {
    return { simTimeMs: () => this.cluster.simTimeMs, runUntil: (t) => this.replayer.runUntil(t) };
  }

  /** A page action is a real command line, run as the user would type it. */
  action(a: Action): ReplyBody {
    this.replayer.branch();
    const command = actionCommand(a);
    this.consoleSession.recordAction(command);
    const { proc, key: commandKey } = this.commands.run(() => this.cluster.run(command, 'user'), 'user');
    const ok = proc.exitCode === undefined || proc.exitCode === 0;
    return { kind: 'action', ok, command, output: proc.lines.map((l) => l.text), running: !proc.done, commandKey };
  }

  console(req: ConsoleRequest): ConsoleReply {
    // Something new from the user: actions after this moment (from before a seek back) are dropped.
    if (req.kind === 'run' || req.kind === 'apply' || req.kind === 'edit' || req.kind === 'interrupt') this.replayer.branch();
    return this.consoleSession.handle(req);
  }

  query(q: Query): ReplyBody {
    switch (q.kind) {
      case 'object':
        return this.object(q.ref);
      case 'events':
        return { kind: 'events', ref: q.ref, events: this.eventsFor(q.ref) };
      case 'decision': {
        const pod = this.cluster.api.peek<Pod>('pods', q.namespace, q.pod);
        const sched = pod?.status?.conditions?.find((c) => c.type === 'PodScheduled');
        return {
          kind: 'decision', namespace: q.namespace, pod: q.pod,
          decision: this.cluster.decisionFor(q.namespace, q.pod) ?? null,
          podMessage: sched && sched.status !== 'True' ? (sched.message ?? sched.reason ?? null) : null,
        };
      }
      case 'operations':
        return operationsReply(this.cluster.log);
      case 'interactions':
        return interactionsReply(this.cluster.log, q.opId);
      case 'recorded':
        return { kind: 'recorded', ...this.consoleSession.recorded() };
      case 'traces':
        return tracesReply(this.cluster.traffic);
      case 'trace':
        return traceReply(this.cluster.traffic, q.id);
      case 'session':
        return { kind: 'session', ...sessionInfo(this.spec, this.consoleSession.recorded(), this.replayer.pending(), q.text) };
      case 'open':
        return { kind: 'opened', ok: false, errors: ['open is handled by the worker host'], notices: [] };
      default:
        return assertNever(q, 'query');
    }
  }

  private lookup(ref: ObjectRef): KubeObject | undefined {
    const r = resourceForKind(ref.kind);
    return r ? this.cluster.api.peek(r.resource, r.namespaced ? (ref.namespace ?? 'default') : undefined, ref.name) : undefined;
  }

  private object(ref: ObjectRef): ReplyBody {
    const obj = this.lookup(ref);
    if (!obj) return { kind: 'object', ref, found: false, yaml: '', conditions: [], labels: {} };
    const status = obj.status;
    const conds = status && typeof status === 'object' && 'conditions' in status && Array.isArray(status.conditions) ? status.conditions : [];
    const conditions: ConditionRow[] = conds.map((c: { type?: string; status?: string; reason?: string; message?: string }) => ({
      type: c.type ?? '', status: c.status ?? '', reason: c.reason ?? '', message: c.message ?? '',
    }));
    return { kind: 'object', ref, found: true, yaml: stringify(obj, { lineWidth: 0 }), conditions, labels: { ...(obj.metadata.labels ?? {}) } };
  }

  private eventsFor(ref: ObjectRef) {
    const out = [];
    let order = 0;
    for (const e of this.cluster.objects<KubeEvent>('events')) {
      order++;
      const io = e.involvedObject;
      if (io.kind !== ref.kind || io.name !== ref.name) continue;
      if (ref.namespace && io.namespace && io.namespace !== ref.namespace) continue;
      out.push(eventRecord(e, order));
    }
    return out.sort((a, b) => a.lastMs - b.lastMs || a.order - b.order);
  }

  dispose(): void {
    this.unsubscribeLog();
    this.commands.dispose();
    this.projector.dispose();
  }
}

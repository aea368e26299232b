import { InteractionKind } from '../log/interaction-log';
import type { SimEnv } from '../sim/env';
import type { ScheduledEvent } from '../sim/event-queue';
import { Rng } from '../sim/rng';
import { EtcdAlarms } from './alarms';
import { Network } from './network';
import { ETCD_DEFAULTS, RaftMember, RaftRole, logUpToDate, newMemberId, quorumOf, type EtcdMemberSpec } from './raft-member';

/**
 * etcd as a Raft group: leader, terms, 100 ms heartbeats, randomized election timeouts,
 * PreVote and CheckQuorum (both on in etcd), majority commit. Messages are delivered
 * instantly between connected live members, so an election resolves in the event where a
 * timer fires; only the timers cost events (one heartbeat tick per 100 ms while a leader
 * lives, about one timer per follower per second). Nothing here is logged except elections,
 * step-downs and alarms.
 */

export interface RaftOptions {
  heartbeatMs?: number;
  electionTimeoutMs?: number;
  quotaBackendBytes?: number;
  /** Election timeouts and member IDs; defaults to a stream forked once from env.rng, so elections do not reshuffle later generated names. */
  rng?: Rng;
}

export const CommitFailure = {
  /** The member the request reached is not running. */
  MemberDown: 'member-down',
  /** The member knows no reachable leader of its term (election under way, or leader gone). */
  NoLeader: 'no-leader',
  /** The leader cannot reach a majority. */
  NoQuorum: 'no-quorum',
  /** NOSPACE: a member's backend exceeded its quota. */
  NoSpace: 'nospace',
} as const;
export type CommitFailure = (typeof CommitFailure)[keyof typeof CommitFailure];

export interface ElectionRecord {
  readonly tMs: number;
  readonly term: number;
  readonly leader: string;
  readonly leaderId: string;
}

const MAX_ELECTION_HISTORY = 200;

export class RaftGroup {
  readonly members: readonly RaftMember[];
  readonly quorum: number;
  readonly alarms: EtcdAlarms;
  readonly elections: ElectionRecord[] = [];
  /** Bumped whenever who-leads, who-lives or the alarms change. */
  version = 0;
  readonly heartbeatMs: number;
  readonly electionTimeoutMs: number;
  readonly quotaBytes: number;
  private readonly rng: Rng;
  private tick: ScheduledEvent | undefined;
  private started = false;

  constructor(
    readonly env: SimEnv,
    specs: readonly EtcdMemberSpec[],
    readonly network: Network = new Network(),
    opts: RaftOptions = {},
  ) {
    if (specs.length === 0) throw new Error('an etcd cluster needs at least one member');
    this.rng = opts.rng ?? new Rng(env.rng.nextUint32());
    this.heartbeatMs = opts.heartbeatMs ?? ETCD_DEFAULTS.heartbeatMs;
    this.electionTimeoutMs = opts.electionTimeoutMs ?? ETCD_DEFAULTS.electionTimeoutMs;
    this.quotaBytes = opts.quotaBackendBytes ?? ETCD_DEFAULTS.quotaBackendBytes;
    this.members = specs.map((s) => new RaftMember(s, newMemberId(this.rng)));
    this.quorum = quorumOf(this.members.length);
    this.alarms = new EtcdAlarms(this);
  }

  // ------------------------------------------------------------------ lookup

  /** By name (`control-plane-2`), pod-style name (`etcd-control-plane-2`) or hex ID. */
  member(ref: string): RaftMember | undefined {
    // Asked on every API request: matches `etcd-<name>` without building the string.
    for (const m of this.members) {
      if (m.name === ref || m.id === ref || (ref.length === m.name.length + 5 && ref.startsWith('etcd-') && ref.endsWith(m.name))) return m;
    }
    return undefined;
  }

  /** The leader whose writes commit now: alive, and heard by a majority. */
  leader(): RaftMember | undefined {
    let best: RaftMember | undefined;
    for (const m of this.members) {
      if (m.alive && m.role === RaftRole.Leader && this.activeVoters(m) >= this.quorum && (!best || m.term > best.term)) best = m;
    }
    return best;
  }

  connected(a: RaftMember, b: RaftMember): boolean {
    return this.network.connected(a.host, b.host);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Bootstraps: every member a follower at term 1 holding the initial membership entries.
   * With `electNow` the member whose randomized timeout is shortest wins at once, as it would
   * have before anyone used the cluster; otherwise the first election happens on its timers.
   */
  start(electNow = true): void {
    if (this.started) return;
    this.started = true;
    const now = this.env.now();
    for (const m of this.members) {
      m.lastIndex = this.members.length;
      m.lastTerm = 1;
      m.commitIndex = m.lastIndex;
      m.applyCommitted(this.quotaBytes);
      m.becomeFollower(1, undefined, now);
      m.electionTimeoutMs = this.randomTimeout();
    }
    const first = electNow ? [...this.members].sort((a, b) => a.electionTimeoutMs - b.electionTimeoutMs)[0] : undefined;
    if (first) this.campaign(first);
    for (const m of this.members) if (m.role !== RaftRole.Leader) this.armTimer(m);
  }

  /** The member's process dies: it stops voting, replicating and serving. */
  kill(ref: string): string | undefined {
    const m = this.member(ref);
    if (!m) return `etcd member "${ref}" not found`;
    if (!m.alive) return `etcd member "${m.name}" is already down`;
    m.alive = false;
    m.role = RaftRole.Follower;
    m.leaderId = undefined;
    this.env.queue.cancel(m.timer);
    m.timer = undefined;
    this.version++;
    return undefined;
  }

  /** Restarts the member from its WAL: same term, vote and log, as a follower. */
  restore(ref: string): string | undefined {
    const m = this.member(ref);
    if (!m) return `etcd member "${ref}" not found`;
    if (m.alive) return `etcd member "${m.name}" is already running`;
    m.alive = true;
    m.becomeFollower(m.term, undefined, this.env.now());
    m.electionTimeoutMs = this.randomTimeout();
    this.armTimer(m);
    this.version++;
    return undefined;
  }

  // ------------------------------------------------------------------ reads and writes

  /** Why a linearizable request entering at `m` cannot complete now, or the leader that serves it. */
  leaderFor(m: RaftMember): RaftMember | CommitFailure {
    if (!m.alive) return CommitFailure.MemberDown;
    const l = m.role === RaftRole.Leader ? m : this.members.find((x) => x.id === m.leaderId);
    if (!l || !l.alive || l.role !== RaftRole.Leader || l.term !== m.term || !this.connected(m, l)) return CommitFailure.NoLeader;
    return this.activeVoters(l) >= this.quorum ? l : CommitFailure.NoQuorum;
  }

  /** Appends at leader `l`, replicates to every follower it reaches, commits. Returns the index. */
  append(l: RaftMember): number {
    l.lastIndex++;
    l.lastTerm = l.term;
    l.commitIndex = l.lastIndex;
    l.applyCommitted(this.quotaBytes);
    for (const f of this.members) if (f !== l && this.reaches(l, f)) this.follow(f, l);
    return l.lastIndex;
  }

  // ------------------------------------------------------------------ elections

  private randomTimeout(): number {
    return this.electionTimeoutMs + this.rng.int(this.electionTimeoutMs);
  }

  private armTimer(m: RaftMember): void {
    this.env.queue.cancel(m.timer);
    m.timer = this.env.queue.schedule(m.lastHeardMs + m.electionTimeoutMs, `etcd/${m.name}:election-timeout`, () => this.onElectionTimeout(m), true);
  }

  /** The timer is lazy: heartbeats only move `lastHeardMs`; the timer re-arms when it fires early. */
  private onElectionTimeout(m: RaftMember): void {
    m.timer = undefined;
    if (!m.alive || m.role === RaftRole.Leader) return;
    if (this.env.now() < m.lastHeardMs + m.electionTimeoutMs) {
      this.armTimer(m);
      return;
    }
    this.campaign(m);
  }

  /** Live, connected peers, in member order. */
  private reachablePeers(m: RaftMember): RaftMember[] {
    return this.members.filter((p) => p !== m && p.alive && this.connected(m, p));
  }

  /** CheckQuorum's leader lease: a member that heard its leader within the timeout ignores votes. */
  private inLease(voter: RaftMember): boolean {
    if (voter.leaderId === undefined) return false;
    return voter.role === RaftRole.Leader || this.env.now() - voter.lastHeardMs < this.electionTimeoutMs;
  }

  /**
   * PreVote, then a real vote, both answered at once by live connected peers. A peer grants
   * when it is outside its leader lease, the candidate's log is at least as up to date as its
   * own, and (for the real vote) it has not voted for someone else in the term.
   */
  private campaign(m: RaftMember): void {
    const now = this.env.now();
    const peers = this.reachablePeers(m);
    if (m.leaderId !== undefined) this.version++;
    m.role = RaftRole.PreCandidate;
    m.leaderId = undefined;
    const higher = peers.reduce((t, p) => Math.max(t, p.term), 0);
    if (higher > m.term + 1) {
      m.becomeFollower(higher, undefined, now);
      return this.retryLater(m);
    }
    const voters = peers.filter((p) => !this.inLease(p) && logUpToDate(m, p));
    if (1 + voters.length < this.quorum) return this.retryLater(m);
    m.term++;
    m.votedFor = m.id;
    m.role = RaftRole.Candidate;
    this.logElection(m, `${m.id} is starting a new election at term ${m.term}`);
    let votes = 1;
    for (const p of voters) {
      if (p.term < m.term) p.becomeFollower(m.term, undefined, p.lastHeardMs);
      if (p.votedFor !== undefined && p.votedFor !== m.id) continue;
      p.votedFor = m.id;
      p.lastHeardMs = now;
      votes++;
    }
    this.version++;
    if (votes >= this.quorum) this.becomeLeader(m);
    else this.retryLater(m);
  }

  private retryLater(m: RaftMember): void {
    m.lastHeardMs = this.env.now();
    m.electionTimeoutMs = this.randomTimeout();
    this.armTimer(m);
  }

  private becomeLeader(m: RaftMember): void {
    const now = this.env.now();
    this.env.queue.cancel(m.timer);
    m.timer = undefined;
    m.role = RaftRole.Leader;
    m.leaderId = m.id;
    m.quorumWindowStartMs = now;
    m.recentActive.clear();
    this.version++;
    this.append(m);
    this.logElection(m, `${m.id} became leader at term ${m.term}`);
    this.elections.push({ tMs: now, term: m.term, leader: m.name, leaderId: m.id });
    if (this.elections.length > MAX_ELECTION_HISTORY) this.elections.splice(0, this.elections.length - MAX_ELECTION_HISTORY);
    this.alarms.commitPending();
    this.ensureTick();
  }

  private stepDown(l: RaftMember, term: number, why: string): void {
    l.becomeFollower(term, undefined, this.env.now());
    l.electionTimeoutMs = this.randomTimeout();
    this.armTimer(l);
    this.version++;
    this.logElection(l, `${l.id} ${why}`);
  }

  private logElection(m: RaftMember, label: string): void {
    this.env.log.append({ kind: InteractionKind.Election, from: `etcd/${m.name}`, to: 'etcd', label });
  }

  // ------------------------------------------------------------------ heartbeats

  private reaches(l: RaftMember, f: RaftMember): boolean {
    return f.alive && this.connected(l, f) && f.term <= l.term;
  }

  /** Members (the leader included) that would acknowledge `l` right now. */
  private activeVoters(l: RaftMember): number {
    let n = 1;
    for (const f of this.members) if (f !== l && this.reaches(l, f)) n++;
    return n;
  }

  private follow(f: RaftMember, l: RaftMember): void {
    if (f.leaderId !== l.id || f.role !== RaftRole.Follower || f.term !== l.term) this.version++;
    f.becomeFollower(l.term, l.id, this.env.now());
    f.replicateFrom(l, this.quotaBytes);
    if (!f.timer) this.armTimer(f);
  }

  private ensureTick(): void {
    if (this.tick || this.members.length < 2) return;
    this.tick = this.env.queue.after(this.heartbeatMs, 'etcd:heartbeat', () => this.onTick(), true);
  }

  private onTick(): void {
    this.tick = undefined;
    for (const l of this.members) if (l.alive && l.role === RaftRole.Leader) this.heartbeat(l);
    this.alarms.commitPending();
    if (this.members.some((m) => m.alive && m.role === RaftRole.Leader)) this.ensureTick();
  }

  private heartbeat(l: RaftMember): void {
    for (const f of this.members) {
      if (f === l || !f.alive || !this.connected(l, f)) continue;
      if (f.term > l.term) return this.stepDown(l, f.term, `received a higher term ${f.term}, stepped down to follower`);
      this.follow(f, l);
      l.recentActive.add(f.id);
    }
    if (this.env.now() - l.quorumWindowStartMs < this.electionTimeoutMs) return;
    if (l.recentActive.size + 1 < this.quorum) return this.stepDown(l, l.term, 'stepped down to follower since quorum is not active');
    l.recentActive.clear();
    l.quorumWindowStartMs = this.env.now();
  }
}

import type { SimEnv } from '../sim/env';
import type { EtcdStore } from '../store/etcd';
import { etcdKeyOf } from '../api/resources';
import { alarmText, type DisarmResult } from './alarms';
import { ETCD_NO_SPACE, ETCD_REQUEST_TIMED_OUT } from './etcd-errors';
import type { EtcdOverview, ObservedMember } from './etcd-status';
import { OUTSIDE_HOST, type Network } from './network';
import { CommitFailure, RaftGroup, type RaftOptions } from './raft';
import { BASE_DB_BYTES, DB_BYTES_PER_ENTRY, ETCD_DEFAULTS, RaftRole, type EtcdMemberSpec, type RaftMember } from './raft-member';

/**
 * The etcd cluster as the rest of the engine sees it: the Raft group plus the faults the
 * sandbox can inject (kill, restore, partition, full disk) and the answer to "could a
 * request entering at this member complete right now?". Writes in the engine commit
 * synchronously in the API server's store; this object decides whether they may, and
 * counts each committed write as one Raft entry.
 */

export type ProposeResult = { ok: true; index: number } | { ok: false; reason: CommitFailure };

/** One row of `etcdctl endpoint status`, plus what the sandbox knows beyond it. */
export interface EtcdMemberStatus {
  readonly name: string;
  readonly host: string;
  readonly id: string;
  readonly endpoint: string;
  readonly peerURL: string;
  readonly version: string;
  readonly alive: boolean;
  readonly role: RaftRole;
  readonly isLeader: boolean;
  readonly isLearner: boolean;
  readonly term: number;
  readonly leaderId: string | undefined;
  readonly raftIndex: number;
  readonly raftAppliedIndex: number;
  readonly dbSizeBytes: number;
  /** Alarm strings as etcd reports them in StatusResponse.errors. */
  readonly errors: readonly string[];
}

const MAX_VIOLATIONS = 20;

export class EtcdCluster {
  readonly raft: RaftGroup;
  /** Store writes acknowledged while no majority could have committed them (must stay empty). */
  readonly violations: string[] = [];
  violationCount = 0;

  constructor(env: SimEnv, specs: readonly EtcdMemberSpec[], network: Network, opts: RaftOptions = {}) {
    this.raft = new RaftGroup(env, specs, network, opts);
  }

  get members(): readonly RaftMember[] {
    return this.raft.members;
  }

  get network(): Network {
    return this.raft.network;
  }

  /** Bumped whenever reachability, leadership, liveness or alarms change. */
  get version(): number {
    return this.raft.version + this.raft.network.version;
  }

  member(ref: string): RaftMember | undefined {
    return this.raft.member(ref);
  }

  start(electNow = true): void {
    this.raft.start(electNow);
  }

  // ------------------------------------------------------------------ faults

  kill(ref: string): string | undefined {
    return this.raft.kill(ref);
  }

  restore(ref: string): string | undefined {
    return this.raft.restore(ref);
  }

  partition(groups: readonly (readonly string[])[]): string | undefined {
    const err = this.raft.network.partition(groups);
    if (!err) this.raft.version++;
    return err;
  }

  heal(): void {
    this.raft.network.heal();
    this.raft.version++;
  }

  /** The member's backend reaches the quota: it refuses puts and raises NOSPACE cluster-wide. */
  fillDisk(ref: string): string | undefined {
    const m = this.raft.member(ref);
    if (!m) return `etcd member "${ref}" not found`;
    if (!m.alive) return `etcd member "${m.name}" is down`;
    m.spaceExceeded = true;
    m.dbSizeBytes = this.raft.quotaBytes;
    this.raft.version++;
    this.raft.alarms.raise(m);
    return undefined;
  }

  /** Compaction + `etcdctl defrag`: the backend shrinks below the quota (the alarm stays until disarmed). */
  defrag(ref: string): string | undefined {
    const m = this.raft.member(ref);
    if (!m) return `etcd member "${ref}" not found`;
    if (!m.alive) return `Failed to defragment etcd member[${m.clientURL}] (context deadline exceeded)`;
    m.spaceExceeded = false;
    m.dbSizeBytes = BASE_DB_BYTES + DB_BYTES_PER_ENTRY * Math.min(m.appliedIndex, 4096);
    this.raft.version++;
    return undefined;
  }

  /** `etcdctl alarm disarm`. */
  disarmAlarms(): DisarmResult {
    return this.raft.alarms.disarm();
  }

  // ------------------------------------------------------------------ requests

  /** What a quorum read entering at `ref` would hit; undefined = it is served. */
  readFailure(ref: string): CommitFailure | undefined {
    const m = this.raft.member(ref);
    if (!m) return CommitFailure.MemberDown;
    const l = this.raft.leaderFor(m);
    return typeof l === 'string' ? l : undefined;
  }

  /**
   * What a put entering at `ref` would hit, in etcd's order: the member's own quota check
   * (before proposing), then commit (a leader with a majority), then the cluster-wide alarm.
   */
  writeFailure(ref: string): CommitFailure | undefined {
    const m = this.raft.member(ref);
    if (!m) return CommitFailure.MemberDown;
    if (m.alive && m.spaceExceeded) return CommitFailure.NoSpace;
    const l = this.raft.leaderFor(m);
    if (typeof l === 'string') return l;
    return this.raft.alarms.active ? CommitFailure.NoSpace : undefined;
  }

  /** Appends one entry through `via` (or whichever leader holds a majority) and commits it. */
  propose(via?: string): ProposeResult {
    const m = via === undefined ? undefined : this.raft.member(via);
    if (via !== undefined && !m) return { ok: false, reason: CommitFailure.MemberDown };
    if (m?.alive && m.spaceExceeded) {
      this.raft.alarms.raise(m);
      return { ok: false, reason: CommitFailure.NoSpace };
    }
    const l = m ? this.raft.leaderFor(m) : (this.raft.leader() ?? CommitFailure.NoLeader);
    if (typeof l === 'string') return { ok: false, reason: l };
    if (this.raft.alarms.active) return { ok: false, reason: CommitFailure.NoSpace };
    return { ok: true, index: this.raft.append(l) };
  }

  /**
   * Counts every write committed to the API server's store as one Raft entry. A write that
   * no majority could have committed lands in `violations` (an invariant breach to test for).
   */
  attachStore(store: EtcdStore): () => void {
    return store.subscribe((ev) => {
      const res = this.propose();
      if (res.ok) return;
      this.violationCount++;
      if (this.violations.length < MAX_VIOLATIONS) {
        this.violations.push(`t=${this.raft.env.now()}ms ${ev.type} ${etcdKeyOf(ev.bucket, ev.kv.key)} acknowledged without a committing majority (${res.reason})`);
      }
    });
  }

  // ------------------------------------------------------------------ inspection

  status(): EtcdMemberStatus[] {
    const errors = this.raft.alarms.list.map(alarmText);
    return this.raft.members.map((m) => ({
      name: m.name,
      host: m.host,
      id: m.id,
      endpoint: m.clientURL,
      peerURL: m.peerURL,
      version: ETCD_DEFAULTS.version,
      alive: m.alive,
      role: m.role,
      isLeader: m.alive && m.leaderId === m.id,
      isLearner: false,
      term: m.term,
      leaderId: m.leaderId,
      raftIndex: m.commitIndex,
      raftAppliedIndex: m.appliedIndex,
      dbSizeBytes: m.dbSizeBytes,
      errors,
    }));
  }

  /**
   * Status as seen from `observerHost` (an etcdctl run there): a member is reachable when
   * it runs and the network lets the observer reach it. Without an observer, every running
   * member is reachable (the sandbox's own view).
   */
  observe(observerHost?: string): ObservedMember[] {
    return this.status().map((s) => ({
      ...s,
      reachable: s.alive && (observerHost === undefined || this.network.connected(observerHost, s.host)),
    }));
  }

  overview(observerHost?: string): EtcdOverview {
    const leader = this.raft.leader();
    const isolated = new Set(this.members.map((m) => m.host).filter((h) => !this.network.connected(h, OUTSIDE_HOST)));
    return {
      members: this.observe(observerHost),
      quorum: this.raft.quorum,
      leader: leader ? { name: leader.name, term: leader.term } : undefined,
      writeError: !leader ? ETCD_REQUEST_TIMED_OUT : this.raft.alarms.active ? ETCD_NO_SPACE : undefined,
      isolatedHosts: isolated,
    };
  }
}

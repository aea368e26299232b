import type { ScheduledEvent } from '../sim/event-queue';
import type { Rng } from '../sim/rng';

/**
 * One etcd member's Raft state. Term, vote and log survive a kill (they are on disk, in the
 * WAL); role, known leader and timers are process memory and are reset by a restart.
 */

export const RaftRole = {
  Follower: 'follower',
  /** etcd runs with PreVote: a member first asks whether it could win before bumping the term. */
  PreCandidate: 'pre-candidate',
  Candidate: 'candidate',
  Leader: 'leader',
} as const;
export type RaftRole = (typeof RaftRole)[keyof typeof RaftRole];

/** etcd defaults (etcd-docs: Tuning; Maintenance). */
export const ETCD_DEFAULTS = {
  heartbeatMs: 100,
  electionTimeoutMs: 1000,
  quotaBackendBytes: 2 * 1024 ** 3,
  clientPort: 2379,
  peerPort: 2380,
  version: '3.6.4',
} as const;

/** What the topology says about a member: kubeadm names it after its host. */
export interface EtcdMemberSpec {
  readonly name: string;
  /** Host (machine) the member runs on, for partitions and node kills. */
  readonly host: string;
  readonly ip: string;
}

/** Size of a freshly bootstrapped keyspace, and what each applied entry adds (display only). */
export const BASE_DB_BYTES = 2_637_824;
export const DB_BYTES_PER_ENTRY = 256;

export class RaftMember {
  readonly peerURL: string;
  readonly clientURL: string;
  alive = true;
  role: RaftRole = RaftRole.Follower;
  term = 1;
  votedFor: string | undefined;
  /** Who this member believes leads its term (itself when leader). */
  leaderId: string | undefined;
  lastIndex = 0;
  lastTerm = 0;
  commitIndex = 0;
  appliedIndex = 0;
  /** Last contact from a leader (or last role change): the election timer counts from here. */
  lastHeardMs = 0;
  /** Randomized per role change in [electionTimeout, 2 × electionTimeout), as etcd/raft does. */
  electionTimeoutMs: number = ETCD_DEFAULTS.electionTimeoutMs;
  timer: ScheduledEvent | undefined;
  /** Leader only (CheckQuorum): start of the current window and the peers heard in it. */
  quorumWindowStartMs = 0;
  readonly recentActive = new Set<string>();
  dbSizeBytes = BASE_DB_BYTES;
  /** The backend reached its quota: this member refuses puts and raises NOSPACE. */
  spaceExceeded = false;

  constructor(
    readonly spec: EtcdMemberSpec,
    readonly id: string,
  ) {
    this.peerURL = `https://${spec.ip}:${ETCD_DEFAULTS.peerPort}`;
    this.clientURL = `https://${spec.ip}:${ETCD_DEFAULTS.clientPort}`;
  }

  get name(): string {
    return this.spec.name;
  }

  get host(): string {
    return this.spec.host;
  }

  /** Adopts `term` as a follower; a new term forgets the vote cast in the old one. */
  becomeFollower(term: number, leaderId: string | undefined, nowMs: number): void {
    if (term > this.term) {
      this.term = term;
      this.votedFor = undefined;
    }
    this.role = RaftRole.Follower;
    this.leaderId = leaderId;
    this.lastHeardMs = nowMs;
  }

  /** Copies the leader's log (Raft's log matching, collapsed into one step). */
  replicateFrom(leader: RaftMember, quotaBytes: number): void {
    this.lastIndex = leader.lastIndex;
    this.lastTerm = leader.lastTerm;
    this.commitIndex = leader.commitIndex;
    this.applyCommitted(quotaBytes);
  }

  /** Applies committed entries; the keyspace grows with them but (compacted every 5 min) stays under half the quota. */
  applyCommitted(quotaBytes: number): void {
    const applied = this.commitIndex - this.appliedIndex;
    if (applied <= 0) return;
    this.appliedIndex = this.commitIndex;
    if (!this.spaceExceeded) this.dbSizeBytes = Math.max(this.dbSizeBytes, Math.min(this.dbSizeBytes + applied * DB_BYTES_PER_ENTRY, quotaBytes / 2));
  }
}

/** Raft's election restriction: the candidate's log must be at least as up to date as the voter's. */
export function logUpToDate(candidate: RaftMember, voter: RaftMember): boolean {
  if (candidate.lastTerm !== voter.lastTerm) return candidate.lastTerm > voter.lastTerm;
  return candidate.lastIndex >= voter.lastIndex;
}

export function quorumOf(members: number): number {
  return Math.floor(members / 2) + 1;
}

/** A 64-bit member ID printed as etcdctl does (`%x`); the top nibble is never zero. */
export function newMemberId(rng: Rng): string {
  const hi = (rng.nextUint32() % 0xf0000000) + 0x10000000;
  return hi.toString(16) + rng.nextUint32().toString(16).padStart(8, '0');
}

/** The member ID in decimal, as alarm strings print it (`memberID:8211…`). */
export function memberIdDecimal(hexId: string): string {
  return BigInt(`0x${hexId}`).toString(10);
}

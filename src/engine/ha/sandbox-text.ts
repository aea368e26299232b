import { alarmText, type EtcdAlarm } from './alarms';
import { humanizeBytes } from './ascii-table';
import { ETCD_NO_SPACE, ETCD_REQUEST_TIMED_OUT } from './etcd-errors';

/**
 * What the sandbox prints after an HA fault is injected. Pure: the command layer passes the
 * facts (from EtcdCluster before/after the action) and prints the text. Recovery commands
 * print what etcdctl prints for the same operation.
 */

export interface MemberFacts {
  readonly name: string;
  readonly id: string;
  readonly endpoint: string;
}

export interface ClusterFacts {
  readonly running: number;
  readonly total: number;
  readonly quorum: number;
}

function headcount(c: ClusterFacts): string {
  return `${c.running}/${c.total} members running, quorum ${c.quorum}`;
}

/** `sandbox kill etcd <member>` */
export function killEtcdText(m: MemberFacts, wasLeader: boolean, after: ClusterFacts): string {
  const head = `etcd member "${m.name}" (${m.id}) killed: ${headcount(after)}`;
  if (after.running < after.quorum) return `${head}; quorum lost: no leader can be elected and writes fail with "${ETCD_REQUEST_TIMED_OUT}"`;
  if (wasLeader) return `${head}; it was the leader: the others elect a new one after an election timeout (1-2s)`;
  return `${head}; the cluster keeps committing writes`;
}

/** `sandbox restore etcd <member>` */
export function restoreEtcdText(m: MemberFacts, before: ClusterFacts, after: ClusterFacts): string {
  const regained = before.running < before.quorum && after.running >= after.quorum;
  return `etcd member "${m.name}" (${m.id}) restarted: ${headcount(after)}${regained ? '; quorum is back: a leader will be elected within 1-2s' : ''}`;
}

/** `sandbox fill-disk etcd <member>` */
export function fillDiskText(m: MemberFacts, quotaBytes: number, alarmRaised: boolean): string {
  const head = `etcd member "${m.name}" (${m.id}) disk full: its database reached the ${humanizeBytes(quotaBytes)} quota (--quota-backend-bytes)`;
  const alarm = alarmRaised
    ? 'alarm NOSPACE raised: the whole cluster is read-only'
    : 'alarm NOSPACE is raised as soon as a leader can commit it; the member already refuses writes';
  return `${head}; ${alarm} and writes fail with "${ETCD_NO_SPACE}" until the member is defragmented and the alarm disarmed`;
}

/** `etcdctl defrag` on one member. */
export function defragText(m: MemberFacts): string {
  return `Finished defragmenting etcd member[${m.endpoint}]`;
}

/** `etcdctl alarm disarm`: one line per disarmed alarm, or etcdctl's error. */
export function disarmText(result: { ok: true; disarmed: readonly EtcdAlarm[] } | { ok: false; reason: string }): { lines: string[]; exitCode: number } {
  if (!result.ok) return { lines: [`Error: ${result.reason}`], exitCode: 1 };
  return { lines: result.disarmed.map((a) => alarmText(a).trimEnd()), exitCode: 0 };
}

/** `sandbox partition <node> ... [-- <node> ...]` */
export function partitionText(groups: readonly (readonly string[])[]): string {
  const sides = groups.filter((g) => g.length > 0).map((g) => `{${[...g].sort().join(', ')}}`);
  return `network partitioned: ${sides.join(' | ')} | {every other host, the API load balancer and clients}`;
}

/** `sandbox heal` */
export function healText(wasPartitioned: boolean): string {
  return wasPartitioned ? 'network healed: every host can reach every other host again' : 'network is not partitioned';
}

import { humanizeBytes, renderBoxTable, renderColumns } from './ascii-table';
import type { EtcdMemberStatus } from './etcd-cluster';

/**
 * `sandbox etcd status`: pure renderings of the etcd cluster's state. The table is what
 * `etcdctl endpoint status --cluster -w table` prints (rows in member-ID order, as the
 * member list returns them; unreachable endpoints reported on stderr and left out, exit 1).
 */

export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: readonly string[];
  readonly exitCode: number;
}

/** A member as the status command sees it: reachable = etcdctl could open a connection to it. */
export interface ObservedMember extends EtcdMemberStatus {
  readonly reachable: boolean;
}

const ENDPOINT_STATUS_HEADERS = ['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'ERRORS'];

export function renderEndpointStatus(members: readonly ObservedMember[]): CommandOutput {
  const ordered = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const stderr: string[] = [];
  const rows: string[][] = [];
  for (const m of ordered) {
    if (!m.reachable) {
      stderr.push(`Failed to get the status of endpoint ${m.endpoint} (context deadline exceeded)`);
      continue;
    }
    rows.push([
      m.endpoint,
      m.id,
      m.version,
      humanizeBytes(m.dbSizeBytes),
      String(m.isLeader),
      String(m.isLearner),
      String(m.term),
      String(m.raftIndex),
      String(m.raftAppliedIndex),
      m.errors.join(', '),
    ]);
  }
  return { stdout: renderBoxTable(ENDPOINT_STATUS_HEADERS, rows), stderr, exitCode: stderr.length > 0 ? 1 : 0 };
}

/** What the short form says about the cluster as a whole. */
export interface EtcdOverview {
  readonly members: readonly ObservedMember[];
  readonly quorum: number;
  /** The leader whose writes commit now, if any. */
  readonly leader: { readonly name: string; readonly term: number } | undefined;
  /** undefined = writes commit; otherwise the error the API server returns. */
  readonly writeError: string | undefined;
  /** Hosts cut off from the rest (partition groups), for the STATUS column. */
  readonly isolatedHosts: ReadonlySet<string>;
}

function memberState(m: ObservedMember, isolated: ReadonlySet<string>): string {
  const parts = [m.alive ? (isolated.has(m.host) ? 'partitioned' : 'running') : 'down'];
  if (m.errors.length > 0 && m.alive) parts.push('alarm:NOSPACE');
  return parts.join(', ');
}

/** The short form: one line per member (role, term, index), then quorum, leader and writes. */
export function renderEtcdOverview(o: EtcdOverview): string {
  const rows = o.members.map((m) => [
    m.name,
    m.id,
    m.alive ? m.role : '-',
    String(m.term),
    String(m.raftIndex),
    humanizeBytes(m.dbSizeBytes),
    memberState(m, o.isolatedHosts),
  ]);
  const table = renderColumns(['MEMBER', 'ID', 'ROLE', 'TERM', 'RAFT INDEX', 'DB SIZE', 'STATUS'], rows);
  const running = o.members.filter((m) => m.alive).length;
  const leader = o.leader ? `leader ${o.leader.name} (term ${o.leader.term})` : 'no leader';
  const writes = o.writeError === undefined ? 'writes are committed' : `writes fail: ${o.writeError}`;
  return `${table}\n\n${running}/${o.members.length} members running, quorum ${o.quorum}; ${leader}; ${writes}`;
}

import { InteractionKind } from '../log/interaction-log';
import type { RaftGroup } from './raft';
import { memberIdDecimal, type RaftMember } from './raft-member';

/**
 * etcd's alarm store. A member whose backend exceeds the quota raises NOSPACE through Raft
 * (so it needs a committing majority); once applied, every member rejects puts
 * (`etcdserver: mvcc: database space exceeded`) until the alarm is disarmed. A member that
 * is still over quota raises it again on the next put, so recovery is defrag, then disarm.
 */

export interface EtcdAlarm {
  readonly memberId: string;
  readonly alarm: 'NOSPACE';
}

export type DisarmResult = { ok: true; disarmed: EtcdAlarm[] } | { ok: false; reason: string };

/** `memberID:13803658152347727308 alarm:NOSPACE ` — the protobuf text form etcd prints (trailing space included). */
export function alarmText(a: EtcdAlarm): string {
  return `memberID:${memberIdDecimal(a.memberId)} alarm:${a.alarm} `;
}

export class EtcdAlarms {
  readonly list: EtcdAlarm[] = [];
  /** Members that hit the quota while no majority could commit their alarm. */
  private readonly pending = new Set<string>();

  constructor(private readonly group: RaftGroup) {}

  get active(): boolean {
    return this.list.length > 0;
  }

  raise(m: RaftMember): void {
    if (this.list.some((a) => a.memberId === m.id)) return;
    const leader = this.group.leaderFor(m);
    if (typeof leader === 'string') {
      this.pending.add(m.id);
      return;
    }
    this.pending.delete(m.id);
    const alarm: EtcdAlarm = { memberId: m.id, alarm: 'NOSPACE' };
    this.list.push(alarm);
    this.group.append(leader);
    this.group.version++;
    this.log(m, `alarm raised: ${alarmText(alarm).trim()}`);
  }

  /** Retries alarms that could not be committed when they were raised (on every heartbeat). */
  commitPending(): void {
    if (this.pending.size === 0) return;
    for (const m of this.group.members) {
      if (!this.pending.has(m.id)) continue;
      if (m.alive && m.spaceExceeded) this.raise(m);
      else this.pending.delete(m.id);
    }
  }

  /** `etcdctl alarm disarm`: a Raft proposal, so it needs a leader with a majority. */
  disarm(): DisarmResult {
    const leader = this.group.leader();
    if (!leader) return { ok: false, reason: 'etcdserver: request timed out' };
    const disarmed = this.list.splice(0);
    if (disarmed.length === 0) return { ok: true, disarmed };
    this.group.append(leader);
    this.group.version++;
    this.log(leader, `alarm disarmed: ${disarmed.map((a) => alarmText(a).trim()).join(', ')}`);
    for (const m of this.group.members) if (m.alive && m.spaceExceeded) this.raise(m);
    return { ok: true, disarmed };
  }

  private log(m: RaftMember, label: string): void {
    this.group.env.log.append({ kind: InteractionKind.Election, from: `etcd/${m.name}`, to: 'etcd', label });
  }
}

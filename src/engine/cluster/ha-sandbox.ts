import { failed, ok, type ControlPlaneSandbox, type SandboxResult } from '../commands/sandbox/host-actions';
import { alarmText } from '../ha/alarms';
import type { HaControlPlane } from '../ha/control-plane';
import { renderEndpointStatus, renderEtcdOverview } from '../ha/etcd-status';
import type { RaftMember } from '../ha/raft-member';
import {
  defragText, disarmText, fillDiskText, healText, killEtcdText, partitionText, restoreEtcdText, type ClusterFacts, type MemberFacts,
} from '../ha/sandbox-text';
import { InteractionKind, type InteractionLog } from '../log/interaction-log';

/** What the etcd / network faults need from the Cluster. */
export interface HaSandboxDeps {
  readonly ha: HaControlPlane;
  readonly log: InteractionLog;
  /** Is the machine powered on? undefined = no such machine. */
  hostAlive(host: string): boolean | undefined;
  /**
   * Stops or frees the etcd process on `host` where the kubelet runs it as a static pod
   * (stacked etcd): the pod then shows what the member does. External etcd hosts have none.
   */
  setEtcdProcess(host: string, running: boolean): void;
}

function facts(m: RaftMember): MemberFacts {
  return { name: m.name, id: m.id, endpoint: m.clientURL };
}

/**
 * `sandbox etcd status`, `sandbox kill|restore|fill-disk|defrag etcd <member>`,
 * `sandbox etcd alarm list|disarm`, `sandbox partition <host>…`, `sandbox heal`.
 */
export function haSandbox(deps: HaSandboxDeps): ControlPlaneSandbox {
  const { ha } = deps;
  const etcd = ha.etcd;
  const headcount = (): ClusterFacts => ({ running: etcd.members.filter((m) => m.alive).length, total: etcd.members.length, quorum: etcd.raft.quorum });
  const note = (label: string, to: string): void => {
    deps.log.append({ kind: InteractionKind.Sandbox, from: 'user/sandbox', to, label, opId: deps.log.operations.at(-1)?.id });
  };
  const withMember = (ref: string, fn: (m: RaftMember) => SandboxResult): SandboxResult => {
    const m = etcd.member(ref);
    if (!m) return failed(`error: etcd member "${ref}" not found (members: ${etcd.members.map((x) => x.name).join(', ')})`);
    return fn(m);
  };
  return {
    etcdStatus(format) {
      if (format === 'overview') return ok(...renderEtcdOverview(etcd.overview()).split('\n'));
      const r = renderEndpointStatus(etcd.observe());
      return { out: r.stdout.split('\n'), err: [...r.stderr], exitCode: r.exitCode };
    },
    killEtcd: (ref) => withMember(ref, (m) => {
      const wasLeader = etcd.raft.leader() === m;
      const err = etcd.kill(m.name);
      if (err) return failed(`error: ${err}`);
      deps.setEtcdProcess(m.host, false);
      note(`kill etcd member ${m.name}`, `etcd/${m.name}`);
      return ok(killEtcdText(facts(m), wasLeader, headcount()));
    }),
    restoreEtcd: (ref) => withMember(ref, (m) => {
      if (deps.hostAlive(m.host) === false) return failed(`error: etcd member "${m.name}" runs on ${m.host}, which is powered off (sandbox restore node ${m.host})`);
      const before = headcount();
      const err = etcd.restore(m.name);
      if (err) return failed(`error: ${err}`);
      deps.setEtcdProcess(m.host, true);
      note(`restart etcd member ${m.name}`, `etcd/${m.name}`);
      return ok(restoreEtcdText(facts(m), before, headcount()));
    }),
    fillDisk: (ref) => withMember(ref, (m) => {
      if (m.spaceExceeded) return failed(`error: etcd member "${m.name}" is already over its quota`);
      const err = etcd.fillDisk(m.name);
      if (err) return failed(`error: ${err}`);
      note(`fill disk of etcd member ${m.name}`, `etcd/${m.name}`);
      return ok(fillDiskText(facts(m), etcd.raft.quotaBytes, etcd.raft.alarms.active));
    }),
    defrag: (ref) => withMember(ref, (m) => {
      const err = etcd.defrag(m.name);
      if (err) return failed(err);
      note(`defragment etcd member ${m.name}`, `etcd/${m.name}`);
      return ok(defragText(facts(m)));
    }),
    alarmList: () => ok(...etcd.raft.alarms.list.map((a) => alarmText(a).trimEnd())),
    alarmDisarm() {
      const r = disarmText(etcd.disarmAlarms());
      if (r.exitCode === 0) note('etcdctl alarm disarm', 'etcd');
      return r.exitCode === 0 ? ok(...r.lines) : { out: [], err: r.lines, exitCode: r.exitCode };
    },
    partition(hosts) {
      const unknown = hosts.filter((h) => deps.hostAlive(h) === undefined);
      if (unknown.length > 0) return failed(`error: no machine named ${unknown.map((h) => `"${h}"`).join(', ')}`);
      const err = etcd.partition([hosts]);
      if (err) return failed(`error: ${err}`);
      note(`partition ${[...hosts].sort().join(', ')}`, 'network');
      return ok(partitionText([hosts]));
    },
    heal() {
      const was = ha.network.partitioned;
      if (was) {
        etcd.heal();
        note('heal network', 'network');
      }
      return ok(healText(was));
    },
  };
}

/**
 * A single k3s server has no etcd member to break: kine keeps the state in SQLite inside the
 * k3s process. The etcd verbs say so; partition and heal act on hosts and stay.
 */
export function withoutEtcd(inner: ControlPlaneSandbox, server: string): ControlPlaneSandbox {
  const none = (): SandboxResult =>
    failed(`error: this cluster has no etcd: a single k3s server keeps its state in SQLite through kine, inside the k3s process (sandbox kill node ${server} stops it)`);
  return { ...inner, etcdStatus: none, killEtcd: none, restoreEtcd: none, fillDisk: none, defrag: none, alarmList: none, alarmDisarm: none };
}

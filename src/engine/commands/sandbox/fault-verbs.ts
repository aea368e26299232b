import { fail, later, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import type { ControlPlaneSandbox, DataPlaneSandbox, SandboxResult } from './host-actions';
import type { SandboxVerb } from './sandbox';

/**
 * Sandbox verbs beyond node power: etcd members and the network between hosts (HA control
 * plane), and the data plane (iptables, commands in pods, the trace backend).
 */

function controlPlane(inv: Invocation): ControlPlaneSandbox {
  const cp = inv.host.sandbox.controlPlane;
  if (!cp) fail('error: this cluster has no etcd / control-plane faults to inject');
  return cp;
}

function dataPlane(inv: Invocation): DataPlaneSandbox {
  const dp = inv.host.sandbox.dataPlane;
  if (!dp) fail('error: this cluster has no simulated data plane');
  return dp;
}

/** Prints a result now, or after the simulated time the command takes (curl waiting out a timeout). */
function print(inv: Invocation, r: SandboxResult): ExitCode {
  const emit = (): void => {
    for (const l of r.out) inv.proc.out(l);
    for (const l of r.err) inv.proc.err(l);
  };
  if (!r.durationMs || r.durationMs <= 0) {
    emit();
    return r.exitCode;
  }
  later(inv, r.durationMs, 'exec', () => {
    emit();
    inv.proc.exit(r.exitCode);
  });
  return 'pending';
}

function oneArg(flags: ParsedFlags, what: string, usage: string): string {
  const [name, ...extra] = flags.args;
  if (name === undefined) fail(`error: ${what} is required`, `Usage: ${usage}`);
  if (extra.length > 0) fail(`error: unexpected arguments: ${extra.join(' ')}`, `Usage: ${usage}`);
  return name;
}

function memberVerb(path: [string, string], short: string, act: (cp: ControlPlaneSandbox, member: string) => SandboxResult): SandboxVerb {
  const usage = `sandbox ${path.join(' ')} MEMBER`;
  return {
    path,
    args: 'MEMBER',
    short,
    flags: [],
    run: (inv, flags) => print(inv, act(controlPlane(inv), oneArg(flags, 'an etcd member name', usage))),
  };
}

const etcdStatus: SandboxVerb = {
  path: ['etcd', 'status'],
  args: '',
  short: 'Show every etcd member: role, Raft term and index, DB size, alarms (-w table: etcdctl endpoint status)',
  flags: [{ name: 'write-out', short: 'w', type: 'string', default: 'simple', usage: 'Output format: simple or table (etcdctl endpoint status --cluster -w table)' }],
  run: (inv, flags) => {
    if (flags.args.length > 0) fail(`error: unexpected arguments: ${flags.args.join(' ')}`);
    const format = flags.string('write-out') ?? 'simple';
    if (format !== 'simple' && format !== 'table') fail(`error: unsupported output format "${format}": use simple or table`);
    return print(inv, controlPlane(inv).etcdStatus(format === 'table' ? 'table' : 'overview'));
  },
};

const alarmList: SandboxVerb = {
  path: ['etcd', 'alarm', 'list'],
  args: '',
  short: 'List etcd alarms (etcdctl alarm list)',
  flags: [],
  run: (inv) => print(inv, controlPlane(inv).alarmList()),
};

const alarmDisarm: SandboxVerb = {
  path: ['etcd', 'alarm', 'disarm'],
  args: '',
  short: 'Disarm every etcd alarm (etcdctl alarm disarm)',
  flags: [],
  run: (inv) => print(inv, controlPlane(inv).alarmDisarm()),
};

const partition: SandboxVerb = {
  path: ['partition'],
  args: 'HOST [HOST...]',
  short: 'Cut the named hosts off from every other host, the API load balancer and clients',
  flags: [],
  run: (inv, flags) => {
    if (flags.args.length === 0) fail('error: at least one host is required', 'Usage: sandbox partition HOST [HOST...]');
    return print(inv, controlPlane(inv).partition(flags.args));
  },
};

const heal: SandboxVerb = {
  path: ['heal'],
  args: '',
  short: 'Undo a network partition',
  flags: [],
  run: (inv) => print(inv, controlPlane(inv).heal()),
};

const iptables: SandboxVerb = {
  path: ['iptables'],
  args: 'NODE',
  short: "Print a node's kube-proxy rules as iptables-save does",
  flags: [],
  run: (inv, flags) => print(inv, dataPlane(inv).iptables(oneArg(flags, 'a node name', 'sandbox iptables NODE'))),
};

const exec: SandboxVerb = {
  path: ['exec'],
  args: '(POD | TYPE/NAME) -- COMMAND [ARGS...]',
  short: 'Run nslookup or curl inside a pod (or the first pod of deploy/NAME, sts/NAME, ds/NAME)',
  flags: [{ name: 'namespace', short: 'n', type: 'string', default: 'default', usage: 'The pod\'s namespace' }],
  run: (inv, flags) => {
    const [pod, ...argv] = flags.args;
    if (pod === undefined || argv.length === 0) fail('error: a pod and a command are required', 'Usage: sandbox exec (POD | TYPE/NAME) [-n NAMESPACE] -- nslookup NAME | curl [-m SECONDS] URL');
    return print(inv, dataPlane(inv).exec(flags.string('namespace') ?? 'default', pod, argv));
  },
};

const backend: SandboxVerb = {
  path: ['backend'],
  args: 'down|up',
  short: 'Make the observability backend unreachable (down) or reachable again (up)',
  flags: [],
  run: (inv, flags) => {
    const state = oneArg(flags, 'down or up', 'sandbox backend down|up');
    if (state !== 'down' && state !== 'up') fail(`error: expected down or up, got "${state}"`);
    return print(inv, dataPlane(inv).setBackendReachable(state === 'up'));
  },
};

export const FAULT_VERBS: readonly SandboxVerb[] = [
  etcdStatus,
  memberVerb(['kill', 'etcd'], 'Kill an etcd member (its process stops; the others elect a leader if they still have quorum)', (cp, m) => cp.killEtcd(m)),
  memberVerb(['restore', 'etcd'], 'Restart a killed etcd member from its disk', (cp, m) => cp.restoreEtcd(m)),
  memberVerb(['fill-disk', 'etcd'], "Fill an etcd member's backend to its quota: NOSPACE alarm, the cluster turns read-only", (cp, m) => cp.fillDisk(m)),
  memberVerb(['defrag', 'etcd'], 'Compact and defragment an etcd member (etcdctl defrag), freeing its disk', (cp, m) => cp.defrag(m)),
  alarmList,
  alarmDisarm,
  partition,
  heal,
  iptables,
  exec,
  backend,
];

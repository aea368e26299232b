/**
 * The sandbox's reach beyond node power: the HA control plane (etcd members, the network
 * between hosts) and the data plane (iptables, commands inside pods, the trace backend).
 * The Cluster implements them; each answers with what the command prints.
 */

export interface SandboxResult {
  readonly out: readonly string[];
  readonly err: readonly string[];
  readonly exitCode: number;
  /** Simulated time the command takes before it prints and exits (curl waiting for a timeout). */
  readonly durationMs?: number;
}

export interface ControlPlaneSandbox {
  /** `overview`: one line per member with role, term, index and alarms; `table`: `etcdctl endpoint status --cluster -w table`. */
  etcdStatus(format: 'overview' | 'table'): SandboxResult;
  killEtcd(member: string): SandboxResult;
  restoreEtcd(member: string): SandboxResult;
  fillDisk(member: string): SandboxResult;
  defrag(member: string): SandboxResult;
  alarmList(): SandboxResult;
  alarmDisarm(): SandboxResult;
  /** Cuts the listed hosts off from everything else (one group). */
  partition(hosts: readonly string[]): SandboxResult;
  heal(): SandboxResult;
}

export interface DataPlaneSandbox {
  iptables(node: string): SandboxResult;
  /** Runs `argv` (nslookup NAME, curl [-m N] URL) inside a pod. */
  exec(namespace: string, pod: string, argv: readonly string[]): SandboxResult;
  setBackendReachable(reachable: boolean): SandboxResult;
}

export function ok(...out: string[]): SandboxResult {
  return { out, err: [], exitCode: 0 };
}

export function failed(...err: string[]): SandboxResult {
  return { out: [], err, exitCode: 1 };
}

import type { ApiServer } from '../api/apiserver';
import type { KubeObject, LabelSelector, Pod } from '../api/types';
import { failed, ok, type DataPlaneSandbox, type SandboxResult } from '../commands/sandbox/host-actions';
import { compareStrings } from '../controllers/shared/owner-refs';
import type { NetworkingStack, ShellResult } from '../network';
import type { TrafficStack } from '../traffic';
import { selectorMatches } from '../util/labels';

/** What `sandbox iptables|exec|backend` need from the Cluster. */
export interface DataPlaneDeps {
  readonly api: ApiServer;
  readonly network: NetworkingStack;
  readonly traffic: TrafficStack;
  nodeExists(node: string): boolean;
}

function shell(r: ShellResult): SandboxResult {
  const lines = (text: string): string[] => (text === '' ? [] : text.split('\n'));
  return { out: lines(r.stdout), err: lines(r.stderr), exitCode: r.exitCode, durationMs: r.durationMs };
}

/** `curl [-s] [-m N | --max-time N | --connect-timeout N] URL`; undefined URL = usage error. */
function curlArgs(args: readonly string[]): { url?: string; timeoutS?: number; error?: string } {
  let url: string | undefined;
  let timeoutS: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-m' || a === '--max-time' || a === '--connect-timeout') {
      const v = Number(args[++i]);
      if (!Number.isFinite(v) || v <= 0) return { error: `curl: option ${a}: expected a proper numerical parameter` };
      timeoutS = v;
    } else if (/^-[sSvIkL]+$/.test(a) || a === '--silent') continue;
    else if (a.startsWith('-')) return { error: `curl: option ${a}: is unknown` };
    else url = a;
  }
  return url === undefined ? { error: 'curl: no URL specified!' } : { url, ...(timeoutS !== undefined ? { timeoutS } : {}) };
}

function runIn(network: NetworkingStack, pod: Pod, argv: readonly string[]): SandboxResult {
  const [cmd, ...args] = argv;
  if (cmd === 'nslookup') {
    if (args.length !== 1) return failed('BusyBox v1.28.4 multi-call binary.', '', 'Usage: nslookup HOST [DNS_SERVER]');
    return shell(network.nslookup(pod, args[0]!));
  }
  if (cmd === 'curl') {
    const c = curlArgs(args);
    if (c.error !== undefined || c.url === undefined) return { out: [], err: [c.error ?? 'curl: no URL specified!'], exitCode: 2 };
    return shell(network.curl(pod, c.url, c.timeoutS));
  }
  return failed(`error: sandbox exec runs nslookup or curl, not "${cmd ?? ''}"`);
}

/** `kubectl exec deploy/NAME` vocabulary: the workload kinds whose selector picks a pod. */
const EXEC_KINDS: Readonly<Record<string, string>> = {
  pod: 'pods', pods: 'pods', po: 'pods',
  deployment: 'deployments', deployments: 'deployments', deploy: 'deployments',
  replicaset: 'replicasets', replicasets: 'replicasets', rs: 'replicasets',
  statefulset: 'statefulsets', statefulsets: 'statefulsets', sts: 'statefulsets',
  daemonset: 'daemonsets', daemonsets: 'daemonsets', ds: 'daemonsets',
};

/**
 * The pod `POD` or `TYPE/NAME` names. For a workload, kubectl's choice (GetFirstPod with
 * ActivePods reversed): a Running and Ready pod before others, then the oldest, then by name.
 */
function execTarget(api: ApiServer, namespace: string, name: string): { pod: Pod } | { error: string } {
  const slash = name.indexOf('/');
  const resource = slash < 0 ? 'pods' : EXEC_KINDS[name.slice(0, slash).toLowerCase()];
  const objName = name.slice(slash + 1);
  if (!resource) return { error: `error: the server doesn't have a resource type "${name.slice(0, slash)}"` };
  if (resource === 'pods') {
    const pod = api.peek<Pod>('pods', namespace, objName);
    return pod ? { pod } : { error: `Error from server (NotFound): pods "${objName}" not found` };
  }
  const owner = api.peek<KubeObject & { spec?: { selector?: LabelSelector } }>(resource, namespace, objName);
  if (!owner) return { error: `Error from server (NotFound): ${resource}.apps "${objName}" not found` };
  const selector = owner.spec?.selector;
  const rank = (p: Pod): number => (p.status?.phase === 'Running' ? 0 : 2) + ((p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1);
  const pods = api.snapshot<Pod>('pods')
    .filter((p) => p.metadata.namespace === namespace && !p.metadata.deletionTimestamp && selectorMatches(selector, p.metadata.labels))
    .sort((a, b) => rank(a) - rank(b) || compareStrings(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') || compareStrings(a.metadata.name, b.metadata.name));
  const first = pods[0];
  return first ? { pod: first } : { error: 'error: timed out waiting for the condition' };
}

/** `sandbox iptables <node>`, `sandbox exec <pod> -- nslookup|curl …`, `sandbox backend down|up`. */
export function dataPlaneSandbox(deps: DataPlaneDeps): DataPlaneSandbox {
  return {
    iptables(node) {
      if (!deps.nodeExists(node)) return failed(`error: node "${node}" not found`);
      const text = deps.network.iptables(node);
      if (text === undefined) return failed(`error: node "${node}" is powered off`);
      return ok(...text.replace(/\n$/, '').split('\n'));
    },
    exec(namespace, name, argv) {
      const target = execTarget(deps.api, namespace, name);
      if ('error' in target) return failed(target.error);
      const pod = target.pod;
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return failed(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
      if (phase !== 'Running') return failed(`error: unable to upgrade connection: container not found ("${pod.spec.containers[0]?.name ?? ''}")`);
      const node = pod.spec.nodeName ?? '';
      if (!deps.network.nodeAlive(node)) {
        const ip = pod.status?.hostIP ?? '';
        return failed(`Error from server: error dialing backend: dial tcp ${ip}:10250: connect: no route to host`);
      }
      if (argv.length === 0) return failed('error: you must specify at least one command for the container');
      return runIn(deps.network, pod, argv);
    },
    setBackendReachable(reachable) {
      deps.traffic.setBackendReachable(reachable);
      return ok(reachable ? 'observability backend reachable: collector agents export again' : 'observability backend unreachable: collector agents queue and retry their exports');
    },
  };
}

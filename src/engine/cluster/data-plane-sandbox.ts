import type { ApiServer } from '../api/apiserver';
import type { Pod } from '../api/types';
import { failed, ok, type DataPlaneSandbox, type SandboxResult } from '../commands/sandbox/host-actions';
import type { NetworkingStack, ShellResult } from '../network';
import type { TrafficStack } from '../traffic';

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
      const pod = deps.api.peek<Pod>('pods', namespace, name);
      if (!pod) return failed(`Error from server (NotFound): pods "${name}" not found`);
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

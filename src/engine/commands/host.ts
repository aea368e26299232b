import type { ApiServer } from '../api/apiserver';
import type { SimEnv } from '../sim/env';
import type { SchedulingDecision } from '../scheduler/decisions';
import type { ControlPlaneSandbox, DataPlaneSandbox } from './sandbox/host-actions';

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
}

/** What `sandbox ...` commands may do to the simulated machines. Errors come back as text. */
export interface SandboxActions {
  killNode(name: string): string | undefined;
  restoreNode(name: string): string | undefined;
  addNode(name: string, opts: NodeOptions): string | undefined;
  removeNode(name: string): string | undefined;
  nodeNames(): string[];
  /** etcd members, partitions (hosts without an HA control plane leave it out). */
  readonly controlPlane?: ControlPlaneSandbox;
  /** iptables, exec in pods, the trace backend (hosts without a data plane leave it out). */
  readonly dataPlane?: DataPlaneSandbox;
}

export interface ResourceUsage {
  cpuMillis: number;
  memoryBytes: number;
}

/** metrics-server's view (kubectl top) and the kubelets' container logs (kubectl logs). */
export interface Observability {
  nodeUsage(node: string): ResourceUsage | undefined;
  podUsage(namespace: string, pod: string): { container: string; usage: ResourceUsage }[] | undefined;
  containerLogs(namespace: string, pod: string, container: string | undefined, previous: boolean): string[] | { error: string };
}

/** Everything a command interpreter (kubectl, helm, sandbox) may use. */
export interface CommandHost {
  readonly env: SimEnv;
  readonly api: ApiServer;
  /** Files named in the scenario (`kubectl apply -f web.yaml`, `helm install -f values.yaml`). */
  readonly files: ReadonlyMap<string, string>;
  readonly sandbox: SandboxActions;
  readonly observability: Observability;
  decisionFor(namespace: string, pod: string): SchedulingDecision | undefined;
}

import type { Taint } from '../api/types';

/** One simulated machine as the scenario describes it. */
export interface NodeConfig {
  readonly name: string;
  readonly role: 'control-plane' | 'worker' | 'etcd';
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  readonly pods: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly internalIP: string;
  /** Per-node pod CIDR, e.g. 10.244.1.0/24 (kubeadm with a flannel-style CNI) or 10.42.1.0/24 (k3s). */
  readonly podCIDR: string;
  readonly distribution: 'kubeadm' | 'k3s';
}

/**
 * What survives a node being killed and restored: the disk (image cache) and the address.
 * The kubelet process itself is created afresh on every restore.
 */
export class Machine {
  /** image reference → size in bytes, as present on this node's disk. */
  readonly images = new Map<string, number>();
  /**
   * Containers whose process cannot run here until the sandbox lets it again (`sandbox kill
   * etcd`) or the machine boots, as `<namespace>/<pod>/<container>`: the kubelet's restarts
   * of them fail at once.
   */
  readonly stoppedProcesses = new Set<string>();
  alive = true;

  constructor(public config: NodeConfig) {}
}

import type { Taint } from '../api/types';
import { bytes, cpuMillis } from '../util/quantity';
import type { NodeConfig } from './node-config';

export type Distribution = 'kubeadm' | 'k3s';

export interface NodePoolSpec {
  /** `worker-{i}` → worker-1..count; `{i:02}` zero-pads. */
  name: string;
  count?: number;
  capacity?: { cpu?: string; memory?: string; pods?: number };
  labels?: Record<string, string>;
  taints?: Taint[];
}

export interface ClusterSpec {
  distribution: Distribution;
  controlPlane: { nodes: 1 | 3; etcd: 'stacked' | 'external' };
  nodes: NodePoolSpec[];
}

export const KUBERNETES_VERSION = 'v1.34.1';

/** What keeps the cluster's state: etcd, or SQLite behind kine (an etcd-API shim in the k3s process). */
export type Datastore = 'etcd' | 'kine-sqlite';

/**
 * A single k3s server keeps its state in SQLite through kine; k3s HA runs embedded etcd
 * (`--cluster-init`) on its servers, and kubeadm always runs etcd. An external datastore is
 * etcd here (the etcd hosts). The engine still models storage as one Raft group either way:
 * only what the user is shown and may break differs.
 */
export function datastoreOf(spec: ClusterSpec): Datastore {
  return spec.distribution === 'k3s' && spec.controlPlane.nodes === 1 && spec.controlPlane.etcd !== 'external' ? 'kine-sqlite' : 'etcd';
}

export const DEFAULT_CLUSTER: ClusterSpec = {
  distribution: 'kubeadm',
  controlPlane: { nodes: 1, etcd: 'stacked' },
  nodes: [{ name: 'worker-{i}', count: 2 }],
};

export const NETWORK = {
  kubeadm: { podCidrPrefix: '10.244', serviceCidr: '10.96.0.0/12', kubernetesServiceIP: '10.96.0.1', dnsIP: '10.96.0.10' },
  k3s: { podCidrPrefix: '10.42', serviceCidr: '10.43.0.0/16', kubernetesServiceIP: '10.43.0.1', dnsIP: '10.43.0.10' },
} as const;

/** Expands `worker-{i}` / `node-{i:02}` for index i (1-based). */
export function expandName(pattern: string, i: number): string {
  return pattern.replace(/\{i(?::(\d+))?\}/g, (_m, pad: string | undefined) => (pad ? String(i).padStart(Number(pad), '0') : String(i)));
}

/** 172.18.0.2, 172.18.0.3, …, carrying into the third octet past 255 (large clusters). */
export function nodeInternalIP(idx: number): string {
  const n = idx + 2;
  return `172.18.${Math.floor(n / 256)}.${n % 256}`;
}

/**
 * The idx-th /24 of the pod network (10.244.idx.0/24), carrying into the higher octets past
 * 255 (10.245.0.0/24, …, and past 10.255.255.0/24 into 11.0.0.0/24): every node of the
 * 5,000-node envelope gets its own valid range.
 */
export function nodePodCIDR(podCidrPrefix: string, idx: number): string {
  const [a, b] = podCidrPrefix.split('.').map(Number);
  const block = ((a ?? 0) * 65536 + (b ?? 0) * 256 + idx) % 16_777_216;
  return `${Math.floor(block / 65536)}.${Math.floor(block / 256) % 256}.${block % 256}.0/24`;
}

const DEFAULT_CAPACITY = { cpu: '4', memory: '8Gi', pods: 110 };

/** External etcd hosts get addresses at the top of the machine network, clear of any node's. */
const ETCD_HOST_COUNT = 3;

/**
 * The etcd hosts of an external-etcd topology (`etcd-1..3`): machines with role `etcd` that
 * run only an etcd member; no kubelet, so they are not Kubernetes nodes. None when stacked.
 */
export function expandEtcdHosts(spec: ClusterSpec): NodeConfig[] {
  if (spec.controlPlane.etcd !== 'external') return [];
  const out: NodeConfig[] = [];
  for (let i = 1; i <= ETCD_HOST_COUNT; i++) {
    const name = `etcd-${i}`;
    out.push({
      name,
      role: 'etcd',
      cpuMillis: cpuMillis('2'),
      memoryBytes: bytes('4Gi'),
      pods: 0,
      labels: { 'kubernetes.io/hostname': name },
      taints: [],
      internalIP: `172.18.255.${10 + i}`,
      podCIDR: '',
      distribution: spec.distribution,
    });
  }
  return out;
}

/** Turns the scenario's cluster section into one NodeConfig per machine, control plane first. */
export function expandNodes(spec: ClusterSpec): NodeConfig[] {
  const out: NodeConfig[] = [];
  const net = NETWORK[spec.distribution];
  const k3s = spec.distribution === 'k3s';
  const add = (name: string, role: NodeConfig['role'], pool: NodePoolSpec | undefined, extraLabels: Record<string, string>, taints: Taint[]): void => {
    const idx = out.length;
    const cap = { ...DEFAULT_CAPACITY, ...(pool?.capacity ?? {}) };
    out.push({
      name,
      role,
      cpuMillis: cpuMillis(cap.cpu),
      memoryBytes: bytes(cap.memory),
      pods: cap.pods,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...extraLabels,
        ...(pool?.labels ?? {}),
      },
      taints: [...taints, ...(pool?.taints ?? [])],
      internalIP: nodeInternalIP(idx),
      podCIDR: nodePodCIDR(net.podCidrPrefix, idx),
      distribution: spec.distribution,
    });
  };
  const cpCount = spec.controlPlane.nodes;
  for (let i = 1; i <= cpCount; i++) {
    const name = k3s ? (cpCount === 1 ? 'server' : `server-${i}`) : cpCount === 1 ? 'control-plane' : `control-plane-${i}`;
    const labels: Record<string, string> = k3s
      ? { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/master': 'true', ...(cpCount > 1 ? { 'node-role.kubernetes.io/etcd': 'true' } : {}) }
      : { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' };
    const taints: Taint[] = k3s ? [] : [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
    add(name, 'control-plane', undefined, labels, taints);
  }
  for (const pool of spec.nodes) {
    const count = pool.count ?? 1;
    for (let i = 1; i <= count; i++) add(expandName(pool.name, i), 'worker', pool, {}, []);
  }
  return out;
}

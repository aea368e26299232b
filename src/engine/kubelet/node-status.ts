import type { Condition, Node, NodeStatus, ResourceList } from '../api/types';
import type { NodeConfig } from '../cluster/node-config';
import { fnv32a } from '../util/clone';
import { formatCpu } from '../util/quantity';

/** What the kubelet registers and reports about its node (pkg/kubelet/nodestatus setters), as pure data. */

export const KUBELET_VERSION = { kubeadm: 'v1.34.1', k3s: 'v1.34.1+k3s1' } as const;
export const CONTAINER_RUNTIME_VERSION = { kubeadm: 'containerd://2.1.3', k3s: 'containerd://2.1.4-k3s1' } as const;
export const OS_IMAGE = 'Ubuntu 24.04.3 LTS';
export const KERNEL_VERSION = '6.8.0-71-generic';

/** kubeadm's default hard eviction threshold memory.available<100Mi comes off allocatable memory. */
export const EVICTION_HARD_MEMORY_BYTES = 100 * 2 ** 20;
const DISK_BYTES = 100 * 2 ** 30;
/** nodefs.available<10%: allocatable ephemeral storage is 90 % of the disk. */
const DISK_ALLOCATABLE_SHARE = 0.9;
/** kubelet's nodeStatusMaxImages. */
const MAX_REPORTED_IMAGES = 50;

export function nodeCapacity(cfg: NodeConfig): ResourceList {
  return {
    cpu: formatCpu(cfg.cpuMillis),
    'ephemeral-storage': `${DISK_BYTES / 1024}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${Math.floor(cfg.memoryBytes / 1024)}Ki`,
    pods: String(cfg.pods),
  };
}

export function allocatableMemoryBytes(cfg: NodeConfig): number {
  return Math.max(0, cfg.memoryBytes - EVICTION_HARD_MEMORY_BYTES);
}

export function nodeAllocatable(cfg: NodeConfig): ResourceList {
  return {
    cpu: formatCpu(cfg.cpuMillis),
    'ephemeral-storage': String(Math.floor(DISK_BYTES * DISK_ALLOCATABLE_SHARE)),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${Math.floor(allocatableMemoryBytes(cfg) / 1024)}Ki`,
    pods: String(cfg.pods),
  };
}

function stableHex(text: string, words: number): string {
  let out = '';
  for (let i = 0; i < words; i++) out += fnv32a(`${i}/${text}`).toString(16).padStart(8, '0');
  return out;
}

/** machine-id and product UUID belong to the machine (stable across restarts); boot id to the boot. */
export function nodeInfo(cfg: NodeConfig, bootID: string): NonNullable<NodeStatus['nodeInfo']> {
  const uuid = stableHex(`uuid/${cfg.name}`, 4);
  return {
    architecture: 'amd64',
    bootID,
    containerRuntimeVersion: CONTAINER_RUNTIME_VERSION[cfg.distribution],
    kernelVersion: KERNEL_VERSION,
    kubeletVersion: KUBELET_VERSION[cfg.distribution],
    machineID: stableHex(`machine/${cfg.name}`, 4),
    operatingSystem: 'linux',
    osImage: OS_IMAGE,
    systemUUID: `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20, 32)}`,
  };
}

/** The kubelet's own conditions when all is well (k8s-semantics §1.1). */
export const HEALTHY_CONDITIONS: readonly Pick<Condition, 'type' | 'status' | 'reason' | 'message'>[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** The event the kubelet records when a condition reaches a value (`NodeHasSufficientMemory`, `NodeReady`). */
export function conditionEventReason(type: string, status: string): string | undefined {
  if (type === 'Ready') return status === 'True' ? 'NodeReady' : 'NodeNotReady';
  const table: Record<string, [string, string]> = {
    MemoryPressure: ['NodeHasSufficientMemory', 'NodeHasInsufficientMemory'],
    DiskPressure: ['NodeHasNoDiskPressure', 'NodeHasDiskPressure'],
    PIDPressure: ['NodeHasSufficientPID', 'NodeHasInsufficientPID'],
  };
  const pair = table[type];
  return pair ? (status === 'False' ? pair[0] : pair[1]) : undefined;
}

/** Conditions with heartbeat = now, transition time kept while the status holds (against `previous`). */
export function nodeConditions(previous: readonly Condition[] | undefined, now: string): Condition[] {
  // Plain loops and literals: this runs every 10 s on every node.
  const out: Condition[] = [];
  for (const c of HEALTHY_CONDITIONS) {
    let since = now;
    for (const p of previous ?? []) if (p.type === c.type && p.status === c.status && p.lastTransitionTime) since = p.lastTransitionTime;
    out.push({ type: c.type, status: c.status, reason: c.reason, message: c.message, lastHeartbeatTime: now, lastTransitionTime: since });
  }
  return out;
}

/** status.images from the node's disk: largest first, at most 50, each by digest and by tag. */
export function reportedImages(images: ReadonlyMap<string, number>): NonNullable<NodeStatus['images']> {
  const sorted = [...images].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_REPORTED_IMAGES);
  return sorted.map(([ref, sizeBytes]) => {
    const at = ref.indexOf('@');
    const colon = ref.lastIndexOf(':');
    const repo = at >= 0 ? ref.slice(0, at) : colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
    const digest = at >= 0 ? ref : `${repo}@sha256:${stableHex(ref, 8)}`;
    return { names: at >= 0 ? [ref] : [digest, ref], sizeBytes };
  });
}

/** The parts of node status that only change when the machine does (everything but conditions and images). */
export function staticNodeStatus(cfg: NodeConfig, bootID: string): NodeStatus {
  return {
    addresses: [
      { type: 'InternalIP', address: cfg.internalIP },
      { type: 'Hostname', address: cfg.name },
    ],
    allocatable: nodeAllocatable(cfg),
    capacity: nodeCapacity(cfg),
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: nodeInfo(cfg, bootID),
  };
}

/**
 * The static parts followed by conditions and images, as one literal in that key order: a
 * spread that adds keys would give every node's status a hidden class of its own.
 */
export function withConditionsAndImages(fixed: NodeStatus, conditions: Condition[], images: NonNullable<NodeStatus['images']>): NodeStatus {
  const { addresses, allocatable, capacity, daemonEndpoints, nodeInfo } = fixed;
  return { addresses, allocatable, capacity, daemonEndpoints, nodeInfo, conditions, images };
}

export function nodeStatus(cfg: NodeConfig, bootID: string, images: ReadonlyMap<string, number>, previous: readonly Condition[] | undefined, now: string): NodeStatus {
  return withConditionsAndImages(staticNodeStatus(cfg, bootID), nodeConditions(previous, now), reportedImages(images));
}

/** Whether conditions differ in anything but heartbeat times (the kubelet's reason to PATCH early). */
export function conditionsChanged(a: readonly Condition[] | undefined, b: readonly Condition[]): boolean {
  if (!a || a.length !== b.length) return true;
  return a.some((c, i) => {
    const d = b[i]!;
    return c.type !== d.type || c.status !== d.status || c.reason !== d.reason || c.message !== d.message || c.lastTransitionTime !== d.lastTransitionTime;
  });
}

/** The Node object a kubelet registers on first start. */
export function registrationObject(cfg: NodeConfig, status: NodeStatus): Node {
  const k3s = cfg.distribution === 'k3s';
  const labels: Record<string, string> = { ...cfg.labels };
  if (k3s) {
    labels['beta.kubernetes.io/instance-type'] = 'k3s';
    labels['node.kubernetes.io/instance-type'] = 'k3s';
  }
  const annotations: Record<string, string> = k3s
    ? { 'k3s.io/hostname': cfg.name, 'k3s.io/internal-ip': cfg.internalIP, 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' }
    : { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock', 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: cfg.name, labels, annotations },
    spec: { podCIDR: cfg.podCIDR, podCIDRs: [cfg.podCIDR], ...(cfg.taints.length > 0 ? { taints: cfg.taints.map((t) => ({ ...t })) } : {}) },
    status,
  };
}

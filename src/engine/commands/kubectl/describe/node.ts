import type { Lease, Node, Pod, ResourceList } from '../../../api/types';
import { since } from '../../format/duration';
import { rfc1123zOf } from '../../format/timefmt';
import type { Invocation } from '../../invocation';
import { bytes, cpuMillis, formatBytes, formatCpu } from '../../../util/quantity';
import { nodeRoles } from '../printers/nodes';
import { describeEvents, eventsFor, printAnnotations, printLabels, printTaints } from './common';
import { tabbed, LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

interface Totals {
  cpuReq: number;
  cpuLim: number;
  memReq: number;
  memLim: number;
}

/** resourcehelper.PodRequestsAndLimits: containers summed, init containers as a floor. */
function podTotals(pod: Pod): Totals {
  const sum = (list: 'requests' | 'limits', r: 'cpu' | 'memory'): number => {
    const parse = r === 'cpu' ? cpuMillis : bytes;
    const app = (pod.spec?.containers ?? []).reduce((n, c) => n + parse(c.resources?.[list]?.[r]), 0);
    const init = Math.max(0, ...(pod.spec?.initContainers ?? []).map((c) => parse(c.resources?.[list]?.[r])));
    return Math.max(app, init);
  };
  return { cpuReq: sum('requests', 'cpu'), cpuLim: sum('limits', 'cpu'), memReq: sum('requests', 'memory'), memLim: sum('limits', 'memory') };
}

function pct(part: number, whole: number): number {
  return whole > 0 ? Math.trunc((part / whole) * 100) : 0;
}

function printResourceList(w: PrefixWriter, list: ResourceList): void {
  for (const name of Object.keys(list).sort()) {
    const v = list[name];
    if (v !== undefined) w.write(LEVEL_0, `  ${name}:\t${v}\n`);
  }
}

function describeNodeResources(w: PrefixWriter, node: Node, pods: readonly Pod[], nowMs: number): void {
  const alloc = node.status?.allocatable && Object.keys(node.status.allocatable).length > 0 ? node.status.allocatable : (node.status?.capacity ?? {});
  const cpu = cpuMillis(alloc.cpu);
  const mem = bytes(alloc.memory);
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const total: Totals = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0 };
  for (const p of pods) {
    const t = podTotals(p);
    total.cpuReq += t.cpuReq;
    total.cpuLim += t.cpuLim;
    total.memReq += t.memReq;
    total.memLim += t.memLim;
    w.write(LEVEL_1, `${p.metadata.namespace ?? ''}\t${p.metadata.name}\t\t${formatCpu(t.cpuReq)} (${pct(t.cpuReq, cpu)}%)\t${formatCpu(t.cpuLim)} (${pct(t.cpuLim, cpu)}%)\t${formatBytes(t.memReq)} (${pct(t.memReq, mem)}%)\t${formatBytes(t.memLim)} (${pct(t.memLim, mem)}%)\t${since(p.metadata.creationTimestamp, nowMs)}\n`);
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  w.write(LEVEL_1, `cpu\t${formatCpu(total.cpuReq)} (${pct(total.cpuReq, cpu)}%)\t${formatCpu(total.cpuLim)} (${pct(total.cpuLim, cpu)}%)\n`);
  w.write(LEVEL_1, `memory\t${formatBytes(total.memReq)} (${pct(total.memReq, mem)}%)\t${formatBytes(total.memLim)} (${pct(total.memLim, mem)}%)\n`);
  w.write(LEVEL_1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
}

function describeLeaseAndConditions(w: PrefixWriter, node: Node, lease: Lease | undefined): void {
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123zOf(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${lease?.spec?.renewTime ? rfc1123zOf(lease.spec.renewTime) : '<unset>'}\n`);
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123zOf(c.lastHeartbeatTime)} \t${rfc1123zOf(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
}

function describeSystemInfo(w: PrefixWriter, node: Node): void {
  const i = node.status?.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${i?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${i?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${i?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${i?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${i?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${i?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${i?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${i?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${i?.kubeletVersion ?? ''}\n`);
  if (i?.kubeProxyVersion) w.write(LEVEL_0, `  Kube-Proxy Version:\t${i.kubeProxyVersion}\n`);
}

export function describeNode(inv: Invocation, node: Node): string[] {
  const nowMs = inv.host.env.now();
  const name = node.metadata.name;
  const lease = inv.host.api.get<Lease>(inv.req, 'leases', 'kube-node-lease', name);
  const podsRes = inv.host.api.list<Pod>(inv.req, 'pods', { fieldSelector: { 'spec.nodeName': name } });
  const pods = podsRes.ok ? podsRes.value.items.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') : [];
  const events = eventsFor(inv, node);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    w.write(LEVEL_0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
    printLabels(w, 'Labels', node.metadata.labels);
    printAnnotations(w, 'Annotations', node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123zOf(node.metadata.creationTimestamp)}\n`);
    printTaints(w, 'Taints', node.spec?.taints);
    w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
    describeLeaseAndConditions(w, node, lease.ok ? lease.value : undefined);
    if (node.status?.capacity) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(w, node.status.capacity);
    }
    if (node.status?.allocatable) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(w, node.status.allocatable);
    }
    describeSystemInfo(w, node);
    if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
    if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
    describeNodeResources(w, node, pods, nowMs);
    describeEvents(w, events, nowMs);
  });
}

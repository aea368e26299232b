import type { KubeObject, Node } from '../../../api/types';
import { since } from '../../format/duration';
import type { PrintContext, TablePrinter } from './table';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** kubectl's node STATUS: Ready / NotReady (False and Unknown alike) / Unknown, then SchedulingDisabled. */
export function nodeStatus(node: Node): string {
  const parts: string[] = [];
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  if (ready) parts.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (parts.length === 0) parts.push('Unknown');
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` suffixes plus `kubernetes.io/role`, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

function address(node: Node, type: 'InternalIP' | 'ExternalIP'): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: TablePrinter = {
  columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideColumns: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const node = obj as Node;
    const roles = nodeRoles(node).join(',') || '<none>';
    const info = node.status?.nodeInfo;
    const cells = [node.metadata.name, nodeStatus(node), roles, since(node.metadata.creationTimestamp, ctx.nowMs), info?.kubeletVersion ?? ''];
    if (!ctx.wide) return cells;
    cells.push(address(node, 'InternalIP'), address(node, 'ExternalIP'), info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>', info?.containerRuntimeVersion || '<unknown>');
    return cells;
  },
};

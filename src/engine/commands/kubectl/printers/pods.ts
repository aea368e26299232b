import type { KubeObject, Pod } from '../../../api/types';
import { since } from '../../format/duration';
import { summarizePod } from './pod-status';
import type { PrintContext, TablePrinter } from './table';

function readinessGates(pod: Pod): string {
  const gates = (pod.spec as { readinessGates?: { conditionType: string }[] }).readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conds = pod.status?.conditions ?? [];
  const ok = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ok}/${gates.length}`;
}

export const podPrinter: TablePrinter = {
  columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideColumns: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const pod = obj as Pod;
    const s = summarizePod(pod, ctx.nowMs);
    const cells = [pod.metadata.name, s.ready, s.status, s.restarts, since(pod.metadata.creationTimestamp, ctx.nowMs)];
    if (!ctx.wide) return cells;
    const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
    cells.push(ip, pod.spec.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', readinessGates(pod));
    return cells;
  },
};

import type { Taint } from '../../api/types';
import type { FilterPlugin } from '../framework/interfaces';
import { unresolvable } from '../framework/status';
import { tolerationsTolerateTaint } from './helpers/tolerations';
import { PluginName } from './names';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** Filter: a cordoned node (spec.unschedulable) takes only pods tolerating node.kubernetes.io/unschedulable. */
export function newNodeUnschedulable(): FilterPlugin {
  const rejected = unresolvable(ERR_REASON_UNSCHEDULABLE);
  return {
    name: PluginName.NodeUnschedulable,
    nodeLocal: true,
    filter(_state, pod, node) {
      if (!node.unschedulable) return null;
      return tolerationsTolerateTaint(pod.pod.spec.tolerations, UNSCHEDULABLE_TAINT) ? null : rejected;
    },
  } satisfies FilterPlugin;
}

import type { FilterPlugin, PreFilterOutcome, PreFilterPlugin } from '../framework/interfaces';
import { SKIP, unschedulable } from '../framework/status';
import { PluginName } from './names';

export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const OK: PreFilterOutcome = { status: null };
const SKIPPED: PreFilterOutcome = { status: SKIP };

/** Filter: the pod's host ports must be free on the node (a 0.0.0.0 bind conflicts with any IP). */
export function newNodePorts(): PreFilterPlugin & FilterPlugin {
  const rejected = unschedulable(ERR_REASON_NODE_PORTS);
  return {
    name: PluginName.NodePorts,
    nodeLocal: true,
    preFilter: (_state, pod) => (pod.hostPorts.length === 0 ? SKIPPED : OK),
    filter(_state, pod, node) {
      if (node.usedPortCount === 0) return null;
      for (const p of pod.hostPorts) if (node.usedPorts.conflicts(p)) return rejected;
      return null;
    },
  } satisfies PreFilterPlugin & FilterPlugin;
}

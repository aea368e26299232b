import type { FilterPlugin } from '../framework/interfaces';
import { unresolvable } from '../framework/status';
import { PluginName } from './names';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

/** Filter: a pod that names a node fits only that node. */
export function newNodeName(): FilterPlugin {
  const rejected = unresolvable(ERR_REASON_NODE_NAME);
  return {
    name: PluginName.NodeName,
    nodeLocal: true,
    filter(_state, pod, node) {
      const want = pod.pod.spec.nodeName;
      return !want || want === node.name ? null : rejected;
    },
  } satisfies FilterPlugin;
}

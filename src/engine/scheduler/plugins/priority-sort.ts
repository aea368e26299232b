import type { QueueSortPlugin } from '../framework/interfaces';
import { PluginName } from './names';

/** QueueSort: higher spec.priority first, then the pod that entered the queue earlier. */
export function newPrioritySort(): QueueSortPlugin {
  return {
    name: PluginName.PrioritySort,
    less(a, b) {
      const pa = a.podInfo.priority;
      const pb = b.podInfo.priority;
      if (pa !== pb) return pa > pb;
      if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
      return a.seq < b.seq;
    },
  } satisfies QueueSortPlugin;
}

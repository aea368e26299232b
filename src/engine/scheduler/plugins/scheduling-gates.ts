import type { PreEnqueuePlugin } from '../framework/interfaces';
import { unresolvable } from '../framework/status';
import { PluginName } from './names';

/** PreEnqueue: a pod with schedulingGates never enters activeQ until every gate is removed. */
export function newSchedulingGates(): PreEnqueuePlugin {
  return {
    name: PluginName.SchedulingGates,
    preEnqueue(pod) {
      const gates = pod.pod.spec.schedulingGates ?? [];
      if (gates.length === 0) return null;
      return unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
    },
  } satisfies PreEnqueuePlugin;
}

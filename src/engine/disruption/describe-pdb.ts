import type { Invocation } from '../commands/invocation';
import { describeEvents, eventsFor } from '../commands/kubectl/describe/common';
import { tabbed, LEVEL_0, LEVEL_2 } from '../commands/kubectl/describe/writer';
import { formatLabelSelector } from '../commands/kubectl/printers/table';
import type { PodDisruptionBudget } from './types';

/** kubectl's PodDisruptionBudgetDescriber (policy/v1): the budget, its selector and the controller's counts. */
export function describePodDisruptionBudget(inv: Invocation, pdb: PodDisruptionBudget): string[] {
  const events = eventsFor(inv, pdb);
  const nowMs = inv.host.env.now();
  return tabbed((w) => {
    const spec = pdb.spec;
    w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
    if (spec.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${spec.minAvailable}\n`);
    else if (spec.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${spec.maxUnavailable}\n`);
    w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
    const s = pdb.status;
    w.write(LEVEL_0, 'Status:\n');
    w.write(LEVEL_2, `Allowed disruptions:\t${s?.disruptionsAllowed ?? 0}\n`);
    w.write(LEVEL_2, `Current:\t${s?.currentHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Desired:\t${s?.desiredHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Total:\t${s?.expectedPods ?? 0}\n`);
    describeEvents(w, events, nowMs);
  });
}

import type { Deployment, KubeObject, Pod, ReplicaSet } from '../../../api/types';
import { rfc1123zOf } from '../../format/timefmt';
import type { Invocation } from '../../invocation';
import { formatLabelSelector } from '../printers/table';
import { ownedReplicaSets, splitReplicaSets } from '../rollout/revisions';
import { controlledBy, describeEvents, eventsFor, printAnnotations, printLabels } from './common';
import { describePodTemplate } from './template';
import { tabbed, LEVEL_0, LEVEL_1 } from './writer';

function rsList(list: readonly ReplicaSet[]): string {
  const text = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return text || '<none>';
}

function intOrString(v: number | string | undefined): string {
  return v === undefined ? '' : String(v);
}

export function describeDeployment(inv: Invocation, d: Deployment): string[] {
  const nowMs = inv.host.env.now();
  const events = eventsFor(inv, d);
  const { newRS, old } = splitReplicaSets(d, ownedReplicaSets(inv, d));
  return tabbed((w) => {
    const st = d.status ?? {};
    const spec = d.spec;
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123zOf(d.metadata.creationTimestamp)}\n`);
    printLabels(w, 'Labels', d.metadata.labels);
    printAnnotations(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec?.selector)}\n`);
    w.write(LEVEL_0, `Replicas:\t${spec?.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
    const ru = spec?.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
    describePodTemplate(spec?.template, w);
    const conditions = st.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    w.write(LEVEL_0, `OldReplicaSets:\t${rsList(old)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
    describeEvents(w, events, nowMs);
  });
}

/** Pods Status counts of the pods a controller selects (Running / Waiting / Succeeded / Failed). */
function podCounts(inv: Invocation, owner: KubeObject): string {
  const res = inv.host.api.list<Pod>(inv.req, 'pods', { namespace: owner.metadata.namespace });
  if (!res.ok) return `error in fetching pods: ${res.status.message}`;
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of res.value.items) {
    if (!(p.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === owner.metadata.uid)) continue;
    const phase = p.status?.phase;
    if (phase === 'Running' || phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed') counts[phase]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

export function describeReplicaSet(inv: Invocation, rs: ReplicaSet): string[] {
  const nowMs = inv.host.env.now();
  const events = eventsFor(inv, rs);
  const pods = podCounts(inv, rs);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabels(w, 'Labels', rs.metadata.labels);
    printAnnotations(w, 'Annotations', rs.metadata.annotations);
    const owner = controlledBy(rs);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${pods}\n`);
    describePodTemplate(rs.spec?.template, w);
    describeEvents(w, events, nowMs);
  });
}

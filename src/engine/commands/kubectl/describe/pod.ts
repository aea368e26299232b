import type { Pod } from '../../../api/types';
import { since } from '../../format/duration';
import { rfc1123zOf } from '../../format/timefmt';
import type { Invocation } from '../../invocation';
import { controlledBy, describeEvents, eventsFor, printAnnotations, printLabels, printTolerations } from './common';
import { describeContainers, describeVolumes, podEnvResolver } from './containers';
import { tabbed, LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

/** QoS class as the API server computes it, for pods whose status does not carry it yet. */
export function qosClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (req.cpu || req.memory || lim.cpu || lim.memory) any = true;
    for (const r of ['cpu', 'memory'] as const) {
      const want = lim[r];
      if (!want || (req[r] !== undefined && req[r] !== want)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function describeIPs(pod: Pod, w: PrefixWriter): void {
  const ips = pod.status?.podIPs ?? (pod.status?.podIP ? [{ ip: pod.status.podIP }] : []);
  if (ips.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'IPs:\n');
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
}

function describeStatus(pod: Pod, nowMs: number, w: PrefixWriter): void {
  const phase = pod.status?.phase ?? '';
  if (pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, nowMs)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${phase}\n`);
  }
  if (pod.status?.reason) w.write(LEVEL_0, `Reason:\t${pod.status.reason}\n`);
  if (pod.status?.message) w.write(LEVEL_0, `Message:\t${pod.status.message}\n`);
}

export function describePod(inv: Invocation, pod: Pod): string[] {
  const nowMs = inv.host.env.now();
  const events = eventsFor(inv, pod);
  return tabbed((w) => {
    const spec = pod.spec ?? { containers: [] };
    w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
    if (spec.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${pod.status?.hostIP ?? ''}\n` : 'Node:\t<none>\n');
    if (pod.status?.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123zOf(pod.status.startTime)}\n`);
    printLabels(w, 'Labels', pod.metadata.labels);
    printAnnotations(w, 'Annotations', pod.metadata.annotations);
    describeStatus(pod, nowMs, w);
    w.write(LEVEL_0, `IP:\t${pod.status?.podIP ?? ''}\n`);
    describeIPs(pod, w);
    const owner = controlledBy(pod);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    if (pod.status?.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${pod.status.nominatedNodeName}\n`);
    const resolve = podEnvResolver(pod);
    if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers ?? [], pod.status?.initContainerStatuses, resolve, w, '');
    describeContainers('Containers', spec.containers ?? [], pod.status?.containerStatuses, resolve, w, '');
    const conditions = pod.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${qosClass(pod)}\n`);
    printLabels(w, 'Node-Selectors', spec.nodeSelector);
    printTolerations(w, 'Tolerations', spec.tolerations);
    describeEvents(w, events, nowMs);
  });
}

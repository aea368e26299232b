import type { EndpointSlice, Service } from '../../../api/types';
import type { Invocation } from '../../invocation';
import { formatLabels } from '../printers/table';
import { describeEvents, eventsFor, printAnnotations, printLabels } from './common';
import { tabbed, LEVEL_0 } from './writer';

/** formatEndpointSlices for one service port: `ip:port` of ready endpoints, three at most. */
function endpointsText(slices: readonly EndpointSlice[], portName: string | undefined): string {
  const list: string[] = [];
  for (const s of slices) {
    const port = (s.ports ?? []).find((p) => (p.name ?? '') === (portName ?? ''));
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false) continue;
      for (const a of e.addresses ?? []) list.push(port?.port !== undefined ? `${a}:${port.port}` : a);
    }
  }
  if (list.length === 0) return '<none>';
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

export function describeService(inv: Invocation, svc: Service): string[] {
  const nowMs = inv.host.env.now();
  const events = eventsFor(inv, svc);
  const slicesRes = inv.host.api.list<EndpointSlice>(inv.req, 'endpointslices', {
    namespace: svc.metadata.namespace,
    labelSelector: { matchLabels: { 'kubernetes.io/service-name': svc.metadata.name } },
  });
  const slices = slicesRes.ok ? slicesRes.value.items : [];
  return tabbed((w) => {
    const spec = svc.spec ?? {};
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
    printLabels(w, 'Labels', svc.metadata.labels);
    printAnnotations(w, 'Annotations', svc.metadata.annotations);
    const selector = formatLabels(spec.selector);
    w.write(LEVEL_0, `Selector:\t${selector === '<none>' ? '' : selector}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    w.write(LEVEL_0, 'IP Family Policy:\tSingleStack\n');
    w.write(LEVEL_0, 'IP Families:\tIPv4\n');
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    const ips = spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
    w.write(LEVEL_0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    for (const p of spec.ports ?? []) {
      const name = p.name || '<unset>';
      const proto = p.protocol ?? 'TCP';
      w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${proto}\n`);
      w.write(LEVEL_0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
      if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
      if (spec.selector) w.write(LEVEL_0, `Endpoints:\t${endpointsText(slices, p.name)}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    describeEvents(w, events, nowMs);
  });
}

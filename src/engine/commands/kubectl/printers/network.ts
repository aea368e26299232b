import type { EndpointSlice, Ingress, IngressClass, KubeObject, NetworkPolicy, Service } from '../../../api/types';
import { since } from '../../format/duration';
import { field, formatLabelSelector, formatLabels, type PrintContext, type TablePrinter } from './table';

/** getServiceExternalIP. */
function externalIP(svc: Service): string {
  const externalIPs = (svc.spec as { externalIPs?: string[] }).externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((s) => s !== '');
      const all = [...ingress, ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
  }
}

/** makePortString: `80/TCP`, `80:31234/TCP`, comma-joined. */
export function servicePorts(svc: Service): string {
  const ports = (svc.spec?.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`));
  return ports.length === 0 ? '<none>' : ports.join(',');
}

export const servicePrinter: TablePrinter = {
  columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideColumns: ['SELECTOR'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const svc = obj as Service;
    const clusterIP = svc.spec?.clusterIPs?.[0] ?? (svc.spec?.clusterIP || '<none>');
    const cells = [svc.metadata.name, svc.spec?.type ?? 'ClusterIP', clusterIP, externalIP(svc), servicePorts(svc), since(svc.metadata.creationTimestamp, ctx.nowMs)];
    if (ctx.wide) cells.push(formatLabels(svc.spec?.selector));
    return cells;
  },
};

/** listWithMoreString: at most three, then ` + N more...`; `<unset>` when empty. */
function listWithMore(items: string[], max = 3): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

export const endpointSlicePrinter: TablePrinter = {
  columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const es = obj as EndpointSlice;
    const ports = (es.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name ?? '*'));
    const addrs = (es.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [es.metadata.name, es.addressType ?? '', listWithMore(ports), listWithMore(addrs), since(es.metadata.creationTimestamp, ctx.nowMs)];
  },
};

interface Subset {
  addresses?: { ip: string }[];
  ports?: { port: number }[];
}

export const endpointsPrinter: TablePrinter = {
  columns: ['NAME', 'ENDPOINTS', 'AGE'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const subsets = (field(obj, 'subsets') as Subset[] | undefined) ?? [];
    const list: string[] = [];
    for (const s of subsets) {
      const ports = s.ports ?? [];
      for (const a of s.addresses ?? []) {
        if (ports.length === 0) list.push(a.ip);
        for (const p of ports) list.push(`${a.ip}:${p.port}`);
      }
    }
    const text = list.length === 0 ? '<none>' : list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
    return [obj.metadata.name, text, since(obj.metadata.creationTimestamp, ctx.nowMs)];
  },
};

/** formatHosts: the rules' hosts, at most four then ` + N more...`; `*` when no rule names one. */
function ingressHosts(ing: Ingress): string {
  const hosts = (ing.spec?.rules ?? []).map((r) => r.host ?? '').filter((h) => h !== '');
  if (hosts.length === 0) return '*';
  return hosts.length > 4 ? `${hosts.slice(0, 4).join(',')} + ${hosts.length - 4} more...` : hosts.join(',');
}

/** ingressLoadBalancerStatusStringer: IPs and hostnames; cut at 16 characters unless wide. */
function ingressAddress(ing: Ingress, wide: boolean): string {
  const text = (ing.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((a) => a !== '').join(',');
  return !wide && text.length > 16 ? `${text.slice(0, 13)}...` : text;
}

/** printIngress. */
export const ingressPrinter: TablePrinter = {
  columns: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const ing = obj as Ingress;
    const ports = (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80';
    return [ing.metadata.name, ing.spec?.ingressClassName ?? '<none>', ingressHosts(ing), ingressAddress(ing, ctx.wide), ports, since(ing.metadata.creationTimestamp, ctx.nowMs)];
  },
};

/** printIngressClass. */
export const ingressClassPrinter: TablePrinter = {
  columns: ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const cls = obj as IngressClass;
    const p = cls.spec?.parameters;
    const params = p ? `${p.kind}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [cls.metadata.name, cls.spec?.controller ?? '', params, since(cls.metadata.creationTimestamp, ctx.nowMs)];
  },
};

/** printNetworkPolicy. */
export const networkPolicyPrinter: TablePrinter = {
  columns: ['NAME', 'POD-SELECTOR', 'AGE'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const np = obj as NetworkPolicy;
    return [np.metadata.name, formatLabelSelector(np.spec?.podSelector), since(np.metadata.creationTimestamp, ctx.nowMs)];
  },
};

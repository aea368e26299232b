import type { ApiServer } from '../api/apiserver';
import type { Pod } from '../api/types';
import type { Observability, ResourceUsage } from '../commands/host';
import type { Kubelet } from '../kubelet/kubelet';
import type { Machine } from './node-config';

/** What metrics-server and `kubectl logs` read from. */
export interface ObservedHost {
  readonly api: ApiServer;
  readonly machines: ReadonlyMap<string, Machine>;
  readonly kubelets: ReadonlyMap<string, Kubelet>;
}

/** metrics-server's view (kubectl top) and the kubelets' container logs (kubectl logs). */
export function clusterObservability(c: ObservedHost): Observability {
  return {
    nodeUsage: (node): ResourceUsage | undefined => (c.machines.get(node)?.alive ? c.kubelets.get(node)?.usage() : undefined),
    podUsage: (ns, pod) => {
      const p = c.api.peek<Pod>('pods', ns, pod);
      const node = p?.spec.nodeName;
      return node && c.machines.get(node)?.alive ? c.kubelets.get(node)?.podUsage(ns, pod) : undefined;
    },
    containerLogs: (ns, pod, container, previous) => {
      const p = c.api.peek<Pod>('pods', ns, pod);
      if (!p) return { error: `pods "${pod}" not found` };
      const node = p.spec.nodeName;
      const kubelet = node ? c.kubelets.get(node) : undefined;
      if (!node || !kubelet) return { error: `container "${container ?? p.spec.containers[0]?.name ?? ''}" in pod "${pod}" is waiting to start: ContainerCreating` };
      if (!c.machines.get(node)?.alive) {
        const ip = c.machines.get(node)?.config.internalIP ?? '';
        return { error: `Get "https://${ip}:10250/containerLogs/${ns}/${pod}/${container ?? p.spec.containers[0]?.name ?? ''}": dial tcp ${ip}:10250: connect: no route to host` };
      }
      return kubelet.containerLogs(ns, pod, container, previous);
    },
  };
}

import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, IngressClass, Pod } from '../api/types';
import { Cluster } from './cluster';
import type { Distribution } from './cluster-spec';

function boot(distribution: Distribution): Cluster {
  return new Cluster({ seed: 2, config: { freezeObjects: true }, spec: { distribution, controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'agent-{i}', count: 1 }] } }).boot();
}

const ready = (p: Pod) => p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** kube-system pods by workload (name without the generated suffixes); where Deployments land is the scheduler's choice. */
function systemPods(c: Cluster): string[] {
  return c.objects<Pod>('pods')
    .filter((p) => p.metadata.namespace === 'kube-system')
    .map((p) => `${p.metadata.name.replace(/(-[bcdfghjklmnpqrstvwxz2456789]{6,10})?-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '')}${ready(p) ? '' : ' (not ready)'}`)
    .sort();
}

describe('bootstrap add-ons per distribution', () => {
  it('k3s: the bundled add-ons, all Ready by the time the scenario starts; no kube-proxy or control-plane pods', () => {
    const c = boot('k3s');
    expect(systemPods(c)).toEqual([
      'coredns',
      'local-path-provisioner',
      'metrics-server',
      'nginx-ingress-controller',
      'nginx-ingress-controller',
    ]);
    expect(c.objects<DaemonSet>('daemonsets').map((d) => d.metadata.name)).toEqual(['nginx-ingress-controller']);
    expect(c.api.peek<Deployment>('deployments', 'kube-system', 'coredns')?.spec.replicas).toBe(1);
    const cls = c.api.peek<IngressClass>('ingressclasses', undefined, 'nginx');
    expect(cls?.spec.controller).toBe('k8s.io/ingress-nginx');
    expect(cls?.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class']).toBe('true');
  });

  it('k3s: the networking model recognises the controller pods as ingress-nginx', () => {
    const c = boot('k3s');
    expect(c.network.pods.withRole('ingress-nginx').map((p) => p.spec.nodeName).sort()).toEqual(['agent-1', 'server']);
  });

  it('kubeadm: unchanged - kube-proxy on every node, two CoreDNS replicas, the static control plane', () => {
    const c = boot('kubeadm');
    expect(systemPods(c)).toEqual([
      'coredns',
      'coredns',
      'etcd-control-plane',
      'kube-apiserver-control-plane',
      'kube-controller-manager-control-plane',
      'kube-proxy',
      'kube-proxy',
      'kube-scheduler-control-plane',
    ]);
    expect(c.objects('ingressclasses')).toEqual([]);
  });
});

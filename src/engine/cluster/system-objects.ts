import type { DaemonSet, Deployment, KubeObject, Pod, Service, Toleration } from '../api/types';
import { KUBERNETES_VERSION, NETWORK, type Distribution } from './cluster-spec';
import { k3sAddons, type AddonObject } from './k3s-system-objects';
import type { NodeConfig } from './node-config';

/** Objects the API server and kubeadm/k3s create when a cluster is set up. */

const CRITICAL_TOLERATIONS: Toleration[] = [{ operator: 'Exists' }];

export const SYSTEM_IMAGES = {
  apiserver: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
  controllerManager: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
  scheduler: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
  proxy: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
  etcd: 'registry.k8s.io/etcd:3.6.4-0',
  coredns: 'registry.k8s.io/coredns/coredns:v1.12.1',
  pause: 'registry.k8s.io/pause:3.10',
} as const;

export function bootstrapNamespaces(): KubeObject[] {
  return ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
}

export function bootstrapPriorityClasses(): KubeObject[] {
  return [
    { name: 'system-cluster-critical', value: 2_000_000_000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
    { name: 'system-node-critical', value: 2_000_001_000, description: 'Used for system critical pods that must not be moved from their current node.' },
  ].map(({ name, value, description }) => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    value,
    description,
    preemptionPolicy: 'PreemptLowerPriority',
  }));
}

export function kubernetesService(distribution: Distribution): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: NETWORK[distribution].kubernetesServiceIP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  };
}

function staticPod(component: string, image: string, node: NodeConfig, cpu: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node.name}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.mirror': 'static' },
    },
    spec: {
      nodeName: node.name,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2_000_001_000,
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      containers: [{ name: component, image, resources: { requests: { cpu } } }],
    },
  };
}

/** The control-plane static pods the kubelet on `node` runs from /etc/kubernetes/manifests. */
export function controlPlaneStaticPods(node: NodeConfig, etcdStacked: boolean): Pod[] {
  if (node.distribution === 'k3s') return [];
  const pods = [
    staticPod('kube-apiserver', SYSTEM_IMAGES.apiserver, node, '250m'),
    staticPod('kube-controller-manager', SYSTEM_IMAGES.controllerManager, node, '200m'),
    staticPod('kube-scheduler', SYSTEM_IMAGES.scheduler, node, '100m'),
  ];
  if (etcdStacked) pods.unshift(staticPod('etcd', SYSTEM_IMAGES.etcd, node, '100m'));
  return pods;
}

export function kubeProxyDaemonSet(): DaemonSet {
  const labels = { 'k8s-app': 'kube-proxy' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-node-critical',
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: CRITICAL_TOLERATIONS,
          containers: [{ name: 'kube-proxy', image: SYSTEM_IMAGES.proxy }],
        },
      },
    },
  };
}

export function coreDnsDeployment(): Deployment {
  const labels = { 'k8s-app': 'kube-dns' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-cluster-critical',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' } },
              ],
            },
          },
          containers: [
            {
              name: 'coredns',
              image: SYSTEM_IMAGES.coredns,
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
              resources: { requests: { cpu: '100m', memory: '70Mi' }, limits: { memory: '170Mi' } },
              readinessProbe: { httpGet: { path: '/ready', port: 8181 }, periodSeconds: 10 },
              livenessProbe: { httpGet: { path: '/health', port: 8080 }, initialDelaySeconds: 60, timeoutSeconds: 5, failureThreshold: 5 },
            },
          ],
        },
      },
    },
  };
}

export function kubeDnsService(distribution: Distribution): Service {
  const labels = { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels },
    spec: {
      selector: { 'k8s-app': 'kube-dns' },
      clusterIP: NETWORK[distribution].dnsIP,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  };
}

/**
 * The add-ons the installer deploys into kube-system: kubeadm's kube-proxy DaemonSet and
 * CoreDNS; k3s's bundled manifests (its kube-proxy is embedded in the k3s process: no pods).
 */
export function systemAddons(distribution: Distribution): AddonObject[] {
  if (distribution === 'k3s') return k3sAddons();
  return [
    { resource: 'daemonsets', namespace: 'kube-system', object: kubeProxyDaemonSet() },
    { resource: 'deployments', namespace: 'kube-system', object: coreDnsDeployment() },
    { resource: 'services', namespace: 'kube-system', object: kubeDnsService(distribution) },
  ];
}

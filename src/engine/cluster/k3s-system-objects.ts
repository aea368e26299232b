import type { ConfigMap, DaemonSet, Deployment, IngressClass, KubeObject, Service, ServiceAccount, Toleration } from '../api/types';
import { NETWORK } from './cluster-spec';

/**
 * What a k3s server deploys into kube-system on first start, from its bundled manifests
 * (/var/lib/rancher/k3s/server/manifests): CoreDNS, the local-path provisioner and
 * metrics-server. kube-proxy, flannel and the network-policy controller are embedded in the
 * k3s process, so they have no pods. The bundled Traefik is left out: like the workshop this
 * follows (k3s started with `--disable traefik`), the cluster runs ingress-nginx instead, as a
 * DaemonSet on host ports 80 and 443, with `nginx` as the default IngressClass.
 */

export const K3S_IMAGES = {
  coredns: 'rancher/mirrored-coredns-coredns:1.12.3',
  localPath: 'rancher/local-path-provisioner:v0.0.32',
  metricsServer: 'rancher/mirrored-metrics-server:v0.8.0',
  ingressNginx: 'registry.k8s.io/ingress-nginx/controller:v1.13.3',
  pause: 'rancher/mirrored-pause:3.6',
} as const;

/** Every bundled k3s add-on runs on servers too (they carry no taint by default, but may). */
const ADDON_TOLERATIONS: Toleration[] = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
];

const LINUX = { 'kubernetes.io/os': 'linux' };

function serviceAccount(name: string): ServiceAccount {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'kube-system' } };
}

function coreDnsDeployment(): Deployment {
  const labels = { 'k8s-app': 'kube-dns' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { ...labels, 'kubernetes.io/name': 'CoreDNS' } },
    spec: {
      // k3s ships one replica (the seed's "usually 2" is the kubeadm default).
      replicas: 1,
      revisionHistoryLimit: 0,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          nodeSelector: LINUX,
          tolerations: ADDON_TOLERATIONS,
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } }],
          containers: [
            {
              name: 'coredns',
              image: K3S_IMAGES.coredns,
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
              resources: { requests: { cpu: '100m', memory: '70Mi' }, limits: { memory: '170Mi' } },
              readinessProbe: { httpGet: { path: '/ready', port: 8181 }, periodSeconds: 2 },
              livenessProbe: { httpGet: { path: '/health', port: 8080 }, initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
            },
          ],
        },
      },
    },
  };
}

function kubeDnsService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } },
    spec: {
      selector: { 'k8s-app': 'kube-dns' },
      clusterIP: NETWORK.k3s.dnsIP,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  };
}

function localPathConfig(): ConfigMap {
  const config = { nodePathMap: [{ node: 'DEFAULT_PATH_FOR_NON_LISTED_NODES', paths: ['/var/lib/rancher/k3s/storage'] }] };
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'local-path-config', namespace: 'kube-system' }, data: { 'config.json': JSON.stringify(config, null, 2) } };
}

function localPathProvisioner(): Deployment {
  const labels = { app: 'local-path-provisioner' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'local-path-provisioner', namespace: 'kube-system' },
    spec: {
      revisionHistoryLimit: 0,
      selector: { matchLabels: labels },
      strategy: { type: 'Recreate' },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'local-path-provisioner-service-account',
          tolerations: ADDON_TOLERATIONS,
          containers: [
            {
              name: 'local-path-provisioner',
              image: K3S_IMAGES.localPath,
              imagePullPolicy: 'IfNotPresent',
              command: ['local-path-provisioner', 'start', '--config', '/etc/config/config.json'],
              env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/config/' }],
            },
          ],
          volumes: [{ name: 'config-volume', configMap: { name: 'local-path-config' } }],
        },
      },
    },
  };
}

function metricsServer(): Deployment {
  const labels = { 'k8s-app': 'metrics-server' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'metrics-server', namespace: 'kube-system', labels },
    spec: {
      revisionHistoryLimit: 0,
      selector: { matchLabels: labels },
      template: {
        metadata: { name: 'metrics-server', labels },
        spec: {
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'metrics-server',
          tolerations: ADDON_TOLERATIONS,
          containers: [
            {
              name: 'metrics-server',
              image: K3S_IMAGES.metricsServer,
              args: ['--cert-dir=/tmp', '--secure-port=10250', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--kubelet-use-node-status-port', '--metric-resolution=15s'],
              ports: [{ name: 'https', containerPort: 10250, protocol: 'TCP' }],
              resources: { requests: { cpu: '100m', memory: '70Mi' } },
              readinessProbe: { httpGet: { path: '/readyz', port: 10250 }, periodSeconds: 2, failureThreshold: 3 },
            },
          ],
        },
      },
    },
  };
}

function metricsServerService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'metrics-server', namespace: 'kube-system', labels: { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'Metrics-server' } },
    spec: { selector: { 'k8s-app': 'metrics-server' }, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }] },
  };
}

function ingressNginxController(): DaemonSet {
  const labels = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'nginx-ingress-controller', namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'ingress-nginx',
          nodeSelector: LINUX,
          tolerations: ADDON_TOLERATIONS,
          terminationGracePeriodSeconds: 300,
          containers: [
            {
              name: 'controller',
              image: K3S_IMAGES.ingressNginx,
              args: ['/nginx-ingress-controller', '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx', '--watch-ingress-without-class=true'],
              ports: [
                { name: 'http', containerPort: 80, hostPort: 80, protocol: 'TCP' },
                { name: 'https', containerPort: 443, hostPort: 443, protocol: 'TCP' },
              ],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
              ],
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
              readinessProbe: { httpGet: { path: '/healthz', port: 10254 }, periodSeconds: 10, failureThreshold: 3 },
              livenessProbe: { httpGet: { path: '/healthz', port: 10254 }, initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 5 },
            },
          ],
        },
      },
    },
  };
}

function nginxIngressClass(): IngressClass {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
    spec: { controller: 'k8s.io/ingress-nginx' },
  };
}

/** One object to create at bootstrap: its resource (plural) and namespace. */
export interface AddonObject {
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly object: KubeObject;
}

const inKubeSystem = (resource: string, object: KubeObject): AddonObject => ({ resource, namespace: 'kube-system', object });

/** The k3s server's add-ons, in the order its deploy controller applies them. */
export function k3sAddons(): AddonObject[] {
  return [
    inKubeSystem('serviceaccounts', serviceAccount('coredns')),
    inKubeSystem('deployments', coreDnsDeployment()),
    inKubeSystem('services', kubeDnsService()),
    inKubeSystem('serviceaccounts', serviceAccount('local-path-provisioner-service-account')),
    inKubeSystem('configmaps', localPathConfig()),
    inKubeSystem('deployments', localPathProvisioner()),
    inKubeSystem('serviceaccounts', serviceAccount('metrics-server')),
    inKubeSystem('deployments', metricsServer()),
    inKubeSystem('services', metricsServerService()),
    inKubeSystem('serviceaccounts', serviceAccount('ingress-nginx')),
    { resource: 'ingressclasses', namespace: undefined, object: nginxIngressClass() },
    inKubeSystem('daemonsets', ingressNginxController()),
  ];
}

/** Images a k3s node has from the airgap bundle before its first pod starts. */
export function k3sPreloadedImages(): string[] {
  return [K3S_IMAGES.pause, K3S_IMAGES.coredns, K3S_IMAGES.localPath, K3S_IMAGES.metricsServer, K3S_IMAGES.ingressNginx];
}

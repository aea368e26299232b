import type { Container, KubeObject, Pod } from '../api/types';
import { NETWORK, type ClusterSpec } from '../cluster/cluster-spec';
import { Cluster } from '../cluster/cluster';
import { TrafficStack, TRAFFIC_ROLES } from '../traffic';
import { NetworkingStack } from '.';

/** Test fixtures: a booted cluster with the networking and traffic stacks started beside it. */

export const CTX = { component: 'test' };

export interface Sandbox {
  readonly cluster: Cluster;
  readonly net: NetworkingStack;
  readonly traffic: TrafficStack;
}

export function sandbox(spec?: ClusterSpec, seed = 7): Sandbox {
  const cluster = new Cluster({ seed, config: { freezeObjects: true }, ...(spec ? { spec } : {}) }).boot();
  const net = new NetworkingStack(cluster.env, cluster.api, {
    nodeAlive: (n) => cluster.machines.get(n)?.alive ?? false,
    clusterCidr: `${NETWORK[cluster.spec.distribution].podCidrPrefix}.0.0/16`,
    roles: TRAFFIC_ROLES,
  });
  net.start();
  const traffic = new TrafficStack(cluster.env, cluster.api, net);
  traffic.start();
  return { cluster, net, traffic };
}

export function create(s: Sandbox, resource: string, namespace: string | undefined, obj: KubeObject): void {
  const res = s.cluster.api.create(CTX, resource, namespace, obj);
  if (!res.ok) throw new Error(`create ${resource} ${obj.metadata.name}: ${res.status.message}`);
}

export function namespace(s: Sandbox, name: string, labels: Record<string, string> = {}): void {
  create(s, 'namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } });
}

export interface AppSpec {
  readonly ns?: string;
  readonly name: string;
  readonly replicas?: number;
  readonly image?: string;
  readonly port?: number;
  readonly labels?: Record<string, string>;
  readonly env?: Container['env'];
  readonly annotations?: Record<string, string>;
  /** Create a ClusterIP Service with the same name and selector. */
  readonly service?: boolean;
}

/** A Deployment (and its Service), as `kubectl create deployment` + `expose` would make them. */
export function app(s: Sandbox, a: AppSpec): void {
  const ns = a.ns ?? 'default';
  const labels = a.labels ?? { app: a.name };
  const port = a.port ?? 80;
  create(s, 'deployments', ns, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: a.name, namespace: ns, labels },
    spec: {
      replicas: a.replicas ?? 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, ...(a.annotations ? { annotations: a.annotations } : {}) },
        spec: { containers: [{ name: a.name, image: a.image ?? 'nginx:1.27', ports: [{ containerPort: port }], ...(a.env ? { env: a.env } : {}) }] },
      },
    },
  });
  if (a.service ?? true) {
    create(s, 'services', ns, { apiVersion: 'v1', kind: 'Service', metadata: { name: a.name, namespace: ns }, spec: { selector: labels, ports: [{ port, targetPort: port }] } });
  }
}

export function podsOf(s: Sandbox, ns: string, prefix: string): Pod[] {
  return s.cluster.objects<Pod>('pods').filter((p) => p.metadata.namespace === ns && p.metadata.name.startsWith(`${prefix}-`)).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

export function scale(s: Sandbox, ns: string, name: string, replicas: number): void {
  const res = s.cluster.api.patch(CTX, 'deployments', ns, name, { spec: { replicas } });
  if (!res.ok) throw new Error(res.status.message);
}

import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service } from '../api/types';
import type { DaemonSet } from '../api/types-apps';
import { Cluster } from '../cluster/cluster';
import type { ClusterSpec } from '../cluster/cluster-spec';
import { daemonSetName, loadBalancerIPs, SERVICELB, svclbDaemonSet } from './servicelb';

/** k3s ServiceLB: LoadBalancer Services get a svclb DaemonSet and the Ready nodes' addresses. */

const K3S: ClusterSpec = { distribution: 'k3s', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'agent-{i}', count: 2 }] };

function k3s(): Cluster {
  const c = new Cluster({ seed: 5, spec: K3S, config: { freezeObjects: true } }).boot();
  c.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  c.advance(20_000);
  return c;
}

const svc = (c: Cluster, name: string): Service => c.api.peek<Service>('services', 'default', name)!;
const rows = (text: string): string[][] => text.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));

function internalIPs(c: Cluster): string[] {
  return c.objects<Node>('nodes').map((n) => n.status!.addresses!.find((a) => a.type === 'InternalIP')!.address).sort();
}

describe('svclb DaemonSet shape', () => {
  const base: Service = {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop', uid: '3f9c2a7e-1b4d-4c8e-9a6f-0d2e5b7c9a1f' },
    spec: { type: 'LoadBalancer', clusterIP: '10.43.7.9', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] },
  };

  it('is named after the Service and its uid, one klipper-lb container per port holding it as a hostPort', () => {
    const ds = svclbDaemonSet(base);
    expect(ds.metadata.name).toBe('svclb-web-3f9c2a7e');
    expect(ds.metadata.namespace).toBe('kube-system');
    expect(ds.spec.template.metadata?.labels).toEqual({ app: 'svclb-web-3f9c2a7e', [SERVICELB.nameLabel]: 'web', [SERVICELB.namespaceLabel]: 'shop' });
    expect(ds.spec.template.spec.containers.map((c) => [c.name, c.image, c.ports?.[0]?.hostPort, c.ports?.[0]?.protocol])).toEqual([
      ['lb-tcp-80', 'rancher/klipper-lb:v0.4.13', 80, 'TCP'],
      ['lb-udp-53', 'rancher/klipper-lb:v0.4.13', 53, 'UDP'],
    ]);
    expect(ds.spec.template.spec.containers[0]!.env).toContainEqual({ name: 'DEST_IPS', value: '10.43.7.9' });
  });

  it('cuts a long Service name at 48 characters, never on a hyphen', () => {
    const long = { ...base, metadata: { ...base.metadata, name: `${'a'.repeat(47)}-tail` } };
    expect(daemonSetName(long)).toBe(`svclb-${'a'.repeat(47)}-3f9c2a7e`);
  });

  it('publishes ExternalIPs when any node has one, else InternalIPs, sorted', () => {
    const node = (internal: string, external?: string): Node => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name: internal },
      status: { addresses: [{ type: 'InternalIP', address: internal }, ...(external ? [{ type: 'ExternalIP' as const, address: external }] : [])] },
    } as Node);
    expect(loadBalancerIPs([node('10.0.0.9'), node('10.0.0.3')])).toEqual(['10.0.0.3', '10.0.0.9']);
    expect(loadBalancerIPs([node('10.0.0.9'), node('10.0.0.3', '203.0.113.7')])).toEqual(['203.0.113.7']);
  });
});

describe('ServiceLB in a k3s cluster', () => {
  it('a LoadBalancer Service gets a svclb pod on every node and their addresses as EXTERNAL-IP', () => {
    const c = k3s();
    c.run('kubectl expose deployment web --type=LoadBalancer --port=80');
    c.advance(30_000);
    const s = svc(c, 'web');
    const ds = daemonSetName(s);
    expect(s.metadata.finalizers).toEqual([SERVICELB.finalizer]);
    expect(c.api.peek<DaemonSet>('daemonsets', 'kube-system', ds)).toBeDefined();
    const pods = rows(c.run(`kubectl get pods -n kube-system -l app=${ds} -o wide`).text());
    expect(pods.map((r) => [r[1], r[2]])).toEqual([['1/1', 'Running'], ['1/1', 'Running'], ['1/1', 'Running']]);
    const [row] = rows(c.run('kubectl get svc web').text());
    expect(row![1]).toBe('LoadBalancer');
    expect(row![3]).toBe(internalIPs(c).join(','));
    const events = c.run('kubectl describe svc web').text();
    expect(events).toMatch(/Normal\s+EnsuringLoadBalancer\s+\S+\s+service-controller\s+Ensuring load balancer/);
    expect(events).toContain(`Applied LoadBalancer DaemonSet kube-system/${ds}`);
    expect(events).toContain(`Updated LoadBalancer with new IPs: [] -> [`);
  });

  it('a second Service on the same port: its svclb pods cannot get the hostPort, so it stays <pending>', () => {
    const c = k3s();
    c.run('kubectl expose deployment web --type=LoadBalancer --port=80');
    c.run('kubectl expose deployment web --type=LoadBalancer --port=80 --name=web2');
    c.advance(30_000);
    expect(rows(c.run('kubectl get svc web2').text())[0]![3]).toBe('<pending>');
    const pending = rows(c.run(`kubectl get pods -n kube-system -l app=${daemonSetName(svc(c, 'web2'))}`).text());
    expect(pending.map((r) => r[2])).toEqual(['Pending', 'Pending', 'Pending']);
    expect(c.run('kubectl get events -n kube-system --field-selector reason=FailedScheduling').text()).toContain("didn't have free ports for the requested pod ports");
  });

  it('a node that dies drops out of EXTERNAL-IP once its svclb pod is no longer Ready', () => {
    const c = k3s();
    c.run('kubectl expose deployment web --type=LoadBalancer --port=80');
    c.advance(30_000);
    expect(svc(c, 'web').status?.loadBalancer?.ingress).toHaveLength(3);
    c.run('sandbox kill node agent-2');
    c.advance(90_000);
    const dead = c.api.peek<Node>('nodes', undefined, 'agent-2')!.status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
    expect(svc(c, 'web').status?.loadBalancer?.ingress?.map((i) => i.ip)).toEqual(internalIPs(c).filter((ip) => ip !== dead));
  });

  it('externalTrafficPolicy: Local publishes only the nodes that run a ready endpoint, and the DaemonSet forwards to the NodePort', () => {
    const c = k3s();
    c.run('kubectl expose deployment web --type=LoadBalancer --port=80');
    c.advance(30_000);
    expect(svc(c, 'web').status?.loadBalancer?.ingress).toHaveLength(3);
    expect(c.run(`kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'`).exitCode).toBe(0);
    c.advance(10_000);
    const s = svc(c, 'web');
    const webNodes = new Set(c.objects<Pod>('pods').filter((p) => p.metadata.name.startsWith('web-')).map((p) => p.spec.nodeName!));
    expect(webNodes.size).toBe(2);
    const ipOf = (node: string): string => c.api.peek<Node>('nodes', undefined, node)!.status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
    expect(s.status?.loadBalancer?.ingress?.map((i) => i.ip)).toEqual([...webNodes].map(ipOf).sort());
    const env = c.api.peek<DaemonSet>('daemonsets', 'kube-system', daemonSetName(s))!.spec.template.spec.containers[0]!.env;
    expect(env).toContainEqual({ name: 'DEST_PORT', value: String(s.spec.ports![0]!.nodePort) });
    expect(env).toContainEqual({ name: 'DEST_IPS', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } });
    // The DaemonSet rolls its pods to the new template, one node at a time; the addresses stay.
    c.advance(60_000);
    const svclb = c.objects<Pod>('pods').filter((p) => p.metadata.labels?.app === daemonSetName(s) && !p.metadata.deletionTimestamp);
    expect(svclb.map((p) => [p.status?.phase, p.spec.containers[0]!.env?.find((e) => e.name === 'DEST_PORT')?.value])).toEqual(svclb.map(() => ['Running', String(s.spec.ports![0]!.nodePort)]));
    expect(svclb).toHaveLength(3);
    expect(svc(c, 'web').status?.loadBalancer?.ingress).toHaveLength(2);
  });

  it('back to ClusterIP: the DaemonSet, the addresses and the finalizer go', () => {
    const c = k3s();
    c.run('kubectl expose deployment web --type=LoadBalancer --port=80');
    c.advance(30_000);
    const ds = daemonSetName(svc(c, 'web'));
    expect(c.run(`kubectl patch svc web -p '{"spec":{"type":"ClusterIP"}}'`).exitCode).toBe(0);
    c.advance(10_000);
    const s = svc(c, 'web');
    expect(s.metadata.finalizers ?? []).toEqual([]);
    expect(s.status?.loadBalancer?.ingress ?? []).toEqual([]);
    expect(c.api.peek('daemonsets', 'kube-system', ds)).toBeUndefined();
    expect(c.run('kubectl describe svc web').text()).toContain(`Deleted LoadBalancer DaemonSet kube-system/${ds}`);
  });

  it('deleting the Service deletes its DaemonSet first, then the Service goes', () => {
    const c = k3s();
    c.run('kubectl expose deployment web --type=LoadBalancer --port=80');
    c.advance(30_000);
    const ds = daemonSetName(svc(c, 'web'));
    const p = c.run('kubectl delete svc web');
    c.advance(10_000);
    expect(p.text()).toContain('service "web" deleted');
    expect(c.api.peek('services', 'default', 'web')).toBeUndefined();
    expect(c.api.peek('daemonsets', 'kube-system', ds)).toBeUndefined();
  });
});

describe('kubeadm has no LoadBalancer implementation', () => {
  it('the Service stays <pending> and nobody creates a svclb DaemonSet', () => {
    const c = new Cluster({ seed: 5, spec: { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'worker-{i}', count: 2 }] } }).boot();
    c.run('kubectl create deployment web --image=nginx:1.27');
    c.run('kubectl expose deployment web --type=LoadBalancer --port=80');
    c.advance(30_000);
    expect(rows(c.run('kubectl get svc web').text())[0]![3]).toBe('<pending>');
    expect(c.objects<DaemonSet>('daemonsets').filter((d) => d.metadata.name.startsWith('svclb-'))).toEqual([]);
    expect(svc(c, 'web').metadata.finalizers).toBeUndefined();
  });
});

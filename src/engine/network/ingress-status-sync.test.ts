import { describe, expect, it } from 'vitest';
import type { Ingress, Node } from '../api/types';
import { app, create, podsOf, sandbox } from './test-support';

const CONTROLLER = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };

function ingressOf(s: ReturnType<typeof sandbox>, name: string): Ingress {
  return s.cluster.api.peek<Ingress>('ingresses', 'default', name)!;
}

describe('ingress-nginx publishes where it serves (the ADDRESS column)', () => {
  const s = sandbox();
  app(s, { name: 'web', replicas: 1 });
  for (const name of ['web', 'api']) {
    create(s, 'ingresses', 'default', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'default' },
      spec: { ingressClassName: 'nginx', rules: [{ host: `${name}.example.test`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    });
  }

  it('without a controller pod nobody writes the status, however long it runs', () => {
    s.cluster.advance(150_000);
    expect(ingressOf(s, 'web').status).toBeUndefined();
  });

  it('once controller pods are Running and Ready, every nginx Ingress shows their nodes, sorted, within a minute', () => {
    app(s, { name: 'ingress-nginx-controller', replicas: 2, labels: CONTROLLER, service: false });
    s.cluster.advance(70_000);
    const nodes = [...new Set(podsOf(s, 'default', 'ingress-nginx-controller').map((p) => p.spec.nodeName!))];
    const ips = nodes.map((n) => s.cluster.api.peek<Node>('nodes', undefined, n)!.status!.addresses!.find((a) => a.type === 'InternalIP')!.address).sort();
    expect(ips.length).toBeGreaterThan(0);
    for (const name of ['api', 'web']) expect(ingressOf(s, name).status?.loadBalancer?.ingress).toEqual(ips.map((ip) => ({ ip })));
  });

  it('an unchanged status is not written again', () => {
    const rv = ingressOf(s, 'web').metadata.resourceVersion;
    s.cluster.advance(130_000);
    expect(ingressOf(s, 'web').metadata.resourceVersion).toBe(rv);
  });
});

import { describe, expect, it } from 'vitest';
import type { Service } from '../../api/types';
import { Cluster } from '../../cluster/cluster';

/** `kubectl expose`: selector, ports and labels from the exposed object, kubectl's errors. */

const PODS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, labels: {app: api, tier: back}}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - {name: api, image: nginx, ports: [{containerPort: 8080}, {containerPort: 9090, protocol: UDP}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: quiet}
spec:
  selector: {matchLabels: {app: quiet}}
  template:
    metadata: {labels: {app: quiet}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: expr}
spec:
  selector: {matchExpressions: [{key: app, operator: In, values: [expr]}]}
  template:
    metadata: {labels: {app: expr}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
`;

function boot(): Cluster {
  const c = new Cluster({ seed: 7, files: { 'pods.yaml': PODS }, config: { freezeObjects: true } }).boot();
  c.run('kubectl apply -f pods.yaml');
  c.advance(20_000);
  return c;
}

describe('kubectl expose', () => {
  const c = boot();
  const svc = (name: string): Service['spec'] | undefined => c.api.peek<Service>('services', 'default', name)?.spec;

  it('takes every container port, names them port-N, keeps their protocols and copies the labels', () => {
    expect(c.run('kubectl expose deployment api').text()).toBe('service/api exposed');
    const s = c.api.peek<Service>('services', 'default', 'api')!;
    expect(s.metadata.labels).toEqual({ app: 'api', tier: 'back' });
    expect(s.spec.selector).toEqual({ app: 'api' });
    expect(s.spec.ports?.map((p) => [p.name, p.port, p.protocol, p.targetPort])).toEqual([['port-1', 8080, 'TCP', 8080], ['port-2', 9090, 'UDP', 9090]]);
  });

  it('--port, --target-port, --name, --type and --protocol', () => {
    expect(c.run('kubectl expose deploy/api --port=80 --target-port=8080 --name=api-public --type=NodePort').text()).toBe('service/api-public exposed');
    expect(svc('api-public')?.type).toBe('NodePort');
    expect(svc('api-public')?.ports?.map((p) => [p.name, p.port, p.protocol, p.targetPort])).toEqual([[undefined, 80, 'TCP', 8080]]);
    expect(c.run('kubectl expose deploy api --port=53 --protocol=UDP --name=dns').exitCode).toBe(0);
    expect(svc('dns')?.ports?.[0]?.protocol).toBe('UDP');
    expect(c.run('kubectl get svc api-public').text()).toMatch(/^api-public\s+NodePort\s+10\.\S+\s+<none>\s+80:\d+\/TCP\s+\d+s$/m);
  });

  it('exposes a Service again under another name, with its selector', () => {
    expect(c.run('kubectl expose svc api --name=api-copy').text()).toBe('service/api-copy exposed');
    expect(svc('api-copy')?.selector).toEqual({ app: 'api' });
  });

  it.each([
    ['no resource', 'kubectl expose', "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\nSee 'kubectl expose -h' for help and examples"],
    ['no port anywhere', 'kubectl expose deploy quiet', "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples"],
    ['a selector with expressions', 'kubectl expose deploy expr', 'error: couldn\'t retrieve selectors via --selector flag or introspection: couldn\'t convert expressions - "[{Key:app Operator:In Values:[expr]}]" to map-based selector format\nSee \'kubectl expose -h\' for help and examples'],
    ['a kind that cannot be exposed', 'kubectl expose ds kube-proxy -n kube-system', 'error: cannot expose a DaemonSet.apps'],
    ['a missing object', 'kubectl expose deploy nope', 'Error from server (NotFound): deployments.apps "nope" not found'],
    ['a name in use', 'kubectl expose deploy api --name=kubernetes', 'Error from server (AlreadyExists): services "kubernetes" already exists'],
    ['an unknown type', 'kubectl expose deploy api --name=x --type=Foo', 'The Service "x" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ['an unknown protocol', 'kubectl expose deploy api --name=x --port=1 --protocol=ICMP', 'The Service "x" is invalid: spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
  ])('%s', (_name, line, text) => {
    const p = c.run(line);
    expect([p.exitCode, p.text()]).toEqual([1, text]);
  });

  it('the new Service gets endpoints from the exposed pods', () => {
    c.advance(10_000);
    const p = c.run('kubectl get endpoints api');
    expect(p.text()).toMatch(/^api\s+10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:9090\s+\d+s$/m);
    // v1.33+ API servers warn on every Endpoints request; kubectl prints it once, on stderr.
    expect(p.text().split('\n').filter((l) => l === 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice')).toHaveLength(1);
    expect(c.run('kubectl get endpointslices').text()).not.toContain('deprecated');
  });
});

import { describe, expect, it } from 'vitest';
import type { Node, Service } from '../engine/api/types';
import { words } from '../engine/cluster/scenario-test-support';
import type { PersistentVolume, PersistentVolumeClaim } from '../engine/storage/types';
import { K3S_SINGLE_NODE } from './k3s-single-node';
import { failedSteps, startBuiltin } from './test-support';

const POLICY = 'taskmaster/postgres-allow-backend';

describe('k3s-single-node', () => {
  const t = startBuiltin(K3S_SINGLE_NODE);
  const cluster = t.runner.cluster;
  // The app needs a few seconds to come up; judge the traffic from 30 s on.
  t.runner.runUntil(30_000);
  const before = structuredClone(cluster.traffic.counters);
  t.runner.runUntil(t.runner.untilMs);
  t.runner.finish();
  const after = cluster.traffic.counters;
  const edges = new Map<string, { ok: number; failed: number }>();
  // A pod's id without the ReplicaSet's hash and the pod's own suffix (both from the vowel-free name alphabet).
  const owner = (id: string) => id.replace(/(-[bcdfghjklmnpqrstvwxz2456789]{6,10})?-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '');
  for (const b of cluster.traffic.recentBuckets().filter((b) => b.startMs >= cluster.startMs + 30_000)) {
    for (const e of b.edges) {
      const name = `${owner(e.from)} -> ${owner(e.to)}`;
      const sum = edges.get(name) ?? { ok: 0, failed: 0 };
      edges.set(name, { ok: sum.ok + e.ok, failed: sum.failed + e.failed });
    }
  }

  it('runs to its end; the only failing step is the frontend trying the database', () => {
    expect(failedSteps(t.lines)).toEqual(['[00:00:47] $ sandbox exec -n taskmaster deploy/frontend -- curl -m 5 http://postgres-svc:5432']);
    expect(t.block('00:00:47', 'sandbox exec -n taskmaster deploy/frontend -- curl -m 5 http://postgres-svc:5432')).toEqual(['curl: (28) Connection timed out after 5001 milliseconds']);
  });

  it('one untainted k3s server, and the k3s add-ons as the only system pods', () => {
    expect(words(t.block('00:00:00', 'kubectl get nodes -o wide')[1]!)).toMatch(/^server Ready control-plane,master \d+s v1\.34\.1\+k3s1 172\.18\.0\.2 <none> .* containerd:\/\/[\d.]+-k3s1$/);
    expect(cluster.objects<Node>('nodes').map((n) => n.spec?.taints ?? [])).toEqual([[]]);
    const pods = t.block('00:00:00', 'kubectl get pods -A -o wide').slice(1).map((l) => words(l).split(' '));
    expect(pods.map((p) => `${p[0]} ${owner(p[1]!)} ${p[3]}`)).toEqual([
      'kube-system coredns Running',
      'kube-system local-path-provisioner Running',
      'kube-system metrics-server Running',
      'kube-system nginx-ingress-controller Running',
    ]);
    for (const p of pods) expect(p[6]).toMatch(/^10\.42\.0\.\d+$/);
    expect(t.block('00:00:00', 'kubectl get storageclass,ingressclass').map(words).slice(3)).toEqual(['NAME CONTROLLER PARAMETERS AGE', expect.stringMatching(/^ingressclass\.networking\.k8s\.io\/nginx k8s\.io\/ingress-nginx <none> \d+s$/)]);
  });

  it('the claim waits for its pod, then is Bound to a local-path volume pinned to the server', () => {
    expect(words(t.block('00:00:00', 'kubectl get pvc -n taskmaster')[1]!)).toBe('postgres-pvc Pending local-path <unset> 0s');
    const pvc = cluster.api.peek<PersistentVolumeClaim>('persistentvolumeclaims', 'taskmaster', 'postgres-pvc')!;
    expect(pvc.status?.phase).toBe('Bound');
    const pv = cluster.api.peek<PersistentVolume>('persistentvolumes', undefined, pvc.spec.volumeName ?? '')!;
    expect(pv.status?.phase).toBe('Bound');
    expect(pv.spec.storageClassName).toBe('local-path');
    expect(pv.spec.hostPath?.path).toBe(`/var/lib/rancher/k3s/storage/${pv.metadata.name}_taskmaster_postgres-pvc`);
    expect(pv.spec.nodeAffinity?.required?.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['server'] }] }]);
    expect(t.block('00:00:40', 'kubectl get pvc,pv -n taskmaster').map(words)[1]).toMatch(new RegExp(`^persistentvolumeclaim/postgres-pvc Bound ${pv.metadata.name} 5Gi RWO local-path `));
  });

  it('Services from 10.43.0.0/16; CoreDNS resolves backend-svc; the frontend reaches the backend', () => {
    const backend = cluster.api.peek<Service>('services', 'taskmaster', 'backend-svc')!;
    expect(backend.spec.clusterIP).toMatch(/^10\.43\.\d+\.\d+$/);
    expect(t.block('00:00:45', 'sandbox exec -n taskmaster deploy/frontend -- nslookup backend-svc')).toEqual([
      'Server:    10.43.0.10',
      'Address 1: 10.43.0.10 kube-dns.kube-system.svc.cluster.local',
      '',
      'Name:      backend-svc',
      `Address 1: ${backend.spec.clusterIP} backend-svc.taskmaster.svc.cluster.local`,
    ]);
    expect(t.block('00:00:46', 'sandbox exec -n taskmaster deploy/frontend -- curl -s http://backend-svc:5000/api/tasks')).toEqual([expect.stringMatching(/^Hello from backend-\w+-\w{5}$/)]);
    const routing = t.block('00:00:40', 'kubectl get ingress,networkpolicy -n taskmaster').map(words);
    expect(routing).toEqual([
      'NAME CLASS HOSTS ADDRESS PORTS AGE',
      'ingress.networking.k8s.io/taskmaster nginx taskmaster.sandbox.test 80 40s',
      '',
      'NAME POD-SELECTOR AGE',
      'networkpolicy.networking.k8s.io/postgres-allow-backend app=postgres 40s',
    ]);
    // ingress-nginx's minute-long status sync has run by 1m: the ADDRESS is the server's node address.
    const server = cluster.api.peek<Node>('nodes', undefined, 'server')!;
    const serverIP = server.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    expect(serverIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(t.block('00:01:00', 'kubectl get ingress -n taskmaster').map(words)).toEqual([
      'NAME CLASS HOSTS ADDRESS PORTS AGE',
      `taskmaster nginx taskmaster.sandbox.test ${serverIP} 80 60s`,
    ]);
  });

  it.each([
    ['deploy/nope', 'Error from server (NotFound): deployments.apps "nope" not found'],
    ['widget/frontend', 'error: the server doesn\'t have a resource type "widget"'],
    ['nope', 'Error from server (NotFound): pods "nope" not found'],
  ])('sandbox exec %s names what it cannot find, as kubectl exec does', (target, message) => {
    const proc = cluster.run(`sandbox exec -n taskmaster ${target} -- nslookup backend-svc`);
    expect(proc.lines.map((l) => l.text)).toEqual([message]);
  });

  it('traffic: / reaches the frontend and /api the backend through the ingress controller; the backend reaches the database', () => {
    const edge = (name: string) => edges.get(name) ?? { ok: 0, failed: 0 };
    expect(edge('pod/kube-system/nginx-ingress-controller -> svc/taskmaster/backend-svc').ok).toBeGreaterThan(500);
    expect(edge('pod/kube-system/nginx-ingress-controller -> svc/taskmaster/frontend-svc').ok).toBeGreaterThan(200);
    expect(edge('svc/taskmaster/backend-svc -> pod/taskmaster/backend').ok).toBeGreaterThan(500);
    expect(edge('pod/taskmaster/backend -> svc/taskmaster/postgres-svc')).toMatchObject({ failed: 0 });
    expect(edge('pod/taskmaster/backend -> svc/taskmaster/postgres-svc').ok).toBeGreaterThan(1000);
  });

  it('frontend -> database is denied by the NetworkPolicy, and counted against it', () => {
    const fromFrontend = edges.get('pod/taskmaster/frontend -> svc/taskmaster/postgres-svc');
    expect(fromFrontend?.ok).toBe(0);
    expect(fromFrontend?.failed).toBeGreaterThan(0);
    const denied = (after.denials[POLICY] ?? 0) - (before.denials[POLICY] ?? 0);
    expect(denied).toBeGreaterThan(0);
    expect(after.failures.denied - before.failures.denied).toBe(denied);
    // Nothing else fails once the app is up; the denied calls fail some of the frontend's requests.
    for (const [why, n] of Object.entries(after.failures)) if (why !== 'denied') expect([why, n]).toEqual([why, before.failures[why as keyof typeof before.failures]]);
    expect(after.requests.failed - before.requests.failed).toBeGreaterThan(0);
    expect(after.requests.failed - before.requests.failed).toBeLessThanOrEqual(denied);
  });
});

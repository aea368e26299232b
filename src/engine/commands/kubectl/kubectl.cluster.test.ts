import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, Node, Pod } from '../../api/types';
import { Cluster } from '../../cluster/cluster';
import { InteractionKind } from '../../log/interaction-log';
import { parseTimestamp, rfc3339 } from '../../sim/time';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

function boot(files: Record<string, string> = {}): Cluster {
  return new Cluster({ seed: 11, files, config: { freezeObjects: true } }).boot();
}

/** Advances the clock so that every node is exactly `ms` old (to the second). */
function ageNodes(c: Cluster, ms: number): void {
  const created = Math.max(...c.objects<Node>('nodes').map((n) => parseTimestamp(n.metadata.creationTimestamp)!));
  c.runUntil(created + ms);
}

describe('kubectl against a booted cluster', () => {
  it('get nodes', () => {
    const c = boot();
    ageNodes(c, 600_000);
    const p = c.run('kubectl get nodes');
    expect(p.exitCode).toBe(0);
    expect(p.text()).toBe(`NAME            STATUS   ROLES           AGE   VERSION
control-plane   Ready    control-plane   10m   v1.34.1
worker-1        Ready    <none>          10m   v1.34.1
worker-2        Ready    <none>          10m   v1.34.1`);
  });

  it('get pods shows the statuses written to the API, on a node whose kubelet is stopped', () => {
    const c = boot();
    expect(c.run('sandbox kill node worker-2').text()).toBe('node/worker-2 powered off');
    const ctx = { component: 'test' };
    const now = c.now;
    const pod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: 'worker-2', containers: [{ name: 'app', image: 'busybox' }] } });
    const statuses: Record<string, Pod['status']> = {
      'api-0': { phase: 'Running', podIP: '10.244.2.10', podIPs: [{ ip: '10.244.2.10' }], containerStatuses: [{ name: 'app', image: 'busybox', ready: true, restartCount: 0, state: { running: {} } }] },
      'crashy': { phase: 'Running', containerStatuses: [{ name: 'app', image: 'busybox', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: rfc3339(now - 60_000) } } }] },
      'done': { phase: 'Succeeded', containerStatuses: [{ name: 'app', image: 'busybox', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
    };
    for (const [name, status] of Object.entries(statuses)) {
      const created = c.api.create<Pod>(ctx, 'pods', 'default', pod(name));
      if (!created.ok) throw new Error(created.status.message);
      const res = c.api.update(ctx, 'pods', { ...created.value, status }, 'status');
      if (!res.ok) throw new Error(res.status.message);
    }
    c.runUntil(Math.floor(now / 1000) * 1000 + 30_000);
    const p = c.run('kubectl get pods -o wide');
    expect(p.text()).toBe(`NAME     READY   STATUS             RESTARTS      AGE   IP            NODE       NOMINATED NODE   READINESS GATES
api-0    1/1     Running            0             30s   10.244.2.10   worker-2   <none>           <none>
crashy   0/1     CrashLoopBackOff   3 (90s ago)   30s   <none>        worker-2   <none>           <none>
done     0/1     Completed          0             30s   <none>        worker-2   <none>           <none>`);
  });

  it('apply creates, then leaves the live object alone (unchanged), then patches only what changed', () => {
    const c = boot({ 'web.yaml': WEB, 'web-5.yaml': WEB.replace('replicas: 3', 'replicas: 5') });
    expect(c.run('kubectl apply -f web.yaml').text()).toBe('deployment.apps/web created\nservice/web created');
    c.advance(30_000);
    const again = c.run('kubectl apply -f web.yaml');
    expect([again.exitCode, again.text()]).toEqual([0, 'deployment.apps/web unchanged\nservice/web unchanged']);
    expect(c.log.forOperation(again.opId!).filter((r) => r.kind === InteractionKind.Request && r.label.startsWith('PATCH'))).toEqual([]);
    const before = c.api.peek<Deployment>('deployments', 'default', 'web')!;
    expect(c.run('kubectl apply -f web-5.yaml').text()).toBe('deployment.apps/web configured\nservice/web unchanged');
    const after = c.api.peek<Deployment>('deployments', 'default', 'web')!;
    expect(after.spec.replicas).toBe(5);
    expect(after.spec.template).toEqual(before.spec.template);
    c.advance(30_000);
    expect(c.run('kubectl apply -f web-5.yaml').text()).toBe('deployment.apps/web unchanged\nservice/web unchanged');
  });

  it('rollout status streams progress as simulated time passes, then succeeds', () => {
    const c = boot({ 'web.yaml': WEB });
    c.run('kubectl apply -f web.yaml');
    const p = c.run('kubectl rollout status deployment/web');
    expect(p.done).toBe(false);
    c.advance(120_000);
    expect(p.exitCode).toBe(0);
    const lines = p.text().split('\n');
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(lines.slice(0, -1).every((l) => l.startsWith('Waiting for deployment'))).toBe(true);
  });

  it('set image, rollout history, undo and restart', () => {
    const c = boot({ 'web.yaml': WEB });
    c.run('kubectl apply -f web.yaml');
    c.advance(60_000);
    expect(c.run('kubectl set image deployment/web web=nginx:1.26').text()).toBe('deployment.apps/web image updated');
    expect(c.run('kubectl set image deployment/web nope=nginx:1.26').text()).toBe('error: unable to find container named "nope"');
    c.advance(120_000);
    expect(c.run('kubectl rollout history deployment/web').text()).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n');
    expect(c.run('kubectl rollout undo deployment/web --to-revision=7').text()).toBe('error: unable to find specified revision 7 in history');
    expect(c.run('kubectl rollout undo deployment/web').text()).toBe('deployment.apps/web rolled back');
    const image = (): string | undefined => c.api.peek<Deployment>('deployments', 'default', 'web')!.spec.template.spec.containers[0]!.image;
    expect(image()).toBe('nginx:1.25');
    c.advance(120_000);
    expect(c.run('kubectl rollout undo deployment/web --to-revision=3').text()).toBe('deployment.apps/web skipped rollback (current template already matches revision 3)');
    expect(c.run('kubectl rollout restart deployment/web').text()).toBe('deployment.apps/web restarted');
    const annotations = c.api.peek<Deployment>('deployments', 'default', 'web')!.spec.template.metadata?.annotations;
    expect(annotations?.['kubectl.kubernetes.io/restartedAt']).toBe(rfc3339(c.now));
    expect(c.run('kubectl scale deployment/web --replicas=1').text()).toBe('deployment.apps/web scaled');
    expect(c.api.peek<Deployment>('deployments', 'default', 'web')!.spec.replicas).toBe(1);
  });

  it('rollout history and undo of a DaemonSet read its ControllerRevisions', () => {
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: busybox:1.36
`;
    const c = boot({ 'ds.yaml': ds });
    c.run('kubectl apply -f ds.yaml');
    c.advance(30_000);
    const history = (): string => c.run('kubectl rollout history daemonset/agent').text();
    expect(history()).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n');
    expect(c.run('kubectl rollout undo ds/agent').text()).toBe('error: unable to find specified revision 0 in history');
    expect(c.run('kubectl set image ds/agent agent=busybox:1.37').text()).toBe('daemonset.apps/agent image updated');
    c.advance(60_000);
    expect(history()).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n');
    expect(c.run('kubectl rollout history ds/agent --revision=2').text()).toMatch(/^daemonset\.apps\/agent with revision #2\nPod Template:\n {2}Labels:\tapp=agent\n[\s\S]*\n {4}Image:\tbusybox:1\.37\n/);
    expect(c.run('kubectl rollout history ds/agent --revision=5').text()).toBe('error: unable to find the specified revision');
    expect(c.run('kubectl rollout undo ds/agent --to-revision=9').text()).toBe('error: unable to find specified revision 9 in history');
    expect(c.run('kubectl rollout undo ds/agent').text()).toBe('daemonset.apps/agent rolled back');
    const image = (): string | undefined => c.api.peek<DaemonSet>('daemonsets', 'default', 'agent')!.spec.template.spec.containers[0]!.image;
    expect(image()).toBe('busybox:1.36');
    c.advance(60_000);
    // The old revision is reused and renumbered, as the DaemonSet controller does.
    expect(history()).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n');
    expect(c.run('kubectl rollout undo ds/agent --to-revision=3').text()).toBe('daemonset.apps/agent skipped rollback (current template already matches revision 3)');
    expect(c.run('kubectl rollout status ds/agent').text()).toBe('daemon set "agent" successfully rolled out');
  });

  it('rollout history and undo of a StatefulSet read its ControllerRevisions too', () => {
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: "redis:7"}]}
`;
    const c = boot({ 'sts.yaml': sts });
    c.run('kubectl apply -f sts.yaml');
    c.advance(40_000);
    c.run('kubectl set image sts/db db=redis:8');
    c.advance(60_000);
    expect(c.run('kubectl rollout history sts/db').text()).toBe('statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n');
    expect(c.run('kubectl rollout undo sts/db').text()).toBe('statefulset.apps/db rolled back');
    c.advance(60_000);
    expect(c.run('kubectl get sts db -o jsonpath={.spec.template.spec.containers[0].image}').text()).toBe('redis:7');
    expect(c.run('kubectl rollout history statefulset/db').text()).toBe('statefulset.apps/db \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n');
  });

  it.each([
    ['a ReplicaSet has no history viewer', 'kubectl rollout history rs/web-rs', 'error: no history viewer has been implemented for "ReplicaSet.apps"'],
    ['a Pod has no rollbacker', 'kubectl rollout undo pod/p', 'error: no rollbacker has been implemented for "Pod"'],
  ])('%s', (_name, line, text) => {
    const objects = `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-rs}
spec:
  replicas: 0
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: nginx}]}
`;
    const c = boot({ 'objects.yaml': objects });
    expect(c.run('kubectl apply -f objects.yaml').exitCode).toBe(0);
    const p = c.run(line);
    expect([p.exitCode, p.text()]).toEqual([1, text]);
  });

  it('drain cordons, warns about DaemonSet pods, evicts the rest and waits for them', () => {
    const c = boot({ 'web.yaml': WEB });
    c.run('kubectl apply -f web.yaml');
    c.advance(60_000);
    const onNode = (): string[] => c.objects<Pod>('pods').filter((p) => p.spec.nodeName === 'worker-1' && !p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet')).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    const victims = onNode();
    expect(victims.length).toBeGreaterThan(0);
    const refused = c.run('kubectl drain worker-2');
    expect(refused.exitCode).toBe(1);
    expect(refused.text()).toMatch(/^node\/worker-2 cordoned\nerror: unable to drain node "worker-2" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kube-proxy-\w+, continuing command\.\.\.\nThere are pending nodes to be drained:\n worker-2\ncannot delete DaemonSet-managed Pods/);
    const p = c.run('kubectl drain worker-1 --ignore-daemonsets');
    expect(p.done).toBe(false);
    c.advance(120_000);
    expect(p.exitCode).toBe(0);
    const lines = p.text().split('\n');
    expect(lines[0]).toBe('node/worker-1 cordoned');
    expect(lines[1]).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w+$/);
    expect(lines.filter((l) => l.startsWith('evicting pod '))).toEqual(victims.map((v) => `evicting pod ${v}`));
    expect(lines.filter((l) => l.endsWith(' evicted')).sort()).toEqual(victims.map((v) => `pod/${v.split('/')[1]} evicted`).sort());
    expect(lines.at(-1)).toBe('node/worker-1 drained');
    expect(onNode()).toEqual([]);
    expect(c.log.forOperation(p.opId!).some((r) => r.label.includes('/eviction'))).toBe(true);
  });

  it('delete waits for graceful termination unless --wait=false', () => {
    const c = boot();
    c.run('kubectl run tmp --image=nginx');
    c.advance(30_000);
    const p = c.run('kubectl delete pod tmp');
    expect(p.text()).toBe('pod "tmp" deleted');
    expect(p.done).toBe(false);
    c.advance(60_000);
    expect(p.exitCode).toBe(0);
    expect(c.api.peek('pods', 'default', 'tmp')).toBeUndefined();
  });

  it('prints kubectl\'s errors', () => {
    const c = boot({ 'ns.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: nope\n' });
    const cases: [string, string][] = [
      ['kubectl gte pods', 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n\nRun \'kubectl --help\' for usage.'],
      ['kubectl get foo', 'error: the server doesn\'t have a resource type "foo"'],
      ['kubectl get pods --foo', "error: unknown flag: --foo\nSee 'kubectl get --help' for usage."],
      ['kubectl get pod nope', 'Error from server (NotFound): pods "nope" not found'],
      ['kubectl apply -f ns.yaml', 'Error from server (NotFound): error when creating "ns.yaml": namespaces "nope" not found'],
      ['kubectl delete pod', 'error: resource(s) were provided, but no name was specified'],
      ['kubectl scale deployment coredns -n kube-system --replicas=-1', 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0'],
      ['kubectl get "pods', 'error: unbalanced quotes: the double quote (") at column 13 is never closed'],
      ['helmet install x', 'error: unknown command "helmet": commands start with helm, kubectl, sandbox'],
    ];
    for (const [cmd, text] of cases) {
      const p = c.run(cmd);
      expect([cmd, p.exitCode, p.text()]).toEqual([cmd, 1, text]);
    }
  });

  it('sandbox powers nodes off and on, adds and removes them', () => {
    const c = boot();
    expect(c.run('sandbox add node worker-3 --cpu 8 --memory 16Gi --label tier=gpu --taint gpu=true:NoSchedule').text()).toBe('node/worker-3 added');
    c.advance(10_000);
    const node = c.api.peek<Node>('nodes', undefined, 'worker-3')!;
    expect([node.metadata.labels?.tier, node.spec.taints?.map((t) => `${t.key}=${t.value}:${t.effect}`)]).toEqual(['gpu', ['gpu=true:NoSchedule']]);
    expect(c.run('sandbox kill node worker-3').text()).toBe('node/worker-3 powered off');
    expect(c.run('sandbox kill node worker-3').text()).toBe('error: node "worker-3" is already down');
    expect(c.run('sandbox restore node worker-3').text()).toBe('node/worker-3 powered on');
    expect(c.run('sandbox remove node worker-3').text()).toBe('node/worker-3 removed');
    expect(c.api.peek('nodes', undefined, 'worker-3')).toBeUndefined();
    expect(c.run('sandbox add node Bad_Name').text()).toMatch(/^error: invalid node name "Bad_Name"/);
    expect(c.run('sandbox add node w --taint nope').text()).toBe('error: invalid --taint "nope": invalid taint spec: nope');
    expect(c.run('sandbox explode node x').text()).toBe('error: unknown command "explode node x" for "sandbox"\nRun \'sandbox help\' for usage.');
  });
});

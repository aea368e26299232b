import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod } from '../../../api/types';
import { rfc3339 } from '../../../sim/time';
import { BareHost } from '../../test-host';

function pod(name: string, ns: string, node: string | undefined, status: Pod['status'], labels: Record<string, string> = { app: 'web' }): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels }, spec: { ...(node ? { nodeName: node } : {}), containers: [{ name: 'c', image: 'nginx' }] }, status };
}

const RUNNING: Pod['status'] = { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], containerStatuses: [{ name: 'c', image: 'nginx', ready: true, restartCount: 0, state: { running: {} } }] };
const PENDING: Pod['status'] = { phase: 'Pending' };

function host(): BareHost {
  const h = new BareHost();
  h.seed('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' }, status: { phase: 'Active' } });
  h.advance(30_000);
  h.seed('pods', pod('web-b', 'default', 'worker-1', RUNNING), pod('web-a', 'default', undefined, PENDING, { app: 'web', tier: 'fe' }));
  h.advance(10_000);
  h.seed('pods', pod('coredns-x', 'kube-system', 'worker-2', RUNNING, {}));
  h.advance(95_000);
  return h;
}

describe('kubectl get', () => {
  it('prints pods in key order with AGE from the simulated clock', () => {
    const p = host().run('kubectl get pods');
    expect(p.exitCode).toBe(0);
    expect(p.text()).toBe(['NAME    READY   STATUS    RESTARTS   AGE', 'web-a   0/1     Pending   0          105s', 'web-b   1/1     Running   0          105s'].join('\n'));
  });

  it('-o wide, -A, --show-labels', () => {
    const h = host();
    expect(h.run('kubectl get pods -o wide').text()).toBe([
      'NAME    READY   STATUS    RESTARTS   AGE    IP           NODE       NOMINATED NODE   READINESS GATES',
      'web-a   0/1     Pending   0          105s   <none>       <none>     <none>           <none>',
      'web-b   1/1     Running   0          105s   10.244.1.5   worker-1   <none>           <none>',
    ].join('\n'));
    expect(h.run('kubectl get po -A --show-labels').text()).toBe([
      'NAMESPACE     NAME        READY   STATUS    RESTARTS   AGE    LABELS',
      'default       web-a       0/1     Pending   0          105s   app=web,tier=fe',
      'default       web-b       1/1     Running   0          105s   app=web',
      'kube-system   coredns-x   1/1     Running   0          95s    <none>',
    ].join('\n'));
  });

  it('names, selectors, -o name, sort-by and several kinds', () => {
    const h = host();
    expect(h.run('kubectl get pods -l tier=fe -o name').text()).toBe('pod/web-a');
    expect(h.run('kubectl get pod/web-b pod/web-a -o name').text()).toBe('pod/web-b\npod/web-a');
    expect(h.run('kubectl get pods -A --sort-by=.metadata.creationTimestamp -o name').text()).toBe('pod/web-a\npod/web-b\npod/coredns-x');
    expect(h.run('kubectl get pods,ns').text()).toBe([
      'NAME        READY   STATUS    RESTARTS   AGE',
      'pod/web-a   0/1     Pending   0          105s',
      'pod/web-b   1/1     Running   0          105s',
      '',
      'NAME                STATUS   AGE',
      'namespace/default   Active   2m15s',
    ].join('\n'));
  });

  it('prints the object itself for one name and a List otherwise', () => {
    const h = host();
    expect(h.run('kubectl get ns default -o json').text()).toContain('"kind": "Namespace"');
    expect(h.run('kubectl get ns -o yaml').text()).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}kind: Namespace\n[\s\S]*\nkind: List\nmetadata:\n {2}resourceVersion: ""$/);
    expect(h.run('kubectl get pods -o jsonpath={.items[*].metadata.name}').text()).toBe('web-a web-b');
  });

  it('reports what is missing the way kubectl does', () => {
    const h = host();
    const none = h.run('kubectl get deployments');
    expect([none.exitCode, none.lines.map((l) => [l.stream, l.text])]).toEqual([0, [['stderr', 'No resources found in default namespace.']]]);
    expect(h.run('kubectl get nodes').text()).toBe('No resources found');
    const partial = h.run('kubectl get pods web-b nope');
    expect([partial.exitCode, partial.text()]).toEqual([1, 'NAME    READY   STATUS    RESTARTS   AGE\nweb-b   1/1     Running   0          105s\nError from server (NotFound): pods "nope" not found']);
    expect(h.run('kubectl get foo').text()).toBe('error: the server doesn\'t have a resource type "foo"');
    expect(h.run('kubectl get pods -o foo').text()).toContain('error: unable to match a printer suitable for the output format "foo"');
    expect(h.run('kubectl get pods web-a --ignore-not-found -o name').text()).toBe('pod/web-a');
  });

  it('sorts events by last timestamp and shows the object they concern', () => {
    const h = host();
    const ev = (name: string, reason: string, lastMs: number, count: number): KubeEvent => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-b', namespace: 'default' }, reason, message: `${reason} happened `, type: 'Normal',
      source: { component: 'kubelet', host: 'worker-1' }, count, firstTimestamp: rfc3339(0), lastTimestamp: rfc3339(lastMs),
    });
    h.seed('events', ev('a', 'Started', 120_000, 1), ev('b', 'Pulled', 60_000, 3));
    expect(h.run('kubectl get events --sort-by=.lastTimestamp').text()).toBe([
      'LAST SEEN   TYPE     REASON    OBJECT      MESSAGE',
      '75s         Normal   Pulled    pod/web-b   Pulled happened',
      '15s         Normal   Started   pod/web-b   Started happened',
    ].join('\n'));
    expect(h.run('kubectl get events -o wide').text().split('\n')[1]).toBe('15s         Normal   Started   pod/web-b               kubelet, worker-1   Started happened   2m15s        1       a');
  });

  it('watches: the table first, then a row per change, until interrupted', () => {
    const h = host();
    const p = h.run('kubectl get pods -w');
    expect(p.done).toBe(false);
    h.seed('pods', pod('web-c-long-name', 'default', undefined, PENDING));
    h.seed('pods', pod('elsewhere', 'kube-system', undefined, PENDING));
    h.advance(1_000);
    expect(p.text().split('\n')).toEqual([
      'NAME    READY   STATUS    RESTARTS   AGE',
      'web-a   0/1     Pending   0          105s',
      'web-b   1/1     Running   0          105s',
      'web-c-long-name   0/1     Pending   0          0s',
    ]);
    p.interrupt();
    h.seed('pods', pod('web-d', 'default', undefined, PENDING));
    h.advance(1_000);
    expect([p.exitCode, p.lines.length]).toEqual([130, 4]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet, StatefulSet } from '../api/types';
import { inlineScenario, runTranscript, words } from '../cluster/scenario-test-support';
import { deploymentManifest } from '../testing/actions';
import { expectedPodCount, type ScaleLookup } from './expected-pods';
import type { PodDisruptionBudget } from './types';

const pdb = (name: string, spec: string): string => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}}
spec:
  ${spec}
  selector: {matchLabels: {app: web}}
`;

describe('kubectl drain and a PodDisruptionBudget', () => {
  const t = runTranscript(inlineScenario({
    cluster: '{ nodes: [{ name: "worker-{i}", count: 2 }] }',
    files: { 'web.yaml': deploymentManifest('web', 2, 100), 'pdb.yaml': pdb('web-pdb', 'minAvailable: 2') },
    steps: [
      ['0s', 'kubectl cordon worker-2'],
      ['0s', 'kubectl apply -f web.yaml'],
      ['0s', 'kubectl apply -f pdb.yaml'],
      ['30s', 'kubectl uncordon worker-2'],
      ['30s', 'kubectl get pdb'],
      ['31s', 'kubectl drain worker-1 --ignore-daemonsets'],
      ['45s', 'kubectl describe pdb web-pdb'],
      ['50s', 'kubectl scale deployment web --replicas=3'],
      ['2m', 'kubectl get pods -o wide'],
      ['2m', 'kubectl get pdb'],
    ],
  }));
  const drain = t.lines.filter((l) => /^(error when evicting pods\/"web-|evicting pod default\/web-|pod\/web-|node\/worker-1 )/.test(l));

  it('kubectl get pdb shows the budget the disruption controller computed', () => {
    expect(t.block('00:00:30', 'kubectl get pdb').map(words)).toEqual([
      'NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE',
      'web-pdb 2 N/A 0 30s',
    ]);
  });

  it('kubectl describe pdb prints kubectl\'s PodDisruptionBudget describer while the drain is blocked', () => {
    const d = t.block('00:00:45', 'kubectl describe pdb web-pdb');
    expect(d.slice(0, 9)).toEqual([
      'Name:           web-pdb',
      'Namespace:      default',
      'Min available:  2',
      'Selector:       app=web',
      'Status:',
      '    Allowed disruptions:  0',
      '    Current:              2',
      '    Desired:              2',
      '    Total:                2',
    ]);
    expect(d[9]).toBe('Events:');
  });

  it('the eviction is refused with the real 429 message and retried every 5 s', () => {
    const drainOut = t.block('00:00:31', 'kubectl drain worker-1 --ignore-daemonsets');
    expect(drainOut[0]).toBe('node/worker-1 cordoned');
    const refused = drain.filter((l) => l.startsWith('error when evicting pods/"web-'));
    expect(refused[0]).toMatch(/^error when evicting pods\/"web-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/);
    // 31 s … 50 s: both pods refused at 31, 36, 41, 46 s, before the scale-up gives the budget room.
    expect(refused.length).toBeGreaterThanOrEqual(8);
    // kubectl announces the pod on every attempt of its retry loop, so each refusal follows an announcement.
    const announced = drain.filter((l) => l.startsWith('evicting pod default/web-'));
    expect(announced.length).toBe(refused.length + 2);
  });

  it('once the budget allows a disruption the pods go one at a time and the drain finishes', () => {
    expect(drain.filter((l) => /^pod\/web-\S+ evicted$/.test(l))).toHaveLength(2);
    expect(drain.at(-1)).toBe('node/worker-1 drained');
    const pods = t.block('00:02:00', 'kubectl get pods -o wide').map(words).slice(1);
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p).toMatch(/ 1\/1 Running 0 \S+ \S+ worker-2 /);
    expect(words(t.block('00:02:00', 'kubectl get pdb')[1]!)).toBe('web-pdb 2 N/A 1 2m');
  });
});

describe('kubectl drain --timeout against a budget that never allows a disruption', () => {
  it('gives up at the first attempt after the global timeout, lists the pending pods and fails the node', () => {
    const t = runTranscript(inlineScenario({
      cluster: '{ nodes: [{ name: "worker-{i}", count: 2 }] }',
      files: { 'web.yaml': deploymentManifest('web', 1, 100), 'pdb.yaml': pdb('web-pdb', 'minAvailable: 1') },
      steps: [
        ['0s', 'kubectl cordon worker-2'],
        ['0s', 'kubectl apply -f web.yaml'],
        ['0s', 'kubectl apply -f pdb.yaml'],
        ['30s', 'kubectl uncordon worker-2'],
        ['31s', 'kubectl drain worker-1 --ignore-daemonsets --timeout=7s'],
        ['1m', 'kubectl get pods -o wide'],
        ['1m', 'kubectl get nodes worker-1'],
      ],
    }));
    const web = t.runner.cluster.objects<Pod>('pods').find((p) => p.metadata.labels?.app === 'web')!.metadata.name;
    const refusal = `error when evicting pods/"${web}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
    const timedOut = `error when evicting pods/"${web}" -n "default": global timeout reached: 7s`;
    const out = t.lines.slice(t.lines.indexOf('[00:00:31] $ kubectl drain worker-1 --ignore-daemonsets --timeout=7s') + 1).filter((l) => l.includes(web) || / worker-1/.test(l) || l.startsWith('There are'));
    // Attempts at 31 s and 36 s are refused; the one at 41 s finds the 7 s budget spent.
    expect(out.filter((l) => !l.startsWith('[') && !/^(NAME|web-|worker-1 )/.test(words(l)))).toEqual([
      `evicting pod default/${web}`, refusal,
      `evicting pod default/${web}`, refusal,
      `evicting pod default/${web}`,
      `There are pending pods in node "worker-1" when an error occurred: ${timedOut}`,
      `pod/${web}`,
      `error: unable to drain node "worker-1" due to error: ${timedOut}, continuing command...`,
      'There are pending nodes to be drained:',
      ' worker-1',
      timedOut,
    ]);
    expect(words(t.block('00:01:00', 'kubectl get pods -o wide')[1]!)).toMatch(/ 1\/1 Running 0 60s \S+ worker-1 /);
    expect(words(t.block('00:01:00', 'kubectl get nodes worker-1')[1]!)).toMatch(/^worker-1 Ready,SchedulingDisabled /);
  });
});

describe('eviction admission', () => {
  it.each([
    ['maxUnavailable 1 of 2 allows one eviction, not two', 'maxUnavailable: 1', ['pod/A evicted', 'refused']],
    ['maxUnavailable 0% allows none', 'maxUnavailable: "0%"', ['refused', 'refused']],
    ['minAvailable 50% of 2 allows one', 'minAvailable: "50%"', ['pod/A evicted', 'refused']],
  ])('%s', (_name, spec, want) => {
    const t = runTranscript(inlineScenario({
      cluster: '{ nodes: [{ name: "worker-{i}", count: 1 }] }',
      files: { 'web.yaml': deploymentManifest('web', 2, 100), 'pdb.yaml': pdb('web-pdb', spec) },
      steps: [['0s', 'kubectl apply -f web.yaml'], ['0s', 'kubectl apply -f pdb.yaml'], ['30s', 'kubectl get pdb']],
    }));
    const c = t.runner.cluster;
    const pods = c.objects<Pod>('pods').filter((p) => p.metadata.labels?.app === 'web').map((p) => p.metadata.name).sort();
    const got = pods.map((name) => {
      const r = c.api.evict({ component: 'user/kubectl' }, 'default', name);
      if (r.ok) {
        const gone = c.api.peek<Pod>('pods', 'default', name);
        expect(gone?.metadata.deletionTimestamp).toBeDefined();
        expect(gone?.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
        return `pod/${name === pods[0] ? 'A' : 'B'} evicted`;
      }
      expect(r.status).toMatchObject({ code: 429, reason: 'TooManyRequests', message: "Cannot evict pod as it would violate the pod's disruption budget." });
      expect(r.status.details?.causes?.[0]).toMatchObject({ reason: 'DisruptionBudget', message: expect.stringMatching(/^The disruption budget web-pdb needs \d+ healthy pods and has \d+ currently$/) });
      return 'refused';
    });
    expect(got).toEqual(want);
  });

  it('two budgets over one pod: the eviction subresource refuses with a 500', () => {
    const t = runTranscript(inlineScenario({
      cluster: '{ nodes: [{ name: "worker-{i}", count: 1 }] }',
      files: { 'web.yaml': deploymentManifest('web', 2, 100), 'a.yaml': pdb('a', 'maxUnavailable: 1'), 'b.yaml': pdb('b', 'maxUnavailable: 1') },
      steps: [['0s', 'kubectl apply -f web.yaml'], ['0s', 'kubectl apply -f a.yaml'], ['0s', 'kubectl apply -f b.yaml'], ['30s', 'kubectl get pdb']],
    }));
    const c = t.runner.cluster;
    const pod = c.objects<Pod>('pods').find((p) => p.metadata.labels?.app === 'web')!;
    const r = c.api.evict({ component: 'user/kubectl' }, 'default', pod.metadata.name);
    expect(r.ok ? 'ok' : `${r.status.code} ${r.status.message}`).toBe('500 This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  });

  it('rejects a budget that sets both minAvailable and maxUnavailable', () => {
    const t = runTranscript(inlineScenario({
      cluster: '{ nodes: [{ name: "worker-{i}", count: 1 }] }',
      files: { 'pdb.yaml': pdb('both', 'minAvailable: 1\n  maxUnavailable: 1') },
      steps: [['0s', 'kubectl apply -f pdb.yaml']],
    }));
    expect(t.block('00:00:00', 'kubectl apply -f pdb.yaml')[0]).toContain('minAvailable and maxUnavailable cannot be both set');
  });
});

function owned(name: string, kind: string, uid: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind, name: kind === 'ReplicaSet' ? 'web-rs' : 'db', uid, controller: true }] }, spec: { containers: [] } };
}

const SCALES: ScaleLookup = {
  replicaSet: (_ns, name) => (name === 'web-rs' ? { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, uid: 'rs-uid', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-uid', controller: true }] }, spec: { replicas: 4, selector: {}, template: { spec: { containers: [] } } } } as ReplicaSet : undefined),
  deployment: (_ns, name) => (name === 'web' ? { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, uid: 'dep-uid' }, spec: { replicas: 5, selector: {}, template: { spec: { containers: [] } } } } as Deployment : undefined),
  statefulSet: (_ns, name) => (name === 'db' ? { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, uid: 'sts-uid' }, spec: { replicas: 3, selector: {}, template: { spec: { containers: [] } } } } as StatefulSet : undefined),
};

describe('expectedPodCount (getExpectedPodCount)', () => {
  const web = [owned('a', 'ReplicaSet', 'rs-uid'), owned('b', 'ReplicaSet', 'rs-uid')];
  it.each([
    ['minAvailable int: the pods that exist', { minAvailable: 1 }, web, { ok: true, expected: 2, desired: 1 }],
    ['minAvailable %: the Deployment behind the ReplicaSet', { minAvailable: '50%' }, web, { ok: true, expected: 5, desired: 3 }],
    ['maxUnavailable int', { maxUnavailable: 2 }, web, { ok: true, expected: 5, desired: 3 }],
    ['maxUnavailable % rounds up', { maxUnavailable: '30%' }, web, { ok: true, expected: 5, desired: 3 }],
    ['a StatefulSet', { maxUnavailable: 1 }, [owned('db-0', 'StatefulSet', 'sts-uid')], { ok: true, expected: 3, desired: 2 }],
    ['a pod without a controller', { maxUnavailable: 1 }, [{ ...web[0]!, metadata: { name: 'bare', namespace: 'default' } }], { ok: false, error: 'found no controllers for pod "bare"' }],
  ] as const)('%s', (_name, spec, pods, want) => {
    const budget: PodDisruptionBudget = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'default' }, spec: { ...spec, selector: {} } };
    expect(expectedPodCount(budget, pods, SCALES)).toEqual(want);
  });
});

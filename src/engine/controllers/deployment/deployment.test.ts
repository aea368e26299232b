import { describe, expect, it } from 'vitest';
import type { Deployment, KubeEvent, Pod, ReplicaSet } from '../../api/types';
import { computeHash } from '../shared/hash';
import { isPodReady } from '../shared/pod-util';
import { startTestCluster, USER, type TestCluster } from '../testing/harness';

function web(replicas: number, image = 'nginx:1.25', extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } },
      ...extra,
    },
  };
}

const rsOf = (t: TestCluster): ReplicaSet[] => t.list<ReplicaSet>('replicasets', 'default').filter((r) => r.metadata.name.startsWith('web-'));
const podsOf = (t: TestCluster): Pod[] => t.list<Pod>('pods', 'default').filter((p) => p.metadata.labels?.app === 'web');
const dep = (t: TestCluster): Deployment => t.get<Deployment>('deployments', 'default', 'web')!;
const events = (t: TestCluster, reason: string): string[] =>
  t.list<KubeEvent>('events', 'default')
    .filter((e) => e.reason === reason && e.involvedObject.kind === 'Deployment')
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => e.message);

function setImage(t: TestCluster, image: string): void {
  const d = dep(t);
  const next = JSON.parse(JSON.stringify(d)) as Deployment;
  next.spec.template.spec.containers[0]!.image = image;
  const res = t.api.update(USER, 'deployments', next);
  if (!res.ok) throw new Error(res.status.message);
}

describe('Deployment controller', () => {
  it('creates a ReplicaSet named <deployment>-<pod-template-hash> and N pods', () => {
    const t = startTestCluster();
    const d = t.create('deployments', web(3));
    t.advance(10_000);
    const hash = computeHash(d.spec.template);
    const [rs] = rsOf(t);
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.spec.template.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.metadata.annotations).toEqual({ 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' });
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true });
    const pods = podsOf(t);
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(events(t, 'ScalingReplicaSet')).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    const st = dep(t).status!;
    expect(st).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(st.unavailableReplicas).toBeUndefined();
    expect(st.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
    ]);
    expect(dep(t).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('rolls out within maxSurge and maxUnavailable at every step', () => {
    const t = startTestCluster({ agent: { startDelayMs: 700, terminationDelayMs: 1500 } });
    t.create('deployments', web(4, 'nginx:1.25', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }));
    t.advance(10_000);
    setImage(t, 'nginx:1.27');
    let maxActive = 0;
    let minReady = Infinity;
    let maxSpec = 0;
    for (let ms = 0; ms < 30_000; ms += 5) {
      t.advance(5);
      const active = podsOf(t).filter((p) => !p.metadata.deletionTimestamp);
      maxActive = Math.max(maxActive, active.length);
      minReady = Math.min(minReady, active.filter(isPodReady).length);
      maxSpec = Math.max(maxSpec, rsOf(t).reduce((n, r) => n + (r.spec.replicas ?? 0), 0));
    }
    expect(maxActive).toBe(5);
    expect(maxSpec).toBe(5);
    expect(minReady).toBe(3);
    const pods = podsOf(t);
    expect(pods).toHaveLength(4);
    expect(pods.every((p) => p.spec.containers[0]!.image === 'nginx:1.27')).toBe(true);
    expect(rsOf(t).map((r) => r.spec.replicas).sort()).toEqual([0, 4]);
    expect(dep(t).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(dep(t).status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4, observedGeneration: 2 });
  });

  it('with maxSurge 0 never runs more pods than replicas', () => {
    const t = startTestCluster();
    t.create('deployments', web(3, 'nginx:1.25', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } }));
    t.advance(10_000);
    setImage(t, 'nginx:1.27');
    let maxActive = 0;
    for (let ms = 0; ms < 20_000; ms += 5) {
      t.advance(5);
      maxActive = Math.max(maxActive, podsOf(t).filter((p) => !p.metadata.deletionTimestamp).length);
    }
    expect(maxActive).toBe(3);
    expect(podsOf(t).filter((p) => p.spec.containers[0]!.image === 'nginx:1.27')).toHaveLength(3);
  });

  it('rollback to an old template reuses the old ReplicaSet with the next revision', () => {
    const t = startTestCluster();
    t.create('deployments', web(2));
    t.advance(10_000);
    const first = rsOf(t)[0]!;
    setImage(t, 'nginx:1.27');
    t.advance(20_000);
    setImage(t, 'nginx:1.25');
    t.advance(20_000);
    const all = rsOf(t);
    expect(all).toHaveLength(2);
    const reused = all.find((r) => r.metadata.uid === first.metadata.uid)!;
    expect(reused.spec.replicas).toBe(2);
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(dep(t).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(podsOf(t).filter((p) => !p.metadata.deletionTimestamp).every((p) => p.metadata.name.startsWith(first.metadata.name))).toBe(true);
  });

  it('Recreate deletes every old pod before creating new ones', () => {
    const t = startTestCluster({ agent: { terminationDelayMs: 3000 } });
    t.create('deployments', web(3, 'nginx:1.25', { strategy: { type: 'Recreate' } }));
    t.advance(10_000);
    setImage(t, 'nginx:1.27');
    let overlap = false;
    for (let ms = 0; ms < 20_000; ms += 10) {
      t.advance(10);
      const images = new Set(podsOf(t).map((p) => p.spec.containers[0]!.image));
      if (images.size > 1) overlap = true;
    }
    expect(overlap).toBe(false);
    expect(podsOf(t).map((p) => p.spec.containers[0]!.image)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
  });

  it('rollout restart (restartedAt annotation) creates a new ReplicaSet', () => {
    const t = startTestCluster();
    t.create('deployments', web(2));
    t.advance(10_000);
    t.api.patch(USER, 'deployments', 'default', 'web', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T09:10:00Z' } } } } });
    t.advance(20_000);
    const active = rsOf(t).filter((r) => (r.spec.replicas ?? 0) > 0);
    expect(rsOf(t)).toHaveLength(2);
    expect(active).toHaveLength(1);
    expect(active[0]!.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe('2026-01-01T09:10:00Z');
  });

  it('scaling emits ScalingReplicaSet and keeps the revision', () => {
    const t = startTestCluster();
    t.create('deployments', web(2));
    t.advance(10_000);
    t.api.patch(USER, 'deployments', 'default', 'web', { spec: { replicas: 5 } });
    t.advance(10_000);
    const name = rsOf(t)[0]!.metadata.name;
    expect(events(t, 'ScalingReplicaSet')).toEqual([`Scaled up replica set ${name} from 0 to 2`, `Scaled up replica set ${name} from 2 to 5`]);
    expect(podsOf(t)).toHaveLength(5);
    t.api.patch(USER, 'deployments', 'default', 'web', { spec: { replicas: 1 } });
    t.advance(10_000);
    expect(events(t, 'ScalingReplicaSet').at(-1)).toBe(`Scaled down replica set ${name} from 5 to 1`);
    expect(rsOf(t)).toHaveLength(1);
  });

  it('paused: template changes wait for resume', () => {
    const t = startTestCluster();
    t.create('deployments', web(2));
    t.advance(10_000);
    t.api.patch(USER, 'deployments', 'default', 'web', { spec: { paused: true } });
    t.advance(1000);
    setImage(t, 'nginx:1.27');
    t.advance(10_000);
    expect(rsOf(t)).toHaveLength(1);
    const progressing = dep(t).status?.conditions?.find((c) => c.type === 'Progressing');
    expect([progressing?.status, progressing?.reason, progressing?.message]).toEqual(['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    t.api.patch(USER, 'deployments', 'default', 'web', { spec: { paused: null } });
    t.advance(20_000);
    expect(rsOf(t)).toHaveLength(2);
    expect(podsOf(t).every((p) => p.spec.containers[0]!.image === 'nginx:1.27')).toBe(true);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const t = startTestCluster();
    t.create('deployments', web(1, 'nginx:1', { revisionHistoryLimit: 1 }));
    t.advance(10_000);
    for (const image of ['nginx:2', 'nginx:3', 'nginx:4']) {
      setImage(t, image);
      t.advance(15_000);
    }
    const left = rsOf(t).map((r) => r.spec.template.spec.containers[0]!.image).sort();
    expect(left).toEqual(['nginx:3', 'nginx:4']);
  });

  it('reports ProgressDeadlineExceeded when new pods never become ready', () => {
    const t = startTestCluster({ agent: { outcome: (p) => (p.spec.containers[0]!.image === 'broken' ? { kind: 'not-ready' } : { kind: 'ready' }) } });
    t.create('deployments', web(2, 'nginx:1.25', { progressDeadlineSeconds: 30 }));
    t.advance(10_000);
    setImage(t, 'broken');
    t.advance(60_000);
    const progressing = dep(t).status?.conditions?.find((c) => c.type === 'Progressing');
    expect([progressing?.status, progressing?.reason]).toEqual(['False', 'ProgressDeadlineExceeded']);
    expect(progressing?.message).toMatch(/^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/);
    expect(podsOf(t).filter((p) => p.spec.containers[0]!.image === 'nginx:1.25' && !p.metadata.deletionTimestamp)).toHaveLength(2);
  });
});

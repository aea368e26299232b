import { describe, expect, it } from 'vitest';
import type { Job, KubeEvent, Pod } from '../../api/types';
import { parseTimestamp } from '../../sim/time';
import type { PodOutcome } from '../testing/fake-node-agent';
import { startTestCluster, type TestCluster } from '../testing/harness';

/** Scripted outcome for Job pods only (system pods just run). */
function jobPods(outcome: PodOutcome): (p: Pod) => PodOutcome {
  return (p) => (p.metadata.labels?.['job-name'] ? outcome : { kind: 'ready' });
}

function job(name: string, spec: Partial<Job['spec']>): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox' }] } }, ...spec },
  };
}

const podsOf = (t: TestCluster, name: string): Pod[] => t.list<Pod>('pods', 'default').filter((p) => p.metadata.labels?.['job-name'] === name);
const getJob = (t: TestCluster, name: string): Job => t.get<Job>('jobs', 'default', name)!;
const jobEvents = (t: TestCluster, name: string): string[] =>
  t.list<KubeEvent>('events', 'default').filter((e) => e.involvedObject.kind === 'Job' && e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)).map((e) => `${e.type} ${e.reason} ${e.message}`);

describe('Job controller', () => {
  it('runs to completions with at most parallelism pods at a time', () => {
    const t = startTestCluster({ agent: { outcome: jobPods({ kind: 'succeed', afterMs: 3000 }) } });
    const created = t.create('jobs', job('pi', { completions: 3, parallelism: 2 }));
    let maxActive = 0;
    for (let ms = 0; ms < 30_000; ms += 100) {
      t.advance(100);
      maxActive = Math.max(maxActive, podsOf(t, 'pi').filter((p) => p.status?.phase !== 'Succeeded').length);
    }
    expect(maxActive).toBe(2);
    const pods = podsOf(t, 'pi');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toMatchObject({ 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': created.metadata.uid, 'batch.kubernetes.io/controller-uid': created.metadata.uid });
      expect(p.metadata.finalizers).toBeUndefined();
      expect(p.status?.phase).toBe('Succeeded');
    }
    const st = getJob(t, 'pi').status!;
    expect(st).toMatchObject({ succeeded: 3, active: 0, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(st.failed).toBeUndefined();
    expect(st.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached'],
      ['Complete', 'True', 'CompletionsReached'],
    ]);
    expect(parseTimestamp(st.completionTime)! - parseTimestamp(st.startTime)!).toBeGreaterThanOrEqual(6000);
    expect(jobEvents(t, 'pi').filter((e) => e.includes('Completed'))).toEqual(['Normal Completed Job completed']);
    expect(jobEvents(t, 'pi').filter((e) => e.includes('SuccessfulCreate'))).toHaveLength(3);
  });

  it('recreates failed pods after 10 s, 20 s … and fails with BackoffLimitExceeded', () => {
    const t = startTestCluster({ agent: { startDelayMs: 500, outcome: jobPods({ kind: 'fail', afterMs: 1000 }) } });
    t.create('jobs', job('flaky', { backoffLimit: 2 }));
    t.advance(120_000);
    const pods = podsOf(t, 'flaky').sort((a, b) => parseTimestamp(a.metadata.creationTimestamp)! - parseTimestamp(b.metadata.creationTimestamp)!);
    expect(pods).toHaveLength(3);
    const created = pods.map((p) => parseTimestamp(p.metadata.creationTimestamp)!);
    // Each pod fails ~1.5 s after creation; the next waits 10 s, then 20 s after that failure.
    expect(created[1]! - created[0]!).toBeGreaterThanOrEqual(11_000);
    expect(created[1]! - created[0]!).toBeLessThan(14_000);
    expect(created[2]! - created[1]!).toBeGreaterThanOrEqual(21_000);
    expect(created[2]! - created[1]!).toBeLessThan(24_000);
    const st = getJob(t, 'flaky').status!;
    expect(st).toMatchObject({ failed: 3, active: 0 });
    expect(st.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(jobEvents(t, 'flaky').at(-1)).toBe('Warning BackoffLimitExceeded Job has reached the specified backoff limit');
    expect(pods.every((p) => !p.metadata.finalizers)).toBe(true);
  });

  it('a deleted running pod counts as failed and is replaced at once', () => {
    const t = startTestCluster({ agent: { terminationDelayMs: 5000, outcome: jobPods({ kind: 'succeed', afterMs: 60_000 }) } });
    t.create('jobs', job('long', {}));
    t.advance(2000);
    const first = podsOf(t, 'long')[0]!;
    t.api.delete({ component: 'user/kubectl' }, 'pods', 'default', first.metadata.name);
    t.advance(2000);
    expect(getJob(t, 'long').status?.failed).toBe(1);
    // back-off: the replacement waits 10 s after the failure
    expect(podsOf(t, 'long').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(0);
    t.advance(12_000);
    expect(podsOf(t, 'long').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(1);
    t.advance(70_000);
    expect(getJob(t, 'long').status).toMatchObject({ succeeded: 1, failed: 1 });
  });

  it('activeDeadlineSeconds fails the job and stops its pods', () => {
    const t = startTestCluster({ agent: { outcome: jobPods({ kind: 'succeed', afterMs: 600_000 }) } });
    t.create('jobs', job('slow', { activeDeadlineSeconds: 30 }));
    t.advance(40_000);
    const st = getJob(t, 'slow').status!;
    expect(st.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('DeadlineExceeded');
    expect(podsOf(t, 'slow')).toHaveLength(0);
  });
});

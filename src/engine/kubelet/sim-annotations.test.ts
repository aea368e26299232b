import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { JOB_DEFAULT_RUN_MS, plannedExit, readMisbehaviour } from './sim-annotations';

const pod = (annotations: Record<string, string>, ownerKind?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', annotations, ...(ownerKind ? { ownerReferences: [{ apiVersion: 'batch/v1', kind: ownerKind, name: 'o', uid: 'u' }] } : {}) },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
});

describe('readMisbehaviour', () => {
  it('reads every documented annotation', () => {
    const m = readMisbehaviour(pod({
      'sim.kube-sandbox.dev/crash-after': '30s',
      'sim.kube-sandbox.dev/exit-code': '2',
      'sim.kube-sandbox.dev/never-ready': 'true',
      'sim.kube-sandbox.dev/image-pull-error': 'true',
      'sim.kube-sandbox.dev/oom-after': '1m30s',
      'sim.kube-sandbox.dev/complete-after': '20s',
      'sim.kube-sandbox.dev/ignore-sigterm': 'TRUE',
    }));
    expect(m).toEqual({ crashAfterMs: 30_000, exitCode: 2, neverReady: true, imagePullError: true, oomAfterMs: 90_000, completeAfterMs: 20_000, ignoreSigterm: true });
  });

  it.each([
    [{ 'sim.kube-sandbox.dev/crash-after': 'soon' }, 'crashAfterMs', undefined],
    [{ 'sim.kube-sandbox.dev/exit-code': '999' }, 'exitCode', 1],
    [{ 'sim.kube-sandbox.dev/exit-code': '-3' }, 'exitCode', 1],
    [{ 'sim.kube-sandbox.dev/never-ready': 'yes' }, 'neverReady', false],
  ] as const)('ignores bad input %j', (annotations, field, want) => {
    expect(readMisbehaviour(pod(annotations))[field]).toBe(want);
  });

  it('Job pods complete after 5 s unless told otherwise', () => {
    expect(readMisbehaviour(pod({}, 'Job')).completeAfterMs).toBe(JOB_DEFAULT_RUN_MS);
    expect(readMisbehaviour(pod({ 'sim.kube-sandbox.dev/complete-after': '20s' }, 'Job')).completeAfterMs).toBe(20_000);
    expect(readMisbehaviour(pod({}, 'ReplicaSet')).completeAfterMs).toBeUndefined();
  });
});

describe('plannedExit', () => {
  it('takes the earliest configured exit', () => {
    expect(plannedExit(readMisbehaviour(pod({})))).toBeUndefined();
    expect(plannedExit(readMisbehaviour(pod({ 'sim.kube-sandbox.dev/crash-after': '30s', 'sim.kube-sandbox.dev/oom-after': '45s' })))).toEqual({ afterMs: 30_000, exitCode: 1, reason: 'Error' });
    expect(plannedExit(readMisbehaviour(pod({ 'sim.kube-sandbox.dev/crash-after': '30s', 'sim.kube-sandbox.dev/oom-after': '10s' })))).toEqual({ afterMs: 10_000, exitCode: 137, reason: 'OOMKilled' });
    expect(plannedExit(readMisbehaviour(pod({}, 'Job')))).toEqual({ afterMs: 5000, exitCode: 0, reason: 'Completed' });
  });
});

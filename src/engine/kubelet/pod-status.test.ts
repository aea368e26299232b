import { describe, expect, it } from 'vitest';
import type { Condition, ContainerState, ContainerStatus, Pod, PodSpec, PodStatus } from '../api/types';
import { Rng } from '../sim/rng';
import { deepEqual } from '../util/clone';
import { buildPodStatus, computePhase, mergeKeepsUpToDate, mergePodStatus, statusUpToDate, unmergePodStatus, withTransitionTimes, type PodRuntimeView } from './pod-status';

const running: ContainerState = { running: { startedAt: 't' } };
const waiting: ContainerState = { waiting: { reason: 'ContainerCreating' } };
const exited = (exitCode: number): ContainerState => ({ terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error' } });
const cs = (name: string, state: ContainerState, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({ name, image: 'i', ready: false, restartCount: 0, state, lastState: {}, ...extra });
const spec = (policy: PodSpec['restartPolicy'], names = ['a'], inits: PodSpec['initContainers'] = []): PodSpec => ({ restartPolicy: policy, initContainers: inits, containers: names.map((name) => ({ name, image: 'i' })) });

describe('computePhase (kubelet getPhase)', () => {
  it.each([
    ['nothing started', spec('Always'), [], [cs('a', waiting)], false, 'Pending'],
    ['running', spec('Always'), [], [cs('a', running)], false, 'Running'],
    ['one of two still creating', spec('Always', ['a', 'b']), [], [cs('a', running), cs('b', waiting)], false, 'Pending'],
    ['crash-looping (waiting with last state)', spec('Always'), [], [cs('a', waiting, { lastState: { terminated: { exitCode: 1 } } })], false, 'Running'],
    ['exited, Always restarts', spec('Always'), [], [cs('a', exited(1))], false, 'Running'],
    ['exited 0, OnFailure', spec('OnFailure'), [], [cs('a', exited(0))], false, 'Succeeded'],
    ['exited 1, OnFailure restarts', spec('OnFailure'), [], [cs('a', exited(1))], false, 'Running'],
    ['exited 1, Never', spec('Never'), [], [cs('a', exited(1))], false, 'Failed'],
    ['deleted pod, all stopped cleanly', spec('Always'), [], [cs('a', exited(0))], true, 'Succeeded'],
    ['deleted pod, killed', spec('Always'), [], [cs('a', exited(137))], true, 'Failed'],
    ['init running', spec('Always', ['a'], [{ name: 'i', image: 'i' }]), [cs('i', running)], [cs('a', waiting)], false, 'Pending'],
    ['init failed, Never', spec('Never', ['a'], [{ name: 'i', image: 'i' }]), [cs('i', exited(1))], [cs('a', waiting)], false, 'Failed'],
    ['init done, app running', spec('Always', ['a'], [{ name: 'i', image: 'i' }]), [cs('i', exited(0))], [cs('a', running)], false, 'Running'],
    ['sidecar not started yet', spec('Always', ['a'], [{ name: 's', image: 'i', restartPolicy: 'Always' }]), [cs('s', running)], [cs('a', waiting)], false, 'Pending'],
  ] as const)('%s → %s', (_name, podSpec, inits, apps, terminal, want) => {
    expect(computePhase(podSpec, inits, apps, terminal)).toBe(want);
  });
});

function view(over: Partial<PodRuntimeView> = {}): PodRuntimeView {
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: spec('Always', ['web', 'side']) };
  return {
    pod, hostIP: '172.18.0.3', podIP: '10.244.1.2', startTime: '2026-01-01T09:00:00Z', sandboxReady: true, initStatuses: [],
    statuses: [cs('web', running, { ready: true }), cs('side', running)], podIsTerminal: false, qosClass: 'BestEffort', ...over,
  };
}

describe('buildPodStatus', () => {
  it('reports kubelet conditions in order with the real reasons and messages', () => {
    const s = buildPodStatus(view(), undefined, 'T1');
    expect(s.phase).toBe('Running');
    expect(s.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['PodReadyToStartContainers', 'True', undefined, undefined],
      ['Initialized', 'True', undefined, undefined],
      ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [side]'],
      ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [side]'],
    ]);
    expect(s.podIPs).toEqual([{ ip: '10.244.1.2' }]);
    expect(s.conditions!.every((c) => c.lastProbeTime === null && c.lastTransitionTime === 'T1')).toBe(true);
  });

  it('keeps transition times for unchanged conditions', () => {
    const first = buildPodStatus(view(), undefined, 'T1');
    const second = buildPodStatus(view({ statuses: [cs('web', running, { ready: true }), cs('side', running, { ready: true })] }), first, 'T2');
    const t = Object.fromEntries(second.conditions!.map((c) => [c.type, c.lastTransitionTime]));
    expect(t).toEqual({ PodReadyToStartContainers: 'T1', Initialized: 'T1', Ready: 'T2', ContainersReady: 'T2' });
  });

  it('uses PodCompleted / PodFailed for finished pods and keeps a terminal phase', () => {
    const done = buildPodStatus(view({ statuses: [cs('web', exited(0)), cs('side', exited(0))], podIsTerminal: true, sandboxReady: false }), undefined, 'T');
    expect(done.phase).toBe('Succeeded');
    expect(done.conditions!.find((c) => c.type === 'Ready')?.reason).toBe('PodCompleted');
    expect(done.conditions!.find((c) => c.type === 'Initialized')?.reason).toBe('PodCompleted');
    const still = buildPodStatus(view({ statuses: [cs('web', waiting), cs('side', waiting)] }), { phase: 'Failed' }, 'T');
    expect(still.phase).toBe('Failed');
  });

  it('reports an admission rejection', () => {
    const s = buildPodStatus(view({ rejection: { reason: 'OutOfcpu', message: 'Node didn\'t have enough resource: cpu, requested: 500, used: 3800, capacity: 4000' } }), undefined, 'T');
    expect(s).toEqual({ phase: 'Failed', reason: 'OutOfcpu', message: 'Pod was rejected: Node didn\'t have enough resource: cpu, requested: 500, used: 3800, capacity: 4000', startTime: '2026-01-01T09:00:00Z' });
  });

  it('lists incomplete init containers', () => {
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: spec('Always', ['a'], [{ name: 'init-db', image: 'i' }]) };
    const s = buildPodStatus(view({ pod, initStatuses: [cs('init-db', running)], statuses: [cs('a', { waiting: { reason: 'PodInitializing' } })] }), undefined, 'T');
    expect(s.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-db]' });
  });
});

describe('mergePodStatus', () => {
  it('keeps conditions owned by others after the kubelet ones', () => {
    const mine = buildPodStatus(view(), undefined, 'T');
    const api = { phase: 'Pending' as const, nominatedNodeName: 'n', conditions: [
      { type: 'PodScheduled', status: 'True' as const },
      { type: 'DisruptionTarget', status: 'True' as const, reason: 'DeletionByTaintManager' },
      { type: 'Ready', status: 'True' as const },
    ] };
    const merged = mergePodStatus(api, mine);
    expect(merged.conditions!.map((c) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'DisruptionTarget']);
    expect(merged.nominatedNodeName).toBe('n');
    expect(statusUpToDate(merged, mine)).toBe(true);
    expect(statusUpToDate(api, mine)).toBe(false);
  });

  it('withTransitionTimes stamps new and changed conditions only', () => {
    const out = withTransitionTimes([{ type: 'Ready', status: 'True' }], [{ type: 'Ready', status: 'True', lastTransitionTime: 'OLD' }], 'NOW');
    expect(out[0]!.lastTransitionTime).toBe('OLD');
  });

  it.each([
    { name: 'identical condition', old: { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: 'OLD', reason: 'R', message: 'M' }, kept: true },
    { name: 'other message', old: { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: 'OLD', reason: 'R', message: 'X' }, kept: false },
    { name: 'other key order', old: { type: 'Ready', status: 'False', lastTransitionTime: 'OLD', lastProbeTime: null, reason: 'R', message: 'M' }, kept: false },
    { name: 'no lastProbeTime', old: { type: 'Ready', status: 'False', lastTransitionTime: 'OLD', reason: 'R', message: 'M' }, kept: false },
    { name: 'an extra key', old: { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: 'OLD', reason: 'R', message: 'M', lastUpdateTime: 'U' }, kept: false },
  ] as { name: string; old: Condition; kept: boolean }[])('withTransitionTimes keeps the previous object only when it is what it would build: $name', ({ old, kept }) => {
    const [out] = withTransitionTimes([{ type: 'Ready', status: 'False', reason: 'R', message: 'M' }], [old], 'NOW');
    expect(out === old).toBe(kept);
    expect(out).toEqual({ type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: 'OLD', reason: 'R', message: 'M' });
    expect(Object.keys(out!)).toEqual(['type', 'status', 'lastProbeTime', 'lastTransitionTime', 'reason', 'message']);
  });

  it('statusUpToDate answers as deepEqual(mergePodStatus(api, mine), api) on random statuses', () => {
    const rng = new Rng(7);
    const pick = <T,>(xs: readonly T[]): T => xs[rng.nextUint32() % xs.length]!;
    const conds = (): Condition[] => Array.from({ length: rng.nextUint32() % 4 }, () => ({ type: pick(['Ready', 'Initialized', 'PodScheduled', 'DisruptionTarget']), status: pick(['True', 'False'] as const) }));
    const status = (): PodStatus => {
      const s: PodStatus = {};
      if (rng.nextUint32() % 2) s.phase = pick(['Pending', 'Running'] as const);
      if (rng.nextUint32() % 3) s.conditions = conds();
      if (rng.nextUint32() % 2) s.nominatedNodeName = pick(['', 'n1', 'n2']);
      if (rng.nextUint32() % 2) s.hostIP = pick(['10.0.0.1', '10.0.0.2']);
      if (rng.nextUint32() % 4 === 0) s.podIP = undefined;
      return s;
    };
    let upToDate = 0;
    for (let i = 0; i < 3000; i++) {
      const mine = status();
      // Half the time the API holds the merge itself (or a near copy): the interesting case.
      const api = i % 2 ? status() : { ...mergePodStatus(status(), mine) };
      if (i % 6 === 0 && api.conditions) api.conditions = [...api.conditions].reverse();
      const want = deepEqual(mergePodStatus(api, mine), api);
      if (want) upToDate++;
      expect(statusUpToDate(api, mine)).toBe(want);
      expect(statusUpToDate(undefined, mine)).toBe(deepEqual(mergePodStatus(undefined, mine), {}));
    }
    expect(upToDate).toBeGreaterThan(100);
  });

  it('unmergePodStatus gives back what was merged (same keys, same order, same conditions) on random statuses', () => {
    const rng = new Rng(13);
    const pick = <T,>(xs: readonly T[]): T => xs[rng.nextUint32() % xs.length]!;
    const conds = (types: readonly string[]): Condition[] => Array.from({ length: rng.nextUint32() % 4 }, () => ({ type: pick(types), status: pick(['True', 'False'] as const) }));
    const status = (types: readonly string[], nominated: boolean): PodStatus => {
      const s: PodStatus = {};
      if (rng.nextUint32() % 2) s.phase = pick(['Pending', 'Running'] as const);
      if (rng.nextUint32() % 3) s.conditions = conds(types);
      if (nominated && rng.nextUint32() % 2) s.nominatedNodeName = pick(['', 'n1']);
      if (rng.nextUint32() % 2) s.hostIP = pick(['10.0.0.1', '10.0.0.2']);
      if (rng.nextUint32() % 4 === 0) s.podIP = undefined;
      return s;
    };
    for (let i = 0; i < 2000; i++) {
      const mine = status(['Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers'], false);
      const api = i % 3 ? status(['Ready', 'PodScheduled', 'DisruptionTarget'], true) : undefined;
      const back = unmergePodStatus(mergePodStatus(api, mine), mine.conditions?.length ?? -1);
      expect(Object.keys(back)).toEqual(Object.keys(mine));
      expect(back).toEqual(mine);
      back.conditions?.forEach((c, j) => expect(c).toBe(mine.conditions![j]));
    }
  });

  it('buildPodStatus builds the same status from the stored merge as from what was merged', () => {
    const mine = buildPodStatus(view(), undefined, 'T1');
    const api = { phase: 'Pending' as const, nominatedNodeName: 'n', conditions: [{ type: 'PodScheduled', status: 'True' as const }, { type: 'Ready', status: 'True' as const }] };
    const merged = mergePodStatus(api, mine);
    const next = view({ statuses: [cs('web', running, { ready: true }), cs('side', running, { ready: true })] });
    const fromMerge = buildPodStatus(next, merged, 'T2');
    expect(fromMerge).toEqual(buildPodStatus(next, mine, 'T2'));
    expect(fromMerge.conditions!.map((c) => c.lastTransitionTime)).toEqual(['T1', 'T1', 'T2', 'T2']);
  });

  it('mergeKeepsUpToDate: a merge of a status with kubelet conditions only is up to date with it, whatever it merged into', () => {
    const rng = new Rng(11);
    const pick = <T,>(xs: readonly T[]): T => xs[rng.nextUint32() % xs.length]!;
    const conds = (types: readonly string[]): Condition[] => Array.from({ length: rng.nextUint32() % 4 }, () => ({ type: pick(types), status: pick(['True', 'False'] as const) }));
    const status = (types: readonly string[]): PodStatus => {
      const s: PodStatus = {};
      if (rng.nextUint32() % 2) s.phase = pick(['Pending', 'Running'] as const);
      if (rng.nextUint32() % 3) s.conditions = conds(types);
      if (rng.nextUint32() % 2) s.nominatedNodeName = pick(['', 'n1']);
      if (rng.nextUint32() % 4 === 0) s.podIP = undefined;
      return s;
    };
    let kept = 0;
    for (let i = 0; i < 2000; i++) {
      const mine = i % 3 === 0 ? status(['Ready', 'PodScheduled']) : status(['Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);
      const api = i % 2 ? undefined : status(['Ready', 'PodScheduled', 'DisruptionTarget']);
      if (!mergeKeepsUpToDate(mine)) continue;
      kept++;
      expect(statusUpToDate(mergePodStatus(api, mine), mine)).toBe(true);
    }
    expect(kept).toBeGreaterThan(1000);
    expect(mergeKeepsUpToDate({ conditions: [{ type: 'PodScheduled', status: 'True' }] })).toBe(false);
    expect(mergeKeepsUpToDate(buildPodStatus(view(), undefined, 'T'))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { EventRecorder } from '../client/event-recorder';
import { testApi, testEnv } from '../ha/test-support';
import { SchedulerCache } from '../scheduler/cache/cache';
import { newPodInfo } from '../scheduler/cache/pod-info';
import { CycleState } from '../scheduler/framework/cycle-state';
import type { FrameworkHandle } from '../scheduler/framework/interfaces';
import { Code } from '../scheduler/framework/status';
import { makeNode, makePod } from '../scheduler/testing/builders';
import { LOCAL_PATH_PROVISIONER, NO_PROVISIONER, StorageAnnotation, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from './types';
import { newVolumeBinding, VolumeBindingReason, type VolumeListers } from './volume-binding';

function cls(name: string, provisioner: string, mode: 'Immediate' | 'WaitForFirstConsumer'): StorageClass {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: mode };
}

function claim(name: string, className: string, extra: Partial<PersistentVolumeClaim['spec']> = {}, annotations?: Record<string, string>): PersistentVolumeClaim {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '5', ...(annotations ? { annotations } : {}) },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: className, ...extra },
  };
}

function localPv(name: string, node: string, className: string, claimRef?: string): PersistentVolume {
  return {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: { name, resourceVersion: '7' },
    spec: {
      capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: className, local: { path: `/mnt/${name}` },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      ...(claimRef ? { claimRef: { namespace: 'default', name: claimRef, uid: `uid-${claimRef}` } } : {}),
    },
    status: { phase: claimRef ? 'Bound' : 'Available' },
  };
}

function zonalPv(name: string, zone: string, claimRef: string): PersistentVolume {
  const pv = localPv(name, 'unused', 'local-path', claimRef);
  return { ...pv, spec: { ...pv.spec, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [zone] }] }] } } } };
}

function listers(claims: PersistentVolumeClaim[], pvs: PersistentVolume[]): VolumeListers {
  const classes = [cls('local-path', LOCAL_PATH_PROVISIONER, 'WaitForFirstConsumer'), cls('local-storage', NO_PROVISIONER, 'WaitForFirstConsumer'), cls('fast', 'ebs.csi.aws.com', 'Immediate')];
  return {
    claim: (_ns, name) => claims.find((c) => c.metadata.name === name),
    volume: (name) => pvs.find((p) => p.metadata.name === name),
    volumes: () => pvs,
    storageClass: (name) => classes.find((c) => c.metadata.name === name),
  };
}

function withClaims(pod: Pod, ...names: string[]): Pod {
  return { ...pod, spec: { ...pod.spec, volumes: names.map((n) => ({ name: n, persistentVolumeClaim: { claimName: n } })) } };
}

function handle(): FrameworkHandle {
  const env = testEnv();
  const api = testApi(env);
  api.create({ component: 'test' }, 'namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return {
    cache: new SchedulerCache(), listers: { servicesSelecting: () => [], replicaSet: () => undefined, statefulSet: () => undefined, namespaceLabels: () => undefined, podDisruptionBudgets: () => [] },
    rng: env.rng, api, component: 'scheduler', recorder: new EventRecorder(env, api, 'default-scheduler'), now: () => env.now(), runFilterWithNominated: () => null,
  };
}

/** PreFilter, then Filter on worker-1 and worker-2; the outcome per node as `ok` or the reasons. */
function run(pod: Pod, l: VolumeListers): { preFilter: string; nodes: Record<string, string> } {
  const plugin = newVolumeBinding(handle(), l);
  const state = new CycleState(undefined);
  const pi = newPodInfo(pod);
  const pre = plugin.preFilter(state, pi, []);
  if (pre.status && pre.status.code !== Code.Success) return { preFilter: pre.status.code === Code.Skip ? 'skip' : pre.status.message(), nodes: {} };
  const cache = new SchedulerCache();
  const nodes: Record<string, string> = {};
  for (const n of ['worker-1', 'worker-2']) {
    const s = plugin.filter(state, pi, cache.addOrUpdateNode(makeNode(n)));
    nodes[n] = s === null ? 'ok' : s.message();
  }
  return { preFilter: 'ok', nodes };
}

describe('VolumeBinding', () => {
  it.each([
    ['no claims: skipped', [], [], [], { preFilter: 'skip', nodes: {} }],
    ['a missing claim', ['data'], [], [], { preFilter: 'persistentvolumeclaim "data" not found', nodes: {} }],
    ['a claim being deleted', ['data'], [{ ...claim('data', 'local-path'), metadata: { ...claim('data', 'local-path').metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }], [], { preFilter: 'persistentvolumeclaim "data" is being deleted', nodes: {} }],
    ['an unbound Immediate claim', ['data'], [claim('data', 'fast')], [], { preFilter: VolumeBindingReason.UnboundImmediate, nodes: {} }],
    ['a claim without a class is Immediate', ['data'], [claim('data', '')], [], { preFilter: VolumeBindingReason.UnboundImmediate, nodes: {} }],
    ['bound to a local volume on worker-1', ['data'], [claim('data', 'local-path', { volumeName: 'pv-1' })], [localPv('pv-1', 'worker-1', 'local-path', 'data')],
      { preFilter: 'ok', nodes: { 'worker-1': 'ok', 'worker-2': VolumeBindingReason.NodeConflict } }],
    ['bound to a volume that is gone', ['data'], [claim('data', 'local-path', { volumeName: 'pv-x' })], [],
      { preFilter: 'ok', nodes: { 'worker-1': VolumeBindingReason.PVNotExist, 'worker-2': VolumeBindingReason.PVNotExist } }],
    ['WaitForFirstConsumer with a provisioner: any node', ['data'], [claim('data', 'local-path')], [], { preFilter: 'ok', nodes: { 'worker-1': 'ok', 'worker-2': 'ok' } }],
    ['WaitForFirstConsumer already placed on worker-2', ['data'], [claim('data', 'local-path', {}, { [StorageAnnotation.selectedNode]: 'worker-2' })], [],
      { preFilter: 'ok', nodes: { 'worker-1': VolumeBindingReason.BindConflict, 'worker-2': 'ok' } }],
    ['static local volumes only: the node that has a free one', ['data'], [claim('data', 'local-storage')], [localPv('pv-2', 'worker-2', 'local-storage')],
      { preFilter: 'ok', nodes: { 'worker-1': VolumeBindingReason.BindConflict, 'worker-2': 'ok' } }],
    ['static volume too small', ['data'], [claim('data', 'local-storage', { resources: { requests: { storage: '10Gi' } } })], [localPv('pv-2', 'worker-2', 'local-storage')],
      { preFilter: 'ok', nodes: { 'worker-1': VolumeBindingReason.BindConflict, 'worker-2': VolumeBindingReason.BindConflict } }],
    ['both reasons at once', ['a', 'b'], [claim('a', 'local-path', { volumeName: 'pv-1' }), claim('b', 'local-storage')], [localPv('pv-1', 'worker-1', 'local-path', 'a')],
      { preFilter: 'ok', nodes: { 'worker-1': VolumeBindingReason.BindConflict, 'worker-2': `${VolumeBindingReason.NodeConflict}, ${VolumeBindingReason.BindConflict}` } }],
  ] as const)('%s', (_name, names, claims, pvs, want) => {
    const pod = withClaims(makePod('db'), ...names);
    expect(run(pod, listers([...claims], [...pvs]))).toEqual(want);
  });

  it.each([
    ['one local volume: its node', [localPv('pv-1', 'worker-1', 'local-path', 'a')], ['worker-1']],
    ['two local volumes on different nodes: none (the framework says "didn\'t satisfy plugin VolumeBinding")', [localPv('pv-1', 'worker-1', 'local-path', 'a'), localPv('pv-2', 'worker-2', 'local-path', 'b')], []],
    ['a zonal volume pins no hostname: every node, Filter decides', [zonalPv('pv-z', 'zone-a', 'a')], undefined],
  ] as const)('PreFilter narrows to the nodes of bound local volumes (GetEligibleNodes): %s', (_name, pvs, want) => {
    const names = pvs.map((pv) => pv.spec.claimRef?.name ?? '');
    const claims = names.map((n, i) => claim(n, 'local-path', { volumeName: pvs[i]!.metadata.name }));
    const plugin = newVolumeBinding(handle(), listers(claims, [...pvs]));
    const pre = plugin.preFilter(new CycleState(undefined), newPodInfo(withClaims(makePod('db'), ...names)), []);
    expect(pre.status).toBeNull();
    expect(pre.nodeNames === undefined ? undefined : [...pre.nodeNames].sort()).toEqual(want);
  });

  it('a zonal volume outside the node\'s zone is a volume node affinity conflict', () => {
    const l = listers([claim('a', 'local-path', { volumeName: 'pv-z' })], [zonalPv('pv-z', 'zone-a', 'a')]);
    const plugin = newVolumeBinding(handle(), l);
    const state = new CycleState(undefined);
    const pi = newPodInfo(withClaims(makePod('db'), 'a'));
    plugin.preFilter(state, pi, []);
    const cache = new SchedulerCache();
    const inZone = cache.addOrUpdateNode(makeNode('worker-1', { labels: { 'topology.kubernetes.io/zone': 'zone-a' } }));
    expect(plugin.filter(state, pi, inZone)).toBeNull();
    expect(plugin.filter(state, pi, cache.addOrUpdateNode(makeNode('worker-2')))?.message()).toBe(VolumeBindingReason.NodeConflict);
  });

  it('Reserve asks the provisioner for the chosen node, or pre-binds a chosen static volume', () => {
    const h = handle();
    const ctx = { component: 'test' };
    const make = <T extends PersistentVolumeClaim | PersistentVolume>(resource: string, obj: T): T => {
      const r = h.api.create<T>(ctx, resource, obj.metadata.namespace, obj);
      if (!r.ok) throw new Error(r.status.message);
      return r.value;
    };
    const dyn = make('persistentvolumeclaims', claim('dyn', 'local-path'));
    const stat = make('persistentvolumeclaims', claim('stat', 'local-storage'));
    const pv = make('persistentvolumes', localPv('pv-2', 'worker-2', 'local-storage'));
    const plugin = newVolumeBinding(h, listers([dyn, stat], [pv]));
    const state = new CycleState(undefined);
    const pi = newPodInfo(withClaims(makePod('db'), 'dyn', 'stat'));
    plugin.preFilter(state, pi, []);
    expect(plugin.filter(state, pi, new SchedulerCache().addOrUpdateNode(makeNode('worker-2')))).toBeNull();
    expect(plugin.reserve(state, pi, 'worker-2')).toBeNull();
    expect(h.api.peek<PersistentVolumeClaim>('persistentvolumeclaims', 'default', 'dyn')?.metadata.annotations?.[StorageAnnotation.selectedNode]).toBe('worker-2');
    expect(h.api.peek<PersistentVolume>('persistentvolumes', undefined, 'pv-2')?.spec.claimRef).toMatchObject({ namespace: 'default', name: 'stat', uid: stat.metadata.uid });
  });
});

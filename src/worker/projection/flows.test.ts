import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../engine/log/interaction-log';
import { canvasEndpoint, FlowAccumulator, flowEdge, flowKind } from './flows';

const rec = (over: Partial<Interaction>): Interaction => ({ seq: 0, tMs: 0, kind: 'request', from: 'scheduler', to: 'apiserver', label: 'GET /api/v1/pods', ...over });

describe('flows', () => {
  it.each([
    ['apiserver', 'apiserver'],
    ['kcm/deployment-controller', 'controller-manager'],
    ['kubelet/worker-1', 'node/worker-1'],
    ['runtime/worker-3', 'node/worker-3'],
    ['user/kubectl', 'kubectl'],
    ['user/sandbox', 'kubectl'],
    ['something-else', undefined],
  ])('%s → %s', (id, want) => {
    expect(canvasEndpoint(id)).toBe(want);
  });

  it('classifies binds, lease renewals, watches and image pulls', () => {
    expect(flowKind(rec({ label: 'POST /api/v1/namespaces/default/pods/web-1/binding' }))).toBe('bind');
    expect(flowKind(rec({ label: 'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/worker-1' }))).toBe('heartbeat');
    expect(flowKind(rec({ kind: 'watch' }))).toBe('watch');
    expect(flowEdge(rec({ kind: 'runtime', from: 'kubelet/worker-1', to: 'runtime/worker-1', label: 'pull image nginx' }))).toEqual({ from: 'node/worker-1', to: 'registry' });
    expect(flowEdge(rec({ kind: 'runtime', from: 'kubelet/worker-1', to: 'runtime/worker-1', label: 'start container' }))).toBeUndefined();
  });

  it('counts per frame and drops idle edges back to 0', () => {
    const acc = new FlowAccumulator();
    acc.add(rec({}));
    acc.add(rec({ kind: 'watch', from: 'apiserver', to: 'scheduler' }));
    acc.add(rec({}));
    const f1 = acc.frame();
    expect(f1.find((f) => f.key === 'scheduler>apiserver')).toMatchObject({ recent: 2, total: 2, kind: 'request' });
    expect(f1.find((f) => f.key === 'apiserver>scheduler')).toMatchObject({ recent: 1, kind: 'watch' });
    const f2 = acc.frame();
    expect(f2.find((f) => f.key === 'scheduler>apiserver')).toMatchObject({ recent: 0, total: 2 });
  });
});

import { describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/types';
import type { FlowBucket } from '../../engine/traffic';
import { emptyCounters } from '../../engine/traffic/counters';
import { EMPTY_TALLY } from '../../engine/traffic/flows';
import { loadScenario } from '../scenario';
import { TrafficProjection, workloadName } from './traffic';
import { backendLabel, trafficTotals, windowDelta } from './traffic-counters';

function pod(name: string, owner?: { kind: string; name: string }, hash?: string): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'ns', ...(hash ? { labels: { 'pod-template-hash': hash } } : {}), ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: 'u', controller: true }] } : {}) },
    spec: { containers: [] },
  } as Pod;
}

describe('workloadName', () => {
  it.each([
    ['a Deployment pod', pod('web-5d8f7c9b4-x2x9z', { kind: 'ReplicaSet', name: 'web-5d8f7c9b4' }, '5d8f7c9b4'), 'web'],
    ['a DaemonSet pod', pod('agent-abcde', { kind: 'DaemonSet', name: 'agent' }), 'agent'],
    ['a bare pod', pod('debug'), 'debug'],
    ['a ReplicaSet without the hash label', pod('rs-1-abc', { kind: 'ReplicaSet', name: 'rs-1' }), 'rs-1'],
  ])('%s', (_n, p, name) => {
    expect(workloadName(p)).toBe(name);
  });
});

describe('rates over the window', () => {
  const bucket = (seq: number, tally: FlowBucket['tally']): FlowBucket => ({ seq, startMs: seq * 1000, endMs: seq * 1000 + 1000, edges: [], tally });

  it('counts what failed and was dropped within the window’s buckets, per second, and names the dominant failure', () => {
    const buckets = [
      bucket(0, { failed: 12, failures: { 'no-endpoints': 8, denied: 10 }, dropped: 6, droppedBy: { 'queue-full': 6 } }),
      bucket(1, { failed: 18, failures: { 'no-endpoints': 12, timeout: 15 }, dropped: 6, droppedBy: { 'no-agent': 6 } }),
      bucket(2, EMPTY_TALLY),
    ];
    const d = windowDelta(buckets);
    expect(d).toEqual({ failedPerSec: 10, droppedPerSec: 4, requestReason: 'no ready endpoints', exportReason: 'exporter queue full' });
    const c = emptyCounters();
    c.requests.failed = 30;
    c.spans.droppedBy['queue-full'] = 12;
    expect(trafficTotals(c, d, 'B', false)).toMatchObject({ failedRequests: 30, failedPerSec: 10, droppedBy: { 'queue-full': 12 }, backend: 'B', backendReachable: false });
  });

  it('is zero for a quiet window, however long ago things failed', () => {
    expect(windowDelta([bucket(7, EMPTY_TALLY)])).toEqual({ failedPerSec: 0, droppedPerSec: 0, requestReason: null, exportReason: null });
  });

  it.each([
    ['backend/splunk-observability-cloud', 'Splunk Observability Cloud'],
    ['backend/observability-backend', 'Observability backend'],
  ])('backendLabel(%s) = %s', (id, label) => {
    expect(backendLabel(id)).toBe(label);
  });
});

describe('TrafficProjection on the k3s scenario', () => {
  it('shows /api reaching the backend and the frontend denied by the NetworkPolicy', () => {
    const { runner } = loadScenario('k3s-single-node', (c, cmd) => c.run(cmd, 'step'));
    runner.runUntil(90_000);
    const p = new TrafficProjection(runner.cluster);
    const frame = p.frame();
    expect(frame).toBeDefined();
    const recs = frame!.traffic;
    expect(recs.length).toBeLessThan(50);
    expect(recs.find((r) => r.fromLabel === 'nginx-ingress-controller' && r.toLabel === 'backend')).toMatchObject({ kind: 'request', from: 'node/server', to: 'node/server' });
    expect(recs.find((r) => r.kind === 'denied')).toMatchObject({ fromLabel: 'frontend', toLabel: 'postgres', reason: 'denied by taskmaster/postgres-allow-backend' });
    expect(recs.filter((r) => r.from === 'users').map((r) => r.fromLabel).sort()).toEqual(['browser', 'browser-api']);
    // Nothing new until the next bucket closes.
    expect(p.frame()).toBeUndefined();
    runner.runUntil(91_000);
    expect(p.frame()).toBeDefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/types';
import { emptyCounters } from '../../engine/traffic/counters';
import { loadScenario } from '../scenario';
import { TrafficProjection, workloadName } from './traffic';
import { backendLabel, CounterWindow } from './traffic-counters';

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

describe('CounterWindow', () => {
  it('turns cumulative counters into rates over the window, and names the dominant failure', () => {
    const w = new CounterWindow();
    const c = emptyCounters();
    expect(w.push(1000, c).failedPerSec).toBe(0);
    c.requests.failed = 30;
    c.failures['no-endpoints'] = 20;
    c.failures.denied = 25;
    c.spans.dropped = 12;
    c.spans.droppedBy['queue-full'] = 12;
    const d = w.push(4000, c);
    expect(d).toEqual({ failedPerSec: 10, droppedPerSec: 4, requestReason: 'no ready endpoints', exportReason: 'exporter queue full' });
    expect(w.totals(c, d, 'B', false)).toMatchObject({ failedRequests: 30, droppedBy: { 'queue-full': 12 }, backend: 'B', backendReachable: false });
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

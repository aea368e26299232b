import { describe, expect, it } from 'vitest';
import type { Condition, Lease, Node } from '../../api/types';
import { rfc3339, rfc3339Micro } from '../../sim/time';
import { tryUpdateNodeHealth, type NodeHealth } from './node-health';

const cond = (type: string, status: Condition['status'], hb: number): Condition => ({ type, status, lastHeartbeatTime: rfc3339(hb), lastTransitionTime: rfc3339(0) });
const node = (hb: number | undefined): Node => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', creationTimestamp: rfc3339(0) }, spec: {},
  status: hb === undefined ? {} : { conditions: [cond('MemoryPressure', 'False', hb), cond('DiskPressure', 'False', hb), cond('PIDPressure', 'False', hb), cond('Ready', 'True', hb)] },
});
const lease = (renew: number): Lease => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n' }, spec: { renewTime: rfc3339Micro(renew) } });

/** Runs monitor passes every 5 s from `from` to `to`, with the lease renewed until `lastRenew`. */
function simulate(n: Node, lastRenew: number, to: number): { unknownAt: number | undefined; health: NodeHealth | undefined } {
  let health: NodeHealth | undefined;
  for (let t = 0; t <= to; t += 5000) {
    const renew = Math.min(t, lastRenew) - (Math.min(t, lastRenew) % 10_000);
    const res = tryUpdateNodeHealth(n, health, lease(renew), t);
    health = res.health;
    if (res.conditions) return { unknownAt: t, health };
  }
  return { unknownAt: undefined, health };
}

describe('tryUpdateNodeHealth', () => {
  it('leaves a heartbeating node alone', () => {
    expect(simulate(node(0), Infinity, 600_000).unknownAt).toBeUndefined();
  });

  it('marks the node Unknown 50 s after the last lease renewal was seen', () => {
    expect(simulate(node(0), 30_000, 600_000).unknownAt).toBe(80_000);
  });

  it('rewrites the monitored conditions with the real reason and message', () => {
    const res = tryUpdateNodeHealth(node(0), { probeTimestampMs: 0, readyTransitionTimestampMs: 0, status: node(0).status, leaseRenewMs: 0, leaseRenewTime: rfc3339Micro(0) }, lease(0), 50_000);
    expect(res.observedReady.status).toBe('True');
    expect(res.currentReady).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: rfc3339(50_000) });
    expect(res.conditions!.filter((c) => c.status === 'Unknown').map((c) => c.type)).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']);
  });

  it('gives a node that never posted status the 60 s startup grace', () => {
    const first = tryUpdateNodeHealth(node(undefined), undefined, undefined, 55_000);
    expect(first.conditions).toBeUndefined();
    const later = tryUpdateNodeHealth(node(undefined), first.health, undefined, 60_000);
    expect(later.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
  });

  it('a new Ready heartbeat restarts the clock', () => {
    const h = tryUpdateNodeHealth(node(0), undefined, undefined, 0).health;
    const again = tryUpdateNodeHealth(node(40_000), h, undefined, 45_000);
    expect(again.health.probeTimestampMs).toBe(45_000);
    expect(tryUpdateNodeHealth(node(40_000), again.health, undefined, 90_000).conditions).toBeUndefined();
    expect(tryUpdateNodeHealth(node(40_000), again.health, undefined, 95_000).conditions).toBeDefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../api/types';
import { advance, testApi, testEnv } from '../ha/test-support';
import { AGGREGATE_MAX_EVENTS, COMBINED_PREFIX, EventCorrelator, SPAM_BURST, SPAM_REFILL_MS } from './event-correlator';
import { EventRecorder } from './event-recorder';

const CTX = { component: 'test' };
const RS = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8c6b5', namespace: 'kube-system', uid: 'rs-uid' };

function setUp(): { recorder: EventRecorder; events: () => KubeEvent[]; advanceMs: (ms: number) => void } {
  const env = testEnv();
  const api = testApi(env);
  const recorder = new EventRecorder(env, api, 'replicaset-controller');
  return {
    recorder,
    events: () => api.snapshot<KubeEvent>('events'),
    advanceMs: (ms) => advance(env, ms),
  };
}

describe('EventRecorder (client-go EventCorrelator)', () => {
  it('patches the count of a repeated event instead of creating another', () => {
    const { recorder, events, advanceMs } = setUp();
    recorder.record(CTX, RS, 'Warning', 'FailedCreate', 'quota exceeded');
    advanceMs(5000);
    recorder.record(CTX, RS, 'Warning', 'FailedCreate', 'quota exceeded');
    const all = events();
    expect(all).toHaveLength(1);
    expect(all[0]!.count).toBe(2);
    expect(all[0]!.firstTimestamp).not.toBe(all[0]!.lastTimestamp);
  });

  it('aggregates more than 10 similar events (same reason, other messages) into one combined event', () => {
    const { recorder, events } = setUp();
    for (let i = 0; i < 15; i++) recorder.record(CTX, RS, 'Normal', 'SuccessfulCreate', `Created pod: web-7d9f8c6b5-${i}`);
    const all = events();
    const single = all.filter((e) => !e.message?.startsWith(COMBINED_PREFIX));
    const combined = all.filter((e) => e.message?.startsWith(COMBINED_PREFIX));
    expect(single).toHaveLength(AGGREGATE_MAX_EVENTS - 1);
    expect(combined).toHaveLength(1);
    expect(combined[0]!.message).toBe(`${COMBINED_PREFIX}Created pod: web-7d9f8c6b5-14`);
    expect(combined[0]!.count).toBe(15 - (AGGREGATE_MAX_EVENTS - 1));
  });

  it('drops events past a burst of 25 per object until the bucket refills (one per 5 minutes)', () => {
    const { recorder, events, advanceMs } = setUp();
    const combinedCount = (): number | undefined => events().find((e) => e.message?.startsWith(COMBINED_PREFIX))?.count;
    for (let i = 0; i < 40; i++) recorder.record(CTX, RS, 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
    // 9 single events, then the combined one written 16 times (25 in all); the other 15 are dropped.
    expect(combinedCount()).toBe(SPAM_BURST - (AGGREGATE_MAX_EVENTS - 1));
    advanceMs(SPAM_REFILL_MS);
    recorder.record(CTX, RS, 'Normal', 'SuccessfulCreate', 'Created pod: web-40');
    // The dropped occurrences were still counted: the next write carries them.
    expect(combinedCount()).toBe(41 - (AGGREGATE_MAX_EVENTS - 1));
    recorder.record(CTX, RS, 'Normal', 'SuccessfulCreate', 'Created pod: web-41');
    expect(combinedCount()).toBe(41 - (AGGREGATE_MAX_EVENTS - 1));
  });

  it('rate-limits each object on its own', () => {
    const { recorder, events } = setUp();
    for (let i = 0; i < 30; i++) recorder.record(CTX, { ...RS, name: `rs-${i}`, uid: `uid-${i}` }, 'Normal', 'SuccessfulCreate', 'Created pod: x');
    expect(events()).toHaveLength(30);
  });
});

describe('EventCorrelator', () => {
  const input = (message: string, reason = 'SuccessfulCreate') => ({ involved: RS, type: 'Normal', reason, message });

  it('starts a new aggregation window after 10 minutes', () => {
    const c = new EventCorrelator();
    for (let i = 0; i < AGGREGATE_MAX_EVENTS - 1; i++) expect(c.observe(input(`m${i}`), i).message).toBe(`m${i}`);
    expect(c.observe(input('m-late'), 11 * 60_000).message).toBe('m-late');
  });

  it('remembers a bounded number of events per object (the oldest is forgotten)', () => {
    const c = new EventCorrelator();
    const log = { count: 1, name: 'e', namespace: 'kube-system', firstTimestamp: '' };
    for (let i = 0; i < 300; i++) c.created(c.observe(input('m', `Reason${i}`), 0), log);
    expect(c.observe(input('m', 'Reason0'), 0).previous).toBeUndefined();
    expect(c.observe(input('m', 'Reason299'), 0).previous).toBeDefined();
  });

  it('keeps reasons apart', () => {
    const c = new EventCorrelator();
    for (let i = 0; i < AGGREGATE_MAX_EVENTS - 1; i++) c.observe(input(`m${i}`), 0);
    expect(c.observe(input('other', 'SuccessfulDelete'), 0).message).toBe('other');
    expect(c.observe(input('tenth'), 0).message).toBe(`${COMBINED_PREFIX}tenth`);
  });
});

describe('EventRecorder stores its Events without a copy', () => {
  it('a cluster-scoped object gives an involvedObject without undefined keys; the stored Event is frozen as built', () => {
    const { recorder, events } = setUp();
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1', uid: 'node-uid' } };
    recorder.record(CTX, node, 'Normal', 'NodeReady', 'Node worker-1 status is now: NodeReady');
    const [ev] = events();
    expect(ev!.involvedObject).toEqual({ apiVersion: 'v1', kind: 'Node', name: 'worker-1', uid: 'node-uid' });
    expect(Object.keys(ev!.involvedObject)).not.toContain('namespace');
    expect(ev!.metadata.namespace).toBe('default');
    expect(ev!.source).toEqual({ component: 'replicaset-controller' });
    expect(Object.isFrozen(ev!.involvedObject)).toBe(true);
  });

  it('an InvolvedObject handed in is copied: the caller may reuse it', () => {
    const { recorder, events } = setUp();
    const ref = { ...RS };
    recorder.record(CTX, ref, 'Normal', 'ScalingReplicaSet', 'Scaled up');
    ref.name = 'changed';
    expect(events()[0]!.involvedObject.name).toBe('web-7d9f8c6b5');
    expect(Object.isFrozen(ref)).toBe(false);
  });
});

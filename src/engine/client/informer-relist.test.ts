import { describe, expect, it } from 'vitest';
import { advance, testApi, testEnv } from '../ha/test-support';
import type { StorageGate } from '../api/apiserver';
import { etcdError, ETCD_REQUEST_TIMED_OUT } from '../ha/etcd-errors';
import { connectionRefused } from '../ha/load-balancer';
import { Informer } from './informer';

describe('informer list and relist', () => {
  it('lists from the watch cache while etcd has no quorum (resourceVersion=0)', () => {
    const env = testEnv();
    const api = testApi(env);
    const gate: StorageGate = { writeError: () => etcdError(ETCD_REQUEST_TIMED_OUT), readError: () => etcdError(ETCD_REQUEST_TIMED_OUT), cacheReadError: () => undefined };
    api.gate = gate;
    const inf = new Informer(api, { component: 'test' }, 'namespaces');
    expect(inf.start()).toBe(true);
    expect(inf.get(undefined, 'kube-system')).toBeDefined();
    expect(api.get({ component: 'test' }, 'namespaces', undefined, 'kube-system').ok).toBe(false);
  });

  it('relists with back-off (0.8 s, doubling) while no API server answers, and stops retrying when stopped', () => {
    const env = testEnv();
    const api = testApi(env);
    let down = true;
    const refused = connectionRefused('192.168.1.100:6443');
    api.gate = { writeError: () => undefined, readError: () => (down ? refused : undefined), cacheReadError: () => (down ? refused : undefined) };
    const inf = new Informer(api, { component: 'test' }, 'namespaces');
    expect(inf.start()).toBe(false);
    advance(env, 800 + 1600);
    expect(inf.running).toBe(false);
    down = false;
    advance(env, 3200);
    expect(inf.running).toBe(true);
    expect(inf.size).toBe(1);
    const other = new Informer(api, { component: 'test' }, 'namespaces');
    down = true;
    other.start();
    other.stop();
    down = false;
    advance(env, 60_000);
    expect(other.running).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { testApi, testEnv } from '../ha/test-support';
import type { ApiServer } from './apiserver';
import type { ConfigMap, Pod } from './types';

/** Requests the API server refuses before anything is written: delete preconditions, protected namespaces, binds. */

const CTX = { component: 'test' };

function withConfigMap(): { api: ApiServer; cm: ConfigMap } {
  const api = testApi(testEnv());
  const res = api.create<ConfigMap>(CTX, 'configmaps', 'kube-system', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'kube-system' }, data: { a: '1' } });
  if (!res.ok) throw new Error(res.status.message);
  return { api, cm: res.value };
}

const refusal = (r: { ok: boolean; status?: { code: number; message: string } }): [number, string] | 'ok' => (r.ok ? 'ok' : [r.status!.code, r.status!.message]);

describe('DELETE preconditions', () => {
  it.each([
    ['a uid that is not the object’s', (cm: ConfigMap) => ({ uid: `${cm.metadata.uid}x` })],
    ['a resourceVersion that is not the current one', (cm: ConfigMap) => ({ resourceVersion: `${cm.metadata.resourceVersion}0` })],
  ])('%s: 409, and the object stays', (_n, pre) => {
    const { api, cm } = withConfigMap();
    const res = api.delete(CTX, 'configmaps', 'kube-system', 'cm', { preconditions: pre(cm) });
    expect(refusal(res)).toEqual([409, 'Operation cannot be fulfilled on configmaps "cm": the object has been modified; please apply your changes to the latest version and try again']);
    expect(api.peek('configmaps', 'kube-system', 'cm')).toBeDefined();
  });

  it('matching preconditions: deleted', () => {
    const { api, cm } = withConfigMap();
    expect(refusal(api.delete(CTX, 'configmaps', 'kube-system', 'cm', { preconditions: { uid: cm.metadata.uid!, resourceVersion: cm.metadata.resourceVersion! } }))).toBe('ok');
    expect(api.peek('configmaps', 'kube-system', 'cm')).toBeUndefined();
  });
});

describe('protected namespaces', () => {
  it.each(['default', 'kube-system', 'kube-public', 'kube-node-lease'])('%s may not be deleted (403)', (ns) => {
    const api = testApi(testEnv());
    if (!api.peek('namespaces', undefined, ns)) api.create(CTX, 'namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    expect(refusal(api.delete(CTX, 'namespaces', undefined, ns))).toEqual([403, `namespaces "${ns}" is forbidden: this namespace may not be deleted`]);
  });
});

describe('pods/binding', () => {
  it('a pod already bound: 409 naming its node, and it stays where it was', () => {
    const api = testApi(testEnv());
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'kube-system' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(api.create(CTX, 'pods', 'kube-system', pod).ok).toBe(true);
    expect(refusal(api.bind(CTX, 'kube-system', 'p', 'node-a'))).toBe('ok');
    expect(refusal(api.bind(CTX, 'kube-system', 'p', 'node-b'))).toEqual([409, 'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "node-a"']);
    expect(api.peek<Pod>('pods', 'kube-system', 'p')!.spec.nodeName).toBe('node-a');
  });
});

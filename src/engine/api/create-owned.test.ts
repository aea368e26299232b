import { describe, expect, it } from 'vitest';
import { testApi, testEnv } from '../ha/test-support';
import type { ConfigMap } from './types';

const CTX = { component: 'test' };

function configMap(): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'kube-system' }, data: { a: '1' } };
}

describe('ApiServer.create with owned input', () => {
  it.each([
    { owned: false, same: false },
    { owned: true, same: true },
  ])('owned=$owned stores the input itself: $same', ({ owned, same }) => {
    const api = testApi(testEnv());
    const input = configMap();
    const res = api.create<ConfigMap>(CTX, 'configmaps', 'kube-system', input, { owned });
    expect(res.ok).toBe(true);
    const stored = api.peek<ConfigMap>('configmaps', 'kube-system', 'cm')!;
    expect(stored === input).toBe(same);
    expect(stored.metadata.uid).toBeTruthy();
    expect(stored.metadata.resourceVersion).toBeTruthy();
    expect(stored.data).toEqual({ a: '1' });
  });

  it('an owned create still runs the server checks (name taken: 409)', () => {
    const api = testApi(testEnv());
    expect(api.create(CTX, 'configmaps', 'kube-system', configMap(), { owned: true }).ok).toBe(true);
    const again = api.create(CTX, 'configmaps', 'kube-system', configMap(), { owned: true });
    expect(again.ok ? 0 : again.status.code).toBe(409);
  });
});

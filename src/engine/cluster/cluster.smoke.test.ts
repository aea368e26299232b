import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster';

describe('cluster core', () => {
  it('boots: kubelets register their nodes through the API server', () => {
    const c = new Cluster({ seed: 7, config: { freezeObjects: true } }).boot();
    expect(c.objects('nodes').map((n) => n.metadata.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);
    expect(c.objects('namespaces').map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(c.log.total).toBeGreaterThan(10);
  });
});

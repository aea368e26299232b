import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { NETWORK } from '../cluster/cluster-spec';
import { NetworkingStack } from '.';
import { app, CTX, podsOf, sandbox, scale, type Sandbox } from './test-support';

/** The directory agrees with the API: every pod by key and by IP is the latest stored version. */
function expectInSync(s: Sandbox, pods: readonly Pod[]): void {
  for (const p of pods) {
    expect(s.net.pods.get(p.metadata.namespace!, p.metadata.name)).toBe(p);
    if (p.status?.podIP && !p.spec.hostNetwork) expect(s.net.pods.byIP(p.status.podIP)).toBe(p);
  }
}

describe('PodDirectory', () => {
  it('follows pods through creation, status updates and deletion', () => {
    const s = sandbox();
    app(s, { name: 'web', replicas: 4 });
    s.cluster.advance(60_000);
    const running = podsOf(s, 'default', 'web');
    expect(running).toHaveLength(4);
    expectInSync(s, running);
    scale(s, 'default', 'web', 1);
    s.cluster.advance(120_000);
    const kept = podsOf(s, 'default', 'web');
    expect(kept).toHaveLength(1);
    expectInSync(s, kept);
    for (const gone of running.filter((p) => !kept.some((k) => k.metadata.name === p.metadata.name))) {
      expect(s.net.pods.get('default', gone.metadata.name)).toBeUndefined();
      expect(s.net.pods.byIP(gone.status!.podIP!)?.metadata.name).not.toBe(gone.metadata.name);
    }
  });
});

describe('PodDirectory indexes', () => {
  /** A second directory with a role of its own, checked against the API after every step. */
  function setup() {
    const s = sandbox();
    const net = new NetworkingStack(s.cluster.env, s.cluster.api, {
      nodeAlive: () => true,
      clusterCidr: `${NETWORK[s.cluster.spec.distribution].podCidrPrefix}.0.0/16`,
      roles: { web: (p) => p.metadata.labels?.['app'] === 'web' },
    });
    net.start();
    const check = (): void => {
      const pods = s.cluster.objects<Pod>('pods');
      const nodes = [...new Set(pods.map((p) => p.spec.nodeName).filter((n): n is string => !!n))];
      expect(nodes.length).toBeGreaterThan(0);
      for (const n of nodes) {
        const want = pods.filter((p) => p.spec.nodeName === n).map((p) => p.metadata.name).sort();
        const got = net.pods.onNode(n);
        expect(got.map((p) => p.metadata.name).sort()).toEqual(want);
        for (const p of got) expect(p).toBe(s.cluster.api.peek<Pod>('pods', p.metadata.namespace, p.metadata.name));
      }
      const web = pods.filter((p) => p.metadata.labels?.['app'] === 'web').sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
      const role = net.pods.withRole('web');
      expect(role.map((p) => p.metadata.name)).toEqual(web.map((p) => p.metadata.name));
      role.forEach((p, i) => expect(p).toBe(web[i]));
      expect([...net.pods.all()].length).toBe(pods.length);
      for (const p of pods) if (p.status?.podIP && !p.spec.hostNetwork) expect(net.pods.byIP(p.status.podIP)).toBe(p);
    };
    return { s, net, check };
  }

  it('by node, by role and all pods follow creation, status writes, relabeling and deletion', () => {
    const { s, check } = setup();
    app(s, { name: 'web', replicas: 3 });
    app(s, { name: 'db', replicas: 2 });
    s.cluster.advance(60_000);
    expect(podsOf(s, 'default', 'web').every((p) => p.status?.phase === 'Running')).toBe(true);
    check();
    const moved = podsOf(s, 'default', 'web')[0]!;
    const res = s.cluster.api.patch(CTX, 'pods', 'default', moved.metadata.name, { metadata: { labels: { app: 'other' } } });
    expect(res.ok).toBe(true);
    s.cluster.advance(60_000);
    check();
    scale(s, 'default', 'db', 0);
    s.cluster.advance(120_000);
    expect(podsOf(s, 'default', 'db')).toHaveLength(0);
    check();
  });
});

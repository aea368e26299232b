import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { app, podsOf, sandbox, scale, type Sandbox } from './test-support';

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

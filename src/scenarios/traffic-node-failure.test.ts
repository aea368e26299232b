import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../engine/api/types';
import { words } from '../engine/cluster/scenario-test-support';
import type { FlowEdge, TrafficCounters } from '../engine/traffic';
import { TRAFFIC_NODE_FAILURE } from './traffic-node-failure';
import { failedSteps, startBuiltin } from './test-support';

/** What the step outputs say, and what the traffic counters did around them. */

interface Snap { at: number; timeouts: number; failed: number; unreachable: number; exported: number; spans: FlowEdge[]; collectorsReady: string[] }

function snap(at: number, c: Readonly<TrafficCounters>, spans: FlowEdge[], pods: readonly Pod[]): Snap {
  const collectorsReady = pods.filter((p) => p.metadata.namespace === 'observability' && p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).map((p) => p.metadata.name);
  return { at, timeouts: c.failures.timeout, failed: c.requests.failed, unreachable: c.spans.droppedBy['collector-unreachable'], exported: c.spans.exported, spans, collectorsReady };
}

interface PodRow { name: string; app: string; ready: string; status: string; ip: string; node: string }

/** `kubectl get pods -o wide` rows (no namespace column). */
function podRows(lines: readonly string[]): PodRow[] {
  return lines.slice(1).map((l) => {
    const [name = '', ready = '', status = '', , , ip = '', node = ''] = words(l).split(' ');
    return { name, app: name.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, ''), ready, status, ip, node };
  });
}

/** `kubectl get endpoints` rows by Service name (any warning line above the table is skipped). */
function endpoints(lines: readonly string[]): Map<string, string> {
  const start = lines.findIndex((l) => l.startsWith('NAME '));
  return new Map(lines.slice(start + 1).map((l) => words(l).split(' ') as [string, string]).map(([name, eps]) => [name, eps]));
}

const time = (iso: string | undefined) => Date.parse(iso ?? '');

describe('traffic-node-failure', () => {
  const t = startBuiltin(TRAFFIC_NODE_FAILURE);
  const cluster = t.runner.cluster;
  // Counters every 10 s from 30 s (all pods Ready) to 7m30s (the last step).
  const snaps: Snap[] = [];
  let beforeKill: Pod[] = [];
  for (let at = 30_000; at <= 450_000; at += 10_000) {
    t.runner.runUntil(at);
    if (at === 50_000) beforeKill = cluster.objects<Pod>('pods').filter((p) => p.metadata.namespace !== 'kube-system');
    snaps.push(snap(at, cluster.traffic.counters, cluster.traffic.recentBuckets(3).flatMap((b) => b.edges.filter((e) => e.kind === 'span')), cluster.objects<Pod>('pods')));
  }
  const at = (ms: number): Snap => snaps.find((x) => x.at === ms)!;
  t.runner.runUntil(t.runner.untilMs);
  t.runner.finish();
  const shopAt40s = podRows(t.block('00:00:40', 'kubectl get pods -n shop -o wide'));
  const collectorAt40s = podRows(t.block('00:00:40', 'kubectl get pods -n observability -o wide'));
  const worker2 = cluster.api.peek<Node>('nodes', undefined, 'worker-2')!;
  const pod = (name: string) => cluster.api.peek<Pod>('pods', name.startsWith('otel-') ? 'observability' : 'shop', name)!;

  it('before the kill every span reaches the collector on worker-2 and no request fails', () => {
    const collector = collectorAt40s[0]!.name;
    expect(at(60_000).unreachable - at(30_000).unreachable).toBe(0);
    expect(at(60_000).failed - at(30_000).failed).toBe(0);
    expect(at(60_000).exported - at(30_000).exported).toBeGreaterThan(500);
    const spans = at(60_000).spans;
    expect(new Set(spans.map((e) => e.to))).toEqual(new Set([`pod/observability/${collector}`]));
    expect(new Set(spans.map((e) => e.from)).size).toBe(6);
  });

  it('until NotReady, requests sent to worker-2’s pods time out; after it, none fail: they reach worker-1 and worker-3', () => {
    expect(at(100_000).timeouts - at(60_000).timeouts).toBeGreaterThan(100);
    for (let ms = 120_000; ms < 400_000; ms += 10_000) expect([ms, at(ms + 10_000).failed - at(ms).failed]).toEqual([ms, 0]);
  });

  it('the dropped-span counter rises in every 10 s from the kill until the collector’s replacement is Running, then stops', () => {
    const original = collectorAt40s[0]!.name;
    const replaced = (x: Snap): boolean => x.collectorsReady.some((n) => n !== original);
    // The replacement is Ready about 5 min 10 s after NotReady: the 300 s toleration, then an image pull.
    const first = snaps.findIndex(replaced);
    expect(snaps[first]!.at).toBeGreaterThan(400_000);
    expect(snaps.slice(first).every(replaced)).toBe(true);
    for (let i = 1; i < snaps.length; i++) {
      const [prev, cur] = [snaps[i - 1]!, snaps[i]!];
      if (prev.at < 60_000) continue;
      const rise = cur.unreachable - prev.unreachable;
      if (!replaced(cur)) expect([cur.at, rise > 50]).toEqual([cur.at, true]);
      if (replaced(prev)) expect([cur.at, rise]).toEqual([cur.at, 0]);
    }
    expect(snaps.length - first).toBeGreaterThanOrEqual(2);
    expect(at(450_000).exported - snaps[first]!.exported).toBeGreaterThan(200);
    expect(cluster.traffic.counters.spans.droppedBy['collector-lost']).toBeGreaterThan(0);
    // Before NotReady the senders still pick the dead collector's address; after it, the Service has none.
    const oldIp = collectorAt40s[0]!.ip;
    expect(at(90_000).spans.every((e) => e.to === `ip/${oldIp}` && e.ok === 0)).toBe(true);
    expect(at(200_000).spans.every((e) => e.to === 'svc/observability/otel-collector' && e.ok === 0)).toBe(true);
    const replacement = podRows(t.block('00:07:30', 'kubectl get pods -n observability -o wide')).find((r) => r.status === 'Running')!;
    expect(at(450_000).spans.every((e) => e.to === `pod/observability/${replacement.name}` && e.failed === 0)).toBe(true);
    const c = cluster.traffic.counters.spans;
    expect(c.generated).toBe(c.exported + c.dropped + c.buffered);
  });

  it('runs to its end without a failing step', () => {
    expect(failedSteps(t.lines)).toEqual([]);
  });

  it('three workers, only worker-2 labelled for observability', () => {
    const pools = cluster.objects<Node>('nodes').filter((n) => n.metadata.name.startsWith('worker-')).map((n) => [n.metadata.name, n.metadata.labels?.['pool']]);
    expect(pools).toEqual([['worker-1', undefined], ['worker-2', 'observability'], ['worker-3', undefined]]);
  });

  it('before the kill: one storefront and one catalog on each worker, the collector on worker-2', () => {
    for (const app of ['storefront', 'catalog']) {
      const rows = shopAt40s.filter((r) => r.app === app);
      expect(rows.map((r) => `${r.node} ${r.ready} ${r.status}`).sort()).toEqual(['worker-1 1/1 Running', 'worker-2 1/1 Running', 'worker-3 1/1 Running']);
    }
    expect(collectorAt40s.map((r) => `${r.app} ${r.ready} ${r.status} ${r.node}`)).toEqual(['otel-collector 1/1 Running worker-2']);
    // The engine agrees, just before the kill.
    expect(beforeKill.filter((p) => p.spec.nodeName === 'worker-2').map((p) => p.metadata.name).sort()).toEqual(
      [...collectorAt40s, ...shopAt40s].filter((r) => r.node === 'worker-2').map((r) => r.name).sort(),
    );
  });

  it('at 2m worker-2 is NotReady and tainted unreachable; the collector has no ready endpoint, the shop only worker-1 and worker-3', () => {
    const nodes = t.block('00:02:00', 'kubectl get nodes').slice(1).map((l) => words(l).split(' ').slice(0, 2).join(' '));
    expect(nodes).toEqual(['control-plane Ready', 'worker-1 Ready', 'worker-2 NotReady', 'worker-3 Ready']);
    expect((worker2.spec?.taints ?? []).map((x) => `${x.key}:${x.effect}`).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(endpoints(t.block('00:02:00', 'kubectl get endpoints -n observability')).get('otel-collector')).toBe('<none>');
    const shop = endpoints(t.block('00:02:00', 'kubectl get endpoints -n shop'));
    for (const app of ['storefront', 'catalog']) {
      const live = shopAt40s.filter((r) => r.app === app && r.node !== 'worker-2').map((r) => `${r.ip}:8080`).sort();
      expect((shop.get(app) ?? '').split(',').sort()).toEqual(live);
    }
  });

  it('the pods on worker-2 are evicted 300 s after the taint, and their replacements are created at once', () => {
    const tainted = time(worker2.spec?.taints?.find((x) => x.effect === 'NoExecute')?.timeAdded);
    const notReady = time(worker2.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
    expect(tainted).toBe(notReady);
    const old = [...collectorAt40s, ...shopAt40s].filter((r) => r.node === 'worker-2');
    expect(old.map((r) => r.app).sort()).toEqual(['catalog', 'otel-collector', 'storefront']);
    for (const r of old) {
      const evicted = pod(r.name).status?.conditions?.find((c) => c.type === 'DisruptionTarget');
      expect([r.app, evicted?.status, time(evicted?.lastTransitionTime) - tainted]).toEqual([r.app, 'True', 300_000]);
    }
  });

  it('at 7m30s the old collector is Terminating on worker-2 and its replacement Running on another worker', () => {
    const rows = podRows(t.block('00:07:30', 'kubectl get pods -n observability -o wide'));
    const old = collectorAt40s[0]!;
    expect(rows.find((r) => r.name === old.name)).toMatchObject({ status: 'Terminating', node: 'worker-2' });
    const replacement = rows.filter((r) => r.name !== old.name);
    expect(replacement).toHaveLength(1);
    expect(replacement[0]).toMatchObject({ app: 'otel-collector', ready: '1/1', status: 'Running' });
    expect(['worker-1', 'worker-3']).toContain(replacement[0]!.node);
    expect(pod(replacement[0]!.name).spec.nodeName).toBe(replacement[0]!.node);
    const eps = endpoints(t.block('00:07:30', 'kubectl get endpoints -n observability')).get('otel-collector');
    expect(eps).toBe(`${replacement[0]!.ip}:4317,${replacement[0]!.ip}:4318`);
  });

  it('at 7m30s the shop pods from worker-2 are Terminating and replaced on the healthy workers', () => {
    const rows = podRows(t.block('00:07:30', 'kubectl get pods -n shop -o wide'));
    const before = new Set(shopAt40s.map((r) => r.name));
    expect(rows.filter((r) => r.node === 'worker-2').map((r) => `${r.app} ${r.status}`).sort()).toEqual(['catalog Terminating', 'storefront Terminating']);
    const fresh = rows.filter((r) => !before.has(r.name));
    expect(fresh.map((r) => `${r.app} ${r.ready} ${r.status}`).sort()).toEqual(['catalog 1/1 Running', 'storefront 1/1 Running']);
    for (const r of fresh) expect(['worker-1', 'worker-3']).toContain(r.node);
    for (const app of ['storefront', 'catalog']) expect(rows.filter((r) => r.app === app && r.status === 'Running' && r.node !== 'worker-2')).toHaveLength(3);
  });
});

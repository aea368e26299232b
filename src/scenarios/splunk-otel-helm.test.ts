import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../engine/api/types';
import { words } from '../engine/cluster/scenario-test-support';
import type { TrafficCounters } from '../engine/traffic';
import { SPLUNK_OTEL_HELM } from './splunk-otel-helm';
import { failedSteps, startBuiltin } from './test-support';

const NS = 'splunk-monitoring';
const OBSERVABILITY = ['ao-01', 'ao-02'];

const ready = (p: Pod) => p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

function snapshot(c: Readonly<TrafficCounters>): { generated: number; exported: number; dropped: number; noAgent: number } {
  return { generated: c.spans.generated, exported: c.spans.exported, dropped: c.spans.dropped, noAgent: c.spans.droppedBy['no-agent'] };
}

describe('splunk-otel-helm', () => {
  const t = startBuiltin(SPLUNK_OTEL_HELM);
  const cluster = t.runner.cluster;
  t.runner.runUntil(59_000);
  const beforeInstall = snapshot(cluster.traffic.counters);
  t.runner.runUntil(120_000);
  const installed = snapshot(cluster.traffic.counters);
  const podsAt2m = cluster.objects<Pod>('pods');
  t.runner.runUntil(t.runner.untilMs);
  t.runner.finish();
  const end = snapshot(cluster.traffic.counters);
  const nodes = cluster.objects<Node>('nodes').map((n) => n.metadata.name).sort();
  const inNs = (ns: string, prefix: string) => podsAt2m.filter((p) => p.metadata.namespace === ns && p.metadata.name.startsWith(prefix));

  it('runs to its end without a failing step', () => {
    expect(failedSteps(t.lines)).toEqual([]);
    expect(t.block('00:01:00', 'helm install splunk-otel-collector splunk-otel-collector-chart/splunk-otel-collector -n splunk-monitoring --create-namespace -f helm-values.yaml').slice(0, 5))
      .toEqual(['NAME: splunk-otel-collector', 'LAST DEPLOYED: Thu Jan  1 09:01:11 2026', `NAMESPACE: ${NS}`, 'STATUS: deployed', 'REVISION: 1']);
  });

  it('sixteen nodes: three control-plane, two observability (tainted), eleven application workers', () => {
    expect(nodes).toHaveLength(16);
    const roles = t.block('00:00:40', 'kubectl get nodes').slice(1).map((l) => words(l).split(' ').slice(0, 3).join(' '));
    expect(roles.filter((r) => r.endsWith(' control-plane'))).toHaveLength(3);
    expect(roles.filter((r) => r.endsWith(' observability'))).toEqual(['ao-01 Ready observability', 'ao-02 Ready observability']);
    expect(roles.filter((r) => r.endsWith(' <none>'))).toHaveLength(11);
  });

  it('the CXTM apps run on application workers only, and never move', () => {
    const apps = inNs('cxtm', 'cxtm-');
    expect(apps).toHaveLength(7);
    for (const p of apps) expect(p.spec.nodeName).toMatch(/^worker-\d\d$/);
    expect(t.block('00:03:00', 'kubectl get pods -n cxtm -o wide').slice(1).map((l) => words(l).split(' ')[0]).sort()).toEqual(apps.map((p) => p.metadata.name).sort());
  });

  it('one agent pod Running on every node, control plane and observability nodes included', () => {
    const agents = inNs(NS, 'splunk-otel-collector-agent-');
    expect(agents.every(ready)).toBe(true);
    expect(agents.map((p) => p.spec.nodeName).sort()).toEqual(nodes);
    expect(words(t.block('00:02:00', 'kubectl get daemonset,deployment -n splunk-monitoring')[1]!)).toBe('daemonset.apps/splunk-otel-collector-agent 16 16 16 16 16 <none> 60s');
  });

  it('the operator runs once, on an observability node; so does the cluster receiver', () => {
    for (const prefix of ['splunk-otel-collector-operator-', 'splunk-otel-collector-k8s-cluster-receiver-']) {
      const pods = inNs(NS, prefix);
      expect(pods).toHaveLength(1);
      expect(ready(pods[0]!)).toBe(true);
      expect(OBSERVABILITY).toContain(pods[0]!.spec.nodeName);
    }
  });

  it('before the install every span is dropped for want of an agent; after it they reach the backend, none dropped', () => {
    expect(beforeInstall.generated).toBeGreaterThan(0);
    expect(beforeInstall.exported).toBe(0);
    expect(beforeInstall.noAgent).toBe(beforeInstall.dropped);
    expect(end.exported - installed.exported).toBeGreaterThan(1000);
    expect(end.dropped - installed.dropped).toBe(0);
    const c = cluster.traffic.counters.spans;
    expect(c.generated).toBe(c.exported + c.dropped + c.buffered);
  });

  it('a sampled trace: each span went through the agent on its own pod\'s node', () => {
    const traces = cluster.traffic.recentTraces().filter((tr) => tr.startMs > cluster.startMs + 120_000);
    expect(traces.length).toBeGreaterThan(0);
    const podNode = new Map(cluster.objects<Pod>('pods').map((p) => [p.metadata.name, p.spec.nodeName]));
    for (const span of traces.flatMap((tr) => tr.spans)) {
      expect(span.delivery).toBe('exported');
      expect(span.resource['k8s.cluster.name']).toBe('cxtm-sandbox');
      expect(span.resource['k8s.node.name']).toBe(podNode.get(span.resource['k8s.pod.name'] ?? ''));
    }
  });
});

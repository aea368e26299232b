import { describe, expect, it } from 'vitest';
import type { ConfigMap, DaemonSet, Node, Pod } from '../../api/types';
import { Cluster } from '../../cluster/cluster';
import { OTEL, run } from './test-support';

/**
 * Acceptance: the OpenTelemetry deployment of the Helm guide, from the console — an agent
 * on every node (the control plane too, through the chart's tolerations), the operator on
 * one node, a changed value rolling the agents, and a rollback to the old configuration.
 */

const NS = 'observability';
const AGENT = 'otel-splunk-otel-collector-agent';
const VALUES = `clusterName: demo-cluster
splunkObservability:
  realm: us1
  accessToken: not-a-real-token
operator:
  enabled: true
`;

function cluster(): Cluster {
  return new Cluster({
    seed: 5,
    files: { 'otel-values.yaml': VALUES },
    config: { freezeObjects: true },
    spec: { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'ao-{i:02}', count: 2 }, { name: 'worker-{i:02}', count: 4 }] },
  }).boot();
}

const running = (p: Pod) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

function agents(c: Cluster): Pod[] {
  return c.objects<Pod>('pods').filter((p) => p.metadata.namespace === NS && p.metadata.name.startsWith(`${AGENT}-`) && !p.metadata.deletionTimestamp);
}

function agentConfig(c: Cluster): string {
  const cm = c.api.peek<ConfigMap>('configmaps', NS, 'otel-splunk-otel-collector-otel-agent');
  return Object.values(cm?.data ?? {}).join('\n');
}

const revisionHash = (p: Pod) => p.metadata.labels?.['controller-revision-hash'];

describe('the OpenTelemetry collector chart, installed from the console', () => {
  it('agents everywhere, the operator once; an upgrade rolls the agents, a rollback brings the old config back', () => {
    const c = cluster();
    const nodes = c.objects<Node>('nodes').map((n) => n.metadata.name).sort();
    expect(nodes).toEqual(['ao-01', 'ao-02', 'control-plane', 'worker-01', 'worker-02', 'worker-03', 'worker-04']);

    const install = run(c, `helm install otel ${OTEL} -f otel-values.yaml -n ${NS} --create-namespace --wait`);
    expect(install.exitCode).toBeUndefined();
    c.advance(120_000);
    expect(install.exitCode).toBe(0);
    expect(install.text().split('\n').slice(0, 6)).toEqual(['NAME: otel', 'LAST DEPLOYED: Thu Jan  1 09:00:11 2026', `NAMESPACE: ${NS}`, 'STATUS: deployed', 'REVISION: 1', 'TEST SUITE: None']);

    const installed = agents(c);
    expect(installed.every(running)).toBe(true);
    expect(installed.map((p) => p.spec.nodeName).sort()).toEqual(nodes);
    const operators = c.objects<Pod>('pods').filter((p) => p.metadata.namespace === NS && p.metadata.name.startsWith('otel-operator-'));
    expect(operators).toHaveLength(1);
    expect(running(operators[0]!)).toBe(true);
    expect(agentConfig(c)).toContain('demo-cluster');
    const firstHash = revisionHash(installed[0]!);
    expect(new Set(installed.map(revisionHash))).toEqual(new Set([firstHash]));

    const upgrade = run(c, `helm upgrade otel ${OTEL} -n ${NS} --reuse-values --set clusterName=demo-cluster-2 --wait`);
    expect(agentConfig(c)).toContain('demo-cluster-2');
    // A rolling update, one node at a time (maxUnavailable 1): old and new agents side by side for a while.
    c.advance(3000);
    const midway = agents(c).map(revisionHash);
    expect(midway).toContain(firstHash);
    expect(midway.some((h) => h !== firstHash)).toBe(true);
    c.advance(300_000);
    expect(upgrade.exitCode).toBe(0);
    expect(upgrade.text().split('\n')[0]).toBe('Release "otel" has been upgraded. Happy Helming!');
    const upgraded = agents(c);
    expect(upgraded.map((p) => p.spec.nodeName).sort()).toEqual(nodes);
    expect(upgraded.every(running)).toBe(true);
    const secondHash = revisionHash(upgraded[0]!);
    expect(secondHash).not.toBe(firstHash);
    expect(new Set(upgraded.map(revisionHash))).toEqual(new Set([secondHash]));
    expect(c.api.peek<DaemonSet>('daemonsets', NS, AGENT)?.status?.updatedNumberScheduled).toBe(nodes.length);

    const rollback = run(c, `helm rollback otel 1 -n ${NS} --wait`);
    c.advance(300_000);
    expect(rollback.text()).toBe('Rollback was a success! Happy Helming!');
    expect(agentConfig(c)).toContain('demo-cluster');
    expect(agentConfig(c)).not.toContain('demo-cluster-2');
    const rolledBack = agents(c);
    expect(rolledBack.every(running)).toBe(true);
    expect(rolledBack.map((p) => p.spec.nodeName).sort()).toEqual(nodes);
    expect(new Set(rolledBack.map(revisionHash))).toEqual(new Set([firstHash]));
    expect(run(c, `helm history otel -n ${NS}`).text().split('\n').map((l) => l.split('\t').map((x) => x.trim()).filter((_x, i) => i === 0 || i === 2 || i === 5).join(' '))).toEqual([
      'REVISION STATUS DESCRIPTION', '1 superseded Install complete', '2 superseded Upgrade complete', '3 deployed Rollback to 1',
    ]);
  });
});

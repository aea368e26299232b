import { describe, expect, it } from 'vitest';
import { expandNodes } from '../engine/cluster/cluster-spec';
import { formatScenarioError, parseScenario } from '../engine/scenario';
import { BUILTIN_SCENARIOS, builtinFileName, builtinScenario, builtinScenarioNames } from './index';

describe('built-in scenarios', () => {
  it('one per source document plus the two node failures, in the picker\'s order', () => {
    expect(builtinScenarioNames()).toEqual(['deploy-three-replicas', 'splunk-otel-helm', 'ha-control-plane', 'ha-external-etcd', 'k3s-single-node', 'node-failure', 'traffic-node-failure']);
  });

  it.each(BUILTIN_SCENARIOS.map((s) => [s.name, s] as const))('%s parses, is named after itself, and its picker text is the document\'s', (name, s) => {
    const r = parseScenario(s.yaml, builtinFileName(name));
    if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join('\n'));
    expect(r.scenario.metadata).toEqual({ name, title: s.title, description: s.description });
    expect(s.description.length).toBeGreaterThan(200);
    expect(s.description).not.toMatch(/\n| {2}/);
    expect(builtinScenario(name)).toBe(s);
    // Every step but the plain look-arounds tells the user what to look at.
    expect(r.scenario.spec.steps.filter((st) => st.note).length).toBeGreaterThanOrEqual(3);
  });

  it('no credentials or addresses from the source documents', () => {
    const all = BUILTIN_SCENARIOS.map((s) => s.yaml).join('\n');
    for (const banned of ['uta-k8s', 'signalfx.com', 'taskmaster.local', '10.43.100.50', 'us1']) expect(all).not.toContain(banned);
    expect(builtinScenario('splunk-otel-helm')!.yaml).toContain('accessToken: SANDBOX-FAKE-TOKEN');
  });

  it('node-failure: three 4-CPU/8Gi workers, the manifests, and the kill at 1m', () => {
    const s = BUILTIN_SCENARIOS.find((b) => b.name === 'node-failure')!;
    const r = parseScenario(s.yaml, 'node-failure.yaml');
    if (!r.ok) throw new Error('invalid');
    const workers = expandNodes(r.scenario.spec.cluster).filter((n) => n.role === 'worker');
    expect(workers.map((n) => [n.name, n.cpuMillis, n.memoryBytes])).toEqual([
      ['worker-1', 4000, 8 * 2 ** 30],
      ['worker-2', 4000, 8 * 2 ** 30],
      ['worker-3', 4000, 8 * 2 ** 30],
    ]);
    expect(r.scenario.spec.files['web.yaml']).toContain('replicas: 6');
    expect(r.scenario.spec.files['web.yaml']).toContain('kind: DaemonSet');
    expect(r.scenario.spec.steps.map((st) => `${st.atMs / 1000}s ${st.run}`)).toEqual([
      '0s kubectl apply -f web.yaml',
      '30s kubectl get nodes',
      '30s kubectl get pods -o wide',
      '60s sandbox kill node worker-2',
      '120s kubectl get nodes',
      '120s kubectl get pods -o wide',
      '450s kubectl get nodes',
      '450s kubectl get pods -o wide',
    ]);
  });
});

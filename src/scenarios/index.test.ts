import { describe, expect, it } from 'vitest';
import { expandNodes } from '../engine/cluster/cluster-spec';
import { formatScenarioError, parseScenario } from '../engine/scenario';
import { BUILTIN_SCENARIOS, builtinFileName } from './index';

describe('built-in scenarios', () => {
  it.each(BUILTIN_SCENARIOS.map((s) => [s.name, s] as const))('%s parses and is named after itself', (name, s) => {
    const r = parseScenario(s.yaml, builtinFileName(name));
    if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join('\n'));
    expect(r.scenario.metadata.name).toBe(name);
    expect(r.scenario.metadata.description.length).toBeGreaterThan(50);
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

import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { ScenarioRunner } from './runner';
import { formatScenarioError } from './types';

const HEAD = 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata: { name: t }\nspec:\n';

describe('spec.traffic', () => {
  it('is decoded by the traffic model and handed to the cluster', () => {
    const r = parseScenario(`${HEAD}  traffic:\n    entries:\n      - { name: browser, ratePerSecond: 5, target: { service: { namespace: default, name: web, port: 80 } } }\n`, 't.yaml');
    expect(r.ok && r.scenario.spec.traffic?.entries.map((e) => [e.name, e.ratePerSecond])).toEqual([['browser', 5]]);
  });

  it('reports the traffic model\'s errors at spec.traffic', () => {
    const r = parseScenario(`${HEAD}  traffic:\n    entries:\n      - { name: browser, ratePerSecond: -1, target: { service: { namespace: default, name: web, port: 80 } } }\n`, 't.yaml');
    expect(r.ok ? [] : r.errors.map(formatScenarioError)).toEqual([expect.stringMatching(/^t\.yaml:\d+:\d+: spec\.traffic: entries\[0\]\.ratePerSecond: must be a number between 0/)]);
  });

  it('drives the cluster\'s traffic generator once the cluster has booted', () => {
    const r = parseScenario(`${HEAD}  traffic:\n    entries:\n      - { name: browser, ratePerSecond: 5, target: { service: { namespace: default, name: kubernetes, port: 443 } } }\n  steps:\n    - { at: 5s, run: kubectl get svc }\n`, 't.yaml');
    if (!r.ok) throw new Error('scenario rejected');
    const runner = new ScenarioRunner(r.scenario, () => undefined).run();
    expect(runner.cluster.traffic.recentBuckets().length).toBeGreaterThanOrEqual(4);
  });

  it('is optional', () => {
    const r = parseScenario(`${HEAD}  seed: 2\n`, 't.yaml');
    expect(r.ok && r.scenario.spec.traffic).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine/scenario';
import { parseDuration } from '../engine/sim/time';
import { builtinScenario } from '../scenarios';
import { durationText, scenarioText } from './scenario-text';

describe('durationText', () => {
  it.each([0, 1, 999, 1000, 61_000, 90_500, 3_600_000, 3_725_042, 7 * 24 * 3_600_000])('%i ms reads back the same', (ms) => {
    expect(parseDuration(durationText(ms))).toBe(ms);
  });
});

describe('scenarioText', () => {
  const base = builtinScenario('node-failure')!.yaml;

  it('returns the text unchanged when the user added nothing', () => {
    expect(scenarioText(base, { files: {}, steps: [] })).toBe(base);
  });

  it('adds files and steps that parse back as part of the scenario', () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n';
    const text = scenarioText(base, { files: { 'editor-1.yaml': manifest }, steps: [{ atMs: 95_250, run: 'kubectl apply -f editor-1.yaml' }] });
    const parsed = parseScenario(text, 'export.yaml');
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
    expect(parsed.scenario.spec.files['editor-1.yaml']).toBe(manifest);
    expect(parsed.scenario.spec.files['web.yaml']).toBeDefined();
    expect(parsed.scenario.spec.steps).toContainEqual({ atMs: 95_250, run: 'kubectl apply -f editor-1.yaml' });
    // The author's own steps are all still there, in time order.
    const original = parseScenario(base, 'base.yaml');
    if (!original.ok) throw new Error('built-in does not parse');
    expect(parsed.scenario.spec.steps.length).toBe(original.scenario.spec.steps.length + 1);
    expect(text).toContain('description: >');
  });
});

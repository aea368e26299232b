import { describe, expect, it } from 'vitest';
import { SCENARIO_LIMITS } from '../../engine/scenario/types';
import { UserRecorder } from './recorder';

describe('UserRecorder', () => {
  it('keeps steps in order at whole milliseconds, one line each', () => {
    const r = new UserRecorder();
    expect(r.record('kubectl get pods', 1500.4)).toBe(true);
    expect(r.record('  helm list\n-A ', 2000)).toBe(true);
    expect(r.record('   ', 2500)).toBe(false);
    expect(r.snapshot()).toEqual({ steps: [{ atMs: 1500, run: 'kubectl get pods' }, { atMs: 2000, run: 'helm list -A' }], files: {}, truncated: false });
  });

  it('stays within what a scenario may hold and says when it dropped something', () => {
    const r = new UserRecorder();
    expect(r.record('x'.repeat(SCENARIO_LIMITS.commandChars + 1), 0)).toBe(false);
    expect(r.snapshot().truncated).toBe(true);
    const f = new UserRecorder();
    expect(f.addFile('a.yaml', 'x'.repeat(SCENARIO_LIMITS.bytes - 10))).toBe(true);
    expect(f.addFile('b.yaml', 'y'.repeat(11))).toBe(false);
    expect(f.addFile('a.yaml', 'short')).toBe(true);
    expect(f.addFile('b.yaml', 'y'.repeat(11))).toBe(true);
    expect(Object.keys(f.snapshot().files)).toEqual(['a.yaml', 'b.yaml']);
    const steps = new UserRecorder();
    for (let i = 0; i < SCENARIO_LIMITS.steps; i++) steps.record(`kubectl get pods #${i}`, i);
    expect(steps.record('one too many', 1e6)).toBe(false);
    expect(steps.snapshot().steps).toHaveLength(SCENARIO_LIMITS.steps);
  });
});

import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../api/types';
import { matchingTolerations, minTolerationMs, toleratesTaint } from './tolerations';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReady: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };
const dflt = (key: string, seconds = 300): Toleration => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });

describe('toleratesTaint', () => {
  it.each([
    [{ operator: 'Exists' }, true],
    [{ operator: 'Exists', effect: 'NoExecute' }, true],
    [{ operator: 'Exists', effect: 'NoSchedule' }, false],
    [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, true],
    [{ key: 'other', operator: 'Exists' }, false],
    [{ key: 'node.kubernetes.io/unreachable', value: '' }, true],
    [{ key: 'node.kubernetes.io/unreachable', operator: 'Equal', value: 'x' }, false],
  ] as const)('%j → %s', (t, want) => {
    expect(toleratesTaint(t as Toleration, unreachable)).toBe(want);
  });
});

describe('matchingTolerations + minTolerationMs', () => {
  it.each([
    ['default tolerations', [dflt('node.kubernetes.io/not-ready'), dflt('node.kubernetes.io/unreachable')], [unreachable], true, 300_000],
    ['custom shorter one', [dflt('node.kubernetes.io/unreachable', 30), dflt('node.kubernetes.io/not-ready')], [unreachable], true, 30_000],
    ['both taints: smallest', [dflt('node.kubernetes.io/unreachable', 120), dflt('node.kubernetes.io/not-ready', 60)], [unreachable, notReady], true, 60_000],
    ['DaemonSet style (no seconds): forever', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }], [unreachable], true, -1],
    ['first match wins', [{ operator: 'Exists' }, dflt('node.kubernetes.io/unreachable')], [unreachable], true, -1],
    ['zero seconds: now', [dflt('node.kubernetes.io/unreachable', 0)], [unreachable], true, 0],
    ['not tolerated', [dflt('node.kubernetes.io/not-ready')], [unreachable], false, 0],
    ['no tolerations', [], [unreachable], false, 0],
  ] as const)('%s', (_name, tols, taints, all, ms) => {
    const m = matchingTolerations(taints, tols as readonly Toleration[]);
    expect(m.allTolerated).toBe(all);
    expect(minTolerationMs(m.used)).toBe(ms);
  });
});

import { describe, expect, it } from 'vitest';
import type { Condition, Node } from '../../api/types';
import { computeZoneState, zoneKey, zoneQps } from './zones';

const ready = (s: Condition['status']): Condition => ({ type: 'Ready', status: s });

describe('zones', () => {
  it.each([
    [['True', 'True', 'Unknown'], 'Normal'],
    [['Unknown', 'Unknown'], 'FullDisruption'],
    [['True', 'Unknown', 'Unknown'], 'Normal'],
    [['True', 'True', 'Unknown', 'Unknown', 'Unknown'], 'PartialDisruption'],
    [['True', 'True', 'True', 'Unknown', 'Unknown', 'Unknown'], 'Normal'],
    [[], 'Normal'],
  ] as const)('%j → %s', (statuses, want) => {
    expect(computeZoneState(statuses.map(ready))).toBe(want);
  });

  it('rates: normal 0.1/s, partial 0.01/s only in large zones, full back to 0.1/s', () => {
    expect(zoneQps('Normal', 3)).toBe(0.1);
    expect(zoneQps('PartialDisruption', 10)).toBe(0);
    expect(zoneQps('PartialDisruption', 51)).toBe(0.01);
    expect(zoneQps('FullDisruption', 3)).toBe(0.1);
  });

  it('zone keys from topology labels', () => {
    const n = (labels: Record<string, string>): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', labels }, spec: {} });
    expect(zoneKey(n({}))).toBe('');
    expect(zoneKey(n({ 'topology.kubernetes.io/region': 'eu', 'topology.kubernetes.io/zone': 'eu-1a' }))).toBe('eu:\u0000:eu-1a');
  });
});

import { describe, expect, it } from 'vitest';
import { Network, OUTSIDE_HOST } from './network';

describe('network partitions', () => {
  it('cuts listed groups off from each other and from everything unlisted', () => {
    const net = new Network();
    expect(net.connected('control-plane-1', 'worker-1')).toBe(true);
    expect(net.partition([['control-plane-1'], ['control-plane-2', 'worker-1']])).toBeUndefined();
    expect(net.partitioned).toBe(true);
    expect(net.connected('control-plane-1', 'control-plane-2')).toBe(false);
    expect(net.connected('control-plane-2', 'worker-1')).toBe(true);
    expect(net.connected('control-plane-1', OUTSIDE_HOST)).toBe(false);
    expect(net.connected('control-plane-3', OUTSIDE_HOST)).toBe(true);
    expect(net.groups()).toEqual([['control-plane-1'], ['control-plane-2', 'worker-1']]);
    const v = net.version;
    net.heal();
    expect(net.version).toBe(v + 1);
    expect(net.connected('control-plane-1', 'control-plane-2')).toBe(true);
    expect(net.groups()).toEqual([]);
  });

  it.each([
    [[], 'a partition needs at least one host'],
    [[[], []], 'a partition needs at least one host'],
    [[['a'], ['b', 'a']], 'host "a" is listed in more than one partition group'],
    [[['']], 'a partition group names an empty host'],
  ])('rejects %j without changing anything', (groups, error) => {
    const net = new Network();
    net.partition([['x']]);
    expect(net.partition(groups)).toBe(error);
    expect(net.groups()).toEqual([['x']]);
  });
});

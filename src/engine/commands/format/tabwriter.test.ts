import { describe, expect, it } from 'vitest';
import { DESCRIBE_OPTIONS, formatTable, TABLE_OPTIONS, TabWriter } from './tabwriter';

describe('TabWriter (Go text/tabwriter as kubectl configures it)', () => {
  it('pads table columns to the widest cell plus three spaces, last column unpadded', () => {
    expect(formatTable([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['web-5dd5756b68-x8k2p', '1/1', 'Running', '0', '5m'],
      ['db-0', '0/1', 'ContainerCreating', '0', '12s'],
    ])).toEqual([
      'NAME                   READY   STATUS              RESTARTS   AGE',
      'web-5dd5756b68-x8k2p   1/1     Running             0          5m',
      'db-0                   0/1     ContainerCreating   0          12s',
    ]);
  });

  it('never makes a column narrower than the minimum width of 6', () => {
    expect(formatTable([['A', 'B'], ['x', 'y']])).toEqual(['A     B', 'x     y']);
  });

  it('aligns describe output per block of consecutive tabbed lines', () => {
    const w = new TabWriter(DESCRIBE_OPTIONS);
    w.write('Name:\tweb\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/web-1\nContainers:\n  IP:\t1\n');
    expect(w.flush()).toEqual([
      'Name:       web',
      'Namespace:  default',
      'IPs:',
      '  IP:           10.0.0.1',
      'Controlled By:  ReplicaSet/web-1',
      'Containers:',
      '  IP:  1',
    ]);
  });

  it('pads tab-terminated trailing cells (kubectl top) and empty cells', () => {
    const w = new TabWriter(TABLE_OPTIONS);
    w.write('NAME\tCPU(cores)\t\nworker-1\t10m\t\nworker-2\t<unknown>\t\t\t\n');
    expect(w.flush()).toEqual([
      'NAME       CPU(cores)   ',
      'worker-1   10m          ',
      'worker-2   <unknown>                ',
    ]);
  });

  it('remembers widths across flushes so watch rows stay aligned', () => {
    const w = new TabWriter(TABLE_OPTIONS);
    w.write('NAME\tSTATUS\nweb\tRunning\n');
    expect(w.flush()).toEqual(['NAME   STATUS', 'web    Running']);
    w.write('a-much-longer-name\tPending\n');
    expect(w.flush()).toEqual(['a-much-longer-name   Pending']);
    w.write('x\tRunning\n');
    expect(w.flush()).toEqual(['x                    Running']);
  });

  it('counts runes, not UTF-16 units', () => {
    expect(formatTable([['ÄÖÜ-𝒳', 'b'], ['c', 'd']])).toEqual(['ÄÖÜ-𝒳   b', 'c       d']);
  });
});

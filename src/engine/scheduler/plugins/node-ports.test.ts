import { describe, expect, it } from 'vitest';
import type { ContainerPort } from '../../api/types';
import { makeNode, makePod } from '../testing/builders';
import { Fixture } from '../testing/fixture';
import { ERR_REASON_NODE_PORTS } from './node-ports';

describe('NodePorts', () => {
  it.each<[string, ContainerPort, ContainerPort, boolean]>([
    ['same TCP host port', { containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 8080 }, false],
    ['different host port', { containerPort: 80, hostPort: 8080 }, { containerPort: 80, hostPort: 8081 }, true],
    ['same port, other protocol', { containerPort: 53, hostPort: 53, protocol: 'UDP' }, { containerPort: 53, hostPort: 53, protocol: 'TCP' }, true],
    ['specific IPs differ', { containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }, { containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }, true],
    ['wildcard conflicts with a specific IP', { containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }, { containerPort: 80, hostPort: 80 }, false],
    ['container ports without hostPort never conflict', { containerPort: 80 }, { containerPort: 80 }, true],
  ])('%s', (_name, existing, incoming, fits) => {
    const f = new Fixture().nodes(makeNode('n1')).pods(makePod('old', { nodeName: 'n1', ports: [existing] }));
    const { outcome } = f.filter(makePod('new', { ports: [incoming] }));
    expect(outcome.feasible.length === 1).toBe(fits);
    if (!fits) expect(outcome.diagnosis.nodeToStatus.get('n1')?.message()).toBe(ERR_REASON_NODE_PORTS);
  });
});

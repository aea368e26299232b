import { beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster/cluster';
import type { Service } from '../types';
import { bootCluster, create, created, outcome, USER } from './test-cluster';
import { ipToNumber } from './range-allocator';

function service(name: string, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}

describe('Service defaults and allocation (kubeadm)', () => {
  let c: Cluster;
  beforeAll(() => {
    c = bootCluster();
  });

  it('defaults type, affinity, protocol and targetPort, and allocates a ClusterIP in the upper band', () => {
    const svc = created<Service>(c, 'services', service('web'));
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(svc.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    const ip = svc.spec.clusterIP!;
    expect(svc.spec.clusterIPs).toEqual([ip]);
    // 10.96.0.0/12, lower 256 addresses kept for static assignment.
    expect(ipToNumber(ip)).toBeGreaterThanOrEqual(ipToNumber('10.96.1.1'));
    expect(ipToNumber(ip)).toBeLessThan(ipToNumber('10.112.0.0'));
  });

  it('gives every service a different ClusterIP', () => {
    const ips = new Set<string>();
    for (let i = 0; i < 20; i++) ips.add(created<Service>(c, 'services', service(`many-${i}`)).spec.clusterIP!);
    expect(ips.size).toBe(20);
  });

  it('accepts a free explicit ClusterIP and rejects a taken one', () => {
    expect(created<Service>(c, 'services', service('static', { clusterIP: '10.96.0.50' })).spec.clusterIP).toBe('10.96.0.50');
    expect(outcome(create(c, 'services', service('clash', { clusterIP: '10.96.0.50' })))).toBe(
      'Service "clash" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.50"}: failed to allocate IP 10.96.0.50: provided IP is already allocated',
    );
    expect(outcome(create(c, 'services', service('dns-clash', { clusterIP: '10.96.0.10' })))).toContain('provided IP is already allocated');
  });

  it('rejects a ClusterIP outside the service CIDR', () => {
    expect(outcome(create(c, 'services', service('outside', { clusterIP: '192.168.1.1' })))).toBe(
      'Service "outside" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.1.1"}: failed to allocate IP 192.168.1.1: the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('leaves headless services without an address', () => {
    const svc = created<Service>(c, 'services', service('headless', { clusterIP: 'None' }));
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.clusterIPs).toEqual(['None']);
  });

  it('allocates NodePorts in 30000-32767 and rejects taken or out-of-range ones', () => {
    const svc = created<Service>(c, 'services', service('np', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }));
    const ports = svc.spec.ports!.map((p) => p.nodePort!);
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(30000);
      expect(p).toBeLessThanOrEqual(32767);
    }
    expect(new Set(ports).size).toBe(2);
    expect(svc.spec.externalTrafficPolicy).toBe('Cluster');
    expect(outcome(create(c, 'services', service('np-clash', { type: 'NodePort', ports: [{ port: 80, nodePort: ports[0] }] })))).toBe(
      `Service "np-clash" is invalid: spec.ports[0].nodePort: Invalid value: ${ports[0]}: provided port is already allocated`,
    );
    expect(outcome(create(c, 'services', service('np-low', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })))).toBe(
      'Service "np-low" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('keeps the ClusterIP and NodePorts when an update omits them, and refuses to change the ClusterIP', () => {
    const svc = created<Service>(c, 'services', service('keep', { type: 'NodePort' }));
    const { clusterIP: _ip, clusterIPs: _ips, ...rest } = svc.spec;
    const ports = svc.spec.ports!.map(({ nodePort: _np, ...p }) => p);
    const put = c.api.update<Service>(USER, 'services', { ...svc, spec: { ...rest, ports } });
    expect(put.ok && put.value.spec.clusterIP).toBe(svc.spec.clusterIP);
    expect(put.ok && put.value.spec.ports![0]!.nodePort).toBe(svc.spec.ports![0]!.nodePort);
    const moved = c.api.update(USER, 'services', { ...svc, metadata: { ...svc.metadata, resourceVersion: undefined }, spec: { ...svc.spec, clusterIP: '10.96.0.77', clusterIPs: ['10.96.0.77'] } });
    expect(outcome(moved)).toBe('Service "keep" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.77"}: may not change once set');
  });

  it('drops untouched NodePorts when the type goes back to ClusterIP', () => {
    const svc = created<Service>(c, 'services', service('back', { type: 'NodePort' }));
    const put = c.api.update<Service>(USER, 'services', { ...svc, spec: { ...svc.spec, type: 'ClusterIP' } });
    expect(put.ok && put.value.spec.ports![0]!.nodePort).toBeUndefined();
  });
});

describe('Service allocation (k3s)', () => {
  it('allocates from 10.43.0.0/16', () => {
    const c = bootCluster({ spec: { distribution: 'k3s', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'agent-{i}', count: 1 }] } });
    const ip = created<Service>(c, 'services', service('web')).spec.clusterIP!;
    expect(ip.startsWith('10.43.')).toBe(true);
    expect(ipToNumber(ip)).toBeGreaterThanOrEqual(ipToNumber('10.43.1.1'));
  });
});

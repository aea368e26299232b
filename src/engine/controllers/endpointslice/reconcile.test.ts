import { describe, expect, it } from 'vitest';
import type { Endpoint, EndpointSlice, Pod, Service } from '../../api/types';
import { desiredGroups, portsKeyOf, resolveTargetPort, type PortGroup } from './desired';
import { planSlices } from './reconcile';

const PORTS = [{ name: 'http', port: 8080, protocol: 'TCP' }];

function ep(i: number): Endpoint {
  return { addresses: [`10.0.0.${i}`], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', name: `p${String(i).padStart(3, '0')}`, uid: `u${i}` } };
}

function group(ids: number[]): Map<string, PortGroup> {
  const endpoints = new Map(ids.map((i) => [`u${i}`, { key: `u${i}`, order: `p${String(i).padStart(3, '0')}`, endpoint: ep(i) }]));
  return new Map([[portsKeyOf(PORTS), { portsKey: portsKeyOf(PORTS), ports: PORTS, endpoints }]]);
}

function slice(name: string, ids: number[], ports = PORTS): EndpointSlice {
  return { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name }, addressType: 'IPv4', endpoints: ids.map(ep), ports };
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

describe('planSlices', () => {
  const cases: { name: string; want: number[]; existing: EndpointSlice[]; create: number[]; update: [string, number][]; del: string[] }[] = [
    { name: 'nothing → placeholder', want: [], existing: [], create: [0], update: [], del: [] },
    { name: 'placeholder kept', want: [], existing: [slice('s-a', [], [])], create: [], update: [], del: [] },
    { name: 'first endpoints reuse the placeholder', want: [1, 2], existing: [slice('s-a', [], [])], create: [], update: [['s-a', 2]], del: [] },
    { name: 'unchanged slice untouched', want: [1, 2], existing: [slice('s-a', [1, 2])], create: [], update: [], del: [] },
    { name: 'new endpoint fills the slice', want: [1, 2, 3], existing: [slice('s-a', [1, 2])], create: [], update: [['s-a', 3]], del: [] },
    { name: 'removed endpoint', want: [1], existing: [slice('s-a', [1, 2])], create: [], update: [['s-a', 1]], del: [] },
    { name: 'last endpoint gone → placeholder', want: [], existing: [slice('s-a', [1])], create: [], update: [['s-a', 0]], del: [] },
    { name: '150 endpoints → 100 + 50', want: range(0, 150), existing: [], create: [100, 50], update: [], del: [] },
    { name: 'full slice, new endpoint goes to a new slice', want: range(0, 101), existing: [slice('s-a', range(0, 100))], create: [1], update: [], del: [] },
  ];
  it.each(cases)('$name', ({ want, existing, create, update, del }) => {
    const plan = planSlices(group(want), existing, 100);
    const wantGroups = want.length === 0 ? new Map<string, PortGroup>() : group(want);
    expect(plan.create.map((d) => d.endpoints.length)).toEqual(create);
    expect(plan.update.map((d) => [d.existing?.metadata.name, d.endpoints.length])).toEqual(update);
    expect(plan.delete.map((s) => s.metadata.name)).toEqual(del);
    expect(planSlices(wantGroups, existing, 100)).toEqual(plan);
  });
});

describe('targetPort resolution', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' as const }] }] } } satisfies Pod;
  const cases: { targetPort?: number | string; port: number; protocol?: 'TCP' | 'UDP'; want: number | undefined }[] = [
    { port: 80, want: 80 },
    { targetPort: 9090, port: 80, want: 9090 },
    { targetPort: 'http', port: 80, want: 8080 },
    { targetPort: 'dns', port: 53, want: undefined },
    { targetPort: 'dns', port: 53, protocol: 'UDP', want: 53 },
    { targetPort: 'missing', port: 80, want: undefined },
  ];
  it.each(cases)('$targetPort/$protocol → $want', ({ targetPort, port, protocol, want }) => {
    expect(resolveTargetPort(pod, { port, ...(targetPort !== undefined ? { targetPort } : {}), ...(protocol ? { protocol } : {}) })).toBe(want);
  });

  it('pods without an IP or already finished are left out', () => {
    const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const mk = (name: string, ip: string | undefined, phase: 'Running' | 'Succeeded'): Pod => ({ ...pod, metadata: { name, uid: name }, status: { phase, ...(ip ? { podIP: ip } : {}) } });
    const groups = desiredGroups(svc, [mk('a', '10.0.0.1', 'Running'), mk('b', undefined, 'Running'), mk('c', '10.0.0.3', 'Succeeded')]);
    expect([...groups.values()].flatMap((g) => [...g.endpoints.keys()])).toEqual(['a']);
  });
});

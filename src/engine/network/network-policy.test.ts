import { describe, expect, it } from 'vitest';
import type { NetworkPolicy } from '../api/types';
import { evaluate, policyTypes, type Peer, type PortSpec } from './network-policy';

function pod(namespace: string, name: string, labels: Record<string, string>, ip: string, ports: { name?: string; containerPort: number }[] = []): Peer {
  return { kind: 'pod', namespace, name, labels, ip, ports };
}

function np(namespace: string, name: string, spec: NetworkPolicy['spec']): NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

// The k3s document's taskmaster app.
const frontend = pod('taskmaster', 'frontend-7d9f', { app: 'frontend' }, '10.42.0.5');
const backend = pod('taskmaster', 'backend-5c4b', { app: 'backend' }, '10.42.0.6');
const database = pod('taskmaster', 'postgres-0', { app: 'postgres' }, '10.42.0.7', [{ name: 'postgres', containerPort: 5432 }]);
const monitor = pod('ops', 'prober-1', { app: 'prober' }, '10.42.1.9');
const outsider = pod('default', 'curl', { run: 'curl' }, '10.42.1.10');
const external: Peer = { kind: 'external', ip: '203.0.113.7' };

const namespaces = new Map<string, Record<string, string>>([
  ['taskmaster', { 'kubernetes.io/metadata.name': 'taskmaster' }],
  ['ops', { 'kubernetes.io/metadata.name': 'ops', team: 'ops' }],
  ['default', { 'kubernetes.io/metadata.name': 'default' }],
]);

const PG: PortSpec = { port: 5432 };
const HTTP: PortSpec = { port: 80 };

const dbFromBackend = np('taskmaster', 'postgres-allow-backend', {
  podSelector: { matchLabels: { app: 'postgres' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
});
const denyAll = np('taskmaster', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
const fromOpsNamespace = np('taskmaster', 'allow-ops', {
  podSelector: { matchLabels: { app: 'frontend' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }],
});
const opsProberAnd = np('taskmaster', 'allow-ops-prober', {
  podSelector: { matchLabels: { app: 'backend' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { app: 'prober' } } }] }],
});
const frontendEgress = np('taskmaster', 'frontend-egress', {
  podSelector: { matchLabels: { app: 'frontend' } },
  policyTypes: ['Egress'],
  egress: [{ to: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [{ port: 80 }] }],
});
const ipBlock = np('taskmaster', 'allow-office', {
  podSelector: { matchLabels: { app: 'frontend' } },
  ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }] }],
});
const namedPort = np('taskmaster', 'named-port', {
  podSelector: { matchLabels: { app: 'postgres' } },
  ingress: [{ ports: [{ port: 'postgres' }] }],
});
const range = np('taskmaster', 'port-range', {
  podSelector: { matchLabels: { app: 'backend' } },
  ingress: [{ ports: [{ port: 8000, endPort: 8100 }] }],
});
const allowAllEmptyRule = np('taskmaster', 'allow-all', { podSelector: {}, ingress: [{}] });
const otherNs = np('default', 'deny-default', { podSelector: {}, policyTypes: ['Ingress'] });

describe('NetworkPolicy evaluate', () => {
  it.each([
    ['no policies: everything allowed', frontend, database, PG, [], true],
    ["k3s: frontend may not reach the database", frontend, database, PG, [dbFromBackend], false],
    ['k3s: backend reaches the database', backend, database, PG, [dbFromBackend], true],
    ['k3s: backend on another port is denied', backend, database, HTTP, [dbFromBackend], false],
    ['k3s: pods the policy does not select are not isolated', frontend, backend, HTTP, [dbFromBackend], true],
    ['default deny: everything into the namespace denied', backend, frontend, HTTP, [denyAll], false],
    ['default deny + additive allow', backend, database, PG, [denyAll, dbFromBackend], true],
    ['default deny does not touch other namespaces', frontend, outsider, HTTP, [denyAll], true],
    ['a policy in another namespace selects nothing here', frontend, backend, HTTP, [otherNs], true],
    ['namespaceSelector admits every pod of matching namespaces', monitor, frontend, HTTP, [fromOpsNamespace], true],
    ['namespaceSelector rejects other namespaces', outsider, frontend, HTTP, [fromOpsNamespace], false],
    ['namespaceSelector AND podSelector: right pod, right namespace', monitor, backend, HTTP, [opsProberAnd], true],
    ['namespaceSelector AND podSelector: right labels, wrong namespace', pod('default', 'p', { app: 'prober' }, '10.42.1.11'), backend, HTTP, [opsProberAnd], false],
    ['egress: frontend → backend on 80 allowed', frontend, backend, HTTP, [frontendEgress], true],
    ['egress: frontend → database denied by egress', frontend, database, PG, [frontendEgress], false],
    ['egress: frontend → kube-dns denied (DNS needs its own rule)', frontend, pod('kube-system', 'coredns-1', { 'k8s-app': 'kube-dns' }, '10.42.0.2'), { port: 53, protocol: 'UDP' }, [frontendEgress], false],
    ['ipBlock: inside the cidr', external, frontend, HTTP, [ipBlock], true],
    ['ipBlock: in an except range', { kind: 'external', ip: '203.0.113.200' } as Peer, frontend, HTTP, [ipBlock], false],
    ['ipBlock: outside the cidr', { kind: 'external', ip: '198.51.100.1' } as Peer, frontend, HTTP, [ipBlock], false],
    ['named port resolves on the destination pod', backend, database, PG, [namedPort], true],
    ['named port: other port denied', backend, database, HTTP, [namedPort], false],
    ['endPort range: inside', frontend, backend, { port: 8080 }, [range], true],
    ['endPort range: outside', frontend, backend, { port: 8101 }, [range], false],
    ['protocol must match (UDP vs TCP rule)', backend, database, { port: 5432, protocol: 'UDP' }, [dbFromBackend], false],
    ['an empty ingress rule allows everything', outsider, database, PG, [denyAll, allowAllEmptyRule], true],
    ['external sources only match ipBlocks', external, database, PG, [dbFromBackend], false],
  ] as const)('%s', (_name, src, dst, port, policies, allowed) => {
    expect(evaluate(src, dst, port, policies, namespaces).allowed).toBe(allowed);
  });

  it('names the isolating policy and the blocked peer when denying', () => {
    const d = evaluate(frontend, database, PG, [denyAll, dbFromBackend], namespaces);
    expect(d).toEqual({
      allowed: false,
      direction: 'ingress',
      reason: 'taskmaster/postgres-0 is isolated for ingress by taskmaster/default-deny-ingress, taskmaster/postgres-allow-backend and no rule allows from taskmaster/frontend-7d9f on TCP/5432',
      policies: ['taskmaster/default-deny-ingress', 'taskmaster/postgres-allow-backend'],
    });
  });

  it('names the allowing policy', () => {
    const d = evaluate(backend, database, PG, [denyAll, dbFromBackend], namespaces);
    expect(d.allowed).toBe(true);
    expect(d.policies).toEqual(['taskmaster/postgres-allow-backend']);
    expect(d.reason).toBe('no NetworkPolicy selects taskmaster/backend-5c4b for egress; ingress allowed by taskmaster/postgres-allow-backend');
  });

  it('reports egress denials as egress', () => {
    const d = evaluate(frontend, database, PG, [frontendEgress, dbFromBackend], namespaces);
    expect(d.direction).toBe('egress');
    expect(d.policies).toEqual(['taskmaster/frontend-egress']);
  });

  it.each([
    ['nothing said: Ingress', { podSelector: {} }, ['ingress']],
    ['egress rules imply Egress', { podSelector: {}, egress: [{}] }, ['ingress', 'egress']],
    ['explicit wins', { podSelector: {}, policyTypes: ['Egress'] as ('Ingress' | 'Egress')[] }, ['egress']],
  ] as const)('policyTypes default: %s', (_n, spec, want) => {
    expect(policyTypes(np('x', 'p', spec as NetworkPolicy['spec']))).toEqual(want);
  });
});

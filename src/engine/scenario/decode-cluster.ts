/** `spec.cluster` of a scenario: distribution, control plane, node pools (names expanded and checked). */
import type { Taint } from '../api/types';
import { TAINT_EFFECTS } from '../api/validation/taints';
import { labelValueErrors, qualifiedNameErrors } from '../api/validation/meta';
import { dns1123SubdomainErrors } from '../api/validation-names';
import { DEFAULT_CLUSTER, expandName, expandNodes, type ClusterSpec, type NodePoolSpec } from '../cluster/cluster-spec';
import { isValidQuantity, parseQuantity } from '../util/quantity';
import { integer, type Issues, list, map, oneOf, type Segment, string, stringMap } from './checks';
import { SCENARIO_LIMITS } from './types';

function quantity(issues: Issues, v: unknown, path: readonly Segment[]): string | undefined {
  if ((typeof v !== 'string' && typeof v !== 'number') || !isValidQuantity(v) || (parseQuantity(v) ?? 0) <= 0) {
    return issues.add(path, `expected a positive quantity such as "4", "500m" or "8Gi", got ${JSON.stringify(v) ?? 'nothing'}`);
  }
  return String(v);
}

function labels(issues: Issues, v: unknown, path: readonly Segment[]): Record<string, string> | undefined {
  const m = stringMap(issues, v, path, 64, 63);
  if (!m) return undefined;
  let ok = true;
  for (const [k, val] of Object.entries(m)) {
    const problems = [
      ...qualifiedNameErrors(k).map((msg) => ({ msg: `invalid label key: ${msg}`, at: 'key' as const })),
      ...labelValueErrors(val).map((msg) => ({ msg: `invalid label value: ${msg}`, at: 'value' as const })),
    ];
    for (const p of problems) issues.add([...path, k], p.msg, p.at);
    if (problems.length > 0) ok = false;
  }
  return ok ? m : undefined;
}

function taints(issues: Issues, v: unknown, path: readonly Segment[]): Taint[] | undefined {
  const items = list(issues, v, path, 64);
  if (!items) return undefined;
  const out: Taint[] = [];
  items.forEach((t, i) => {
    const at = [...path, i];
    const m = map(issues, t, at, ['key', 'effect'], ['value']);
    if (!m) return;
    const key = string(issues, m.key, [...at, 'key'], { maxChars: 316, nonEmpty: true });
    if (key !== undefined) for (const msg of qualifiedNameErrors(key)) issues.add([...at, 'key'], msg);
    const effect = oneOf(issues, m.effect, [...at, 'effect'], TAINT_EFFECTS);
    const value = m.value === undefined ? undefined : string(issues, m.value, [...at, 'value'], { maxChars: 63 });
    if (key !== undefined && effect !== undefined) out.push(value === undefined ? { key, effect } : { key, value, effect });
  });
  return out.length === items.length ? out : undefined;
}

function capacity(issues: Issues, v: unknown, path: readonly Segment[]): NodePoolSpec['capacity'] {
  const m = map(issues, v, path, [], ['cpu', 'memory', 'pods']);
  if (!m) return undefined;
  const out: NonNullable<NodePoolSpec['capacity']> = {};
  if (m.cpu !== undefined) out.cpu = quantity(issues, m.cpu, [...path, 'cpu']);
  if (m.memory !== undefined) out.memory = quantity(issues, m.memory, [...path, 'memory']);
  if (m.pods !== undefined) out.pods = integer(issues, m.pods, [...path, 'pods'], 1, 1000);
  return out;
}

function pool(issues: Issues, v: unknown, path: readonly Segment[]): NodePoolSpec | undefined {
  const m = map(issues, v, path, ['name'], ['count', 'capacity', 'labels', 'taints']);
  if (!m) return undefined;
  const name = string(issues, m.name, [...path, 'name'], { maxChars: 200, nonEmpty: true, singleLine: true });
  const count = m.count === undefined ? 1 : integer(issues, m.count, [...path, 'count'], 1, SCENARIO_LIMITS.nodesPerPool);
  const out: NodePoolSpec = { name: name ?? '', count: count ?? 1 };
  if (m.capacity !== undefined) out.capacity = capacity(issues, m.capacity, [...path, 'capacity']);
  if (m.labels !== undefined) out.labels = labels(issues, m.labels, [...path, 'labels']);
  if (m.taints !== undefined) out.taints = taints(issues, m.taints, [...path, 'taints']);
  return name === undefined || count === undefined ? undefined : out;
}

/** Expanded names must be valid, and unique across pools and the control plane. */
function checkNames(issues: Issues, cluster: ClusterSpec, path: readonly Segment[]): void {
  const owner = new Map<string, string>();
  const cpNames = expandNodes({ ...cluster, nodes: [] }).map((n) => n.name);
  for (const n of cpNames) owner.set(n, 'the control plane');
  cluster.nodes.forEach((p, i) => {
    const at = [...path, i, 'name'];
    const count = p.count ?? 1;
    if (count > 1 && expandName(p.name, 1) === expandName(p.name, 2)) {
      issues.add(at, `pattern "${p.name}" gives the same name to all ${count} nodes; put {i} in it (e.g. "${p.name}-{i}")`);
      return;
    }
    for (let n = 1; n <= count; n++) {
      const name = expandName(p.name, n);
      const bad = dns1123SubdomainErrors(name);
      if (bad.length > 0) return void issues.add(at, `node name "${name}" is invalid: ${bad.join('; ')}`);
      const prev = owner.get(name);
      if (prev) return void issues.add(at, `node name "${name}" is already used by ${prev}`);
      owner.set(name, `spec.cluster.nodes[${i}]`);
    }
  });
}

export function decodeCluster(issues: Issues, v: unknown, path: readonly Segment[]): ClusterSpec | undefined {
  if (v === undefined || v === null) return DEFAULT_CLUSTER;
  const m = map(issues, v, path, [], ['distribution', 'controlPlane', 'nodes']);
  if (!m) return undefined;
  const before = issues.list.length;
  const distribution = m.distribution === undefined ? 'kubeadm' : oneOf(issues, m.distribution, [...path, 'distribution'], ['kubeadm', 'k3s'] as const);
  let controlPlane: ClusterSpec['controlPlane'] = { nodes: 1, etcd: 'stacked' };
  if (m.controlPlane !== undefined) {
    const cp = map(issues, m.controlPlane, [...path, 'controlPlane'], [], ['nodes', 'etcd']);
    const nodes = cp?.nodes === undefined ? 1 : oneOf(issues, cp.nodes, [...path, 'controlPlane', 'nodes'], [1, 3] as const);
    const etcd = cp?.etcd === undefined ? 'stacked' : oneOf(issues, cp.etcd, [...path, 'controlPlane', 'etcd'], ['stacked', 'external'] as const);
    controlPlane = { nodes: nodes ?? 1, etcd: etcd ?? 'stacked' };
  }
  const rawPools = m.nodes === undefined ? [] : (list(issues, m.nodes, [...path, 'nodes'], SCENARIO_LIMITS.pools) ?? []);
  const pools = rawPools.map((p, i) => pool(issues, p, [...path, 'nodes', i]));
  const cluster: ClusterSpec = { distribution: distribution ?? 'kubeadm', controlPlane, nodes: pools.filter((p): p is NodePoolSpec => p !== undefined) };
  const total = cluster.nodes.reduce((sum, p) => sum + (p.count ?? 1), 0);
  if (total > SCENARIO_LIMITS.nodes) return issues.add([...path, 'nodes'], `too many nodes: ${total} (at most ${SCENARIO_LIMITS.nodes})`);
  // Names are checked even when other fields are wrong, so one run reports every problem.
  if (cluster.nodes.length === pools.length) checkNames(issues, cluster, [...path, 'nodes']);
  return issues.list.length > before ? undefined : cluster;
}

import { resourceByName } from '../../api/resources';
import type { Node, Pod } from '../../api/types';
import type { ResourceUsage } from '../host';
import { InteractionKind } from '../../log/interaction-log';
import { bytes, cpuMillis } from '../../util/quantity';
import { TABLE_OPTIONS, TabWriter } from '../format/tabwriter';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { listObjects, scopeFromFlags } from './fetch';
import { verbHelp } from './help';
import { ALL_NAMESPACES_FLAG, SELECTOR_FLAG, VerbGroup, type Verb } from './verb';

/**
 * kubectl top's printer: every cell is tab-terminated, so even the last column is padded
 * (real `kubectl top` lines end in spaces).
 */
function cells(values: readonly string[]): string {
  return `${values.map((v) => `${v}\t`).join('')}\n`;
}

const cpu = (m: number): string => `${Math.floor(m)}m`;
const mem = (b: number): string => `${Math.floor(b / (1024 * 1024))}Mi`;
const pct = (part: number, whole: number): string => `${whole > 0 ? Math.trunc((part / whole) * 100) : 0}%`;

function logMetricsRequest(inv: Invocation, path: string): void {
  inv.host.env.log.append({ kind: InteractionKind.Request, from: inv.req.component, to: 'apiserver', label: `GET /apis/metrics.k8s.io/v1beta1${path}`, opId: inv.opId });
}

function sortUsage<T extends { name: string; usage: ResourceUsage }>(rows: T[], by: string | undefined): T[] {
  if (by === 'cpu') return rows.sort((a, b) => b.usage.cpuMillis - a.usage.cpuMillis);
  if (by === 'memory') return rows.sort((a, b) => b.usage.memoryBytes - a.usage.memoryBytes);
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function topNodes(inv: Invocation, flags: ParsedFlags): ExitCode {
  const nodes = listObjects(inv, resourceByName('nodes')!, scopeFromFlags(flags)) as Node[];
  const wanted = flags.args[0];
  const selected = wanted ? nodes.filter((n) => n.metadata.name === wanted) : nodes;
  if (wanted && selected.length === 0) fail(`Error from server (NotFound): nodes "${wanted}" not found`);
  logMetricsRequest(inv, wanted ? `/nodes/${wanted}` : '/nodes');
  const measured = selected.flatMap((n) => {
    const usage = inv.host.observability.nodeUsage(n.metadata.name);
    return usage ? [{ name: n.metadata.name, node: n, usage }] : [];
  });
  if (measured.length === 0) fail('error: metrics not available yet');
  const w = new TabWriter(TABLE_OPTIONS);
  if (!flags.bool('no-headers')) w.write(cells(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']));
  for (const m of sortUsage(measured, flags.string('sort-by'))) {
    const alloc = m.node.status?.allocatable ?? {};
    w.write(cells([m.name, cpu(m.usage.cpuMillis), pct(m.usage.cpuMillis, cpuMillis(alloc.cpu)), mem(m.usage.memoryBytes), pct(m.usage.memoryBytes, bytes(alloc.memory))]));
  }
  for (const n of selected) {
    if (!measured.some((m) => m.node === n)) w.write(cells([n.metadata.name, '<unknown>', '\t', '<unknown>', '\t']));
  }
  inv.proc.out(w.flush().join('\n'));
  return 0;
}

function topPods(inv: Invocation, flags: ParsedFlags): ExitCode {
  const scope = scopeFromFlags(flags);
  const wanted = flags.args[0];
  const pods = (listObjects(inv, resourceByName('pods')!, scope) as Pod[]).filter((p) => !wanted || p.metadata.name === wanted);
  if (wanted && pods.length === 0) fail(`Error from server (NotFound): pods "${wanted}" not found`);
  if (pods.length === 0) {
    inv.proc.err(scope.allNamespaces ? 'No resources found' : `No resources found in ${scope.namespace} namespace.`);
    return 0;
  }
  logMetricsRequest(inv, scope.allNamespaces ? '/pods' : `/namespaces/${scope.namespace}/pods`);
  const rows = pods.flatMap((p) => {
    const usage = inv.host.observability.podUsage(p.metadata.namespace ?? 'default', p.metadata.name);
    if (!usage) return [];
    const total = usage.reduce((t, c) => ({ cpuMillis: t.cpuMillis + c.usage.cpuMillis, memoryBytes: t.memoryBytes + c.usage.memoryBytes }), { cpuMillis: 0, memoryBytes: 0 });
    return [{ name: p.metadata.name, ns: p.metadata.namespace ?? '', usage: total, containers: usage }];
  });
  if (rows.length === 0) fail('error: metrics not available yet');
  const containers = flags.bool('containers');
  const w = new TabWriter(TABLE_OPTIONS);
  const header = containers ? ['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'] : ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  if (!flags.bool('no-headers')) w.write(cells(scope.allNamespaces ? ['NAMESPACE', ...header] : header));
  for (const r of sortUsage(rows, flags.string('sort-by'))) {
    const prefix = scope.allNamespaces ? [r.ns] : [];
    if (!containers) w.write(cells([...prefix, r.name, cpu(r.usage.cpuMillis), mem(r.usage.memoryBytes)]));
    else for (const c of r.containers) w.write(cells([...prefix, r.name, c.container, cpu(c.usage.cpuMillis), mem(c.usage.memoryBytes)]));
  }
  inv.proc.out(w.flush().join('\n'));
  return 0;
}

const COMMON = [
  SELECTOR_FLAG,
  { name: 'sort-by', type: 'string', usage: 'If non-empty, sort list using specified field. The field can be either \'cpu\' or \'memory\'.' } as const,
  { name: 'no-headers', type: 'bool', usage: 'If present, print output without headers' } as const,
];

const topNodeVerb: Verb = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  usage: 'kubectl top node [NAME | -l label] [options]',
  flags: COMMON,
  run: topNodes,
};

const topPodVerb: Verb = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  usage: 'kubectl top pod [NAME | -l label] [options]',
  flags: [...COMMON, ALL_NAMESPACES_FLAG, { name: 'containers', type: 'bool', usage: 'If present, print usage of containers within a pod.' }],
  run: topPods,
};

export const topVerb: Verb = {
  name: 'top',
  group: VerbGroup.Cluster,
  short: 'Display resource (CPU/memory) usage',
  long: 'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.',
  usage: 'kubectl top [flags] [options]',
  flags: [],
  subcommands: [topNodeVerb, topPodVerb],
  run(inv, flags) {
    if (flags.args.length > 0) fail(`error: unknown command "${flags.args[0]}" for "kubectl top"`, "Run 'kubectl top --help' for usage.");
    inv.proc.out(verbHelp('top', topVerb).join('\n'));
    return 0;
  },
};

import { resourceByName } from '../../../api/resources';
import type { Node, Pod } from '../../../api/types';
import { goDuration } from '../../format/duration';
import { later, type ExitCode, type Invocation } from '../../invocation';
import type { ParsedFlags } from '../../shell/flags';
import { must } from '../errors';
import { selectNodes, setUnschedulable } from '../cordon';
import { SELECTOR_FLAG, VerbGroup, type Verb } from '../verb';
import { watchGone, type Deleted } from '../wait-deleted';
import { filterPod, groupByMessage, type DrainOptions } from './filters';

const EVICTION_RETRY_MS = 5_000;

interface DrainRun {
  readonly inv: Invocation;
  readonly flags: ParsedFlags;
  readonly opts: DrainOptions;
  readonly nodes: readonly Node[];
  readonly drained: Set<string>;
}

/** Prints kubectl's "unable to drain" block and fails the command. */
function failNode(run: DrainRun, node: Node, errors: readonly string[]): void {
  const { proc } = run.inv;
  const joined = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
  proc.err(`error: unable to drain node "${node.metadata.name}" due to error:${joined}, continuing command...`);
  proc.err('There are pending nodes to be drained:');
  for (const n of run.nodes) if (!run.drained.has(n.metadata.name)) proc.err(` ${n.metadata.name}`);
  for (const e of errors) proc.err(e);
  proc.exit(1);
}

/** Lists the node's pods and sorts them into deletable, skipped (with warnings) and fatal. */
function podsForDeletion(run: DrainRun, node: Node): { pods: Pod[]; warnings: string[]; errors: string[] } {
  const { inv } = run;
  const listed = must(inv.host.api.list<Pod>(inv.req, 'pods', { fieldSelector: { 'spec.nodeName': node.metadata.name } })).items;
  const pods: Pod[] = [];
  const warnings: { message: string; pod: Pod }[] = [];
  const errors: { message: string; pod: Pod }[] = [];
  for (const pod of listed) {
    const v = filterPod(pod, run.opts);
    if (v.kind === 'error') errors.push({ message: v.message, pod });
    else {
      if (v.warning) warnings.push({ message: v.warning, pod });
      if (v.kind === 'delete') pods.push(pod);
    }
  }
  return { pods, warnings: groupByMessage(warnings), errors: groupByMessage(errors) };
}

function evictOne(run: DrainRun, pod: Pod, onFatal: (msg: string) => void): void {
  const { inv, flags } = run;
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name;
  const grace = flags.int('grace-period') ?? -1;
  const opts = grace >= 0 ? { gracePeriodSeconds: grace } : {};
  const res = flags.bool('disable-eviction') ? inv.host.api.delete(inv.req, 'pods', ns, name, opts) : inv.host.api.evict(inv.req, ns, name, opts);
  if (res.ok || res.status.code === 404) return;
  if (res.status.code === 429) {
    inv.proc.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${res.status.message}`);
    later(inv, EVICTION_RETRY_MS, 'drain-evict-retry', () => evictOne(run, pod, onFatal));
    return;
  }
  onFatal(`error when evicting pods/"${name}" -n "${ns}": ${res.status.message}`);
}

function drainNode(run: DrainRun, index: number): void {
  const { inv, flags } = run;
  const node = run.nodes[index];
  if (!node) {
    inv.proc.exit(0);
    return;
  }
  const { pods, warnings, errors } = podsForDeletion(run, node);
  if (errors.length > 0) return failNode(run, node, errors);
  if (warnings.length > 0) inv.proc.err(`Warning: ${warnings.join('; ')}`);
  const pods_r = resourceByName('pods')!;
  const verb = flags.bool('disable-eviction') ? 'deleting' : 'evicting';
  let failed = false;
  for (const pod of pods) {
    inv.proc.out(`${verb} pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
    evictOne(run, pod, (msg) => {
      if (!failed) failNode(run, node, [msg]);
      failed = true;
    });
    if (failed) return;
  }
  const finish = (): void => {
    run.drained.add(node.metadata.name);
    inv.proc.out(`node/${node.metadata.name} drained`);
    drainNode(run, index + 1);
  };
  const items: Deleted[] = pods.map((p) => ({ r: pods_r, namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid }));
  const done = flags.bool('disable-eviction') ? 'deleted' : 'evicted';
  const timeout = flags.durationMs('timeout') ?? 0;
  if (items.length === 0) return finish();
  const left = watchGone(inv, items, (d) => inv.proc.out(`pod/${d.name} ${done}`), finish);
  if (left > 0 && timeout > 0) {
    later(inv, timeout, 'drain-timeout', () => failNode(run, node, [`drain did not complete within ${goDuration(timeout)}`]));
  }
}

function runDrain(inv: Invocation, flags: ParsedFlags): ExitCode {
  const nodes = selectNodes(inv, flags, 'drain');
  for (const node of nodes) {
    const err = setUnschedulable(inv, node, true);
    if (err) {
      inv.proc.err(err);
      return 1;
    }
  }
  const opts: DrainOptions = {
    ignoreDaemonSets: flags.bool('ignore-daemonsets'),
    deleteEmptyDirData: flags.bool('delete-emptydir-data') || flags.bool('delete-local-data'),
    force: flags.bool('force'),
    skipWaitForDeleteTimeoutSeconds: flags.int('skip-wait-for-delete-timeout') ?? 0,
    nowMs: inv.host.env.now(),
    daemonSetExists: (ns, name) => inv.host.api.get(inv.req, 'daemonsets', ns, name).ok,
  };
  drainNode({ inv, flags, opts, nodes, drained: new Set() }, 0);
  return 'pending';
}

export const drainVerb: Verb = {
  name: 'drain',
  group: VerbGroup.Cluster,
  short: 'Drain node in preparation for maintenance',
  long: 'Drain node in preparation for maintenance.\n\n The given node will be marked unschedulable to prevent new pods from arriving. \'drain\' evicts the pods if the API server supports eviction; otherwise it uses normal DELETE to delete the pods. DaemonSet-managed pods are not evicted (use --ignore-daemonsets); pods with emptyDir volumes need --delete-emptydir-data; pods without a controller need --force.',
  usage: 'kubectl drain NODE [options]',
  examples: ['# Drain node "worker-1", leaving its DaemonSet pods in place', 'kubectl drain worker-1 --ignore-daemonsets'].join('\n'),
  flags: [
    SELECTOR_FLAG,
    { name: 'ignore-daemonsets', type: 'bool', usage: 'Ignore DaemonSet-managed pods.' },
    { name: 'delete-emptydir-data', type: 'bool', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'delete-local-data', type: 'bool', usage: 'Deprecated: use --delete-emptydir-data.' },
    { name: 'force', type: 'bool', usage: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up, zero means infinite' },
    { name: 'disable-eviction', type: 'bool', usage: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0, usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
  ],
  run: runDrain,
};

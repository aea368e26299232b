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

/** utilerrors.NewAggregate(...).Error(): one message as is, several as `[a, b]`. */
function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

/** Prints kubectl's "unable to drain" block and fails the command. */
function failNode(run: DrainRun, node: Node, errors: readonly string[]): void {
  const { proc } = run.inv;
  proc.err(`error: unable to drain node "${node.metadata.name}" due to error: ${aggregate(errors)}, continuing command...`);
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

/**
 * One node's evictions, as kubectl's evictPods runs them: one retry loop per pod; each pod
 * ends gone or with its error, and the node fails with the errors aggregated.
 */
interface NodeEvictions {
  readonly run: DrainRun;
  readonly node: Node;
  readonly index: number;
  /** Simulated time at which `--timeout` runs out (Infinity with the default 0). */
  readonly deadlineMs: number;
  readonly timeoutText: string;
  /** Pods not yet gone and without an error. */
  readonly pending: Set<string>;
  /** Eviction accepted: waiting for the pod to be gone. */
  readonly evicted: Set<string>;
  readonly errors: string[];
}

function settle(e: NodeEvictions, name: string, error?: string): void {
  if (!e.pending.delete(name)) return;
  if (error) e.errors.push(error);
  if (e.pending.size === 0) complete(e);
}

function complete(e: NodeEvictions): void {
  const { run, node } = e;
  if (e.errors.length === 0) {
    run.drained.add(node.metadata.name);
    run.inv.proc.out(`node/${node.metadata.name} drained`);
    drainNode(run, e.index + 1);
    return;
  }
  const left = podsForDeletion(run, node).pods;
  if (left.length > 0) {
    run.inv.proc.err(`There are pending pods in node "${node.metadata.name}" when an error occurred: ${aggregate(e.errors)}`);
    for (const p of left) run.inv.proc.err(`pod/${p.metadata.name}`);
  }
  failNode(run, node, e.errors);
}

/** One attempt of kubectl's per-pod loop: it announces the pod every time, then checks the global timeout. */
function evictOne(e: NodeEvictions, pod: Pod): void {
  const { inv, flags } = e.run;
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name;
  if (!e.pending.has(name)) return;
  const disable = flags.bool('disable-eviction');
  inv.proc.out(`${disable ? 'deleting' : 'evicting'} pod ${ns}/${name}`);
  if (inv.host.env.now() >= e.deadlineMs) return settle(e, name, `error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${e.timeoutText}`);
  const grace = flags.int('grace-period') ?? -1;
  const opts = grace >= 0 ? { gracePeriodSeconds: grace } : {};
  const res = disable ? inv.host.api.delete(inv.req, 'pods', ns, name, opts) : inv.host.api.evict(inv.req, ns, name, opts);
  if (res.ok) {
    e.evicted.add(name);
    return;
  }
  if (res.status.code === 404) return settle(e, name);
  if (res.status.code === 429) {
    inv.proc.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${res.status.message}`);
    later(inv, EVICTION_RETRY_MS, 'drain-evict-retry', () => evictOne(e, pod));
    return;
  }
  settle(e, name, `error when evicting pods/"${name}" -n "${ns}": ${res.status.message}`);
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
  const timeout = flags.durationMs('timeout') ?? 0;
  const e: NodeEvictions = {
    run, node, index,
    deadlineMs: timeout > 0 ? inv.host.env.now() + timeout : Infinity,
    timeoutText: goDuration(timeout),
    pending: new Set(pods.map((p) => p.metadata.name)),
    evicted: new Set(),
    errors: [],
  };
  if (pods.length === 0) return complete(e);
  for (const pod of pods) evictOne(e, pod);
  const pods_r = resourceByName('pods')!;
  const done = flags.bool('disable-eviction') ? 'deleted' : 'evicted';
  const items: Deleted[] = pods.map((p) => ({ r: pods_r, namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid }));
  watchGone(inv, items, (d) => {
    if (!e.pending.has(d.name)) return;
    inv.proc.out(`pod/${d.name} ${done}`);
    settle(e, d.name);
  }, () => undefined);
  if (timeout > 0 && e.pending.size > 0) {
    // waitForDelete notices the global timeout on its next poll, for each pod already evicted.
    later(inv, timeout, 'drain-timeout', () => {
      for (const name of [...e.evicted]) settle(e, name, `error when waiting for pod "${name}" terminating: global timeout reached: ${e.timeoutText}`);
    });
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

import type { Pod } from '../../../api/types';
import { rfc3339 } from '../../../sim/time';
import type { PodInfo } from '../../cache/pod-info';
import { fitErrorMessage } from '../../fit-error';
import { newDiagnosis } from '../../find-nodes';
import type { CycleState } from '../../framework/cycle-state';
import type { Diagnosis, FrameworkHandle, PostFilterOutcome, PostFilterPlugin } from '../../framework/interfaces';
import { Code, Status, unresolvable, unschedulable } from '../../framework/status';
import { PluginName } from '../names';
import { pickOneNode, selectVictimsOnNode, type Candidate } from './select-victims';

export const ERR_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

function numCandidates(numNodes: number): number {
  return Math.min(numNodes, Math.max(Math.trunc((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE));
}

function terminatingByPreemption(p: Pod): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  const c = p.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
  return c?.status === 'True' && c.reason === 'PreemptionByScheduler';
}

/** PodEligibleToPreemptOthers: the reason it is not, or undefined. */
function notEligible(handle: FrameworkHandle, pod: PodInfo, d: Diagnosis): string | undefined {
  if (pod.pod.spec.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.pod.status?.nominatedNodeName;
  if (!nominated) return undefined;
  if ((d.nodeToStatus.get(nominated) ?? d.absentStatus)?.code === Code.UnschedulableAndUnresolvable) return undefined;
  const node = handle.cache.get(nominated);
  for (const p of node?.pods.values() ?? []) {
    if (p.priority < pod.priority && terminatingByPreemption(p.pod)) return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

/** The preemption FitError: evaluated nodes' statuses, every other node "not helpful". */
function noCandidateMessage(numAllNodes: number, statuses: Map<string, Status>): string {
  const d = newDiagnosis(numAllNodes);
  for (const [n, s] of statuses) d.nodeToStatus.set(n, s);
  d.absentStatus = unresolvable(ERR_NOT_HELPFUL);
  return fitErrorMessage(d);
}

/** prepareCandidate: mark the victims as disruption targets, delete them, tell them why. */
function evict(handle: FrameworkHandle, state: CycleState, pod: PodInfo, c: Candidate): void {
  const ctx = { component: handle.component, opId: state.opId };
  for (const v of c.victims) {
    const conditions = (v.pod.status?.conditions ?? []).filter((x) => x.type !== 'DisruptionTarget');
    conditions.push({
      type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler',
      message: `${pod.pod.spec.schedulerName ?? 'default-scheduler'}: preempting to accommodate a higher priority pod`,
      lastTransitionTime: rfc3339(handle.now()),
    });
    handle.api.patch(ctx, 'pods', v.namespace, v.name, { status: { conditions } }, 'status');
    const res = handle.api.delete(ctx, 'pods', v.namespace, v.name);
    // kube-scheduler v1.27+ names the preemptor by UID (older: `a pod`, before that `<ns>/<name>`).
    if (res.ok) handle.recorder.record(ctx, v.pod, 'Normal', 'Preempted', `Preempted by pod ${pod.pod.metadata.uid ?? ''} on node ${c.node}`);
  }
}

/**
 * DefaultPreemption (PostFilter): find nodes where removing lower-priority pods lets the
 * pod fit, pick the cheapest, evict its victims and nominate the node.
 */
export function newDefaultPreemption(handle: FrameworkHandle): PostFilterPlugin {
  const preempt = (state: CycleState, pod: PodInfo, d: Diagnosis): PostFilterOutcome => {
    const reason = notEligible(handle, pod, d);
    if (reason) return { status: unschedulable(reason) };
    const all = handle.cache.nodeList();
    const potential = all.filter((n) => (d.nodeToStatus.get(n.name) ?? d.absentStatus)?.code === Code.Unschedulable);
    const statuses = new Map<string, Status>();
    const candidates: Candidate[] = [];
    const want = numCandidates(potential.length);
    const offset = potential.length > 0 ? handle.rng.int(potential.length) : 0;
    for (let i = 0; i < potential.length && candidates.length < want; i++) {
      const node = potential[(offset + i) % potential.length]!;
      const r = selectVictimsOnNode(handle, state.clone(), pod, node);
      if ('victims' in r) candidates.push(r);
      else statuses.set(node.name, r);
    }
    const best = pickOneNode(candidates, handle.now());
    if (!best) return { status: unschedulable(noCandidateMessage(all.length, statuses)), nominatedNodeName: '' };
    evict(handle, state, pod, best);
    return { status: null, nominatedNodeName: best.node, victims: best.victims.map((v) => ({ namespace: v.namespace, name: v.name, priority: v.priority })) };
  };
  return {
    name: PluginName.DefaultPreemption,
    postFilter(state, pod, d) {
      const out = preempt(state, pod, d);
      const msg = out.status?.message() ?? '';
      return msg ? { ...out, status: new Status(out.status!.code, [`preemption: ${msg}`]) } : out;
    },
  } satisfies PostFilterPlugin;
}

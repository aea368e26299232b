import type { ControllerRevision, Deployment, KubeObject, PodTemplateSpec, ReplicaSet } from '../../../api/types';
import { revisionTemplate } from '../../../controllers/shared/revision-history';
import { fail, type Invocation } from '../../invocation';
import type { ParsedFlags } from '../../shell/flags';
import { must } from '../errors';
import { resolveTargets } from '../fetch';
import { kindName } from '../names';
import { ownedReplicaSets, revisionOf, withoutHash } from './revisions';

/**
 * What `rollout history` and `rollout undo` read, per kind as kubectl's history viewers and
 * rollbackers do: a Deployment's revisions are its ReplicaSets (annotation
 * `deployment.kubernetes.io/revision`), a DaemonSet's and a StatefulSet's are the
 * ControllerRevisions it controls (field `revision`, template in `data`).
 */

export interface RolloutRevision {
  readonly revision: number;
  readonly changeCause: string | undefined;
  /** The pod template of the revision, as the workload would carry it again. */
  readonly template: PodTemplateSpec | undefined;
}

export interface RolloutTarget {
  readonly obj: KubeObject;
  readonly resource: string;
  /** `deployment.apps/web`. */
  readonly label: string;
  /** Oldest first. */
  readonly revisions: RolloutRevision[];
}

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const RESOURCES: Readonly<Record<string, string>> = { Deployment: 'deployments', DaemonSet: 'daemonsets', StatefulSet: 'statefulsets' };

function fromReplicaSets(inv: Invocation, d: Deployment): RolloutRevision[] {
  return ownedReplicaSets(inv, d)
    .filter((rs) => revisionOf(rs) > 0)
    .map((rs: ReplicaSet) => ({ revision: revisionOf(rs), changeCause: rs.metadata.annotations?.[CHANGE_CAUSE], template: withoutHash(rs.spec?.template) }));
}

/** controlledHistory: the ControllerRevisions whose controller owner reference is the workload. */
function fromControllerRevisions(inv: Invocation, owner: KubeObject): RolloutRevision[] {
  const all = must(inv.host.api.list<ControllerRevision>(inv.req, 'controllerrevisions', { namespace: owner.metadata.namespace })).items;
  return all
    .filter((cr) => (cr.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === owner.metadata.uid))
    .sort((a, b) => a.revision - b.revision)
    .map((cr) => ({ revision: cr.revision, changeCause: cr.metadata.annotations?.[CHANGE_CAUSE], template: revisionTemplate(cr) }));
}

/** The one workload named on the command line, with its revisions. */
export function rolloutTarget(inv: Invocation, flags: ParsedFlags, verb: string): RolloutTarget {
  if (flags.args.length === 0) fail('error: required resource not specified', `See 'kubectl rollout ${verb} -h' for help and examples`);
  const targets = resolveTargets(inv, flags.args, flags);
  if (targets.length !== 1) fail(`error: rollout ${verb} is only supported on individual resources`);
  const { ref, obj } = targets[0]!;
  const resource = RESOURCES[obj.kind];
  if (!resource) {
    // schema.GroupKind printed with %q: `"ReplicaSet.apps"`, `"Pod"`.
    const groupKind = ref.r.group ? `${ref.r.kind}.${ref.r.group}` : ref.r.kind;
    fail(`error: no ${verb === 'undo' ? 'rollbacker' : 'history viewer'} has been implemented for "${groupKind}"`);
  }
  const revisions = obj.kind === 'Deployment' ? fromReplicaSets(inv, obj as Deployment) : fromControllerRevisions(inv, obj);
  return { obj, resource, label: kindName(ref.r, ref.name), revisions };
}

import type { Deployment, KubeObject, PodTemplateSpec, ReplicaSet } from '../../../api/types';
import { deepClone, deepEqual } from '../../../util/clone';
import type { Invocation } from '../../invocation';
import { must } from '../errors';
import { REVISION_ANNOTATION } from './status-viewers';

export function revisionOf(obj: KubeObject): number {
  const n = Number(obj.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The ReplicaSets a Deployment controls (controller owner reference with its uid), by revision. */
export function ownedReplicaSets(inv: Invocation, d: Deployment): ReplicaSet[] {
  const all = must(inv.host.api.list<ReplicaSet>(inv.req, 'replicasets', { namespace: d.metadata.namespace })).items;
  return all
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === d.metadata.uid))
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}

/** A template without the controller-added pod-template-hash label, to compare with the Deployment's. */
export function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec | undefined {
  if (!t) return t;
  const copy = deepClone(t);
  if (copy.metadata?.labels) {
    delete copy.metadata.labels['pod-template-hash'];
  }
  return copy;
}

/** The new ReplicaSet: the one whose template equals the Deployment's (deploymentutil.FindNewReplicaSet). */
export function splitReplicaSets(d: Deployment, rss: readonly ReplicaSet[]): { newRS: ReplicaSet | undefined; old: ReplicaSet[] } {
  const newRS = [...rss].reverse().find((rs) => deepEqual(withoutHash(rs.spec?.template), d.spec?.template));
  return { newRS, old: rss.filter((rs) => rs !== newRS) };
}

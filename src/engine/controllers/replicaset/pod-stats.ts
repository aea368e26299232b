import type { Pod, ReplicaSet } from '../../api/types';
import { objectKey } from '../../client/informer';
import { selectorMatches } from '../../util/labels';
import { controllerRefOf } from '../shared/owner-refs';
import { isPodActive, isPodReady } from '../shared/pod-util';

/** What one pod contributes to its ReplicaSet's counts. */
interface Contribution {
  readonly rsUid: string;
  /** Active and matching the selector: counted in status.replicas. */
  readonly counted: boolean;
  readonly ready: boolean;
  readonly labeled: boolean;
  /** Active but no longer matching the selector: to be released. */
  readonly mismatched: boolean;
}

/** Every template label is on the pod with the same value. */
function hasLabels(labels: Readonly<Record<string, string>> | undefined, template: Readonly<Record<string, string>> | undefined): boolean {
  // A pod made from the template shares its labels object.
  if (labels === template || template === undefined) return true;
  for (const k in template) if (labels?.[k] !== template[k]) return false;
  return true;
}

export interface RsCounts {
  replicas: number;
  ready: number;
  fullyLabeled: number;
  mismatched: number;
}

const ZERO: RsCounts = { replicas: 0, ready: 0, fullyLabeled: 0, mismatched: 0 };

/**
 * Per-ReplicaSet pod counts kept up to date from pod events, so a sync costs O(1) instead of
 * a walk over every pod — the difference between seconds and minutes for a 10,000-replica
 * ReplicaSet whose pods change one by one.
 */
export class RsPodStats {
  private readonly byPod = new Map<string, Contribution>();
  private readonly byRs = new Map<string, RsCounts>();
  /** Shared contributions by ReplicaSet uid, indexed by their flags. */
  private readonly contributions = new Map<string, Contribution[]>();

  /** Recomputes one pod's contribution; `rs` is its controller as currently known (if any); `key` objectKey(pod). */
  observe(pod: Pod, rs: ReplicaSet | undefined, key = objectKey(pod)): void {
    const prev = this.byPod.get(key);
    const uid = controllerRefOf(pod)?.uid;
    if (!uid || !rs || rs.metadata.uid !== uid) {
      this.apply(prev, -1);
      this.byPod.delete(key);
      return;
    }
    const active = isPodActive(pod);
    const matches = selectorMatches(rs.spec.selector, pod.metadata.labels);
    const templateLabels = rs.spec.template.metadata?.labels;
    const counted = active && matches;
    const ready = counted && isPodReady(pod);
    const labeled = counted && hasLabels(pod.metadata.labels, templateLabels);
    const mismatched = active && !matches;
    // Most pod writes (bind, container start-up) change none of it: the counts stand as they are.
    if (prev && prev.rsUid === uid && prev.counted === counted && prev.ready === ready && prev.labeled === labeled && prev.mismatched === mismatched) return;
    this.apply(prev, -1);
    const c = this.contribution(uid, counted, ready, labeled, mismatched);
    this.byPod.set(key, c);
    this.apply(c, 1);
  }

  forget(pod: Pod): void {
    const key = objectKey(pod);
    this.apply(this.byPod.get(key), -1);
    this.byPod.delete(key);
  }

  counts(rsUid: string | undefined): RsCounts {
    return (rsUid && this.byRs.get(rsUid)) || ZERO;
  }

  /**
   * The contribution with these values, one shared object per ReplicaSet and combination
   * (contributions are never changed): pods of one ReplicaSet mostly say the same.
   */
  private contribution(rsUid: string, counted: boolean, ready: boolean, labeled: boolean, mismatched: boolean): Contribution {
    const at = (counted ? 1 : 0) | (ready ? 2 : 0) | (labeled ? 4 : 0) | (mismatched ? 8 : 0);
    // One that counts nothing never creates the ReplicaSet's counts, so nothing would forget it.
    if (at === 0) return { rsUid, counted, ready, labeled, mismatched };
    let byFlags = this.contributions.get(rsUid);
    if (!byFlags) this.contributions.set(rsUid, (byFlags = []));
    return (byFlags[at] ??= Object.freeze({ rsUid, counted, ready, labeled, mismatched }));
  }

  private apply(c: Contribution | undefined, sign: 1 | -1): void {
    if (!c) return;
    let n = this.byRs.get(c.rsUid);
    if (!n) this.byRs.set(c.rsUid, (n = { replicas: 0, ready: 0, fullyLabeled: 0, mismatched: 0 }));
    if (c.counted) n.replicas += sign;
    if (c.ready) n.ready += sign;
    if (c.labeled) n.fullyLabeled += sign;
    if (c.mismatched) n.mismatched += sign;
    if (n.replicas === 0 && n.ready === 0 && n.fullyLabeled === 0 && n.mismatched === 0) {
      this.byRs.delete(c.rsUid);
      // A ReplicaSet with nothing counted forgets its shared contributions (pods still holding one keep it).
      this.contributions.delete(c.rsUid);
    }
  }
}

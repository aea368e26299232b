import type { Pod, ReplicaSet } from '../../api/types';
import { objectKey } from '../../client/informer';
import { selectorMatches } from '../../util/labels';
import { controllerRefOf } from '../shared/owner-refs';
import { isPodActive, isPodReady } from '../shared/pod-util';

/** What one pod contributes to its ReplicaSet's counts. */
interface Contribution {
  rsUid: string;
  /** Active and matching the selector: counted in status.replicas. */
  counted: boolean;
  ready: boolean;
  labeled: boolean;
  /** Active but no longer matching the selector: to be released. */
  mismatched: boolean;
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

  /** Recomputes one pod's contribution; `rs` is its controller as currently known (if any). */
  observe(pod: Pod, rs: ReplicaSet | undefined): void {
    const key = objectKey(pod);
    this.apply(this.byPod.get(key), -1);
    const uid = controllerRefOf(pod)?.uid;
    if (!uid || !rs || rs.metadata.uid !== uid) {
      this.byPod.delete(key);
      return;
    }
    const active = isPodActive(pod);
    const matches = selectorMatches(rs.spec.selector, pod.metadata.labels);
    const templateLabels = rs.spec.template.metadata?.labels ?? {};
    const c: Contribution = {
      rsUid: uid,
      counted: active && matches,
      ready: active && matches && isPodReady(pod),
      labeled: active && matches && Object.keys(templateLabels).every((k) => pod.metadata.labels?.[k] === templateLabels[k]),
      mismatched: active && !matches,
    };
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

  private apply(c: Contribution | undefined, sign: 1 | -1): void {
    if (!c) return;
    let n = this.byRs.get(c.rsUid);
    if (!n) this.byRs.set(c.rsUid, (n = { replicas: 0, ready: 0, fullyLabeled: 0, mismatched: 0 }));
    if (c.counted) n.replicas += sign;
    if (c.ready) n.ready += sign;
    if (c.labeled) n.fullyLabeled += sign;
    if (c.mismatched) n.mismatched += sign;
    if (n.replicas === 0 && n.ready === 0 && n.fullyLabeled === 0 && n.mismatched === 0) this.byRs.delete(c.rsUid);
  }
}

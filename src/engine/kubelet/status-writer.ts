import type { ApiResult } from '../api/status';
import type { Pod, PodStatus } from '../api/types';
import { deepEqual } from '../util/clone';
import type { KubeletRuntime } from './kubelet-runtime';
import { mergeKeepsUpToDate, mergePodStatus, statusUpToDate, unmergePodStatus } from './pod-status';

/**
 * The kubelet's status manager for one pod: merges the kubelet's fields into the pod as last
 * seen and PUTs status guarded by resourceVersion; on a conflict it GETs the pod and tries
 * once more. Nothing is sent when the API already says the same.
 */
export class StatusWriter {
  /**
   * The kubelet-owned status last written (or found already in place), when it is not kept as
   * `writtenAs` instead: a pod that runs for hours would keep a second copy of its status.
   */
  private written: PodStatus | undefined;
  /** The merge stored as sent for the last write: `written` is unmergePodStatus(writtenAs, writtenConditions). */
  private writtenAs: PodStatus | undefined;
  private writtenConditions = -1;
  /**
   * A status object known to say what lastWritten says (statusUpToDate holds): the merge the
   * API stored as sent, or the API's status found up to date. The watch echoes the write back
   * with this very object, so the kubelet need not compare it field by field again.
   */
  private confirmed: PodStatus | undefined;

  constructor(
    private readonly rt: KubeletRuntime,
    private readonly uid: string,
  ) {}

  /** Returns the stored pod when a write happened. */
  write(current: Pod, desired: PodStatus, opId: number | undefined): Pod | undefined {
    if (statusUpToDate(current.status, desired)) {
      this.remember(desired);
      this.confirmed = current.status;
      return undefined;
    }
    this.confirmed = undefined;
    const first = mergePodStatus(current.status, desired);
    const ctx = this.rt.ctx(opId);
    let base: Pod | undefined = current;
    let stored: Pod | undefined;
    for (let attempt = 0; attempt < 2 && base; attempt++) {
      const merged = attempt === 0 ? first : mergePodStatus(base.status, desired);
      if (attempt > 0 && deepEqual(merged, base.status)) break;
      // The merge is fresh and never changed afterwards (nor is `desired`, which it shares): the server may keep it.
      const res: ApiResult<Pod> = this.rt.api.update<Pod>(ctx, 'pods', { ...base, status: merged }, 'status', { owned: true });
      if (res.ok) {
        stored = res.value;
        // Stored as sent: the merge of the kubelet's fields into a status says those fields.
        if (stored.status === merged && mergeKeepsUpToDate(desired)) {
          this.confirmed = merged;
          // The merge holds `desired` whole (it adds only the API's nominatedNodeName, which `desired` lacks).
          if (!('nominatedNodeName' in desired)) {
            this.written = undefined;
            this.writtenAs = merged;
            this.writtenConditions = desired.conditions?.length ?? -1;
            return stored;
          }
        }
        break;
      }
      if (res.status.code !== 409) return undefined;
      const got: ApiResult<Pod> = this.rt.api.get<Pod>(ctx, 'pods', base.metadata.namespace, base.metadata.name);
      base = got.ok && got.value.metadata.uid === this.uid ? got.value : undefined;
    }
    this.remember(desired);
    return stored;
  }

  private remember(desired: PodStatus): void {
    this.written = desired;
    this.writtenAs = undefined;
  }

  /**
   * What buildPodStatus needs of the last written status (its phase and the kubelet's
   * conditions): the stored merge says the same, its other components' conditions after them.
   */
  get previous(): PodStatus | undefined {
    return this.written ?? this.writtenAs;
  }

  /** The kubelet-owned status last written (or found already in place). */
  get lastWritten(): PodStatus | undefined {
    return this.written ?? (this.writtenAs && unmergePodStatus(this.writtenAs, this.writtenConditions));
  }

  /** statusUpToDate(status, lastWritten), answered at once for a status confirmed above. */
  upToDate(status: PodStatus | undefined): boolean {
    if (!this.written && !this.writtenAs) return true;
    if (status !== undefined && status === this.confirmed) return true;
    const written = this.lastWritten;
    return written === undefined || statusUpToDate(status, written);
  }
}

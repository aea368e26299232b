import type { ApiResult } from '../api/status';
import type { Pod, PodStatus } from '../api/types';
import { deepEqual } from '../util/clone';
import type { KubeletRuntime } from './kubelet-runtime';
import { mergeKeepsUpToDate, mergePodStatus, statusUpToDate } from './pod-status';

/**
 * The kubelet's status manager for one pod: merges the kubelet's fields into the pod as last
 * seen and PUTs status guarded by resourceVersion; on a conflict it GETs the pod and tries
 * once more. Nothing is sent when the API already says the same.
 */
export class StatusWriter {
  /** The kubelet-owned status last written (or found already in place). */
  lastWritten: PodStatus | undefined;
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
      this.lastWritten = desired;
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
        if (stored.status === merged && mergeKeepsUpToDate(desired)) this.confirmed = merged;
        break;
      }
      if (res.status.code !== 409) return undefined;
      const got: ApiResult<Pod> = this.rt.api.get<Pod>(ctx, 'pods', base.metadata.namespace, base.metadata.name);
      base = got.ok && got.value.metadata.uid === this.uid ? got.value : undefined;
    }
    this.lastWritten = desired;
    return stored;
  }

  /** statusUpToDate(status, lastWritten), answered at once for a status confirmed above. */
  upToDate(status: PodStatus | undefined): boolean {
    const written = this.lastWritten;
    if (!written) return true;
    return (status !== undefined && status === this.confirmed) || statusUpToDate(status, written);
  }
}

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const JOB_BACKOFF_BASE_MS = 10_000;
export const JOB_BACKOFF_MAX_MS = 6 * 60_000;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureMs: number | undefined;
}

/** A finished pod as the back-off store sees it. */
export interface Finished {
  finishedMs: number;
}

/**
 * backoffStore.newBackoffRecord: failures since the last success, and when the latest failed.
 * A success resets the count, except for failures that finished after it.
 */
export function nextBackoffRecord(prev: BackoffRecord | undefined, succeeded: readonly Finished[], failed: readonly Finished[]): BackoffRecord {
  const rec: BackoffRecord = prev ? { ...prev } : { failuresAfterLastSuccess: 0, lastFailureMs: undefined };
  const byTime = (a: Finished, b: Finished): number => a.finishedMs - b.finishedMs;
  const s = [...succeeded].sort(byTime);
  const f = [...failed].sort(byTime);
  if (s.length === 0) {
    if (f.length === 0) return rec;
    return { failuresAfterLastSuccess: rec.failuresAfterLastSuccess + f.length, lastFailureMs: f[f.length - 1]!.finishedMs };
  }
  const lastSuccess = s[s.length - 1]!.finishedMs;
  const out: BackoffRecord = { failuresAfterLastSuccess: 0, lastFailureMs: undefined };
  for (let i = f.length - 1; i >= 0 && f[i]!.finishedMs > lastSuccess; i--) {
    out.lastFailureMs ??= f[i]!.finishedMs;
    out.failuresAfterLastSuccess++;
  }
  return out;
}

/** getRemainingTimeForFailuresCount: 10 s, 20 s, 40 s … capped at 6 min after the last failure. */
export function remainingBackoffMs(rec: BackoffRecord | undefined, nowMs: number): number {
  if (!rec || rec.failuresAfterLastSuccess === 0 || rec.lastFailureMs === undefined) return 0;
  let delay = JOB_BACKOFF_BASE_MS;
  for (let i = 1; i < rec.failuresAfterLastSuccess; i++) {
    delay *= 2;
    if (delay >= JOB_BACKOFF_MAX_MS) {
      delay = JOB_BACKOFF_MAX_MS;
      break;
    }
  }
  const elapsed = nowMs - rec.lastFailureMs;
  return delay < elapsed ? 0 : delay - elapsed;
}

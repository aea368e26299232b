/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH = 1;

/**
 * controller.slowStartBatch: runs `fn` `count` times in batches of 1, 2, 4, … and stops at
 * the first batch with a failure, so a controller hitting a quota or an admission denial
 * does not spam the API server. Returns the number of successes.
 */
export function slowStartBatch(count: number, fn: () => boolean): number {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failed = false;
    for (let i = 0; i < batch; i++) {
      if (fn()) successes++;
      else failed = true;
    }
    remaining -= batch;
    if (failed) break;
  }
  return successes;
}

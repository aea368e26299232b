import type { SchedulerCache } from '../cache/cache';
import type { NodeInfo } from '../cache/node-info';
import type { PodInfo } from '../cache/pod-info';
import { RecordScoreMemo } from '../cache/score-memo';
import { StateKey, type CycleState } from '../framework/cycle-state';
import type { FrameworkHandle, PreScorePlugin, ScorePlugin } from '../framework/interfaces';
import { MAX_NODE_SCORE, PluginName } from './names';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** Whether any of the pod's images is on any node: if not, every score is 0 and Score can return early. */
const ANY_IMAGE_PRESENT = new StateKey<boolean>('ImageLocality/anyPresent');

/** upstream calculatePriority: clamp the summed image score into [23MB, 1000MB × containers] and scale. */
export function imagePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  if (maxThreshold <= MIN_THRESHOLD) return 0;
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/** Image size on the node scaled by the share of nodes that have it (spread discount). */
export function imageLocalityScore(cache: SchedulerCache, pod: PodInfo, node: NodeInfo): number {
  const total = cache.nodeCount;
  let sum = 0;
  for (const image of pod.images) {
    const size = node.imageSizes.get(image);
    if (size !== undefined && total > 0) sum += Math.trunc(size * (cache.imageNumNodes(image) / total));
  }
  return imagePriority(sum, pod.images.length);
}

/** Score (weight 1): prefer nodes that already hold the pod's images. */
export function newImageLocality(handle: FrameworkHandle): PreScorePlugin & ScorePlugin {
  // Score runs once per node: read the cycle's flag once per cycle, not per node.
  let stateOf: CycleState | undefined;
  let anyPresent = false;
  const sizeMemo = new RecordScoreMemo();
  return {
    name: PluginName.ImageLocality,
    preScore(state, pod) {
      state.write(ANY_IMAGE_PRESENT, pod.images.some((i) => handle.cache.imageNumNodes(i) > 0));
      return null;
    },
    score(state, pod, node) {
      if (state !== stateOf) {
        stateOf = state;
        anyPresent = state.read(ANY_IMAGE_PRESENT) === true;
      }
      return anyPresent ? imageLocalityScore(handle.cache, pod, node) : 0;
    },
    scoreAll(state, pod, nodes, scores, n) {
      if (state.read(ANY_IMAGE_PRESENT) !== true) {
        scores.fill(0, 0, n);
        return;
      }
      for (let i = 0; i < n; i++) scores[i] = imageLocalityScore(handle.cache, pod, nodes[i]!);
    },
    scoreColumns(state, pod, nodes, view, scores, n) {
      if (state.read(ANY_IMAGE_PRESENT) !== true) {
        scores.fill(0, 0, n);
        return;
      }
      // One image (the usual pod): per node only the image's size there matters (kept per
      // node record, -Infinity where absent); the spread factor is the same for all.
      if (pod.images.length !== 1) {
        for (let i = 0; i < n; i++) scores[i] = imageLocalityScore(handle.cache, pod, nodes[i]!);
        return;
      }
      const image = pod.images[0]!;
      const total = handle.cache.nodeCount;
      const spread = handle.cache.imageNumNodes(image) / total;
      const absent = imagePriority(0, 1);
      const sizes = sizeMemo.begin(view.columns, 0, 0, image);
      const records = view.records;
      let lastSize = NaN;
      let lastScore = 0;
      for (let i = 0; i < n; i++) {
        const r = records[i]!;
        let size = sizes[r]!;
        // NaN (not known) is the only value unequal to itself.
        if (size !== size) size = sizes[r] = nodes[i]!.imageSizes.get(image) ?? -Infinity;
        if (size === -Infinity || total <= 0) scores[i] = absent;
        else {
          // As imageLocalityScore sums it: 0 + trunc(size × spread).
          if (size !== lastSize) {
            lastSize = size;
            lastScore = imagePriority(0 + Math.trunc(size * spread), 1);
          }
          scores[i] = lastScore;
        }
      }
    },
  } satisfies PreScorePlugin & ScorePlugin;
}

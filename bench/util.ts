/** Shared helpers for the Node benchmarks. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const ZERO_LATENCY = {
  watchLatencyMs: 0,
  workqueueDelayMs: 0,
  imagePullMsPerMiB: 0,
  containerStartMs: 0,
  keepInteractions: false,
} as const;

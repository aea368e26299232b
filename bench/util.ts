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

/** What the in-page frame probe counted between start and stop. */
export interface FrameCounts {
  frames: number;
  longTasks: number;
  worstFrame: number;
}

/**
 * An in-page probe counting animation frames (rAF), long tasks (> 50 ms) and the worst frame
 * gap, as source text for `page.evaluate` (a transpiled function would carry the bundler's
 * helpers). `start` installs it under `window.__<name>`; `stop` ends it and returns FrameCounts.
 */
export function frameProbe(name: string): { start: string; stop: string } {
  const slot = `__${name}`;
  return {
    start: `(() => {
  const s = { frames: 0, longTasks: 0, worstFrame: 0, stop: false };
  window.${slot} = s;
  new PerformanceObserver((list) => { s.longTasks += list.getEntries().length; }).observe({ type: 'longtask' });
  let last = performance.now();
  const frame = (t) => {
    if (s.stop) return;
    s.frames++;
    s.worstFrame = Math.max(s.worstFrame, t - last);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`,
    stop: `(() => { const r = window.${slot}; r.stop = true; return { frames: r.frames, longTasks: r.longTasks, worstFrame: r.worstFrame }; })()`,
  };
}

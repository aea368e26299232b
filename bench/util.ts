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
  /** Milliseconds from the first to the last counted frame, on the page's own clock. */
  spanMs: number;
  /** Vsync intervals with no frame: a gap of g ms hides round(g / 16.67) − 1 frames. */
  missed: number;
}

/** Frames per second over the probe's own span: (frames − 1) intervals in spanMs. */
export function probeFps(c: FrameCounts): number {
  return c.spanMs > 0 ? ((c.frames - 1) * 1000) / c.spanMs : 0;
}

/**
 * An in-page probe counting animation frames (rAF), long tasks (> 50 ms), the worst frame
 * gap and the frames missed, as source text for `page.evaluate` (a transpiled function would
 * carry the bundler's helpers). `start` installs it under `window.__<name>`; `stop` ends it
 * and returns FrameCounts. The rate is taken on the page's clock between its first and last
 * frame, so the round trips of starting and stopping the probe do not count as frames or time.
 */
export function frameProbe(name: string): { start: string; stop: string } {
  const slot = `__${name}`;
  return {
    start: `(() => {
  const s = { frames: 0, longTasks: 0, worstFrame: 0, missed: 0, first: 0, last: 0, stop: false };
  window.${slot} = s;
  new PerformanceObserver((list) => { s.longTasks += list.getEntries().length; }).observe({ type: 'longtask' });
  const frame = (t) => {
    if (s.stop) return;
    if (s.frames === 0) s.first = t;
    else {
      const gap = t - s.last;
      s.worstFrame = Math.max(s.worstFrame, gap);
      s.missed += Math.max(0, Math.round(gap / (1000 / 60)) - 1);
    }
    s.last = t;
    s.frames++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`,
    stop: `(() => { const r = window.${slot}; r.stop = true; return { frames: r.frames, longTasks: r.longTasks, worstFrame: r.worstFrame, spanMs: r.last - r.first, missed: r.missed }; })()`,
  };
}

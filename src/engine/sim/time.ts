/** Simulated wall-clock origin: every cluster "boots" at this instant. */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 1, 9, 0, 0);

let lastSecond = NaN;
let lastStamp = '';
let lastMicroMs = NaN;
let lastMicroStamp = '';
let lastMicroSecond = NaN;
let lastMicroPrefix = '';

/** RFC 3339 with second precision, as Kubernetes writes metadata timestamps. */
export function rfc3339(simMs: number): string {
  // Many writes share a second: format each second once.
  const second = Math.floor(simMs / 1000);
  if (second !== lastSecond) {
    lastStamp = new Date(SIM_EPOCH_MS + second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastStamp;
}

/** RFC 3339 with microseconds, as Kubernetes writes MicroTime fields (Lease renewTime). */
export function rfc3339Micro(simMs: number): string {
  // Events written in one burst share a millisecond: format each millisecond once.
  if (simMs !== lastMicroMs) {
    if (Number.isSafeInteger(simMs)) {
      // Lease renewals are jittered (a new millisecond each time): format the second once, add the digits.
      const second = Math.floor(simMs / 1000);
      if (second !== lastMicroSecond) {
        lastMicroPrefix = new Date(SIM_EPOCH_MS + second * 1000).toISOString().slice(0, -4);
        lastMicroSecond = second;
      }
      const ms = simMs - second * 1000;
      lastMicroStamp = `${lastMicroPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}000Z`;
    } else {
      lastMicroStamp = new Date(SIM_EPOCH_MS + simMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    }
    lastMicroMs = simMs;
  }
  return lastMicroStamp;
}

/** Inverse of rfc3339 / rfc3339Micro: simulated ms, or undefined for bad input. */
export function parseTimestamp(ts: string | undefined): number | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t - SIM_EPOCH_MS;
}

/** Parses "90s", "1m", "7m30s", "1h", "500ms", "2m0s" into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === 'h' ? n * 3_600_000 : unit === 'm' ? n * 60_000 : unit === 's' ? n * 1000 : n;
    matched = re.lastIndex;
  }
  if (matched === 0 || matched !== s.length) return undefined;
  return Math.round(total);
}

/** hh:mm:ss of simulated time, for the runner's step headers. */
export function clockLabel(simMs: number): string {
  const total = Math.floor(simMs / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

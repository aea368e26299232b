import { parseTimestamp } from '../../sim/time';

/**
 * apimachinery's duration.HumanDuration: the AGE column. Whole seconds, truncated toward
 * zero; up to 1s in the future still reads "0s" (clock skew), further is "<invalid>".
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24);
    const dy = days % 365;
    return dy === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** kubectl's translateTimestampSince: `<unknown>` for a missing timestamp. */
export function since(timestamp: string | undefined | null, nowMs: number): string {
  const t = parseTimestamp(timestamp ?? undefined);
  return t === undefined ? '<unknown>' : humanDuration(nowMs - t);
}

/** Go's time.Duration.String() for whole-second durations (`5m0s`, `1h0m0s`, `30s`). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  const sText = Number.isInteger(s) ? String(s) : String(Number(s.toFixed(3)));
  const body = h > 0 ? `${h}h${m}m${sText}s` : m > 0 ? `${m}m${sText}s` : `${sText}s`;
  return neg ? `-${body}` : body;
}

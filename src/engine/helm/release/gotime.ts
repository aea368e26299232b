import { SIM_EPOCH_MS, parseTimestamp } from '../../sim/time';

/**
 * The three ways Helm prints a time, all in UTC from the simulated clock (simulated ms):
 * `time.ANSIC` (status, history), `Time.String()` (list's UPDATED) and RFC 3339 with
 * nanoseconds (the release JSON). Sub-millisecond digits do not exist in the simulation.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function parts(simMs: number): { d: Date; hms: string; ymd: string; frac: string } {
  const d = new Date(SIM_EPOCH_MS + simMs);
  const hms = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const ymd = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const ms = d.getUTCMilliseconds();
  // Go's `.999999999` layout: fractional digits without trailing zeros, nothing when zero.
  const frac = ms === 0 ? '' : `.${String(ms).padStart(3, '0').replace(/0+$/, '')}`;
  return { d, hms, ymd, frac };
}

/** Go `time.ANSIC` (`Mon Jan _2 15:04:05 2006`): `Thu Jan  1 09:00:05 2026`. */
export function ansic(simMs: number): string {
  const { d, hms } = parts(simMs);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} ${d.getUTCFullYear()}`;
}

/** Go `time.Time.String()` of a UTC time: `2026-01-01 09:00:05.25 +0000 UTC`. */
export function goTimeString(simMs: number): string {
  const { ymd, hms, frac } = parts(simMs);
  return `${ymd} ${hms}${frac} +0000 UTC`;
}

/** RFC 3339 with Go's trimmed nanoseconds, as encoding/json writes a time.Time. */
export function rfc3339Nano(simMs: number): string {
  const { ymd, hms, frac } = parts(simMs);
  return `${ymd}T${hms}${frac}Z`;
}

/** Simulated ms of an RFC 3339 time, or undefined (Helm's zero time is the empty string). */
export function parseRfc3339(text: unknown): number | undefined {
  return typeof text === 'string' && text !== '' ? parseTimestamp(text) : undefined;
}

/** Unix seconds of a simulated time (the `createdAt` / `modifiedAt` labels, `--generate-name`). */
export function unixSeconds(simMs: number): number {
  return Math.floor((SIM_EPOCH_MS + simMs) / 1000);
}

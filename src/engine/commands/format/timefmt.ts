import { SIM_EPOCH_MS, parseTimestamp } from '../../sim/time';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Go's time.RFC1123Z in UTC, as `kubectl describe` prints times: `Thu, 01 Jan 2026 09:00:05 +0000`. */
export function rfc1123z(simMs: number): string {
  const d = new Date(SIM_EPOCH_MS + simMs);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** RFC1123Z of an RFC 3339 timestamp; Go's zero time when missing, as describe shows it. */
export function rfc1123zOf(timestamp: string | undefined | null): string {
  const t = parseTimestamp(timestamp ?? undefined);
  return t === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : rfc1123z(t);
}

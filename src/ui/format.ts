/** Display formatting shared by the canvas and the panels. */

/** `m:ss` for countdowns ("evicted in 4:12"); hours when needed. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** hh:mm:ss of the scenario clock. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60].map((n) => String(n).padStart(2, '0')).join(':');
}

/** kubectl's duration.HumanDuration (AGE / LAST SEEN columns). */
export function humanDuration(ms: number): string {
  if (ms < -1000) return '<invalid>';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  const h = Math.floor(s / 3600);
  if (h < 3) return `${m}m`;
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  return y < 8 ? `${y}y${d % 365}d` : `${y}y`;
}

export function cpuText(millis: number): string {
  return millis % 1000 === 0 ? `${millis / 1000}` : `${millis}m`;
}

export function memText(bytes: number): string {
  const gi = bytes / 2 ** 30;
  if (gi >= 1) return `${Math.round(gi * 10) / 10}Gi`;
  return `${Math.round(bytes / 2 ** 20)}Mi`;
}

export function percent(used: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.round((used / total) * 100));
}

/** The distinguishing tail of a generated pod name: `web-5d8f7c6b9-x8k2p` → `x8k2p`. */
export function podSuffix(name: string, workload: string | null): string {
  if (workload && name.startsWith(`${workload}-`)) {
    const rest = name.slice(workload.length + 1);
    const parts = rest.split('-');
    return parts[parts.length - 1] ?? rest;
  }
  return name;
}

/** Short STATUS label for a pod chip. */
export function shortStatus(status: string): string {
  switch (status) {
    case 'ContainerCreating':
      return 'Creating';
    case 'CrashLoopBackOff':
      return 'CrashLoop';
    case 'ImagePullBackOff':
      return 'PullBackOff';
    default:
      return status.length > 14 ? `${status.slice(0, 13)}…` : status;
  }
}

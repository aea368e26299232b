/**
 * intstr.GetScaledValueFromIntOrPercent: an integer as is, or "25%" of `total` rounded up
 * or down. Malformed values give undefined so callers can report them.
 */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  const m = /^(\d+)%$/.exec(value.trim());
  if (!m) return undefined;
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * deploymentutil.ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and
 * both zero means one may be unavailable (so a rollout can always progress).
 */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? '25%', desired, true) ?? 0;
  let unavailable = scaledValue(maxUnavailable ?? '25%', desired, false) ?? 0;
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

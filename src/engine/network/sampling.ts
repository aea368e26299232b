import type { Rng } from '../sim/rng';

/**
 * Count sampling for aggregate traffic: a bucket of N requests is split and thinned with a
 * handful of draws instead of one draw per request, so cost follows edges, not rates.
 * Small counts are sampled exactly; large ones with a normal approximation.
 */

/** Largest count sampled exactly (one draw per trial); above it the normal approximation. */
const EXACT_LIMIT = 40;

/** Standard normal draw (Box–Muller), never NaN. */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Poisson(mean) count: arrivals of a steady request rate within one bucket. */
export function poisson(mean: number, rng: Rng): number {
  if (!(mean > 0)) return 0;
  if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  // Knuth's method; the bound only guards against a pathological generator.
  while (p > limit && k < 1000) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Binomial(n, p): how many of n requests fail with probability p, etc. */
export function binomial(n: number, p: number, rng: Rng): number {
  if (n <= 0 || !(p > 0)) return 0;
  if (p >= 1) return n;
  if (n <= EXACT_LIMIT) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) k++;
    return k;
  }
  const mean = n * p;
  if (mean < 10) return Math.min(n, poisson(mean, rng));
  if (n - mean < 10) return n - Math.min(n, poisson(n - mean, rng));
  const sd = Math.sqrt(mean * (1 - p));
  return Math.min(n, Math.max(0, Math.round(mean + sd * gaussian(rng))));
}

/**
 * Splits `count` connections uniformly over `n` targets (iptables' 1/n per connection).
 * Few connections: one pick each. Many: sequential conditional binomials, O(n).
 */
export function splitUniform(count: number, n: number, rng: Rng): number[] {
  const out = new Array<number>(Math.max(0, n)).fill(0);
  if (n <= 0 || count <= 0) return out;
  if (count < n * 2) {
    for (let i = 0; i < count; i++) out[rng.int(n)]!++;
    return out;
  }
  let left = count;
  for (let i = 0; i < n - 1 && left > 0; i++) {
    const k = binomial(left, 1 / (n - i), rng);
    out[i] = k;
    left -= k;
  }
  out[n - 1]! += left;
  return out;
}

/** floor(x) plus one more with probability frac(x): an integer with mean x. */
export function stochasticRound(x: number, rng: Rng): number {
  if (!(x > 0)) return 0;
  const base = Math.floor(x);
  return base + (rng.next() < x - base ? 1 : 0);
}

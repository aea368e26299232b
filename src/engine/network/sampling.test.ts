import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/rng';
import { binomial, poisson, splitUniform, stochasticRound } from './sampling';

describe('count sampling', () => {
  it.each([
    [3, 30_000],
    [7, 20],
    [4, 1_000_000],
  ])('splitUniform over %i targets keeps every connection and is uniform', (n, count) => {
    const out = splitUniform(count, n, new Rng(1));
    expect(out.reduce((a, b) => a + b, 0)).toBe(count);
    if (count >= 1000) for (const c of out) expect(Math.abs(c - count / n) / (count / n)).toBeLessThan(0.05);
  });

  it('is deterministic for a seed', () => {
    expect(splitUniform(1000, 5, new Rng(42))).toEqual(splitUniform(1000, 5, new Rng(42)));
    expect(splitUniform(1000, 5, new Rng(42))).not.toEqual(splitUniform(1000, 5, new Rng(43)));
  });

  it.each([
    ['poisson small', (r: Rng) => poisson(3.5, r), 3.5],
    ['poisson large', (r: Rng) => poisson(5000, r), 5000],
    ['binomial exact', (r: Rng) => binomial(30, 0.2, r), 6],
    ['binomial normal', (r: Rng) => binomial(100_000, 0.3, r), 30_000],
    ['binomial rare', (r: Rng) => binomial(100_000, 0.00005, r), 5],
    ['stochasticRound', (r: Rng) => stochasticRound(2.25, r), 2.25],
  ])('%s has the right mean', (_n, draw, mean) => {
    const rng = new Rng(9);
    let total = 0;
    const N = 4000;
    for (let i = 0; i < N; i++) total += draw(rng);
    expect(Math.abs(total / N - mean) / mean).toBeLessThan(0.05);
  });

  it.each([
    [0, 0.5, 0],
    [10, 0, 0],
    [10, 1, 10],
    [-3, 0.5, 0],
  ])('binomial(%i, %d) edge cases → %i', (n, p, want) => {
    expect(binomial(n, p, new Rng(1))).toBe(want);
  });

  it('never returns more than n or less than 0', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) {
      const k = binomial(50, 0.999, rng);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThanOrEqual(50);
    }
  });
});

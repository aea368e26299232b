import { describe, expect, it } from 'vitest';
import { goDuration, humanDuration, since } from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1500, '0s'],
    [-1 * S, '0s'],
    [0, '0s'],
    [999, '0s'],
    [5 * S, '5s'],
    [119 * S, '119s'],
    [120 * S, '2m'],
    [200 * S, '3m20s'],
    [5 * M, '5m'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [45 * M, '45m'],
    [150 * M, '150m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [4 * H, '4h'],
    [8 * H, '8h'],
    [20 * H, '20h'],
    [47 * H, '47h'],
    [48 * H, '2d'],
    [2 * D + 4 * H, '2d4h'],
    [3 * D, '3d'],
    [8 * D, '8d'],
    [45 * D, '45d'],
    [400 * D, '400d'],
    [2 * 365 * D, '2y'],
    [2 * 365 * D + 30 * D, '2y30d'],
    [9 * 365 * D, '9y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('measures timestamps against the simulated clock, <unknown> when missing', () => {
    expect(since('2026-01-01T09:00:00Z', 75 * S)).toBe('75s');
    expect(since(undefined, 0)).toBe('<unknown>');
    expect(since('not a time', 0)).toBe('<unknown>');
  });
});

describe('goDuration (time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [30 * S, '30s'],
    [5 * M, '5m0s'],
    [H + 90 * S, '1h1m30s'],
    [1500, '1.5s'],
  ])('%d ms → %s', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { parseTimestamp, rfc3339Micro, SIM_EPOCH_MS } from './time';

/** The formatting and parsing the fast paths replace: they must agree on every input. */
const referenceMicro = (ms: number): string => new Date(SIM_EPOCH_MS + ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
const referenceParse = (ts: string): number | undefined => {
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t - SIM_EPOCH_MS;
};

describe('rfc3339Micro', () => {
  it.each([0, 1, 9, 10, 99, 100, 999, 1000, 1001, 59_999, 3_600_007, 86_399_999, -1, -999, -1000, -1001, 1e12 + 7, 123.5])('formats %d as Date does', (ms) => {
    expect(rfc3339Micro(ms)).toBe(referenceMicro(ms));
  });

  it('agrees with Date over a run of jittered times within and across seconds', () => {
    for (let ms = 10_990; ms < 12_020; ms += 7) expect(rfc3339Micro(ms)).toBe(referenceMicro(ms));
  });
});

describe('parseTimestamp', () => {
  it.each([
    '2026-01-01T09:00:00.123456Z',
    '2026-01-01T09:00:10.999999Z',
    '2026-01-01T09:00:00Z',
    '2026-13-01T09:00:00.123456Z',
    '2026-02-30T09:00:00.123456Z',
    '2026-01-01T24:00:00.000000Z',
    '2026-01-01T09:60:00.123456Z',
    '9999-12-31T23:59:59.999999Z',
    'not a time',
  ])('parses %s as Date.parse does', (ts) => {
    expect(parseTimestamp(ts)).toBe(referenceParse(ts));
  });

  it('is the inverse of rfc3339Micro', () => {
    for (let ms = 0; ms < 5_000; ms += 13) expect(parseTimestamp(rfc3339Micro(ms))).toBe(ms);
  });

  it('gives undefined for no input', () => {
    expect(parseTimestamp(undefined)).toBeUndefined();
    expect(parseTimestamp('')).toBeUndefined();
  });
});

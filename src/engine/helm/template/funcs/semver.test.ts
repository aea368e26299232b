import { describe, expect, it } from 'vitest';
import { semverCompare } from './semver';

describe('semverCompare', () => {
  it.each([
    ['>=1.21-0', 'v1.34.1', true],
    ['>=1.21-0', '1.20.5', false],
    ['>=1.21', '1.22.0-gke.1', false],
    ['>=1.21-0', '1.22.0-gke.1', true],
    ['<1.25', '1.24.9', true],
    ['>1.2.3', '1.2.3', false],
    ['=1.2.3', '1.2.3', true],
    ['!=1.2.3', '1.2.4', true],
    ['~1.2.0', '1.2.9', true],
    ['~1.2.0', '1.3.0', false],
    ['^1.2.0', '1.9.9', true],
    ['^1.2.0', '2.0.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['1.x', '1.7.0', true],
    ['1.x', '2.0.0', false],
    ['>= 1.19, < 1.30', '1.25.0', true],
    ['>= 1.19 < 1.30', '1.31.0', false],
    ['<1.19 || >=1.30', '1.34.1', true],
    ['1.2 - 1.4', '1.3.5', true],
    ['1.2 - 1.4', '1.5.0', false],
  ])('%s against %s', (constraint, version, want) => {
    expect(semverCompare(constraint, version)).toBe(want);
  });

  it.each([
    ['>=1.21', 'not-a-version', 'Invalid Semantic Version'],
    ['>>1', '1.0.0', 'improper constraint: >>1'],
  ])('%s against %s errors', (constraint, version, message) => {
    expect(() => semverCompare(constraint, version)).toThrow(message);
  });
});

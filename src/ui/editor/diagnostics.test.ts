import { describe, expect, it } from 'vitest';
import { markerPlace, markerRanges } from './diagnostics';

const TEXT = 'kind: A\n  bad: line  \n\nlast';
const at = (line: number, column: number) => ({ docIndex: 0, line, column, message: 'm' });

describe('markerRanges', () => {
  it.each<[string, number, number, string]>([
    ['first line start', 1, 1, 'kind: A'],
    ['mid line, trailing spaces left out', 2, 3, 'bad: line'],
    ['empty line: one character (its newline)', 3, 1, '\n'],
    ['last line without newline', 4, 1, 'last'],
    ['line past the end clamps to the last', 99, 1, 'last'],
    ['column past the end of a line', 1, 40, '\n'],
    ['nonsense numbers', -3, -7, 'kind: A'],
  ])('%s', (_name, line, column, covered) => {
    const [r] = markerRanges(TEXT, [at(line, column)]);
    expect(TEXT.slice(r!.from, r!.to)).toBe(covered);
  });

  it('an empty text gets an empty range', () => {
    expect(markerRanges('', [at(1, 1)])).toEqual([{ from: 0, to: 0, message: 'm' }]);
  });

  it('names the place 1-based', () => {
    expect(markerPlace({ docIndex: 1, line: 30, column: 1, message: '' })).toBe('document 2, line 30, column 1');
  });
});

import { describe, expect, it } from 'vitest';
import { isLong, sizeText } from './share-text';

describe('sizeText', () => {
  it.each([
    [0, '0 B'],
    [840, '840 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1229, '1.2 KB'],
    [8 * 1024 + 1, '8.0 KB'],
    [65_536, '64 KB'],
  ])('%i characters → %s', (chars, text) => {
    expect(sizeText(chars)).toBe(text);
  });

  it('warns past 8 KB, not at it', () => {
    expect(isLong(8 * 1024)).toBe(false);
    expect(isLong(8 * 1024 + 1)).toBe(true);
  });
});

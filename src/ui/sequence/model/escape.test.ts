import { describe, expect, it } from 'vitest';
import { HOSTILE } from '../testing/hostile-names';
import { escapeText, MAX_TEXT, plainText, unescapeText } from './escape';

describe('escapeText', () => {
  it.each(HOSTILE)('leaves nothing mermaid could read as syntax: %j', (raw) => {
    const out = escapeText(raw);
    expect(out).toMatch(/^(?:[A-Za-z0-9 ._/()=+*'?![\]→×…·-]|#\d+;)+$/u);
    expect(out).not.toMatch(/[:%{}<>&$@"`\n]/u);
    expect(unescapeText(out)).toBe(plainText(raw));
  });

  it.each([
    ['kubelet on worker-1', 'kubelet on worker-1'],
    ['pull nginx:1.27', 'pull nginx#58;1.27'],
    ['a;b', 'a#59;b'],
    ['bind web-1 → worker-2', 'bind web-1 → worker-2'],
    ['', '·'],
    ['  spaced\t\tout  ', 'spaced out'],
  ])('%j → %j', (raw, want) => {
    expect(escapeText(raw)).toBe(want);
  });

  it('clips very long names', () => {
    const out = plainText('x'.repeat(1000));
    expect(Array.from(out)).toHaveLength(MAX_TEXT);
    expect(out.endsWith('…')).toBe(true);
  });
});

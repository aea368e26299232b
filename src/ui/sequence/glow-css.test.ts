import { describe, expect, it } from 'vitest';
import { cssString, glowCss } from './glow-css';

describe('glowCss', () => {
  it('lights the edge and both ends of a message', () => {
    const css = glowCss({ opId: 1, index: 0, text: 'POST', caption: '', seqs: [1], edges: ['e:kubectl~apiserver', 'e:apiserver~kubectl'], endpoints: ['kubectl', 'apiserver'] });
    expect(css).toContain('.react-flow__edge[data-id="e:kubectl~apiserver"] .react-flow__edge-path');
    expect(css).toContain('.react-flow__node[data-id="kubectl"] > *');
    expect(css).toContain('.react-flow__node[data-id^="comp/apiserver/"] > *');
  });

  it('is empty with nothing highlighted', () => {
    expect(glowCss(null)).toBe('');
  });

  it.each([
    ['node/worker-1', '"node/worker-1"'],
    ['a"b', '"a\\22 b"'],
    ['x</style><script>', '"x\\3c /style\\3e \\3c script\\3e "'],
    ['back\\slash', '"back\\5c slash"'],
  ])('quotes %j safely', (raw, want) => {
    expect(cssString(raw)).toBe(want);
  });
});

import { describe, expect, it } from 'vitest';
import type { Block, Step } from './types';
import { fold } from './windows';

/** Folding inside a window: when blocks fold, and that unfolded ones keep their places. */

let seq = 0;
function block(key: string, text: string, ref: string, family?: string): Block {
  const step: Step = {
    seq: seq++, tMs: 0, kind: 'request', from: 'a', to: 'b', arrow: 'call', text, caption: '', key, many: '', manyCaption: '', ref,
    ...(family ? { family: { key: family, many: '', caption: '' } } : {}),
  };
  return { steps: [step], key, exact: text, ...(family ? { family } : {}) };
}

const shape = (blocks: Block[], foldMin = 3) => fold(blocks, { foldMin }).map((e) => e.blocks.map((b) => b.steps[0]!.text).join('+'));

describe('fold', () => {
  it.each([
    ['three about different objects fold', [block('create', 'create p1', 'p1'), block('create', 'create p2', 'p2'), block('create', 'create p3', 'p3')], ['create p1+create p2+create p3']],
    ['two about different objects stay apart', [block('create', 'create p1', 'p1'), block('x', 'x', 'x'), block('create', 'create p2', 'p2')], ['create p1', 'x', 'create p2']],
    ['the same words twice fold', [block('put', 'put web', 'web'), block('put', 'put web', 'web')], ['put web+put web']],
    ['folds sit where the first member was', [block('x', 'x', 'x'), block('c', 'c1', '1'), block('y', 'y', 'y'), block('c', 'c2', '2'), block('c', 'c3', '3')], ['x', 'c1+c2+c3', 'y']],
  ])('%s', (_name, blocks, want) => {
    expect(shape(blocks)).toEqual(want);
  });

  it('merges a run of reads of different objects (one family) into one entry', () => {
    const reads = ['a', 'b', 'c', 'd'].map((n) => block(`GET ${n}`, `GET ${n}`, n, 'GET'));
    expect(shape([block('x', 'x', 'x'), ...reads, block('y', 'y', 'y')])).toEqual(['x', 'GET a+GET b+GET c+GET d', 'y']);
    expect(shape([reads[0]!, block('x', 'x', 'x'), reads[1]!])).toEqual(['GET a', 'x', 'GET b']);
  });
});

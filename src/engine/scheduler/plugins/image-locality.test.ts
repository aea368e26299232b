import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../testing/builders';
import { Fixture } from '../testing/fixture';
import { imagePriority } from './image-locality';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  it.each([
    [0, 1, 0],
    [23 * MB, 1, 0],
    [1000 * MB, 1, 100],
    [2000 * MB, 1, 100],
    [511.5 * MB, 1, 50],
  ])('imagePriority(%i bytes, %i containers) = %i', (sum, containers, want) => {
    expect(imagePriority(sum, containers)).toBe(want);
  });

  it('scales by how many nodes have the image', () => {
    const big = { names: ['registry.example/app:1.0'], sizeBytes: 800 * MB };
    const f = new Fixture().nodes(makeNode('a', { images: [big] }), makeNode('b'), makeNode('c'), makeNode('d'));
    const { byPlugin } = f.score(makePod('p', { image: 'registry.example/app:1.0' }));
    // 800MB × 1/4 of the nodes = 200MB → (200 − 23) / (1000 − 23) × 100 = 18.
    expect(Object.fromEntries(byPlugin.get('ImageLocality')!)).toEqual({ a: 18, b: 0, c: 0, d: 0 });
  });

  it('treats an untagged image as :latest', () => {
    const f = new Fixture().nodes(makeNode('a', { images: [{ names: ['busybox:latest'], sizeBytes: 1000 * MB }] }), makeNode('b'));
    expect(f.score(makePod('p', { image: 'busybox' })).byPlugin.get('ImageLocality')!.get('a')).toBe(48);
  });
});

import { describe, expect, it } from 'vitest';
import { borderPoint, flowLine, rowTrack } from './geometry';

const box = { x: 0, y: 0, w: 100, h: 50 };

describe('geometry', () => {
  it.each([
    [{ x: 500, y: 25 }, { x: 100, y: 25 }],
    [{ x: 50, y: -300 }, { x: 50, y: 0 }],
    [{ x: 50, y: 25 }, { x: 50, y: 25 }],
  ])('borderPoint towards %o leaves at %o', (to, at) => {
    expect(borderPoint(box, to)).toEqual(at);
  });

  it('runs a line from border to border, shifted sideways by the offset', () => {
    const l = flowLine(box, { x: 300, y: 0, w: 100, h: 50 }, 6);
    expect(l).toMatchObject({ x0: 100, y0: 31, x1: 300, y1: 31, mid: { x: 200, y: 31 } });
    expect(l.d).toBe('M 100 31 L 300 31');
  });

  it('stacks in-node rows under the box', () => {
    const a = rowTrack(box, 0);
    const b = rowTrack(box, 1);
    expect(a.y).toBeGreaterThan(box.h);
    expect(b.y - a.y).toBe(17);
    expect(a.textX).toBeGreaterThan(a.x1);
  });
});

/** Where traffic edges run: between the borders of two boxes, or in rows under one box. */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Pt {
  x: number;
  y: number;
}

/** Where the ray from the centre of `r` towards `to` leaves `r`. */
export function borderPoint(r: Rect, to: Pt): Pt {
  const cx = r.x + r.w / 2;
  const cy = r.y + r.h / 2;
  const dx = to.x - cx;
  const dy = to.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const sx = dx === 0 ? Infinity : r.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : r.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

/** Offset (px, sideways) per flow kind, so kinds between the same nodes do not overlap. */
export const KIND_OFFSET = { request: 0, span: 6, export: -6, denied: 12 } as const;

export interface Line {
  d: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  mid: Pt;
}

/**
 * A straight segment from the border of `a` to the border of `b`, shifted sideways by
 * `offset`. Straight, so the particles (a belt sliding along it) follow the line exactly.
 */
export function flowLine(a: Rect, b: Rect, offset: number): Line {
  const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  const s = borderPoint(a, cb);
  const t = borderPoint(b, ca);
  const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
  const nx = (-(t.y - s.y) / len) * offset;
  const ny = ((t.x - s.x) / len) * offset;
  const r = (n: number): number => Math.round(n * 10) / 10;
  const x0 = r(s.x + nx);
  const y0 = r(s.y + ny);
  const x1 = r(t.x + nx);
  const y1 = r(t.y + ny);
  return { d: `M ${x0} ${y0} L ${x1} ${y1}`, x0, y0, x1, y1, mid: { x: r((x0 + x1) / 2), y: r((y0 + y1) / 2) } };
}

export const ROW = { height: 17, gap: 5, track: 44, pad: 8 } as const;
/** Particles on an in-node row's short track at most. */
export const MAX_ROW_PARTICLES = 4;

/** The track of in-node row `row` under box `r`: a short line from x to x1, then the text. */
export function rowTrack(r: Rect, row: number): { d: string; x: number; x1: number; y: number; textX: number } {
  const y = Math.round(r.y + r.h + ROW.gap + row * ROW.height + ROW.height / 2);
  const x = Math.round(r.x + ROW.pad);
  const x1 = x + ROW.track;
  return { d: `M ${x} ${y} L ${x1} ${y}`, x, x1, y, textX: x1 + 8 };
}

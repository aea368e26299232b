import { useStoreApi, type InternalNode } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { flowLine, KIND_OFFSET, MAX_ROW_PARTICLES, rowTrack, type Rect } from './geometry';
import type { TrafficFlowEdge } from './TrafficEdge';
import { particleCount, PARTICLE_SECONDS } from './traffic-model';

/**
 * The moving particles of every animated traffic edge, drawn on one canvas under the nodes:
 * one requestAnimationFrame loop and one fill per colour, instead of hundreds of animated
 * SVG strokes (each of which repaints its layer every frame). The edges' lines and names stay
 * in SVG (TrafficEdge). Under prefers-reduced-motion nothing moves.
 */

const RADIUS = 2.6;
const DRAW_EVERY_MS = 30;
/** Colours are re-read from CSS this often (theme switches). */
const COLOR_FRAMES = 60;

function rectOf(n: InternalNode): Rect {
  return { x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, w: n.measured.width ?? n.width ?? 0, h: n.measured.height ?? n.height ?? 0 };
}

interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The same segment the edge draws (TrafficEdge), from the nodes where they are now. */
function segmentOf(e: TrafficFlowEdge, lookup: ReadonlyMap<string, InternalNode>): Segment | undefined {
  const a = lookup.get(e.source);
  const b = lookup.get(e.target);
  if (!a || !b || !e.data) return undefined;
  if (e.data.row < 0) return flowLine(rectOf(a), rectOf(b), KIND_OFFSET[e.data.kind]);
  const t = rowTrack(rectOf(a), e.data.row);
  return { x0: t.x, y0: t.y, x1: t.x1, y1: t.y };
}

type Colors = Record<'request' | 'span' | 'export' | 'denied' | 'fail', string>;

function readColors(el: Element): Colors {
  const s = getComputedStyle(el);
  const v = (name: string, fallback: string): string => s.getPropertyValue(name).trim() || fallback;
  return { request: v('--k-tf-request', '#2f7fe0'), span: v('--k-tf-span', '#9b59d0'), export: v('--k-tf-export', '#0f9d8a'), denied: v('--k-tf-denied', '#d93a3a'), fail: v('--k-tf-fail', '#e5484d') };
}

export function TrafficParticles({ edges }: { edges: readonly TrafficFlowEdge[] }) {
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const edgesRef = useRef(edges);
  useEffect(() => {
    edgesRef.current = edges;
  }, [edges]);
  const anyAnimated = edges.some((e) => e.data?.animate);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const motion = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    let colors = readColors(canvas);
    let frame = 0;
    let raf = 0;
    let trains = -1;
    let last = -Infinity;
    const draw = (now: number): void => {
      raf = requestAnimationFrame(draw);
      // Particles move at about 30 Hz: smooth enough for a dot, half the drawing of every frame.
      if (now - last < DRAW_EVERY_MS) return;
      last = now;
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(canvas.clientWidth * dpr);
      const h = Math.round(canvas.clientHeight * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
      if (++frame % COLOR_FRAMES === 0) colors = readColors(canvas);
      let drawn = 0;
      if (!motion?.matches) {
        const { transform, nodeLookup } = store.getState();
        const [tx, ty, zoom] = transform;
        ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
        const paths = new Map<string, Path2D>();
        const phase = now / 1000 / PARTICLE_SECONDS;
        const r = Math.max(RADIUS, 1.5 / zoom);
        // One path per colour, filled once: the cost is the dots, not the calls.
        const add = (color: string, l: Segment, count: number, shift: number): void => {
          if (count <= 0) return;
          let p = paths.get(color);
          if (!p) paths.set(color, (p = new Path2D()));
          for (let k = 0; k < count; k++) {
            const t = (phase + shift + k / count) % 1;
            const x = l.x0 + (l.x1 - l.x0) * t;
            const y = l.y0 + (l.y1 - l.y0) * t;
            p.moveTo(x + r, y);
            p.arc(x, y, r, 0, Math.PI * 2);
          }
        };
        for (const e of edgesRef.current) {
          const d = e.data;
          if (!d?.animate) continue;
          const l = segmentOf(e, nodeLookup);
          if (!l) continue;
          const cap = d.row >= 0 ? MAX_ROW_PARTICLES : Infinity;
          const failN = Math.min(cap, particleCount(d.failRate));
          if (d.kind !== 'denied') add(colors[d.kind], l, Math.min(cap, particleCount(d.rate - d.failRate)), 0);
          add(colors.fail, l, failN, 0.5 / Math.max(1, failN));
          drawn++;
        }
        for (const [color, p] of paths) {
          ctx.fillStyle = color;
          ctx.fill(p);
        }
      }
      if (drawn !== trains) {
        trains = drawn;
        canvas.dataset.trains = String(drawn);
      }
    };
    if (anyAnimated) raf = requestAnimationFrame(draw);
    else {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      canvas.dataset.trains = '0';
    }
    return () => cancelAnimationFrame(raf);
  }, [store, anyAnimated]);

  return <canvas ref={canvasRef} className="k-tf-particles" aria-hidden="true" />;
}

/**
 * Initial placement of canvas nodes. Pure: same input, same positions. The control plane sits
 * on top with the user's terminal to its left; worker nodes fill rows below it, a few per row
 * for small clusters and a dense grid past 50 nodes. Positions the user dropped win.
 */

import type { DatastoreKind } from '../../protocol/records';

export interface WorkerSize {
  name: string;
  /** Pods drawn inside the node. */
  pods: number;
}

/** A control-plane node and the pods it runs besides its components (k3s servers run workloads). */
export type ControlPlaneSize = WorkerSize;

export interface LayoutInput {
  /** Large cluster: small nodes with canvas-drawn pods (see isCompact). */
  compact: boolean;
  controlPlanes: readonly ControlPlaneSize[];
  workers: readonly WorkerSize[];
  registry: boolean;
  /** Unscheduled pods drawn in the tray beside the control plane (0 = no tray). */
  pending: number;
  /** Names the etcd boxes (no effect on geometry); absent: etcd. */
  datastore?: DatastoreKind;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const CP_GROUP = { width: 424, height: 190 };
export const COMPONENT = { width: 188, height: 52 };
export const TERMINAL = { width: 130, height: 56 };

/** Above this many nodes the canvas switches to compact nodes (pods drawn on a canvas). */
export const COMPACT_NODES = 50;
/**
 * ...or above this many visible pods: past a few hundred DOM pod chips, panning and churn
 * stop fitting in a frame (React Flow's maintainer puts the DOM limit near 1,000 nodes).
 */
export const COMPACT_PODS = 300;
/** Zoomed in this close, compact nodes draw their pods as buttons again. */
export const DETAIL_ZOOM = 1;
/** Zoomed out this far, compact nodes show just their name, large (smaller text is unreadable and costly). */
export const FAR_ZOOM = 0.7;
/** Above this many workers, they sit in one frame that the API server's single edge reaches. */
export const POOL_NODES = 50;

export function pooled(workers: number): boolean {
  return workers > POOL_NODES;
}

export function isCompact(workers: number, visiblePods: number): boolean {
  return workers > COMPACT_NODES || visiblePods > COMPACT_PODS;
}

export function workerGeometry(compact: boolean): { width: number; header: number; chipH: number; cols: number; gap: number } {
  return compact ? { width: 176, header: 52, chipH: 14, cols: 10, gap: 2 } : { width: 272, header: 118, chipH: 34, cols: 2, gap: 4 };
}

export function workerHeight(pods: number, compact: boolean): number {
  const g = workerGeometry(compact);
  const rows = Math.max(1, Math.ceil(pods / g.cols));
  return g.header + rows * (g.chipH + g.gap) + 10;
}

export function columnsFor(n: number, compact: boolean): number {
  if (n <= 4) return Math.max(1, n);
  if (!compact) return Math.min(6, Math.ceil(Math.sqrt(n * 1.6)));
  return Math.ceil(Math.sqrt(n * 2.2));
}

/**
 * Where a control plane's pods go: under its four components, the usage bars, then a grid of
 * chips (three across the group's width, or small squares in a large cluster).
 */
export const CP_PODS = { top: 178, bars: 34, bottom: 10 } as const;

export function controlPlaneGeometry(compact: boolean): { chipH: number; cols: number; gap: number } {
  return compact ? { chipH: 14, cols: 24, gap: 2 } : { chipH: 34, cols: 3, gap: 4 };
}

/** The group's height: just the components, or grown by the rows of pods it runs. */
export function controlPlaneHeight(pods: number, compact: boolean): number {
  if (pods <= 0) return CP_GROUP.height;
  const g = controlPlaneGeometry(compact);
  return CP_PODS.top + CP_PODS.bars + Math.ceil(pods / g.cols) * (g.chipH + g.gap) + CP_PODS.bottom;
}

/** Child positions inside a control-plane group (relative to the group). */
export const COMPONENT_SLOTS = {
  scheduler: { x: 16, y: 34 },
  'controller-manager': { x: 220, y: 34 },
  apiserver: { x: 16, y: 118 },
  etcd: { x: 220, y: 118 },
} as const;

export function layout(input: LayoutInput): Map<string, Box> {
  const out = new Map<string, Box>();
  const compact = input.compact;
  const left = TERMINAL.width + 90;
  const g = workerGeometry(compact);
  const cols = columnsFor(input.workers.length, compact);
  const gapX = compact ? 24 : 48;
  const gapY = compact ? 24 : 40;
  // The control plane sits centred over the workers; the terminal and the registry to its left.
  const gridWidth = Math.min(cols, input.workers.length) * (g.width + gapX) - gapX;
  const cpRowWidth = input.controlPlanes.length * (CP_GROUP.width + 40) - 40;
  const cpLeft = left + Math.max(0, Math.round((gridWidth - cpRowWidth) / 2));
  const sideX = cpLeft - TERMINAL.width - 90;
  input.controlPlanes.forEach((cp, i) => {
    out.set(`cp/${cp.name}`, { x: cpLeft + i * (CP_GROUP.width + 40), y: 0, width: CP_GROUP.width, height: controlPlaneHeight(cp.pods, compact) });
  });
  // Everything below the control plane clears its tallest group.
  const cpHeight = Math.max(CP_GROUP.height, ...input.controlPlanes.map((cp) => controlPlaneHeight(cp.pods, compact)));
  if (input.pending > 0) {
    const g0 = workerGeometry(false);
    out.set('pending', { x: cpLeft + input.controlPlanes.length * (CP_GROUP.width + 40), y: 0, width: g0.width, height: workerHeight(input.pending, false) - 80 });
  }
  out.set('kubectl', { x: sideX, y: COMPONENT_SLOTS.apiserver.y + (COMPONENT.height - TERMINAL.height) / 2, ...TERMINAL });
  // Between the control plane and the workers, so its edges reach node tops without crossing a node.
  if (input.registry) out.set('registry', { x: sideX, y: cpHeight + 24, ...TERMINAL });
  // A pool frame's label needs room above the grid.
  const top = cpHeight + (pooled(input.workers.length) ? 150 : 110);
  let y = top;
  for (let row = 0; row * cols < input.workers.length; row++) {
    const slice = input.workers.slice(row * cols, row * cols + cols);
    let rowH = 0;
    slice.forEach((w, i) => {
      const height = workerHeight(w.pods, compact);
      rowH = Math.max(rowH, height);
      out.set(`node/${w.name}`, { x: left + i * (g.width + gapX), y, width: g.width, height });
    });
    y += rowH + gapY;
  }
  return out;
}

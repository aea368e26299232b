import type { CanvasNode } from './flow-types';
import { componentLabel } from './flow-types';
import { COMPONENT, COMPONENT_SLOTS, layout, pooled, type Box, type LayoutInput } from './layout';

/**
 * Canvas nodes from the mirror's topology. Nodes keep their previous object (and so React
 * Flow's measurements and selection) when nothing about them changed.
 */

/** Room around the worker grid inside the pool frame (the label sits in the top margin). */
const POOL_PAD = { x: 24, top: 44, bottom: 24 };

const CP_KINDS = ['scheduler', 'controller-manager', 'apiserver', 'etcd'] as const;

export function buildNodes(input: LayoutInput, pinned: ReadonlyMap<string, { x: number; y: number }>, prev: readonly CanvasNode[]): CanvasNode[] {
  // Nothing to place before the first snapshot: positions chosen then would stick.
  if (input.controlPlanes.length === 0 && input.workers.length === 0) return [];
  const boxes = layout(input);
  const prevById = new Map(prev.map((n) => [n.id, n]));
  const out: CanvasNode[] = [];
  const compact = input.compact;
  const place = (id: string): { x: number; y: number } => pinned.get(id) ?? prevById.get(id)?.position ?? { x: boxes.get(id)?.x ?? 0, y: boxes.get(id)?.y ?? 0 };
  // A node's data keeps its identity when unchanged, so memoized node components skip re-rendering.
  const keep = <T extends CanvasNode>(n: T): T => {
    const old = prevById.get(n.id);
    if (!old) return n;
    const next = { ...n, data: shallowEqual(old.data, n.data) ? old.data : n.data, selected: old.selected, measured: old.measured } as T;
    // Unchanged nodes keep their very object: React Flow then skips them (it re-processes every changed node).
    return sameNode(old, next) ? (old as T) : next;
  };
  for (const { name: cp, pods } of input.controlPlanes) {
    const id = `cp/${cp}`;
    const box = boxes.get(id)!;
    out.push(keep({
      id, type: 'controlPlane', position: place(id), data: { name: cp, compact, pods: pods > 0 }, ariaLabel: `Control plane ${cp}`,
      style: { width: box.width, height: box.height }, initialWidth: box.width, initialHeight: box.height,
    }));
    for (const kind of CP_KINDS) {
      const cid = `comp/${kind}/${cp}`;
      const label = componentLabel(kind, input.datastore);
      out.push(keep({
        id: cid, type: 'component', parentId: id, extent: 'parent', draggable: false, position: COMPONENT_SLOTS[kind],
        data: { kind, node: cp, label }, ariaLabel: label, style: { width: COMPONENT.width, height: COMPONENT.height },
      }));
    }
  }
  out.push(keep({ id: 'kubectl', type: 'terminal', position: place('kubectl'), data: { label: 'kubectl' }, ariaLabel: 'Terminal kubectl' }));
  if (input.pending > 0) out.push(keep({ id: 'pending', type: 'pending', position: place('pending'), data: {}, ariaLabel: 'Unscheduled pods', style: { width: boxes.get('pending')?.width } }));
  if (input.registry) out.push(keep({ id: 'registry', type: 'registry', position: place('registry'), data: { label: 'Image registry' }, ariaLabel: 'Image registry' }));
  const workerBoxes: Box[] = [];
  for (const w of input.workers) {
    const id = `node/${w.name}`;
    const box = boxes.get(id)!;
    workerBoxes.push({ ...box, ...(pinned.get(id) ?? {}) });
    // Known dimensions let React Flow show (and fit) the node before measuring it; compact
    // nodes are exactly their layout box, full ones grow with their content.
    const style = compact ? { width: box.width, height: box.height } : { width: box.width };
    out.push(keep({
      id, type: 'worker', position: pinned.get(id) ?? { x: box.x, y: box.y }, data: { name: w.name, compact, handles: !pooled(input.workers.length) }, ariaLabel: `Node ${w.name}`,
      style, initialWidth: box.width, initialHeight: box.height,
    }));
  }
  if (pooled(input.workers.length)) out.unshift(keep(poolNode(workerBoxes)));
  return out;
}

/**
 * A frame around a large cluster's workers: the one endpoint of the API server's edge to
 * them (a hundred edges fanning out cost more to draw than they tell). It follows nodes
 * the user dropped elsewhere.
 */
function poolNode(boxes: readonly Box[]): CanvasNode {
  const x = Math.min(...boxes.map((b) => b.x)) - POOL_PAD.x;
  const y = Math.min(...boxes.map((b) => b.y)) - POOL_PAD.top;
  const width = Math.max(...boxes.map((b) => b.x + b.width)) + POOL_PAD.x - x;
  const height = Math.max(...boxes.map((b) => b.y + b.height)) + POOL_PAD.bottom - y;
  return {
    id: 'pool', type: 'pool', position: { x, y }, data: { count: boxes.length }, ariaLabel: `${boxes.length} worker nodes`,
    draggable: false, selectable: false, focusable: false, zIndex: -1, style: { width, height }, initialWidth: width, initialHeight: height,
  };
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Every field `next` sets is as in `old` (position and style by value). */
function sameNode(old: CanvasNode, next: CanvasNode): boolean {
  const o = old as unknown as Record<string, unknown>;
  const n = next as unknown as Record<string, unknown>;
  return Object.keys(n).every((k) => {
    const a = o[k];
    const b = n[k];
    if (a === b) return true;
    return (k === 'position' || k === 'style') && isRecord(a) && isRecord(b) && shallowEqual(a, b);
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

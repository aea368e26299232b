import type { CanvasNode, TrafficEndFlowNode } from '../canvas/flow-types';

/**
 * The two canvas nodes outside the cluster that traffic needs: `Users` (where a scenario's
 * traffic entries send from) to the left of the workers, and the observability backend
 * (where the collector agents export spans) to their right. Placed from the nodes already
 * laid out; a position the user dropped wins.
 */

export interface TrafficEnds {
  users: boolean;
  /** The backend's display name, or null when nothing is exported. */
  backend: string | null;
}

export const END_SIZE = { width: 210, height: 56 } as const;

function widthOf(n: CanvasNode): number {
  const w = n.style?.width;
  return typeof w === 'number' ? w : (n.initialWidth ?? n.measured?.width ?? 150);
}

export function withTrafficNodes(nodes: CanvasNode[], ends: TrafficEnds, pinned: ReadonlyMap<string, { x: number; y: number }>, prev: readonly CanvasNode[]): CanvasNode[] {
  if (nodes.length === 0 || (!ends.users && ends.backend === null)) return nodes;
  const top = nodes.filter((n) => !n.parentId && n.type !== 'trafficEnd');
  const workers = top.filter((n) => n.type === 'worker' || n.type === 'pool');
  const cps = top.filter((n) => n.type === 'controlPlane');
  const left = Math.min(...top.map((n) => n.position.x));
  const right = Math.max(...top.map((n) => n.position.x + widthOf(n)));
  const cpBottom = Math.max(0, ...cps.map((n) => n.position.y + (typeof n.style?.height === 'number' ? n.style.height : 190)));
  // Level with the first row of workers; above the control plane when there are none (k3s:
  // the server's own flows hang under it).
  const cpTop = cps.length > 0 ? Math.min(...cps.map((n) => n.position.y)) : cpBottom;
  const y = workers.length > 0 ? Math.min(...workers.map((n) => n.position.y)) + 20 : cpTop - END_SIZE.height - 50;
  const prevById = new Map(prev.map((n) => [n.id, n]));
  const out = [...nodes];
  const add = (id: string, role: 'users' | 'backend', label: string, x: number): void => {
    const old = prevById.get(id);
    const node: TrafficEndFlowNode = {
      id, type: 'trafficEnd', position: pinned.get(id) ?? old?.position ?? { x, y }, data: { role, label }, ariaLabel: role === 'users' ? 'Users' : `Observability backend ${label}`,
      width: END_SIZE.width, height: END_SIZE.height, selectable: false,
      ...(old?.measured ? { measured: old.measured } : {}),
    };
    out.push(old && old.type === 'trafficEnd' && old.data.label === label ? { ...node, data: old.data } : node);
  };
  const workerLeft = workers.length > 0 ? Math.min(...workers.map((n) => n.position.x)) : left + END_SIZE.width + 60;
  if (ends.users) add('traffic/users', 'users', 'Users', Math.min(left, workerLeft - END_SIZE.width - 60));
  if (ends.backend !== null) add('traffic/backend', 'backend', ends.backend || 'Observability backend', right + 70);
  return out;
}

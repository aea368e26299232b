import { describe, expect, it } from 'vitest';
import type { CanvasNode } from '../canvas/flow-types';
import { END_SIZE, withTrafficNodes } from './traffic-nodes';

const base: CanvasNode[] = [
  { id: 'cp/cp-1', type: 'controlPlane', position: { x: 320, y: 0 }, data: { name: 'cp-1', compact: false, pods: false }, style: { width: 424, height: 190 } },
  { id: 'kubectl', type: 'terminal', position: { x: 100, y: 116 }, data: { label: 'kubectl' }, style: { width: 130 } },
  { id: 'node/w1', type: 'worker', position: { x: 220, y: 300 }, data: { name: 'w1', compact: false, handles: true }, style: { width: 272 } },
  { id: 'node/w2', type: 'worker', position: { x: 540, y: 300 }, data: { name: 'w2', compact: false, handles: true }, style: { width: 272 } },
];

describe('withTrafficNodes', () => {
  it('adds nothing without traffic', () => {
    expect(withTrafficNodes(base, { users: false, backend: null }, new Map(), [])).toBe(base);
  });

  it('puts Users left of the workers and the backend right of everything, level with the first row', () => {
    const out = withTrafficNodes(base, { users: true, backend: 'Splunk Observability Cloud' }, new Map(), []);
    const users = out.find((n) => n.id === 'traffic/users')!;
    const backend = out.find((n) => n.id === 'traffic/backend')!;
    expect(users.position.x + END_SIZE.width).toBeLessThanOrEqual(220 - 60);
    expect(users.position.y).toBe(320);
    expect(backend.position.x).toBeGreaterThan(540 + 272);
    expect(backend).toMatchObject({ ariaLabel: 'Observability backend Splunk Observability Cloud', data: { role: 'backend' } });
  });

  it('keeps a position the user dropped, and sits above a control plane without workers', () => {
    const pinned = new Map([['traffic/users', { x: -50, y: 999 }]]);
    expect(withTrafficNodes(base, { users: true, backend: null }, pinned, []).find((n) => n.id === 'traffic/users')!.position).toEqual({ x: -50, y: 999 });
    const k3s = withTrafficNodes(base.slice(0, 2), { users: true, backend: null }, new Map(), []);
    expect(k3s.find((n) => n.id === 'traffic/users')!.position.y).toBeLessThan(0);
  });
});

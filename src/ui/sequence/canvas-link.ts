import type { DrawnMessage, Participant } from './diagram';

/**
 * Where a sequence message happens on the canvas: the edges it travels (React Flow edge ids
 * `e:<a>~<b>` as the canvas builds them) and the boxes at its ends. Endpoint names are the
 * canvas's: `kubectl`, `apiserver`, `etcd`, `scheduler`, `controller-manager`, `node/<name>`,
 * `registry`.
 */

export interface CanvasSpot {
  /** Endpoint pairs; the canvas draws each edge once, in either direction. */
  readonly edges: readonly (readonly [string, string])[];
  /** Canvas endpoints to light. */
  readonly endpoints: readonly string[];
}

function endpoints(p: Participant, nodes: readonly string[]): string[] {
  switch (p.kind) {
    case 'user':
      return ['kubectl'];
    case 'apiserver':
      return ['apiserver'];
    case 'etcd':
      return ['etcd'];
    case 'controller':
      return ['controller-manager'];
    case 'scheduler':
      return ['scheduler'];
    case 'kubelet':
    case 'runtime':
    case 'node':
      return (p.node !== undefined ? [p.node] : nodes).map((n) => `node/${n}`);
    default:
      return [];
  }
}

export function canvasSpot(m: DrawnMessage): CanvasSpot {
  const from = endpoints(m.from, m.nodes);
  const to = endpoints(m.to, m.nodes);
  const edges: [string, string][] = [];
  // Kubelet and runtime are both inside the node: work between them crosses no canvas edge
  // (with many nodes on one lane, that must not pair one node with another either).
  for (const a of from) for (const b of to) if (a !== b && !(a.startsWith('node/') && b.startsWith('node/'))) edges.push([a, b]);
  // An image pull leaves the node for the registry.
  if (m.to.kind === 'runtime' && /^pull /.test(m.text)) for (const a of to) edges.push([a, 'registry']);
  return { edges, endpoints: [...new Set([...from, ...to])] };
}

/** React Flow ids the canvas may use for one edge (it picks one direction). */
export function edgeIds([a, b]: readonly [string, string]): [string, string] {
  return [`e:${a}~${b}`, `e:${b}~${a}`];
}

/** React Flow node id, or a prefix for control-plane components (`comp/apiserver/<node>`). */
export function nodeSelector(endpoint: string): { readonly exact?: string; readonly prefix?: string } {
  if (endpoint === 'apiserver' || endpoint === 'etcd' || endpoint === 'scheduler' || endpoint === 'controller-manager') return { prefix: `comp/${endpoint}/` };
  return { exact: endpoint };
}

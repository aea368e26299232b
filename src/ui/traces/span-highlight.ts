import { create } from 'zustand';
import { useMirror } from '../mirror/store';
import { useUi } from '../ui-store';

/**
 * The span picked in the waterfall, for the canvas: its pod and its node light up (a
 * stylesheet matching React Flow's `data-id` and the pod chips' data attributes, as the
 * sequence panel's glow does), and the pod is selected so the inspector shows it.
 */

export interface SpanSpot {
  spanId: string;
  namespace: string;
  pod: string;
  node: string;
}

export const useSpanHighlight = create<{ spot: SpanSpot | null }>()(() => ({ spot: null }));

function cssString(s: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`);
}

/** The canvas node id of a node name (control planes are groups). */
export function canvasNodeId(node: string, controlPlanes: readonly string[]): string {
  return controlPlanes.includes(node) ? `cp/${node}` : `node/${node}`;
}

export function spotCss(spot: SpanSpot | null, controlPlanes: readonly string[]): string {
  if (!spot) return '';
  const rules: string[] = [];
  if (spot.node) rules.push(`.react-flow__node[data-id="${cssString(canvasNodeId(spot.node, controlPlanes))}"] > * { outline: 3px solid var(--k-tf-span, #9b59d0); outline-offset: 3px; }`);
  if (spot.pod) rules.push(`[data-pod-ns="${cssString(spot.namespace)}"][data-pod-name="${cssString(spot.pod)}"] { outline: 3px solid var(--k-tf-span, #9b59d0); outline-offset: 1px; }`);
  return rules.join('\n');
}

/** Lights the span's pod and node, and selects the pod (when the page knows it). */
export function showSpan(spot: SpanSpot): void {
  useSpanHighlight.setState({ spot });
  const pods = useMirror.getState().podsByNode.get(spot.node) ?? [];
  const pod = pods.find((p) => p.name === spot.pod && p.namespace === spot.namespace);
  if (pod) useUi.getState().select({ kind: 'pod', key: pod.key, namespace: pod.namespace, name: pod.name });
  else if (spot.node) useUi.getState().select({ kind: 'node', name: spot.node });
}

export function clearSpan(): void {
  useSpanHighlight.setState({ spot: null });
}

import type { ReactFlowState } from '@xyflow/react';
import { useMemo } from 'react';
import type { NodeRecord, PodRecord } from '../../protocol/records';
import { cpuText, memText, percent } from '../format';
import { usePodsOn } from '../mirror/store';
import { selectShowSystem, useUi } from '../ui-store';
import { DETAIL_ZOOM, FAR_ZOOM } from './layout';
import { onPodListClick, PodChip } from './PodChip';
import { canvasPods } from './visible-pods';
import { useLeaving } from './use-leaving';

/** Pieces shared by worker nodes and control-plane nodes that run pods. */

export function Bar({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
  const pct = percent(used, total);
  return (
    <div className="k-bar" title={`${label} requested ${text}`}>
      <span className="k-bar-label">{label}</span>
      <span className="k-bar-track" role="meter" aria-label={`${label} requested`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span className={`k-bar-fill ${pct >= 90 ? 'is-high' : ''}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="k-bar-text">{text}</span>
    </div>
  );
}

/** CPU, memory and pod slots requested on a node. */
export function UsageBars({ node }: { node: NodeRecord }) {
  return (
    <div className="k-bars">
      <Bar label="CPU" used={node.requested.cpuMillis} total={node.allocatable.cpuMillis} text={`${cpuText(node.requested.cpuMillis)}/${cpuText(node.allocatable.cpuMillis)}`} />
      <Bar label="Mem" used={node.requested.memoryBytes} total={node.allocatable.memoryBytes} text={`${memText(node.requested.memoryBytes)}/${memText(node.allocatable.memoryBytes)}`} />
      <Bar label="Pods" used={node.requested.pods} total={node.allocatable.pods} text={`${node.requested.pods}/${node.allocatable.pods}`} />
    </div>
  );
}

export function statusTone(n: NodeRecord | undefined): string {
  if (!n) return 'unknown';
  if (n.ready !== 'True') return 'bad';
  return n.unschedulable ? 'warn' : 'ok';
}

/** The pods the canvas draws on a node (static control-plane pods are drawn as components). */
export function useCanvasPods(name: string): PodRecord[] {
  const allPods = usePodsOn(name);
  const showSystem = useUi(selectShowSystem);
  return useMemo(() => canvasPods(allPods, showSystem), [allPods, showSystem]);
}

/** How close the view is: 'far' (names only), 'mid' (squares), 'near' (buttons). */
export type Zoom = 'far' | 'mid' | 'near';
export const selectZoom = (s: ReactFlowState): Zoom => (s.transform[2] >= DETAIL_ZOOM ? 'near' : s.transform[2] < FAR_ZOOM ? 'far' : 'mid');

/** Zoomed in on a large cluster: the squares as buttons again, with accessible names. */
export function PodButtons({ name }: { name: string }) {
  const pods = useCanvasPods(name);
  return (
    <div className="k-pods is-compact" onClick={onPodListClick}>
      {pods.map((p) => (
        <PodChip key={p.key} pod={p} compact />
      ))}
    </div>
  );
}

/** A node's pods as labelled chips (workers and control planes alike), leaving ones fading out. */
export function PodGrid({ name }: { name: string }) {
  const pods = useCanvasPods(name);
  const ghosts = useLeaving(pods);
  return (
    <div className="k-pods" onClick={onPodListClick}>
      {pods.map((p) => (
        <PodChip key={p.key} pod={p} compact={false} />
      ))}
      {ghosts.map((p) => (
        <PodChip key={`ghost-${p.key}`} pod={p} compact={false} leaving />
      ))}
    </div>
  );
}

import './control-plane.css';
import { useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NodeRecord } from '../../protocol/records';
import { selectNode, useMirror } from '../mirror/store';
import type { ControlPlaneFlowNode } from './flow-types';
import { Handles, type Side } from './Handles';
import { PodButtons, PodGrid, selectZoom, statusTone, UsageBars } from './node-parts';
import { PodCells } from './PodCells';

const TOP: readonly Side[] = ['t'];


/** In a large cluster: squares, or buttons once zoomed in close (as on compact workers). */
function CompactPods({ name }: { name: string }) {
  const zoom = useStore(selectZoom);
  return zoom === 'near' ? <PodButtons name={name} /> : <PodCells name={name} />;
}

/** Under the components: the node's usage and the pods it runs (a k3s server runs every workload). */
function Workloads({ name, node, compact }: { name: string; node: NodeRecord | undefined; compact: boolean }) {
  return (
    <div className={`k-cp-pods ${compact ? 'is-compact' : ''}`}>
      {node ? <UsageBars node={node} /> : <div className="k-bars" />}
      {compact ? <CompactPods name={name} /> : <PodGrid name={name} />}
    </div>
  );
}

/**
 * A control-plane node: a frame around its four components (child nodes), its Ready state,
 * and, when it runs pods besides its static component pods, those pods below the components.
 */
export const ControlPlaneNode = memo(function ControlPlaneNode({ data, selected }: NodeProps<ControlPlaneFlowNode>) {
  const node = useMirror(selectNode(data.name));
  const up = node?.machineUp ?? true;
  return (
    <div className={`k-cp ${up ? '' : 'is-down'} ${selected ? 'is-selected' : ''}`}>
      {/* Anchor for application traffic (src/ui/traffic): a k3s server runs the apps itself. */}
      <Handles sides={TOP} />
      <div className="k-cp-title">
        <span>Control plane</span>
        <span className="k-muted">{data.name}</span>
        <span className={`k-badge tone-${statusTone(node)} k-cp-status`}>{node?.status ?? '…'}</span>
      </div>
      {data.pods ? <Workloads name={data.name} node={node} compact={data.compact} /> : null}
    </div>
  );
});

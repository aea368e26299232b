import { useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NodeRecord } from '../../protocol/records';
import { percent } from '../format';
import { selectNode, useMirror } from '../mirror/store';
import type { WorkerFlowNode } from './flow-types';
import { Handles, type Side } from './Handles';
import { PodButtons, PodGrid, selectZoom, statusTone, UsageBars } from './node-parts';
import { PodCells } from './PodCells';

/** `unreachable: NoSchedule, NoExecute`: the node-lifecycle taints, grouped by key (the control-plane taint is implied). */
export function summarizeTaints(taints: readonly string[]): string {
  const byKey = new Map<string, string[]>();
  for (const t of taints) {
    const i = t.lastIndexOf(':');
    const key = t.slice(0, i).replace(/=.*$/, '').replace('node.kubernetes.io/', '');
    if (key === 'node-role.kubernetes.io/control-plane') continue;
    byKey.set(key, [...(byKey.get(key) ?? []), t.slice(i + 1)]);
  }
  return [...byKey].map(([k, effects]) => `${k}: ${effects.join(', ')}`).join(' · ');
}

interface WorkerProps {
  name: string;
  selected: boolean;
  /** Edges reach this node (in a pooled cluster they reach the pool frame instead). */
  handles: boolean;
}

const TOP: readonly Side[] = ['t'];
const NONE: readonly Side[] = [];

function nodeClass(node: NodeRecord | undefined, selected: boolean, extra: string): string {
  const up = node?.machineUp ?? true;
  return `k-node tone-${statusTone(node)} ${extra} ${up ? '' : 'is-off'} ${selected ? 'is-selected' : ''}`;
}

function Head({ name, node }: { name: string; node: NodeRecord | undefined }) {
  return (
    <div className="k-node-head">
      <span className="k-node-name">{name}</span>
      <span className={`k-badge tone-${statusTone(node)}`}>{node?.status ?? '…'}</span>
    </div>
  );
}

/** A node in a small cluster: usage bars, agents, taints, and a labelled chip per pod. */
const FullWorker = memo(function FullWorker({ name, selected, handles }: WorkerProps) {
  const node = useMirror(selectNode(name));
  const up = node?.machineUp ?? true;
  const taintSummary = summarizeTaints(node?.taints ?? []);
  return (
    <div className={nodeClass(node, selected, '')}>
      <Handles sides={handles ? TOP : NONE} />
      <Head name={name} node={node} />
      {node ? (
        <>
          <UsageBars node={node} />
          <div className="k-agents">
            <span className={`k-agent ${up && node.ready === 'True' ? 'ok' : 'bad'}`}>kubelet</span>
            <span className={`k-agent ${node.proxyReady ? 'ok' : 'off'}`}>kube-proxy</span>
            <span className={`k-agent ${up ? 'ok' : 'bad'}`}>runtime</span>
            {!up ? <span className="k-agent bad">powered off</span> : null}
          </div>
          {taintSummary ? <div className="k-taints" title={node.taints.join('\n')}>{taintSummary}</div> : null}
        </>
      ) : null}
      <PodGrid name={name} />
    </div>
  );
});

/**
 * A node in a large cluster: name, status, one usage line, and its pods as coloured squares.
 * Zoomed in close, the squares become buttons again (accessible names, focus); zoomed out
 * far, the text shrinks to the name (and the status when not Ready), drawn large enough to read.
 */
const CompactWorker = memo(function CompactWorker({ name, selected, handles }: WorkerProps) {
  const node = useMirror(selectNode(name));
  const zoom = useStore(selectZoom);
  const cpu = node ? percent(node.requested.cpuMillis, node.allocatable.cpuMillis) : 0;
  return (
    <div className={nodeClass(node, selected, 'is-compact')}>
      <Handles sides={handles ? TOP : NONE} />
      {zoom === 'far' ? (
        <div className="k-node-far">
          {name}
          {node && node.status !== 'Ready' ? <span className={`k-node-far-status tone-${statusTone(node)}`}> {node.status}</span> : null}
        </div>
      ) : (
        <>
          <Head name={name} node={node} />
          <div className="k-node-stats">{node ? `${node.requested.pods}/${node.allocatable.pods} pods · CPU ${cpu}%` : ''}</div>
        </>
      )}
      {zoom === 'near' ? <PodButtons name={name} /> : <PodCells name={name} />}
    </div>
  );
});

export const WorkerNode = memo(function WorkerNode({ data, selected }: NodeProps<WorkerFlowNode>) {
  const props: WorkerProps = { name: data.name, selected, handles: data.handles };
  return data.compact ? <CompactWorker {...props} /> : <FullWorker {...props} />;
});

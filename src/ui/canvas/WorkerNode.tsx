import { useStore, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { NodeRecord, PodRecord } from '../../protocol/records';
import { cpuText, memText, percent } from '../format';
import { selectNode, useMirror, usePodsOn } from '../mirror/store';
import { selectShowSystem, useUi } from '../ui-store';
import type { WorkerFlowNode } from './flow-types';
import { Handles, type Side } from './Handles';
import { DETAIL_ZOOM, FAR_ZOOM } from './layout';
import { onPodListClick, PodChip } from './PodChip';
import { PodCells } from './PodCells';
import { visiblePods } from './visible-pods';
import { useLeaving } from './use-leaving';

function Bar({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
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

function statusTone(n: NodeRecord | undefined): string {
  if (!n) return 'unknown';
  if (n.ready !== 'True') return 'bad';
  return n.unschedulable ? 'warn' : 'ok';
}

function useVisiblePods(name: string): PodRecord[] {
  const allPods = usePodsOn(name);
  const showSystem = useUi(selectShowSystem);
  return useMemo(() => visiblePods(allPods, showSystem), [allPods, showSystem]);
}

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
  const pods = useVisiblePods(name);
  const ghosts = useLeaving(pods);
  const up = node?.machineUp ?? true;
  const taintSummary = summarizeTaints(node?.taints ?? []);
  return (
    <div className={nodeClass(node, selected, '')}>
      <Handles sides={handles ? TOP : NONE} />
      <Head name={name} node={node} />
      {node ? (
        <>
          <div className="k-bars">
            <Bar label="CPU" used={node.requested.cpuMillis} total={node.allocatable.cpuMillis} text={`${cpuText(node.requested.cpuMillis)}/${cpuText(node.allocatable.cpuMillis)}`} />
            <Bar label="Mem" used={node.requested.memoryBytes} total={node.allocatable.memoryBytes} text={`${memText(node.requested.memoryBytes)}/${memText(node.allocatable.memoryBytes)}`} />
            <Bar label="Pods" used={node.requested.pods} total={node.allocatable.pods} text={`${node.requested.pods}/${node.allocatable.pods}`} />
          </div>
          <div className="k-agents">
            <span className={`k-agent ${up && node.ready === 'True' ? 'ok' : 'bad'}`}>kubelet</span>
            <span className={`k-agent ${node.proxyReady ? 'ok' : 'off'}`}>kube-proxy</span>
            <span className={`k-agent ${up ? 'ok' : 'bad'}`}>runtime</span>
            {!up ? <span className="k-agent bad">powered off</span> : null}
          </div>
          {taintSummary ? <div className="k-taints" title={node.taints.join('\n')}>{taintSummary}</div> : null}
        </>
      ) : null}
      <div className="k-pods" onClick={onPodListClick}>
        {pods.map((p) => (
          <PodChip key={p.key} pod={p} compact={false} />
        ))}
        {ghosts.map((p) => (
          <PodChip key={`ghost-${p.key}`} pod={p} compact={false} leaving />
        ))}
      </div>
    </div>
  );
});

/** How close the view is: 'far' (names only), 'mid' (squares), 'near' (buttons). */
type Zoom = 'far' | 'mid' | 'near';
const selectZoom = (s: ReactFlowState): Zoom => (s.transform[2] >= DETAIL_ZOOM ? 'near' : s.transform[2] < FAR_ZOOM ? 'far' : 'mid');

/** Zoomed in on a large cluster: the squares as buttons again, with accessible names. */
function PodButtons({ name }: { name: string }) {
  const pods = useVisiblePods(name);
  return (
    <div className="k-pods is-compact" onClick={onPodListClick}>
      {pods.map((p) => (
        <PodChip key={p.key} pod={p} compact />
      ))}
    </div>
  );
}

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

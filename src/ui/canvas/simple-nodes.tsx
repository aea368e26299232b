import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useMirror, type MirrorState } from '../mirror/store';
import type { ComponentFlowNode, PoolFlowNode, RegistryFlowNode, TerminalFlowNode } from './flow-types';
import { Handles, type Side } from './Handles';

const componentSelectors = new Map<string, (s: MirrorState) => { up: boolean; leader: boolean; multi: boolean } | undefined>();
function selectComponent(key: string) {
  let sel = componentSelectors.get(key);
  if (!sel) {
    let last: { up: boolean; leader: boolean; multi: boolean } | undefined;
    sel = (s) => {
      const rec = s.mirror.data.components.get(key);
      if (!rec) return undefined;
      const multi = s.controlPlaneNames.length > 1;
      if (!last || last.up !== rec.up || last.leader !== rec.leader || last.multi !== multi) last = { up: rec.up, leader: rec.leader, multi };
      return last;
    };
    componentSelectors.set(key, sel);
  }
  return sel;
}

/** The sides each node's edges use (see edges.ts). */
const COMPONENT_SIDES: Record<ComponentFlowNode['data']['kind'], readonly Side[]> = {
  apiserver: ['t', 'r', 'b', 'l'],
  etcd: ['l'],
  scheduler: ['b'],
  'controller-manager': ['b'],
};
const RIGHT: readonly Side[] = ['r'];
const TOP: readonly Side[] = ['t'];

export const ComponentNode = memo(function ComponentNode({ data }: NodeProps<ComponentFlowNode>) {
  const st = useMirror(selectComponent(`${data.kind}/${data.node}`));
  const up = st?.up ?? true;
  return (
    <div className={`k-comp kind-${data.kind} ${up ? '' : 'is-down'}`}>
      <Handles sides={COMPONENT_SIDES[data.kind]} />
      <span className={`k-dot ${up ? 'ok' : 'bad'}`} aria-hidden="true" />
      <span className="k-comp-label">{data.label}</span>
      {st?.multi && st.leader ? <span className="k-leader" title="current leader">leader</span> : null}
    </div>
  );
});

export const TerminalNode = memo(function TerminalNode({ data }: NodeProps<TerminalFlowNode>) {
  return (
    <div className="k-term">
      <Handles sides={RIGHT} />
      <span className="k-term-prompt" aria-hidden="true">$_</span>
      <span>{data.label}</span>
    </div>
  );
});

export const RegistryNode = memo(function RegistryNode({ data }: NodeProps<RegistryFlowNode>) {
  return (
    <div className="k-term k-registry">
      <Handles sides={RIGHT} />
      <span>{data.label}</span>
    </div>
  );
});

/** The frame around a large cluster's workers, where the API server's edge to them lands. */
export const PoolNode = memo(function PoolNode({ data }: NodeProps<PoolFlowNode>) {
  return (
    <div className="k-pool">
      <Handles sides={TOP} />
      <span className="k-pool-label">{data.count} worker nodes</span>
    </div>
  );
});

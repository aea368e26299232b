import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from './flow-types';

/** A quiet line that glows briefly each time the engine's traffic crosses it. */
export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<FlowEdge>) {
  const [path] = getBezierPath(props);
  const pulse = props.data?.pulse ?? 0;
  return (
    <>
      <BaseEdge id={props.id} path={path} className="k-edge" />
      {pulse > 0 ? <path key={pulse} d={path} className={`k-edge-pulse kind-${props.data?.kind ?? 'request'}`} fill="none" /> : null}
    </>
  );
});

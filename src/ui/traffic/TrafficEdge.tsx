import { useInternalNode, type Edge, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo } from 'react';
import { flowLine, KIND_OFFSET, rowTrack, type Rect } from './geometry';
import { rateText, strokeWidth, type TrafficEdgeData } from './traffic-model';

export type TrafficFlowEdge = Edge<TrafficEdgeData, 'traffic'>;

function rectOf(n: InternalNode): Rect {
  return {
    x: n.internals.positionAbsolute.x,
    y: n.internals.positionAbsolute.y,
    w: n.measured.width ?? n.width ?? n.initialWidth ?? 0,
    h: n.measured.height ?? n.height ?? n.initialHeight ?? 0,
  };
}

/**
 * Traffic between two canvas nodes (a straight line; its particles are drawn by
 * TrafficParticles), or one row of traffic inside a node, drawn under the node. Red (dashed)
 * when mostly failing.
 */
export const TrafficEdgeView = memo(function TrafficEdgeView(props: EdgeProps<TrafficFlowEdge>) {
  const src = useInternalNode(props.source);
  const dst = useInternalNode(props.target);
  const data = props.data;
  if (!src || !dst || !data) return null;
  const { kind, rate, failRate, animate } = data;
  const failing = kind === 'denied' || (rate > 0 && failRate / rate >= 0.5);
  const cls = `k-tf kind-${kind}${failing ? ' is-failing' : ''}${animate ? '' : ' is-still'}`;
  if (data.row >= 0) {
    const t = rowTrack(rectOf(src), data.row);
    const amount = kind === 'denied' ? 'denied' : failRate <= 0 ? rateText(rate) : failRate >= rate ? `${rateText(failRate)} failed` : `${rateText(rate)} · ${rateText(failRate)} failed`;
    const text = `${data.pairs[0] ?? ''}  ${amount}`;
    return (
      <g className={`${cls} is-row`}>
        <title>{data.label}</title>
        {/* The text gets a backdrop; the track stays clear for the particles under it. */}
        <rect className="k-tf-row-bg" x={t.textX - 4} y={t.y - 8} width={Math.round(8 + text.length * 5.6)} height={16} rx={4} />
        <path d={t.d} className="k-tf-line" fill="none" />
        <text x={t.textX} y={t.y + 3.5} className="k-tf-row-text">
          {text}
        </text>
      </g>
    );
  }
  const p = flowLine(rectOf(src), rectOf(dst), KIND_OFFSET[kind]);
  return (
    <g className={cls}>
      <title>{data.label}</title>
      <path d={p.d} className="k-tf-line" strokeWidth={strokeWidth(rate)} fill="none" />
      <text x={p.mid.x} y={p.mid.y - 4} className="k-tf-rate" textAnchor="middle">
        {kind === 'denied' ? 'denied' : rateText(rate)}
      </text>
    </g>
  );
});

import { Handle, Position } from '@xyflow/react';

export type Side = 't' | 'r' | 'b' | 'l';

const POSITION: Record<Side, Position> = { t: Position.Top, r: Position.Right, b: Position.Bottom, l: Position.Left };

/**
 * Invisible anchor points; edges pick one by id (`t`, `r`, `b`, `l`). A node renders only the
 * sides its edges use: every Handle subscribes to React Flow's store, and a large cluster
 * with four per node paid for hundreds of subscriptions on every pan frame.
 */
export function Handles({ sides }: { sides: readonly Side[] }) {
  return (
    <>
      {sides.map((s) => (
        <Handle key={s} type="source" id={s} position={POSITION[s]} className="k-handle" isConnectable={false} />
      ))}
    </>
  );
}

import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { selectControlPlaneNames, useMirror } from '../mirror/store';
import { canvasNodeId, useSpanHighlight } from './span-highlight';

/** After the inspector has opened (the canvas resizes and refits), the node is brought into view. */
const SETTLE_MS = 400;

/** Inside the canvas: brings the node of the span picked in the waterfall into view when it is off screen. */
export function SpanFocus() {
  const spot = useSpanHighlight((s) => s.spot);
  const cps = useMirror(selectControlPlaneNames);
  const store = useStoreApi();
  const { setCenter } = useReactFlow();
  useEffect(() => {
    if (!spot?.node) return;
    const t = window.setTimeout(() => {
      const { nodeLookup, transform, width, height } = store.getState();
      const n = nodeLookup.get(canvasNodeId(spot.node, cps));
      if (!n) return;
      const [tx, ty, zoom] = transform;
      const w = n.measured.width ?? 0;
      const h = n.measured.height ?? 0;
      const x = n.internals.positionAbsolute.x * zoom + tx;
      const y = n.internals.positionAbsolute.y * zoom + ty;
      const visible = x >= 0 && y >= 0 && x + w * zoom <= width && y + h * zoom <= height;
      if (!visible) void setCenter(n.internals.positionAbsolute.x + w / 2, n.internals.positionAbsolute.y + h / 2, { zoom, duration: 300 });
    }, SETTLE_MS);
    return () => window.clearTimeout(t);
  }, [spot, cps, store, setCenter]);
  return null;
}

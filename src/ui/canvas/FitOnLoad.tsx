import { useNodesInitialized, useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useMirror } from '../mirror/store';

/** Any node at all: a k3s cluster is one control plane and no workers. */
const selectHasNodes = (s: { workerNames: string[]; controlPlaneNames: string[] }): boolean => s.workerNames.length + s.controlPlaneNames.length > 0;
const selectSize = (s: { width: number; height: number }): string => `${Math.round(s.width / 40)}x${Math.round(s.height / 40)}`;

export const FIT_OPTIONS = { padding: 0.08, maxZoom: 1.2 };

/**
 * Fits the view once the first snapshot's nodes are measured (and again after a restart),
 * and when the canvas is resized (inspector opened, window resized) or the layout changes
 * (nodes grew as their pods came up) until the user pans or zooms themselves: from then on
 * the viewport is theirs.
 */
export function FitOnLoad({ userMoved, layoutKey }: { userMoved: boolean; layoutKey: unknown }) {
  const hasNodes = useMirror(selectHasNodes);
  const initialized = useNodesInitialized();
  const size = useStore(selectSize);
  const { fitView } = useReactFlow();
  const done = useRef(false);
  useEffect(() => {
    if (!hasNodes) {
      done.current = false;
      return;
    }
    if (!initialized || done.current) return;
    done.current = true;
    void fitView(FIT_OPTIONS);
  }, [hasNodes, initialized, fitView]);
  useEffect(() => {
    if (!done.current || userMoved) return;
    // After the frame that laid the nodes out (their new sizes are measured by then).
    const id = requestAnimationFrame(() => void fitView(FIT_OPTIONS));
    return () => cancelAnimationFrame(id);
  }, [size, layoutKey, userMoved, fitView]);
  return null;
}

import { useEffect } from 'react';
import { useMirror } from './mirror/store';

/**
 * Marks `canvas-first-paint` (performance timeline) on the first frame painted after the
 * first worker node reached the canvas: the L2 benchmark reads it.
 */
export function FirstPaintMark() {
  const hasNodes = useMirror((s) => s.workerNames.length > 0);
  useEffect(() => {
    if (!hasNodes || performance.getEntriesByName('canvas-first-paint').length > 0) return;
    let id = requestAnimationFrame(() => {
      id = requestAnimationFrame(() => {
        if (document.querySelector('.react-flow__node-worker')) performance.mark('canvas-first-paint');
      });
    });
    return () => cancelAnimationFrame(id);
  }, [hasNodes]);
  return null;
}

import { lazy, Suspense } from 'react';

/**
 * The sequence panel's slot in the dock. The panel, its model and its styles load as their
 * own chunk when the tab is first opened; mermaid loads after that, on the first render.
 */
const SequencePanel = lazy(() => import('./SequencePanel'));

export function SequenceDockPanel() {
  return (
    <Suspense fallback={<p className="k-muted" style={{ margin: 12 }}>Loading the sequence panel…</p>}>
      <SequencePanel />
    </Suspense>
  );
}

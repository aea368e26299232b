import { useMirror } from '../mirror/store';
import { sim } from '../sim/instance';

/**
 * Worker crashed or stalled: say so, keep the canvas, offer a restart. The restart reopens the
 * latest moment the page kept in its address bar (rewritten every 2 s), not the page's start.
 */
export function Banner() {
  const connection = useMirror((s) => s.connection);
  const error = useMirror((s) => s.error);
  if (connection !== 'crashed' && connection !== 'stalled') return null;
  return (
    <div className="k-banner" role="alert">
      <span>{error ?? (connection === 'stalled' ? 'The simulation is not responding.' : 'The simulation stopped.')}</span>
      <button type="button" className="k-btn is-primary" title="Starts the simulation again at the latest moment kept in the address bar" onClick={() => sim.restart()}>
        Restart simulation
      </button>
    </div>
  );
}

import { useMirror } from '../mirror/store';
import { sim } from '../sim/instance';

/** Worker crashed or stalled: say so, keep the canvas, offer a restart from the scenario. */
export function Banner() {
  const connection = useMirror((s) => s.connection);
  const error = useMirror((s) => s.error);
  if (connection !== 'crashed' && connection !== 'stalled') return null;
  return (
    <div className="k-banner" role="alert">
      <span>{error ?? (connection === 'stalled' ? 'The simulation is not responding.' : 'The simulation stopped.')}</span>
      <button type="button" className="k-btn is-primary" onClick={() => sim.restart()}>
        Restart simulation
      </button>
    </div>
  );
}

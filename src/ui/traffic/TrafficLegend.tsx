import './traffic.css';
import { Panel } from '@xyflow/react';
import { useId } from 'react';
import { useTrafficView, selectShown, selectTrafficTotals } from './traffic-store';
import { KIND_NAME, MAX_ANIMATED_EDGES, rateText, TRAFFIC_KINDS } from './traffic-model';

const selectOpen = (s: { legendOpen: boolean }): boolean => s.legendOpen;

/**
 * What the traffic colours mean, a switch per kind of flow, and the counters that tell what
 * was lost: failed requests and dropped spans (no agent, agent down, collector unreachable,
 * exporter queue).
 */
export function TrafficLegend() {
  const totals = useTrafficView(selectTrafficTotals);
  const shown = useTrafficView(selectShown);
  const open = useTrafficView(selectOpen);
  const { toggle, setLegendOpen } = useTrafficView.getState();
  const bodyId = useId();
  if (!totals || (totals.requests === 0 && totals.spansGenerated === 0)) return null;
  const dropped = Object.entries(totals.droppedBy).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ');
  return (
    <Panel position="top-left" className="k-tf-legend" aria-label="Traffic legend">
      <button type="button" className="k-tf-legend-head" title={`Particles follow the rate; red is failure. At most ${MAX_ANIMATED_EDGES} edges move.`} aria-expanded={open} aria-controls={bodyId} onClick={() => setLegendOpen(!open)}>
        <span>Traffic</span>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      </button>
      {open ? (
        <div id={bodyId} className="k-tf-legend-body">
          <ul className="k-tf-kinds">
            {TRAFFIC_KINDS.map((k) => (
              <li key={k}>
                <label>
                  <input type="checkbox" checked={shown.has(k)} onChange={() => toggle(k)} aria-label={`Show ${KIND_NAME[k].toLowerCase()}`} />
                  <span className={`k-tf-swatch kind-${k}`} aria-hidden="true" />
                  {KIND_NAME[k]}
                </label>
              </li>
            ))}
          </ul>
          <p className="k-tf-counter">
            Failed requests <b aria-label="Failed requests per second">{rateText(totals.failedPerSec)}</b>
          </p>
          <p className="k-tf-counter" title={dropped || undefined}>
            Dropped spans <b aria-label="Dropped spans per second">{rateText(totals.droppedPerSec)}</b> ({totals.spansDropped.toLocaleString('en-US')})
          </p>
          {totals.backend && !totals.backendReachable ? <p className="k-tf-counter is-bad">backend unreachable</p> : null}
        </div>
      ) : null}
    </Panel>
  );
}

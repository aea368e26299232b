import { SPEEDS, type Speed } from '../../protocol/records';
import { clockText } from '../format';
import { useMirror, type MirrorState } from '../mirror/store';
import { ScenarioPicker } from '../scenario-picker/ScenarioPicker';
import { ShareButton } from '../share/ShareButton';
import { sim } from '../sim/instance';
import { selectNotice, selectShowSystem, selectTheme, useUi } from '../ui-store';

const speedLabel = (s: Speed): string => (s === 'max' ? 'Max' : `${s}×`);
const selectScenarioTitle = (s: MirrorState) => s.scenario?.title ?? 'Loading…';
const selectScenarioDescription = (s: MirrorState) => s.scenario?.description ?? '';
/** The readout shows whole seconds: re-render once a second, not on every batch. */
const selectSimSeconds = (s: MirrorState): number => Math.floor(s.clock.simTimeMs / 1000);
const selectSpeed = (s: MirrorState): Speed => s.clock.speed;
const selectPaused = (s: MirrorState): boolean => s.clock.paused;

export function Toolbar() {
  const simSeconds = useMirror(selectSimSeconds);
  const speed = useMirror(selectSpeed);
  const paused = useMirror(selectPaused);
  const title = useMirror(selectScenarioTitle);
  const description = useMirror(selectScenarioDescription);
  const theme = useUi(selectTheme);
  const setTheme = useUi((s) => s.setTheme);
  const showSystem = useUi(selectShowSystem);
  const toggleSystem = useUi((s) => s.toggleSystemPods);
  const notice = useUi(selectNotice);
  return (
    <header className="k-toolbar">
      <div className="k-brand">
        <span className="k-logo" aria-hidden="true">⎈</span>
        <span className="font-semibold">kube-sandbox</span>
        <span className="k-muted">·</span>
        <span title={description}>{title}</span>
        <ScenarioPicker />
      </div>
      <div className="k-controls" role="group" aria-label="Simulation controls">
        {paused ? (
          <button type="button" className="k-btn is-primary" onClick={() => sim.control({ kind: 'play' })}>
            Play
          </button>
        ) : (
          <button type="button" className="k-btn" onClick={() => sim.control({ kind: 'pause' })}>
            Pause
          </button>
        )}
        <button type="button" className="k-btn" aria-label="Step 10 seconds" title="Advance 10 simulated seconds" onClick={() => sim.control({ kind: 'step', ms: 10_000 })}>
          Step
        </button>
        <div className="k-seg" role="group" aria-label="Speed">
          {SPEEDS.map((s) => (
            <button key={String(s)} type="button" className="k-seg-btn" aria-pressed={speed === s && !paused} aria-label={`Speed ${speedLabel(s)}`} onClick={() => sim.control({ kind: 'speed', speed: s })}>
              {speedLabel(s)}
            </button>
          ))}
        </div>
        <output className="k-clock" aria-label="Simulation time" title="Simulated time since the scenario started">
          {clockText(simSeconds * 1000)}
        </output>
      </div>
      <div className="k-notice" role="status" aria-live="polite">
        {notice}
      </div>
      <div className="k-controls">
        <ShareButton />
        <button type="button" className="k-btn" aria-pressed={showSystem} onClick={toggleSystem} title="Show kube-system pods">
          System pods
        </button>
        <button type="button" className="k-btn" aria-label={theme === 'dark' ? 'Light theme' : 'Dark theme'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}

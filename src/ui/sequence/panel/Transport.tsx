import type { Playback } from './use-playback';

interface Props {
  readonly playback: Playback;
  readonly count: number;
}

/** Step back, play / pause, step forward, and a slider over the messages. */
export function Transport({ playback, count }: Props) {
  const { index, playing } = playback;
  const none = count === 0;
  return (
    <div className="k-seq-transport" role="group" aria-label="Playback">
      <button type="button" className="k-btn" aria-label="Previous message" title="Previous message (←)" disabled={none || index === 0} onClick={() => playback.step(-1)}>
        ◀
      </button>
      <button type="button" className="k-btn is-primary k-seq-play" aria-label={playing ? 'Pause' : 'Play'} title="Play / pause (Space)" disabled={none} onClick={playback.toggle}>
        {playing ? '❚❚' : '▶'}
      </button>
      <button type="button" className="k-btn" aria-label="Next message" title="Next message (→)" disabled={none || index >= count - 1} onClick={() => playback.step(1)}>
        ▶
      </button>
      <input
        type="range"
        className="k-seq-scrub"
        aria-label="Message"
        min={1}
        max={Math.max(1, count)}
        value={none ? 1 : index + 1}
        disabled={none}
        aria-valuetext={none ? 'no messages' : `message ${index + 1} of ${count}`}
        onChange={(e) => playback.go(Number(e.target.value) - 1)}
      />
      <output className="k-seq-count" aria-label="Message number">
        {none ? '0 / 0' : `${index + 1} / ${count}`}
      </output>
    </div>
  );
}

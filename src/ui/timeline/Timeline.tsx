import { memo, useMemo, useRef } from 'react';
import { clockText } from '../format';
import { useMirror, type MirrorState } from '../mirror/store';
import { selectSessionInfo, useSession } from '../share/session-store';
import { useRewind } from '../sim/rewind-store';
import { currentNote, layoutMarks, timelineSpan, type Mark } from './marks';
import { markId, useScrub } from './use-scrub';
import './timeline.css';

/** The bar moves once a simulated second: it shows whole seconds, like the clock. */
const selectSecond = (s: MirrorState): number => Math.floor(s.clock.simTimeMs / 1000);

const HELP =
  'Drag, click or use the arrow keys to move in time. Going back replays the scenario and your actions, from a moment saved along the way or from the start. ' +
  'If you then do something new, your actions after that moment are dropped (as with undo).';

const KIND_LABEL: Record<Mark['kind'], string> = { step: 'Step', action: 'Your action', pending: 'Your later action (dropped if you act before it)' };

function markLabel(m: Mark): string {
  return `${KIND_LABEL[m.kind]} at ${clockText(m.atMs)}: ${m.runs.join('; ')}`;
}

const MarkButton = memo(function MarkButton({ mark, onJump }: { mark: Mark; onJump: (ms: number) => void }) {
  const label = markLabel(mark);
  return (
    <button
      type="button"
      className={`k-tl-mark is-${mark.kind}`}
      data-mark={markId(mark)}
      style={{ left: `${mark.pct}%` }}
      aria-label={label}
      title={mark.note ? `${label}\n${mark.note}` : label}
      // A pointer press on a mark is handled by the bar (a press without a drag lands on the
      // mark's time); the click here is the keyboard's (Enter / Space have no pointer).
      onClick={(e) => e.detail === 0 && onJump(mark.atMs)}
    />
  );
});

function Note({ note, hasNotes }: { note: { atMs: number; note: string } | null; hasNotes: boolean }) {
  return (
    <p className="k-tl-note" aria-live="polite" title={note?.note}>
      {note ? (
        <>
          <span className="k-tl-note-at">{clockText(note.atMs)}</span> {note.note}
        </>
      ) : (
        <span className="k-muted">{hasNotes ? 'Step notes appear here as the clock reaches them.' : ''}</span>
      )}
    </p>
  );
}

/**
 * The timeline under the canvas: the scenario's steps and the user's actions as marks at
 * their simulated times, a playhead at the current time, the current step's note. Click a
 * mark to jump there; drag or use the keys (it is a slider) to scrub.
 */
export function Timeline() {
  const nowMs = useMirror(selectSecond) * 1000;
  const info = useSession(selectSessionInfo);
  const track = useRef<HTMLDivElement>(null);
  // Widened by where the clock is, not by a drag in progress: the scale holds still under the pointer.
  const spanMs = timelineSpan(nowMs, info);
  const marks = useMemo(() => (info ? layoutMarks(info, spanMs) : []), [info, spanMs]);
  const rewind = useRewind((s) => s.rewind);
  const scrub = useScrub(track, nowMs, spanMs, marks, rewind?.targetMs ?? null);
  const rewinding = rewind && !scrub.dragging ? `Rewinding… ${Math.floor(rewind.fraction * 100)}%` : '';
  const pct = Math.min(100, (scrub.shownMs / spanMs) * 100);
  return (
    <div className="k-timeline">
      <div className="k-tl-track" ref={track} onPointerDown={scrub.onPointerDown} onPointerMove={scrub.onPointerMove} onPointerUp={scrub.onPointerUp} onPointerCancel={scrub.onPointerCancel}>
        <div
          className="k-tl-slider"
          role="slider"
          tabIndex={0}
          aria-label="Timeline"
          aria-valuemin={0}
          aria-valuemax={Math.round(spanMs / 1000)}
          aria-valuenow={Math.round(scrub.shownMs / 1000)}
          aria-valuetext={clockText(scrub.shownMs)}
          aria-busy={scrub.waiting || undefined}
          title={HELP}
          onPointerDown={(e) => e.currentTarget.focus()}
          onKeyDown={scrub.onKeyDown}
        >
          <div className="k-tl-rail" />
          <div className="k-tl-fill" style={{ width: `${pct}%` }} />
          <div className="k-tl-head" style={{ left: `${pct}%` }}>
            {scrub.moving ? <span className="k-tl-bubble">{`${clockText(scrub.shownMs)}${scrub.waiting && !rewinding ? '…' : ''}`}</span> : null}
          </div>
        </div>
        {marks.map((m) => (
          <MarkButton key={markId(m)} mark={m} onJump={scrub.go} />
        ))}
      </div>
      {/* Always rendered (empty when idle) so screen readers hear the progress as it changes. */}
      <span className="k-tl-rewind" role="status" aria-live="polite" title="Going back replays the scenario and your actions from the nearest saved moment before the target (or the start); actions wait until it gets there.">
        {rewinding}
      </span>
      <span className="k-tl-end k-muted" aria-hidden="true">
        {clockText(spanMs)}
      </span>
      {info?.truncated ? (
        <span className="k-tl-full" role="note" title="A scenario holds at most 1000 steps and 100 files: later actions run, but going back, links and exports leave them out.">
          Recording full
        </span>
      ) : null}
      <Note note={info ? currentNote(info.steps, nowMs) : null} hasNotes={info?.steps.some((s) => s.note) ?? false} />
    </div>
  );
}

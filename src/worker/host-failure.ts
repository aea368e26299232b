import { describeError, linkFailure } from './host-rewind';
import type { SeekJob } from './source';

/** What a replay that broke on the way means for the session (host.ts `rewindFailed`). */
export type RewindFailure =
  /** A link pasted into a running page: not opened; the request's reply says why. */
  | { kind: 'link'; message: string }
  /** The link the page started with: its scenario falls back to the default, with this notice. */
  | { kind: 'fallback'; message: string }
  /** A seek back: the session stays where it was, with this notice. */
  | { kind: 'seek'; message: string }
  /** The running engine itself broke: the simulation stops. */
  | { kind: 'fatal' };

/** Ends with a full stop (the next sentence follows on the same banner line). */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function clockText(ms: number): string {
  const s = Math.floor(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/**
 * A replay runs on a source of its own except when it goes forward (in place): only then has
 * the engine on screen broken. Everything else is a build that can be dropped.
 */
export function rewindFailure(e: unknown, job: SeekJob, at: { opening: boolean; link: boolean }): RewindFailure {
  if (at.link) return { kind: 'link', message: linkFailure(e) };
  if (at.opening) return { kind: 'fallback', message: `${sentence(linkFailure(e))}\nOpened the default scenario instead.` };
  if (job.rebuilt) return { kind: 'seek', message: `${sentence(`The timeline could not go to ${clockText(job.targetMs)}: ${describeError(e)}`)} The simulation stays where it was.` };
  return { kind: 'fatal' };
}

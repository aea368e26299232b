import type { LinkEncoded } from '../../scenarios/link/codec';
import type { LinkState } from '../../scenarios/link/state';
import type { RewindProgress } from '../../protocol/messages';
import { useMirror } from '../mirror/store';
import { DOCK_PANELS } from '../panels/BottomDock';
import { useRewind } from '../sim/rewind-store';
import { useUi } from '../ui-store';
import { fetchSession, useSession } from './session-store';
import { viewToLink } from './view-link';

/**
 * The moment a link made now carries: where a rewind is going (the clock still shows the moment
 * before the seek until it gets there, and a reload must not undo the seek), else the clock.
 */
export function linkMoment(clockMs: number, rewind: RewindProgress | null): number {
  return rewind ? rewind.targetMs : clockMs;
}

/** The moment on screen as a link's state: scenario text, actions, time, view. */
export async function currentLinkState(): Promise<LinkState | { error: string }> {
  // The scenario on screen is about to be replaced by the pasted link's: neither is this moment.
  if (useSession.getState().linkOpening) return { error: 'a link is still opening; try again once it is on screen' };
  const info = await fetchSession('share');
  if (!info) return { error: 'the simulation did not answer; try again' };
  if (info.text === null) return { error: 'this simulation has no scenario to share (a generated benchmark cluster)' };
  const ui = useUi.getState();
  const { clock } = useMirror.getState();
  return {
    scenario: info.text,
    // Actions still ahead (after a seek back) travel too: they replay if the clock gets there.
    actions: [...info.actions, ...info.pending],
    timeMs: linkMoment(clock.simTimeMs, useRewind.getState().rewind),
    view: viewToLink({ pinned: ui.pinned, dockTab: ui.dockTab, dockOpen: ui.dockOpen, selection: ui.selection, theme: ui.theme }, DOCK_PANELS.map((p) => p.id)),
  };
}

export type ShareOutcome = { ok: true; url: string; chars: number; notices: string[] } | { ok: false; error: string };

/** The share link of the current moment (`base` is the page's address). */
export async function buildShareLink(base: string): Promise<ShareOutcome> {
  const state = await currentLinkState();
  if ('error' in state) return { ok: false, error: state.error };
  // The codec (and fflate) load on first use: they stay out of the initial bundle (L1).
  const { encodeLink, shareUrl } = await loadCodec();
  const encoded: LinkEncoded = encodeLink(state);
  if (!encoded.ok) return { ok: false, error: encoded.error };
  const url = shareUrl(base, encoded.fragment);
  return { ok: true, url, chars: url.length, notices: encoded.notices };
}

/** The link codec, loaded on demand. */
export function loadCodec(): Promise<typeof import('../../scenarios/link/codec')> {
  return import('../../scenarios/link/codec');
}

import { create } from 'zustand';
import type { SessionInfo, SessionText } from '../../protocol/session';
import { sim } from '../sim/instance';

/**
 * The page's copy of the session (the scenario's steps, the user's actions): fetched from
 * the worker when the scenario changes (every snapshot) and after each user command.
 */
export interface SessionState {
  info: SessionInfo | null;
  /** A link that could not be opened: shown as a banner until dismissed. */
  linkError: string | null;
  /** A link pasted into the address bar is being run to its moment (the scenario on screen is still the old one). */
  linkOpening: boolean;
}

export const useSession = create<SessionState>()(() => ({ info: null, linkError: null, linkOpening: false }));

export const selectSessionInfo = (s: SessionState): SessionInfo | null => s.info;
export const selectLinkError = (s: SessionState): string | null => s.linkError;

export async function fetchSession(text?: SessionText): Promise<SessionInfo | null> {
  try {
    const body = await sim.request(text ? { kind: 'session', text } : { kind: 'session' });
    if (body.kind !== 'session') return null;
    const { kind: _kind, ...info } = body;
    return info;
  } catch {
    // The worker restarted under the request: the next snapshot triggers another fetch.
    return null;
  }
}

let generation = 0;

/** Refetches the timeline's content; a late answer to an older fetch is ignored. */
export async function refreshSession(): Promise<void> {
  const mine = ++generation;
  const info = await fetchSession();
  if (mine === generation && info) useSession.setState({ info: { ...info, text: null } });
}

export function setLinkError(linkError: string | null): void {
  useSession.setState({ linkError });
}

export function setLinkOpening(linkOpening: boolean): void {
  useSession.setState({ linkOpening });
}

/**
 * The worker says why a link did not open (it could not be read, or its scenario broke on the
 * way to its moment) as a notice starting `link: `: that belongs in the banner, not the toolbar.
 */
export function linkNoticeBanner(notice: string | null): string | null {
  return notice?.startsWith('link: ') ? notice : null;
}

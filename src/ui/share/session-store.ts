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
}

export const useSession = create<SessionState>()(() => ({ info: null, linkError: null }));

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

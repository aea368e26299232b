import { useMirror } from '../mirror/store';
import { useUi, type UiState } from '../ui-store';
import { buildShareLink, loadCodec } from './link-state';
import { openScenario } from '../scenario-picker/open';
import { applyLinkView } from './restore-view';
import { refreshSession, setLinkError, setLinkOpening, useSession } from './session-store';
import { useRewind } from '../sim/rewind-store';
import { userCommandsSignature } from './user-commands';

/**
 * Keeps the moment in the address bar, so a reload reopens it: the current link state is
 * written to the URL fragment (history.replaceState: no history entries) every 2 s of wall
 * time and shortly after each user action or view change. A link in the address bar at
 * start-up was already handed to the worker by boot.ts; here its view is put back once the
 * worker's snapshot of that moment arrives.
 */

const WRITE_EVERY_MS = 2000;
const AFTER_CHANGE_MS = 400;

let started = false;
let writing = false;
let lastFragment = '';
let soon: number | undefined;

async function writeFragment(): Promise<void> {
  // While a pasted link opens, the address bar already holds it; the old scenario must not overwrite it.
  if (writing || useMirror.getState().connection !== 'live' || useSession.getState().linkOpening) return;
  writing = true;
  try {
    const link = await buildShareLink(window.location.href);
    if (!link.ok) return;
    const fragment = link.url.slice(link.url.indexOf('#'));
    if (fragment !== lastFragment) {
      lastFragment = fragment;
      window.history.replaceState(window.history.state, '', link.url);
    }
  } finally {
    writing = false;
  }
}

function writeSoon(): void {
  window.clearTimeout(soon);
  soon = window.setTimeout(() => void writeFragment(), AFTER_CHANGE_MS);
}

const viewOf = (s: UiState) => [s.pinned, s.selection, s.theme, s.dockTab, s.dockOpen] as const;

function follow(): void {
  // A new snapshot (scenario opened, seek, restart) or a new user command: the timeline's content changed.
  let scenario = useMirror.getState().scenario;
  let commands = userCommandsSignature(useMirror.getState().commands);
  if (scenario) void refreshSession();
  useMirror.subscribe((s) => {
    const n = userCommandsSignature(s.commands);
    if (s.scenario === scenario && n === commands) return;
    scenario = s.scenario;
    commands = n;
    void refreshSession();
    writeSoon();
  });
  let view = viewOf(useUi.getState());
  useUi.subscribe((s) => {
    const next = viewOf(s);
    if (next.every((v, i) => v === view[i])) return;
    view = next;
    writeSoon();
  });
  // A seek: the address bar goes to its target at once (a reload during the rewind keeps it).
  let target = useRewind.getState().rewind?.targetMs ?? null;
  useRewind.subscribe((s) => {
    const next = s.rewind?.targetMs ?? null;
    if (next === target) return;
    target = next;
    if (next !== null) writeSoon();
  });
  window.setInterval(() => void writeFragment(), WRITE_EVERY_MS);
}

/** Waits for the worker's first snapshot (the link's moment), then restores the link's view. */
function whenFirstSnapshot(run: () => void): void {
  if (useMirror.getState().scenario) {
    run();
    return;
  }
  const unsubscribe = useMirror.subscribe((s) => {
    if (!s.scenario) return;
    unsubscribe();
    run();
  });
}

/**
 * A link pasted into the address bar of an open page changes only the fragment (no reload):
 * open it in the running worker. Our own replaceState writes fire no hashchange.
 */
async function onHashChange(): Promise<void> {
  const hash = window.location.hash;
  if (hash.length <= 1 || hash === lastFragment) return;
  lastFragment = hash;
  const { decodeLinkState } = await loadCodec();
  const decoded = decodeLinkState(hash);
  if (!decoded.ok) {
    setLinkError(`${decoded.error}. The scenario on screen stays open.`);
    return;
  }
  setLinkOpening(true);
  let opened;
  try {
    opened = await openScenario({ kind: 'link', fragment: hash });
  } finally {
    setLinkOpening(false);
  }
  if (!opened.ok) {
    setLinkError(`${opened.errors.join('\n')}. The scenario on screen stays open.`);
    return;
  }
  setLinkError(null);
  applyLinkView(decoded.value.view);
}

/** Once per page: restore the view of the link the page opened with, then keep the URL current. */
export function startFragmentSync(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  void restoreAndFollow(window.location.hash);
}

async function restoreAndFollow(hash: string): Promise<void> {
  const decoded = hash.length > 1 ? (await loadCodec()).decodeLinkState(hash) : null;
  if (decoded && !decoded.ok) setLinkError(`${decoded.error}. The default scenario was opened instead.`);
  whenFirstSnapshot(() => {
    if (decoded?.ok) applyLinkView(decoded.value.view);
    lastFragment = hash;
    follow();
    window.addEventListener('hashchange', () => void onHashChange());
  });
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Query, ReplyBody } from '../../protocol/messages';
import { useMirror } from '../mirror/store';
import { setRewind } from '../sim/rewind-store';
import { currentLinkState, linkMoment } from './link-state';
import { linkNoticeBanner, setLinkOpening } from './session-store';

/** The worker answers the share text of a session with one action done and one pending. */
vi.mock('../sim/instance', () => ({
  sim: {
    request: (q: Query): Promise<ReplyBody> =>
      Promise.resolve(
        q.kind === 'session'
          ? { kind: 'session', steps: [], actions: [{ atMs: 10_000, run: 'kubectl get pods' }], pending: [{ atMs: 90_000, run: 'sandbox kill node worker-1' }], truncated: false, text: 'kind: Scenario', file: 'x.yaml' }
          : { kind: 'recorded', steps: [], files: {}, truncated: false },
      ),
  },
}));

describe('the moment a link carries', () => {
  beforeEach(() => {
    setRewind(null);
    setLinkOpening(false);
    useMirror.setState({ clock: { ...useMirror.getState().clock, simTimeMs: 3_600_000 } });
  });

  it.each([
    ['no rewind: the clock', null, 3_600_000],
    ['rewinding: where it is going, not the moment before the seek', { targetMs: 3_540_000, fraction: 0.3 }, 3_540_000],
  ])('%s', async (_name, rewind, expected) => {
    expect(linkMoment(3_600_000, rewind)).toBe(expected);
    setRewind(rewind);
    const state = await currentLinkState();
    expect(state).toMatchObject({ timeMs: expected, actions: [{ atMs: 10_000 }, { atMs: 90_000 }] });
  });

  it('while a pasted link opens there is no moment to share yet', async () => {
    setLinkOpening(true);
    expect(await currentLinkState()).toEqual({ error: 'a link is still opening; try again once it is on screen' });
  });
});

describe('worker notices about links go to the banner', () => {
  it.each([
    ["link: the scenario stopped with an error on the way to the link's moment: Error: x\nOpened the default scenario instead.", true],
    ['link: truncated link', true],
    ['unknown scenario "x"; opened node-failure instead', false],
    [null, false],
  ])('%j → banner %s', (notice, banner) => {
    expect(linkNoticeBanner(notice)).toBe(banner ? notice : null);
  });
});

import { useEffect } from 'react';
import { selectNotice, useUi } from '../ui-store';
import { startFragmentSync } from './fragment-sync';
import { linkNoticeBanner, selectLinkError, setLinkError, useSession } from './session-store';
import './share.css';

/**
 * Keeps the URL on the current moment (reload, share) and says so when a link could not be
 * opened: a banner with the link codec's reason, above the default scenario that opened instead.
 */
export function SessionSync() {
  useEffect(() => startFragmentSync(), []);
  const linkError = useSession(selectLinkError);
  const notice = useUi(selectNotice);
  useEffect(() => {
    const banner = linkNoticeBanner(notice);
    if (!banner) return;
    // The page's own check of a link may have said it already; else the worker's reason is the banner.
    if (!useSession.getState().linkError) setLinkError(banner);
    useUi.getState().setNotice(null);
  }, [notice]);
  if (!linkError) return null;
  return (
    <div className="k-banner k-link-banner" role="alert">
      <span>
        <strong>This link could not be opened.</strong> {linkError}
      </span>
      <button type="button" className="k-btn" onClick={() => setLinkError(null)}>
        Dismiss
      </button>
    </div>
  );
}

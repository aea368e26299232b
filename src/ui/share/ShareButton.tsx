import { useEffect, useRef, useState, type RefObject } from 'react';
import { buildShareLink } from './link-state';
import { isLong, sizeText } from './share-text';
import './share.css';

type Shared =
  | { state: 'busy' }
  | { state: 'copied'; url: string; chars: number; notices: string[] }
  /** The clipboard was denied or is missing: the link is shown to copy by hand. */
  | { state: 'manual'; url: string; chars: number; notices: string[]; reason: string }
  | { state: 'error'; error: string };

async function copy(text: string): Promise<string | null> {
  try {
    if (!navigator.clipboard?.writeText) return 'this browser gives the page no clipboard';
    await navigator.clipboard.writeText(text);
    return null;
  } catch (e) {
    return e instanceof Error && e.name !== 'Error' ? `the clipboard was denied (${e.name})` : 'the clipboard was denied';
  }
}

/**
 * `Share`: the current moment as a link (scenario, actions, time, view), copied to the
 * clipboard, with its length; past 8 KB a warning that some apps cut long links. When the
 * clipboard is not available, a read-only field holds the link, selected, to copy by hand.
 */
export function ShareButton() {
  const [shared, setShared] = useState<Shared | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (shared?.state === 'manual') field.current?.select();
  }, [shared]);
  useEffect(() => {
    if (!shared) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setShared(null);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [shared]);

  const share = async () => {
    setShared({ state: 'busy' });
    const link = await buildShareLink(window.location.href);
    if (!link.ok) {
      setShared({ state: 'error', error: link.error });
      return;
    }
    const denied = await copy(link.url);
    setShared(denied === null ? { state: 'copied', ...link } : { state: 'manual', ...link, reason: denied });
  };

  return (
    <div className="k-share" ref={root} onKeyDown={(e) => e.key === 'Escape' && setShared(null)}>
      <button type="button" className="k-btn" aria-haspopup="dialog" aria-expanded={shared !== null} title="Copy a link to this exact moment: scenario, your actions, time and view" onClick={() => void share()}>
        Share
      </button>
      {shared ? (
        <div className="k-popover k-share-pop" role="dialog" aria-label="Share this moment">
          <SharedBody shared={shared} field={field} />
        </div>
      ) : null}
    </div>
  );
}

function SharedBody({ shared, field }: { shared: Shared; field: RefObject<HTMLInputElement | null> }) {
  if (shared.state === 'busy') return <p role="status">Building the link…</p>;
  if (shared.state === 'error') return <p role="alert">Could not build the link: {shared.error}</p>;
  return (
    <>
      <p role="status">{shared.state === 'copied' ? `Link copied · ${sizeText(shared.chars)}` : `Copy this link · ${sizeText(shared.chars)}`}</p>
      {shared.state === 'manual' ? (
        <>
          <p className="k-muted">The link could not be copied for you: {shared.reason}.</p>
          <input ref={field} className="k-share-field" aria-label="Share link" readOnly value={shared.url} onFocus={(e) => e.currentTarget.select()} />
        </>
      ) : null}
      {isLong(shared.chars) ? <p className="k-share-warn">Longer than 8 KB: some chat and mail apps cut links this long.</p> : null}
      {shared.notices.map((n) => (
        <p key={n} className="k-muted">{n}</p>
      ))}
      <p className="k-muted k-share-hint">Opens at this moment, paused, with the same cluster, your actions and your layout.</p>
    </>
  );
}

import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import { actorsBottom, buildLaneHeader, placeLanes } from './lane-header';
import { collectParts, markCurrent, messageIndexOf, scrollToMessage, type SvgParts } from './svg-parts';

interface Props {
  readonly svg: string;
  readonly index: number;
  /** Mermaid aliases (`P3`) of the current message's lanes. */
  readonly lanes: readonly string[];
  readonly fit: boolean;
  readonly reducedMotion: boolean;
  onPick(index: number): void;
}

/**
 * Mermaid's SVG (already sanitised by mermaid with securityLevel strict), with the current
 * message marked and scrolled into view, and lane names that stay in sight. Clicking a
 * message makes it current.
 */
export const DiagramView = memo(function DiagramView({ svg, index, lanes, fit, reducedMotion, onPick }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const parts = useRef<SvgParts | null>(null);
  const header = useRef<HTMLElement | null>(null);
  const shownAt = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    shownAt.current = performance.now();
    el.innerHTML = svg;
    parts.current = collectParts(el);
    header.current = buildLaneHeader();
    el.prepend(header.current);
  }, [svg]);

  // Lane names follow the SVG's scale (fit, panel resize) and show once the actors scroll away.
  useEffect(() => {
    const el = host.current;
    const scroller = el?.parentElement;
    if (!el || !scroller) return;
    const place = (): void => {
      if (header.current) placeLanes(el, header.current);
    };
    // The actors' bottom edge only moves with the SVG's scale: measure it then, not on every scroll.
    let bottom = actorsBottom(el);
    const toggle = (): void => {
      header.current?.classList.toggle('is-shown', scroller.scrollTop > bottom);
    };
    toggle();
    // The observer's first call (on observe) places the labels.
    const ro = new ResizeObserver(() => {
      place();
      bottom = actorsBottom(el);
      toggle();
    });
    ro.observe(scroller);
    scroller.addEventListener('scroll', toggle, { passive: true });
    return () => {
      ro.disconnect();
      scroller.removeEventListener('scroll', toggle);
    };
  }, [svg, fit]);

  useLayoutEffect(() => {
    const p = parts.current;
    if (!p) return;
    markCurrent(p, index, lanes);
    const scroller = host.current?.parentElement;
    if (scroller) scrollToMessage(scroller, p, index, !reducedMotion);
    if (shownAt.current !== null) {
      // Putting a new SVG in the page, laid out (scrolling to the message forces it): the rest of D1.
      performance.measure('sequence-show', { start: shownAt.current, end: performance.now(), detail: { messages: p.texts.length } });
      shownAt.current = null;
    }
  }, [svg, index, lanes, reducedMotion]);

  return (
    <div
      ref={host}
      className={`k-seq-svg${fit ? ' is-fit' : ''}`}
      role="img"
      aria-label="Sequence diagram"
      onClick={(e) => {
        const p = parts.current;
        const t = e.target;
        if (!p || !(t instanceof Element)) return;
        const i = messageIndexOf(p, t);
        if (i >= 0) onPick(i);
      }}
    />
  );
});

/**
 * A sticky strip with the lane names, shown once the actor boxes at the top of the diagram
 * have scrolled away, so a message deep in a long operation still says whose lanes it joins.
 * Built from the rendered SVG's own actor boxes (text set with textContent).
 */

export const LANE_HEADER = 'k-seq-lanes';

/** The (empty) strip; placeLanes fills it once the SVG is laid out. */
export function buildLaneHeader(): HTMLElement {
  const head = document.createElement('div');
  head.className = LANE_HEADER;
  head.setAttribute('aria-hidden', 'true');
  return head;
}

/** (Re)positions the labels over the actor boxes, at the SVG's current scale. */
export function placeLanes(host: HTMLElement, head: HTMLElement): void {
  // Measure everything first, then write: one layout, not one per label.
  const origin = host.getBoundingClientRect();
  const lanes = [...host.querySelectorAll('rect.actor-top')].map((rect) => ({ box: rect.getBoundingClientRect(), label: rect.parentElement?.querySelector('text')?.textContent ?? '' }));
  const spans = lanes.map(({ box, label }) => {
    const span = document.createElement('span');
    span.textContent = label;
    span.style.left = `${box.left - origin.left}px`;
    span.style.width = `${box.width}px`;
    return span;
  });
  head.replaceChildren(...spans);
}

/** The bottom edge of the top actor boxes, in host coordinates. */
export function actorsBottom(host: HTMLElement): number {
  const first = host.querySelector('rect.actor-top');
  if (!first) return 0;
  return first.getBoundingClientRect().bottom - host.getBoundingClientRect().top;
}

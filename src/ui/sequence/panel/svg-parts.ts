/**
 * The parts of mermaid's sequence SVG that belong to message i: its label, its line (or
 * self-loop path) and its autonumber badge, in drawing order; and the actor boxes by alias.
 */

export interface SvgParts {
  readonly texts: readonly Element[];
  readonly lines: readonly Element[];
  readonly numbers: readonly Element[];
  readonly actors: ReadonlyMap<string, readonly Element[]>;
}

export function collectParts(root: ParentNode): SvgParts {
  const actors = new Map<string, Element[]>();
  for (const el of root.querySelectorAll('rect.actor[name], [name].actor')) {
    const name = el.getAttribute('name') ?? '';
    const list = actors.get(name);
    if (list) list.push(el);
    else actors.set(name, [el]);
  }
  return {
    texts: [...root.querySelectorAll('.messageText')],
    lines: [...root.querySelectorAll('.messageLine0, .messageLine1')],
    numbers: [...root.querySelectorAll('.sequenceNumber')],
    actors,
  };
}

export const CURRENT = 'k-seq-current';
export const DONE = 'k-seq-done';
const ACTOR = 'k-seq-actor';

/**
 * Scrolls so message `index` is in view: its label centred vertically; its arrow centred
 * when it fits across, else its start shown (where the message leaves from).
 */
export function scrollToMessage(scroller: HTMLElement, parts: SvgParts, index: number, smooth: boolean): void {
  const text = parts.texts[index];
  if (!text) return;
  const line = parts.lines[index] ?? text;
  const view = scroller.getBoundingClientRect();
  const t = text.getBoundingClientRect();
  const l = line.getBoundingClientRect();
  const left = Math.min(l.left, t.left);
  const right = Math.max(l.right, t.right);
  const x = right - left <= view.width - 48 ? (left + right) / 2 - view.width / 2 : left - 24;
  const y = (t.top + l.bottom) / 2 - view.height / 2;
  scroller.scrollTo({ left: scroller.scrollLeft + x - view.left, top: scroller.scrollTop + y - view.top, behavior: smooth ? 'smooth' : 'auto' });
}

/** Marks message `index` current, earlier ones done, and the two lanes it joins. */
export function markCurrent(parts: SvgParts, index: number, lanes: readonly string[]): Element | undefined {
  const all = [parts.texts, parts.lines, parts.numbers];
  for (const list of all) {
    list.forEach((el, i) => {
      el.classList.toggle(CURRENT, i === index);
      el.classList.toggle(DONE, i < index);
    });
  }
  for (const [name, els] of parts.actors) for (const el of els) el.classList.toggle(ACTOR, lanes.includes(name));
  return parts.texts[index];
}

/** Index of the message whose label or line was clicked. */
export function messageIndexOf(parts: SvgParts, target: Element): number {
  const i = parts.texts.indexOf(target);
  return i >= 0 ? i : parts.lines.indexOf(target);
}

import { nodeSelector } from './canvas-link';
import type { HighlightedInteraction } from './highlight-store';

/**
 * The canvas glow as a stylesheet: rules that match React Flow's own `data-id` attributes.
 * The canvas renders nothing differently, so lighting a message costs one style recalc
 * instead of re-rendering edges and nodes.
 */

/** A CSS string literal whatever the id holds (node names are DNS-1123, but be exact). */
export function cssString(s: string): string {
  let out = '"';
  for (const ch of s) out += /^[A-Za-z0-9._/:~ -]$/.test(ch) ? ch : `\\${(ch.codePointAt(0) ?? 32).toString(16)} `;
  return `${out}"`;
}

export function glowCss(h: HighlightedInteraction | null): string {
  if (!h) return '';
  const rules: string[] = [];
  if (h.edges.length > 0) {
    const edges = h.edges.map((id) => `.react-flow__edge[data-id=${cssString(id)}]`);
    rules.push(`${edges.map((e) => `${e} .react-flow__edge-path`).join(',\n')} { stroke: var(--k-seq-glow); stroke-width: 3.5; opacity: 1; }`);
    rules.push(`${edges.join(',\n')} { filter: drop-shadow(0 0 3px var(--k-seq-glow)); }`);
  }
  const nodes = h.endpoints.map((e) => {
    const sel = nodeSelector(e);
    return sel.prefix !== undefined ? `.react-flow__node[data-id^=${cssString(sel.prefix)}]` : `.react-flow__node[data-id=${cssString(sel.exact ?? e)}]`;
  });
  if (nodes.length > 0) rules.push(`${nodes.map((n) => `${n} > *`).join(',\n')} { outline: 3px solid var(--k-seq-glow); outline-offset: 2px; }`);
  return rules.join('\n');
}

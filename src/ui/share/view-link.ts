import type { LinkPosition, LinkSelection, LinkTheme, LinkView } from '../../scenarios/link/state';
import { LINK_COMPONENTS, type LinkComponent } from '../../scenarios/link/state';
import type { Selection, Theme } from '../ui-store';

/**
 * The page's view ⇄ a link's view. The canvas keys dropped positions by its own node ids
 * (`node/<name>` for workers, `cp/<name>` for control-plane nodes); a link keys them by Node
 * name, so a link stays valid whatever the canvas calls things. Pods are named by namespace
 * and name (their uid differs in every run); components by kind and node.
 */

export interface PageView {
  pinned: ReadonlyMap<string, LinkPosition>;
  dockTab: string | null;
  dockOpen: boolean;
  selection: Selection;
  theme: Theme;
}

const WORKER_PREFIX = 'node/';
const CP_PREFIX = 'cp/';

/** The Node a canvas id stands for, or undefined (terminal, registry, components…). */
export function nodeNameOf(canvasId: string): string | undefined {
  if (canvasId.startsWith(WORKER_PREFIX)) return canvasId.slice(WORKER_PREFIX.length) || undefined;
  if (canvasId.startsWith(CP_PREFIX)) return canvasId.slice(CP_PREFIX.length) || undefined;
  return undefined;
}

export function canvasIdOf(nodeName: string, controlPlanes: ReadonlySet<string>): string {
  return controlPlanes.has(nodeName) ? `${CP_PREFIX}${nodeName}` : `${WORKER_PREFIX}${nodeName}`;
}

function isComponent(v: string): v is LinkComponent {
  return (LINK_COMPONENTS as readonly string[]).includes(v);
}

function selectionToLink(sel: Selection): LinkSelection | null {
  if (sel === null) return null;
  if (sel.kind === 'node') return { kind: 'node', name: sel.name };
  if (sel.kind === 'pod') return { kind: 'pod', namespace: sel.namespace, name: sel.name };
  // Component keys are `<kind>/<node>` (Canvas.tsx).
  const slash = sel.key.indexOf('/');
  const kind = sel.key.slice(0, slash);
  const node = sel.key.slice(slash + 1);
  return slash > 0 && node !== '' && isComponent(kind) ? { kind: 'component', component: kind, node } : null;
}

/** Rounded to whole px: a link need not carry React Flow's sub-pixel drift. */
export function viewToLink(view: PageView, dockPanels: readonly string[]): LinkView {
  const positions: Record<string, LinkPosition> = {};
  // Code-unit order, not localeCompare: the same link text in every browser.
  for (const [id, p] of [...view.pinned].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const name = nodeNameOf(id);
    if (name !== undefined && Number.isFinite(p.x) && Number.isFinite(p.y)) positions[name] = { x: Math.round(p.x), y: Math.round(p.y) };
  }
  const tab = view.dockTab ?? dockPanels[0] ?? null;
  return { positions, panels: view.dockOpen && tab !== null ? [tab] : [], selected: selectionToLink(view.selection), theme: view.theme };
}

/** Looks a pod's record key up by namespace and name (null when it does not exist at this moment). */
export type PodKeyOf = (namespace: string, name: string) => string | null;

export interface RestoredView {
  pinned: Map<string, LinkPosition>;
  /** Undefined: leave the dock as it is. */
  dock: { tab: string; open: true } | { open: false } | undefined;
  selection: Selection;
  theme: LinkTheme | null;
}

export function linkToView(view: LinkView, controlPlanes: ReadonlySet<string>, dockPanels: readonly string[], podKeyOf: PodKeyOf): RestoredView {
  const pinned = new Map<string, LinkPosition>();
  for (const [name, p] of Object.entries(view.positions)) pinned.set(canvasIdOf(name, controlPlanes), { x: p.x, y: p.y });
  const tab = view.panels.find((p) => dockPanels.includes(p));
  const dock = tab !== undefined ? { tab, open: true as const } : view.panels.length === 0 ? { open: false as const } : undefined;
  return { pinned, dock, selection: selectionFromLink(view.selected, podKeyOf), theme: view.theme };
}

function selectionFromLink(sel: LinkSelection | null, podKeyOf: PodKeyOf): Selection {
  if (sel === null) return null;
  if (sel.kind === 'node') return { kind: 'node', name: sel.name };
  if (sel.kind === 'component') return { kind: 'component', key: `${sel.component}/${sel.node}` };
  const key = podKeyOf(sel.namespace, sel.name);
  return key === null ? null : { kind: 'pod', key, namespace: sel.namespace, name: sel.name };
}

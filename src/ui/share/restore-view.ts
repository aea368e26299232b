import type { LinkView } from '../../scenarios/link/state';
import { useMirror } from '../mirror/store';
import { DOCK_PANELS } from '../panels/BottomDock';
import { useUi } from '../ui-store';
import { linkToView } from './view-link';

/** Puts a link's view on the page: dropped positions, the open panel, the selection, the theme. */
export function applyLinkView(view: LinkView): void {
  const mirror = useMirror.getState();
  const podKeyOf = (namespace: string, name: string): string | null => {
    for (const p of mirror.mirror.data.pods.values()) if (p.namespace === namespace && p.name === name) return p.key;
    return null;
  };
  const restored = linkToView(view, new Set(mirror.controlPlaneNames), DOCK_PANELS.map((p) => p.id), podKeyOf);
  const ui = useUi.getState();
  useUi.setState({ pinned: restored.pinned, selection: restored.selection, menu: null });
  if (restored.dock?.open === true) ui.showDockTab(restored.dock.tab);
  else if (restored.dock?.open === false) ui.setDockOpen(false);
  if (restored.theme !== null && restored.theme !== ui.theme) ui.setTheme(restored.theme);
}

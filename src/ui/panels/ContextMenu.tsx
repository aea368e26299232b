import { useEffect } from 'react';
import { selectNode, useMirror } from '../mirror/store';
import { selectMenu, selectOpenMenu, useUi } from '../ui-store';
import { NodeActions } from './NodeActions';

const NONE = '\u0000';

export function ContextMenu() {
  const menu = useUi(selectMenu);
  const openMenu = useUi(selectOpenMenu);
  const node = useMirror(selectNode(menu?.node ?? NONE));
  useEffect(() => {
    if (!menu) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') openMenu(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menu, openMenu]);
  if (!menu || !node) return null;
  const x = Math.min(menu.x, window.innerWidth - 180);
  const y = Math.min(menu.y, window.innerHeight - 170);
  return (
    <div className="k-menu" role="menu" aria-label={`Actions for node ${node.name}`} style={{ left: x, top: y }}>
      <div className="k-menu-title">{node.name}</div>
      <NodeActions node={node} vertical onDone={() => openMenu(null)} />
    </div>
  );
}

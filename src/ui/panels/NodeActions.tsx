import type { NodeRecord } from '../../protocol/records';
import { runAction } from './actions';

/** Kill / Restore / Cordon / Uncordon / Drain for one node: used by the context menu and the inspector. */
export function NodeActions({ node, onDone, vertical }: { node: NodeRecord; onDone?: () => void; vertical?: boolean }) {
  const act = (a: Parameters<typeof runAction>[0]) => {
    runAction(a);
    onDone?.();
  };
  const n = node.name;
  return (
    <div className={vertical ? 'k-menu-items' : 'k-actions'}>
      {node.machineUp ? (
        <button type="button" className="k-btn is-danger" onClick={() => act({ kind: 'killNode', node: n })}>
          Kill node
        </button>
      ) : (
        <button type="button" className="k-btn" onClick={() => act({ kind: 'restoreNode', node: n })}>
          Restore node
        </button>
      )}
      {node.unschedulable ? (
        <button type="button" className="k-btn" onClick={() => act({ kind: 'uncordon', node: n })}>
          Uncordon
        </button>
      ) : (
        <button type="button" className="k-btn" onClick={() => act({ kind: 'cordon', node: n })}>
          Cordon
        </button>
      )}
      <button type="button" className="k-btn" onClick={() => act({ kind: 'drain', node: n })}>
        Drain
      </button>
    </div>
  );
}

import { visiblePods } from '../canvas/visible-pods';
import { usePodsOn } from '../mirror/store';
import { selectSelect, selectShowSystem, useUi } from '../ui-store';

/**
 * The node's pods as buttons: on a large cluster the canvas draws pods as pixels, so this
 * list is how a keyboard or screen-reader user reaches them (Tab to the node, Enter, Tab here).
 */
export function NodePods({ name }: { name: string }) {
  const all = usePodsOn(name);
  const showSystem = useUi(selectShowSystem);
  const select = useUi(selectSelect);
  const pods = visiblePods(all, showSystem);
  return (
    <>
      <h3 className="k-h3">Pods ({pods.length})</h3>
      {pods.length === 0 ? <p className="k-muted">None.</p> : null}
      <ul className="k-podlist">
        {pods.map((p) => (
          <li key={p.key}>
            <button type="button" className="k-podlist-btn" aria-label={`Pod ${p.name}`} onClick={() => select({ kind: 'pod', key: p.key, namespace: p.namespace, name: p.name })}>
              <span className={`k-tone-dot tone-${p.tone}`} aria-hidden="true" />
              <span className="k-podlist-name">{p.name}</span>
              <span className="k-muted">{p.status}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

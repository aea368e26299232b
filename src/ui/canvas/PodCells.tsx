import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import type { PodRecord } from '../../protocol/records';
import { useMirror, type MirrorState } from '../mirror/store';
import { selectShowSystem, useUi } from '../ui-store';
import { podTitle } from './PodChip';
import { canvasPods, podsSummary } from './visible-pods';

const EMPTY: readonly PodRecord[] = [];

/** The class of one pod cell: its colour family, and a mark while it faces eviction. */
export function cellClass(p: PodRecord): string {
  const evicting = p.evictAtMs !== null && p.deleteAtMs === null;
  return `tone-${p.tone}${evicting ? ' is-evicting' : ''}`;
}

function sameKeys(a: readonly { key: string }[], b: readonly PodRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.key !== b[i]!.key) return false;
  return true;
}

/** Writes each cell's class where it changed (cells and pods are in the same order), and the summary. */
function paint(el: HTMLElement | null, pods: readonly PodRecord[]): void {
  if (!el) return;
  const label = podsSummary(pods);
  if (el.getAttribute('aria-label') !== label) el.setAttribute('aria-label', label);
  const cells = el.children;
  for (let i = 0; i < pods.length && i < cells.length; i++) {
    const cls = cellClass(pods[i]!);
    const cell = cells[i]!;
    if (cell.className !== cls) cell.className = cls;
  }
}

/**
 * A large cluster's pods as plain coloured squares, one per pod, kept outside React's
 * render path: a status change rewrites one element's class (no re-render of the node),
 * and React only re-renders when pods come or go. Squares carry no text and no accessible
 * name (the group is labelled with a summary); the node's inspector lists the pods as
 * buttons, and zooming in turns the squares into buttons. Hover shows a pod, click selects it.
 */
export function PodCells({ name }: { name: string }) {
  const showSystem = useUi(selectShowSystem);
  const ref = useRef<HTMLDivElement>(null);
  const current = useRef<readonly PodRecord[]>(EMPTY);
  /** The squares React renders (key and class when pods last came or went); null until the second frame. */
  const [cells, setCells] = useState<readonly { key: string; cls: string }[] | null>(null);

  // The first frame shows the nodes; their pods follow one frame later (first paint of a large cluster).
  useEffect(() => {
    const id = requestAnimationFrame(() => setCells(cellsOf(canvasPods(useMirror.getState().podsByNode.get(name) ?? EMPTY, showSystem))));
    return () => cancelAnimationFrame(id);
  }, [name, showSystem]);

  useLayoutEffect(() => {
    if (!cells) return;
    let seen = -1;
    // Runs on every store update: a version check, and work only for this node's changes.
    const update = (s: MirrorState): void => {
      const version = s.mirror.podsVersion(name);
      if (version === seen) return;
      seen = version;
      const pods = canvasPods(s.podsByNode.get(name) ?? EMPTY, showSystem);
      current.current = pods;
      if (sameKeys(cells, pods)) paint(ref.current, pods);
      else setCells(cellsOf(pods));
    };
    update(useMirror.getState());
    return useMirror.subscribe(update);
  }, [name, showSystem, cells]);

  const podAt = (e: MouseEvent<HTMLDivElement>): PodRecord | undefined => {
    const cell = e.target instanceof HTMLElement ? e.target : null;
    const list = ref.current;
    if (!cell || !list || cell.parentElement !== list) return undefined;
    return current.current[Array.prototype.indexOf.call(list.children, cell)];
  };
  const onOver = (e: MouseEvent<HTMLDivElement>) => {
    const pod = podAt(e);
    if (pod && e.target instanceof HTMLElement) e.target.title = podTitle(pod);
  };
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const pod = podAt(e);
    if (!pod) return;
    e.stopPropagation();
    useUi.getState().select({ kind: 'pod', key: pod.key, namespace: pod.namespace, name: pod.name });
  };
  return (
    <div ref={ref} className="k-cells nodrag" role="img" aria-label="pods" onMouseOver={onOver} onClick={onClick}>
      {cells?.map((c) => (
        <i key={c.key} className={c.cls} />
      ))}
    </div>
  );
}

function cellsOf(pods: readonly PodRecord[]): { key: string; cls: string }[] {
  return pods.map((p) => ({ key: p.key, cls: cellClass(p) }));
}

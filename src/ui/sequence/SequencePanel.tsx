import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import { DATASTORE_NAME, selectDatastore } from '../canvas/datastore';
import { useMirror } from '../mirror/store';
import { selectTheme, useUi } from '../ui-store';
import { buildDiagram, drawDiagram, type DiagramModel, type View } from './diagram';
import { CanvasGlow } from './panel/CanvasGlow';
import { DiagramView } from './panel/DiagramView';
import { download, exportName } from './panel/export';
import { defaultOperation, OperationPicker } from './panel/OperationPicker';
import { Transport } from './panel/Transport';
import { useHighlightSync } from './panel/use-highlight';
import { useOperationData, useOperations } from './panel/use-operation-data';
import { usePinning, usePlayback, useReducedMotion } from './panel/use-playback';
import { useRendered } from './panel/use-rendered';
import './sequence.css';

/** Messages per section before "… N more"; "Show all" lifts it (up to SHOW_ALL_CAP). */
const WINDOW_CAP = 60;
const SHOW_ALL_CAP = 400;
/** An operation this recent (simulated ms) when the panel opens on it is played from the start. */
const FRESH_MS = 30_000;

interface ViewState {
  readonly opId: number | null;
  readonly expanded: ReadonlySet<string>;
  readonly showAll: boolean;
}

const allEntries = (m: DiagramModel): Set<string> => new Set(m.windows.flatMap((w) => w.entries.filter((e) => e.blocks.length > 1).map((e) => e.id)));

/**
 * The sequence panel: what the engine really did for one operation, as a mermaid sequence
 * diagram you can step through, with the matching canvas edge lit at each step.
 */
export default function SequencePanel() {
  const ops = useOperations();
  const [picked, setPicked] = useState<number | null>(null);
  const opId = picked ?? (ops ? defaultOperation(ops) : null);
  const data = useOperationData(opId);
  const datastore = DATASTORE_NAME[useMirror(selectDatastore)];
  const model = useMemo(() => (data?.operation ? buildDiagram(data.operation, data.records, { datastore }) : null), [data, datastore]);
  const [viewState, setViewState] = useState<ViewState>({ opId, expanded: new Set(), showAll: false });
  const vs = viewState.opId === opId ? viewState : { opId, expanded: new Set<string>(), showAll: false };
  const view: View = useMemo(() => ({ expanded: vs.expanded, showAll: vs.showAll, cap: vs.showAll ? SHOW_ALL_CAP : WINDOW_CAP }), [vs.expanded, vs.showAll]);
  const drawn = useMemo(() => (model ? drawDiagram(model, view) : null), [model, view]);
  const theme = useUi(selectTheme);
  const rendered = useRendered(drawn?.text ?? null, theme);
  const count = drawn?.messages.length ?? 0;
  const reducedMotion = useReducedMotion();
  // Following the newest operation: one that starts while the panel is open, or that just
  // started when it opens, plays by itself, so its messages light up on the canvas one by one
  // (not under reduced motion).
  const [firstOp, setFirstOp] = useState<number | null>(null);
  if (firstOp === null && opId !== null) setFirstOp(opId);
  const op = ops?.find((o) => o.id === opId);
  const fresh = op !== undefined && useMirror.getState().clock.nowMs - op.startedMs < FRESH_MS;
  const player = usePlayback(count, String(opId), picked === null && !reducedMotion && (opId !== firstOp || fresh));
  // Once the user steps through an operation, a newer one (a scenario step) no longer takes over.
  const playback = usePinning(player, () => {
    if (picked === null && opId !== null) setPicked(opId);
  });
  const current = drawn?.messages[playback.index];
  useHighlightSync(opId, current);
  const [fit, setFit] = useState(false);

  const setView = useCallback(
    (next: Omit<ViewState, 'opId'>, anchor?: string) => {
      setViewState({ opId, ...next });
      if (!model || anchor === undefined) return;
      const redrawn = drawDiagram(model, { expanded: next.expanded, showAll: next.showAll, cap: next.showAll ? SHOW_ALL_CAP : WINDOW_CAP });
      const at = redrawn.messages.findIndex((m) => m.entryId === anchor);
      if (at >= 0) playback.go(at);
    },
    [model, opId, playback],
  );

  const toggleEntry = (entryId: string): void => {
    const expanded = new Set(vs.expanded);
    if (expanded.has(entryId)) expanded.delete(entryId);
    else expanded.add(entryId);
    setView({ expanded, showAll: vs.showAll }, entryId);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    const t = e.target;
    const native = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
    const key = e.key;
    if (native || (key === ' ' && t instanceof HTMLButtonElement)) return;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => playback.step(-1),
      ArrowRight: () => playback.step(1),
      ' ': playback.toggle,
      Home: () => playback.go(0),
      End: () => playback.go(count - 1),
    };
    const act = actions[key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  const hidden = drawn?.windows.reduce((n, w) => n + w.hidden, 0) ?? 0;
  const foldable = model ? allEntries(model) : new Set<string>();
  const allOpen = foldable.size > 0 && [...foldable].every((id) => vs.expanded.has(id));
  const win = current ? drawn?.windows[current.window] : undefined;
  const aliases = drawn ? new Map(drawn.participants.map((p, i) => [p.key, `P${i}`])) : new Map<string, string>();
  const lanes = current ? [aliases.get(current.from.key) ?? '', aliases.get(current.to.key) ?? ''] : [];
  const svg = rendered?.result.ok ? rendered.result.svg : null;

  return (
    <section className="k-seq" aria-label="Sequence" tabIndex={-1} onKeyDown={onKeyDown}>
      <CanvasGlow />
      <div className="k-seq-bar">
        <OperationPicker ops={ops ?? []} value={opId} onChange={(id) => setPicked(id)} />
        <Transport playback={playback} count={count} />
        <div className="k-seq-tools">
          {foldable.size > 0 ? (
            <button type="button" className="k-btn" aria-pressed={allOpen} onClick={() => setView({ expanded: allOpen ? new Set() : foldable, showAll: vs.showAll }, current?.entryId)}>
              {allOpen ? 'Collapse all' : 'Expand all'}
            </button>
          ) : null}
          {hidden > 0 || vs.showAll ? (
            <button type="button" className="k-btn" aria-pressed={vs.showAll} onClick={() => setView({ expanded: vs.expanded, showAll: !vs.showAll }, current?.entryId)}>
              {vs.showAll ? 'Show fewer' : `Show all (+${hidden})`}
            </button>
          ) : null}
          <button type="button" className="k-btn" aria-pressed={fit} onClick={() => setFit(!fit)} title="Scale the diagram to the panel's width">
            Fit width
          </button>
          <button type="button" className="k-btn" disabled={!drawn || !model} onClick={() => drawn && model && download(exportName(model.opId, model.command, 'mmd'), `${drawn.text}\n`, 'text/plain')}>
            Export .mmd
          </button>
          <button type="button" className="k-btn" disabled={!svg || !model} onClick={() => svg && model && download(exportName(model.opId, model.command, 'svg'), svg, 'image/svg+xml')}>
            Export SVG
          </button>
        </div>
      </div>
      <div className="k-seq-caption-row">
        <p className="k-seq-caption" aria-live="polite">
          {current ? current.caption : ''}
        </p>
        {current && win ? (
          <span className="k-seq-meta">
            {win.label} · +{((current.tMs - (model?.startedMs ?? 0)) / 1000).toFixed(3)} s
          </span>
        ) : null}
        {current && (current.count > 1 || current.expanded) ? (
          <button type="button" className="k-btn" onClick={() => toggleEntry(current.entryId)}>
            {current.expanded ? 'Collapse' : `Expand ${current.count}`}
          </button>
        ) : null}
      </div>
      {/* Focusable so the keyboard reaches the scrolled diagram: ←/→ step, Space plays, Home/End jump. */}
      <div className="k-seq-body" tabIndex={0} role="region" aria-label="Diagram" title="← → step · Space play / pause · Home / End">
        {status(ops, opId, data !== null, drawn?.messages.length ?? 0, rendered?.result)}
        {data?.truncated ? <p className="k-seq-note">Only the first records of this operation are drawn.</p> : null}
        {svg ? <DiagramView svg={svg} index={playback.index} lanes={lanes} fit={fit} reducedMotion={reducedMotion} onPick={playback.go} /> : null}
      </div>
    </section>
  );
}

function status(ops: readonly unknown[] | null, opId: number | null, loaded: boolean, messages: number, result: { ok: boolean; message?: string } | undefined) {
  const text =
    ops === null ? 'Loading operations…'
    : opId === null ? 'Run a command (kubectl apply, helm install, a node action) to see what the cluster does, step by step.'
    : !loaded ? 'Loading the interaction log…'
    : messages === 0 ? 'This operation has not caused any interaction yet.'
    : result && !result.ok ? (result.message ?? 'The diagram could not be drawn.')
    : !result ? 'Drawing…'
    : null;
  return text ? <p className="k-seq-note">{text}</p> : null;
}

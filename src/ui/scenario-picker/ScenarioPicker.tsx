import { useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { BuiltinScenario } from '../../scenarios/builtin';
import { useMirror, type MirrorState } from '../mirror/store';
import { exportScenario, importScenarioFile, openScenario } from './open';
import './picker.css';

type Entry = Pick<BuiltinScenario, 'name' | 'title' | 'description'>;

const selectScenarioName = (s: MirrorState): string | null => s.scenario?.name ?? null;

/** The built-ins' text is only needed once the picker opens: load it then. */
async function loadEntries(): Promise<Entry[]> {
  const { BUILTIN_SCENARIOS } = await import('../../scenarios');
  return BUILTIN_SCENARIOS.map(({ name, title, description }) => ({ name, title, description }));
}

type Status = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'errors'; title: string; errors: string[] };

/**
 * `Scenarios`: a dialog listing every built-in with its title and paragraph (choosing one
 * restarts the engine on it), and Import / Export of a scenario as a YAML file. An import
 * that does not parse shows its errors (`file:line:column: field: message`) and changes nothing.
 */
export function ScenarioPicker() {
  const dialog = useRef<HTMLDialogElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const current = useMirror(selectScenarioName);

  const show = () => {
    setStatus({ kind: 'idle' });
    dialog.current?.showModal();
    void loadEntries().then((e) => {
      setEntries(e);
      setActive(Math.max(0, e.findIndex((x) => x.name === current)));
    });
  };
  useEffect(() => {
    if (entries && dialog.current?.open) list.current?.focus();
  }, [entries]);
  const close = () => dialog.current?.close();

  const choose = async (entry: Entry) => {
    setStatus({ kind: 'busy', text: `Opening ${entry.title}…` });
    const r = await openScenario({ kind: 'builtin', name: entry.name });
    if (r.ok) close();
    else setStatus({ kind: 'errors', title: `Could not open ${entry.title}`, errors: r.errors });
  };
  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = '';
    if (!file) return;
    setStatus({ kind: 'busy', text: `Reading ${file.name}…` });
    const r = await importScenarioFile(file);
    if (r.ok) close();
    else setStatus({ kind: 'errors', title: `${file.name} was not opened; the current cluster is unchanged`, errors: r.errors });
  };
  const onExport = async () => {
    const error = await exportScenario();
    setStatus(error ? { kind: 'errors', title: 'Could not export the scenario', errors: [error] } : { kind: 'idle' });
  };
  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!entries || entries.length === 0) return;
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: entries.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      setActive(Math.max(0, Math.min(entries.length - 1, moves[e.key]!)));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const entry = entries[active];
      if (entry) void choose(entry);
    }
  };

  return (
    <>
      <button type="button" className="k-btn" aria-haspopup="dialog" title="Open another scenario, or import / export one as YAML" onClick={show}>
        Scenarios
      </button>
      <dialog ref={dialog} className="k-picker" aria-labelledby="k-picker-title" onClose={() => setStatus({ kind: 'idle' })}>
        <header className="k-picker-head">
          <h2 id="k-picker-title">Scenarios</h2>
          <button type="button" className="k-btn is-ghost" aria-label="Close" onClick={close}>
            ✕
          </button>
        </header>
        <div
          ref={list}
          className="k-picker-list"
          role="listbox"
          aria-label="Built-in scenarios"
          tabIndex={0}
          aria-activedescendant={entries?.[active] ? `k-scn-${entries[active].name}` : undefined}
          onKeyDown={onListKey}
        >
          {entries === null ? <p className="k-muted">Loading…</p> : null}
          {entries?.map((e, i) => (
            <div
              key={e.name}
              id={`k-scn-${e.name}`}
              role="option"
              aria-selected={e.name === current}
              aria-label={e.title}
              aria-describedby={`k-scn-${e.name}-d`}
              className={`k-picker-item${i === active ? ' is-active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => void choose(e)}
            >
              <div className="k-picker-title">
                {e.title}
                {e.name === current ? <span className="k-picker-current"> · open now</span> : null}
              </div>
              <p id={`k-scn-${e.name}-d`} className="k-picker-desc">
                {e.description}
              </p>
            </div>
          ))}
        </div>
        <div className="k-picker-status" role="status" aria-live="polite">
          {status.kind === 'busy' ? status.text : null}
        </div>
        {status.kind === 'errors' ? (
          <div className="k-picker-errors" role="alert">
            <strong>{status.title}</strong>
            <pre>{status.errors.join('\n')}</pre>
          </div>
        ) : null}
        <footer className="k-picker-foot">
          <label className="k-btn">
            Import scenario…
            <input type="file" accept=".yaml,.yml,application/yaml,text/yaml" aria-label="Import scenario" className="k-visually-hidden" onChange={(e) => void onImport(e)} />
          </label>
          <button type="button" className="k-btn" title="Download this scenario as YAML, with your actions added as steps" onClick={() => void onExport()}>
            Export scenario
          </button>
        </footer>
      </dialog>
    </>
  );
}

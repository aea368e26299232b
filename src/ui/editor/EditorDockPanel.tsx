import { lazy, Suspense, useState } from 'react';
import { closeEdit, downloadManifests, saveEdit, applyDraft } from './actions';
import { ResultPane } from './ResultPane';
import { jumpTo, selectText, setText, useEditor } from './editor-store';
import { STARTER_TEMPLATE } from './template';
import './editor.css';

/** CodeMirror and its YAML support load as their own chunk, when this tab first opens. */
const CodeEditor = lazy(() => import('./CodeEditor'));

/**
 * The Editor tab: write or paste manifests and apply them, or edit one object opened from
 * the inspector; the result (per-object lines, errors with their place) beside the text.
 */
export function EditorDockPanel() {
  const text = useEditor(selectText);
  const edit = useEditor((s) => s.edit);
  const markers = useEditor((s) => s.markers);
  const jump = useEditor((s) => s.jump);
  const busy = useEditor((s) => s.busy);
  const unsaved = useEditor((s) => s.unsaved);
  const [withHelm, setWithHelm] = useState(false);
  const submit = edit ? saveEdit : applyDraft;
  return (
    <section className="k-editor" aria-label="Editor">
      <div className="k-editor-bar">
        <span className="k-editor-title">
          {edit ? (
            <>
              Editing <strong>{edit.ref.kind} {edit.ref.namespace ? `${edit.ref.namespace}/` : ''}{edit.ref.name}</strong>
            </>
          ) : (
            'Manifests'
          )}
        </span>
        <button type="button" className="k-btn is-primary" disabled={busy} title="Ctrl-Enter" onClick={() => void submit()}>
          {edit ? 'Save' : 'Apply'}
        </button>
        {edit ? (
          <button type="button" className="k-btn" onClick={closeEdit}>
            Close edit
          </button>
        ) : (
          <button type="button" className="k-btn" onClick={() => setText(STARTER_TEMPLATE)} disabled={text === STARTER_TEMPLATE}>
            Starter template
          </button>
        )}
        {unsaved ? <span className="k-muted">too large to keep across reloads</span> : null}
        <span className="k-editor-spacer" />
        <label className="k-editor-check">
          <input type="checkbox" checked={withHelm} onChange={(e) => setWithHelm(e.target.checked)} />
          Helm objects
        </label>
        <button type="button" className="k-btn" title="Your objects as one YAML file for a real cluster" onClick={() => void downloadManifests(withHelm)}>
          Download manifests
        </button>
      </div>
      <div className="k-editor-main">
        <div className="k-editor-code">
          <Suspense fallback={<p className="k-muted k-editor-loading">Loading the editor…</p>}>
            <CodeEditor value={text} onChange={setText} onSubmit={() => void submit()} markers={markers} jump={jump} label="YAML manifest" />
          </Suspense>
        </div>
        <ResultPane onJump={jumpTo} />
      </div>
    </section>
  );
}

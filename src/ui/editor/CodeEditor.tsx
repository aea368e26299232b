import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorSelection, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import type { ConsoleMarker } from '../../protocol/console';
import { markerRanges } from './diagnostics';
import './editor.css';

/**
 * The only place CodeMirror is used; this module is its own chunk, loaded when the Editor
 * tab first opens. The store owns the text: the view reports edits up and takes outside
 * changes (a template, an object opened for edit) down. Markers become lint diagnostics.
 */
export interface CodeEditorProps {
  value: string;
  onChange(text: string): void;
  /** Ctrl/Cmd-Enter. */
  onSubmit(): void;
  markers: readonly ConsoleMarker[];
  jump: { line: number; column: number; n: number } | null;
  label: string;
}

function diagnostics(text: string, markers: readonly ConsoleMarker[]): Diagnostic[] {
  return markerRanges(text, markers).map((r) => ({ from: r.from, to: r.to, severity: 'error', message: r.message, source: 'kubectl apply' }));
}

export default function CodeEditor({ value, onChange, onSubmit, markers, jump, label }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onSubmit });
  useEffect(() => {
    callbacks.current = { onChange, onSubmit };
  }, [onChange, onSubmit]);

  useEffect(() => {
    if (!host.current) return;
    const submit = (): boolean => {
      callbacks.current.onSubmit();
      return true;
    };
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          history(),
          indentOnInput(),
          bracketMatching(),
          indentUnit.of('  '),
          EditorState.tabSize.of(2),
          yaml(),
          syntaxHighlighting(classHighlighter),
          lintGutter(),
          keymap.of([{ key: 'Mod-Enter', run: submit }, ...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false' }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is created once; value and label updates are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const found = diagnostics(v.state.doc.toString(), markers);
    // Bring the first error into view (the caret stays where the user left it).
    const first = found[0];
    v.dispatch(setDiagnostics(v.state, found), ...(first ? [{ effects: EditorView.scrollIntoView(first.from, { y: 'center' }) }] : []));
  }, [markers]);

  useEffect(() => {
    const v = view.current;
    if (!v || !jump) return;
    const line = v.state.doc.line(Math.min(Math.max(1, jump.line), v.state.doc.lines));
    const pos = Math.min(line.from + Math.max(0, jump.column - 1), line.to);
    v.dispatch({ selection: EditorSelection.cursor(pos), scrollIntoView: true });
    v.focus();
  }, [jump]);

  return <div ref={host} className="k-code" />;
}

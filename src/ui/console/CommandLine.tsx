import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useUi } from '../ui-store';
import { completeLine } from './complete';
import { addBlock, clearConsole, selectHints, setHints, useConsole } from './console-store';
import { historyStep, type HistoryCursor } from './history';
import { submitLine } from './edit-command';
import { interruptRunning } from './session';
import './console.css';

/** Longest line the input takes (the engine refuses more than 4,096 characters with kubectl's wording). */
const MAX_INPUT_CHARS = 100_000;

/**
 * The prompt under the dock's panels: Enter runs the line (and shows the Console), ↑ / ↓
 * walk the history, Tab completes (once something is typed, so an empty prompt still lets
 * Tab move focus on), Ctrl-C stops the running command, Ctrl-L clears.
 */
export function CommandLine() {
  const [value, setValue] = useState('');
  const hints = useConsole(selectHints);
  const input = useRef<HTMLInputElement>(null);
  const cursor = useRef<HistoryCursor | null>(null);
  const caret = useRef<number | null>(null);

  useLayoutEffect(() => {
    if (caret.current === null || !input.current) return;
    input.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [value]);

  const set = (line: string, at: number = line.length) => {
    caret.current = at;
    setValue(line);
  };

  const submit = () => {
    void submitLine(value);
    set('');
    cursor.current = null;
    setHints([]);
    useUi.getState().showDockTab('console');
  };

  const step = (delta: -1 | 1) => {
    const history = useConsole.getState().history;
    const from = cursor.current ?? { index: history.length, draft: value };
    const next = historyStep(history, from, value, delta);
    if (!next) return;
    cursor.current = next.cursor;
    set(next.line);
  };

  const complete = (el: HTMLInputElement) => {
    const line = el.value;
    const at = el.selectionStart ?? line.length;
    void completeLine(line, at).then((done) => {
      // The user kept typing while names were fetched: their text wins.
      if (!done || input.current?.value !== line) return;
      if (done.line !== line) set(done.line, done.cursor);
      setHints(done.shown);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const el = e.currentTarget;
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      step(e.key === 'ArrowUp' ? -1 : 1);
    } else if (e.key === 'Tab' && !e.shiftKey && value.trim() !== '') {
      e.preventDefault();
      complete(el);
    } else if (e.ctrlKey && !e.altKey && !e.metaKey && e.key.toLowerCase() === 'c' && el.selectionStart === el.selectionEnd) {
      // Ctrl-C copies when text is selected; otherwise it is the terminal's interrupt.
      e.preventDefault();
      if (!interruptRunning() && value !== '') addBlock(`${value}^C`, { running: false, exitCode: 130 });
      set('');
      cursor.current = null;
      setHints([]);
    } else if (e.ctrlKey && !e.altKey && !e.metaKey && e.key.toLowerCase() === 'l') {
      e.preventDefault();
      clearConsole();
    } else if (e.key === 'Escape') setHints([]);
  };

  return (
    <div className="k-cmdline">
      {hints.length > 0 ? (
        <div className="k-cmdline-hints" role="status" aria-label="Completions">
          {hints.join('   ')}
        </div>
      ) : null}
      <label className="k-cmdline-row">
        <span className="k-cmdline-prompt" aria-hidden="true">
          $
        </span>
        <input
          ref={input}
          className="k-cmdline-input"
          type="text"
          aria-label="Command"
          placeholder="kubectl, helm or sandbox command · Tab completes · ↑↓ history · Ctrl-C stops"
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          maxLength={MAX_INPUT_CHARS}
          value={value}
          onChange={(e) => {
            caret.current = null;
            setValue(e.target.value);
            if (hints.length > 0) setHints([]);
          }}
          onKeyDown={onKeyDown}
        />
      </label>
    </div>
  );
}

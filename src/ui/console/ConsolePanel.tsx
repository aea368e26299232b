import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import type { ConsoleLine } from '../../protocol/console';
import { clearConsole, selectBlocks, useConsole, type ConsoleBlock } from './console-store';
import './console.css';

/** Consecutive lines of the same stream, as one run of text (selection and copy stay plain text). */
function runs(lines: readonly ConsoleLine[]): { err: boolean; text: string }[] {
  const out: { err: boolean; text: string }[] = [];
  for (const l of lines) {
    const last = out.at(-1);
    if (last && last.err === l.err) last.text += `\n${l.text}`;
    else out.push({ err: l.err, text: l.text });
  }
  return out;
}

const Block = memo(function Block({ b }: { b: ConsoleBlock }) {
  const parts = runs(b.lines);
  return (
    <div className={`k-console-block${b.exitCode !== null && b.exitCode !== 0 && b.exitCode !== 130 ? ' is-failed' : ''}`}>
      <div className="k-console-cmd">
        <span className="k-console-prompt">$ </span>
        {b.command}
        {b.running ? <span className="k-console-running"> running · Ctrl-C stops it</span> : null}
      </div>
      {b.dropped > 0 ? <div className="k-muted">… {b.dropped} earlier lines</div> : null}
      {parts.length > 0 ? (
        <pre className="k-console-text">
          {parts.map((p, i) => (
            <span key={i} className={p.err ? 'is-err' : undefined}>
              {i > 0 ? '\n' : ''}
              {p.text}
            </span>
          ))}
        </pre>
      ) : null}
    </div>
  );
});

/** The terminal: every command with its output, exactly as printed; follows the newest line unless scrolled up. */
export function ConsolePanel() {
  const blocks = useConsole(selectBlocks);
  const out = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = out.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [blocks]);

  // The output area shrinks when completions show under the prompt: stay at the newest line.
  useEffect(() => {
    const el = out.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  return (
    <section className="k-console" aria-label="Console">
      <div
        ref={out}
        className="k-console-out"
        role="log"
        aria-label="Console output"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 16;
        }}
      >
        {blocks.length === 0 ? (
          <p className="k-console-welcome">
            Type below as in a terminal, for example <code>kubectl get pods -o wide</code>, <code>kubectl get pods -w</code>,{' '}
            <code>helm install web sandbox/webapp</code> or <code>sandbox kill node worker-2</code>. <code>-h</code> shows help.
          </p>
        ) : (
          blocks.map((b) => <Block key={b.id} b={b} />)
        )}
      </div>
      {blocks.length > 0 ? (
        <button type="button" className="k-btn is-ghost k-console-clear" aria-label="Clear console" title="Clear (Ctrl-L)" onClick={clearConsole}>
          Clear
        </button>
      ) : null}
    </section>
  );
}

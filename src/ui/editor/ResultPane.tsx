import { markerPlace } from './diagnostics';
import { useEditor } from './editor-store';

/** The last apply or save: the command's lines as the console printed them, and each error's place (click to go there). */
export function ResultPane({ onJump }: { onJump(line: number, column: number): void }) {
  const result = useEditor((s) => s.result);
  const markers = useEditor((s) => s.markers);
  const editing = useEditor((s) => s.edit !== null);
  return (
    <div className="k-editor-result" role="region" aria-label="Apply result" aria-live="polite">
      {result ? (
        <>
          {result.command ? <div className="k-console-cmd"><span className="k-console-prompt">$ </span>{result.command}</div> : null}
          <pre className="k-console-text">
            {result.lines.map((l, i) => (
              <span key={i} className={l.err ? 'is-err' : undefined}>
                {i > 0 ? '\n' : ''}
                {l.text}
              </span>
            ))}
          </pre>
          {markers.length > 0 ? (
            <ul className="k-editor-markers" aria-label="Errors">
              {markers.map((m, i) => (
                <li key={i}>
                  <button type="button" className="k-link" onClick={() => onJump(m.line, m.column)}>
                    {markerPlace(m)}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="k-muted">
          {editing
            ? 'Save writes your changes back like kubectl edit. If someone else changed the object since you opened it, the save is refused with a conflict.'
            : 'Apply sends every document like kubectl apply -f -. If any document does not parse, nothing is applied and the error is marked.'}
        </p>
      )}
    </div>
  );
}

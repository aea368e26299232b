import { useEffect } from 'react';
import { selectCommand, useMirror } from '../mirror/store';
import { selectLastCommand, useUi } from '../ui-store';

const NONE = '\u0000';
/** A finished command's toast stays this long (wall time), then hides itself. */
const LINGER_MS = 6000;
const LINES_SHOWN = 4;

/**
 * The output of the user's last action, live: a drain keeps adding "evicting pod …" lines
 * here as simulated time passes, until the command exits.
 */
export function CommandToast() {
  const key = useUi(selectLastCommand);
  const dismiss = useUi((s) => s.setLastCommand);
  const cmd = useMirror(selectCommand(key ?? NONE));
  const running = cmd?.running ?? false;
  useEffect(() => {
    if (!key || running) return;
    const t = setTimeout(() => dismiss(null), LINGER_MS);
    return () => clearTimeout(t);
  }, [key, running, dismiss]);
  if (!key || !cmd) return null;
  const failed = cmd.exitCode !== null && cmd.exitCode !== 0;
  const tail = cmd.lines.slice(-LINES_SHOWN);
  return (
    <div className={`k-toast ${failed ? 'is-failed' : ''}`} role="status" aria-label="Command output">
      <div className="k-toast-head">
        <code className="k-toast-cmd">$ {cmd.command}</code>
        {running ? <span className="k-running">running…</span> : null}
        <button type="button" className="k-btn is-ghost" aria-label="Dismiss command output" onClick={() => dismiss(null)}>
          ✕
        </button>
      </div>
      {tail.length > 0 ? <pre className="k-toast-out">{`${cmd.lineCount > tail.length ? '…\n' : ''}${tail.join('\n')}`}</pre> : null}
    </div>
  );
}

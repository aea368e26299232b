import { memo, useMemo } from 'react';
import type { CommandRecord, EventRecord } from '../../protocol/records';
import { humanDuration } from '../format';
import { selectCommands, selectEvents, useMirror } from '../mirror/store';

/** LAST SEEN changes every second, not every frame. */
const selectNowSec = (s: { clock: { nowMs: number } }): number => Math.floor(s.clock.nowMs / 1000);

type FeedItem = { kind: 'event'; rec: EventRecord } | { kind: 'command'; rec: CommandRecord };

/** Events and commands in one list, newest first (both carry the engine revision as `order`). */
export function mergeFeed(events: readonly EventRecord[], commands: readonly CommandRecord[]): FeedItem[] {
  const out: FeedItem[] = [];
  let i = 0;
  let j = 0;
  while (i < events.length || j < commands.length) {
    const e = events[i];
    const c = commands[j];
    if (e && (!c || e.order > c.order)) {
      out.push({ kind: 'event', rec: e });
      i++;
    } else if (c) {
      out.push({ kind: 'command', rec: c });
      j++;
    }
  }
  return out;
}

const EventRow = memo(function EventRow({ e, nowSec }: { e: EventRecord; nowSec: number }) {
  return (
    <tr className={e.type === 'Warning' ? 'is-warning' : ''}>
      <td>{humanDuration(nowSec * 1000 - e.lastMs)}</td>
      <td>{e.type}</td>
      <td>{e.reason}</td>
      <td>{e.object}</td>
      <td className="k-msg">
        {e.message}
        {e.count > 1 ? <span className="k-muted"> (x{e.count})</span> : null}
      </td>
    </tr>
  );
});

/** `NAME   READY   STATUS…`: output that is a kubectl table, whose last row says little on its own. */
export function isTable(lines: readonly string[]): boolean {
  const head = lines[0] ?? '';
  return /^[A-Z][A-Z0-9() /.-]*$/.test(head) && / {2,}/.test(head);
}

/**
 * A command's output: one line inline; more folded. The summary is the newest line while the
 * command runs (a drain's progress) or when it is prose; a table is summarised by its size.
 */
export function CommandOutput({ c }: { c: CommandRecord }) {
  if (c.lines.length === 0) return null;
  if (c.lineCount === 1) return <div className="k-cmd-out">{c.lines[0]}</div>;
  const hidden = c.lineCount - c.lines.length;
  const summary = c.running || (hidden === 0 && !isTable(c.lines)) ? c.lines[c.lines.length - 1] : 'output';
  return (
    <details className="k-cmd-more">
      <summary>
        {summary}
        <span className="k-muted"> · {c.lineCount} lines</span>
      </summary>
      <pre className="k-cmd-out">{`${hidden > 0 ? `… ${hidden} earlier lines\n` : ''}${c.lines.join('\n')}`}</pre>
    </details>
  );
}

const CommandRow = memo(function CommandRow({ c, nowSec }: { c: CommandRecord; nowSec: number }) {
  const failed = c.exitCode !== null && c.exitCode !== 0;
  return (
    <tr className={`is-command ${failed ? 'is-failed' : ''}`}>
      <td>{humanDuration(nowSec * 1000 - c.startMs)}</td>
      <td colSpan={4}>
        {c.note ? <div className="k-cmd-note"># {c.note}</div> : null}
        <div className="k-cmd">
          {`$ ${c.command}`}
          {c.running ? <span className="k-running"> running…</span> : null}
          {c.source === 'step' ? <span className="k-step-tag">timeline</span> : null}
        </div>
        <CommandOutput c={c} />
      </td>
    </tr>
  );
});

/** Like `kubectl get events -w`, newest first, with commands (page actions, timeline steps) in between. */
export function EventsPanel() {
  const events = useMirror(selectEvents);
  const commands = useMirror(selectCommands);
  const nowSec = useMirror(selectNowSec);
  const feed = useMemo(() => mergeFeed(events, commands), [events, commands]);
  return (
    <div className="k-events" role="region" aria-label="Events">
      <div className="k-events-scroll">
        <table>
          <thead>
            <tr>
              <th>LAST SEEN</th>
              <th>TYPE</th>
              <th>REASON</th>
              <th>OBJECT</th>
              <th>MESSAGE</th>
            </tr>
          </thead>
          <tbody>
            {feed.map((item) =>
              item.kind === 'event' ? <EventRow key={item.rec.key} e={item.rec} nowSec={nowSec} /> : <CommandRow key={item.rec.key} c={item.rec} nowSec={nowSec} />,
            )}
          </tbody>
        </table>
        {feed.length === 0 ? <p className="k-muted k-empty">No events yet.</p> : null}
      </div>
    </div>
  );
}

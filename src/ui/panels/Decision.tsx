import type { ReplyBody } from '../../protocol/messages';

type DecisionBody = Extract<ReplyBody, { kind: 'decision' }>;

/** "Why this node" / "Why Pending": the scheduler's filter and score table for every node it looked at. */
export function Decision({ body, nodeName }: { body: DecisionBody | null; nodeName: string | null }) {
  if (!body) return <p className="k-muted">Loading the scheduler's decision…</p>;
  const d = body.decision;
  if (!d) {
    if (body.podMessage) return <p className="k-why-pending">{body.podMessage}</p>;
    return <p className="k-muted">{nodeName ? `Bound to ${nodeName}; the scheduler recorded no decision for this pod (bound directly, or before the page connected).` : 'The scheduler has not tried this pod yet.'}</p>;
  }
  const rows = [...d.evaluations].sort((a, b) => {
    if (a.node === d.node) return -1;
    if (b.node === d.node) return 1;
    if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
    return (b.totalScore ?? 0) - (a.totalScore ?? 0) || (a.node < b.node ? -1 : 1);
  });
  const chosen = rows.find((r) => r.node === d.node);
  const tied = rows.filter((r) => r.node !== d.node && r.feasible && r.totalScore !== undefined && r.totalScore === chosen?.totalScore).length;
  return (
    <div className="k-why">
      {d.result === 'Scheduled' ? (
        <p>
          Scheduled on <strong>{d.node}</strong>: {rows.filter((r) => r.feasible).length} of {d.nodesTotal} nodes passed the filters
          {d.nodesFiltered < d.nodesTotal ? ` (${d.nodesFiltered} examined)` : ''};{' '}
          {tied > 0
            ? `it tied for the highest score with ${tied} other node${tied === 1 ? '' : 's'}, and the scheduler picks one of the tied nodes at random.`
            : 'it had the highest score.'}
        </p>
      ) : (
        <p className="k-why-pending">{d.message ?? `${d.result}`}</p>
      )}
      <table className="k-table" aria-label="Scheduler decision">
        <thead>
          <tr>
            <th>Node</th>
            <th>Filters</th>
            <th>Score</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const failed = r.filters.find((f) => f.code !== 'Success' && f.code !== 'Skip');
            return (
              <tr key={r.node} className={r.node === d.node ? 'is-chosen' : r.feasible ? '' : 'is-rejected'}>
                <td>{r.node}</td>
                <td title={r.filters.map((f) => `${f.plugin}: ${f.code}${f.reason ? ` (${f.reason})` : ''}`).join('\n')}>
                  {failed ? `${failed.plugin}: ${failed.reason ?? failed.code}` : 'passed'}
                </td>
                <td title={(r.scores ?? []).map((s) => `${s.plugin}: ${s.score} × ${s.weight}`).join('\n')}>{r.totalScore ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {d.truncated ? <p className="k-muted">Large cluster: showing the top-scored and a sample of rejected nodes.</p> : null}
      {d.preemption ? <p className="k-muted">{d.preemption.message}</p> : null}
    </div>
  );
}

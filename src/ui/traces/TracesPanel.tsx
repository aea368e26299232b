import { useEffect, useMemo, useState } from 'react';
import type { TraceDetail, TraceSpan, TraceSummary } from '../../protocol/traffic';
import { selectControlPlaneNames, useMirror } from '../mirror/store';
import { sim } from '../sim/instance';
import { rateText } from '../traffic/traffic-model';
import { selectTrafficTotals, startTrafficFeed, useTrafficView } from '../traffic/traffic-store';
import { clearSpan, showSpan, spotCss, useSpanHighlight } from './span-highlight';
import { durationText, waterfall } from './waterfall';
import './traces.css';

/** The list is fetched again this often while the panel is open. */
const POLL_MS = 1500;

function useTraces(): TraceSummary[] {
  const [traces, setTraces] = useState<TraceSummary[]>([]);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      sim.request({ kind: 'traces' }).then(
        (body) => {
          if (live && body.kind === 'traces') setTraces(body.traces);
        },
        () => undefined,
      );
    };
    load();
    const t = window.setInterval(load, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(t);
    };
  }, []);
  return traces;
}

function useTrace(id: string | null): TraceDetail | null {
  const [detail, setDetail] = useState<TraceDetail | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    sim.request({ kind: 'trace', id }).then(
      (body) => {
        // A trace that left the engine's ring keeps showing what was fetched.
        if (live && body.kind === 'trace' && body.trace) setDetail(body.trace);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id]);
  // While the next trace loads, the last one stays (no flash of an empty panel).
  return id ? detail : null;
}

function Counters() {
  const totals = useTrafficView(selectTrafficTotals);
  useEffect(() => startTrafficFeed(), []);
  if (!totals) return null;
  return (
    <span className="k-traces-counters">
      <span>
        Failed requests <b>{rateText(totals.failedPerSec)}</b>
      </span>
      <span title={Object.entries(totals.droppedBy).map(([k, v]) => `${k}: ${v}`).join('\n') || undefined}>
        Dropped spans <b>{rateText(totals.droppedPerSec)}</b> ({totals.spansDropped.toLocaleString('en-US')})
      </span>
    </span>
  );
}

function TraceList({ traces, selected, onSelect }: { traces: TraceSummary[]; selected: string | null; onSelect(id: string): void }) {
  if (traces.length === 0) return <p className="k-muted k-traces-empty">No traces yet: sampled requests show up here as traffic flows.</p>;
  return (
    <ul className="k-trace-list" aria-label="Recent traces">
      {traces.map((t) => (
        <li key={t.traceId}>
          <button
            type="button"
            className={`k-trace-item${t.traceId === selected ? ' is-selected' : ''}${t.error ? ' is-error' : ''}`}
            aria-pressed={t.traceId === selected}
            aria-label={`Trace ${t.rootName}, ${durationText(t.durationMs)}, ${t.spanCount} spans, ${t.services.length} services${t.error ? ', error' : ''}`}
            onClick={() => onSelect(t.traceId)}
          >
            <span className="k-trace-root">
              {t.error ? (
                <span className="k-trace-err" aria-hidden="true">
                  ●{' '}
                </span>
              ) : null}
              {t.rootName}
            </span>
            <span className="k-trace-meta">
              {durationText(t.durationMs)} · {t.spanCount} spans · {t.services.length} svc
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The waterfall shows what the engine saw happen, including spans the backend never got: the
 * SDK found no collector (dropped), or the exporter is holding them while the backend is down.
 */
const DELIVERY_TEXT: Record<TraceSpan['delivery'], string> = { exported: 'exported', queued: 'queued in the exporter', dropped: 'dropped before the backend' };

function Waterfall({ trace, onPin }: { trace: TraceDetail; onPin(id: string): void }) {
  const rows = useMemo(() => waterfall(trace.spans), [trace]);
  const spot = useSpanHighlight((s) => s.spot);
  return (
    <section className="k-wf" aria-label="Trace waterfall">
      <header className="k-wf-head">
        <span className="k-wf-title">{trace.rootName}</span>
        <span className="k-muted">
          {durationText(trace.durationMs)} · {trace.spanCount} spans · {trace.services.join(', ')} · {trace.traceId}
        </span>
      </header>
      <ol className="k-wf-rows">
        {rows.map(({ span, depth, offsetPct, widthPct }) => (
          <li key={span.spanId}>
            <button
              type="button"
              className={`k-wf-row${span.error ? ' is-error' : ''}${spot?.spanId === span.spanId ? ' is-selected' : ''}`}
              aria-label={`Span ${span.service} ${span.name}, ${durationText(span.durationMs)}${span.pod ? `, pod ${span.pod} on ${span.node}` : ''}${span.error ? ', error' : ''}${span.delivery === 'exported' ? '' : `, ${DELIVERY_TEXT[span.delivery]}`}`}
              title={`${span.kind} ${span.name}\n${span.service}${span.pod ? ` · ${span.namespace}/${span.pod} · ${span.node}` : ''}\n${durationText(span.durationMs)} · ${span.delivery}${span.statusMessage ? `\n${span.statusMessage}` : ''}`}
              onClick={() => {
                // Looking into a trace keeps it: the newest-trace default stops following.
                onPin(trace.traceId);
                showSpan({ spanId: span.spanId, namespace: span.namespace, pod: span.pod, node: span.node });
              }}
            >
              <span className="k-wf-name" style={{ paddingLeft: depth * 12 }}>
                <span className="k-wf-svc">{span.service}</span> {span.name}
                <span className="k-wf-pod">{span.pod || '—'}</span>
                {span.delivery === 'exported' ? null : <span className={`k-wf-delivery is-${span.delivery}`}>{span.delivery}</span>}
              </span>
              <span className="k-wf-track">
                <span className="k-wf-bar" style={{ left: `${offsetPct}%`, width: `${widthPct}%` }} />
                <span className="k-wf-dur">{durationText(span.durationMs)}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Recent sampled traces and a slim Jaeger-like waterfall of the selected one. */
export function TracesPanel() {
  const traces = useTraces();
  const [picked, setPicked] = useState<string | null>(null);
  // Until the user picks a trace (or a span in one), one that crossed the most services is
  // shown; it changes only for a trace that crossed more (the view does not jump every poll).
  const [auto, setAuto] = useState<{ id: string; services: number } | null>(null);
  const best = useMemo(() => [...traces].sort((a, b) => b.services.length - a.services.length || b.startMs - a.startMs)[0], [traces]);
  const autoListed = auto !== null && traces.some((t) => t.traceId === auto.id);
  if (best && best.traceId !== auto?.id && (!autoListed || best.services.length > (auto?.services ?? 0))) setAuto({ id: best.traceId, services: best.services.length });
  const selected = picked ?? auto?.id ?? null;
  const detail = useTrace(selected);
  const cps = useMirror(selectControlPlaneNames);
  const spot = useSpanHighlight((s) => s.spot);
  useEffect(() => clearSpan, []);
  return (
    <div className="k-traces">
      <style>{spotCss(spot, cps)}</style>
      <div className="k-traces-bar">
        <span>
          <b>Traces</b> <span className="k-muted">{traces.length} recent</span>
        </span>
        <Counters />
      </div>
      <div className="k-traces-body">
        <TraceList traces={traces} selected={selected} onSelect={setPicked} />
        {detail ? <Waterfall trace={detail} onPin={setPicked} /> : <p className="k-muted k-traces-empty">Select a trace to see its spans.</p>}
      </div>
    </div>
  );
}

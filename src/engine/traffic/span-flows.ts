import type { Pod } from '../api/types';
import { keyOf } from '../network/pods';
import type { Rng } from '../sim/rng';
import { compareStrings } from '../util/strings';
import { CollectorRoutes } from './collector-routes';
import type { TrafficConfig } from './config';
import { SpanDrop, countDrop, type TrafficCounters } from './counters';
import { AgentExporter } from './exporter';
import { podId, type EdgeAccumulator } from './flows';
import { agentServing, backendTarget, exportDestination, exportTargetOf, type ExportTarget } from './otel';
import type { TrafficWorld } from './world';

/** Rough OTLP sizes, for the edges' byte counts. */
const SPAN_BYTES = 350;
const EXPORT_BYTES_PER_SPAN = 120;

export interface SpanLoad {
  readonly pod: Pod;
  readonly spans: number;
}

export interface AgentView {
  readonly serving: ReadonlyMap<string, Pod>;
  readonly broken: ReadonlySet<string>;
}

/**
 * The trace pipeline, per bucket and in aggregate: instrumented pods → the collector agent on
 * their own node (hostIP:4318), or the collector their endpoint names (see collector-routes)
 * → batches → that collector's exporter → the backend. Keeps one exporter (with its sending
 * queue) per collector pod, and loses it when the collector dies. Spans the SDK cannot deliver
 * are dropped in the bucket they were sent (an SDK retries for seconds, not minutes).
 */
export class SpanPipeline {
  private readonly exporters = new Map<string, AgentExporter>();
  private readonly targets = new Map<string, { rv: string; target: ExportTarget }>();
  /** Collectors reached by name (not as a node's agent) that hold an exporter: uid → pod key. */
  private readonly named = new Map<string, string>();
  backendReachable = true;

  constructor(private readonly w: TrafficWorld) {}

  /** Where `agent` exports: the scenario's override, else its ConfigMap, else the generic backend. */
  targetOf(agent: Pod, config: TrafficConfig): ExportTarget {
    if (config.otel.backend) return backendTarget(config.otel.backend, config.otel.clusterName);
    const uid = agent.metadata.uid ?? agent.metadata.name;
    const rv = agent.metadata.resourceVersion ?? '';
    const cached = this.targets.get(uid);
    if (cached && cached.rv === rv) return cached.target;
    const found = exportTargetOf(agent, (ns, name) => this.w.configMap(ns, name));
    const target = config.otel.clusterName ? { ...found, clusterName: config.otel.clusterName } : found;
    this.targets.set(uid, { rv, target });
    return target;
  }

  queuedBatches(): number {
    let n = 0;
    for (const e of this.exporters.values()) n += e.queuedBatches;
    return n;
  }

  bufferedSpans(): number {
    let n = 0;
    for (const e of this.exporters.values()) n += e.bufferedSpans;
    return n;
  }

  run(loads: readonly SpanLoad[], agents: AgentView, config: TrafficConfig, nowMs: number, acc: EdgeAccumulator, counters: TrafficCounters, rng: Rng): void {
    const received = new Map<string, number>();
    const collectors = new Map<string, Pod>();
    let routes: CollectorRoutes | undefined;
    for (const { pod, spans } of loads) {
      if (spans <= 0) continue;
      counters.spans.generated += spans;
      const node = pod.spec.nodeName ?? '';
      const from = podId(pod.metadata.namespace ?? 'default', pod.metadata.name);
      const dest = exportDestination(pod);
      if (dest.kind === 'invalid') {
        countDrop(counters, SpanDrop.CollectorUnreachable, spans);
        acc.add('span', from, `endpoint/${dest.endpoint}`, 0, spans, spans * SPAN_BYTES);
        continue;
      }
      if (dest.kind === 'host') {
        for (const d of (routes ??= new CollectorRoutes(this.w, rng)).send(pod, dest, spans)) {
          acc.add('span', from, d.target, d.collector ? d.count : 0, d.collector ? 0 : d.count, d.count * SPAN_BYTES);
          if (!d.collector) {
            countDrop(counters, SpanDrop.CollectorUnreachable, d.count);
            continue;
          }
          counters.spans.received += d.count;
          const uid = d.collector.metadata.uid ?? d.collector.metadata.name;
          collectors.set(uid, d.collector);
          received.set(uid, (received.get(uid) ?? 0) + d.count);
        }
        continue;
      }
      const agent = agents.serving.get(node);
      if (!agent) {
        countDrop(counters, agents.broken.has(node) ? SpanDrop.AgentDown : SpanDrop.NoAgent, spans);
        acc.add('span', from, `agent/${node}`, 0, spans, spans * SPAN_BYTES);
        continue;
      }
      counters.spans.received += spans;
      acc.add('span', from, podId(agent.metadata.namespace ?? 'default', agent.metadata.name), spans, 0, spans * SPAN_BYTES);
      const uid = agent.metadata.uid ?? agent.metadata.name;
      received.set(uid, (received.get(uid) ?? 0) + spans);
    }
    this.export(received, this.exportingCollectors(agents, collectors), config, nowMs, acc, counters);
  }

  /**
   * Every collector that exports this bucket, by name: the serving agents, the collectors that
   * took spans by name, and those still holding spans from earlier buckets while they serve.
   */
  private exportingCollectors(agents: AgentView, reached: ReadonlyMap<string, Pod>): Pod[] {
    const out = new Map<string, Pod>();
    for (const a of agents.serving.values()) out.set(a.metadata.uid ?? a.metadata.name, a);
    for (const [uid, pod] of reached) {
      out.set(uid, pod);
      this.named.set(uid, keyOf(pod));
    }
    for (const [uid, key] of this.named) {
      if (out.has(uid)) continue;
      const pod = this.w.pods.getByKey(key);
      const node = pod?.spec.nodeName;
      if (pod && (pod.metadata.uid ?? pod.metadata.name) === uid && node && agentServing(pod) && this.w.nodeAlive(node)) out.set(uid, pod);
    }
    return [...out.values()].sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
  }

  private export(received: ReadonlyMap<string, number>, sorted: readonly Pod[], config: TrafficConfig, nowMs: number, acc: EdgeAccumulator, counters: TrafficCounters): void {
    const live = new Set<string>();
    for (const agent of sorted) {
      const uid = agent.metadata.uid ?? agent.metadata.name;
      live.add(uid);
      let ex = this.exporters.get(uid);
      if (!ex) this.exporters.set(uid, (ex = new AgentExporter(config.otel.exporterQueueBatches, config.otel.retryMaxElapsedMs)));
      const spans = received.get(uid) ?? 0;
      if (spans === 0 && ex.bufferedSpans === 0) continue;
      const res = ex.tick(spans, config.bucketMs, nowMs, this.backendReachable, counters);
      counters.spans.exported += res.exported;
      const target = this.targetOf(agent, config);
      const from = podId(agent.metadata.namespace ?? 'default', agent.metadata.name);
      if (res.exported > 0 || res.dropped > 0) acc.add('export', from, target.id, res.exported, res.dropped, res.exported * EXPORT_BYTES_PER_SPAN);
    }
    for (const [uid, ex] of [...this.exporters].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (live.has(uid)) continue;
      ex.lose(counters, this.named.has(uid) ? SpanDrop.CollectorLost : SpanDrop.AgentLost);
      this.exporters.delete(uid);
      this.targets.delete(uid);
      this.named.delete(uid);
    }
    counters.spans.queuedBatches = this.queuedBatches();
    counters.spans.buffered = this.bufferedSpans();
  }
}

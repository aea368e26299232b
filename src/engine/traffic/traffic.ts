import type { ApiServer } from '../api/apiserver';
import { Component } from '../client/component';
import { InteractionKind } from '../log/interaction-log';
import type { SimEnv } from '../sim/env';
import { Rng } from '../sim/rng';
import { emptyTrafficConfig, type TrafficConfig } from './config';
import { emptyCounters, type TrafficCounters } from './counters';
import { EdgeAccumulator, FlowRing, type BucketTally, type FlowBucket, type FlowListener } from './flows';
import { isInstrumented } from './otel';
import { BucketSim } from './requests';
import { SpanPipeline, type SpanLoad } from './span-flows';
import { TraceRing, type TraceContext } from './traces';
import type { Trace } from './spans';
import { agentsByNode, Behaviours, operatorRunning, type TrafficWorld } from './world';

/**
 * The outside world and the applications: users sending requests at the scenario's rates,
 * pods answering and calling each other, instrumented pods emitting spans. Simulated once per
 * bucket, in aggregate; the result is a bucket of flow edges, counters, and sampled traces.
 * It has its own random stream (forked from env.rng once) so that turning traffic on or off
 * does not change the names and choices of the rest of the cluster.
 */
export class TrafficGenerator extends Component {
  private config: TrafficConfig = emptyTrafficConfig();
  private behaviours = new Behaviours(this.config);
  private readonly rng: Rng;
  readonly flows: FlowRing;
  readonly traces: TraceRing;
  readonly counters: TrafficCounters = emptyCounters();
  readonly pipeline: SpanPipeline;
  private lastFailures = '';
  private lastDrops = '';

  constructor(env: SimEnv, api: ApiServer, private readonly world: TrafficWorld, seed?: number) {
    super(env, api, 'traffic');
    this.rng = new Rng(seed ?? env.rng.nextUint32());
    this.flows = new FlowRing(this.config.ringBuckets);
    this.traces = new TraceRing(this.config.otel.maxTraces);
    this.pipeline = new SpanPipeline(world);
  }

  get current(): TrafficConfig {
    return this.config;
  }

  /** Replaces the traffic model; buckets start (or stop) accordingly. */
  configure(config: TrafficConfig): void {
    const restart = this.running && config.bucketMs !== this.config.bucketMs;
    this.config = config;
    this.behaviours = new Behaviours(config);
    this.flows.resize(config.ringBuckets);
    this.traces.resize(config.otel.maxTraces);
    if (restart) this.stop();
    if (config.entries.length > 0) this.start();
    else this.stop();
  }

  protected onStart(): void {
    this.every(this.config.bucketMs, 'bucket', () => this.tick());
  }

  setBackendReachable(reachable: boolean): void {
    if (this.pipeline.backendReachable === reachable) return;
    this.pipeline.backendReachable = reachable;
    this.env.log.append({ kind: InteractionKind.Traffic, from: 'otel-agents', to: 'observability-backend', label: reachable ? 'backend reachable again' : 'backend unreachable: exporters queue' });
  }

  subscribe(listener: FlowListener): () => void {
    return this.flows.subscribe(listener);
  }

  recentBuckets(count?: number): FlowBucket[] {
    return this.flows.recent(count);
  }

  recentTraces(count?: number): Trace[] {
    return this.traces.recent(count);
  }

  /** One bucket, ending now. */
  tick(): FlowBucket {
    const endMs = this.env.now();
    const startMs = endMs - this.config.bucketMs;
    const acc = new EdgeAccumulator();
    const before = { ...this.counters.failures };
    const drops = { ...this.counters.spans.droppedBy };
    const failed = this.counters.requests.failed;
    const dropped = this.counters.spans.dropped;
    const result = new BucketSim(this.world, this.config, this.behaviours, this.rng, acc, this.counters).run();
    const operator = operatorRunning(this.world);
    const loads: SpanLoad[] = result.loads.map((l) => {
      const forced = this.behaviours.byKey.get(l.behaviour)?.instrumented;
      return { pod: l.pod, spans: isInstrumented(l.pod, operator, forced) ? l.served + l.calls : 0 };
    });
    const agents = agentsByNode(this.world);
    this.pipeline.run(loads, agents, this.config, endMs, acc, this.counters, this.rng);
    const ctx: TraceContext = { w: this.world, config: this.config, behaviours: this.behaviours, rng: this.rng, agents, pipeline: this.pipeline, operatorRunning: operator };
    this.traces.sample(ctx, result.entries.map((e) => ({ entry: e.entry, n: e.stat.attempted })), startMs);
    const tally: BucketTally = {
      failed: this.counters.requests.failed - failed,
      failures: increments(this.counters.failures, before),
      dropped: this.counters.spans.dropped - dropped,
      droppedBy: increments(this.counters.spans.droppedBy, drops),
    };
    this.logChanges(tally);
    return this.flows.push(startMs, endMs, acc.finish().map((e) => Object.freeze(e)), tally);
  }

  /** One interaction record when the set of failure (or span drop) causes changes, not per bucket. */
  private logChanges(tally: BucketTally): void {
    // A service's own error rate fails a few requests in most buckets: not a change worth a record.
    const list = (m: Readonly<Record<string, number>>): string =>
      Object.keys(m).sort().filter((k) => k !== 'error').map((k) => `${k} ${m[k]}`).join(', ');
    const failures = list(tally.failures);
    const dropped = list(tally.droppedBy);
    const sig = (s: string): string => s.replace(/ \d+/g, '');
    if (sig(failures) !== sig(this.lastFailures)) {
      this.env.log.append({ kind: InteractionKind.Traffic, from: 'traffic', to: 'traffic', label: failures ? `requests failing: ${failures}` : 'requests succeeding again' });
    }
    if (sig(dropped) !== sig(this.lastDrops)) {
      this.env.log.append({ kind: InteractionKind.Traffic, from: 'otel-agents', to: 'traffic', label: dropped ? `spans dropped: ${dropped}` : 'spans flowing again' });
    }
    this.lastFailures = failures;
    this.lastDrops = dropped;
  }
}

/** Counters that grew since `then`, by how much. */
function increments(now: Readonly<Record<string, number>>, then: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(now)) if (v > (then[k] ?? 0)) out[k] = v - (then[k] ?? 0);
  return out;
}

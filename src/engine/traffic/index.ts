import type { ApiServer } from '../api/apiserver';
import type { ConfigMap } from '../api/types';
import { Component } from '../client/component';
import type { Informer } from '../client/informer';
import type { NetworkingStack } from '../network';
import type { SimEnv } from '../sim/env';
import type { TrafficConfig } from './config';
import type { TrafficCounters } from './counters';
import type { FlowBucket, FlowListener } from './flows';
import type { Trace } from './spans';
import { TrafficGenerator } from './traffic';
import type { TrafficWorld } from './world';

/**
 * The collector agents' configuration as they read it: the ConfigMaps their pods mount
 * (the chart renders the exporter endpoint and cluster name into them).
 */
export class CollectorConfigs extends Component {
  private configMaps!: Informer<ConfigMap>;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'otel-agent-config');
  }

  protected onStart(): void {
    this.configMaps = this.informer<ConfigMap>('configmaps');
  }

  get(namespace: string, name: string): ConfigMap | undefined {
    return this.running ? this.configMaps.get(namespace, name) : undefined;
  }
}

/**
 * Requests, spans and traces on top of the networking stack: the traffic generator and the
 * OpenTelemetry pipeline. The Cluster creates it beside the NetworkingStack (whose PodDirectory
 * must index TRAFFIC_ROLES), configures it from the scenario, and streams its buckets.
 */
export class TrafficStack {
  readonly generator: TrafficGenerator;
  readonly configs: CollectorConfigs;

  /** `seed`: the generator's own random stream (without it, one draw is taken from env.rng). */
  constructor(env: SimEnv, api: ApiServer, network: NetworkingStack, seed?: number) {
    this.configs = new CollectorConfigs(env, api);
    const configs = this.configs;
    const world: TrafficWorld = {
      pods: network.pods,
      proxy: network.proxy,
      dns: network.dns,
      policy: network.policy,
      ingress: network.ingress,
      nodeAlive: (node) => network.nodeAlive(node),
      decide: (src, dst, port) => network.decide(src, dst, port),
      configMap: (ns, name) => configs.get(ns, name),
    };
    this.generator = new TrafficGenerator(env, api, world, seed);
  }

  start(): void {
    this.configs.start();
  }

  stop(): void {
    this.generator.stop();
    this.configs.stop();
  }

  configure(config: TrafficConfig): void {
    this.generator.configure(config);
  }

  /** The sandbox toggle: can the agents reach the observability backend? */
  setBackendReachable(reachable: boolean): void {
    this.generator.setBackendReachable(reachable);
  }

  get backendReachable(): boolean {
    return this.generator.pipeline.backendReachable;
  }

  subscribe(listener: FlowListener): () => void {
    return this.generator.subscribe(listener);
  }

  recentBuckets(count?: number): FlowBucket[] {
    return this.generator.recentBuckets(count);
  }

  recentTraces(count?: number): Trace[] {
    return this.generator.recentTraces(count);
  }

  trace(traceId: string): Trace | undefined {
    return this.generator.traces.get(traceId);
  }

  get counters(): Readonly<TrafficCounters> {
    return this.generator.counters;
  }
}

export { decodeTrafficConfig } from './decode';
export { emptyTrafficConfig } from './config';
export type { TrafficConfig, TrafficEntry, ServiceBehaviour, TrafficCall, OtelSettings } from './config';
export type { FlowBucket, FlowEdge, FlowKind } from './flows';
export type { Span, Trace } from './spans';
export type { TrafficCounters } from './counters';
export { TRAFFIC_ROLES } from './world';
export { isOtelAgentPod } from './otel';

import {
  behaviourKey, DEFAULT_OTEL, TRAFFIC_LIMITS, type BackendConfig, type OtelSettings, type ServiceBehaviour,
  type TrafficCall, type TrafficConfig, type TrafficEntry, type TrafficTarget,
} from './config';

/**
 * Decodes a traffic section (e.g. a scenario's `spec.traffic`, already parsed from YAML) into a
 * TrafficConfig. Untrusted: every field is checked, every error names its path, and the call
 * graph must be acyclic.
 */

export type DecodeResult = { ok: true; config: TrafficConfig } | { ok: false; errors: string[] };

type Obj = Record<string, unknown>;

class Reader {
  readonly errors: string[] = [];

  obj(v: unknown, path: string): Obj | undefined {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
    this.errors.push(`${path}: must be an object`);
    return undefined;
  }

  list(v: unknown, path: string, max: number): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.errors.push(`${path}: must be a list`);
      return [];
    }
    if (v.length > max) this.errors.push(`${path}: at most ${max} items`);
    return v.slice(0, max);
  }

  str(o: Obj, key: string, path: string, fallback?: string): string {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'string' && v.length > 0 && v.length <= 253) return v;
    this.errors.push(`${path}.${key}: must be a non-empty string`);
    return fallback ?? '';
  }

  num(o: Obj, key: string, path: string, lo: number, hi: number, fallback?: number): number {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi) return v;
    this.errors.push(`${path}.${key}: must be a number between ${lo} and ${hi}`);
    return fallback ?? lo;
  }

  optBool(o: Obj, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (v === undefined || typeof v === 'boolean') return v;
    this.errors.push(`${path}.${key}: must be true or false`);
    return undefined;
  }
}

function decodeTarget(r: Reader, v: unknown, path: string): TrafficTarget {
  const o = r.obj(v, path) ?? {};
  if (o['ingress'] !== undefined) {
    const i = r.obj(o['ingress'], `${path}.ingress`) ?? {};
    const path_ = r.str(i, 'path', `${path}.ingress`, '/');
    if (!path_.startsWith('/')) r.errors.push(`${path}.ingress.path: must start with "/"`);
    const cls = i['ingressClassName'] === undefined ? undefined : r.str(i, 'ingressClassName', `${path}.ingress`);
    return { kind: 'Ingress', host: r.str(i, 'host', `${path}.ingress`), path: path_, ...(cls ? { ingressClassName: cls } : {}) };
  }
  const s = r.obj(o['service'], `${path}.service`) ?? {};
  return { kind: 'Service', namespace: r.str(s, 'namespace', `${path}.service`, 'default'), name: r.str(s, 'name', `${path}.service`), port: r.num(s, 'port', `${path}.service`, 1, 65535, 80) };
}

function decodeEntry(r: Reader, v: unknown, path: string): TrafficEntry {
  const o = r.obj(v, path) ?? {};
  return {
    name: r.str(o, 'name', path, 'users'),
    ratePerSecond: r.num(o, 'ratePerSecond', path, 0, TRAFFIC_LIMITS.rate),
    target: decodeTarget(r, o['target'], `${path}.target`),
    bytesPerRequest: r.num(o, 'bytesPerRequest', path, 0, 10_000_000, 1500),
  };
}

function decodeCall(r: Reader, v: unknown, path: string, ns: string): TrafficCall {
  const o = r.obj(v, path) ?? {};
  return {
    namespace: r.str(o, 'namespace', path, ns),
    service: r.str(o, 'service', path),
    port: r.num(o, 'port', path, 1, 65535, 80),
    perRequest: r.num(o, 'perRequest', path, 0, TRAFFIC_LIMITS.perRequest, 1),
    path: r.str(o, 'path', path, '/'),
  };
}

function decodeService(r: Reader, v: unknown, path: string): ServiceBehaviour {
  const o = r.obj(v, path) ?? {};
  const namespace = r.str(o, 'namespace', path, 'default');
  const instrumented = r.optBool(o, 'instrumented', path);
  const operation = o['operation'] === undefined ? undefined : r.str(o, 'operation', path);
  return {
    namespace,
    service: r.str(o, 'service', path),
    latencyMs: r.num(o, 'latencyMs', path, 0, TRAFFIC_LIMITS.latencyMs, 5),
    errorRate: r.num(o, 'errorRate', path, 0, 1, 0),
    calls: r.list(o['calls'], `${path}.calls`, TRAFFIC_LIMITS.calls).map((c, i) => decodeCall(r, c, `${path}.calls[${i}]`, namespace)),
    ...(instrumented !== undefined ? { instrumented } : {}),
    ...(operation ? { operation } : {}),
  };
}

function decodeBackend(r: Reader, v: unknown, path: string): BackendConfig | undefined {
  if (v === undefined) return undefined;
  const o = r.obj(v, path) ?? {};
  if (o['realm'] !== undefined) {
    const realm = r.str(o, 'realm', path);
    if (!/^[a-z0-9-]+$/.test(realm)) r.errors.push(`${path}.realm: must be lower-case letters, digits and dashes`);
    return { kind: 'splunk', realm };
  }
  return { kind: 'generic', endpoint: r.str(o, 'endpoint', path) };
}

function decodeOtel(r: Reader, v: unknown, path: string): OtelSettings {
  if (v === undefined) return DEFAULT_OTEL;
  const o = r.obj(v, path) ?? {};
  const clusterName = o['clusterName'] === undefined ? undefined : r.str(o, 'clusterName', path);
  const backend = decodeBackend(r, o['backend'], `${path}.backend`);
  return {
    traceSampleEvery: r.num(o, 'traceSampleEvery', path, 1, 1_000_000, DEFAULT_OTEL.traceSampleEvery),
    maxTraces: r.num(o, 'maxTraces', path, 0, 10_000, DEFAULT_OTEL.maxTraces),
    maxTracesPerBucket: r.num(o, 'maxTracesPerBucket', path, 0, 100, DEFAULT_OTEL.maxTracesPerBucket),
    exporterQueueBatches: r.num(o, 'exporterQueueBatches', path, 0, 100_000, DEFAULT_OTEL.exporterQueueBatches),
    retryMaxElapsedMs: r.num(o, 'retryMaxElapsedMs', path, 0, 3_600_000, DEFAULT_OTEL.retryMaxElapsedMs),
    ...(clusterName ? { clusterName } : {}),
    ...(backend ? { backend } : {}),
  };
}

/** Kahn's algorithm over the call graph; returns the services on a cycle, if any. */
export function findCycle(services: readonly ServiceBehaviour[]): string[] {
  const edges = new Map<string, string[]>();
  const indeg = new Map<string, number>();
  for (const s of services) {
    const k = behaviourKey(s.namespace, s.service);
    if (!indeg.has(k)) indeg.set(k, 0);
    for (const c of s.calls) {
      const to = behaviourKey(c.namespace, c.service);
      edges.set(k, [...(edges.get(k) ?? []), to]);
      indeg.set(to, (indeg.get(to) ?? 0) + 1);
    }
  }
  const ready = [...indeg].filter(([, d]) => d === 0).map(([k]) => k);
  let seen = 0;
  while (ready.length > 0) {
    const k = ready.pop()!;
    seen++;
    for (const to of edges.get(k) ?? []) {
      const d = indeg.get(to)! - 1;
      indeg.set(to, d);
      if (d === 0) ready.push(to);
    }
  }
  return seen === indeg.size ? [] : [...indeg].filter(([, d]) => d > 0).map(([k]) => k).sort();
}

export function decodeTrafficConfig(input: unknown, path = 'traffic'): DecodeResult {
  const r = new Reader();
  const o = r.obj(input, path) ?? {};
  const services = r.list(o['services'], `${path}.services`, TRAFFIC_LIMITS.services).map((s, i) => decodeService(r, s, `${path}.services[${i}]`));
  const config: TrafficConfig = {
    bucketMs: r.num(o, 'bucketMs', path, 100, 60_000, 1000),
    ringBuckets: r.num(o, 'ringBuckets', path, 1, TRAFFIC_LIMITS.ringBuckets, 120),
    entries: r.list(o['entries'], `${path}.entries`, TRAFFIC_LIMITS.entries).map((e, i) => decodeEntry(r, e, `${path}.entries[${i}]`)),
    services,
    otel: decodeOtel(r, o['otel'], `${path}.otel`),
  };
  const keys = services.map((s) => behaviourKey(s.namespace, s.service));
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) r.errors.push(`${path}.services: ${dup} is described twice`);
  const cycle = findCycle(services);
  if (cycle.length > 0) r.errors.push(`${path}.services: the call graph has a cycle through ${cycle.join(', ')}`);
  return r.errors.length > 0 ? { ok: false, errors: r.errors } : { ok: true, config };
}

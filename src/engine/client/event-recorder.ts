import type { ApiServer, RequestContext } from '../api/apiserver';
import type { InvolvedObject, KubeEvent, KubeObject } from '../api/types';
import type { SimEnv } from '../sim/env';
import { rfc3339 } from '../sim/time';

/**
 * Records Kubernetes Events through the API server, aggregating repeats of the same
 * (object, reason, message, source) into one Event with a count, as client-go does.
 */
export class EventRecorder {
  private readonly seen = new Map<string, { name: string; namespace: string; count: number; first: string }>();

  constructor(
    private readonly env: SimEnv,
    private readonly api: ApiServer,
    /** The event source component as `kubectl describe` shows it in "From". */
    readonly source: string,
    private readonly host?: string,
  ) {}

  record(ctx: RequestContext, obj: KubeObject | InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const involved: InvolvedObject = 'metadata' in obj
      ? {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata.name,
          namespace: obj.metadata.namespace,
          uid: obj.metadata.uid,
          ...(fieldPath ? { fieldPath } : {}),
        }
      : obj;
    const namespace = involved.namespace ?? 'default';
    const now = rfc3339(this.env.now());
    const key = `${involved.uid ?? ''}|${involved.kind}|${namespace}|${involved.name}|${reason}|${message}|${this.source}`;
    const prev = this.seen.get(key);
    if (prev) {
      prev.count++;
      const res = this.api.patch(ctx, 'events', prev.namespace, prev.name, { count: prev.count, lastTimestamp: now });
      if (res.ok) return;
      this.seen.delete(key);
    }
    const name = `${involved.name}.${this.hexSuffix()}`;
    const ev: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: involved,
      reason,
      message,
      type,
      source: { component: this.source, ...(this.host ? { host: this.host } : {}) },
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      reportingComponent: this.source,
    };
    const res = this.api.create(ctx, 'events', namespace, ev);
    if (res.ok) {
      this.seen.set(key, { name, namespace, count: 1, first: now });
      if (this.seen.size > 5000) {
        const oldest = this.seen.keys().next().value;
        if (oldest !== undefined) this.seen.delete(oldest);
      }
    }
  }

  private hexSuffix(): string {
    let s = '';
    for (let i = 0; i < 2; i++) s += this.env.rng.nextUint32().toString(16).padStart(8, '0');
    return s;
  }
}

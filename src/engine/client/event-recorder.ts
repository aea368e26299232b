import type { ApiServer, RequestContext } from '../api/apiserver';
import type { InvolvedObject, KubeEvent, KubeObject } from '../api/types';
import type { SimEnv } from '../sim/env';
import { rfc3339 } from '../sim/time';
import { EventCorrelator } from './event-correlator';

/**
 * Records Kubernetes Events through the API server as client-go's recorder does: repeats of
 * the same (object, reason, message, source) patch one Event's count, similar events are
 * aggregated, and a source that floods one object is rate-limited (see EventCorrelator).
 */
export class EventRecorder {
  private readonly correlator = new EventCorrelator();

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
    const nowMs = this.env.now();
    const seen = this.correlator.observe({ involved, type, reason, message }, nowMs);
    if (seen.skip) {
      if (!seen.previous) this.correlator.created(seen.key, { count: 1, name: '', namespace, firstTimestamp: rfc3339(nowMs) });
      return;
    }
    const now = rfc3339(nowMs);
    const prev = seen.previous;
    if (prev?.name) {
      const res = this.api.patch(ctx, 'events', prev.namespace, prev.name, { count: prev.count, lastTimestamp: now, message: seen.message });
      if (res.ok) return;
    }
    const count = prev?.count ?? 1;
    const firstTimestamp = prev?.firstTimestamp ?? now;
    const name = `${involved.name}.${this.hexSuffix()}`;
    const ev: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: involved,
      reason,
      message: seen.message,
      type,
      source: { component: this.source, ...(this.host ? { host: this.host } : {}) },
      count,
      firstTimestamp,
      lastTimestamp: now,
      reportingComponent: this.source,
    };
    const res = this.api.create(ctx, 'events', namespace, ev);
    if (res.ok) this.correlator.created(seen.key, { name, namespace, count, firstTimestamp });
    else this.correlator.forget(seen.key);
  }

  private hexSuffix(): string {
    let s = '';
    for (let i = 0; i < 2; i++) s += this.env.rng.nextUint32().toString(16).padStart(8, '0');
    return s;
  }
}

import type { ApiServer, RequestContext } from '../api/apiserver';
import type { InvolvedObject, KubeEvent, KubeObject } from '../api/types';
import type { SimEnv } from '../sim/env';
import { rfc3339 } from '../sim/time';
import { EventCorrelator } from './event-correlator';
import { deepClone } from '../util/clone';

const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const SUFFIX_CODES: number[] = new Array<number>(17).fill(46);

/** '.' and two uint32 as 8 lowercase hex digits each (toString(16).padStart(8, '0') twice). */
function hex16(a: number, b: number): string {
  for (let i = 0; i < 8; i++) {
    SUFFIX_CODES[1 + i] = HEX[(a >>> (28 - 4 * i)) & 15]!;
    SUFFIX_CODES[9 + i] = HEX[(b >>> (28 - 4 * i)) & 15]!;
  }
  return String.fromCharCode(...SUFFIX_CODES);
}

/**
 * The involvedObject reference, without undefined-valued keys (the Event is stored uncloned).
 * Built as one literal in its final key order for the usual object (namespaced, with a uid):
 * no map transitions while it grows, and no property backing store added by the last key.
 */
function involvedOf(obj: KubeObject, fieldPath: string | undefined): InvolvedObject {
  const m = obj.metadata;
  const { namespace, uid } = m;
  if (namespace !== undefined && uid !== undefined) {
    return fieldPath
      ? { apiVersion: obj.apiVersion, kind: obj.kind, name: m.name, namespace, uid, fieldPath }
      : { apiVersion: obj.apiVersion, kind: obj.kind, name: m.name, namespace, uid };
  }
  const ref: InvolvedObject = { apiVersion: obj.apiVersion, kind: obj.kind, name: m.name };
  if (namespace !== undefined) ref.namespace = namespace;
  if (uid !== undefined) ref.uid = uid;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/**
 * Records Kubernetes Events through the API server as client-go's recorder does: repeats of
 * the same (object, reason, message, source) patch one Event's count, similar events are
 * aggregated, and a source that floods one object is rate-limited (see EventCorrelator).
 */
export class EventRecorder {
  private readonly correlator = new EventCorrelator();
  /** Shared by every Event this recorder stores (stored objects are immutable). */
  private readonly eventSource: KubeEvent['source'];
  /**
   * The last object reference built, shared by the next events about the same object and
   * field (a container's Pulled, Created and Started): stored Events are immutable.
   */
  private lastObject: KubeObject | undefined;
  private lastFieldPath: string | undefined;
  private lastInvolved: InvolvedObject | undefined;

  constructor(
    private readonly env: SimEnv,
    private readonly api: ApiServer,
    /** The event source component as `kubectl describe` shows it in "From". */
    readonly source: string,
    private readonly host?: string,
  ) {
    this.eventSource = host ? { component: source, host } : { component: source };
  }

  record(ctx: RequestContext, obj: KubeObject | InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const involved: InvolvedObject = 'metadata' in obj ? this.involved(obj, fieldPath) : deepClone(obj);
    const namespace = involved.namespace ?? 'default';
    const nowMs = this.env.now();
    const seen = this.correlator.observe({ involved, type, reason, message }, nowMs);
    if (seen.skip) {
      if (!seen.previous) this.correlator.created(seen, { count: 1, name: '', namespace, firstTimestamp: rfc3339(nowMs) });
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
    const name = this.eventName(involved.name);
    const ev: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      // The server fills uid, creationTimestamp and resourceVersion in this order: the keys
      // are there from the start, so the stored metadata needs no property backing store.
      metadata: { name, namespace, uid: '', creationTimestamp: '', resourceVersion: '' },
      involvedObject: involved,
      reason,
      message: seen.message,
      type,
      source: this.eventSource,
      count,
      firstTimestamp,
      lastTimestamp: now,
      reportingComponent: this.source,
    };
    // The Event is built here and never touched again: the API server may keep it as it is.
    const res = this.api.create(ctx, 'events', namespace, ev, { owned: true });
    if (res.ok) this.correlator.created(seen, { name, namespace, count, firstTimestamp });
    else this.correlator.forget(seen);
  }

  private involved(obj: KubeObject, fieldPath: string | undefined): InvolvedObject {
    if (obj !== this.lastObject || fieldPath !== this.lastFieldPath || !this.lastInvolved) {
      this.lastInvolved = involvedOf(obj, fieldPath);
      this.lastObject = obj;
      this.lastFieldPath = fieldPath;
    }
    return this.lastInvolved;
  }

  /** `<object name>.<16 hex digits>`, joined into one flat string (names are kept with every event). */
  private eventName(objectName: string): string {
    const rng = this.env.rng;
    return [objectName, hex16(rng.nextUint32(), rng.nextUint32())].join('');
  }
}

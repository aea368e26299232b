import type { SimEnv } from '../sim/env';
import { InteractionKind, type ObjectRef } from '../log/interaction-log';
import type { KubeObject } from './types';
import type { RequestContext } from './hooks';
import { objectRequestPrefix, restPath, subresourceSuffix, txnLabelPrefix, type ResourceInfo } from './resources';

export type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The API server's own records: each request with its response, and each etcd write. The
 * inputs are refilled for each record: the log copies what it keeps (its append contract),
 * so a request allocates no record input, and refs (kept with records) are only built when
 * something records.
 */
export class RequestLog {
  private readonly requestLine: LineInput = { kind: InteractionKind.Request, from: '', to: 'apiserver', label: '', opId: undefined, code: undefined, ref: undefined };
  private readonly responseLine: LineInput = { kind: InteractionKind.Response, from: 'apiserver', to: '', label: '', opId: undefined, code: undefined, ref: undefined };
  private readonly etcdLine: LineInput = { kind: InteractionKind.EtcdWrite, from: 'apiserver', to: 'etcd', label: '', opId: undefined, code: undefined, ref: undefined };

  constructor(private readonly env: SimEnv) {}

  /** `<verb> <path>` and its response. */
  request(ctx: RequestContext, verb: Verb, path: string, code: number, r: ResourceInfo, ns: string | undefined, name: string | undefined): void {
    const ref = name ? this.ref(r, ns, name) : undefined;
    this.env.log.appendJoined(this.requestFrom(ctx, ref), VERB_PREFIX[verb], path);
    this.response(ctx, code, ref);
  }

  /**
   * request() for the object `name` (path restPath(r, ns, name, subresource)): the label is
   * hashed in parts, so the path is only built when something records.
   */
  objectRequest(ctx: RequestContext, verb: Verb, code: number, r: ResourceInfo, ns: string | undefined, name: string, subresource?: string): void {
    if (!name) return this.request(ctx, verb, restPath(r, ns, name, subresource), code, r, ns, name);
    const ref = this.ref(r, ns, name);
    this.env.log.appendParts(this.requestFrom(ctx, ref), objectRequestPrefix(verb, r, ns), name, subresourceSuffix(subresource), '');
    this.response(ctx, code, ref);
  }

  /** `txn put <etcd key>` (or `txn delete`) for `obj` filed under the store key `key`. */
  etcdWrite(ctx: RequestContext, r: ResourceInfo, obj: KubeObject, put: boolean, key: string): void {
    const line = this.etcdLine;
    line.opId = ctx.opId;
    line.ref = this.ref(r, obj.metadata.namespace, obj.metadata.name);
    // The etcd key is the resource's prefix and the store key: hashed in turn.
    this.env.log.appendJoined(line, txnLabelPrefix(r, put), key);
  }

  /** The object a record is about; only built when something records. */
  private ref(r: ResourceInfo, namespace: string | undefined, name: string): ObjectRef | undefined {
    return this.env.log.recording ? { kind: r.kind, namespace, name } : undefined;
  }

  private requestFrom(ctx: RequestContext, ref: ObjectRef | undefined): LineInput {
    const req = this.requestLine;
    req.from = ctx.component;
    req.opId = ctx.opId;
    req.ref = ref;
    return req;
  }

  private response(ctx: RequestContext, code: number, ref: ObjectRef | undefined): void {
    const res = this.responseLine;
    res.to = ctx.component;
    res.label = statusLine(code);
    res.opId = ctx.opId;
    res.code = code;
    res.ref = ref;
    this.env.log.append(res);
  }
}

/** A record input RequestLog refills: every field present, one shape. */
interface LineInput {
  kind: InteractionKind;
  from: string;
  to: string;
  label: string;
  opId: number | undefined;
  code: number | undefined;
  ref: ObjectRef | undefined;
}

/** The request label's first part (the label is `<verb> <path>`), as constants. */
const VERB_PREFIX: Readonly<Record<Verb, string>> = { GET: 'GET ', POST: 'POST ', PUT: 'PUT ', PATCH: 'PATCH ', DELETE: 'DELETE ' };

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 410: 'Gone', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};
const STATUS_LINES = new Map<number, string>();

function statusLine(code: number): string {
  let line = STATUS_LINES.get(code);
  if (line === undefined) STATUS_LINES.set(code, (line = `${code} ${STATUS_TEXT[code] ?? ''}`.trim()));
  return line;
}

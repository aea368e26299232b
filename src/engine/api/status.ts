import type { ResourceInfo } from './resources';
import { qualifiedResource } from './resources';

/** A Kubernetes metav1.Status error, as the API server returns it. */
export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure';
  message: string;
  reason: StatusReason;
  code: number;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
}

export const StatusReason = {
  NotFound: 'NotFound',
  AlreadyExists: 'AlreadyExists',
  Conflict: 'Conflict',
  Invalid: 'Invalid',
  Forbidden: 'Forbidden',
  BadRequest: 'BadRequest',
  TooManyRequests: 'TooManyRequests',
  InternalError: 'InternalError',
  ServiceUnavailable: 'ServiceUnavailable',
  Timeout: 'Timeout',
  Gone: 'Gone',
  MethodNotAllowed: 'MethodNotAllowed',
  /** metav1.StatusReasonUnknown: a plain error (e.g. from etcd) wrapped as a 500; kubectl prints `Error from server: <message>`. */
  Unknown: '',
} as const;
export type StatusReason = (typeof StatusReason)[keyof typeof StatusReason];

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: Status };

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function fail<T>(status: Status): ApiResult<T> {
  return { ok: false, status };
}

function status(code: number, reason: StatusReason, message: string, details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code, ...(details ? { details } : {}) };
}

export function notFound(r: ResourceInfo, name: string): Status {
  return status(404, StatusReason.NotFound, `${qualifiedResource(r)} "${name}" not found`, { name, group: r.group, kind: r.resource });
}

export function alreadyExists(r: ResourceInfo, name: string): Status {
  return status(409, StatusReason.AlreadyExists, `${qualifiedResource(r)} "${name}" already exists`, { name, group: r.group, kind: r.resource });
}

export function conflict(r: ResourceInfo, name: string): Status {
  return status(
    409,
    StatusReason.Conflict,
    `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: r.group, kind: r.resource },
  );
}

export interface FieldError {
  /** `spec.replicas`, `metadata.name`, `spec.template.spec.containers[0].image` */
  field: string;
  type: 'Required' | 'Invalid' | 'Unsupported' | 'Duplicate' | 'Forbidden' | 'TooLong' | 'NotSupported';
  value?: unknown;
  /** The bad value already rendered as the API server prints it (Go syntax, e.g. `map[string]string{"app":"x"}`). */
  valueText?: string;
  detail?: string;
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return `"${v}"`;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** `spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
export function formatFieldError(e: FieldError): string {
  const shown = e.valueText ?? formatValue(e.value);
  switch (e.type) {
    case 'Required':
      return `${e.field}: Required value${e.detail ? `: ${e.detail}` : ''}`;
    case 'Invalid':
      return `${e.field}: Invalid value: ${shown}${e.detail ? `: ${e.detail}` : ''}`;
    case 'Unsupported':
    case 'NotSupported':
      return `${e.field}: Unsupported value: ${shown}${e.detail ? `: ${e.detail}` : ''}`;
    case 'Duplicate':
      return `${e.field}: Duplicate value: ${shown}${e.detail ? `: ${e.detail}` : ''}`;
    case 'Forbidden':
      return `${e.field}: Forbidden${e.detail ? `: ${e.detail}` : ''}`;
    case 'TooLong':
      return `${e.field}: Too long${e.detail ? `: ${e.detail}` : ''}`;
  }
}

/** 422 Invalid, message as the API server writes it: `Deployment.apps "web" is invalid: …`. */
export function invalid(r: ResourceInfo, name: string, errors: readonly FieldError[]): Status {
  const kindQ = r.group ? `${r.kind}.${r.group}` : r.kind;
  const msgs = errors.map(formatFieldError);
  const message = msgs.length === 1 ? `${kindQ} "${name}" is invalid: ${msgs[0]}` : `${kindQ} "${name}" is invalid: [${msgs.join(', ')}]`;
  return status(422, StatusReason.Invalid, message, {
    name,
    group: r.group,
    kind: r.kind,
    causes: errors.map((e, i) => ({ reason: `Field${e.type}Value`, message: msgs[i]!.slice(e.field.length + 2), field: e.field })),
  });
}

export function forbidden(message: string, r?: ResourceInfo, name?: string): Status {
  return status(403, StatusReason.Forbidden, message, r ? { name, group: r.group, kind: r.resource } : undefined);
}

export function badRequest(message: string): Status {
  return status(400, StatusReason.BadRequest, message);
}

export function tooManyRequests(message: string, retryAfterSeconds?: number): Status {
  return status(429, StatusReason.TooManyRequests, message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
}

export function internalError(message: string): Status {
  return status(500, StatusReason.InternalError, message);
}

export function serviceUnavailable(message: string): Status {
  return status(503, StatusReason.ServiceUnavailable, message);
}

export function timeoutError(message: string): Status {
  return status(504, StatusReason.Timeout, message);
}

export function methodNotAllowed(message: string): Status {
  return status(405, StatusReason.MethodNotAllowed, message);
}

import type { PageMessage, WorkerMessage } from './messages';
import { PROTOCOL_VERSION } from './version';

/**
 * Envelope checks for messages crossing the worker boundary. Both ends are our own code,
 * so the check is about version skew (a stale worker chunk after a deploy) and stray
 * messages from elsewhere, not about hostile payloads.
 */

const WORKER_TYPES = new Set<string>(['snapshot', 'batch', 'reply', 'error', 'heartbeat']);
const PAGE_TYPES = new Set<string>(['hello', 'control', 'action', 'resync', 'request', 'console']);

function envelope(data: unknown): { type: string; v: unknown } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const type: unknown = Reflect.get(data, 'type');
  return typeof type === 'string' ? { type, v: Reflect.get(data, 'v') } : undefined;
}

export type Checked<T> = { ok: true; msg: T } | { ok: false; reason: string };

export function checkWorkerMessage(data: unknown): Checked<WorkerMessage> {
  return check<WorkerMessage>(data, WORKER_TYPES);
}

export function checkPageMessage(data: unknown): Checked<PageMessage> {
  return check<PageMessage>(data, PAGE_TYPES);
}

function check<T>(data: unknown, types: Set<string>): Checked<T> {
  const env = envelope(data);
  if (!env) return { ok: false, reason: 'not a protocol message' };
  if (!types.has(env.type)) return { ok: false, reason: `unknown message type "${env.type}"` };
  if (env.v !== PROTOCOL_VERSION) return { ok: false, reason: `protocol version ${String(env.v)}, expected ${PROTOCOL_VERSION}` };
  // Type and version match one of our own messages, posted by our own code.
  return { ok: true, msg: data as T };
}

import { qualifiedResource, type ResourceInfo } from '../../api/resources';
import { later, listAndWatch, type ExitCode, type Invocation } from '../invocation';

export interface Deleted {
  readonly r: ResourceInfo;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly uid: string | undefined;
}

function key(r: ResourceInfo, namespace: string | undefined, name: string): string {
  return `${r.resource}|${namespace ?? ''}|${name}`;
}

/**
 * Calls `onGone` for each object once it is really gone (deleted, or replaced by a
 * namesake with another uid), then `onAllGone`. Watches until then; returns how many
 * objects are still pending after the initial list.
 */
export function watchGone(inv: Invocation, items: readonly Deleted[], onGone: (d: Deleted) => void, onAllGone: () => void): number {
  const pending = new Map(items.map((d) => [key(d.r, d.namespace, d.name), d]));
  const gone = (k: string): void => {
    const d = pending.get(k);
    if (!d) return;
    pending.delete(k);
    onGone(d);
    if (pending.size === 0) onAllGone();
  };
  const scopes = new Map<string, Deleted>();
  for (const d of items) scopes.set(`${d.r.resource}|${d.namespace ?? ''}`, d);
  for (const scope of scopes.values()) {
    const live = listAndWatch(inv, scope.r.resource, { namespace: scope.namespace }, (ev) => {
      const k = key(scope.r, ev.object.metadata.namespace, ev.object.metadata.name);
      const want = pending.get(k);
      if (want && (ev.type === 'DELETED' || ev.object.metadata.uid !== want.uid)) gone(k);
    });
    const present = new Map(live.map((o) => [key(scope.r, o.metadata.namespace, o.metadata.name), o.metadata.uid]));
    for (const [k, want] of [...pending]) {
      if (want.r !== scope.r || want.namespace !== scope.namespace) continue;
      if (!present.has(k) || present.get(k) !== want.uid) gone(k);
    }
  }
  return pending.size;
}

/**
 * Waits (in simulated time) until every deleted object is really gone: its graceful
 * termination finished and its finalizers ran. Exits with `code`, or 1 on `timeoutMs`.
 */
export function waitForDeletion(inv: Invocation, items: readonly Deleted[], timeoutMs: number, code: number): ExitCode {
  const remaining = new Set(items);
  const left = watchGone(inv, items, (d) => remaining.delete(d), () => inv.proc.exit(code));
  if (left === 0) return code;
  if (timeoutMs > 0) {
    later(inv, timeoutMs, 'wait-timeout', () => {
      const first = [...remaining][0]!;
      inv.proc.err(`error: timed out waiting for the condition on ${qualifiedResource(first.r)}/${first.name}`);
      inv.proc.exit(1);
    });
  }
  return 'pending';
}

import type { RequestContext } from '../api/hooks';
import type { KubeObject } from '../api/types';
import type { WatchEvent, WatchOptions } from '../api/watch-hub';
import { transportErrorText } from '../ha/load-balancer';
import type { CommandHost } from './host';
import type { CommandProcess } from './process';

/**
 * One running command: where it writes, whom it asks, and on behalf of which user
 * operation. Every verb gets one; long-running verbs keep it alive through `later` and
 * `watch`, whose callbacks stop when the process exits.
 */
export interface Invocation {
  readonly host: CommandHost;
  readonly proc: CommandProcess;
  readonly opId: number | undefined;
  /** The client identity in the interaction log (`user/kubectl`, `user/sandbox`). */
  readonly req: RequestContext;
}

/** A verb's result: an exit code now, or 'pending' when it keeps running and exits later. */
export type ExitCode = number | 'pending';

/** Thrown inside verbs to stop with a message on stderr (kubectl's `CheckErr`). */
export class CommandError extends Error {
  constructor(
    readonly lines: readonly string[],
    readonly exitCode = 1,
  ) {
    super(lines.join('\n'));
  }
}

export function fail(...lines: string[]): never {
  throw new CommandError(lines);
}

export function invocation(host: CommandHost, proc: CommandProcess, opId: number | undefined, component: string): Invocation {
  return { host, proc, opId, req: { component, opId } };
}

/** Prints what went wrong the way the command would, and exits. Never rethrows. */
export function reportFailure(proc: CommandProcess, e: unknown): void {
  if (e instanceof CommandError) {
    for (const l of e.lines) proc.err(l);
    proc.exit(e.exitCode);
    return;
  }
  const msg = e instanceof Error ? e.message : String(e);
  proc.err(`error: internal error: ${msg}`);
  proc.exit(1);
}

/** Runs a callback of a long-running command; a failure ends the command instead of escaping. */
export function guarded(inv: Invocation, fn: () => void): void {
  if (inv.proc.done) return;
  try {
    fn();
  } catch (e) {
    reportFailure(inv.proc, e);
  }
}

/** Runs `fn` after `delayMs` of simulated time unless the command has exited by then. */
export function later(inv: Invocation, delayMs: number, label: string, fn: () => void): void {
  const { queue } = inv.host.env;
  const ev = queue.after(delayMs, `${inv.req.component}:${label}`, () => {
    off();
    guarded(inv, fn);
  });
  const off = inv.proc.onExit(() => queue.cancel(ev));
}

/**
 * List + watch, as kubectl's watchers do. Returns the initial list; `onEvent` hears later
 * changes until the command exits.
 */
export function listAndWatch<T extends KubeObject>(
  inv: Invocation,
  resource: string,
  opts: WatchOptions,
  onEvent: (ev: WatchEvent) => void,
): T[] {
  const res = inv.host.api.listAndWatch<T>(inv.req, resource, opts, (ev) => guarded(inv, () => onEvent(ev)));
  if (!res.ok) throw new CommandError(transportErrorText(res.status) !== undefined ? [res.status.message] : statusLines(res.status.reason, res.status.message));
  const { handle } = res.value;
  inv.proc.onExit(() => handle.stop());
  return res.value.items;
}

function statusLines(reason: string, message: string): string[] {
  return [reason ? `Error from server (${reason}): ${message}` : `Error from server: ${message}`];
}

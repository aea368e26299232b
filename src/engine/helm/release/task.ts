import type { KubeObject } from '../../api/types';
import type { ScheduledEvent } from '../../sim/event-queue';
import type { HelmContext } from './context';

/**
 * Helm actions are generators: they run synchronously (the simulated API answers at once)
 * until they must wait for simulated time — a `--wait` poll, a hook Job to complete —
 * which they ask for by yielding an effect. The driver resumes them from the event queue,
 * so an install without hooks or `--wait` finishes before the command returns.
 */

/** A watch's judgement of the object's latest state. */
export type WatchVerdict = { readonly done: false } | { readonly done: true; readonly error?: string };

export type Effect =
  | { readonly type: 'sleep'; readonly ms: number; readonly label: string }
  | {
      readonly type: 'watch';
      readonly resource: string;
      readonly namespace: string | undefined;
      readonly name: string;
      readonly timeoutMs: number;
      /** What the task receives when the time runs out. */
      readonly timeoutError: string;
      /** `undefined` object: the watch saw it deleted. */
      readonly check: (obj: KubeObject | undefined) => WatchVerdict;
    };

/** What the task receives back: an error text, or undefined (slept / watch succeeded). */
export type EffectResult = string | undefined;

export type Task<T> = Generator<Effect, T, EffectResult>;

/** The command side of a running task: cleanup on exit (Ctrl-C) and guarded callbacks. */
export interface TaskHost {
  onExit(cleanup: () => void): () => void;
  guard(fn: () => void): void;
}

const PENDING = Symbol('pending');

/**
 * Thrown into a waiting task when its command is interrupted (Ctrl-C): Helm cancels the
 * operation's context, and the action records the release as failed (`context canceled`).
 */
export class TaskCancelled extends Error {
  constructor() {
    super('context canceled');
  }
}

function sleep(ctx: HelmContext, host: TaskHost, ms: number, label: string, resume: (r: EffectResult) => void): typeof PENDING {
  const { queue } = ctx.env;
  const ev = queue.after(ms, `${ctx.req.component}:${label}`, () => {
    off();
    host.guard(() => resume(undefined));
  });
  const off = host.onExit(() => queue.cancel(ev));
  return PENDING;
}

function watch(ctx: HelmContext, host: TaskHost, e: Extract<Effect, { type: 'watch' }>, resume: (r: EffectResult) => void): { value: EffectResult } | typeof PENDING {
  let settled = false;
  // Filled in once the watch and the timer exist; events only arrive after this function returns.
  const live: { stop: () => void; offExit: () => void; timer?: ScheduledEvent } = { stop: () => {}, offExit: () => {} };
  const finish = (result: EffectResult): void => {
    if (settled) return;
    settled = true;
    live.stop();
    ctx.env.queue.cancel(live.timer);
    live.offExit();
    host.guard(() => resume(result));
  };
  const listed = ctx.api.listAndWatch(ctx.req, e.resource, { namespace: e.namespace }, (ev) => {
    if (settled || ev.object.metadata.name !== e.name) return;
    const verdict = e.check(ev.type === 'DELETED' ? undefined : ev.object);
    if (verdict.done) finish(verdict.error);
  });
  if (!listed.ok) return { value: listed.status.message };
  live.stop = () => listed.value.handle.stop();
  const current = listed.value.items.find((o) => o.metadata.name === e.name);
  if (current) {
    const verdict = e.check(current);
    if (verdict.done) {
      settled = true;
      live.stop();
      return { value: verdict.error };
    }
  }
  // watchtools.ContextWithOptionalTimeout: a zero timeout waits for as long as it takes.
  if (e.timeoutMs > 0) live.timer = ctx.env.queue.after(e.timeoutMs, `${ctx.req.component}:watch-timeout`, () => finish(e.timeoutError));
  live.offExit = host.onExit(() => {
    settled = true;
    live.stop();
    ctx.env.queue.cancel(live.timer);
  });
  return PENDING;
}

/**
 * Runs `task` until it finishes or waits; `done` receives its result (synchronously when
 * it never waited). Exceptions propagate to the caller or, later, to `host.guard`.
 */
export function runTask<T>(ctx: HelmContext, host: TaskHost, task: Task<T>, done: (value: T) => void): void {
  let finished = false;
  const cancel = (): void => {
    if (finished) return;
    finished = true;
    try {
      task.throw(new TaskCancelled());
    } catch (e) {
      if (!(e instanceof TaskCancelled)) throw e;
    }
  };
  const advance = (input: EffectResult): void => {
    let next = input;
    for (;;) {
      const r = task.next(next);
      if (r.done) {
        finished = true;
        offCancel();
        done(r.value);
        return;
      }
      const e = r.value;
      const outcome = e.type === 'sleep' ? sleep(ctx, host, e.ms, e.label, advance) : watch(ctx, host, e, advance);
      if (outcome === PENDING) return;
      next = outcome.value;
    }
  };
  // Registered first, so that it runs before the pending sleep / watch is cleaned up.
  const offCancel = host.onExit(cancel);
  advance(undefined);
}

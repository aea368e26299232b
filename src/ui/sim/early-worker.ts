import type { HelloMessage } from '../../protocol/messages';

/**
 * The simulation worker, started by the boot module before React and the canvas load: the
 * worker's chunk downloads, parses and builds the cluster while the page's own JavaScript
 * is still loading. The SimClient adopts it (and what it already said) once it exists.
 */

export type BacklogItem = { kind: 'message'; data: unknown } | { kind: 'error'; message: string };

export interface EarlyWorker {
  worker: Worker;
  hello: HelloMessage;
  /** What the worker posted (or how it failed) before the client took over, in order. */
  backlog: BacklogItem[];
}

let early: EarlyWorker | undefined;

export function createSimWorker(): Worker {
  return new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
}

export function startEarlyWorker(hello: HelloMessage): void {
  if (early) return;
  const worker = createSimWorker();
  const backlog: BacklogItem[] = [];
  worker.onmessage = (ev: MessageEvent<unknown>) => backlog.push({ kind: 'message', data: ev.data });
  worker.onerror = (ev: ErrorEvent) => {
    ev.preventDefault();
    backlog.push({ kind: 'error', message: ev.message || 'unknown error' });
  };
  worker.postMessage(hello);
  early = { worker, hello, backlog };
}

/** Hands the early worker over, once. */
export function takeEarlyWorker(): EarlyWorker | undefined {
  const e = early;
  early = undefined;
  return e;
}

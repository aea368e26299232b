/// <reference lib="webworker" />
import type { HelloMessage, PageMessage, WorkerMessage } from '../protocol/messages';
import type { OpenRequest } from '../protocol/session';
import { checkPageMessage } from '../protocol/validate';
import { PROTOCOL_VERSION } from '../protocol/version';
import { SimHost } from './host';
import type { Source } from './source';
import { SyntheticSource } from './synthetic-source';

/**
 * Worker entry: one SimHost (one engine) for the lifetime of this worker.
 *
 * The engine (with the scenarios, Helm charts and YAML it reads) is its own chunk, imported
 * when a message first needs it: this entry stays small, so a session that never runs the
 * engine (the synthetic cluster of the page benchmarks) posts its first snapshot without
 * downloading and parsing it. Messages that arrive while it loads wait, in order.
 */

declare const self: DedicatedWorkerGlobalScope;

type EngineModule = typeof import('./restore');

let engine: EngineModule | undefined;
let loading = false;
const waiting: PageMessage[] = [];

function loaded(): EngineModule {
  if (!engine) throw new Error('the simulation engine is not loaded');
  return engine;
}

function makeSource(hello: HelloMessage): Source {
  if (hello.synthetic) return new SyntheticSource(hello.synthetic);
  return loaded().sourceForHello(hello);
}

function makeSourceAt(hello: HelloMessage): { source: Source; atMs: number } {
  if (hello.synthetic) return { source: new SyntheticSource(hello.synthetic), atMs: 0 };
  return loaded().sourceAtForHello(hello);
}

function open(req: OpenRequest): { ok: true; source: Source; notices: string[] } | { ok: false; errors: string[] } {
  return loaded().openSession(req);
}

function openAt(req: OpenRequest): { ok: true; source: Source; atMs: number; notices: string[] } | { ok: false; errors: string[] } {
  return loaded().openSessionAt(req);
}

const host = new SimHost({
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  post: (msg: WorkerMessage) => self.postMessage(msg),
  makeSource,
  makeSourceAt,
  open,
  openAt,
});

/** Messages that build an engine session (everything else works on the session there is). */
function needsEngine(msg: PageMessage): boolean {
  return (msg.type === 'hello' && !msg.synthetic) || (msg.type === 'request' && msg.query.kind === 'open');
}

function loadEngine(): void {
  if (loading) return;
  loading = true;
  import('./restore').then(
    (m) => {
      engine = m;
      for (const msg of waiting.splice(0)) host.handle(msg);
    },
    (e: unknown) => {
      const message = `the simulation engine could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
      self.postMessage({ type: 'error', v: PROTOCOL_VERSION, message, fatal: true } satisfies WorkerMessage);
    },
  );
}

self.onmessage = (ev: MessageEvent<unknown>) => {
  const checked = checkPageMessage(ev.data);
  if (!checked.ok) {
    self.postMessage({ type: 'error', v: PROTOCOL_VERSION, message: checked.reason, fatal: false } satisfies WorkerMessage);
    return;
  }
  const msg = checked.msg;
  if (engine || (waiting.length === 0 && !needsEngine(msg))) {
    host.handle(msg);
    return;
  }
  waiting.push(msg);
  loadEngine();
};

/// <reference lib="webworker" />
import type { HelloMessage, WorkerMessage } from '../protocol/messages';
import { checkPageMessage } from '../protocol/validate';
import { PROTOCOL_VERSION } from '../protocol/version';
import { EngineSource } from './engine-source';
import { SimHost } from './host';
import type { Source } from './source';
import { SyntheticSource } from './synthetic-source';

/** Worker entry: one SimHost (one engine) for the lifetime of this worker. */

declare const self: DedicatedWorkerGlobalScope;

function makeSource(hello: HelloMessage): Source {
  if (hello.synthetic) return new SyntheticSource(hello.synthetic);
  return new EngineSource(hello.scenario);
}

const host = new SimHost({
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  post: (msg: WorkerMessage) => self.postMessage(msg),
  makeSource,
});

self.onmessage = (ev: MessageEvent<unknown>) => {
  const checked = checkPageMessage(ev.data);
  if (!checked.ok) {
    self.postMessage({ type: 'error', v: PROTOCOL_VERSION, message: checked.reason, fatal: false } satisfies WorkerMessage);
    return;
  }
  host.handle(checked.msg);
};

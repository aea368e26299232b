import { useUi } from '../ui-store';
import { SimClient } from './client';
import { createSimWorker } from './early-worker';

/** The one SimClient of this page, created at module load (StrictMode-safe). */
export const sim = new SimClient({
  createWorker: createSimWorker,
  now: () => performance.now(),
  setInterval: (fn, ms) => window.setInterval(fn, ms),
  clearInterval: (h) => window.clearInterval(typeof h === 'number' ? h : undefined),
  notify: (message) => useUi.getState().setNotice(message),
  currentLink: () => window.location.hash,
});

/**
 * Page entry. It is deliberately tiny: it starts the simulation worker first, so the
 * worker's download, parse and cluster boot overlap with loading React and the canvas
 * (the L2 first-paint budget), then loads the app.
 */
import { PROTOCOL_VERSION } from '../protocol/version';
import { startEarlyWorker } from './sim/early-worker';
import { pageOptions } from './sim/page-options';

const opts = pageOptions(window.location.search);
const { scenario, synthetic, fault, speed, paused } = opts;
// A share link (or the moment a reload keeps) rides in the fragment: the worker checks it and opens it paused.
const link = window.location.hash.length > 1 ? window.location.hash : undefined;
startEarlyWorker({ type: 'hello', v: PROTOCOL_VERSION, scenario, synthetic, fault, speed, paused: paused || link !== undefined || undefined, link });
void import('./main');

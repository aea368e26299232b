import type { SyntheticSpec } from '../../protocol/messages';
import type { Speed } from '../../protocol/records';

/** Page options from the URL: `?scenario=`, `?speed=`, `?synthetic=100x30&churn=500` (benchmarks). */
export interface PageOptions {
  scenario?: string;
  synthetic?: SyntheticSpec;
  speed?: Speed;
  /** `?paused=1`: the clock starts stopped (Play or Step moves it). */
  paused?: boolean;
  fault?: 'throw' | 'hang';
}

/** Reads the query string as untrusted input: anything malformed is ignored. */
export function pageOptions(search: string): PageOptions {
  const p = new URLSearchParams(search);
  const out: PageOptions = {};
  const fault = p.get('fault');
  if (fault === 'throw' || fault === 'hang') out.fault = fault;
  const scenario = p.get('scenario');
  if (scenario && /^[a-z0-9-]{1,64}$/.test(scenario)) out.scenario = scenario;
  const syn = /^(\d{1,4})x(\d{1,3})$/.exec(p.get('synthetic') ?? '');
  if (syn) out.synthetic = { nodes: Number(syn[1]), podsPerNode: Number(syn[2]), churnPerSec: Math.min(Number(p.get('churn') ?? 0) || 0, 100_000) };
  // `&traffic=200`: that many traffic edges between the synthetic nodes (U3-flows benchmark).
  const traffic = /^\d{1,4}$/.test(p.get('traffic') ?? '') ? Number(p.get('traffic')) : 0;
  if (out.synthetic && traffic > 0) out.synthetic.traffic = traffic;
  const speed = p.get('speed');
  if (speed === '1' || speed === '10' || speed === '60') out.speed = speed === '1' ? 1 : speed === '10' ? 10 : 60;
  else if (speed === 'max') out.speed = 'max';
  if (p.get('paused') === '1') out.paused = true;
  return out;
}

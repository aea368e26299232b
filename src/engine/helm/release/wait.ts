import { logPhase, type HelmContext } from './context';
import { nsArg, type KubeResource } from './kube';
import { isReady } from './ready';
import type { Task } from './task';

/** Helm 3 polls readiness every 2 s (wait.PollUntilContextCancel, immediate). */
export const WAIT_POLL_MS = 2000;

/** Go's time.Duration.String for whole milliseconds: `5m0s`, `1h0m0s`, `1.5s`, `300ms`, `0s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sMs = ms % 60_000;
  const s = sMs % 1000 === 0 ? String(sMs / 1000) : (sMs / 1000).toFixed(3).replace(/0+$/, '');
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** Kube client Wait: poll until every resource is ready (in order, stopping at the first that is not) or the timeout. */
export function* waitForResources(ctx: HelmContext, resources: readonly KubeResource[], timeoutMs: number, waitForJobs = false): Task<string | undefined> {
  logPhase(ctx, 'wait', `beginning wait for ${resources.length} resources with timeout of ${goDuration(timeoutMs)}`);
  const deadline = ctx.env.now() + timeoutMs;
  const maxPolls = Math.ceil(timeoutMs / WAIT_POLL_MS) + 1;
  for (let poll = 0; poll < maxPolls; poll++) {
    // At the deadline the context wins over the ticker: no last check.
    if (poll > 0 && ctx.env.now() >= deadline) break;
    const notReady = resources.find((r) => !isReady(ctx, r, waitForJobs));
    if (!notReady) {
      logPhase(ctx, 'wait', `all ${resources.length} resources ready`);
      return undefined;
    }
    if (poll === 0) logPhase(ctx, 'wait', `${notReady.r.kind} is not ready: ${notReady.namespace ? `${notReady.namespace}/` : ''}${notReady.name}`, { kind: notReady.r.kind, name: notReady.name, ...(nsArg(notReady) ? { namespace: notReady.namespace } : {}) });
    const left = deadline - ctx.env.now();
    if (left <= 0) break;
    yield { type: 'sleep', ms: Math.min(WAIT_POLL_MS, left), label: 'wait-poll' };
  }
  logPhase(ctx, 'wait', 'context deadline exceeded');
  return 'context deadline exceeded';
}

/** WaitForDelete: poll until none of the resources exists any more. */
export function* waitForDelete(ctx: HelmContext, resources: readonly KubeResource[], timeoutMs: number): Task<string | undefined> {
  const deadline = ctx.env.now() + timeoutMs;
  const maxPolls = Math.ceil(timeoutMs / WAIT_POLL_MS) + 1;
  for (let poll = 0; poll < maxPolls; poll++) {
    const remaining = resources.filter((r) => ctx.api.get(ctx.req, r.r.resource, nsArg(r), r.name).ok);
    if (remaining.length === 0) return undefined;
    const left = deadline - ctx.env.now();
    if (left <= 0) break;
    yield { type: 'sleep', ms: Math.min(WAIT_POLL_MS, left), label: 'wait-delete-poll' };
  }
  return 'timed out waiting for the condition';
}

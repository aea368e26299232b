import type { Condition, Job, KubeObject, Pod } from '../../api/types';
import type { HookEvent } from '../manifests';
import { logPhase, type HelmContext } from './context';
import { multiError } from './errors';
import { buildManifest, nsArg, type KubeResource } from './kube';
import { createResources, deleteResources } from './kube-ops';
import type { Release, ReleaseHook } from './release';
import type { Task, WatchVerdict } from './task';
import { waitForDelete } from './wait';

/**
 * pkg/action/hooks.go execHook: the release's hooks for one event, by weight then name;
 * each is (re)created and watched until ready — Jobs until complete, Pods until
 * Succeeded, anything else at once — and deleted according to its delete policies.
 */

const BEFORE_HOOK_CREATION = 'before-hook-creation';
const HOOK_SUCCEEDED = 'hook-succeeded';
const HOOK_FAILED = 'hook-failed';

function byWeight(a: ReleaseHook, b: ReleaseHook): number {
  return a.weight - b.weight || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function jobVerdict(obj: KubeObject | undefined, name: string): WatchVerdict {
  if (!obj) return { done: true };
  const conditions: readonly Condition[] = (obj as Job).status?.conditions ?? [];
  for (const c of conditions) {
    if (c.type === 'Complete' && c.status === 'True') return { done: true };
    if (c.type === 'Failed' && c.status === 'True') return { done: true, error: `job ${name} failed: ${c.reason ?? ''}` };
  }
  return { done: false };
}

function podVerdict(obj: KubeObject | undefined, name: string): WatchVerdict {
  if (!obj) return { done: true };
  const phase = (obj as Pod).status?.phase;
  if (phase === 'Succeeded') return { done: true };
  if (phase === 'Failed') return { done: true, error: `pod ${name} failed` };
  return { done: false };
}

/** watchUntilReady over a hook's resources; errors gathered as the kube client's perform does. */
function* watchUntilReady(ctx: HelmContext, resources: readonly KubeResource[], timeoutMs: number): Task<string | undefined> {
  const errors: string[] = [];
  for (const res of resources) {
    const kind = res.r.kind;
    if (kind !== 'Job' && kind !== 'Pod') continue;
    const err = yield {
      type: 'watch',
      resource: res.r.resource,
      namespace: nsArg(res),
      name: res.name,
      timeoutMs,
      timeoutError: 'timed out waiting for the condition',
      check: (obj) => (kind === 'Job' ? jobVerdict(obj, res.name) : podVerdict(obj, res.name)),
    };
    if (err !== undefined) errors.push(err);
  }
  return errors.length > 0 ? multiError(errors) : undefined;
}

function* deleteHookByPolicy(ctx: HelmContext, rel: Release, h: ReleaseHook, policy: string, timeoutMs: number): Task<string | undefined> {
  // Never delete CustomResourceDefinitions: that would cascade into every custom resource.
  if (h.kind === 'CustomResourceDefinition' || !h.deletePolicies.includes(policy)) return undefined;
  const built = buildManifest(h.manifest, rel.namespace);
  if (!built.ok) return `unable to build kubernetes object for deleting hook ${h.path}: ${built.error}`;
  const errs = deleteResources(ctx, built.resources);
  if (errs.length > 0) return errs.join('; ');
  return yield* waitForDelete(ctx, built.resources, timeoutMs);
}

/** Runs the `event` hooks of `rel`; returns the error text (the caller adds `failed pre-install: ` and the like). */
export function* execHook(ctx: HelmContext, rel: Release, event: HookEvent, timeoutMs: number): Task<string | undefined> {
  const executing = rel.hooks.filter((h) => h.events.includes(event)).sort(byWeight);
  for (let i = 0; i < executing.length; i++) {
    const hook = executing[i]!;
    if (hook.deletePolicies.length === 0) hook.deletePolicies = [BEFORE_HOOK_CREATION];
    const pre = yield* deleteHookByPolicy(ctx, rel, hook, BEFORE_HOOK_CREATION, timeoutMs);
    if (pre) return pre;
    const built = buildManifest(hook.manifest, rel.namespace);
    if (!built.ok) return `unable to build kubernetes object for ${event} hook ${hook.path}: ${built.error}`;
    hook.lastRun = { startedAt: ctx.env.now(), phase: 'Running' };
    ctx.storage.update(rel);
    hook.lastRun.phase = 'Unknown';
    logPhase(ctx, 'apply', `${event} hook ${hook.kind}/${hook.name} (weight ${hook.weight})`, { kind: hook.kind, name: hook.name, namespace: rel.namespace });
    const createErr = createResources(ctx, built.resources);
    if (createErr) {
      hook.lastRun = { ...hook.lastRun, completedAt: ctx.env.now(), phase: 'Failed' };
      return `warning: Hook ${event} ${hook.path} failed: ${createErr}`;
    }
    const err = yield* watchUntilReady(ctx, built.resources, timeoutMs);
    hook.lastRun.completedAt = ctx.env.now();
    if (err) {
      hook.lastRun.phase = 'Failed';
      logPhase(ctx, 'apply', `${event} hook ${hook.name} failed`);
      yield* deleteHookByPolicy(ctx, rel, hook, HOOK_FAILED, timeoutMs);
      for (const prev of executing.slice(0, i)) {
        const delErr = yield* deleteHookByPolicy(ctx, rel, prev, HOOK_SUCCEEDED, timeoutMs);
        if (delErr) return delErr;
      }
      return err;
    }
    hook.lastRun.phase = 'Succeeded';
    logPhase(ctx, 'apply', `${event} hook ${hook.name} succeeded`);
  }
  for (let i = executing.length - 1; i >= 0; i--) {
    const delErr = yield* deleteHookByPolicy(ctx, rel, executing[i]!, HOOK_SUCCEEDED, timeoutMs);
    if (delErr) return delErr;
  }
  return undefined;
}

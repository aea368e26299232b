import { logPhase, type HelmContext } from './context';
import { HelmError, helmFail } from './errors';
import { execHook } from './hooks';
import { buildManifest } from './kube';
import { updateResources } from './kube-ops';
import { setStatus, ReleaseStatus, type Release } from './release';
import { ERR_RELEASE_NOT_FOUND } from './storage';
import type { Task } from './task';
import { validateReleaseName } from './validate';
import { waitForResources } from './wait';

/** pkg/action/rollback.go: a new revision that copies an old one's chart, values and manifest. */

export interface RollbackOptions {
  readonly name: string;
  readonly namespace: string;
  /** 0: the revision before the current one. */
  readonly version: number;
  readonly wait: boolean;
  readonly waitForJobs: boolean;
  readonly timeoutMs: number;
  readonly disableHooks: boolean;
  readonly maxHistory: number;
}

export type RollbackResult = { ok: true; release: Release } | { ok: false; error: string };

function prepareRollback(ctx: HelmContext, o: RollbackOptions): { current: Release; target: Release; previousVersion: number } {
  if (validateReleaseName(o.name)) helmFail(`prepareRollback: Release name is invalid: ${o.name}`);
  if (o.version < 0) helmFail('invalid release revision number');
  const history = ctx.storage.history(o.name, o.namespace);
  const current = history.at(-1);
  if (!current) helmFail(ERR_RELEASE_NOT_FOUND);
  const previousVersion = o.version === 0 ? current.version - 1 : o.version;
  const previous = history.find((r) => r.version === previousVersion);
  if (!previous) helmFail(`release has no ${previousVersion} version`);
  const target: Release = {
    name: o.name,
    namespace: current.namespace,
    version: current.version + 1,
    info: {
      firstDeployed: current.info.firstDeployed,
      lastDeployed: ctx.env.now(),
      status: ReleaseStatus.PendingRollback,
      notes: previous.info.notes,
      description: `Rollback to ${previousVersion}`,
    },
    chart: previous.chart,
    config: previous.config,
    manifest: previous.manifest,
    hooks: previous.hooks.map((h) => ({ ...h, lastRun: {} })),
  };
  return { current, target, previousVersion };
}

function* performRollback(ctx: HelmContext, o: RollbackOptions, current: Release, target: Release): Task<void> {
  const cur = buildManifest(current.manifest, current.namespace);
  if (!cur.ok) helmFail(`unable to build kubernetes objects from current release manifest: ${cur.error}`);
  const tgt = buildManifest(target.manifest, target.namespace, { name: target.name, namespace: target.namespace });
  if (!tgt.ok) helmFail(`unable to build kubernetes objects from new release manifest: ${tgt.error}`);
  if (!o.disableHooks) {
    const err = yield* execHook(ctx, target, 'pre-rollback', o.timeoutMs);
    if (err) helmFail(err);
  }
  const updated = updateResources(ctx, cur.resources, tgt.resources);
  if (updated.error) {
    setStatus(current, ReleaseStatus.Superseded, current.info.description);
    setStatus(target, ReleaseStatus.Failed, `Rollback ${JSON.stringify(target.name)} failed: ${updated.error}`);
    ctx.storage.update(current);
    ctx.storage.update(target);
    helmFail(updated.error);
  }
  if (o.wait) {
    const err = yield* waitForResources(ctx, tgt.resources, o.timeoutMs, o.waitForJobs);
    if (err) {
      setStatus(target, ReleaseStatus.Failed, `Release ${JSON.stringify(target.name)} failed: ${err}`);
      ctx.storage.update(current);
      ctx.storage.update(target);
      helmFail(`release ${target.name} failed: ${err}`);
    }
  }
  if (!o.disableHooks) {
    const err = yield* execHook(ctx, target, 'post-rollback', o.timeoutMs);
    if (err) helmFail(err);
  }
  // Supersede every previously deployed revision (helm/helm#2941).
  for (const rel of ctx.storage.deployedAll(current.name, current.namespace)) {
    setStatus(rel, ReleaseStatus.Superseded, rel.info.description);
    ctx.storage.update(rel);
  }
  target.info.status = ReleaseStatus.Deployed;
}

export function* rollback(ctx: HelmContext, o: RollbackOptions): Task<RollbackResult> {
  try {
    const { current, target, previousVersion } = prepareRollback(ctx, o);
    logPhase(ctx, 'command', `rolling back ${o.name} (current: v${current.version}, target: v${previousVersion})`);
    const stored = ctx.storage.create(target, o.maxHistory);
    if (!stored.ok) helmFail(stored.error);
    logPhase(ctx, 'apply', `release ${o.name} revision ${target.version}: ${target.info.status}`);
    yield* performRollback(ctx, o, current, target);
    const updated = ctx.storage.update(target);
    if (!updated.ok) helmFail(updated.error);
    logPhase(ctx, 'command', `release ${o.name} revision ${target.version}: deployed`);
    return { ok: true, release: target };
  } catch (e) {
    if (e instanceof HelmError) return { ok: false, error: e.message };
    throw e;
  }
}

import type { Chart } from '../chart';
import { coalesceValues, mergeMaps } from '../values';
import type { GoMap } from '../template/value';
import { logPhase, type HelmContext } from './context';
import { HelmError, helmFail } from './errors';
import { execHook } from './hooks';
import { buildManifest, buildObjects, resourceKey, type KubeResource } from './kube';
import { existingResourceConflict, updateResources } from './kube-ops';
import { recordCancelled, type ActionResult } from './install';
import { isPending, releaseChart, releaseHooks, setStatus, ReleaseStatus, type Release } from './release';
import { renderStep, type UserValues } from './render-step';
import { rollback } from './rollback';
import { noDeployedReleases } from './storage';
import { TaskCancelled, type Task } from './task';
import { validateReleaseName } from './validate';
import { waitForResources } from './wait';

/** pkg/action/upgrade.go (Helm 3): a new revision, a three-way update, the old one superseded. */

export interface UpgradeOptions {
  readonly name: string;
  readonly namespace: string;
  readonly chart: Chart;
  readonly values: UserValues;
  readonly reuseValues: boolean;
  readonly resetValues: boolean;
  readonly wait: boolean;
  readonly waitForJobs: boolean;
  readonly atomic: boolean;
  readonly timeoutMs: number;
  readonly disableHooks: boolean;
  readonly maxHistory: number;
  readonly description: string;
}

/** reuseValues: `--reuse-values` lays the new values over the old ones (and the old chart defaults); no values at all keeps the old ones. */
function valuesFor(o: UpgradeOptions, current: Release): { user: GoMap; defaults?: GoMap } {
  if (o.resetValues) return { user: o.values.values };
  if (o.reuseValues) {
    const old = coalesceValues(current.chart.values, current.config).values;
    return { user: mergeMaps(current.config, o.values.values), defaults: old };
  }
  if (Object.keys(o.values.values).length === 0 && Object.keys(current.config).length > 0) return { user: current.config };
  return { user: o.values.values };
}

function prepareUpgrade(ctx: HelmContext, o: UpgradeOptions, warnings: string[]): { current: Release; upgraded: Release; target: KubeResource[] } {
  const last = ctx.storage.last(o.name, o.namespace);
  if (!last) helmFail(noDeployedReleases(o.name));
  if (isPending(last.info.status)) helmFail('another operation (install/upgrade/rollback) is in progress');
  let current: Release | undefined = last;
  if (last.info.status !== ReleaseStatus.Deployed) {
    current = ctx.storage.deployed(o.name, o.namespace);
    if (!current && (last.info.status === ReleaseStatus.Failed || last.info.status === ReleaseStatus.Superseded)) current = last;
    if (!current) helmFail(noDeployedReleases(o.name));
  }
  const { user, defaults } = valuesFor(o, current);
  const revision = last.version + 1;
  const r = renderStep(ctx, o.chart, { ...o.values, values: user }, { name: o.name, namespace: current.namespace, revision, isInstall: false, isUpgrade: true }, defaults);
  if (!r.ok) helmFail(r.error);
  warnings.push(...r.warnings);
  const upgraded: Release = {
    name: o.name, namespace: current.namespace, version: revision,
    info: { firstDeployed: current.info.firstDeployed, lastDeployed: ctx.env.now(), status: ReleaseStatus.PendingUpgrade, description: 'Preparing upgrade', notes: r.rendered.notes },
    chart: releaseChart(o.chart), config: user, manifest: r.rendered.manifestText, hooks: releaseHooks(r.rendered.hooks),
  };
  const target = buildObjects(r.rendered.manifests.map((m) => m.object), current.namespace, { name: o.name, namespace: current.namespace });
  if (!target.ok) helmFail(`unable to build kubernetes objects from new release manifest: ${target.error}`);
  return { current, upgraded, target: target.resources };
}

export function* upgrade(ctx: HelmContext, o: UpgradeOptions): Task<ActionResult> {
  const warnings: string[] = [];
  try {
    if (validateReleaseName(o.name)) helmFail(`release name is invalid: ${o.name}`);
    const { current, upgraded, target } = prepareUpgrade(ctx, o, warnings);
    const cur = buildManifest(current.manifest, current.namespace);
    if (!cur.ok) helmFail(`unable to build kubernetes objects from current release manifest: ${cur.error}`);
    const existing = new Set(cur.resources.map(resourceKey));
    const conflict = existingResourceConflict(ctx, target.filter((t) => !existing.has(resourceKey(t))), o.name, current.namespace);
    if (!conflict.ok) helmFail(`unable to continue with update: ${conflict.error}`);
    const original = [...cur.resources, ...conflict.adopt];
    const stored = ctx.storage.create(upgraded, o.maxHistory);
    if (!stored.ok) helmFail(stored.error);
    logPhase(ctx, 'apply', `release ${o.name} revision ${upgraded.version}: ${upgraded.info.status}`);
    let err: string | undefined;
    try {
      err = yield* releasingUpgrade(ctx, o, current, upgraded, original, target);
    } catch (e) {
      if (e instanceof TaskCancelled) recordCancelled(ctx, upgraded, `Upgrade ${JSON.stringify(o.name)} failed: ${e.message}`);
      throw e;
    }
    if (err !== undefined) yield* failUpgrade(ctx, o, upgraded, err);
    ctx.storage.update(upgraded);
    logPhase(ctx, 'command', `release ${o.name} revision ${upgraded.version}: deployed`);
    return { ok: true, release: upgraded, warnings };
  } catch (e) {
    if (e instanceof HelmError) return { ok: false, error: e.message, warnings };
    throw e;
  }
}

function* releasingUpgrade(ctx: HelmContext, o: UpgradeOptions, current: Release, upgraded: Release, original: readonly KubeResource[], target: readonly KubeResource[]): Task<string | undefined> {
  if (!o.disableHooks) {
    const err = yield* execHook(ctx, upgraded, 'pre-upgrade', o.timeoutMs);
    if (err) return `pre-upgrade hooks failed: ${err}`;
  }
  const updated = updateResources(ctx, original, target);
  if (updated.error) return updated.error;
  if (o.wait || o.atomic) {
    const err = yield* waitForResources(ctx, target, o.timeoutMs, o.waitForJobs);
    if (err) return err;
  }
  if (!o.disableHooks) {
    const err = yield* execHook(ctx, upgraded, 'post-upgrade', o.timeoutMs);
    if (err) return `post-upgrade hooks failed: ${err}`;
  }
  setStatus(current, ReleaseStatus.Superseded, current.info.description);
  ctx.storage.update(current);
  setStatus(upgraded, ReleaseStatus.Deployed, o.description || 'Upgrade complete');
  return undefined;
}

function* failUpgrade(ctx: HelmContext, o: UpgradeOptions, rel: Release, err: string): Task<never> {
  setStatus(rel, ReleaseStatus.Failed, `Upgrade ${JSON.stringify(rel.name)} failed: ${err}`);
  ctx.storage.update(rel);
  logPhase(ctx, 'command', `release ${rel.name} revision ${rel.version}: failed: ${err.trim()}`);
  if (!o.atomic) helmFail(err);
  const ok = ctx.storage.history(rel.name, rel.namespace).filter((r) => r.info.status === ReleaseStatus.Superseded || r.info.status === ReleaseStatus.Deployed);
  const last = ok.at(-1);
  if (!last) helmFail(`unable to find a previously successful release when attempting to rollback. original upgrade error: ${err}`);
  const rolled = yield* rollback(ctx, { name: rel.name, namespace: rel.namespace, version: last.version, wait: true, waitForJobs: o.waitForJobs, timeoutMs: o.timeoutMs, disableHooks: o.disableHooks, maxHistory: o.maxHistory });
  if (!rolled.ok) helmFail(`an error occurred while rolling back the release. original upgrade error: ${err}: ${rolled.error}`);
  helmFail(`release ${rel.name} failed, and has been rolled back due to atomic being set: ${err}`);
}

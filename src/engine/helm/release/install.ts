import type { Namespace } from '../../api/types';
import type { Chart } from '../chart';
import { logPhase, type HelmContext } from './context';
import { HelmError, helmFail } from './errors';
import { execHook } from './hooks';
import { buildObjects, type KubeResource } from './kube';
import { createResources, existingResourceConflict, updateResources } from './kube-ops';
import { releaseChart, releaseHooks, setStatus, ReleaseStatus, type Release } from './release';
import { DRY_RUN_DESCRIPTION } from './printers';
import { renderStep, type UserValues } from './render-step';
import { TaskCancelled, type Task } from './task';
import { uninstall } from './uninstall';
import { validateReleaseName } from './validate';
import { waitForResources } from './wait';

/** pkg/action/install.go, step by step (k8s-semantics §9.1). */

export interface InstallOptions {
  readonly name: string;
  readonly namespace: string;
  readonly chart: Chart;
  readonly values: UserValues;
  readonly createNamespace: boolean;
  readonly wait: boolean;
  readonly waitForJobs: boolean;
  readonly atomic: boolean;
  readonly timeoutMs: number;
  readonly disableHooks: boolean;
  /** Re-use the name of an uninstalled or failed release (upgrade --install does this). */
  readonly replace: boolean;
  readonly description: string;
  /** `--dry-run` (client): render and build, send nothing, store nothing. */
  readonly dryRun?: boolean;
}

export type ActionResult = { ok: true; release: Release; warnings: string[] } | { ok: false; error: string; warnings: string[] };

/** availableName: a valid name, not used by a release that still exists (unless replacing). */
function checkName(ctx: HelmContext, o: InstallOptions): void {
  const bad = validateReleaseName(o.name);
  if (bad) helmFail(`release name ${JSON.stringify(o.name)}: ${bad}`);
  // availableName bails out on a dry run: nothing would be stored under the name.
  if (o.dryRun) return;
  const last = ctx.storage.last(o.name, o.namespace);
  if (!last) return;
  if (o.replace && (last.info.status === ReleaseStatus.Uninstalled || last.info.status === ReleaseStatus.Failed)) return;
  helmFail('cannot re-use a name that is still in use');
}

function createNamespace(ctx: HelmContext, name: string): void {
  const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { name } } };
  logPhase(ctx, 'apply', `create namespace ${name}`, { kind: 'Namespace', name });
  const res = ctx.api.create(ctx.req, 'namespaces', undefined, ns);
  if (!res.ok && res.status.reason !== 'AlreadyExists') helmFail(res.status.message);
}

/** Ctrl-C while waiting: Helm cancels the context and records the release as failed. */
export function recordCancelled(ctx: HelmContext, rel: Release, description: string): void {
  setStatus(rel, ReleaseStatus.Failed, description);
  ctx.storage.update(rel);
  logPhase(ctx, 'command', `release ${rel.name} revision ${rel.version}: failed: context canceled`);
}

/** replaceRelease: the new release takes the next revision; the last one is superseded unless it failed. */
function replaceRelease(ctx: HelmContext, rel: Release): Release {
  const last = ctx.storage.last(rel.name, rel.namespace);
  if (!last) return rel;
  if (last.info.status !== ReleaseStatus.Failed) {
    setStatus(last, ReleaseStatus.Superseded, 'superseded by new release');
    ctx.storage.update(last);
  }
  return { ...rel, version: last.version + 1 };
}

export function* install(ctx: HelmContext, o: InstallOptions): Task<ActionResult> {
  const warnings: string[] = [];
  try {
    const rel = yield* runInstall(ctx, o, warnings);
    return { ok: true, release: rel, warnings };
  } catch (e) {
    if (e instanceof HelmError) return { ok: false, error: e.message, warnings };
    throw e;
  }
}

function* runInstall(ctx: HelmContext, o: InstallOptions, warnings: string[]): Task<Release> {
  checkName(ctx, o);
  const wait = o.wait || o.atomic;
  const r = renderStep(ctx, o.chart, o.values, { name: o.name, namespace: o.namespace, revision: 1, isInstall: true, isUpgrade: false });
  if (!r.ok) helmFail(r.error);
  warnings.push(...r.warnings);
  const now = ctx.env.now();
  let rel: Release = {
    name: o.name, namespace: o.namespace, version: 1,
    info: { firstDeployed: now, lastDeployed: now, description: 'Initial install underway', status: ReleaseStatus.PendingInstall, notes: r.rendered.notes },
    chart: releaseChart(o.chart), config: o.values.values, manifest: r.rendered.manifestText, hooks: releaseHooks(r.rendered.hooks),
  };
  const built = buildObjects(r.rendered.manifests.map((m) => m.object), o.namespace, { name: o.name, namespace: o.namespace });
  if (!built.ok) helmFail(`unable to build kubernetes objects from release manifest: ${built.error}`);
  if (o.dryRun) {
    rel.info.description = DRY_RUN_DESCRIPTION;
    logPhase(ctx, 'command', `release ${rel.name}: dry run complete, nothing sent to the API server`);
    return rel;
  }
  const conflict = existingResourceConflict(ctx, built.resources, o.name, o.namespace);
  if (!conflict.ok) helmFail(`Unable to continue with install: ${conflict.error}`);
  if (o.createNamespace) createNamespace(ctx, o.namespace);
  if (o.replace) rel = replaceRelease(ctx, rel);
  const stored = ctx.storage.create(rel);
  if (!stored.ok) helmFail(stored.error);
  logPhase(ctx, 'apply', `release ${rel.name} revision ${rel.version}: ${rel.info.status}`, { kind: 'Secret', namespace: rel.namespace, name: `sh.helm.release.v1.${rel.name}.v${rel.version}` });
  let err: string | undefined;
  try {
    err = yield* performInstall(ctx, o, rel, built.resources, conflict.adopt, wait);
  } catch (e) {
    if (e instanceof TaskCancelled) recordCancelled(ctx, rel, `Release ${JSON.stringify(o.name)} failed: ${e.message}`);
    throw e;
  }
  if (err === undefined) {
    logPhase(ctx, 'command', `release ${rel.name} revision ${rel.version}: ${rel.info.status}`);
    return rel;
  }
  return yield* failInstall(ctx, o, rel, err);
}

function* performInstall(ctx: HelmContext, o: InstallOptions, rel: Release, resources: readonly KubeResource[], adopt: readonly KubeResource[], wait: boolean): Task<string | undefined> {
  if (!o.disableHooks) {
    const err = yield* execHook(ctx, rel, 'pre-install', o.timeoutMs);
    if (err) return `failed pre-install: ${err}`;
  }
  if (resources.length > 0) {
    const err = adopt.length === 0 ? createResources(ctx, resources) : updateResources(ctx, resources.filter((x) => adopt.includes(x)), resources).error;
    if (err) return err;
  }
  if (wait) {
    const err = yield* waitForResources(ctx, resources, o.timeoutMs, o.waitForJobs);
    if (err) return err;
  }
  if (!o.disableHooks) {
    const err = yield* execHook(ctx, rel, 'post-install', o.timeoutMs);
    if (err) return `failed post-install: ${err}`;
  }
  setStatus(rel, ReleaseStatus.Deployed, o.description || 'Install complete');
  ctx.storage.update(rel);
  return undefined;
}

function* failInstall(ctx: HelmContext, o: InstallOptions, rel: Release, err: string): Task<never> {
  setStatus(rel, ReleaseStatus.Failed, `Release ${JSON.stringify(o.name)} failed: ${err}`);
  logPhase(ctx, 'command', `release ${rel.name} failed: ${err.trim()}`);
  if (o.atomic) {
    const un = yield* uninstall(ctx, { name: o.name, namespace: o.namespace, keepHistory: false, disableHooks: o.disableHooks, wait: false, timeoutMs: o.timeoutMs, description: '' });
    if (!un.ok) helmFail(`an error occurred while uninstalling the release. original install error: ${err}: ${un.error}`);
    helmFail(`release ${o.name} failed, and has been uninstalled due to atomic being set: ${err}`);
  }
  ctx.storage.update(rel);
  helmFail(err);
}
